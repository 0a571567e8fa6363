//! Facts derived from the dataset that views need every frame: each contact's interactions
//! newest first, the date of the last interaction, and every tag in use. Rebuilt only when the
//! data changes, and then only for the contacts an edit touched.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use crate::model::{Applied, ContactId, Dataset, Edit, Interaction, InteractionId};

/// One interaction as seen from a contact's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub id: InteractionId,
}

impl HistoryEntry {
    /// Newest first; the id orders interactions on the same day and time.
    fn key(&self) -> (NaiveDate, Option<NaiveTime>, InteractionId) {
        (self.date, self.time, self.id)
    }
}

#[derive(Debug, Default)]
pub struct ContactIndex {
    /// The dataset revision this index reflects; `None` forces a full rebuild.
    revision: Option<u64>,
    history: HashMap<ContactId, Vec<HistoryEntry>>,
    /// Everyone by name, and the tags in use, updated per edited contact.
    order: super::order::ContactOrder,
    /// Changes whenever contacts themselves change (added, removed, renamed, retagged), so
    /// views can keep what depends only on contacts across interaction edits.
    contacts_generation: u64,
    /// The contact search's words and trigrams, updated per edited contact.
    search: super::search::SearchIndex,
}

impl ContactIndex {
    /// Forgets everything (a different document was opened).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Updates the index for one applied edit, from its inverse and the data after it: only the
    /// interactions the edit changed are touched, so logging one interaction in a file of a
    /// million costs the same as in a file of ten. If the index has fallen behind, the next
    /// [`ContactIndex::refresh`] rebuilds it instead.
    pub fn note(&mut self, applied: &Applied, data: &Dataset) {
        if self.revision.map(|r| r + 1) != Some(data.revision()) {
            self.revision = None;
            return;
        }
        let mut contacts_changed = false;
        self.follow(&applied.inverse, data, &mut contacts_changed);
        if contacts_changed {
            self.contacts_generation += 1;
        }
        self.revision = Some(data.revision());
    }

    fn follow(&mut self, inverse: &Edit, data: &Dataset, contacts_changed: &mut bool) {
        match inverse {
            // The edit added this interaction.
            Edit::RemoveInteraction(id) => {
                if let Some(it) = data.interaction(*id) {
                    self.insert(it);
                }
            }
            // The edit changed or removed `old`.
            Edit::PutInteraction(old) => {
                self.remove(old);
                if let Some(new) = data.interaction(old.id) {
                    self.insert(new);
                }
            }
            Edit::PutContact(c) => {
                *contacts_changed = true;
                if data.contact(c.id).is_none() {
                    self.history.remove(&c.id);
                }
                self.search.update(c.id, data);
                self.order.update(c.id, data);
            }
            Edit::RemoveContact(id) => {
                *contacts_changed = true;
                self.search.update(*id, data);
                self.order.update(*id, data);
            }
            Edit::Batch(edits) => {
                for e in edits {
                    self.follow(e, data, contacts_changed);
                }
            }
            Edit::PutChannel(_) | Edit::RemoveChannel(_) | Edit::SetSettings(_) => {}
        }
    }

    fn remove(&mut self, it: &Interaction) {
        for p in &it.participants {
            if let Some(list) = self.history.get_mut(p) {
                list.retain(|e| e.id != it.id);
            }
        }
    }

    fn insert(&mut self, it: &Interaction) {
        let entry = HistoryEntry {
            date: it.date,
            time: it.time,
            id: it.id,
        };
        for &p in &it.participants {
            let list = self.history.entry(p).or_default();
            list.retain(|e| e.id != it.id);
            let at = list.partition_point(|e| e.key() > entry.key());
            list.insert(at, entry);
        }
    }

    /// Brings the index up to date with `data`: nothing to do after [`ContactIndex::note`],
    /// a full rebuild otherwise (a new document, or edits it was not told about).
    pub fn refresh(&mut self, data: &Dataset) {
        if self.revision == Some(data.revision()) {
            return;
        }
        let mut history: HashMap<ContactId, Vec<HistoryEntry>> =
            HashMap::with_capacity(data.contacts().len());
        for it in data.interactions() {
            let entry = HistoryEntry {
                date: it.date,
                time: it.time,
                id: it.id,
            };
            for &p in &it.participants {
                history.entry(p).or_default().push(entry);
            }
        }
        for list in history.values_mut() {
            sort_newest_first(list);
        }
        self.history = history;
        self.search = super::search::SearchIndex::build(data);
        self.order = super::order::ContactOrder::build(data);
        self.revision = Some(data.revision());
        self.contacts_generation += 1;
    }

