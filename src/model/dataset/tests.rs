use super::*;
use crate::model::ChannelId;

fn day(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

#[test]
fn a_clone_is_unchanged_by_edits_to_the_original_and_back() {
    let mut data = Dataset::new();
    let a = Contact::new("Ada");
    let b = Contact::new("Ben");
    let (ia, ib) = (a.id, b.id);
    data.apply(Edit::PutContact(a)).unwrap();
    data.apply(Edit::PutContact(b)).unwrap();
    let it = Interaction::new(day(1), vec![ia, ib], ChannelId(1));
    data.apply(Edit::PutInteraction(it.clone())).unwrap();

    let snapshot = data.clone();
    let detached = data.detached();
    assert!(snapshot.interactions.shares_chunk(&data.interactions, 0));
    assert!(!detached.interactions.shares_chunk(&data.interactions, 0));

    // Every kind of write on the original after the clone.
    let mut renamed = data.contact(ia).unwrap().clone();
    renamed.display_name = "Ada L".into();
    data.apply(Edit::PutContact(renamed)).unwrap();
    data.apply(Edit::PutInteraction(Interaction::new(
        day(2),
        vec![ib],
        ChannelId(1),
    )))
    .unwrap();
    data.apply(Edit::RemoveInteraction(it.id)).unwrap();
    data.apply(Edit::RemoveContact(ia)).unwrap();

    assert_eq!(snapshot, detached);
    assert_eq!(snapshot.contact(ia).unwrap().display_name, "Ada");
    assert_eq!(snapshot.interaction(it.id), Some(&it));
    assert_eq!(snapshot.interactions().len(), 1);
    assert!(data.contact(ia).is_none());
    assert_eq!(data.interactions().len(), 1);
    assert_ne!(
        snapshot.sync_meta().records.len() + snapshot.sync_meta().tombstones.len(),
        data.sync_meta().records.len() + data.sync_meta().tombstones.len(),
        "the stamps of the later edits are the original's only"
    );

    // And writes on the clone leave the original alone.
    let mut other = data.clone();
    other.apply(Edit::RemoveContact(ib)).unwrap();
    assert!(data.contact(ib).is_some());
    assert_eq!(data.interactions().len(), 1);
    assert!(other.interactions().is_empty());
}

/// A dataset with three chunks of interactions and two of contacts, and a clone of it.
fn big() -> (Dataset, Vec<ContactId>) {
    use crate::model::chunked::CHUNK;
    let contacts: Vec<Contact> = (0..CHUNK + 5)
        .map(|i| {
            let mut c = Contact::new(format!("P{i}"));
            (c.created, c.updated) = (whole_second(c.created), whole_second(c.updated));
            c
        })
        .collect();
    let ids: Vec<ContactId> = contacts.iter().map(|c| c.id).collect();
    let interactions = (0..3 * CHUNK)
        .map(|i| Interaction::new(day(1), vec![ids[i % ids.len()]], ChannelId(1)))
        .collect();
    let mut data = Dataset::from_parts(
        contacts,
        default_channels(),
        interactions,
        Settings::default(),
    )
    .unwrap();
    // Stamps for every record, as a file saved by Rapport has.
    let mut meta = SyncMeta::default();
    let stamp = crate::model::stamps::RecordMeta {
        stamp: crate::model::stamps::Stamp::new(chrono::Utc::now(), "here"),
        fields: std::collections::BTreeMap::new(),
    };
    let keys = data.contacts().iter().map(|c| RecordKey::Contact(c.id));
    let keys = keys.chain(
        data.interactions()
            .iter()
            .map(|i| RecordKey::Interaction(i.id)),
    );
    meta.records = keys.map(|k| (k, stamp.clone())).collect();
    data.set_sync_meta(meta);
    (data, ids)
}

/// How many chunks of contacts and of interactions `a` and `b` no longer share.
fn copied(a: &Dataset, b: &Dataset) -> (usize, usize) {
    let n = |x: &Chunked<Contact>| x.chunks().count();
    let m = |x: &Chunked<Interaction>| x.chunks().count();
    (
        (0..n(&a.contacts).min(n(&b.contacts)))
            .filter(|&c| !a.contacts.shares_chunk(&b.contacts, c))
            .count(),
        (0..m(&a.interactions).min(m(&b.interactions)))
            .filter(|&c| !a.interactions.shares_chunk(&b.interactions, c))
            .count(),
    )
}

#[test]
fn an_edit_while_a_clone_lives_copies_only_the_chunks_it_writes() {
    use crate::model::chunked::CHUNK;
    let (mut data, ids) = big();
    let snapshot = data.clone();

    // Edit one interaction in the middle chunk.
    let mut it = data.interactions()[CHUNK + 3].clone();
    it.summary = "changed".into();
    data.apply(Edit::PutInteraction(it.clone())).unwrap();
    assert_eq!(copied(&data, &snapshot), (0, 1));
    // Remove an early interaction: its chunk only, and the others keep their order.
    let first = data.interactions()[0].id;
    data.apply(Edit::RemoveInteraction(first)).unwrap();
    assert_eq!(copied(&data, &snapshot), (0, 2));
    assert_eq!(data.interactions()[0].id, snapshot.interactions()[1].id);
    // Log a new one: the last chunk.
    let new = Interaction::new(day(2), vec![ids[0]], ChannelId(1));
    data.apply(Edit::PutInteraction(new.clone())).unwrap();
    assert_eq!(copied(&data, &snapshot).0, 0);
    assert_eq!(data.interactions().last(), Some(&new));
    // Rename a contact: one contact chunk.
    let mut c = data.contact(ids[3]).unwrap().clone();
    c.display_name = "Renamed".into();
    data.apply(Edit::PutContact(c)).unwrap();
    assert_eq!(copied(&data, &snapshot).0, 1);
    // The merge metadata: each edit copied at most a shard or two of the records' stamps.
    let shards = data
        .sync_meta()
        .records
        .shards_copied(&snapshot.sync_meta().records);
    assert!(shards <= 4, "{shards} shards of the stamps copied");

    assert_eq!(snapshot.interactions()[CHUNK + 3].summary, "");
    assert_eq!(snapshot.interactions()[0].id, first);
    assert_eq!(snapshot.interactions().len(), 3 * CHUNK);
    assert_eq!(snapshot.contact(ids[3]).unwrap().display_name, "P3");
    assert_eq!(data.interactions().len(), 3 * CHUNK);
    assert_eq!(data.interaction(it.id), Some(&it));
    assert_eq!(data.interaction(first), None);
    assert_eq!(data.contact_index(ids[4]), Some(4));
}

#[test]
fn removing_a_contact_writes_only_the_chunks_of_its_interactions() {
    use crate::model::chunked::CHUNK;
    let (mut data, ids) = big();
    // ids[0] has interactions at 0, CHUNK + 5, 2 * CHUNK + 10 (every len-th): give another
    // contact one in the first chunk only.
    let lone = Contact::new("Lone");
    let lone_id = lone.id;
    data.apply(Edit::PutContact(lone)).unwrap();
    let mut it = data.interactions()[7].clone();
    it.participants.push(lone_id);
    data.apply(Edit::PutInteraction(it)).unwrap();
    let snapshot = data.clone();
    let first = data.apply(Edit::RemoveContact(lone_id)).unwrap();
    assert_eq!(
        copied(&data, &snapshot).1,
        1,
        "one chunk of interactions copied"
    );
    assert_eq!(data.interactions()[7].participants.len(), 1);
    assert_eq!(snapshot.interactions()[7].participants.len(), 2);
    // Removing a contact whose interactions are its own drops them, in every chunk.
    let second = data.apply(Edit::RemoveContact(ids[0])).unwrap();
    assert_eq!(data.interactions().len(), 3 * CHUNK - 3);
    assert!(data.interactions_of(ids[0]).next().is_none());
    assert_eq!(data.contact_index(ids[1]), Some(0));
    assert_eq!(snapshot.interactions().len(), 3 * CHUNK);
    assert_eq!(snapshot.contact_index(ids[1]), Some(1));
    // Undo brings every record back (a record put back goes last, as before).
    data.apply(second.inverse).unwrap();
    data.apply(first.inverse).unwrap();
    assert_eq!(data.interactions().len(), 3 * CHUNK);
    assert_eq!(data.contacts().len(), snapshot.contacts().len());
    for it in snapshot.interactions() {
        assert_eq!(data.interaction(it.id), Some(it));
    }
    for c in snapshot.contacts() {
        assert_eq!(data.contact(c.id), Some(c));
    }
}
