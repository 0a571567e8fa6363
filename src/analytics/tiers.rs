//! Dunbar-style layers: rank relationships by strength into tiers of about 5 / 15 / 50 / 150 /
//! the rest.

use std::cmp::Ordering;
use std::ops::Range;

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

/// One ranked relationship's sort key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Candidate {
    pub id: ContactId,
    pub score: f64,
    pub last: Option<NaiveDate>,
}

/// Strongest first; equal scores break on the more recent last contact, then on the contact id,
/// so the order never depends on file order.
fn order(a: &Candidate, b: &Candidate) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| b.last.cmp(&a.last))
        .then_with(|| a.id.cmp(&b.id))
}

/// A ranking kept sorted, so one contact's change moves one entry instead of re-sorting all.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ranking {
    keys: Vec<Candidate>,
    ids: Vec<ContactId>,
}

impl Ranking {
    pub fn build(mut candidates: Vec<Candidate>) -> Self {
        candidates.sort_unstable_by(order);
        let ids = candidates.iter().map(|c| c.id).collect();
        Self {
            keys: candidates,
            ids,
        }
    }

    pub fn ids(&self) -> &[ContactId] {
        &self.ids
    }

    fn find(&self, key: &Candidate) -> Result<usize, usize> {
        self.keys.binary_search_by(|x| order(x, key))
    }

    /// Removes `old` keys and inserts `new` ones. Returns the positions whose occupant may have
    /// changed, or `None` when an old key was not found (the caller then rebuilds).
    pub fn replace(&mut self, old: &[Candidate], new: &[Candidate]) -> Option<Range<usize>> {
        if old.is_empty() && new.is_empty() {
            return Some(0..0);
        }
        let mut removed = Vec::with_capacity(old.len());
        for k in old {
            removed.push(self.find(k).ok()?);
        }
        removed.sort_unstable();
        removed.dedup();
        if removed.len() != old.len() {
            return None;
        }
        for &p in removed.iter().rev() {
            self.keys.remove(p);
            self.ids.remove(p);
        }
        for k in new {
            let p = self.find(k).unwrap_or_else(|e| e);
            self.keys.insert(p, *k);
            self.ids.insert(p, k.id);
        }
        let inserted: Vec<usize> = new.iter().filter_map(|k| self.find(k).ok()).collect();
        let len = self.keys.len();
        let lo = removed.iter().chain(&inserted).copied().min()?;
        // An entry past every removed position (plus the number of moves) and past every
        // inserted position keeps its place when as many entries left as arrived.
        let hi = if removed.len() == inserted.len() {
            let max_old = removed.iter().copied().max().unwrap_or(0) + removed.len();
            let max_new = inserted.iter().copied().max().unwrap_or(0);
            (max_old.max(max_new) + 1).min(len)
        } else {
            len
        };
        Some(lo.min(len)..hi)
    }
}
