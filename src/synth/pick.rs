//! Small random helpers and the default channel ids, shared by the demo builder and the generator.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

// The ids of the default channels (see `model::default_channels`), as both builders draw them.
pub(crate) const IN_PERSON: u64 = 1;
pub(crate) const EVENT: u64 = 2;
pub(crate) const PHONE: u64 = 3;
pub(crate) const VIDEO: u64 = 4;
pub(crate) const EMAIL: u64 = 5;
pub(crate) const TEXT: u64 = 6;
pub(crate) const SOCIAL: u64 = 7;
pub(crate) const LETTER: u64 = 8;

/// Picks one item with probability proportional to its weight (weights need not sum to 1).
pub(crate) fn weighted<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|&(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for &(item, w) in items {
        if roll < w {
            return item;
        }
        roll -= w;
    }
    items[items.len() - 1].0
}

/// One item, uniformly.
pub(crate) fn one<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// `date` moved by `days` (negative goes back); saturates at the calendar's ends.
pub(crate) fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(magnitude).unwrap_or(date)
    } else {
        date.checked_sub_days(magnitude).unwrap_or(date)
    }
}
