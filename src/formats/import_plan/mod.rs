//! The preview of an import: computed from the open data and the parsed records, changing
//! nothing until [`ImportPlan::to_edit`] is applied.
//!
//! `matching` finds which existing contact a record may be (UID, email, phone, name), `build`
//! walks the records and fills the plan; this file holds the plan's types and what the app asks
//! of a plan.

mod build;
mod matching;

use std::collections::{HashMap, HashSet};
use std::fmt;

use build::at;

use super::Format;
use super::merge::{FieldChange, MatchKind};
use super::source::{Parsed, Skip};
use crate::model::{Channel, Contact, ContactId, Dataset, Edit, Interaction};

/// One record of the source, for the choices made in the preview: a contact (its index in
/// `Parsed::contacts`, or in the other Rapport file's contacts) or an interaction (its index in
/// `Parsed::interactions`, or in the other file's interactions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Row {
    Contact(usize),
    Interaction(usize),
}

/// What the user decided in the preview (or on the command line): every row is imported and no
/// proposed merge is made unless chosen here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportChoices {
    /// Accept every proposed (weak) merge: `rapport import --merge-weak`.
    pub merge_weak: bool,
    /// Proposed merges accepted one by one, by the incoming contact's row.
    pub accepted: HashSet<Row>,
    /// Rows left out of the import.
    pub left_out: HashSet<Row>,
}

/// A contact the import creates.
#[derive(Clone, Debug, PartialEq)]
pub struct Added {
    /// Line of the record it came from (0 for a contact from another Rapport file).
    pub line: usize,
    /// The record it came from (an interaction row for a participant it creates).
    pub row: Row,
    pub id: ContactId,
    pub name: String,
}

/// A weak match (the same name alone, or a shared phone or email under different names, or a
/// look-alike inside one source whose cards carry distinct UIDs): a merge the user may accept.
/// Unless accepted, the incoming contact is added as a contact of its own (and listed in
/// `added`); accepted, it merges (and is listed in `merged`).
#[derive(Clone, Debug, PartialEq)]
pub struct Proposed {
    pub line: usize,
    pub row: Row,
    /// The incoming contact's name.
    pub name: String,
    /// The contact it looks like, and its name.
    pub target: ContactId,
    pub target_name: String,
    pub matched_by: MatchKind,
    /// Why the evidence is weak, in words ("same name only").
    pub why: String,
    pub accepted: bool,
}

/// A row the user left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub line: usize,
    pub row: Row,
    /// The contact's name, or the interaction's date and summary.
    pub what: String,
}

/// An incoming record that matched a contact (existing, or added earlier by the same import).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub line: usize,
    pub row: Row,
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
    /// Weak matches not accepted (their contacts are counted in `added`).
    pub proposed: usize,
    pub left_out: usize,
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
        if self.proposed > 0 {
            write!(
                f,
                ", {} proposed merges not made (added separately)",
                self.proposed
            )?;
        }
        if self.left_out > 0 {
            write!(f, ", {} left out", self.left_out)?;
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
    /// Weak matches, accepted or not; see [`Proposed`].
    pub proposed: Vec<Proposed>,
    pub left_out: Vec<LeftOut>,
    pub skipped: Vec<Skip>,
    /// Records imported with something left out (a photo too large), and why.
    pub warnings: Vec<Skip>,
    pub conflicts: Vec<Conflict>,
    pub new_channels: Vec<Channel>,
    /// Interactions to add.
    pub interactions: Vec<Interaction>,
    /// The row each of `interactions` came from.
    pub interaction_rows: Vec<Row>,
    /// Final state of every contact the import adds or changes, in order.
    contacts: Vec<Contact>,
    /// Position of each contact in `contacts`.
    positions: HashMap<ContactId, usize>,
}

impl ImportPlan {
    /// Compares parsed records with the open data, importing every row and making no proposed
    /// merge. Pure: `data` is not changed.
    #[must_use]
    pub fn new(data: &Dataset, parsed: &Parsed) -> Self {
        Self::with_choices(data, parsed, &ImportChoices::default())
    }

    /// Compares parsed records with the open data, leaving out the rows and accepting the
    /// proposed merges the user chose. Pure: `data` is not changed.
    #[must_use]
    pub fn with_choices(data: &Dataset, parsed: &Parsed, choices: &ImportChoices) -> Self {
        build::plan(data, parsed, choices)
    }

    /// The import as one edit: applying it through `Dataset::apply` is one undo step.
    pub fn to_edit(&self) -> Edit {
        Edit::put_all(&self.contacts, &self.new_channels, &self.interactions)
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

    /// Every contact the import adds or merges into (the app marks them afterwards).
    #[must_use]
    pub fn touched(&self) -> HashSet<ContactId> {
        self.added
            .iter()
            .map(|a| a.id)
            .chain(self.merged.iter().map(|m| m.id))
            .collect()
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
            proposed: self.proposed.iter().filter(|p| !p.accepted).count(),
            left_out: self.left_out.len(),
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
        for p in &self.proposed {
            let outcome = if p.accepted {
                "merged"
            } else {
                "not merged, added separately"
            };
            let evidence = if p.matched_by == MatchKind::Name {
                p.why.clone()
            } else {
                format!("{}, {}", p.matched_by, p.why)
            };
            let _ = writeln!(
                out,
                "  proposed {}{} looks like {} ({evidence}): {outcome}",
                p.name,
                at(p.line),
                p.target_name,
            );
        }
        for l in &self.left_out {
            let _ = writeln!(out, "  left out {}{}", l.what, at(l.line));
        }
        for c in &self.new_channels {
            let _ = writeln!(out, "  channel  {} ({}) created", c.name, c.mode);
        }
        for s in &self.skipped {
            let _ = writeln!(out, "  skipped  {s}");
        }
        for w in &self.warnings {
            let _ = writeln!(out, "  note     {w}");
        }
        for c in &self.conflicts {
            let _ = writeln!(out, "  conflict {c}");
        }
        out
    }
}
