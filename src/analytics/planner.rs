//! The keep-in-touch planner: cadences, who is due, follow-ups, birthdays, the next best channel,
//! plan vs actual and calendar entries. One plan across all channels: any interaction on any
//! channel resets the clock. The rules are explained in docs/ANALYTICS.md.
//!
//! Every function reads an [`Analytics`] cache and takes its as-of date from the cache's window
//! end. Give the planner a cache computed with [`super::Window::All`] (as `rapport due` does): then
//! tiers rank the whole history, so a yearly contact who slips past a year still shows as
//! overdue instead of dropping to tier 5, and "only ever online" means ever.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

pub use super::calendar::calendar_entries;
use super::charts::Month;
use super::{Analytics, ContactStats, Tier, strong_tie};
use crate::model::{
    CadenceDefaults, ChannelId, Contact, ContactId, Dataset, Initiator, Interaction, InteractionId,
    Mode,
};

/// Where a person stands against their cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Days since last contact more than 1.5 times the cadence.
    Overdue,
    /// Days since last contact more than the cadence (and at most 1.5 times it).
    Due,
    /// No interaction on record up to the as-of date.
    Never,
    /// Within the cadence (exactly at the cadence is still ok).
    Ok,
}

impl Status {
    /// `ok`, `due`, `overdue` or `never` (the `rapport due` CSV values).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Due => "due",
            Status::Overdue => "overdue",
            Status::Never => "never",
        }
    }

    /// Whether the person belongs on the due list.
    #[must_use]
    pub fn needs_contact(self) -> bool {
        self != Status::Ok
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The status for `days_since` the last contact (`None`: never) against a cadence in days.
/// Integer arithmetic, so the edges are exact: `days == cadence` is ok, `cadence + 1` is due,
/// `2 * days == 3 * cadence` is still due and one more day is overdue. A cadence of 0 is never
/// passed here (it means "no cadence").
#[must_use]
pub fn status(days_since: Option<i64>, cadence_days: u32) -> Status {
    let Some(days) = days_since else {
        return Status::Never;
    };
    let cadence = i64::from(cadence_days);
    if 2 * days > 3 * cadence {
        Status::Overdue
    } else if days > cadence {
        Status::Due
    } else {
        Status::Ok
    }
}

/// Where a contact's cadence comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CadenceSource {
    /// The contact's own `cadence_days`.
    Contact,
    /// The default for this tag (the shortest among the contact's tags).
    Tag(String),
    /// The default for this tier.
    Tier(Tier),
}

impl CadenceSource {
    /// Plain words: "set for this person", "from tag client", "from tier 2".
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            CadenceSource::Contact => "set for this person".to_owned(),
            CadenceSource::Tag(t) => format!("from tag {t}"),
            CadenceSource::Tier(n) => format!("from tier {n}"),
        }
    }
}

/// A keep-in-touch cadence in days and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cadence {
    pub days: u32,
    pub source: CadenceSource,
}

/// The cadence for a contact: its own if set (`Some(0)` means "no cadence" and stops there), else
/// the shortest non-zero default among its tags (matched case-insensitively), else its tier's
/// default (0 = none).
#[must_use]
pub fn cadence(contact: &Contact, tier: Tier, defaults: &CadenceDefaults) -> Option<Cadence> {
    if let Some(days) = contact.cadence_days {
        return (days > 0).then_some(Cadence {
            days,
            source: CadenceSource::Contact,
        });
    }
    let by_tag = defaults
        .by_tag
        .iter()
        .filter(|(tag, days)| **days > 0 && contact.has_tag(tag))
        .min_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.cmp(b.0)));
    if let Some((tag, &days)) = by_tag {
        return Some(Cadence {
            days,
            source: CadenceSource::Tag(tag.clone()),
        });
    }
    let days = *defaults.by_tier.get(tier.index()).unwrap_or(&0);
    (days > 0).then_some(Cadence {
        days,
        source: CadenceSource::Tier(tier),
    })
}

/// Which suggestion rule applied (see docs/ANALYTICS.md, "Next best channel").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// No interaction yet: a light online first step.
    FirstContact,
    /// A strong tie that has only been online: meet in person.
    StrongOnlineOnly,
    /// A lighter tie that has only been online: keep it going online.
    LightOnlineOnly,
    /// A tie that only meets offline: a message or call between meetings.
    OfflineOnly,
    /// Both modes used: the one used less recently.
    Rebalance,
}

