//! Channel-neutral tie strength: six components, each 0..1, shrunk toward a neutral prior by how
//! much evidence there is, weighted into a score 0-100. See docs/ANALYTICS.md for the reasoning
//! and the sources.

use super::{ModeTotals, Span, Tier};
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

/// Evidence from the number of interactions is `n / (n + EVIDENCE_INTERACTIONS)`: 3 give 0.5.
pub const EVIDENCE_INTERACTIONS: f64 = 3.0;
/// Evidence from the days the interactions cover is `d / (d + EVIDENCE_DAYS)`: a month gives 0.5.
pub const EVIDENCE_DAYS: f64 = 30.0;
/// What a tie we know nothing about is taken to be, component by component: an acquaintance
/// met once over small chat on one channel, of unknown balance.
pub const PRIOR: Components = Components {
    depth: 0.25,
    recency: 0.0,
    frequency: 0.0,
    duration: 0.0,
    reciprocity: 0.5,
    multiplexity: 0.25,
};
/// Tier 1 needs at least this many interactions in the window ...
pub const TIER1_MIN_INTERACTIONS: u32 = 6;
/// ... over at least this many days.
pub const TIER1_MIN_DAYS: i64 = 90;
/// Tier 2 needs at least this many interactions in the window ...
pub const TIER2_MIN_INTERACTIONS: u32 = 3;
/// ... over at least this many days.
pub const TIER2_MIN_DAYS: i64 = 30;

/// How much is known about a relationship: its interactions in the window and the days from the
/// first to the last of them (both included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub interactions: u32,
    pub days: i64,
    /// Interactions whose initiator is known (reciprocity's own evidence).
    pub known_initiator: u32,
}

impl Evidence {
    /// The share of a component's measured value that counts, 0..1 (the rest is the prior):
    /// `n / (n + 3) * d / (d + 30)`. Two interactions on one day give about 0.01, a year of
    /// fortnightly contact about 0.87. Grows with both the count and the span.
    #[must_use]
    pub fn weight(&self) -> f64 {
        Self::weight_of(self.interactions, self.days)
    }

    fn weight_of(interactions: u32, days: i64) -> f64 {
        let n = f64::from(interactions);
        let d = days.max(0) as f64;
        n / (n + EVIDENCE_INTERACTIONS) * d / (d + EVIDENCE_DAYS)
    }

    /// The lowest (closest) tier this much evidence allows: 1, 2 or 3.
    #[must_use]
    pub fn closest_tier(&self) -> Tier {
        Tier::new(
            if self.interactions >= TIER1_MIN_INTERACTIONS && self.days >= TIER1_MIN_DAYS {
                1
            } else if self.interactions >= TIER2_MIN_INTERACTIONS && self.days >= TIER2_MIN_DAYS {
                2
            } else {
                3
            },
        )
    }

    /// "based on 2 interactions over 1 day".
    #[must_use]
    pub fn describe(&self) -> String {
        let n = self.interactions;
        let d = self.days;
        format!(
            "based on {} interaction{} over {} day{}",
            thousands(u64::from(n)),
            if n == 1 { "" } else { "s" },
            thousands(d.unsigned_abs()),
            if d == 1 { "" } else { "s" }
        )
    }
}

/// `12345` as "12,345".
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
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
    /// The components after shrinking toward [`PRIOR`] (what the score is made of).
    pub components: Components,
    /// The components as measured, before shrinking.
    pub measured: Components,
    pub evidence: Evidence,
}

impl Strength {
    /// The strength of a relationship from its totals (one mode or both). With no interactions
    /// in the window every component and the score are 0: there is no evidence of a tie.
    /// Otherwise each measured component `c` counts as `prior + e * (c - prior)` with `e` the
    /// [`Evidence::weight`] (reciprocity uses the interactions whose initiator is known).
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
        let first_in_window = t.first_in_window.unwrap_or(last);
        let evidence = Evidence {
            interactions: t.interactions,
            days: (last - first_in_window).num_days().max(0) + 1,
            known_initiator: t.initiation.known(),
        };
        let measured = Components {
            depth: ((mean_depth - 1.0) / DEPTH_SCALE).clamp(0.0, 1.0),
            recency: 0.5_f64.powf(since_last / RECENCY_HALF_LIFE_DAYS),
            frequency: 1.0 - (-per_month / FREQUENCY_SCALE_PER_MONTH).exp(),
            duration: 1.0 - (-(known as f64) / DURATION_SCALE_DAYS).exp(),
            reciprocity: if evidence.known_initiator == 0 {
                PRIOR.reciprocity
            } else {
                t.initiation.reciprocity()
            },
            multiplexity: f64::from(t.channel_count().min(MULTIPLEXITY_SATURATION))
                / f64::from(MULTIPLEXITY_SATURATION),
        };
        let e = evidence.weight();
        let e_recip = Evidence::weight_of(evidence.known_initiator, evidence.days);
        let shrink = |prior: f64, c: f64, e: f64| prior + e * (c - prior);
        let components = Components {
            depth: shrink(PRIOR.depth, measured.depth, e),
            recency: shrink(PRIOR.recency, measured.recency, e),
            frequency: shrink(PRIOR.frequency, measured.frequency, e),
            duration: shrink(PRIOR.duration, measured.duration, e),
            reciprocity: shrink(PRIOR.reciprocity, measured.reciprocity, e_recip),
            multiplexity: shrink(PRIOR.multiplexity, measured.multiplexity, e),
        };
        Strength {
            score: components.score(weights),
            components,
            measured,
            evidence,
        }
    }
}
