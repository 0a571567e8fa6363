//! The preview of an import: computed from the open data and the parsed records, changing
//! nothing until [`ImportPlan::to_edit`] is applied.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::Utc;

use super::Format;
use super::merge::{Change, FieldChange, MatchKind, exact_name, merge_into, normalize_phone};
use super::source::{IncomingInteraction, Parsed, Skip};
use crate::model::{Channel, ChannelId, Contact, ContactId, Dataset, Edit, Interaction, Labeled};

/// A contact the import creates.
#[derive(Clone, Debug, PartialEq)]
pub struct Added {
    /// Line of the record it came from (0 for a contact from another Rapport file).
    pub line: usize,
    pub id: ContactId,
    pub name: String,
}

/// An incoming record that matched a contact (existing, or added earlier by the same import).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub line: usize,
    pub id: ContactId,
    /// The name of the contact it merges into.
    pub name: String,
    pub matched_by: MatchKind,
    /// Empty when the record added nothing new.
    pub changes: Vec<FieldChange>,
}

/// The same record changed in both files (Rapport-file import), and which version stays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub subject: String,
    pub resolution: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.resolution)
    }
}

/// Counts for a one-line summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanSummary {
    pub added: usize,
    /// Matches that change the contact.
    pub merged: usize,
    /// Matches that add nothing new.
    pub unchanged: usize,
    pub skipped: usize,
    pub interactions: usize,
    pub channels: usize,
    pub conflicts: usize,
}

impl fmt::Display for PlanSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} merged, {} unchanged, {} skipped",
            self.added, self.merged, self.unchanged, self.skipped
        )?;
        if self.interactions > 0 {
            write!(f, ", {} interactions", self.interactions)?;
        }
        if self.channels > 0 {
            write!(f, ", {} new channels", self.channels)?;
        }
        if self.conflicts > 0 {
            write!(f, ", {} conflicts", self.conflicts)?;
        }
        Ok(())
    }
}

/// What an import will do. Nothing changes until [`ImportPlan::to_edit`] is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub format: Format,
    /// `Dataset::revision` the plan was computed against; see [`ImportPlan::is_stale`].
    pub based_on: u64,
    pub added: Vec<Added>,
    pub merged: Vec<Merged>,
    pub skipped: Vec<Skip>,
    pub conflicts: Vec<Conflict>,
    pub new_channels: Vec<Channel>,
    /// Interactions to add.
    pub interactions: Vec<Interaction>,
    /// Final state of every contact the import adds or changes, in order.
    contacts: Vec<Contact>,
    /// Position of each contact in `contacts`.
    positions: HashMap<ContactId, usize>,
}

/// Finds contacts by email, phone digits or exact name (first one wins).
#[derive(Default)]
struct Index {
    email: HashMap<String, ContactId>,
    phone: HashMap<String, ContactId>,
    name: HashMap<String, ContactId>,
}

impl Index {
    fn add(&mut self, c: &Contact) {
        for e in &c.emails {
            self.email
                .entry(e.value.trim().to_lowercase())
                .or_insert(c.id);
        }
        for p in &c.phones {
            let digits = normalize_phone(&p.value);
            if !digits.is_empty() {
                self.phone.entry(digits).or_insert(c.id);
            }
        }
        self.name.entry(exact_name(&c.display_name)).or_insert(c.id);
    }

    fn find(&self, c: &Contact) -> Option<(ContactId, MatchKind)> {
        for e in &c.emails {
            if let Some(&id) = self.email.get(&e.value.trim().to_lowercase()) {
                return Some((id, MatchKind::Email(e.value.clone())));
            }
        }
        for p in &c.phones {
            if let Some(&id) = self.phone.get(&normalize_phone(&p.value)) {
                return Some((id, MatchKind::Phone(p.value.clone())));
            }
        }
        self.name
            .get(&exact_name(&c.display_name))
            .map(|&id| (id, MatchKind::Name))
    }
}

/// The working state while a plan is computed.
struct Builder<'a> {
    data: &'a Dataset,
    plan: ImportPlan,
    index: Index,
}

impl<'a> Builder<'a> {
    fn new(data: &'a Dataset, format: Format) -> Self {
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
                skipped: Vec::new(),
                conflicts: Vec::new(),
                new_channels: Vec::new(),
                interactions: Vec::new(),
                contacts: Vec::new(),
                positions: HashMap::new(),
            },
            index,
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

    fn add_new(&mut self, line: usize, contact: Contact) -> ContactId {
        let id = contact.id;
        self.index.add(&contact);
        self.plan.added.push(Added {
            line,
            id,
            name: contact.display_name.clone(),
        });
        self.put(contact);
        id
    }