/// The next best channel for a due person, with the reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub mode: Mode,
    /// `None` only when the dataset has no channel of that mode.
    pub channel: Option<ChannelId>,
    /// The channel's name, or "online"/"offline" when there is none.
    pub channel_name: String,
    pub reason: String,
    pub rule: Rule,
}

/// The next best channel for a relationship (whatever its status).
#[must_use]
pub fn suggest(ds: &Dataset, an: &Analytics, stats: &ContactStats) -> Suggestion {
    let e = &stats.engagement;
    let as_of = an.span().end;
    let ago = |d: Option<NaiveDate>| d.map_or(0, |d| (as_of - d).num_days());
    let (on, off) = (&e.online, &e.offline);
    let (mode, rule, reason) = match (on.last_contact, off.last_contact) {
        (None, None) => (
            Mode::Online,
            Rule::FirstContact,
            "No contact yet: a short message or call is the easiest first step".to_owned(),
        ),
        (Some(_), None) if strong_tie(stats.tier, stats.strength.score) => (
            Mode::Offline,
            Rule::StrongOnlineOnly,
            "A strong tie that has only ever been online: meeting in person would deepen it"
                .to_owned(),
        ),
        (Some(_), None) => (
            Mode::Online,
            Rule::LightOnlineOnly,
            "This tie lives online and is still light: keep it going where it lives, and meet \
             in person once it deepens"
                .to_owned(),
        ),
        (None, Some(_)) => (
            Mode::Online,
            Rule::OfflineOnly,
            format!(
                "You only meet offline, last {} days ago: a message or call between meetings \
                 keeps the tie warm",
                ago(off.last_contact)
            ),
        ),
        (Some(last_on), Some(last_off)) => {
            let mode = if last_off <= last_on {
                Mode::Offline
            } else {
                Mode::Online
            };
            let reason = format!(
                "Your last offline contact was {} days ago and your last online one {} days \
                 ago: {} is the under-used side lately",
                ago(Some(last_off)),
                ago(Some(last_on)),
                mode.label()
            );
            (mode, Rule::Rebalance, reason)
        }
    };
    let (channel, channel_name) = channel_for(ds, stats, mode);
    Suggestion {
        mode,
        channel,
        channel_name,
        reason,
        rule,
    }
}

/// The contact's most used channel in `mode` (ties to the lower id), else the dataset's first
/// channel in that mode.
fn channel_for(ds: &Dataset, stats: &ContactStats, mode: Mode) -> (Option<ChannelId>, String) {
    let used = stats
        .engagement
        .mode(mode)
        .channels
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .and_then(|&(id, _)| ds.channel(id))
        .filter(|c| c.mode == mode);
    match used.or_else(|| ds.channels().iter().find(|c| c.mode == mode)) {
        Some(c) => (Some(c.id), c.name.clone()),
        None => (None, mode.label().to_owned()),
    }
}

/// One person in the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanItem {
    pub contact: ContactId,
    pub name: String,
    /// The primary email, or empty.
    pub email: String,
    pub tier: Tier,
    pub cadence: Cadence,
    /// Last interaction on any channel up to the as-of date.
    pub last_contact: Option<NaiveDate>,
    pub days_since: Option<i64>,
    /// `days_since / cadence` (`None` when never contacted).
    pub ratio: Option<f64>,
    /// The day the cadence asks to be in touch by: last contact + cadence (the as-of date when
    /// never contacted). The status turns due the day after.
    pub due_on: NaiveDate,
    pub status: Status,
    /// The next best channel; filled in for due, overdue and never, `None` when ok.
    pub suggestion: Option<Suggestion>,
}

