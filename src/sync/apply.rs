//! The one edit that turns a dataset into a merged one, so the app can apply a merge as a single
//! undoable step.

use std::collections::HashSet;

use crate::model::{Dataset, Edit};

/// The edit that makes `current` equal to `target` (same records; order may differ), or `None`
/// when they already hold the same data. Order inside the batch: channels, contacts and
/// interactions written first, then interactions, contacts and channels removed, so that every
/// step keeps the integrity rules.
#[must_use]
pub fn edit_towards(current: &Dataset, target: &Dataset) -> Option<Edit> {
    let mut edits = Vec::new();
    for ch in target.channels() {
        if current.channel(ch.id) != Some(ch) {
            edits.push(Edit::PutChannel(ch.clone()));
        }
    }
    for c in target.contacts() {
        if current.contact(c.id) != Some(c) {
            edits.push(Edit::PutContact(c.clone()));
        }
    }
    for it in target.interactions() {
        if current.interaction(it.id) != Some(it) {
            edits.push(Edit::PutInteraction(it.clone()));
        }
    }
    let ids: HashSet<_> = target.interactions().iter().map(|i| i.id).collect();
    for it in current.interactions() {
        if !ids.contains(&it.id) {
            edits.push(Edit::RemoveInteraction(it.id));
        }
    }
    for c in current.contacts() {
        if target.contact(c.id).is_none() {
            edits.push(Edit::RemoveContact(c.id));
        }
    }
    for ch in current.channels() {
        if target.channel(ch.id).is_none() {
            edits.push(Edit::RemoveChannel(ch.id));
        }
    }
    if current.settings() != target.settings() {
        edits.push(Edit::SetSettings(target.settings().clone()));
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChannelId, Contact, Interaction};

    #[test]
    fn the_edit_reaches_the_target_and_its_inverse_comes_back() {
        let mut a = Dataset::new();
        let ada = Contact::new("Ada");
        let bob = Contact::new("Bob");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        let it = Interaction::new(day, vec![ada.id, bob.id], ChannelId(1));
        a.apply(Edit::Batch(vec![
            Edit::PutContact(ada.clone()),
            Edit::PutContact(bob.clone()),
            Edit::PutInteraction(it.clone()),
        ]))
        .expect("valid");
        let mut b = a.clone();
        b.apply(Edit::RemoveContact(bob.id)).expect("valid");
        b.apply(Edit::PutContact(Contact::new("Cy")))
            .expect("valid");
        b.apply(Edit::RemoveChannel(ChannelId(8))).expect("valid");
        let before = a.clone();
        let edit = edit_towards(&a, &b).expect("they differ");
        let undo = a.apply(edit).expect("the edit applies").inverse;
        let ids = |d: &Dataset| {
            let mut v: Vec<_> = d.contacts().iter().map(|c| c.id).collect();
            v.sort();
            v
        };
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.interactions(), b.interactions());
        assert_eq!(a.channels().len(), 7);
        assert!(edit_towards(&a, &b).is_none());
        a.apply(undo).expect("the undo applies");
        assert_eq!(ids(&a), ids(&before));
    }
}
