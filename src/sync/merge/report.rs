//! What a merge reports: the fields both sides changed (and which value won), the records it
//! added, changed, removed or brought back, in words for the person and as data for `--json`.

use std::fmt;

use serde_json::Value;

use crate::model::stamps::RecordKey;

/// A field both sides changed: the kept value and the one that lost.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub key: RecordKey,
    /// The record's name as a person reads it (a contact's name, a channel's name, an
    /// interaction's date and summary).
    pub label: String,
    pub field: String,
    pub kept: Value,
    pub lost: Value,
    /// Whether the kept value is the other copy's (`true`) or this one's.
    pub kept_theirs: bool,
}

impl Conflict {
    /// `"Ada" notes: kept "new" (theirs, the later change), not "old"`.
    #[must_use]
    pub fn describe(&self) -> String {
        format!(
            "\"{}\" {}: kept {} ({}, the later change), not {}",
            self.label,
            self.field,
            short(&self.kept),
            if self.kept_theirs { "theirs" } else { "mine" },
            short(&self.lost),
        )
    }
}

/// What happened to one record, seen from "mine".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Came in from the other copy.
    Added,
    /// Fields that came in from the other copy.
    Updated(Vec<String>),
    /// Deleted on the other copy.
    Deleted,
    /// Deleted on one side but edited on the other (or needed by a kept interaction): kept.
    KeptOverDeletion,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: RecordKey,
    pub label: String,
    pub kind: ChangeKind,
}

/// Everything a merge did, for the user to see.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub changes: Vec<Change>,
    pub conflicts: Vec<Conflict>,
}

impl Report {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.conflicts.is_empty()
    }

    /// A one-line summary ("2 added, 1 updated, 1 deleted, 1 conflict").
    #[must_use]
    pub fn summary(&self) -> String {
        let count = |f: fn(&ChangeKind) -> bool| self.changes.iter().filter(|c| f(&c.kind)).count();
        let parts = [
            (count(|k| *k == ChangeKind::Added), "added", "added"),
            (
                count(|k| matches!(k, ChangeKind::Updated(_))),
                "updated",
                "updated",
            ),
            (count(|k| *k == ChangeKind::Deleted), "deleted", "deleted"),
            (
                count(|k| *k == ChangeKind::KeptOverDeletion),
                "kept over a deletion",
                "kept over a deletion",
            ),
            (self.conflicts.len(), "conflict", "conflicts"),
        ];
        let text: Vec<String> = parts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        if text.is_empty() {
            "nothing new".to_owned()
        } else {
            text.join(", ")
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            match &c.kind {
                ChangeKind::Added => writeln!(f, "  added {} \"{}\"", c.key.kind(), c.label)?,
                ChangeKind::Updated(fields) => writeln!(
                    f,
                    "  updated {} \"{}\": {}",
                    c.key.kind(),
                    c.label,
                    fields.join(", ")
                )?,
                ChangeKind::Deleted => writeln!(f, "  deleted {} \"{}\"", c.key.kind(), c.label)?,
                ChangeKind::KeptOverDeletion => writeln!(
                    f,
                    "  kept {} \"{}\" (deleted on one copy, edited or needed on the other)",
                    c.key.kind(),
                    c.label
                )?,
            }
        }
        for c in &self.conflicts {
            writeln!(f, "  conflict in {} {}", c.key.kind(), c.describe())?;
        }
        Ok(())
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}...", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}
