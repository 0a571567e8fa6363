//! The three-way merge: scenarios, and the property test of issue 16 (two replicas, random edit
//! sequences, each merges the other's: identical results, no lost edit).
#![expect(clippy::unwrap_used, reason = "tests")]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::model::stamps::{RecordKey, Stamper};
use rapport::model::{ChannelId, Contact, ContactId, Dataset, Edit, Interaction, InteractionId};
use rapport::sync::{ChangeKind, merge};
use serde_json::Value;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
}

fn on(ds: &mut Dataset, device: &str, second: i64) {
    ds.set_stamper(Stamper {
        device: device.to_owned(),
        fixed_time: Some(t0() + Duration::seconds(second)),
    });
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
}

/// A base with Ada and Bob and one interaction with each.
fn base() -> (Dataset, ContactId, ContactId, InteractionId) {
    let mut ds = Dataset::new();
    on(&mut ds, "base", 0);
    let ada = Contact::with_id(ContactId(1), "Ada", t0());
    let bob = Contact::with_id(ContactId(2), "Bob", t0());
    let mut it = Interaction::new(day(), vec![ada.id, bob.id], ChannelId(1));
    it.id = InteractionId(10);
    ds.apply(Edit::Batch(vec![
        Edit::PutContact(ada.clone()),
        Edit::PutContact(bob.clone()),
        Edit::PutInteraction(it.clone()),
    ]))
    .unwrap();
    (ds, ada.id, bob.id, it.id)
}

fn edit_contact(ds: &mut Dataset, id: ContactId, f: impl FnOnce(&mut Contact)) {
    let mut c = ds.contact(id).unwrap().clone();
    f(&mut c);
    ds.apply(Edit::PutContact(c)).unwrap();
}

fn both_ways(a: &Dataset, b: &Dataset, base: &Dataset) -> Dataset {
    let ab = merge(a, b, Some(base), t0()).unwrap();
    let ba = merge(b, a, Some(base), t0()).unwrap();
    assert_eq!(ab.data, ba.data);
    assert_eq!(ab.data.sync_meta(), ba.data.sync_meta());
    ab.data
}

#[test]
fn different_fields_of_one_contact_both_come_through() {
    let (base, ada, _, _) = base();
    let (mut a, mut b) = (base.clone(), base.clone());
    on(&mut a, "laptop", 10);
    edit_contact(&mut a, ada, |c| c.role = "Engineer".into());
    on(&mut b, "desktop", 20);
    edit_contact(&mut b, ada, |c| c.notes = "Likes tea".into());
    let merged = merge(&a, &b, Some(&base), t0()).unwrap();
    let c = merged.data.contact(ada).unwrap();
    assert_eq!(
        (c.role.as_str(), c.notes.as_str()),
        ("Engineer", "Likes tea")
    );
    assert!(merged.report.conflicts.is_empty());
    assert_eq!(
        merged.report.changes[0].kind,
        ChangeKind::Updated(vec!["notes".to_owned()])
    );
    assert_eq!(both_ways(&a, &b, &base), merged.data);
}

#[test]
fn the_same_field_changed_on_both_keeps_the_later_and_reports_the_other() {
    let (base, ada, _, _) = base();
    let (mut a, mut b) = (base.clone(), base.clone());
    on(&mut a, "laptop", 30);
    edit_contact(&mut a, ada, |c| c.notes = "later".into());
    on(&mut b, "desktop", 20);
    edit_contact(&mut b, ada, |c| c.notes = "earlier".into());
    // Another field edited on b after: the record is newer, the field is not.
    on(&mut b, "desktop", 40);
    edit_contact(&mut b, ada, |c| c.role = "CEO".into());
    let merged = merge(&b, &a, Some(&base), t0()).unwrap();
    let c = merged.data.contact(ada).unwrap();
    assert_eq!((c.notes.as_str(), c.role.as_str()), ("later", "CEO"));
    let conflict = &merged.report.conflicts[0];
    assert_eq!(conflict.field, "notes");
    assert_eq!(conflict.lost, Value::from("earlier"));
    assert!(conflict.kept_theirs);
    assert!(
        merged.report.to_string().contains("earlier"),
        "{}",
        merged.report
    );
    both_ways(&a, &b, &base);
    // Without a base the field times decide the same way.
    let no_base = merge(&b, &a, None, t0()).unwrap();
    assert_eq!(no_base.data, merged.data);
}

