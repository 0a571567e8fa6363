//! Building a plan: the records of the source, one by one, against the open data.

use std::collections::{HashMap, HashSet};

use chrono::Utc;

use super::matching::{Candidate, Index, names_compatible};
use super::{Added, Conflict, ImportChoices, ImportPlan, LeftOut, Merged, Proposed, Row};
use crate::formats::Format;
use crate::formats::merge::{
    Change, FieldChange, MatchKind, exact_name, merge_into, normalize_phone,
};
use crate::formats::source::{IncomingInteraction, Parsed, Skip};
use crate::model::{Channel, ChannelId, Contact, ContactId, Dataset, Interaction, Labeled};

/// The plan for `parsed` against `data`, leaving out the rows and accepting the proposed merges
/// in `choices`.
pub(super) fn plan(data: &Dataset, parsed: &Parsed, choices: &ImportChoices) -> ImportPlan {
    let mut b = Builder::new(data, parsed.format(), choices);
    b.plan.skipped.clone_from(&parsed.skipped);
    b.plan.warnings.clone_from(&parsed.warnings);
    for (i, incoming) in parsed.contacts.iter().enumerate() {
        b.add_or_merge(
            incoming.line,
            Row::Contact(i),
            &incoming.contact,
            incoming.uid.as_deref(),
        );
    }
    if !parsed.interactions.is_empty() {
        let mut seen: HashSet<InteractionKey> = data.interactions().iter().map(key_of).collect();
        for (i, row) in parsed.interactions.iter().enumerate() {
            plan_interaction(&mut b, Row::Interaction(i), row, &mut seen);
        }
    }
    if let Some(other) = &parsed.rapport {
        plan_rapport(&mut b, other);
    }
    b.plan.skipped.sort_by_key(|s| s.line);
    b.plan
}

/// The working state while a plan is computed.
struct Builder<'a> {
    data: &'a Dataset,
    plan: ImportPlan,
    index: Index,
    choices: &'a ImportChoices,
    /// The UID of each contact this source added, for "distinct UIDs are distinct people".
    source_uids: HashMap<ContactId, String>,
}

impl<'a> Builder<'a> {
    fn new(data: &'a Dataset, format: Format, choices: &'a ImportChoices) -> Self {
        let mut index = Index::default();
        for c in data.contacts() {
            index.add(c);
        }
        Self {
            data,
            plan: ImportPlan {
                format,
                based_on: data.revision(),
                added: Vec::new(),
                merged: Vec::new(),
                proposed: Vec::new(),
                left_out: Vec::new(),
                skipped: Vec::new(),
                warnings: Vec::new(),
                conflicts: Vec::new(),
                new_channels: Vec::new(),
                interactions: Vec::new(),
                interaction_rows: Vec::new(),
                contacts: Vec::new(),
                positions: HashMap::new(),
            },
            index,
            choices,
            source_uids: HashMap::new(),
        }
    }

    /// The current state of a contact: as the plan leaves it, or as it is in the data.
    fn current(&self, id: ContactId) -> Option<&Contact> {
        match self.plan.positions.get(&id) {
            Some(&i) => Some(&self.plan.contacts[i]),
            None => self.data.contact(id),
        }
    }

    fn put(&mut self, contact: Contact) {
        let id = contact.id;
        match self.plan.positions.get(&id) {
            Some(&i) => self.plan.contacts[i] = contact,
            None => {
                self.plan.positions.insert(id, self.plan.contacts.len());
                self.plan.contacts.push(contact);
            }
        }
    }

    fn add_new(&mut self, line: usize, row: Row, mut contact: Contact) -> ContactId {
        // An id taken from a card's UID may already be in use (it never is for a match, which
        // would have been found first); a fresh one keeps the two apart.
        if self.current(contact.id).is_some() {
            contact.id = ContactId::random();
        }
        let id = contact.id;
        self.index.add(&contact);
        self.plan.added.push(Added {
            line,
            row,
            id,
            name: contact.display_name.clone(),
        });
        self.put(contact);
        id
    }

    /// Whether `id` was added by this source under a UID other than `uid`: then the two cards
    /// are distinct people by the source's own word.
    fn distinct_in_source(&self, id: ContactId, uid: Option<&str>) -> bool {
        uid.is_some_and(|u| self.source_uids.get(&id).is_some_and(|theirs| theirs != u))
    }