/// The plan entry for one contact; `None` when it is archived, snoozed past the as-of date, has
/// no cadence, or does not exist.
#[must_use]
pub fn plan_item(ds: &Dataset, an: &Analytics, contact: ContactId) -> Option<PlanItem> {
    let Planned {
        contact: c,
        stats,
        as_of,
        cadence,
        days_since,
    } = planned(ds, an, contact)?;
    let last_contact = stats.engagement.last_contact();
    let standing = status(days_since, cadence.days);
    let due_on = last_contact
        .and_then(|d| d.checked_add_days(Days::new(u64::from(cadence.days))))
        .unwrap_or(as_of);
    Some(PlanItem {
        contact,
        name: c.display_name.clone(),
        email: c.primary_email().unwrap_or_default().to_owned(),
        tier: stats.tier,
        ratio: days_since.map(|d| d as f64 / f64::from(cadence.days)),
        cadence,
        last_contact,
        days_since,
        due_on,
        status: standing,
        suggestion: standing.needs_contact().then(|| suggest(ds, an, stats)),
    })
}

/// Just the status of one contact (for a marker in a list): `None` when it is archived, snoozed
/// past the as-of date or has no cadence. Cheaper than [`plan_item`]: no suggestion is made.
#[must_use]
pub fn status_of(ds: &Dataset, an: &Analytics, contact: ContactId) -> Option<Status> {
    let p = planned(ds, an, contact)?;
    Some(status(p.days_since, p.cadence.days))
}

/// What the plan knows of a contact it plans for.
struct Planned<'a> {
    contact: &'a Contact,
    stats: &'a ContactStats,
    as_of: NaiveDate,
    cadence: Cadence,
    /// Days from the last contact to the as-of date; `None` when never contacted.
    days_since: Option<i64>,
}

/// `None` when the contact is archived, snoozed past the as-of date, has no cadence, or does not
/// exist.
fn planned<'a>(ds: &'a Dataset, an: &'a Analytics, contact: ContactId) -> Option<Planned<'a>> {
    let c = ds.contact(contact)?;
    let stats = an.contact(contact)?;
    let as_of = an.span().end;
    if c.archived || c.snoozed_until.is_some_and(|d| d > as_of) {
        return None;
    }
    let cadence = cadence(c, stats.tier, &ds.settings().cadence)?;
    let days_since = stats
        .engagement
        .last_contact()
        .map(|d| (as_of - d).num_days());
    Some(Planned {
        contact: c,
        stats,
        as_of,
        cadence,
        days_since,
    })
}

/// A new interaction for "log interaction" from the plan: with this person, on the as-of date, on
/// the suggested channel (else the first channel), initiated by me, default depth. The caller
/// applies it with `Edit::PutInteraction` (after the user confirms or edits it).
#[must_use]
pub fn prefilled_interaction(ds: &Dataset, an: &Analytics, item: &PlanItem) -> Option<Interaction> {
    let channel = item
        .suggestion
        .as_ref()
        .and_then(|s| s.channel)
        .or_else(|| ds.channels().first().map(|c| c.id))?;
    let mut it = Interaction::new(an.span().end, vec![item.contact], channel);
    it.initiated_by = Initiator::Me;
    Some(it)
}

/// Every unarchived, unsnoozed contact with a cadence: overdue first, then due, then never
/// contacted, then ok; within a status the most behind (highest ratio) first, then by name.
#[must_use]
pub fn plan(ds: &Dataset, an: &Analytics) -> Vec<PlanItem> {
    let mut items: Vec<PlanItem> = ds
        .contacts()
        .iter()
        .filter_map(|c| plan_item(ds, an, c.id))
        .collect();
    items.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then_with(|| b.ratio.unwrap_or(0.0).total_cmp(&a.ratio.unwrap_or(0.0)))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.contact.cmp(&b.contact))
    });
    items
}

/// The due list: [`plan`] without the people who are ok.
#[must_use]
pub fn due_list(ds: &Dataset, an: &Analytics) -> Vec<PlanItem> {
    let mut items = plan(ds, an);
    items.retain(|p| p.status.needs_contact());
    items
}

/// A follow-up promised in an interaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub interaction: InteractionId,
    /// The follow-up date.
    pub date: NaiveDate,
    /// The date of the interaction that set it.
    pub from: NaiveDate,
    pub contacts: Vec<ContactId>,
    /// Participants' names joined with ", ".
    pub names: String,
    pub summary: String,
    /// The date is before the as-of date.
    pub overdue: bool,
}

