//! The demo's builder: people, single interactions, rhythms (a relationship's recurring
//! pattern) and scattered one-offs, all drawn from one seeded generator so the demo is the same
//! on every run.

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::super::pick::{PHONE, VIDEO, one, shift, weighted};
use super::{DEMO_TODAY, date};
use crate::model::{
    ChannelId, Contact, ContactId, Depth, Initiator, Interaction, InteractionId, Labeled,
};

/// How one kind of interaction in a recurring relationship looks.
#[derive(Clone, Copy)]
pub(super) struct Kind {
    pub(super) channel: u64,
    pub(super) weight: u32,
    pub(super) minutes: Option<(u32, u32)>,
    pub(super) depths: &'static [(u8, u32)],
    pub(super) summaries: &'static [&'static str],
}

/// A relationship's rhythm: every `every` days (plus or minus `jitter`) from `from` to `to`,
/// skipping some, each time one of `kinds`.
pub(super) struct Rhythm {
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    pub(super) every: i64,
    pub(super) jitter: i64,
    pub(super) skip: f64,
    pub(super) kinds: &'static [Kind],
    pub(super) initiators: [u32; 3],
}

pub(super) struct Builder {
    pub(super) rng: ChaCha8Rng,
    pub(super) contacts: Vec<Contact>,
    pub(super) interactions: Vec<Interaction>,
}

pub(super) fn stamp(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    d.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc()
}

impl Builder {
    /// An empty network drawn from `seed`.
    pub(super) fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            contacts: Vec::new(),
            interactions: Vec::new(),
        }
    }

    pub(super) fn person(
        &mut self,
        display: &str,
        org: &str,
        role: &str,
        email: &str,
        tags: &[&str],
        met: (NaiveDate, &str),
    ) -> ContactId {
        let id = ContactId(self.rng.random());
        let mut c = Contact::with_id(id, display, stamp(met.0, 9));
        c.updated = stamp(
            shift(DEMO_TODAY, -i64::from(self.rng.random_range(1..60_u32))),
            17,
        );
        let mut parts = display.rsplitn(2, ' ');
        let family = parts.next().unwrap_or_default();
        let given = parts.next().unwrap_or_default();
        c.given_name = given.to_owned();
        c.family_name = family.to_owned();
        c.organization = org.to_owned();
        c.role = role.to_owned();
        if !email.is_empty() {
            c.emails.push(Labeled::new(email, "work"));
        }
        c.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        c.met_on = Some(met.0);
        c.how_met = met.1.to_owned();
        self.contacts.push(c);
        id
    }

    pub(super) fn last(&mut self) -> &mut Contact {
        let n = self.contacts.len();
        &mut self.contacts[n - 1]
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "a hand-written log line reads best as one call"
    )]
    pub(super) fn log(
        &mut self,
        on: NaiveDate,
        who: &[ContactId],
        channel: u64,
        minutes: Option<u32>,
        depth: u8,
        by: Initiator,
        summary: &str,
        notes: &str,
    ) -> usize {
        let mut it = Interaction::new(on, who.to_vec(), ChannelId(channel));
        it.id = InteractionId(self.rng.random());
        it.minutes = minutes;
        it.depth = Depth::new(depth).unwrap_or_default();
        it.initiated_by = by;
        it.summary = summary.to_owned();
        it.notes = notes.to_owned();
        if matches!(channel, PHONE | VIDEO) {
            let hour = self.rng.random_range(8..18);
            let minute = *one(&mut self.rng, &[0, 0, 15, 30, 30, 45]);
            it.time = NaiveTime::from_hms_opt(hour, minute, 0);
        }
        self.interactions.push(it);
        self.interactions.len() - 1
    }

    pub(super) fn rhythm(&mut self, who: &[ContactId], r: &Rhythm) {
        let mut day = r.from;
        while day <= r.to {
            let on = shift(day, self.rng.random_range(-r.jitter..=r.jitter)).min(r.to);
            if !self.rng.random_bool(r.skip) {
                let kinds: Vec<(Kind, u32)> = r.kinds.iter().map(|k| (*k, k.weight)).collect();
                let kind = weighted(&mut self.rng, &kinds);
                let depth = weighted(&mut self.rng, kind.depths);
                let minutes = kind.minutes.map(|(lo, hi)| {
                    let m = self.rng.random_range(lo..=hi);
                    m - m % 5
                });
                let by = weighted(
                    &mut self.rng,
                    &[
                        (Initiator::Me, r.initiators[0]),
                        (Initiator::Them, r.initiators[1]),
                        (Initiator::Mutual, r.initiators[2]),
                    ],
                );
                let summary = *one(&mut self.rng, kind.summaries);
                self.log(on, who, kind.channel, minutes, depth, by, summary, "");
            }
            day = shift(day, r.every);
        }
    }

    /// A handful of one-off interactions spread over a period.
    pub(super) fn scatter(
        &mut self,
        who: ContactId,
        n: usize,
        from: NaiveDate,
        to: NaiveDate,
        kind: Kind,
    ) {
        let span = (to - from).num_days().max(1);
        for _ in 0..n {
            let on = shift(from, self.rng.random_range(0..=span));
            let depth = weighted(&mut self.rng, kind.depths);
            let minutes = kind.minutes.map(|(lo, hi)| self.rng.random_range(lo..=hi));
            let by = *one(&mut self.rng, &Initiator::ALL);
            let summary = *one(&mut self.rng, kind.summaries);
            self.log(on, &[who], kind.channel, minutes, depth, by, summary, "");
        }
    }

    pub(super) fn follow_up_on_latest(&mut self, who: ContactId, follow_up: NaiveDate, note: &str) {
        let latest = self
            .interactions
            .iter_mut()
            .filter(|it| it.participants.contains(&who))
            .max_by_key(|it| it.date);
        if let Some(it) = latest {
            it.follow_up = Some(follow_up);
            if !note.is_empty() {
                it.notes = note.to_owned();
            }
        }
    }
}

/// The n-th given weekday of a month (n from 1).
pub(super) fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).unwrap_or(date(year, month, 1))
}

/// Name, organisation, role, email, tags, how we met, main channel, number of interactions.
pub(super) type TailPerson = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    u64,
    usize,
);

pub(super) const SMALL_TALK: &[(u8, u32)] = &[(1, 7), (2, 3)];
