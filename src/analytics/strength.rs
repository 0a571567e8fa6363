//! Channel-neutral tie strength: six components, each 0..1, weighted into a score 0-100.
//! See docs/ANALYTICS.md for the reasoning and the sources.

use super::{ModeTotals, Span};
use crate::model::StrengthWeights;

/// Recency halves every this many days since the last contact.
pub const RECENCY_HALF_LIFE_DAYS: f64 = 30.0;
/// Frequency is `1 - exp(-per_month / FREQUENCY_SCALE_PER_MONTH)`: weekly contact (4.3 a month)
/// gives about 0.76, monthly about 0.28.
pub const FREQUENCY_SCALE_PER_MONTH: f64 = 3.0;
/// Frequency is measured over at least this many days, so two meetings in a new tie's first
/// week do not look like daily contact.
pub const MIN_SPAN_DAYS: i64 = 30;
/// Duration is `1 - exp(-days_known / DURATION_SCALE_DAYS)`: one year gives about 0.63.
pub const DURATION_SCALE_DAYS: f64 = 365.0;
/// Depth is `(mean_depth - 1) / DEPTH_SCALE`: small talk 0, trusted help 1.
pub const DEPTH_SCALE: f64 = 4.0;
/// Multiplexity is `min(channels, MULTIPLEXITY_SATURATION) / MULTIPLEXITY_SATURATION`.
pub const MULTIPLEXITY_SATURATION: u32 = 4;

const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// One of the six components of tie strength: a type instead of a name string, so the score,
/// the weights and the views that explain them cannot disagree about which is which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    Depth,
    Recency,
    Frequency,
    Duration,
    Reciprocity,
    Multiplexity,
}

impl Component {
    /// The components in display order.
    pub const ALL: [Component; 6] = [
        Component::Depth,
        Component::Recency,
        Component::Frequency,
        Component::Duration,
        Component::Reciprocity,
        Component::Multiplexity,
    ];

    /// The lower-case name used in output and docs ("depth").
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Component::Depth => "depth",
            Component::Recency => "recency",
            Component::Frequency => "frequency",
            Component::Duration => "duration",
            Component::Reciprocity => "reciprocity",
            Component::Multiplexity => "multiplexity",
        }
    }

    /// Its value in `c`.
    #[must_use]
    pub fn of(self, c: &Components) -> f64 {
        match self {
            Component::Depth => c.depth,
            Component::Recency => c.recency,
            Component::Frequency => c.frequency,
            Component::Duration => c.duration,
            Component::Reciprocity => c.reciprocity,
            Component::Multiplexity => c.multiplexity,
        }
    }

    /// Its weight in `w`.
    #[must_use]
    pub fn weight(self, w: &StrengthWeights) -> f64 {
        match self {
            Component::Depth => w.depth,
            Component::Recency => w.recency,
            Component::Frequency => w.frequency,
            Component::Duration => w.duration,
            Component::Reciprocity => w.reciprocity,
            Component::Multiplexity => w.multiplexity,
        }
    }

    /// Its weight in `w`, to change.
    pub fn weight_mut(self, w: &mut StrengthWeights) -> &mut f64 {
        match self {
            Component::Depth => &mut w.depth,
            Component::Recency => &mut w.recency,
            Component::Frequency => &mut w.frequency,
            Component::Duration => &mut w.duration,
            Component::Reciprocity => &mut w.reciprocity,
            Component::Multiplexity => &mut w.multiplexity,
        }
    }
}

/// The six components of tie strength, each 0..1.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Components {
    /// Intimacy: mean depth of the interactions in the window.
    pub depth: f64,
    /// How recently we were in touch: halves every 30 days since the last contact.
    pub recency: f64,
    /// Interactions per month in the window, saturating.
    pub frequency: f64,
    /// How long we have known each other (since the first interaction), saturating.
    pub duration: f64,
    /// Balance of who reaches out; mutual counts as balanced.
    pub reciprocity: f64,
    /// Distinct channels used in the window, saturating at four.
    pub multiplexity: f64,
}

impl Components {
    /// The components with their names, in display order.
    #[must_use]
    pub fn named(&self) -> [(&'static str, f64); 6] {
        Component::ALL.map(|k| (k.name(), k.of(self)))
    }

    /// The components with their values, in display order.
    #[must_use]
    pub fn each(&self) -> [(Component, f64); 6] {
        Component::ALL.map(|k| (k, k.of(self)))
    }

    /// `100 * sum(w_i * c_i) / sum(w_i)`; 0 when the weights sum to zero or less. Negative or
    /// non-finite weights count as zero.
    #[must_use]
    pub fn score(&self, w: &StrengthWeights) -> f64 {
        let clean = |x: f64| if x.is_finite() && x > 0.0 { x } else { 0.0 };
        let pairs = Component::ALL.map(|k| (clean(k.weight(w)), k.of(self)));
        // Scaled by the largest weight so that sums of huge weights cannot overflow to infinity.
        let largest = pairs.iter().map(|p| p.0).fold(0.0, f64::max);
        if largest <= 0.0 {
            return 0.0;
        }
        let total: f64 = pairs.iter().map(|p| p.0 / largest).sum();
        let weighted: f64 = pairs.iter().map(|(w, c)| w / largest * c).sum();
        (100.0 * weighted / total).clamp(0.0, 100.0)
    }
}

/// A tie-strength score with the components it came from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Strength {
    /// 0-100.
    pub score: f64,
    pub components: Components,
}

impl Strength {
    /// The strength of a relationship from its totals (one mode or both). With no interactions
    /// in the window every component and the score are 0: there is no evidence of a tie.
    #[must_use]
    pub fn from_totals(t: &ModeTotals, span: Span, weights: &StrengthWeights) -> Strength {
        let (Some(last), Some(first)) = (t.last_in_window, t.first_contact) else {
            return Strength::default();
        };
        if t.interactions == 0 {
            return Strength::default();
        }
        let since_last = (span.end - last).num_days().max(0) as f64;
        let known = (span.end - first).num_days().max(0);
        let observed = span.days().map_or(known + 1, |d| d.min(known + 1));
        let months = observed.max(MIN_SPAN_DAYS) as f64 / DAYS_PER_MONTH;
        let per_month = f64::from(t.interactions) / months;
        let mean_depth = f64::from(t.depth_sum) / f64::from(t.interactions);
        let components = Components {
            depth: ((mean_depth - 1.0) / DEPTH_SCALE).clamp(0.0, 1.0),
            recency: 0.5_f64.powf(since_last / RECENCY_HALF_LIFE_DAYS),
            frequency: 1.0 - (-per_month / FREQUENCY_SCALE_PER_MONTH).exp(),
            duration: 1.0 - (-(known as f64) / DURATION_SCALE_DAYS).exp(),
            reciprocity: t.initiation.reciprocity(),
            multiplexity: f64::from(t.channel_count().min(MULTIPLEXITY_SATURATION))
                / f64::from(MULTIPLEXITY_SATURATION),
        };
        Strength {
            score: components.score(weights),
            components,
        }
    }
}