/// Open follow-ups due within `days_ahead` days of the as-of date, overdue ones included, earliest
/// first. A follow-up is open until any of its participants has a later interaction (on any
/// channel) up to the as-of date; then it counts as done. Interactions after the as-of date and
/// follow-ups whose participants are all archived are left out.
#[must_use]
pub fn follow_ups(ds: &Dataset, an: &Analytics, days_ahead: u32) -> Vec<FollowUp> {
    let as_of = an.span().end;
    let horizon = follow_up_horizon(as_of, days_ahead);
    let mut out: Vec<FollowUp> = ds
        .interactions()
        .iter()
        .filter_map(|it| follow_up_of(ds, an, it, horizon))
        .collect();
    out.sort_by(follow_up_order);
    out
}

/// The last day [`follow_ups`] lists, `days_ahead` after the as-of date.
#[must_use]
pub fn follow_up_horizon(as_of: NaiveDate, days_ahead: u32) -> NaiveDate {
    as_of
        .checked_add_days(Days::new(u64::from(days_ahead)))
        .unwrap_or(as_of)
}

/// The order of [`follow_ups`]: soonest first, then by names, then by interaction.
#[must_use]
pub fn follow_up_order(a: &FollowUp, b: &FollowUp) -> std::cmp::Ordering {
    a.date
        .cmp(&b.date)
        .then_with(|| a.names.cmp(&b.names))
        .then_with(|| a.interaction.cmp(&b.interaction))
}

/// The open follow-up `it` promised, if it is one [`follow_ups`] lists: logged up to the as-of
/// date, due by `horizon`, with an unarchived participant, and nobody in it contacted since.
#[must_use]
pub fn follow_up_of(
    ds: &Dataset,
    an: &Analytics,
    it: &Interaction,
    horizon: NaiveDate,
) -> Option<FollowUp> {
    let as_of = an.span().end;
    let date = it.follow_up?;
    if it.date > as_of || date > horizon {
        return None;
    }
    let live: Vec<&Contact> = it
        .participants
        .iter()
        .filter_map(|p| ds.contact(*p))
        .filter(|c| !c.archived)
        .collect();
    let done = it.participants.iter().any(|p| {
        an.contact(*p)
            .and_then(|s| s.engagement.last_contact())
            .is_some_and(|last| last > it.date)
    });
    (!live.is_empty() && !done).then(|| FollowUp {
        interaction: it.id,
        date,
        from: it.date,
        contacts: live.iter().map(|c| c.id).collect(),
        names: live
            .iter()
            .map(|c| c.display_name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        summary: it.summary.clone(),
        overdue: date < as_of,
    })
}

/// A birthday coming up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpcomingBirthday {
    pub contact: ContactId,
    pub name: String,
    pub date: NaiveDate,
    /// Days from the as-of date (0 = today).
    pub in_days: i64,
    /// The age they turn, when the birth year is known.
    pub turns: Option<i32>,
}

/// Birthdays of unarchived, unsnoozed contacts from `as_of` to `as_of + days_ahead`, soonest first.
#[must_use]
pub fn birthdays(ds: &Dataset, as_of: NaiveDate, days_ahead: u32) -> Vec<UpcomingBirthday> {
    let mut out: Vec<UpcomingBirthday> = ds
        .contacts()
        .iter()
        .filter_map(|c| birthday_of(c, as_of, days_ahead))
        .collect();
    out.sort_by(birthday_order);
    out
}

/// The contact's birthday if [`birthdays`] lists it.
#[must_use]
pub fn birthday_of(c: &Contact, as_of: NaiveDate, days_ahead: u32) -> Option<UpcomingBirthday> {
    if c.archived || c.snoozed_until.is_some_and(|d| d > as_of) {
        return None;
    }
    let date = c.birthday?.next_on_or_after(as_of)?;
    let in_days = (date - as_of).num_days();
    (in_days <= i64::from(days_ahead)).then(|| UpcomingBirthday {
        contact: c.id,
        name: c.display_name.clone(),
        date,
        in_days,
        turns: c.birthday.and_then(|b| b.year).map(|y| date.year() - y),
    })
}