#[test]
fn without_a_base_a_field_changed_on_one_side_only_is_no_conflict() {
    let (base, ada, _, _) = base();
    let (mut a, mut b) = (base.clone(), base.clone());
    on(&mut a, "laptop", 10);
    edit_contact(&mut a, ada, |c| c.role = "Engineer".into());
    on(&mut b, "desktop", 20);
    edit_contact(&mut b, ada, |c| c.notes = "Likes tea".into());
    let m = merge(&a, &b, None, t0()).unwrap();
    let c = m.data.contact(ada).unwrap();
    assert_eq!(
        (c.role.as_str(), c.notes.as_str()),
        ("Engineer", "Likes tea")
    );
    assert!(m.report.conflicts.is_empty(), "{}", m.report);
}

#[test]
fn a_deletion_stays_deleted_unless_the_other_side_edited() {
    let (base, ada, bob, it) = base();
    let (mut a, mut b) = (base.clone(), base.clone());
    on(&mut a, "laptop", 10);
    a.apply(Edit::RemoveContact(bob)).unwrap();
    on(&mut b, "desktop", 20);
    edit_contact(&mut b, ada, |c| c.notes = "n".into());
    let merged = both_ways(&a, &b, &base);
    assert!(merged.contact(bob).is_none(), "the deletion was undone");
    assert_eq!(merged.interaction(it).unwrap().participants, vec![ada]);
    assert_eq!(merged.contact(ada).unwrap().notes, "n");
    // And without a base: the tombstone decides.
    assert!(
        merge(&b, &a, None, t0())
            .unwrap()
            .data
            .contact(bob)
            .is_none()
    );

    // An edit on the other side (even one made before the deletion) wins over it.
    let (mut a, mut b) = (base.clone(), base.clone());
    on(&mut b, "desktop", 5);
    edit_contact(&mut b, bob, |c| c.role = "Plumber".into());
    on(&mut a, "laptop", 10);
    a.apply(Edit::RemoveContact(bob)).unwrap();
    let m = merge(&a, &b, Some(&base), t0()).unwrap();
    assert_eq!(m.data.contact(bob).unwrap().role, "Plumber");
    assert!(
        m.report
            .changes
            .iter()
            .any(|c| c.key == RecordKey::Contact(bob))
    );
    assert!(m.data.sync_meta().tombstones.is_empty());
    both_ways(&a, &b, &base);
}

#[test]
fn an_interaction_logged_with_a_contact_deleted_elsewhere_keeps_the_contact() {
    let (base, ada, bob, _) = base();
    let (mut a, mut b) = (base.clone(), base.clone());
    on(&mut a, "laptop", 10);
    a.apply(Edit::RemoveContact(bob)).unwrap();
    on(&mut b, "desktop", 20);
    let mut it = Interaction::new(day(), vec![bob], ChannelId(3));
    it.summary = "call".into();
    b.apply(Edit::PutInteraction(it.clone())).unwrap();
    let merged = both_ways(&a, &b, &base);
    assert!(merged.interaction(it.id).is_some());
    assert!(
        merged.contact(bob).is_some(),
        "the new interaction needs Bob"
    );
    assert!(merged.contact(ada).is_some());
    let m = merge(&a, &b, Some(&base), t0()).unwrap();
    assert!(
        m.report
            .changes
            .iter()
            .any(|c| c.key == RecordKey::Contact(bob) && c.kind == ChangeKind::Added)
    );
}

#[test]
fn tombstones_older_than_the_limit_are_dropped() {
    let (base, _, bob, _) = base();
    let mut a = base.clone();
    on(&mut a, "laptop", 10);
    a.apply(Edit::RemoveContact(bob)).unwrap();
    let soon = merge(&a, &a, None, t0() + Duration::days(179)).unwrap();
    assert!(!soon.data.sync_meta().tombstones.is_empty());
    let later = merge(&a, &a, None, t0() + Duration::days(181)).unwrap();
    assert!(later.data.sync_meta().tombstones.is_empty());
}

// ---- The property test ----

#[derive(Clone, Debug)]
enum Op {
    AddContact(u8),
    EditContact(usize, u8, u8),
    DeleteContact(usize),
    AddInteraction(Vec<usize>, u8),
    EditInteraction(usize, u8, u8),
    DeleteInteraction(usize),
    /// Merge the second contact into the first (interactions move over).
    MergeContacts(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => any::<u8>().prop_map(Op::AddContact),
        5 => (any::<usize>(), 0..3u8, any::<u8>()).prop_map(|(i, f, v)| Op::EditContact(i, f, v)),
        1 => any::<usize>().prop_map(Op::DeleteContact),
        3 => (prop::collection::vec(any::<usize>(), 1..4), any::<u8>())
            .prop_map(|(p, v)| Op::AddInteraction(p, v)),
        3 => (any::<usize>(), 0..2u8, any::<u8>()).prop_map(|(i, f, v)| Op::EditInteraction(i, f, v)),
        1 => any::<usize>().prop_map(Op::DeleteInteraction),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::MergeContacts(a, b)),
    ]
}