    /// See the field: equal values mean the contacts are exactly as they were.
    #[must_use]
    pub fn contacts_generation(&self) -> u64 {
        self.contacts_generation
    }

    /// The contact search's index.
    #[must_use]
    pub fn search(&self) -> &super::search::SearchIndex {
        &self.search
    }

    /// A contact's interactions, newest first.
    #[must_use]
    pub fn history(&self, id: ContactId) -> &[HistoryEntry] {
        self.history.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The date of the contact's most recent interaction on any channel.
    #[must_use]
    pub fn last_contact(&self, id: ContactId) -> Option<NaiveDate> {
        self.history(id).first().map(|e| e.date)
    }

    /// Every tag in use, sorted case-insensitively, each spelling once.
    #[must_use]
    pub fn tags(&self) -> &[String] {
        self.order.tags()
    }

    /// Everyone in name order (case-insensitively, then by id): id, and whether archived.
    #[must_use]
    pub fn by_name(&self) -> impl ExactSizeIterator<Item = (ContactId, bool)> + '_ {
        self.order.ids()
    }

    /// The revision this index reflects.
    #[must_use]
    pub fn revision(&self) -> Option<u64> {
        self.revision
    }
}

fn sort_newest_first(list: &mut [HistoryEntry]) {
    list.sort_by_key(|e| std::cmp::Reverse(e.key()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChannelId, Contact};

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn same_as_full_rebuild(index: &ContactIndex, data: &Dataset) {
        let mut full = ContactIndex::default();
        full.refresh(data);
        for c in data.contacts() {
            assert_eq!(
                index.history(c.id),
                full.history(c.id),
                "{}",
                c.display_name
            );
        }
        assert_eq!(index.tags(), full.tags());
    }

    fn apply(data: &mut Dataset, index: &mut ContactIndex, e: Edit) -> Edit {
        let applied = data.apply(e).unwrap();
        index.note(&applied, data);
        index.refresh(data);
        same_as_full_rebuild(index, data);
        applied.inverse
    }

    #[test]
    fn incremental_updates_match_a_full_rebuild() {
        let mut data = Dataset::new();
        let mut index = ContactIndex::default();
        index.refresh(&data);
        let a = Contact::new("A");
        let mut b = Contact::new("B");
        b.tags.push("Friend".into());
        let (ia, ib) = (a.id, b.id);
        let _ = apply(&mut data, &mut index, Edit::PutContact(a));
        let _ = apply(&mut data, &mut index, Edit::PutContact(b));
        assert_eq!(index.tags(), ["Friend"]);

        let group = Interaction::new(date(1), vec![ia, ib], ChannelId(1));
        let mut call = Interaction::new(date(5), vec![ia], ChannelId(3));
        let _ = apply(&mut data, &mut index, Edit::PutInteraction(group.clone()));
        let _ = apply(&mut data, &mut index, Edit::PutInteraction(call.clone()));
        assert_eq!(index.last_contact(ia), Some(date(5)));
        assert_eq!(index.last_contact(ib), Some(date(1)));

        // Move the call earlier and add B to it; then undo that.
        call.date = date(1);
        call.participants.push(ib);
        let undo = apply(&mut data, &mut index, Edit::PutInteraction(call.clone()));
        assert_eq!(index.history(ib).len(), 2);
        let _ = apply(&mut data, &mut index, undo);
        assert_eq!(index.last_contact(ia), Some(date(5)));

        // Remove an interaction, then a contact (its group interaction stays for B), then undo.
        let undo_call = apply(&mut data, &mut index, Edit::RemoveInteraction(call.id));
        assert_eq!(index.last_contact(ia), Some(date(1)));
        let undo_a = apply(&mut data, &mut index, Edit::RemoveContact(ia));
        assert!(index.history(ia).is_empty());
        assert_eq!(index.history(ib).len(), 1);
        let _ = apply(&mut data, &mut index, undo_a);
        let _ = apply(&mut data, &mut index, undo_call);
        assert_eq!(index.history(ia).len(), 2);

        // An edit the index was not told about forces a full rebuild rather than a stale answer.
        data.apply(Edit::PutInteraction(Interaction::new(
            date(9),
            vec![ib],
            ChannelId(1),
        )))
        .unwrap();
        index.refresh(&data);
        assert_eq!(index.last_contact(ib), Some(date(9)));
    }
}