/// The order of [`birthdays`]: soonest first, then by name, then by contact.
#[must_use]
pub fn birthday_order(a: &UpcomingBirthday, b: &UpcomingBirthday) -> std::cmp::Ordering {
    a.date
        .cmp(&b.date)
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.contact.cmp(&b.contact))
}

/// A group for plan vs actual.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Tier(Tier),
    Tag(String),
}

impl std::fmt::Display for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Group::Tier(n) => write!(f, "Tier {n}"),
            Group::Tag(t) => write!(f, "Tag {t}"),
        }
    }
}

/// Planned and logged touchpoints in one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanMonth {
    pub month: Month,
    /// Sum over the group's contacts of days counted in the month / cadence.
    pub planned: f64,
    /// Logged interactions (one per participant in the group), by mode.
    pub online: u32,
    pub offline: u32,
}

/// Plan vs actual for one group.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanVsActual {
    pub group: Group,
    /// Unarchived contacts in the group.
    pub contacts: usize,
    pub months: Vec<PlanMonth>,
}

/// Planned vs logged touchpoints over the last `months` calendar months (the as-of month last,
/// counted up to the as-of date), for tiers 1-5 then every tag in use (in alphabetical order,
/// compared case-insensitively). Planned touchpoints of a contact in a month = days of the month
/// counted / cadence; contacts without a cadence plan none but their interactions still count.
/// Groups use each contact's current tier and cadence; snoozing does not change the plan.
/// Scans every unarchived contact's interactions: cache the result per revision.
#[must_use]
pub fn plan_vs_actual(ds: &Dataset, an: &Analytics, months: u32) -> Vec<PlanVsActual> {
    let as_of = an.span().end;
    let last = Month::of(as_of).ordinal();
    let first = last - i64::from(months.max(1)) + 1;
    let empty: Vec<PlanMonth> = (first..=last)
        .map(|o| PlanMonth {
            month: Month::from_ordinal(o),
            planned: 0.0,
            online: 0,
            offline: 0,
        })
        .collect();
    // Days counted in each month (the as-of month only up to the as-of date).
    let days: Vec<f64> = empty
        .iter()
        .map(|m| {
            if m.month.ordinal() == last {
                f64::from(as_of.day())
            } else {
                m.month.days() as f64
            }
        })
        .collect();
    let mut groups: BTreeMap<Group, PlanVsActual> = BTreeMap::new();
    let mut tag_names: BTreeMap<String, String> = BTreeMap::new();
    for tier in Tier::ALL {
        groups.insert(
            Group::Tier(tier),
            PlanVsActual {
                group: Group::Tier(tier),
                contacts: 0,
                months: empty.clone(),
            },
        );
    }
    for (c, stats, touches) in super::charts::filtered(ds, an, None) {
        let cadence = cadence(c, stats.tier, &ds.settings().cadence).map_or(0, |c| c.days);
        let mut row = empty.clone();
        for (m, d) in row.iter_mut().zip(&days) {
            if cadence > 0 {
                m.planned = d / f64::from(cadence);
            }
        }
        for t in touches.iter().filter(|t| t.date <= as_of) {
            let i = Month::of(t.date).ordinal() - first;
            if let Some(m) = usize::try_from(i).ok().and_then(|i| row.get_mut(i)) {
                match t.mode {
                    Mode::Online => m.online += 1,
                    Mode::Offline => m.offline += 1,
                }
            }
        }
        let mut keys = vec![Group::Tier(stats.tier)];
        for t in &c.tags {
            let name = tag_names
                .entry(t.to_lowercase())
                .or_insert_with(|| t.clone())
                .clone();
            let key = Group::Tag(name);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        for key in keys {
            let g = groups.entry(key.clone()).or_insert_with(|| PlanVsActual {
                group: key,
                contacts: 0,
                months: empty.clone(),
            });
            g.contacts += 1;
            for (acc, m) in g.months.iter_mut().zip(&row) {
                acc.planned += m.planned;
                acc.online += m.online;
                acc.offline += m.offline;
            }
        }
    }
    let mut out: Vec<PlanVsActual> = groups.into_values().collect();
    out.sort_by(|a, b| match (&a.group, &b.group) {
        (Group::Tag(x), Group::Tag(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (x, y) => x.cmp(y),
    });
    out
}
