//! Random edit sequences (puts, removals, batches, undo and redo) on a dataset whose chunks a
//! live clone shares give the same contents as a plain `Vec` model, and leave the clone as it was.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;

use super::chunked::CHUNK;
use super::*;

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(d))
}

fn contact(id: u64, name: &str) -> Contact {
    let mut c = Contact::new(name);
    c.id = ContactId(id);
    (c.created, c.updated) = (t0(), t0());
    c
}

fn interaction(id: u64, d: u32, who: Vec<ContactId>) -> Interaction {
    let mut it = Interaction::new(day(d), who, ChannelId(1));
    it.id = InteractionId(id);
    it
}

/// More than one chunk of each, so that edits land in different chunks.
fn base() -> &'static Dataset {
    static BASE: OnceLock<Dataset> = OnceLock::new();
    BASE.get_or_init(|| {
        let n = CHUNK + 60;
        let contacts: Vec<Contact> = (0..n as u64)
            .map(|i| contact(i + 1, &format!("P{i}")))
            .collect();
        let interactions = (0..(2 * CHUNK + 100) as u64)
            .map(|i| {
                let a = ContactId(i % n as u64 + 1);
                let who = if i % 5 == 0 {
                    vec![a, ContactId((i * 7 + 3) % n as u64 + 1)]
                } else {
                    vec![a]
                };
                interaction(1_000_000 + i, (i % 300) as u32, who)
            })
            .filter(|it| it.participants.len() == 1 || it.participants[0] != it.participants[1])
            .collect();
        Dataset::from_parts(
            contacts,
            default_channels(),
            interactions,
            Settings::default(),
        )
        .unwrap()
    })
}

/// The reference: plain vectors with the semantics `Dataset::apply` documents.
#[derive(Clone, Debug, PartialEq)]
struct Model {
    contacts: Vec<Contact>,
    interactions: Vec<Interaction>,
}

impl Model {
    fn of(ds: &Dataset) -> Self {
        Self {
            contacts: ds.contacts().iter().cloned().collect(),
            interactions: ds.interactions().iter().cloned().collect(),
        }
    }

    /// Applies `edit` as `Dataset::apply` documents it and returns its inverse, computed here
    /// independently: a put of a new record appends it, a removal keeps the others' order, and
    /// a refused batch is rolled back by its inverses (so a removal inside it comes back last).
    fn apply(&mut self, edit: &Edit) -> Result<Edit, ()> {
        match edit {
            Edit::PutContact(c) => Ok(match self.contacts.iter_mut().find(|x| x.id == c.id) {
                Some(x) => Edit::PutContact(std::mem::replace(x, c.clone())),
                None => {
                    self.contacts.push(c.clone());
                    Edit::RemoveContact(c.id)
                }
            }),
            Edit::RemoveContact(id) => {
                let at = self.contacts.iter().position(|c| c.id == *id).ok_or(())?;
                let mut undo = vec![Edit::PutContact(self.contacts.remove(at))];
                for it in &mut self.interactions {
                    if it.involves(*id) {
                        undo.push(Edit::PutInteraction(it.clone()));
                        it.participants.retain(|p| p != id);
                    }
                }
                self.interactions.retain(|it| !it.participants.is_empty());
                Ok(Edit::Batch(undo))
            }
            Edit::PutInteraction(it) => {
                let known = |p: &ContactId| self.contacts.iter().any(|c| c.id == *p);
                let distinct = it
                    .participants
                    .iter()
                    .enumerate()
                    .all(|(i, p)| !it.participants[..i].contains(p));
                if it.participants.is_empty() || !distinct || !it.participants.iter().all(known) {
                    return Err(());
                }
                Ok(match self.interactions.iter_mut().find(|x| x.id == it.id) {
                    Some(x) => Edit::PutInteraction(std::mem::replace(x, it.clone())),
                    None => {
                        self.interactions.push(it.clone());
                        Edit::RemoveInteraction(it.id)
                    }
                })
            }
            Edit::RemoveInteraction(id) => {
                let at = self
                    .interactions
                    .iter()
                    .position(|x| x.id == *id)
                    .ok_or(())?;
                Ok(Edit::PutInteraction(self.interactions.remove(at)))
            }
            Edit::Batch(edits) => {
                let mut undo = Vec::new();
                for e in edits {
                    match self.apply(e) {
                        Ok(inv) => undo.push(inv),
                        Err(()) => {
                            for inv in undo.iter().rev() {
                                let _undone = self.apply(inv).expect("an inverse applies");
                            }
                            return Err(());
                        }
                    }
                }
                undo.reverse();
                Ok(Edit::Batch(undo))
            }
            other => panic!("not generated: {other:?}"),
        }
    }
}

/// One step, with indices that pick existing records (modulo their count).
#[derive(Clone, Debug)]
enum Op {
    /// An existing contact renamed, or a new one.
    PutContact(Option<usize>),
    RemoveContact(usize),
    /// An existing interaction moved to another day and (maybe) other people, or a new one;
    /// `None` among the people is a contact that does not exist.
    PutInteraction(Option<usize>, Vec<Option<usize>>, u32),
    RemoveInteraction(usize),
    /// Removing an interaction that does not exist (refused).
    RemoveMissing,
    Batch(Vec<Op>),
    Undo,
    Redo,
    /// Drop the clone and take a new one (as the next save does).
    Reclone,
}

