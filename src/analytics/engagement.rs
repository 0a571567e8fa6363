//! Engagement per relationship: what happened in the window, split online and offline.

use chrono::NaiveDate;

use super::Span;
use crate::model::{ChannelId, Initiator, Interaction, InteractionId, Mode};

/// One interaction as one relationship sees it: a compact copy the cache keeps per contact, so
/// recomputing a contact or drawing its timeline reads its own interactions in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Touch {
    pub interaction: InteractionId,
    pub date: NaiveDate,
    pub channel: ChannelId,
    /// The channel's mode when the cache was last computed or updated.
    pub mode: Mode,
    /// 0 when not logged.
    pub minutes: u32,
    /// 1-5.
    pub depth: u8,
    pub initiated_by: Initiator,
}

impl Touch {
    #[must_use]
    pub fn new(it: &Interaction, mode: Mode) -> Self {
        Self {
            interaction: it.id,
            date: it.date,
            channel: it.channel,
            mode,
            minutes: it.minutes.unwrap_or(0),
            depth: it.depth.get(),
            initiated_by: it.initiated_by,
        }
    }
}

/// Who reached out, counted over the interactions in the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Initiation {
    pub me: u32,
    pub them: u32,
    pub mutual: u32,
}

impl Initiation {
    /// Balance of initiation, 0..1: `1 - |me - them| / (me + them + mutual)`. Mutual interactions
    /// count as balanced; 1 when nobody dominates, 0 when one side always reaches out, 0 with no
    /// interaction whose initiator is known (interactions with no initiator are not counted).
    #[must_use]
    pub fn reciprocity(self) -> f64 {
        let total = self.me + self.them + self.mutual;
        if total == 0 {
            return 0.0;
        }
        1.0 - f64::from(self.me.abs_diff(self.them)) / f64::from(total)
    }

    fn add(&mut self, other: Initiation) {
        self.me += other.me;
        self.them += other.them;
        self.mutual += other.mutual;
    }

    /// How many interactions have a known initiator.
    #[must_use]
    pub fn known(self) -> u32 {
        self.me + self.them + self.mutual
    }
}

/// Everything counted for one relationship in one mode (or in both, see [`Engagement::total`]).
/// Counts, minutes, depth, initiation and channels cover the window; `first_contact` and
/// `last_contact` cover all history up to the window's end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModeTotals {
    /// Interactions in the window.
    pub interactions: u32,
    /// Minutes logged in the window (interactions without minutes add none).
    pub minutes: u64,
    /// Depth-weighted engagement: the sum of the depth levels (1-5) of the interactions in the
    /// window, so a trusted talk counts five times a greeting.
    pub depth_sum: u32,
    pub initiation: Initiation,
    /// Channels used in the window with their interaction counts, sorted by channel id.
    pub channels: Vec<(ChannelId, u32)>,
    /// First interaction in the window.
    pub first_in_window: Option<NaiveDate>,
    /// Last interaction in the window.
    pub last_in_window: Option<NaiveDate>,
    /// First interaction ever, up to the window's end.
    pub first_contact: Option<NaiveDate>,
    /// Last interaction ever, up to the window's end (same as `last_in_window` unless the window
    /// is empty for this relationship or a custom range ends early).
    pub last_contact: Option<NaiveDate>,
}

impl ModeTotals {
    /// Mean depth (1-5) in the window, `None` with no interactions.
    #[must_use]
    pub fn mean_depth(&self) -> Option<f64> {
        (self.interactions > 0).then(|| f64::from(self.depth_sum) / f64::from(self.interactions))
    }

    /// Number of distinct channels used in the window (multiplexity).
    #[must_use]
    pub fn channel_count(&self) -> u32 {
        self.channels.len() as u32
    }