const CONTACT_FIELDS: [&str; 3] = ["notes", "role", "organization"];
const INTERACTION_FIELDS: [&str; 2] = ["summary", "notes"];

/// What the test expects, written down as each edit is made: the last write of each field on
/// this side (with its time), the records deleted and the records written.
#[derive(Default)]
struct Log {
    writes: BTreeMap<(RecordKey, &'static str), (i64, String)>,
    deleted: BTreeSet<RecordKey>,
    written: BTreeSet<RecordKey>,
}

fn set_field(v: &mut String, new: String) {
    *v = new;
}

fn run(ds: &mut Dataset, device: &str, parity: i64, ops: &[Op], log: &mut Log, ids: &mut u64) {
    for (step, op) in ops.iter().enumerate() {
        let time = (step as i64 + 1) * 2 + parity;
        on(ds, device, time);
        let contacts: Vec<ContactId> = ds.contacts().iter().map(|c| c.id).collect();
        let interactions: Vec<InteractionId> = ds.interactions().iter().map(|i| i.id).collect();
        match op {
            Op::AddContact(v) => {
                *ids += 1;
                let c = Contact::with_id(ContactId(*ids), format!("P{v}"), t0());
                log.written.insert(RecordKey::Contact(c.id));
                ds.apply(Edit::PutContact(c)).unwrap();
            }
            Op::EditContact(i, f, v) if !contacts.is_empty() => {
                let id = contacts[i % contacts.len()];
                let field = CONTACT_FIELDS[*f as usize];
                let value = format!("{device}{v}@{time}");
                let mut c = ds.contact(id).unwrap().clone();
                match field {
                    "notes" => set_field(&mut c.notes, value.clone()),
                    "role" => set_field(&mut c.role, value.clone()),
                    _ => set_field(&mut c.organization, value.clone()),
                }
                ds.apply(Edit::PutContact(c)).unwrap();
                log.writes
                    .insert((RecordKey::Contact(id), field), (time, value));
                log.written.insert(RecordKey::Contact(id));
            }
            Op::DeleteContact(i) if !contacts.is_empty() => {
                let id = contacts[i % contacts.len()];
                for it in ds.interactions_of(id) {
                    if it.participants.len() == 1 {
                        log.deleted.insert(RecordKey::Interaction(it.id));
                    }
                }
                ds.apply(Edit::RemoveContact(id)).unwrap();
                log.deleted.insert(RecordKey::Contact(id));
            }
            Op::AddInteraction(ps, v) if !contacts.is_empty() => {
                let mut people: Vec<ContactId> =
                    ps.iter().map(|p| contacts[p % contacts.len()]).collect();
                people.sort_unstable();
                people.dedup();
                *ids += 1;
                let mut it = Interaction::new(day(), people, ChannelId(1 + u64::from(*v % 8)));
                it.id = InteractionId(*ids);
                log.written.insert(RecordKey::Interaction(it.id));
                ds.apply(Edit::PutInteraction(it)).unwrap();
            }
            Op::EditInteraction(i, f, v) if !interactions.is_empty() => {
                let id = interactions[i % interactions.len()];
                let field = INTERACTION_FIELDS[*f as usize];
                let value = format!("{device}{v}@{time}");
                let mut it = ds.interaction(id).unwrap().clone();
                if field == "summary" {
                    it.summary.clone_from(&value);
                } else {
                    it.notes.clone_from(&value);
                }
                ds.apply(Edit::PutInteraction(it)).unwrap();
                log.writes
                    .insert((RecordKey::Interaction(id), field), (time, value));
                log.written.insert(RecordKey::Interaction(id));
            }
            Op::DeleteInteraction(i) if !interactions.is_empty() => {
                let id = interactions[i % interactions.len()];
                ds.apply(Edit::RemoveInteraction(id)).unwrap();
                log.deleted.insert(RecordKey::Interaction(id));
            }
            Op::MergeContacts(i, j) if contacts.len() >= 2 => {
                let keep = contacts[i % contacts.len()];
                let gone = contacts[j % contacts.len()];
                if keep == gone {
                    continue;
                }
                let mut kept = ds.contact(keep).unwrap().clone();
                let value = format!("{}+{}", kept.notes, ds.contact(gone).unwrap().notes);
                kept.notes.clone_from(&value);
                let mut batch = vec![Edit::PutContact(kept)];
                for it in ds.interactions_of(gone) {
                    let mut it = it.clone();
                    it.participants.retain(|p| *p != gone && *p != keep);
                    it.participants.push(keep);
                    batch.push(Edit::PutInteraction(it));
                }
                batch.push(Edit::RemoveContact(gone));
                ds.apply(Edit::Batch(batch)).unwrap();
                log.writes
                    .insert((RecordKey::Contact(keep), "notes"), (time, value));
                log.written.insert(RecordKey::Contact(keep));
                log.deleted.insert(RecordKey::Contact(gone));
            }
            _ => {}
        }
    }
}

fn field(ds: &Dataset, key: RecordKey, f: &str) -> Option<String> {
    let v = match key {
        RecordKey::Contact(id) => serde_json::to_value(ds.contact(id)?).ok()?,
        RecordKey::Interaction(id) => serde_json::to_value(ds.interaction(id)?).ok()?,
        _ => return None,
    };
    Some(
        v.get(f)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    )
}

fn exists(ds: &Dataset, key: RecordKey) -> bool {
    match key {
        RecordKey::Contact(id) => ds.contact(id).is_some(),
        RecordKey::Interaction(id) => ds.interaction(id).is_some(),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn two_replicas_merge_to_the_same_data_with_no_lost_edit(
        a_ops in prop::collection::vec(op(), 0..12),
        b_ops in prop::collection::vec(op(), 0..12),
    ) {
        let (base, _, _, _) = base();
        let (mut a, mut b) = (base.clone(), base.clone());
        let (mut la, mut lb) = (Log::default(), Log::default());
        // Distinct id ranges, as random ids would be.
        let (mut ia, mut ib) = (1_000, 1_000_000);
        run(&mut a, "laptop", 0, &a_ops, &mut la, &mut ia);
        run(&mut b, "desktop", 1, &b_ops, &mut lb, &mut ib);

        let ab = merge(&a, &b, Some(&base), t0()).unwrap();
        let ba = merge(&b, &a, Some(&base), t0()).unwrap();
        prop_assert_eq!(&ab.data, &ba.data, "data");
        prop_assert_eq!(ab.data.sync_meta(), ba.data.sync_meta(), "meta");
        let merged = &ab.data;

        for (mine, other) in [(&la, &lb), (&lb, &la)] {
            // Every field write not overridden by a later write of the same field is there.
            for ((key, f), (time, value)) in &mine.writes {
                // A later deletion on the same side overrides the write as well.
                let overridden = mine.deleted.contains(key) || other
                    .writes
                    .get(&(*key, *f))
                    .is_some_and(|(t, _)| t > time);
                if overridden {
                    continue;
                }
                match field(merged, *key, f) {
                    Some(got) => prop_assert_eq!(&got, value, "{} {}", key, f),
                    None => prop_assert!(
                        mine.deleted.contains(key) || other.deleted.contains(key),
                        "{} vanished without a deletion", key
                    ),
                }
            }
            // Records written and never deleted are there.
            for key in &mine.written {
                if !mine.deleted.contains(key) && !other.deleted.contains(key) {
                    prop_assert!(exists(merged, *key), "{} lost", key);
                }
            }
            // A deletion holds unless the other side wrote the record (an edit wins), or a kept
            // interaction needs the contact.
            for key in &mine.deleted {
                if exists(merged, *key) && !other.written.contains(key) {
                    let needed = match key {
                        RecordKey::Contact(id) => merged.interactions_of(*id).next().is_some(),
                        _ => false,
                    };
                    prop_assert!(needed, "{} came back", key);
                }
            }
        }
        // Without a base (a conflict copy) both devices still end identical.
        let ab0 = merge(&a, &b, None, t0()).unwrap();
        let ba0 = merge(&b, &a, None, t0()).unwrap();
        prop_assert_eq!(&ab0.data, &ba0.data, "no base: data");
        prop_assert_eq!(ab0.data.sync_meta(), ba0.data.sync_meta(), "no base: meta");

        // The merge is stable: merging the result with either side changes nothing.
        let again = merge(merged, &a, Some(&base), t0()).unwrap();
        prop_assert_eq!(&again.data, merged, "stable");
    }
}