    /// The best match for an incoming contact: by UID; else by email with compatible names;
    /// else by phone with compatible names; else (weak) by email or phone under different
    /// names, or by name alone. Within one source, cards with distinct UIDs never match
    /// strongly.
    fn find(&self, incoming: &Contact, uid: Option<&str>) -> Option<Candidate> {
        if let Some(uid) = uid {
            let by_uid = self.index.uid.get(uid).copied().or_else(|| {
                (uid.strip_prefix("urn:rapport:")
                    .is_some_and(|id| id.eq_ignore_ascii_case(&incoming.id.to_string()))
                    && self.current(incoming.id).is_some())
                .then_some(incoming.id)
            });
            if let Some(id) = by_uid {
                return Some(Candidate {
                    id,
                    matched_by: MatchKind::Uid(uid.to_owned()),
                    weak: None,
                });
            }
        }
        let mut weak: Option<Candidate> = None;
        let mut consider = |id: ContactId, matched_by: MatchKind, this: &Self| {
            let existing = this.current(id)?;
            let why = if this.distinct_in_source(id, uid) {
                Some("each card has its own UID in one file")
            } else if !names_compatible(existing, incoming) {
                Some("different names")
            } else {
                None
            };
            match why {
                None => Some(Candidate {
                    id,
                    matched_by,
                    weak: None,
                }),
                Some(why) => {
                    if weak.is_none() {
                        weak = Some(Candidate {
                            id,
                            matched_by,
                            weak: Some(why),
                        });
                    }
                    None
                }
            }
        };
        for e in &incoming.emails {
            if let Some(&id) = self.index.email.get(&e.value.trim().to_lowercase())
                && let Some(found) = consider(id, MatchKind::Email(e.value.clone()), self)
            {
                return Some(found);
            }
        }
        for p in &incoming.phones {
            if let Some(&id) = self.index.phone.get(&normalize_phone(&p.value))
                && let Some(found) = consider(id, MatchKind::Phone(p.value.clone()), self)
            {
                return Some(found);
            }
        }
        if weak.is_none()
            && let Some(&id) = self.index.name.get(&exact_name(&incoming.display_name))
            && self.current(id).is_some()
        {
            weak = Some(Candidate {
                id,
                matched_by: MatchKind::Name,
                weak: Some(if self.distinct_in_source(id, uid) {
                    "same name, but each card has its own UID in one file"
                } else {
                    "same name only"
                }),
            });
        }
        weak
    }

    /// Adds the contact, or merges it into the one it matches; returns the id it ends up under.
    /// `uid` is the record's own UID (a vCard's, or another Rapport file's id as
    /// `urn:rapport:ID`).
    fn add_or_merge(
        &mut self,
        line: usize,
        row: Row,
        incoming: &Contact,
        uid: Option<&str>,
    ) -> ContactId {
        if self.choices.left_out.contains(&row) {
            self.plan.left_out.push(LeftOut {
                line,
                row,
                what: incoming.display_name.clone(),
            });
            return incoming.id;
        }
        let found = self.find(incoming, uid);
        let id = match found {
            None => self.add_new(line, row, incoming.clone()),
            Some(Candidate {
                id,
                matched_by,
                weak: None,
            }) => self.merge(line, row, id, incoming, matched_by),
            Some(Candidate {
                id: target,
                matched_by,
                weak: Some(why),
            }) => {
                let accepted = self.choices.merge_weak || self.choices.accepted.contains(&row);
                self.plan.proposed.push(Proposed {
                    line,
                    row,
                    name: incoming.display_name.clone(),
                    target,
                    target_name: self
                        .current(target)
                        .map(|c| c.display_name.clone())
                        .unwrap_or_default(),
                    matched_by: matched_by.clone(),
                    why: why.to_owned(),
                    accepted,
                });
                if accepted {
                    self.merge(line, row, target, incoming, matched_by)
                } else {
                    self.add_new(line, row, incoming.clone())
                }
            }
        };
        if let Some(uid) = uid {
            self.source_uids.entry(id).or_insert_with(|| uid.to_owned());
        }
        id
    }

