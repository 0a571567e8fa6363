//! The demo network shipped as `assets/demo.json`: about fifty people and a few hundred
//! interactions from December 2023 to November 2026, shaped by hand to tell Rapport's story.
//!
//! - Priya Raman: a deep tie that lives entirely online (weekly video calls, never met).
//! - The Harbourside Chamber of Commerce: people met often at breakfasts and mixers, but only for
//!   small talk.
//! - Sofia, Daniel, Emma, Jonas and Maria Fernanda: blended ties mixing lunches, calls and email.
//! - Rachel Adeyemi: a strong tie that went quiet in February 2026.
//! - Group events: chamber breakfasts, a book club, a design meetup, a team kickoff call.
//! - A long tail of people seen once or twice.
//!
//! Regenerate the file with `cargo run --example demo_data -- assets/demo.json`; a test checks
//! that the committed file matches this code.

//!
//! The story is data and calls, one file per part of it (`online`, `chamber`, `blended`,
//! `quiet`, `circles`, `tail`), drawn through a small builder (`builder`). The parts run in
//! this order, which fixes the random draws: reordering them changes the file.

mod blended;
mod builder;
mod chamber;
mod circles;
mod online;
mod quiet;
mod tail;

use chrono::NaiveDate;

use crate::model::{Dataset, Settings, default_channels};
use builder::Builder;

/// The seed the demo network is drawn with.
pub const DEMO_SEED: u64 = 20_261_127;

/// The "today" the demo is shaped around: its last interactions are just before this date.
pub const DEMO_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("a valid date"),
};

pub(super) const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// Builds the demo network. Deterministic: the same code always gives the same dataset.
#[must_use]
pub fn demo_dataset() -> Dataset {
    let mut net = Builder::new(DEMO_SEED);
    let priya = online::add(&mut net);
    chamber::add(&mut net);
    let emma = blended::add(&mut net);
    let rachel = quiet::add(&mut net);
    circles::add(&mut net, priya, rachel, emma);
    tail::add(&mut net, priya);

    net.interactions.sort_by_key(|it| (it.date, it.time));
    let mut settings = Settings::default();
    settings.cadence.by_tag.insert("client".to_owned(), 30);
    settings.cadence.by_tag.insert("chamber".to_owned(), 120);
    Dataset::from_parts(net.contacts, default_channels(), net.interactions, settings)
        .expect("the demo network is built to satisfy every integrity rule")
}