fn simple_op() -> impl Strategy<Value = Op> {
    let pick = 0..100_000usize;
    prop_oneof![
        3 => prop::option::of(pick.clone()).prop_map(Op::PutContact),
        2 => pick.clone().prop_map(Op::RemoveContact),
        4 => (
            prop::option::of(pick.clone()),
            prop::collection::vec(prop::option::weighted(0.95, pick.clone()), 0..4),
            0..400u32
        )
            .prop_map(|(i, who, d)| Op::PutInteraction(i, who, d)),
        3 => pick.prop_map(Op::RemoveInteraction),
        1 => Just(Op::RemoveMissing),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => simple_op(),
        2 => prop::collection::vec(simple_op(), 0..5).prop_map(Op::Batch),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Reclone),
    ]
}

/// The edit an op stands for, in the model's current state.
fn edit_of(op: &Op, model: &Model, next_id: &mut u64) -> Edit {
    let nc = model.contacts.len().max(1);
    let ni = model.interactions.len().max(1);
    match op {
        Op::PutContact(Some(k)) if !model.contacts.is_empty() => {
            let mut c = model.contacts[k % nc].clone();
            c.display_name.push('+');
            Edit::PutContact(c)
        }
        Op::PutContact(_) => {
            *next_id += 1;
            Edit::PutContact(contact(*next_id, "New"))
        }
        Op::RemoveContact(k) => Edit::RemoveContact(
            model
                .contacts
                .get(k % nc)
                .map_or(ContactId(u64::MAX), |c| c.id),
        ),
        Op::PutInteraction(pick, who, d) => {
            let people: Vec<ContactId> = who
                .iter()
                .map(|p| match p {
                    Some(k) if !model.contacts.is_empty() => model.contacts[k % nc].id,
                    _ => ContactId(u64::MAX),
                })
                .collect();
            match pick {
                Some(k) if !model.interactions.is_empty() => {
                    let mut it = model.interactions[k % ni].clone();
                    it.date = day(*d);
                    if !people.is_empty() {
                        it.participants = people;
                    }
                    Edit::PutInteraction(it)
                }
                _ => {
                    *next_id += 1;
                    Edit::PutInteraction(interaction(*next_id, *d, people))
                }
            }
        }
        Op::RemoveInteraction(k) => Edit::RemoveInteraction(
            model
                .interactions
                .get(k % ni)
                .map_or(InteractionId(u64::MAX), |it| it.id),
        ),
        Op::RemoveMissing => Edit::RemoveInteraction(InteractionId(u64::MAX)),
        Op::Batch(ops) => {
            // Later ops in the batch pick from the state the earlier ones leave.
            let mut m = model.clone();
            let mut edits = Vec::new();
            for o in ops {
                let e = edit_of(o, &m, next_id);
                let _ = m.apply(&e);
                edits.push(e);
            }
            Edit::Batch(edits)
        }
        Op::Undo | Op::Redo | Op::Reclone => unreachable!("not an edit"),
    }
}

/// Everything a reader can see of the contacts and interactions matches the model.
fn same(ds: &Dataset, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(ds.contacts().len(), model.contacts.len());
    prop_assert_eq!(ds.interactions().len(), model.interactions.len());
    prop_assert!(ds.contacts().iter().eq(model.contacts.iter()));
    prop_assert!(ds.interactions().iter().eq(model.interactions.iter()));
    for (i, c) in model.contacts.iter().enumerate() {
        prop_assert_eq!(ds.contact(c.id), Some(c));
        // The last ones are where new contacts go; the others, a sample.
        if i % 13 == 0 || i + 20 > model.contacts.len() {
            prop_assert_eq!(ds.contact_index(c.id), Some(i));
            prop_assert_eq!(&ds.contacts()[i], c);
        }
    }
    for (i, it) in model.interactions.iter().enumerate().step_by(7) {
        prop_assert_eq!(ds.interaction(it.id), Some(it));
        prop_assert_eq!(ds.interactions().get(i), Some(it));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn edits_with_a_live_clone_match_a_plain_model(ops in prop::collection::vec(op(), 1..40)) {
        let mut ds = base().clone();
        let mut model = Model::of(&ds);
        let mut held = (ds.clone(), model.clone());
        let (mut undo, mut redo): (Vec<Edit>, Vec<Edit>) = (Vec::new(), Vec::new());
        let mut next_id = 10_000_000;
        for (step, op) in ops.iter().enumerate() {
            let edit = match op {
                Op::Undo => match undo.pop() {
                    Some(e) => e,
                    None => continue,
                },
                Op::Redo => match redo.pop() {
                    Some(e) => e,
                    None => continue,
                },
                Op::Reclone => {
                    held = (ds.clone(), model.clone());
                    continue;
                }
                op => edit_of(op, &model, &mut next_id),
            };
            let expected = model.apply(&edit);
            let got = ds.apply(edit);
            prop_assert_eq!(got.is_ok(), expected.is_ok(), "{:?}", got);
            if let (Ok(applied), Ok(inverse)) = (got, expected) {
                prop_assert_eq!(&applied.inverse, &inverse);
                match op {
                    Op::Undo => redo.push(applied.inverse),
                    Op::Redo => undo.push(applied.inverse),
                    _ => {
                        undo.push(applied.inverse);
                        redo.clear();
                    }
                }
            }
            same(&ds, &model)?;
            // The clone: cheaply after every step, in full now and then and at the end.
            prop_assert!(held.0.interactions().iter().eq(held.1.interactions.iter()));
            if step % 4 == 0 {
                same(&held.0, &held.1)?;
            }
        }
        same(&held.0, &held.1)?;
        let (c, i) = (model.contacts.clone(), model.interactions.clone());
        let rebuilt = Dataset::from_parts(c, default_channels(), i, Settings::default()).unwrap();
        prop_assert!(ds == rebuilt);
        let (c, _, i, _) = ds.clone().into_parts();
        prop_assert_eq!(c, model.contacts);
        prop_assert_eq!(i, model.interactions);
        prop_assert!(held.0.detached() == held.0);
    }
}
