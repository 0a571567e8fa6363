//! Format version 2: per-record merge metadata (change time, device, field times), tombstones,
//! the migration from version 1, and the stamping done by `Dataset::apply`.
#![expect(clippy::unwrap_used, reason = "tests")]

use chrono::{DateTime, TimeZone, Utc};
use rapport::model::stamps::{RecordKey, Stamper};
use rapport::model::{ChannelId, Contact, ContactId, Dataset, Edit, Interaction};
use rapport::store::{self, Document, Problem};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, minute, 0).unwrap()
}

fn stamped(device: &str, minute: u32) -> Stamper {
    Stamper {
        device: device.to_owned(),
        fixed_time: Some(at(minute)),
    }
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

#[test]
fn a_version_1_file_opens_and_is_saved_as_version_2_with_nothing_lost() {
    let v1 = r#"{
  "format": "rapport",
  "version": 1,
  "hologram": {"kept": [1, 2]},
  "contacts": [
    {"id": "00000000000000aa", "display_name": "Ada", "notes": "n", "shoe_size": 38,
     "created": "2020-01-01T00:00:00Z", "updated": "2021-05-06T07:08:09Z"}
  ],
  "interactions": [
    {"id": "0000000000000001", "date": "2026-01-02", "participants": ["00000000000000aa"],
     "channel": "0000000000000001", "depth": 3, "mood": "good"}
  ]
}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.json");
    std::fs::write(&path, v1).unwrap();
    let doc = store::load(&path).unwrap();
    assert_eq!(doc.newer_version(), None);
    let ada = ContactId(0xaa);
    // The contact's `updated` time is the best stamp a version-1 file has.
    let meta = &doc.data.sync_meta().records[&RecordKey::Contact(ada)];
    assert_eq!(meta.stamp.at.to_rfc3339(), "2021-05-06T07:08:09+00:00");
    assert_eq!(meta.stamp.device, "");
    store::save(&doc, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"version\": 2"), "{text}");
    for kept in ["hologram", "shoe_size", "mood", "\"notes\": \"n\""] {
        assert!(text.contains(kept), "{kept} lost: {text}");
    }
    let again = store::load(&path).unwrap();
    assert_eq!(again.data, doc.data);
    assert_eq!(again.data.sync_meta(), doc.data.sync_meta());
    assert_eq!(again.extra, doc.extra);
}

#[test]
fn edits_stamp_what_they_touch_and_deletions_leave_tombstones() {
    let mut ds = Dataset::new();
    ds.set_stamper(stamped("laptop", 1));
    let ada = Contact::new("Ada");
    let bob = Contact::new("Bob");
    let solo = Interaction::new(date(), vec![ada.id], ChannelId(1));
    let group = Interaction::new(date(), vec![ada.id, bob.id], ChannelId(1));
    ds.apply(Edit::Batch(vec![
        Edit::PutContact(ada.clone()),
        Edit::PutContact(bob.clone()),
        Edit::PutInteraction(solo.clone()),
        Edit::PutInteraction(group.clone()),
    ]))
    .unwrap();
    let meta = |ds: &Dataset, key| ds.sync_meta().records.get(&key).cloned();
    let m = meta(&ds, RecordKey::Contact(ada.id)).unwrap();
    assert_eq!((m.stamp.at, m.stamp.device.as_str()), (at(1), "laptop"));
    assert!(m.fields.is_empty());

    // A field edit stamps the record and that field only.
    ds.set_stamper(stamped("desktop", 2));
    let mut edited = ada.clone();
    edited.notes = "met at the library".into();
    ds.apply(Edit::PutContact(edited)).unwrap();
    let m = meta(&ds, RecordKey::Contact(ada.id)).unwrap();
    assert_eq!((m.stamp.at, m.stamp.device.as_str()), (at(2), "desktop"));
    assert_eq!(m.fields.keys().collect::<Vec<_>>(), ["notes"]);
    assert_eq!(m.field_time("notes"), Some(at(2)));
    assert_eq!(m.field_time("display_name"), None);

    // Putting an unchanged record changes nothing.
    ds.set_stamper(stamped("desktop", 3));
    let same = ds.contact(bob.id).unwrap().clone();
    ds.apply(Edit::PutContact(same)).unwrap();
    assert_eq!(
        meta(&ds, RecordKey::Contact(bob.id)).unwrap().stamp.at,
        at(1)
    );

    // Deleting Ada: a tombstone for her and her one-person interaction; the group interaction
    // loses her as a participant and is stamped.
    ds.set_stamper(stamped("desktop", 4));
    let undo = ds.apply(Edit::RemoveContact(ada.id)).unwrap().inverse;
    let tombs = &ds.sync_meta().tombstones;
    let t = &tombs[&RecordKey::Contact(ada.id)];
    assert_eq!(t.deleted.at, at(4));
    assert_eq!(t.seen.as_ref().unwrap().at, at(2));
    assert!(tombs.contains_key(&RecordKey::Interaction(solo.id)));
    assert!(meta(&ds, RecordKey::Contact(ada.id)).is_none());
    let g = meta(&ds, RecordKey::Interaction(group.id)).unwrap();
    assert_eq!(g.field_time("participants"), Some(at(4)));
    assert_eq!(g.fields.len(), 1);

    // Undo brings the records back (stamped now) and removes their tombstones.
    ds.set_stamper(stamped("desktop", 5));
    ds.apply(undo).unwrap();
    assert!(ds.sync_meta().tombstones.is_empty());
    assert_eq!(
        meta(&ds, RecordKey::Contact(ada.id)).unwrap().stamp.at,
        at(5)
    );
}

