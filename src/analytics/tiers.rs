//! Dunbar-style layers: rank relationships by strength into tiers of about 5 / 15 / 50 / 150 /
//! the rest.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::model::ContactId;

/// Cumulative sizes of tiers 1-4: the 5 strongest are tier 1, the next 10 tier 2 (15 in all),
/// the next 35 tier 3 (50), the next 100 tier 4 (150); everyone else is tier 5.
pub const TIER_BOUNDS: [usize; 4] = [5, 15, 50, 150];
/// Number of tiers; tier 5 is "everyone else".
pub const TIER_COUNT: u8 = 5;

/// Strength at or above which a tie counts as strong regardless of its tier.
pub const STRONG_SCORE: f64 = 60.0;

/// Whether a tie is strong: in tier 1 or 2 (the 15 innermost) or scoring at least 60.
#[must_use]
pub fn strong_tie(tier: u8, score: f64) -> bool {
    tier <= 2 || score >= STRONG_SCORE
}

/// The tier of the relationship ranked at `rank` (0 = strongest).
#[must_use]
pub fn tier_of_rank(rank: usize) -> u8 {
    TIER_BOUNDS
        .iter()
        .position(|&b| rank < b)
        .map_or(TIER_COUNT, |p| p as u8 + 1)
}

/// One candidate for ranking.
pub(crate) struct Candidate {
    pub id: ContactId,
    pub score: f64,
    pub last: Option<NaiveDate>,
}

/// Sorts candidates strongest first. Ties break on the more recent last contact, then on the
/// contact id, so the order never depends on file order.
pub(crate) fn rank(candidates: &mut [Candidate]) {
    candidates.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.last.cmp(&a.last))
            .then_with(|| a.id.cmp(&b.id))
            .then(Ordering::Equal)
    });
}
