//! Relationship analytics: engagement online and offline, channel-neutral tie strength, Dunbar-style
//! tiers, the offline-only lens, chart data and the keep-in-touch planner. Nothing here knows about
//! egui; the app and the command line share it. The formulas are explained in docs/ANALYTICS.md.
//!
//! The app holds one [`Analytics`] (computed once from a dataset, then kept current with
//! [`Analytics::update`] after every [`crate::model::Dataset::apply`]); charts and the planner read
//! from it.

mod cache;
pub mod calendar;
pub mod charts;
mod engagement;
pub(crate) mod idmap;
pub mod planner;
pub mod reminders;
pub mod report;
mod strength;
mod tiers;
mod window;

pub use cache::{Analytics, ContactStats, MissedTie, Params};
pub use engagement::{Engagement, Initiation, ModeTotals, Touch};
pub use strength::{
    Component, Components, DEPTH_SCALE, DURATION_SCALE_DAYS, EVIDENCE_DAYS, EVIDENCE_INTERACTIONS,
    Evidence, FREQUENCY_SCALE_PER_MONTH, MIN_SPAN_DAYS, MULTIPLEXITY_SATURATION, PRIOR,
    RECENCY_HALF_LIFE_DAYS, Strength, TIER1_MIN_DAYS, TIER1_MIN_INTERACTIONS, TIER2_MIN_DAYS,
    TIER2_MIN_INTERACTIONS, thousands,
};
pub use tiers::{TIER_BOUNDS, TIER_COUNT, Tier, strong_tie};
pub use window::{DEFAULT_WINDOW_DAYS, Span, Window};
