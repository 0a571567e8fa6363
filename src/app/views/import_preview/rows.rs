//! The preview's lists as single lines of text, laid out once per plan (so they can be
//! virtualised): who is new, proposed and made merges, interactions, what is left out or skipped,
//! conflicts. Nothing of egui.

use std::collections::HashMap;

use super::PreviewTab;
use crate::formats::{Change, ImportPlan, MatchKind, Parsed, Row};

/// How a row is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Strong,
    Plain,
    /// A detail under the row above it.
    Detail,
}

/// What a row's checkbox decides: whether the record is imported, or whether a proposed merge
/// is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Toggle {
    Include(Row),
    Accept(Row),
}

/// One line of a list: its text, how it is drawn, and its checkbox (with its state), if any.
pub(super) struct Line {
    pub(super) text: String,
    pub(super) style: Style,
    pub(super) check: Option<(Toggle, bool)>,
}

impl Line {
    pub(super) fn plain(text: String, style: Style) -> Self {
        Self {
            text,
            style,
            check: None,
        }
    }

    pub(super) fn checked(text: String, style: Style, toggle: Toggle, on: bool) -> Self {
        Self {
            text,
            style,
            check: Some((toggle, on)),
        }
    }
}

/// The preview's lists, laid out once per plan as single lines (so they can be virtualised).
#[derive(Default)]
pub(super) struct Rows {
    pub(super) new: Vec<Line>,
    pub(super) proposed: Vec<Line>,
    pub(super) merged: Vec<Line>,
    pub(super) interactions: Vec<Line>,
    pub(super) left_out: Vec<Line>,
    pub(super) skipped: Vec<Line>,
    pub(super) conflicts: Vec<Line>,
}

pub(super) fn at(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

impl Rows {
    pub(super) fn new(parsed: &Parsed, plan: &ImportPlan) -> Self {
        let incoming: HashMap<usize, &str> = parsed
            .contacts
            .iter()
            .map(|i| (i.line, i.contact.display_name.as_str()))
            .collect();
        let mut rows = Rows::default();
        for a in &plan.added {
            let mut text = format!("{}{}", a.name, at(a.line));
            if let Some(c) = plan.contact(a.id) {
                let facts: Vec<&str> = [
                    c.emails.first().map(|e| e.value.as_str()),
                    c.phones.first().map(|p| p.value.as_str()),
                    Some(c.organization.as_str()),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect();
                if !facts.is_empty() {
                    text.push_str(" · ");
                    text.push_str(&facts.join(" · "));
                }
            }
            rows.new.push(Line::checked(
                text,
                Style::Plain,
                Toggle::Include(a.row),
                true,
            ));
        }
        for p in &plan.proposed {
            let evidence = if p.matched_by == MatchKind::Name {
                p.why.clone()
            } else {
                format!("{} · {}", p.matched_by, p.why)
            };
            rows.proposed.push(Line::checked(
                format!(
                    "Merge {}{} into {} · {evidence}",
                    p.name,
                    at(p.line),
                    p.target_name
                ),
                Style::Plain,
                Toggle::Accept(p.row),
                p.accepted,
            ));
        }
        for m in &plan.merged {
            let from = incoming.get(&m.line).copied().unwrap_or(m.name.as_str());
            let outcome = if m.changes.is_empty() {
                "nothing new".to_owned()
            } else if m.changes.len() == 1 {
                "1 change".to_owned()
            } else {
                format!("{} changes", m.changes.len())
            };
            rows.merged.push(Line::checked(
                format!(
                    "{from}{} into {} · {} · {outcome}",
                    at(m.line),
                    m.name,
                    m.matched_by
                ),
                Style::Strong,
                Toggle::Include(m.row),
                true,
            ));
            for c in &m.changes {
                let text = match &c.change {
                    Change::Added(v) => format!("{}: add {v}", c.field),
                    Change::Set(v) => format!("{}: set to {v}", c.field),
                    Change::Kept { existing, incoming } => format!(
                        "{}: keeps {existing}; {incoming} goes to the notes",
                        c.field
                    ),
                };
                rows.merged.push(Line::plain(text, Style::Detail));
            }
        }
        for (it, row) in plan.interactions.iter().zip(&plan.interaction_rows) {
            let line = match row {
                Row::Interaction(i) => parsed.interactions.get(*i).map_or(0, |r| r.line),
                Row::Contact(_) => 0,
            };
            let people: Vec<String> = it
                .participants
                .iter()
                .filter_map(|id| plan.contact(*id).map(|c| c.display_name.clone()))
                .collect();
            let mut text = format!("{}{}", it.date, at(line));
            if !people.is_empty() {
                text.push_str(" · ");
                text.push_str(&people.join(", "));
            }
            if !it.summary.trim().is_empty() {
                text.push_str(" · ");
                text.push_str(it.summary.trim());
            }
            rows.interactions.push(Line::checked(
                text,
                Style::Plain,
                Toggle::Include(*row),
                true,
            ));
        }
        for l in &plan.left_out {
            rows.left_out.push(Line::checked(
                format!("{}{}", l.what, at(l.line)),
                Style::Plain,
                Toggle::Include(l.row),
                false,
            ));
        }
        for s in &plan.skipped {
            rows.skipped.push(Line::plain(
                crate::app::capitalise(&s.to_string()),
                Style::Plain,
            ));
        }
        for w in &plan.warnings {
            rows.skipped.push(Line::plain(
                format!("Line {}: imported, but {}", w.line, w.reason),
                Style::Plain,
            ));
        }
        for c in &plan.conflicts {
            rows.conflicts.push(Line::plain(
                crate::app::capitalise(&c.subject),
                Style::Strong,
            ));
            rows.conflicts.push(Line::plain(
                crate::app::capitalise(&c.resolution),
                Style::Detail,
            ));
        }
        rows
    }

    pub(super) fn of(&self, tab: PreviewTab) -> &[Line] {
        match tab {
            PreviewTab::New => &self.new,
            PreviewTab::Proposed => &self.proposed,
            PreviewTab::Merged => &self.merged,
            PreviewTab::Interactions => &self.interactions,
            PreviewTab::LeftOut => &self.left_out,
            PreviewTab::Skipped => &self.skipped,
            PreviewTab::Conflicts => &self.conflicts,
        }
    }
}
