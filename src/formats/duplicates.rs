//! Duplicates inside the open data, and merging two contacts into one.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::Utc;
use thiserror::Error;

use super::merge::{merge_into, normalize_name, normalize_phone};
use crate::model::{ContactId, Dataset, Edit};

/// Why two contacts look like the same person.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DuplicateReason {
    SharedEmail(String),
    SharedPhone(String),
    SameName,
}

impl fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateReason::SharedEmail(e) => write!(f, "both have the email {e}"),
            DuplicateReason::SharedPhone(p) => write!(f, "both have the phone {p}"),
            DuplicateReason::SameName => f.write_str("same name"),
        }
    }
}

/// Two contacts that look like one person; `first` comes before `second` in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicatePair {
    pub first: ContactId,
    pub second: ContactId,
    pub reasons: Vec<DuplicateReason>,
}

/// Groups larger than this (say 500 contacts all named "Unknown") propose no pairs: they are
/// noise, not duplicates.
const MAX_GROUP: usize = 50;

/// Pairs of contacts sharing an email, a phone (by digits) or a normalised name, in file order.
#[must_use]
pub fn find_duplicates(data: &Dataset) -> Vec<DuplicatePair> {
    let mut groups: HashMap<(u8, String), Vec<usize>> = HashMap::new();
    for (i, c) in data.contacts().iter().enumerate() {
        let mut keys = Vec::new();
        for e in &c.emails {
            let v = e.value.trim().to_lowercase();
            if !v.is_empty() {
                keys.push((0, v));
            }
        }
        for p in &c.phones {
            let v = normalize_phone(&p.value);
            if !v.is_empty() {
                keys.push((1, v));
            }
        }
        let name = normalize_name(&c.display_name);
        if !name.is_empty() {
            keys.push((2, name));
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            groups.entry(k).or_default().push(i);
        }
    }
    let mut pairs: BTreeMap<(usize, usize), Vec<DuplicateReason>> = BTreeMap::new();
    for ((kind, key), members) in groups {
        if members.len() < 2 || members.len() > MAX_GROUP {
            continue;
        }
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                let reason = match kind {
                    0 => DuplicateReason::SharedEmail(key.clone()),
                    1 => {
                        let shown = data.contacts()[a]
                            .phones
                            .iter()
                            .find(|p| normalize_phone(&p.value) == key)
                            .map_or_else(|| key.clone(), |p| p.value.clone());
                        DuplicateReason::SharedPhone(shown)
                    }
                    _ => DuplicateReason::SameName,
                };
                pairs.entry((a, b)).or_default().push(reason);
            }
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), mut reasons)| {
            reasons.sort();
            DuplicatePair {
                first: data.contacts()[a].id,
                second: data.contacts()[b].id,
                reasons,
            }
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MergeError {
    #[error("there is no contact {0}")]
    NoSuchContact(ContactId),
    #[error("a contact cannot be merged with itself")]
    SameContact,
}

/// Merges `absorb` into `keep` (the merge rules of an import; see `merge_into`), moves
/// `absorb`'s interactions to `keep` (a group interaction with both keeps `keep` once) and
/// removes `absorb`. One edit, so one undo step.
pub fn merge_contacts(
    data: &Dataset,
    keep: ContactId,
    absorb: ContactId,
) -> Result<Edit, MergeError> {
    if keep == absorb {
        return Err(MergeError::SameContact);
    }
    let mut kept = data
        .contact(keep)
        .cloned()
        .ok_or(MergeError::NoSuchContact(keep))?;
    let gone = data
        .contact(absorb)
        .ok_or(MergeError::NoSuchContact(absorb))?;
    if !merge_into(&mut kept, gone).is_empty() {
        kept.updated = Utc::now();
    }
    if gone.created < kept.created {
        kept.created = gone.created;
    }
    let mut edits = vec![Edit::PutContact(kept)];
    for it in data.interactions_of(absorb) {
        let mut moved = it.clone();
        let has_keep = moved.participants.contains(&keep);
        moved.participants = moved
            .participants
            .iter()
            .filter_map(|&p| {
                if p == absorb {
                    (!has_keep).then_some(keep)
                } else {
                    Some(p)
                }
            })
            .collect();
        edits.push(Edit::PutInteraction(moved));
    }
    edits.push(Edit::RemoveContact(absorb));
    Ok(Edit::Batch(edits))
}