#[test]
fn a_failed_edit_stamps_nothing() {
    let mut ds = Dataset::new();
    ds.set_stamper(stamped("laptop", 1));
    let ada = Contact::new("Ada");
    let before = ds.sync_meta().clone();
    let err = ds.apply(Edit::Batch(vec![
        Edit::PutContact(ada),
        Edit::RemoveInteraction(rapport::model::InteractionId(7)),
    ]));
    assert!(err.is_err());
    assert_eq!(ds.sync_meta(), &before);
}

#[test]
fn stamps_and_tombstones_survive_a_save_and_load() {
    let mut ds = Dataset::new();
    ds.set_stamper(stamped("laptop", 1));
    let ada = Contact::new("Ada");
    let bob = Contact::new("Bob");
    ds.apply(Edit::PutContact(ada.clone())).unwrap();
    ds.apply(Edit::PutContact(bob.clone())).unwrap();
    ds.set_stamper(stamped("laptop", 2));
    let mut a2 = ada.clone();
    a2.role = "Engineer".into();
    ds.apply(Edit::PutContact(a2)).unwrap();
    ds.apply(Edit::RemoveContact(bob.id)).unwrap();
    ds.apply(Edit::RemoveChannel(ChannelId(8))).unwrap();
    let mut settings = ds.settings().clone();
    settings.cadence.by_tier[0] = 10;
    ds.apply(Edit::SetSettings(settings)).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    store::save(&Document::new(ds.clone()), &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"tombstones\""), "{text}");
    assert!(text.contains("\"device\": \"laptop\""), "{text}");
    let back = store::load(&path).unwrap();
    assert_eq!(back.data, ds);
    assert_eq!(back.data.sync_meta(), ds.sync_meta());
    assert_eq!(ds.sync_meta().tombstones.len(), 2);
    assert!(ds.sync_meta().records.contains_key(&RecordKey::Settings));
}

#[test]
fn a_newer_file_is_still_refused_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    let text = r#"{"format": "rapport", "version": 3, "contacts": []}"#;
    std::fs::write(&path, text).unwrap();
    let doc = store::load(&path).unwrap();
    assert_eq!(doc.newer_version(), Some(3));
    let err = store::save(&doc, &path).unwrap_err();
    assert_eq!(
        err.problem,
        Problem::NewerVersion {
            found: 3,
            supported: 2
        }
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn bad_sync_data_is_named_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"format": "rapport", "version": 2, "contacts": [
  {"id": "00000000000000aa", "display_name": "Ada", "created": "2020-01-01T00:00:00Z",
   "updated": "2020-01-01T00:00:00Z", "sync": {"modified": "yesterday"}}]}"#,
    )
    .unwrap();
    let err = store::load(&path).unwrap_err().to_string();
    assert!(err.contains("bad.json"), "{err}");
    assert!(
        err.contains("sync data of contact 00000000000000aa"),
        "{err}"
    );

    std::fs::write(
        &path,
        r#"{"format": "rapport", "version": 2, "tombstones": [
  {"kind": "planet", "id": "1", "modified": "2026-01-01T00:00:00Z", "device": "x"}]}"#,
    )
    .unwrap();
    let err = store::load(&path).unwrap_err().to_string();
    assert!(err.contains("tombstones list names a planet"), "{err}");
}

#[test]
fn tombstones_past_their_time_go_with_the_next_deletion() {
    let mut ds = Dataset::new();
    ds.set_stamper(stamped("laptop", 1));
    let ada = Contact::new("Ada");
    let bob = Contact::new("Bob");
    ds.apply(Edit::PutContact(ada.clone())).unwrap();
    ds.apply(Edit::PutContact(bob.clone())).unwrap();
    ds.apply(Edit::RemoveContact(ada.id)).unwrap();
    ds.set_stamper(Stamper {
        device: "laptop".into(),
        fixed_time: Some(at(1) + chrono::Duration::days(181)),
    });
    ds.apply(Edit::RemoveContact(bob.id)).unwrap();
    let keys: Vec<_> = ds.sync_meta().tombstones.keys().copied().collect();
    assert_eq!(keys, [RecordKey::Contact(bob.id)]);
}