    /// Adds the contact, or merges it into the one it matches; returns the id it ends up under.
    fn add_or_merge(&mut self, line: usize, incoming: &Contact) -> ContactId {
        let Some((id, matched_by)) = self.index.find(incoming) else {
            return self.add_new(line, incoming.clone());
        };
        let Some(mut kept) = self.current(id).cloned() else {
            return self.add_new(line, incoming.clone());
        };
        let changes = merge_into(&mut kept, incoming);
        if !changes.is_empty() {
            kept.updated = Utc::now();
            self.index.add(&kept);
            self.put(kept.clone());
        }
        self.plan.merged.push(Merged {
            line,
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

impl ImportPlan {
    /// Compares parsed records with the open data. Pure: `data` is not changed.
    #[must_use]
    pub fn new(data: &Dataset, parsed: &Parsed) -> Self {
        let mut b = Builder::new(data, parsed.format());
        b.plan.skipped.clone_from(&parsed.skipped);
        for incoming in &parsed.contacts {
            b.add_or_merge(incoming.line, &incoming.contact);
        }
        if !parsed.interactions.is_empty() {
            let mut seen: HashSet<InteractionKey> =
                data.interactions().iter().map(key_of).collect();
            for row in &parsed.interactions {
                plan_interaction(&mut b, row, &mut seen);
            }
        }
        if let Some(other) = &parsed.rapport {
            plan_rapport(&mut b, other);
        }
        b.plan.skipped.sort_by_key(|s| s.line);
        b.plan
    }

    /// The import as one edit: applying it through `Dataset::apply` is one undo step.
    pub fn to_edit(&self) -> Edit {
        let mut edits: Vec<Edit> = self
            .contacts
            .iter()
            .cloned()
            .map(Edit::PutContact)
            .collect();
        edits.extend(self.new_channels.iter().cloned().map(Edit::PutChannel));
        edits.extend(self.interactions.iter().cloned().map(Edit::PutInteraction));
        Edit::Batch(edits)
    }

    /// Whether the data changed since the plan was computed (then compute it again: applying a
    /// stale plan could overwrite the newer edits of the contacts it merges).
    #[must_use]
    pub fn is_stale(&self, data: &Dataset) -> bool {
        data.revision() != self.based_on
    }

    /// Whether applying the plan would change nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty() && self.new_channels.is_empty() && self.interactions.is_empty()
    }

    /// A contact as the import leaves it (for a preview of added and merged contacts).
    #[must_use]
    pub fn contact(&self, id: ContactId) -> Option<&Contact> {
        self.positions.get(&id).map(|&i| &self.contacts[i])
    }

    #[must_use]
    pub fn summary(&self) -> PlanSummary {
        let changed = self.merged.iter().filter(|m| !m.changes.is_empty()).count();
        PlanSummary {
            added: self.added.len(),
            merged: changed,
            unchanged: self.merged.len() - changed,
            skipped: self.skipped.len(),
            interactions: self.interactions.len(),
            channels: self.new_channels.len(),
            conflicts: self.conflicts.len(),
        }
    }

    /// The plan as text, one item per line: what the command line prints.
    #[must_use]
    pub fn report(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for a in &self.added {
            let _ = writeln!(out, "  added    {}{}", a.name, at(a.line));
        }
        for m in &self.merged {
            let what = if m.changes.is_empty() {
                "nothing new".to_owned()
            } else {
                m.changes
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let _ = writeln!(
                out,
                "  merged   {} ({}){}: {what}",
                m.name,
                m.matched_by,
                at(m.line)
            );
        }
        for c in &self.new_channels {
            let _ = writeln!(out, "  channel  {} ({}) created", c.name, c.mode);
        }
        for s in &self.skipped {
            let _ = writeln!(out, "  skipped  {s}");
        }
        for c in &self.conflicts {
            let _ = writeln!(out, "  conflict {c}");
        }
        out
    }
}

fn at(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

fn plan_interaction(
    b: &mut Builder<'_>,
    row: &IncomingInteraction,
    seen: &mut HashSet<InteractionKey>,
) {
    let channel = match b.channel_named(&row.channel) {
        Some(id) => id,
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
        let id = found.unwrap_or_else(|| b.add_new(row.line, probe));
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
    for theirs in other.contacts() {
        let Some(ours) = data.contact(theirs.id) else {
            let id = b.add_or_merge(0, theirs);
            contact_map.insert(theirs.id, id);
            continue;
        };
        contact_map.insert(theirs.id, theirs.id);
        if ours == theirs {
            b.plan.merged.push(Merged {
                line: 0,
                id: ours.id,
                name: ours.display_name.clone(),
                matched_by: MatchKind::Id,
                changes: Vec::new(),
            });
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
            b.plan.merged.push(Merged {
                line: 0,
                id: ours.id,
                name: ours.display_name.clone(),
                matched_by: MatchKind::Id,
                changes: vec![FieldChange {
                    field: "contact",
                    change: Change::Set("the other file's newer version".to_owned()),
                }],
            });
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
    for it in other.interactions() {
        let mut mapped = it.clone();
        mapped.channel = channel_map.get(&it.channel).copied().unwrap_or(it.channel);
        mapped.participants.clear();
        let mut seen = HashSet::new();
        for p in &it.participants {
            let id = contact_map.get(p).copied().unwrap_or(*p);
            if seen.insert(id) {
                mapped.participants.push(id);
            }
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
            None => b.plan.interactions.push(mapped),
        }
    }
    if data.settings() != other.settings() {
        b.plan.conflicts.push(Conflict {
            subject: "settings differ".to_owned(),
            resolution: "kept this file's".to_owned(),
        });
    }
}
