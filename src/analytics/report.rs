//! Tabular reports shared by the command line and the export command: the relationship stats
//! (`rapport stats`, `rapport export --format stats-csv`) and the plan (`rapport due`). Analytics
//! owns these row types; `formats::report_csv` writes them as CSV.

use chrono::NaiveDate;
use serde::Serialize;

use super::planner::PlanItem;
use super::{Analytics, Components, Tier};
use crate::model::Dataset;

/// The `stats` CSV columns, in contract order.
pub const STATS_CSV_HEADER: [&str; 10] = [
    "name",
    "email",
    "online_interactions",
    "offline_interactions",
    "online_minutes",
    "offline_minutes",
    "channels",
    "strength",
    "tier",
    "last_contact",
];

/// The `due` CSV columns, in contract order.
pub const DUE_CSV_HEADER: [&str; 7] = [
    "name",
    "email",
    "last_contact",
    "cadence_days",
    "days_since",
    "status",
    "suggested_channel",
];

/// One contact's statistics as the reports print them. Serialises to the JSON `stats` output: the
/// CSV fields plus the components and the offline-only lens.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatsRow {
    pub name: String,
    /// The primary email, or empty.
    pub email: String,
    pub online_interactions: u32,
    pub offline_interactions: u32,
    pub online_minutes: u64,
    pub offline_minutes: u64,
    /// Distinct channels used in the window.
    pub channels: u32,
    /// 0-100, rounded to one decimal.
    pub strength: f64,
    /// 1 = innermost layer.
    pub tier: Tier,
    pub last_contact: Option<NaiveDate>,
    /// Each 0..1, rounded to three decimals.
    pub components: Components,
    pub first_contact: Option<NaiveDate>,
    /// Depth-weighted engagement (sum of depth levels) per mode.
    pub online_depth: u32,
    pub offline_depth: u32,
    pub initiated_by_me: u32,
    pub initiated_by_them: u32,
    pub initiated_mutually: u32,
    /// The offline-only lens.
    pub offline_only_strength: f64,
    pub offline_only_tier: Tier,
    pub archived: bool,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10_f64.powi(places);
    (x * f).round() / f
}

/// One row per contact: ranked contacts strongest first, then the rest by name.
#[must_use]
pub fn stats_rows(ds: &Dataset, an: &Analytics) -> Vec<StatsRow> {
    let mut order: Vec<_> = an.contacts().iter().collect();
    order.sort_by(|a, b| {
        let name = |id| ds.contact(id).map_or("", |c| c.display_name.as_str());
        a.rank
            .unwrap_or(usize::MAX)
            .cmp(&b.rank.unwrap_or(usize::MAX))
            .then_with(|| name(a.id).cmp(name(b.id)))
            .then_with(|| a.id.cmp(&b.id))
    });
    order
        .into_iter()
        .filter_map(|s| {
            let c = ds.contact(s.id)?;
            let e = &s.engagement;
            let i = e.initiation();
            let comp = s.strength.components;
            Some(StatsRow {
                name: c.display_name.clone(),
                email: c.primary_email().unwrap_or_default().to_owned(),
                online_interactions: e.online.interactions,
                offline_interactions: e.offline.interactions,
                online_minutes: e.online.minutes,
                offline_minutes: e.offline.minutes,
                channels: e.channels(),
                strength: round(s.strength.score, 1),
                tier: s.tier,
                last_contact: e.last_contact(),
                components: Components {
                    depth: round(comp.depth, 3),
                    recency: round(comp.recency, 3),
                    frequency: round(comp.frequency, 3),
                    duration: round(comp.duration, 3),
                    reciprocity: round(comp.reciprocity, 3),
                    multiplexity: round(comp.multiplexity, 3),
                },
                first_contact: e.first_contact(),
                online_depth: e.online.depth_sum,
                offline_depth: e.offline.depth_sum,
                initiated_by_me: i.me,
                initiated_by_them: i.them,
                initiated_mutually: i.mutual,
                offline_only_strength: round(s.offline_strength.score, 1),
                offline_only_tier: s.offline_tier,
                archived: c.archived,
            })
        })
        .collect()
}

/// A plan item as the `due` JSON output prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueRow {
    pub name: String,
    pub email: String,
    pub last_contact: Option<NaiveDate>,
    pub cadence_days: u32,
    /// Where the cadence comes from, in words ("from tier 2").
    pub cadence_source: String,
    pub days_since: Option<i64>,
    pub status: &'static str,
    pub suggested_channel: Option<String>,
    pub suggested_mode: Option<&'static str>,
    pub reason: Option<String>,
    pub tier: Tier,
    pub due_on: NaiveDate,
}

impl From<&PlanItem> for DueRow {
    fn from(p: &PlanItem) -> Self {
        Self {
            name: p.name.clone(),
            email: p.email.clone(),
            last_contact: p.last_contact,
            cadence_days: p.cadence.days,
            cadence_source: p.cadence.source.describe(),
            days_since: p.days_since,
            status: p.status.label(),
            suggested_channel: p.suggestion.as_ref().map(|s| s.channel_name.clone()),
            suggested_mode: p.suggestion.as_ref().map(|s| s.mode.label()),
            reason: p.suggestion.as_ref().map(|s| s.reason.clone()),
            tier: p.tier,
            due_on: p.due_on,
        }
    }
}

/// Lays out rows as an aligned text table: a header, a rule, then the rows. Columns listed in
/// `right` are right-aligned (numbers).
#[must_use]
pub fn text_table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut l = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            let pad = w.saturating_sub(width(cell));
            if right.contains(&i) {
                l.extend(std::iter::repeat_n(' ', pad));
                l.push_str(cell);
            } else {
                l.push_str(cell);
                l.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut rule.iter().map(String::as_str));
    for r in rows {
        line(&mut r.iter().map(String::as_str));
    }
    out
}
