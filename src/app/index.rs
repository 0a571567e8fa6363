//! Facts derived from the dataset that views need every frame: each contact's interactions
//! newest first, the date of the last interaction, and every tag in use. Rebuilt only when the
//! data changes, and then only for the contacts an edit touched.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveTime};

use crate::model::{Applied, ContactId, Dataset, InteractionId};

/// One interaction as seen from a contact's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub id: InteractionId,
}

#[derive(Debug, Default)]
pub struct ContactIndex {
    /// The dataset revision this index reflects; `None` forces a full rebuild.
    revision: Option<u64>,
    /// Contacts touched by edits noted since `revision`, and how many edits that was.
    pending: BTreeSet<ContactId>,
    pending_edits: u64,
    history: HashMap<ContactId, Vec<HistoryEntry>>,
    tags: Vec<String>,
}

impl ContactIndex {
    /// Forgets everything (a different document was opened).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Remembers what an edit touched so the next [`ContactIndex::refresh`] is incremental.
    pub fn note(&mut self, applied: &Applied) {
        self.pending.extend(applied.touched.iter().copied());
        self.pending_edits += 1;
    }

    /// Brings the index up to date with `data`. Cheap when nothing changed.
    pub fn refresh(&mut self, data: &Dataset) {
        let now = data.revision();
        match self.revision {
            Some(r) if r == now => return,
            Some(r) if r + self.pending_edits == now => self.rebuild_some(data),
            _ => self.rebuild_all(data),
        }
        self.tags = collect_tags(data);
        self.revision = Some(now);
        self.pending.clear();
        self.pending_edits = 0;
    }

    fn rebuild_all(&mut self, data: &Dataset) {
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
    }

    fn rebuild_some(&mut self, data: &Dataset) {
        if self.pending.is_empty() {
            return;
        }
        for id in &self.pending {
            self.history.remove(id);
        }
        for it in data.interactions() {
            for &p in &it.participants {
                if self.pending.contains(&p) {
                    self.history.entry(p).or_default().push(HistoryEntry {
                        date: it.date,
                        time: it.time,
                        id: it.id,
                    });
                }
            }
        }
        for id in &self.pending {
            if let Some(list) = self.history.get_mut(id) {
                sort_newest_first(list);
            }
        }
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
        &self.tags
    }

    /// The revision this index reflects.
    #[must_use]
    pub fn revision(&self) -> Option<u64> {
        self.revision
    }
}

fn sort_newest_first(list: &mut [HistoryEntry]) {
    list.sort_by_key(|e| std::cmp::Reverse((e.date, e.time)));
}

fn collect_tags(data: &Dataset) -> Vec<String> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for c in data.contacts() {
        for t in &c.tags {
            seen.entry(t.to_lowercase()).or_insert_with(|| t.clone());
        }
    }
    let mut tags: Vec<(String, String)> = seen.into_iter().collect();
    tags.sort();
    tags.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChannelId, Contact, Edit, Interaction};

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn incremental_refresh_matches_full_rebuild() {
        let mut data = Dataset::new();
        let a = Contact::new("A");
        let b = Contact::new("B");
        let (ia, ib) = (a.id, b.id);
        data.apply(Edit::PutContact(a)).unwrap();
        data.apply(Edit::PutContact(b)).unwrap();
        let mut index = ContactIndex::default();
        index.refresh(&data);
        assert_eq!(index.last_contact(ia), None);

        let first = Interaction::new(date(1), vec![ia, ib], ChannelId(1));
        let second = Interaction::new(date(5), vec![ia], ChannelId(3));
        for it in [first, second.clone()] {
            let applied = data.apply(Edit::PutInteraction(it)).unwrap();
            index.note(&applied);
        }
        index.refresh(&data);
        assert_eq!(index.last_contact(ia), Some(date(5)));
        assert_eq!(index.last_contact(ib), Some(date(1)));
        assert_eq!(index.history(ia).len(), 2);

        let applied = data.apply(Edit::RemoveInteraction(second.id)).unwrap();
        index.note(&applied);
        index.refresh(&data);
        assert_eq!(index.last_contact(ia), Some(date(1)));

        let mut full = ContactIndex::default();
        full.refresh(&data);
        assert_eq!(full.history(ia), index.history(ia));
        assert_eq!(full.history(ib), index.history(ib));

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