    fn merge(
        &mut self,
        line: usize,
        row: Row,
        id: ContactId,
        incoming: &Contact,
        matched_by: MatchKind,
    ) -> ContactId {
        let Some(mut kept) = self.current(id).cloned() else {
            return self.add_new(line, row, incoming.clone());
        };
        let changes = merge_into(&mut kept, incoming);
        if !changes.is_empty() {
            kept.updated = Utc::now();
            self.index.add(&kept);
            self.put(kept.clone());
        }
        self.plan.merged.push(Merged {
            line,
            row,
            id,
            name: kept.display_name,
            matched_by,
            changes,
        });
        id
    }

    fn channel_named(&self, name: &str) -> Option<ChannelId> {
        self.data.channel_by_name(name).map(|c| c.id).or_else(|| {
            self.plan
                .new_channels
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
                .map(|c| c.id)
        })
    }
}

/// Identifies an interaction for "already imported" checks.
type InteractionKey = (chrono::NaiveDate, ChannelId, Vec<ContactId>, String);

fn key_of(it: &Interaction) -> InteractionKey {
    let mut people = it.participants.clone();
    people.sort_unstable();
    (
        it.date,
        it.channel,
        people,
        it.summary.trim().to_lowercase(),
    )
}

pub(super) fn at(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

fn plan_interaction(
    b: &mut Builder<'_>,
    at_row: Row,
    row: &IncomingInteraction,
    seen: &mut HashSet<InteractionKey>,
) {
    if b.choices.left_out.contains(&at_row) {
        b.plan.left_out.push(LeftOut {
            line: row.line,
            row: at_row,
            what: interaction_label(row.date, &row.summary),
        });
        return;
    }
    let channel = match b.channel_named(&row.channel) {
        Some(id) => {
            // The channel keeps its mode; a row that says otherwise is reported.
            let known = b.data.channel(id).map(|c| c.mode).or_else(|| {
                b.plan
                    .new_channels
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.mode)
            });
            if let (Some(known), Some(said)) = (known, row.mode)
                && known != said
            {
                b.plan.conflicts.push(Conflict {
                    subject: format!(
                        "line {}: the channel \"{}\" is {said} in this row",
                        row.line,
                        row.channel.trim()
                    ),
                    resolution: format!("the channel stays {known}"),
                });
            }
            id
        }
        None => match row.mode {
            Some(mode) => {
                let ch = Channel::new(ChannelId::random(), row.channel.trim(), mode);
                let id = ch.id;
                b.plan.new_channels.push(ch);
                id
            }
            None => {
                b.plan.skipped.push(Skip::new(
                    row.line,
                    format!(
                        "the channel \"{}\" does not exist; give its mode (online or offline) to create it",
                        row.channel.trim()
                    ),
                ));
                return;
            }
        },
    };
    let mut people = Vec::new();
    // A set beside the list: a row may name a hundred thousand participants.
    let mut named = HashSet::new();
    for who in &row.contacts {
        let who = who.trim();
        let probe = if who.contains('@') {
            let mut c = Contact::new(who);
            c.emails.push(Labeled::new(who, ""));
            c
        } else {
            Contact::new(who)
        };
        let found = if who.contains('@') {
            b.index.email.get(&who.to_lowercase()).copied()
        } else {
            b.index.name.get(&exact_name(who)).copied()
        };
        let id = found.unwrap_or_else(|| b.add_new(row.line, at_row, probe));
        if named.insert(id) {
            people.push(id);
        }
    }
    let mut it = Interaction::new(row.date, people, channel);
    it.time = row.time;
    it.minutes = row.minutes;
    it.depth = row.depth;
    it.initiated_by = row.initiated_by;
    it.summary.clone_from(&row.summary);
    it.notes.clone_from(&row.notes);
    it.follow_up = row.follow_up;
    if !seen.insert(key_of(&it)) {
        b.plan.skipped.push(Skip::new(
            row.line,
            "the same interaction (date, people, channel and summary) is already in the file",
        ));
        return;
    }
    b.plan.interactions.push(it);
    b.plan.interaction_rows.push(at_row);
}

fn interaction_label(date: chrono::NaiveDate, summary: &str) -> String {
    if summary.trim().is_empty() {
        format!("interaction on {date}")
    } else {
        format!("interaction on {date} ({})", summary.trim())
    }
}

