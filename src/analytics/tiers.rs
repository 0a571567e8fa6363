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

/// A Dunbar-style layer, 1 (the innermost 5) to 5 (everyone else, and anyone not ranked). Shown,
/// compared and written (reports, CSV) as its number; a lower tier is a closer one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Tier(u8);

impl Tier {
    /// Tier 1, the innermost 5.
    pub const INNERMOST: Tier = Tier(1);
    /// Tier 5: everyone else.
    pub const OUTER: Tier = Tier(TIER_COUNT);
    /// Every tier, innermost first.
    pub const ALL: [Tier; TIER_COUNT as usize] = [Tier(1), Tier(2), Tier(3), Tier(4), Tier(5)];

    /// Tier `n`, held to 1..=5 (0 is tier 1, anything past 5 is tier 5).
    #[must_use]
    pub fn new(n: u8) -> Tier {
        Tier(n.clamp(1, TIER_COUNT))
    }

    /// The tier of the relationship ranked at `rank` (0 = strongest).
    #[must_use]
    pub fn of_rank(rank: usize) -> Tier {
        TIER_BOUNDS
            .iter()
            .position(|&b| rank < b)
            .map_or(Tier::OUTER, |p| Tier::ALL[p])
    }

    /// 1 to 5.
    #[must_use]
    pub fn number(self) -> u8 {
        self.0
    }

    /// 0 to 4, for arrays with one entry per tier (tier 1 first).
    #[must_use]
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }

    /// "Tier 1 · innermost 5".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Tier 1 · innermost 5",
            2 => "Tier 2 · closest 15",
            3 => "Tier 3 · top 50",
            4 => "Tier 4 · top 150",
            _ => "Tier 5 · everyone else",
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Strength at or above which a tie counts as strong regardless of its tier.
pub const STRONG_SCORE: f64 = 60.0;

/// Whether a tie is strong: in tier 1 or 2 (the 15 innermost) or scoring at least 60.
#[must_use]
pub fn strong_tie(tier: Tier, score: f64) -> bool {
    tier <= Tier(2) || score >= STRONG_SCORE
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
    /// The ranking of `candidates`, each paired with a number of the caller's (its position);
    /// also returns those numbers in rank order.
    pub fn build_numbered(mut candidates: Vec<(Candidate, u32)>) -> (Self, Vec<u32>) {
        candidates.sort_unstable_by(|a, b| order(&a.0, &b.0));
        let numbers = candidates.iter().map(|c| c.1).collect();
        let keys: Vec<Candidate> = candidates.into_iter().map(|c| c.0).collect();
        let ids = keys.iter().map(|c| c.id).collect();
        (Self { keys, ids }, numbers)
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

#[cfg(test)]
mod tier_tests {
    use super::Tier;

    #[test]
    fn ranks_fall_into_dunbar_layers() {
        let tiers: Vec<u8> = [0, 4, 5, 14, 15, 49, 50, 149, 150, 10_000]
            .map(|r| Tier::of_rank(r).number())
            .to_vec();
        assert_eq!(tiers, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn tiers_are_held_to_one_to_five_and_shown_as_numbers() {
        assert_eq!(Tier::new(0), Tier::INNERMOST);
        assert_eq!(Tier::new(9), Tier::OUTER);
        assert_eq!(Tier::new(3).index(), 2);
        assert_eq!(Tier::new(2).to_string(), "2");
        assert_eq!(serde_json::to_string(&Tier::new(4)).unwrap(), "4");
        assert!(Tier::INNERMOST < Tier::OUTER);
        assert_eq!(Tier::new(1).label(), "Tier 1 · innermost 5");
        assert_eq!(Tier::new(7).label(), "Tier 5 · everyone else");
    }
}