    pub(crate) fn add(&mut self, it: &Touch, span: Span) {
        if !span.reaches(it.date) {
            return;
        }
        self.first_contact = Some(self.first_contact.map_or(it.date, |d| d.min(it.date)));
        self.last_contact = Some(self.last_contact.map_or(it.date, |d| d.max(it.date)));
        if !span.contains(it.date) {
            return;
        }
        self.interactions += 1;
        self.minutes += u64::from(it.minutes);
        self.depth_sum += u32::from(it.depth);
        match it.initiated_by {
            Initiator::Me => self.initiation.me += 1,
            Initiator::Them => self.initiation.them += 1,
            Initiator::Mutual => self.initiation.mutual += 1,
            Initiator::Unknown => {}
        }
        match self.channels.binary_search_by_key(&it.channel, |&(c, _)| c) {
            Ok(i) => self.channels[i].1 += 1,
            Err(i) => self.channels.insert(i, (it.channel, 1)),
        }
        self.last_in_window = Some(self.last_in_window.map_or(it.date, |d| d.max(it.date)));
        self.first_in_window = Some(self.first_in_window.map_or(it.date, |d| d.min(it.date)));
    }

    /// Both totals together.
    #[must_use]
    pub fn merged(&self, other: &ModeTotals) -> ModeTotals {
        let mut out = self.clone();
        out.interactions += other.interactions;
        out.minutes += other.minutes;
        out.depth_sum += other.depth_sum;
        out.initiation.add(other.initiation);
        for &(c, n) in &other.channels {
            match out.channels.binary_search_by_key(&c, |&(id, _)| id) {
                Ok(i) => out.channels[i].1 += n,
                Err(i) => out.channels.insert(i, (c, n)),
            }
        }
        out.last_in_window = max_opt(out.last_in_window, other.last_in_window);
        out.first_in_window = min_opt(out.first_in_window, other.first_in_window);
        out.first_contact = min_opt(out.first_contact, other.first_contact);
        out.last_contact = max_opt(out.last_contact, other.last_contact);
        out
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// One relationship's engagement, split by mode. A group interaction counts once for each of its
/// participants, so each participant's relationship gets the whole interaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Engagement {
    pub online: ModeTotals,
    pub offline: ModeTotals,
}

impl Engagement {
    /// The totals of one mode.
    #[must_use]
    pub fn mode(&self, mode: Mode) -> &ModeTotals {
        match mode {
            Mode::Online => &self.online,
            Mode::Offline => &self.offline,
        }
    }

    pub(crate) fn add(&mut self, it: &Touch, span: Span) {
        match it.mode {
            Mode::Online => self.online.add(it, span),
            Mode::Offline => self.offline.add(it, span),
        }
    }

    /// Online and offline together.
    #[must_use]
    pub fn total(&self) -> ModeTotals {
        self.online.merged(&self.offline)
    }

    /// Interactions in the window, both modes.
    #[must_use]
    pub fn interactions(&self) -> u32 {
        self.online.interactions + self.offline.interactions
    }

    /// Minutes in the window, both modes.
    #[must_use]
    pub fn minutes(&self) -> u64 {
        self.online.minutes + self.offline.minutes
    }

    /// Depth-weighted engagement in the window, both modes.
    #[must_use]
    pub fn depth_sum(&self) -> u32 {
        self.online.depth_sum + self.offline.depth_sum
    }

    /// Distinct channels used in the window, both modes (multiplexity).
    #[must_use]
    pub fn channels(&self) -> u32 {
        self.total().channel_count()
    }

    /// First interaction on any channel, up to the window's end.
    #[must_use]
    pub fn first_contact(&self) -> Option<NaiveDate> {
        min_opt(self.online.first_contact, self.offline.first_contact)
    }

    /// Last interaction on any channel, up to the window's end.
    #[must_use]
    pub fn last_contact(&self) -> Option<NaiveDate> {
        max_opt(self.online.last_contact, self.offline.last_contact)
    }

    /// Who initiated, both modes.
    #[must_use]
    pub fn initiation(&self) -> Initiation {
        let mut i = self.online.initiation;
        i.add(self.offline.initiation);
        i
    }

    /// Share of the window's interactions that were online, 0..1 (`None` with none).
    #[must_use]
    pub fn online_share(&self) -> Option<f64> {
        let total = self.interactions();
        (total > 0).then(|| f64::from(self.online.interactions) / f64::from(total))
    }

    /// Share of the window's minutes that were online, 0..1 (`None` with no minutes logged).
    #[must_use]
    pub fn online_minutes_share(&self) -> Option<f64> {
        let total = self.minutes();
        (total > 0).then(|| self.online.minutes as f64 / total as f64)
    }
}