/// Another Rapport file: same ids are the same records; for contacts the newer `updated` wins;
/// everything that differs is listed as a conflict.
fn plan_rapport(b: &mut Builder<'_>, other: &Dataset) {
    let data = b.data;
    let mut channel_map: HashMap<ChannelId, ChannelId> = HashMap::new();
    for ch in other.channels() {
        if let Some(ours) = data.channel(ch.id) {
            if ours.name != ch.name || ours.mode != ch.mode {
                b.plan.conflicts.push(Conflict {
                    subject: format!(
                        "channel \"{}\" is \"{}\" ({}) in the other file",
                        ours.name, ch.name, ch.mode
                    ),
                    resolution: "kept this file's".to_owned(),
                });
            }
            channel_map.insert(ch.id, ch.id);
        } else if let Some(id) = b.channel_named(&ch.name) {
            channel_map.insert(ch.id, id);
        } else {
            b.plan.new_channels.push(ch.clone());
            channel_map.insert(ch.id, ch.id);
        }
    }
    let mut contact_map: HashMap<ContactId, ContactId> = HashMap::new();
    for (i, theirs) in other.contacts().iter().enumerate() {
        let row = Row::Contact(i);
        let Some(ours) = data.contact(theirs.id) else {
            // The other file's ids are its UIDs: its contacts are distinct people.
            let uid = format!("urn:rapport:{}", theirs.id);
            let id = b.add_or_merge(0, row, theirs, Some(&uid));
            contact_map.insert(theirs.id, id);
            continue;
        };
        if b.choices.left_out.contains(&row) {
            b.plan.left_out.push(LeftOut {
                line: 0,
                row,
                what: theirs.display_name.clone(),
            });
            continue;
        }
        contact_map.insert(theirs.id, theirs.id);
        // The same contact (same id) in both files, with what the import changes in it.
        let same_id = |changes| Merged {
            line: 0,
            row,
            id: ours.id,
            name: ours.display_name.clone(),
            matched_by: MatchKind::Id,
            changes,
        };
        if ours == theirs {
            b.plan.merged.push(same_id(Vec::new()));
            continue;
        }
        if theirs.updated > ours.updated {
            b.plan.conflicts.push(Conflict {
                subject: format!("contact \"{}\" differs", ours.display_name),
                resolution: format!(
                    "took the other file's, edited later ({})",
                    theirs.updated.format("%Y-%m-%d %H:%M")
                ),
            });
            b.plan.merged.push(same_id(vec![FieldChange {
                field: "contact",
                change: Change::Set("the other file's newer version".to_owned()),
            }]));
            b.index.add(theirs);
            b.put(theirs.clone());
        } else {
            b.plan.conflicts.push(Conflict {
                subject: format!("contact \"{}\" differs", ours.display_name),
                resolution: format!(
                    "kept this file's, edited later ({})",
                    ours.updated.format("%Y-%m-%d %H:%M")
                ),
            });
        }
    }
    for (i, it) in other.interactions().iter().enumerate() {
        let row = Row::Interaction(i);
        if b.choices.left_out.contains(&row) {
            b.plan.left_out.push(LeftOut {
                line: 0,
                row,
                what: interaction_label(it.date, &it.summary),
            });
            continue;
        }
        let mut mapped = it.clone();
        mapped.channel = channel_map.get(&it.channel).copied().unwrap_or(it.channel);
        mapped.participants.clear();
        let mut seen = HashSet::new();
        for p in &it.participants {
            let id = contact_map.get(p).copied().unwrap_or(*p);
            // A participant left out of the import is not referred to.
            if b.current(id).is_some() && seen.insert(id) {
                mapped.participants.push(id);
            }
        }
        if mapped.participants.is_empty() {
            b.plan.left_out.push(LeftOut {
                line: 0,
                row,
                what: interaction_label(it.date, &it.summary),
            });
            continue;
        }
        match data.interaction(it.id) {
            Some(ours) if *ours == mapped => {}
            Some(ours) => b.plan.conflicts.push(Conflict {
                subject: format!(
                    "interaction on {} (\"{}\") differs",
                    ours.date, ours.summary
                ),
                resolution: "kept this file's (interactions carry no edit time)".to_owned(),
            }),
            None => {
                b.plan.interactions.push(mapped);
                b.plan.interaction_rows.push(row);
            }
        }
    }
    if data.settings() != other.settings() {
        b.plan.conflicts.push(Conflict {
            subject: "settings differ".to_owned(),
            resolution: "kept this file's".to_owned(),
        });
    }
}
