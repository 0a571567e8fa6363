//! Chart data: plain structs the app plots. Every function reads the [`Analytics`] cache (whose
//! window is the chart window) and takes an optional tag filter: with a tag, only contacts
//! carrying it (case-insensitively) count. Archived contacts never count.
//!
//! Counts are relationship touchpoints: a group interaction counts once for each participant
//! (and its minutes once for each), as in the per-relationship figures, so network totals are
//! the sums of the relationships' figures.
//!
//! [`contact_timeline`] and the per-contact functions are cheap. [`network_timeline`] and
//! [`channel_mix`] scan every interaction (tens of milliseconds on a million); cache their result
//! keyed on `(analytics.revision(), analytics.params(), tag)`.

use chrono::{Datelike, NaiveDate};

use super::{Analytics, ContactStats, Span, Tier, Touch};
use crate::model::{ChannelId, Contact, ContactId, Dataset, Mode};

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    /// 1-12.
    pub month: u32,
}

impl Month {
    #[must_use]
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The first day of the month.
    #[must_use]
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The month after this one.
    #[must_use]
    pub fn next(self) -> Self {
        if self.month >= 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Months since year 0: a number for a plot's x axis (consecutive months differ by 1).
    #[must_use]
    pub fn ordinal(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The inverse of [`Month::ordinal`].
    #[must_use]
    pub fn from_ordinal(ordinal: i64) -> Self {
        Self {
            year: ordinal.div_euclid(12) as i32,
            month: ordinal.rem_euclid(12) as u32 + 1,
        }
    }

    /// Days in the month.
    #[must_use]
    pub fn days(self) -> i64 {
        (self.next().first_day() - self.first_day()).num_days()
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One month of engagement, split online and offline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthBucket {
    pub month: Month,
    pub online: u32,
    pub offline: u32,
    pub online_minutes: u64,
    pub offline_minutes: u64,
    /// Sum of depth levels (both modes).
    pub depth_sum: u32,
}

impl MonthBucket {
    fn empty(month: Month) -> Self {
        Self {
            month,
            online: 0,
            offline: 0,
            online_minutes: 0,
            offline_minutes: 0,
            depth_sum: 0,
        }
    }

    /// Adds another count of the same month.
    fn merge(&mut self, other: &Self) {
        self.online += other.online;
        self.offline += other.offline;
        self.online_minutes += other.online_minutes;
        self.offline_minutes += other.offline_minutes;
        self.depth_sum += other.depth_sum;
    }

    /// Mean depth (1-5) of the month's interactions, `None` in an empty month.
    #[must_use]
    pub fn mean_depth(&self) -> Option<f64> {
        let n = self.online + self.offline;
        (n > 0).then(|| f64::from(self.depth_sum) / f64::from(n))
    }

    fn add(&mut self, mode: Mode, minutes: u32, depth: u8) {
        match mode {
            Mode::Online => {
                self.online += 1;
                self.online_minutes += u64::from(minutes);
            }
            Mode::Offline => {
                self.offline += 1;
                self.offline_minutes += u64::from(minutes);
            }
        }
        self.depth_sum += u32::from(depth);
    }
}

/// The most months a timeline shows (100 years): a mistyped year such as 0026 or -2026 in a
/// hand-edited file must not make a chart of millions of empty months. Older interactions
/// still count in every score; only the timelines stop there.
pub const MAX_TIMELINE_MONTHS: i64 = 1200;

/// Consecutive empty buckets from the window's first month (or `first` for an open window) to
/// its last, at most [`MAX_TIMELINE_MONTHS`] of them.
fn month_range(span: Span, first: Option<NaiveDate>) -> Vec<MonthBucket> {
    let Some(start) = span.start.or(first) else {
        return Vec::new();
    };
    if start > span.end {
        return Vec::new();
    }
    let to = Month::of(span.end).ordinal();
    let from = Month::of(start)
        .ordinal()
        .max(to - (MAX_TIMELINE_MONTHS - 1));
    (from..=to)
        .map(|o| MonthBucket::empty(Month::from_ordinal(o)))
        .collect()
}

fn bucket_index(buckets: &[MonthBucket], date: NaiveDate) -> Option<usize> {
    let first = buckets.first()?.month.ordinal();
    usize::try_from(Month::of(date).ordinal() - first)
        .ok()
        .filter(|&i| i < buckets.len())
}

/// A contact's month-by-month engagement over the window, empty months included.
#[must_use]
pub fn contact_timeline(an: &Analytics, contact: ContactId) -> Vec<MonthBucket> {
    let span = an.span();
    let touches = an.touches(contact);
    let first = touches
        .iter()
        .filter(|t| span.contains(t.date))
        .map(|t| t.date)
        .min();
    let mut buckets = month_range(span, first);
    for t in touches.iter().filter(|t| span.contains(t.date)) {
        if let Some(i) = bucket_index(&buckets, t.date) {
            buckets[i].add(t.mode, t.minutes, t.depth);
        }
    }
    buckets
}

/// Each contact passing the filter (not archived, carrying `tag` when one is given) with its
/// stats and interactions. The cache must be current for `ds`.
pub(crate) fn filtered<'a>(
    ds: &'a Dataset,
    an: &'a Analytics,
    tag: Option<&'a str>,
) -> impl Iterator<Item = (&'a Contact, &'a ContactStats, &'a [Touch])> {
    ds.contacts()
        .iter()
        .zip(an.entries())
        .filter(move |(c, (s, _))| c.id == s.id && !c.archived && tag.is_none_or(|t| c.has_tag(t)))
        .map(|(c, (s, t))| (c, s, t))
}

/// Network engagement per month across every (filtered) relationship, online vs offline.
#[must_use]
pub fn network_timeline(ds: &Dataset, an: &Analytics, tag: Option<&str>) -> Vec<MonthBucket> {
    let span = an.span();
    let first = if span.start.is_some() {
        None
    } else {
        filtered(ds, an, tag)
            .flat_map(|(_, _, t)| t)
            .filter(|t| span.contains(t.date))
            .map(|t| t.date)
            .min()
    };
    let empty = month_range(span, first);
    // Every touch is read (1.3 million at 50,000 contacts): the people are summed in two halves
    // on two threads, then the halves added.
    let people: Vec<&[Touch]> = filtered(ds, an, tag).map(|(_, _, t)| t).collect();
    let sum = |people: &[&[Touch]]| {
        let mut buckets = empty.clone();
        for touches in people {
            for t in touches.iter().filter(|t| span.contains(t.date)) {
                if let Some(i) = bucket_index(&buckets, t.date) {
                    buckets[i].add(t.mode, t.minutes, t.depth);
                }
            }
        }
        buckets
    };
    let (front, back) = people.split_at(people.len() / 2);
    let (mut buckets, other) = std::thread::scope(|s| {
        let back = s.spawn(|| sum(back));
        let front = sum(front);
        // A panic on the other thread (none is expected) goes on here, as if summed here.
        (
            front,
            back.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    for (b, o) in buckets.iter_mut().zip(other) {
        b.merge(&o);
    }
    buckets
}

/// Interactions and minutes on one channel.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelMix {
    pub channel: ChannelId,
    pub name: String,
    pub mode: Mode,
    pub interactions: u32,
    pub minutes: u64,
}

/// Interactions and minutes per channel in the window (every channel, used or not), most used
/// first, then by name.
#[must_use]
pub fn channel_mix(ds: &Dataset, an: &Analytics, tag: Option<&str>) -> Vec<ChannelMix> {
    let span = an.span();
    let mut out: Vec<ChannelMix> = ds
        .channels()
        .iter()
        .map(|c| ChannelMix {
            channel: c.id,
            name: c.name.clone(),
            mode: c.mode,
            interactions: 0,
            minutes: 0,
        })
        .collect();
    for (_, _, touches) in filtered(ds, an, tag) {
        for t in touches.iter().filter(|t| span.contains(t.date)) {
            if let Some(m) = out.iter_mut().find(|m| m.channel == t.channel) {
                m.interactions += 1;
                m.minutes += u64::from(t.minutes);
            }
        }
    }
    out.sort_by(|a, b| {
        b.interactions
            .cmp(&a.interactions)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// One ranked relationship as the engagement, scatter and map charts need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Relationship {
    pub contact: ContactId,
    pub name: String,
    /// 0 = strongest.
    pub rank: usize,
    pub tier: Tier,
    /// 0-100.
    pub strength: f64,
    /// Share of the window's interactions that were online, 0..1.
    pub online_share: f64,
    /// Share of the window's minutes that were online, `None` with no minutes logged.
    pub online_minutes_share: Option<f64>,
    pub online: u32,
    pub offline: u32,
    pub online_minutes: u64,
    pub offline_minutes: u64,
    /// Depth-weighted engagement (sum of depth levels) per mode.
    pub online_depth: u32,
    pub offline_depth: u32,
}

impl Relationship {
    fn from_stats(s: &ContactStats, name: &str) -> Self {
        let e = &s.engagement;
        Self {
            contact: s.id,
            name: name.to_owned(),
            rank: s.rank.unwrap_or(usize::MAX),
            tier: s.tier,
            strength: s.strength.score,
            online_share: e.online_share().unwrap_or(0.0),
            online_minutes_share: e.online_minutes_share(),
            online: e.online.interactions,
            offline: e.offline.interactions,
            online_minutes: e.online.minutes,
            offline_minutes: e.offline.minutes,
            online_depth: e.online.depth_sum,
            offline_depth: e.offline.depth_sum,
        }
    }

    /// Where this relationship falls on the strength vs online-share scatter.
    #[must_use]
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.strength, self.online_share)
    }
}

/// Every ranked relationship (unarchived, with an interaction in the window) passing the tag
/// filter, strongest first. This one list feeds the engagement chart (online vs offline per
/// relationship), the scatter (strength vs online share) and the relationship map (rings by tier,
/// colour by online share, size by strength); slice it for a top-N view.
#[must_use]
pub fn relationships(ds: &Dataset, an: &Analytics, tag: Option<&str>) -> Vec<Relationship> {
    let mut out: Vec<Relationship> = filtered(ds, an, tag)
        .filter(|(_, s, _)| s.rank.is_some())
        .map(|(c, s, _)| Relationship::from_stats(s, &c.display_name))
        .collect();
    out.sort_unstable_by_key(|r| r.rank);
    out
}

/// Strength at or above which a relationship is "deep" on the scatter.
pub const DEEP_STRENGTH: f64 = 50.0;
/// Online share above which a deep relationship is "deep online" (and below `1 - this`, "deep
/// offline"); in between it is "blended".
pub const MOSTLY_ONLINE: f64 = 2.0 / 3.0;

/// The labelled regions of the strength vs online-share scatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quadrant {
    DeepOnline,
    DeepOffline,
    Blended,
    Shallow,
}

impl Quadrant {
    /// Deep when strength >= 50; then mostly online (share > 2/3), mostly offline (< 1/3) or
    /// blended; shallow below 50.
    #[must_use]
    pub fn of(strength: f64, online_share: f64) -> Self {
        if strength < DEEP_STRENGTH {
            Quadrant::Shallow
        } else if online_share > MOSTLY_ONLINE {
            Quadrant::DeepOnline
        } else if online_share < 1.0 - MOSTLY_ONLINE {
            Quadrant::DeepOffline
        } else {
            Quadrant::Blended
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::DeepOnline => "Deep, mostly online",
            Quadrant::DeepOffline => "Deep, mostly offline",
            Quadrant::Blended => "Deep and blended",
            Quadrant::Shallow => "Shallow",
        }
    }
}

/// How many passing contacts are in each tier (index 0 = tier 1); unranked contacts count in
/// tier 5.
#[must_use]
pub fn tier_counts(ds: &Dataset, an: &Analytics, tag: Option<&str>) -> [usize; 5] {
    let mut counts = [0; 5];
    for (_, s, _) in filtered(ds, an, tag) {
        counts[s.tier.index()] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeline_from_a_mistyped_ancient_year_is_capped() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let ancient = NaiveDate::from_ymd_opt(-262_000, 1, 1).unwrap();
        let open = Span { start: None, end };
        let months = month_range(open, Some(ancient));
        assert_eq!(months.len(), MAX_TIMELINE_MONTHS as usize);
        assert_eq!(months.last().map(|b| b.month), Some(Month::of(end)));
        let ranged = Span {
            start: Some(ancient),
            end,
        };
        assert_eq!(
            month_range(ranged, None).len(),
            MAX_TIMELINE_MONTHS as usize
        );
        // A normal window is untouched: January to November is 11 months.
        let year = Span {
            start: NaiveDate::from_ymd_opt(2026, 1, 1),
            end,
        };
        assert_eq!(month_range(year, None).len(), 11);
    }
}
