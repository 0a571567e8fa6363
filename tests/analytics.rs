//! Analytics against small hand-worked fixtures, the channel-neutrality property and incremental
//! updates equal to a full recompute.
//! Over 600 lines on purpose: the hand-worked fixtures and the properties that check them
//! belong together.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]
#![expect(
    clippy::float_cmp,
    reason = "scores are compared exactly where they must be exactly equal (zero, or a recompute)"
)]

use chrono::{DateTime, Days, NaiveDate, Utc};
use proptest::prelude::*;
use rapport::analytics::charts::{self, Month, Quadrant};
use rapport::analytics::{
    Analytics, Components, DURATION_SCALE_DAYS, EVIDENCE_DAYS, EVIDENCE_INTERACTIONS, Evidence,
    FREQUENCY_SCALE_PER_MONTH, PRIOR, Params, Span, Window,
};
use rapport::model::{
    Channel, ChannelId, Contact, ContactId, Dataset, Depth, Edit, Initiator, Interaction,
    InteractionId, Mode, Settings, StrengthWeights, default_channels,
};

const IN_PERSON: u64 = 1;
const EVENT: u64 = 2;
const PHONE: u64 = 3;
const VIDEO: u64 = 4;
const EMAIL: u64 = 5;
const TEXT: u64 = 6;
const SOCIAL: u64 = 7;
const LETTER: u64 = 8;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn epoch() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap()
}

fn person(id: u64, name: &str) -> Contact {
    Contact::with_id(ContactId(id), name, epoch())
}

struct It {
    id: u64,
    date: NaiveDate,
    who: Vec<u64>,
    channel: u64,
    minutes: Option<u32>,
    depth: u8,
    by: Initiator,
}

fn it(id: u64, date: &str, who: &[u64], channel: u64) -> It {
    It {
        id,
        date: d(date),
        who: who.to_vec(),
        channel,
        minutes: None,
        depth: 2,
        by: Initiator::Mutual,
    }
}

impl It {
    fn min(mut self, m: u32) -> Self {
        self.minutes = Some(m);
        self
    }
    fn depth(mut self, depth: u8) -> Self {
        self.depth = depth;
        self
    }
    fn by(mut self, by: Initiator) -> Self {
        self.by = by;
        self
    }
    fn build(self) -> Interaction {
        let mut i = Interaction::new(
            self.date,
            self.who.into_iter().map(ContactId).collect(),
            ChannelId(self.channel),
        );
        i.id = InteractionId(self.id);
        i.minutes = self.minutes;
        i.depth = Depth::new(self.depth).unwrap();
        i.initiated_by = self.by;
        i
    }
}

fn dataset(contacts: Vec<Contact>, its: Vec<It>, settings: Settings) -> Dataset {
    Dataset::from_parts(
        contacts,
        default_channels(),
        its.into_iter().map(It::build).collect(),
        settings,
    )
    .unwrap()
}

fn params(as_of: &str, window: Window) -> Params {
    Params {
        as_of: d(as_of),
        window,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn counts_minutes_and_depth_split_online_and_offline() {
    let ds = dataset(
        vec![person(1, "Ada"), person(2, "Bob")],
        vec![
            it(1, "2026-06-01", &[1], IN_PERSON)
                .min(60)
                .depth(4)
                .by(Initiator::Me),
            it(2, "2026-06-10", &[1], VIDEO)
                .min(30)
                .depth(3)
                .by(Initiator::Them),
            it(3, "2026-06-20", &[1], EMAIL).depth(2),
            it(4, "2026-06-21", &[2], LETTER).min(5),
        ],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let ada = &an.contact(ContactId(1)).unwrap().engagement;
    assert_eq!(ada.online.interactions, 2);
    assert_eq!(ada.offline.interactions, 1);
    assert_eq!(ada.online.minutes, 30);
    assert_eq!(ada.offline.minutes, 60);
    assert_eq!(ada.online.depth_sum, 5);
    assert_eq!(ada.offline.depth_sum, 4);
    assert_eq!(ada.depth_sum(), 9);
    assert_eq!(ada.channels(), 3);
    assert_eq!(ada.first_contact(), Some(d("2026-06-01")));
    assert_eq!(ada.last_contact(), Some(d("2026-06-20")));
    let i = ada.initiation();
    assert_eq!((i.me, i.them, i.mutual), (1, 1, 1));
    assert!(close(ada.online_share().unwrap(), 2.0 / 3.0));
    assert!(close(ada.online_minutes_share().unwrap(), 30.0 / 90.0));
    let bob = &an.contact(ContactId(2)).unwrap().engagement;
    assert_eq!((bob.online.interactions, bob.offline.interactions), (0, 1));
    assert_eq!(bob.offline.minutes, 5);
}

#[test]
fn window_edges_are_inclusive_and_nothing_after_as_of_counts() {
    let ds = dataset(
        vec![person(1, "Ada")],
        vec![
            it(1, "2026-05-31", &[1], PHONE),
            it(2, "2026-06-01", &[1], PHONE),
            it(3, "2026-06-30", &[1], PHONE),
            it(4, "2026-07-01", &[1], PHONE),
        ],
        Settings::default(),
    );
    let count = |w: Window| {
        let an = Analytics::compute(&ds, params("2026-06-30", w));
        let e = an.contact(ContactId(1)).unwrap().engagement.clone();
        (e.interactions(), e.first_contact(), e.last_contact())
    };
    // The 30 days ending on 30 June are 1-30 June.
    assert_eq!(
        count(Window::LastDays(30)),
        (2, Some(d("2026-05-31")), Some(d("2026-06-30")))
    );
    assert_eq!(count(Window::LastDays(31)).0, 3);
    assert_eq!(count(Window::LastDays(1)).0, 1);
    assert_eq!(count(Window::LastDays(0)).0, 0);
    assert_eq!(count(Window::All).0, 3);
    let range = Window::Range {
        from: d("2026-06-01"),
        to: d("2026-06-30"),
    };
    assert_eq!(count(range).0, 2);
    // A range ending early is "as of" its end: later interactions are ignored entirely.
    let early = Window::Range {
        from: d("2026-05-01"),
        to: d("2026-06-01"),
    };
    assert_eq!(
        count(early),
        (2, Some(d("2026-05-31")), Some(d("2026-06-01")))
    );
    assert_eq!(
        Window::LastDays(30).span(d("2026-06-30")),
        Span {
            start: Some(d("2026-06-01")),
            end: d("2026-06-30")
        }
    );
}

#[test]
fn a_group_interaction_counts_once_for_each_participant() {
    let ds = dataset(
        vec![person(1, "Ada"), person(2, "Bob"), person(3, "Cy")],
        vec![
            it(1, "2026-06-01", &[1, 2, 3], IN_PERSON).min(120),
            it(2, "2026-06-02", &[1], TEXT),
        ],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    for id in [1, 2, 3] {
        let e = &an.contact(ContactId(id)).unwrap().engagement;
        assert_eq!(e.offline.interactions, 1);
        assert_eq!(e.offline.minutes, 120);
    }
    assert_eq!(
        an.contact(ContactId(1)).unwrap().engagement.interactions(),
        2
    );
    // Network totals are sums over relationships: the dinner counts three times.
    let mix = charts::channel_mix(&ds, &an, None);
    let in_person = mix
        .iter()
        .find(|m| m.channel == ChannelId(IN_PERSON))
        .unwrap();
    assert_eq!((in_person.interactions, in_person.minutes), (3, 360));
    assert_eq!(mix[0].channel, ChannelId(IN_PERSON));
    assert_eq!(mix.len(), 8);
}

#[test]
fn reciprocity_balances_who_reaches_out() {
    let mut its = Vec::new();
    // Ada: me 3, them 1 -> 1 - 2/4.
    for (n, by) in [Initiator::Me, Initiator::Me, Initiator::Me, Initiator::Them]
        .into_iter()
        .enumerate()
    {
        its.push(it(10 + n as u64, "2026-06-01", &[1], PHONE).by(by));
    }
    // Bob: always me.
    its.push(it(20, "2026-06-01", &[2], PHONE).by(Initiator::Me));
    its.push(it(21, "2026-06-02", &[2], PHONE).by(Initiator::Me));
    // Cy: mutual only.
    its.push(it(30, "2026-06-01", &[3], PHONE).by(Initiator::Mutual));
    // Dee: me 1, them 1, mutual 2.
    its.push(it(40, "2026-06-01", &[4], PHONE).by(Initiator::Me));
    its.push(it(41, "2026-06-01", &[4], PHONE).by(Initiator::Them));
    its.push(it(42, "2026-06-01", &[4], PHONE).by(Initiator::Mutual));
    its.push(it(43, "2026-06-01", &[4], PHONE).by(Initiator::Mutual));
    let ds = dataset(
        vec![
            person(1, "Ada"),
            person(2, "Bob"),
            person(3, "Cy"),
            person(4, "Dee"),
        ],
        its,
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let r = |id| {
        an.contact(ContactId(id))
            .unwrap()
            .strength
            .measured
            .reciprocity
    };
    assert!(close(r(1), 0.5));
    assert!(close(r(2), 0.0));
    assert!(close(r(3), 1.0));
    assert!(close(r(4), 1.0));
}

#[test]
fn multiplexity_counts_distinct_channels_and_saturates_at_four() {
    let chans = [IN_PERSON, EVENT, PHONE, VIDEO, EMAIL];
    let mut its = vec![
        it(1, "2026-06-01", &[1], PHONE),
        it(2, "2026-06-02", &[1], PHONE),
    ];
    for (n, ch) in chans.iter().enumerate() {
        its.push(it(10 + n as u64, "2026-06-01", &[2], *ch));
    }
    its.push(it(20, "2026-06-01", &[3], PHONE));
    its.push(it(21, "2026-06-01", &[3], LETTER));
    let ds = dataset(
        vec![person(1, "Ada"), person(2, "Bob"), person(3, "Cy")],
        its,
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let m = |id| {
        let s = an.contact(ContactId(id)).unwrap();
        (s.engagement.channels(), s.strength.measured.multiplexity)
    };
    assert_eq!(m(1), (1, 0.25));
    assert_eq!(m(2), (5, 1.0));
    assert_eq!(m(3), (2, 0.5));
}

#[test]
fn strength_follows_the_documented_formula() {
    // One deep, mutual talk today; met a year ago (an interaction outside a 30-day window).
    let ds = dataset(
        vec![person(1, "Ada")],
        vec![
            it(1, "2025-06-30", &[1], IN_PERSON).depth(1),
            it(2, "2026-06-30", &[1], VIDEO).depth(5),
        ],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::LastDays(30)));
    let s = an.contact(ContactId(1)).unwrap().strength;
    let per_month = 1.0 / (30.0 / (365.25 / 12.0));
    let expected = Components {
        depth: 1.0,
        recency: 1.0,
        frequency: 1.0 - (-per_month / FREQUENCY_SCALE_PER_MONTH).exp(),
        duration: 1.0 - (-365.0 / DURATION_SCALE_DAYS).exp(),
        reciprocity: 1.0,
        multiplexity: 0.25,
    };
    for ((name, got), (_, want)) in s.measured.named().iter().zip(expected.named()) {
        assert!(close(*got, want), "{name}: {got} vs {want}");
    }
    // One interaction over one day: each component is shrunk toward the prior.
    assert_eq!(
        s.evidence,
        Evidence {
            interactions: 1,
            days: 1,
            known_initiator: 1
        }
    );
    let e = 1.0 / (1.0 + EVIDENCE_INTERACTIONS) * 1.0 / (1.0 + EVIDENCE_DAYS);
    assert!(close(s.evidence.weight(), e));
    let shrink = |p: f64, c: f64| p + e * (c - p);
    let expected = Components {
        depth: shrink(PRIOR.depth, expected.depth),
        recency: shrink(PRIOR.recency, expected.recency),
        frequency: shrink(PRIOR.frequency, expected.frequency),
        duration: shrink(PRIOR.duration, expected.duration),
        reciprocity: shrink(PRIOR.reciprocity, expected.reciprocity),
        multiplexity: shrink(PRIOR.multiplexity, expected.multiplexity),
    };
    for ((name, got), (_, want)) in s.components.named().iter().zip(expected.named()) {
        assert!(close(*got, want), "shrunk {name}: {got} vs {want}");
    }
    assert_eq!(s.evidence.describe(), "based on 1 interaction over 1 day");
    let w = StrengthWeights::default();
    let manual = 100.0
        * (w.depth * expected.depth
            + w.recency * expected.recency
            + w.frequency * expected.frequency
            + w.duration * expected.duration
            + w.reciprocity * expected.reciprocity
            + w.multiplexity * expected.multiplexity)
        / (w.depth + w.recency + w.frequency + w.duration + w.reciprocity + w.multiplexity);
    assert!(close(s.score, manual), "{} vs {manual}", s.score);
    // Recency halves in 30 days.
    let an = Analytics::compute(&ds, params("2026-07-30", Window::All));
    assert!(close(
        an.contact(ContactId(1)).unwrap().strength.measured.recency,
        0.5
    ));
    // Nothing in the window: no evidence, strength 0.
    let an = Analytics::compute(&ds, params("2026-09-30", Window::LastDays(30)));
    let c = an.contact(ContactId(1)).unwrap();
    assert_eq!(c.strength.score, 0.0);
    assert_eq!(c.tier.number(), 5);
    assert_eq!(c.rank, None);
}

#[test]
fn weights_scale_the_score_and_zero_weights_give_zero() {
    let ds = dataset(
        vec![person(1, "Ada")],
        vec![it(1, "2026-06-30", &[1], PHONE).depth(3)],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let c = an.contact(ContactId(1)).unwrap().strength.measured;
    let only_depth = StrengthWeights {
        depth: 2.0,
        recency: 0.0,
        frequency: 0.0,
        duration: 0.0,
        reciprocity: 0.0,
        multiplexity: 0.0,
        ..StrengthWeights::default()
    };
    assert!(close(c.score(&only_depth), 50.0));
    let zero = StrengthWeights {
        depth: 0.0,
        ..only_depth.clone()
    };
    assert_eq!(c.score(&zero), 0.0);
    let negative = StrengthWeights {
        recency: -5.0,
        ..only_depth
    };
    assert!(close(c.score(&negative), 50.0));
}

/// Weights near `f64::MAX` (a hand-edited file) once summed to infinity and scored NaN.
#[test]
fn huge_weights_score_like_equal_weights() {
    let ds = dataset(
        vec![person(1, "Ada")],
        vec![it(1, "2026-06-30", &[1], PHONE).depth(3)],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let c = an.contact(ContactId(1)).unwrap().strength.components;
    let equal = |w: f64| StrengthWeights {
        depth: w,
        recency: w,
        frequency: w,
        duration: w,
        reciprocity: w,
        multiplexity: w,
        ..StrengthWeights::default()
    };
    let huge = c.score(&equal(1e308));
    assert!(huge.is_finite(), "score {huge}");
    assert!(close(huge, c.score(&equal(1.0))));
}

fn recency_only() -> Settings {
    Settings {
        strength: StrengthWeights {
            depth: 0.0,
            recency: 1.0,
            frequency: 0.0,
            duration: 0.0,
            reciprocity: 0.0,
            multiplexity: 0.0,
            ..StrengthWeights::default()
        },
        ..Settings::default()
    }
}

#[test]
fn tiers_follow_the_dunbar_layers_and_skip_archived_and_silent_contacts() {
    let as_of = d("2026-06-30");
    let mut contacts = Vec::new();
    let mut its = Vec::new();
    for i in 0..200_u64 {
        contacts.push(person(1000 + i, &format!("P{i:03}")));
        let date = as_of.checked_sub_days(Days::new(i)).unwrap();
        its.push(It {
            id: 1000 + i,
            date,
            who: vec![1000 + i],
            channel: PHONE,
            minutes: None,
            depth: 2,
            by: Initiator::Mutual,
        });
        // Six older interactions, so every one has the evidence tier 1 needs.
        for k in 0..6 {
            its.push(It {
                id: 100_000 + i * 10 + k,
                date: as_of.checked_sub_days(Days::new(300 + k)).unwrap(),
                who: vec![1000 + i],
                channel: PHONE,
                minutes: None,
                depth: 2,
                by: Initiator::Mutual,
            });
        }
    }
    // The strongest of all, but archived: never ranked, takes no place.
    let mut archived = person(1, "Archived");
    archived.archived = true;
    contacts.push(archived);
    its.push(it(1, "2026-06-30", &[1], PHONE));
    // Never in touch.
    contacts.push(person(2, "Silent"));
    let ds = dataset(contacts, its, recency_only());
    let an = Analytics::compute(&ds, Params::new(as_of));
    let tier = |id| an.contact(ContactId(id)).unwrap().tier.number();
    let expect = |rank: u64| match rank {
        0..5 => 1,
        5..15 => 2,
        15..50 => 3,
        50..150 => 4,
        _ => 5,
    };
    for i in 0..200 {
        assert_eq!(tier(1000 + i), expect(i), "rank {i}");
        assert_eq!(
            an.contact(ContactId(1000 + i)).unwrap().rank,
            Some(i as usize)
        );
    }
    assert_eq!((tier(1), tier(2)), (5, 5));
    assert_eq!(an.contact(ContactId(1)).unwrap().rank, None);
    assert_eq!(an.ranked().len(), 200);
    assert_eq!(charts::tier_counts(&ds, &an, None), [5, 10, 35, 100, 51]);
}

#[test]
fn equal_scores_break_ties_by_recent_contact_then_id() {
    let settings = Settings {
        strength: StrengthWeights {
            depth: 1.0,
            recency: 0.0,
            frequency: 0.0,
            duration: 0.0,
            reciprocity: 0.0,
            multiplexity: 0.0,
            ..StrengthWeights::default()
        },
        ..Settings::default()
    };
    let ds = dataset(
        vec![person(9, "A"), person(7, "B"), person(8, "C")],
        vec![
            it(1, "2026-06-01", &[9], PHONE),
            it(2, "2026-06-01", &[7], PHONE),
            it(3, "2026-06-20", &[8], PHONE),
        ],
        settings,
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    assert_eq!(an.ranked(), &[ContactId(8), ContactId(7), ContactId(9)]);
}

#[test]
fn the_offline_lens_misses_strong_online_only_ties() {
    let mut its = Vec::new();
    let mut n = 0;
    let mut add = |date: NaiveDate, who: u64, ch: u64, depth: u8| {
        n += 1;
        its.push(It {
            id: n,
            date,
            who: vec![who],
            channel: ch,
            minutes: Some(45),
            depth,
            by: Initiator::Mutual,
        });
    };
    let as_of = d("2026-06-30");
    for week in 0..52 {
        let date = as_of.checked_sub_days(Days::new(week * 7)).unwrap();
        add(date, 1, VIDEO, 4); // a weekly call with a client never met
        if week % 2 == 0 {
            add(date, 2, IN_PERSON, 4); // a friend met every other week
            add(date, 2, TEXT, 3);
        }
        if week % 8 == 0 {
            add(date, 3, EVENT, 1); // a chamber-of-commerce acquaintance
        }
    }
    let ds = dataset(
        vec![person(1, "Client"), person(2, "Friend"), person(3, "Mixer")],
        its,
        Settings::default(),
    );
    let an = Analytics::compute(&ds, Params::new(as_of));
    let client = an.contact(ContactId(1)).unwrap();
    assert!(client.strength.score >= 60.0, "{}", client.strength.score);
    assert_eq!(client.offline_strength.score, 0.0);
    let mixer = an.contact(ContactId(3)).unwrap();
    assert_eq!(mixer.strength, mixer.offline_strength);
    let missed = an.offline_lens_missed();
    assert!(missed.iter().any(|m| m.contact == ContactId(1) && m.missed));
    assert!(missed.iter().all(|m| m.contact != ContactId(3)));
    assert_eq!(an.offline_ranked(), &[ContactId(2), ContactId(3)]);
    let rel = charts::relationships(&ds, &an, None);
    assert_eq!(rel[0].contact, ContactId(1));
    assert_eq!(rel[0].quadrant(), Quadrant::DeepOnline);
    assert_eq!(
        Quadrant::of(10.0, 0.5),
        Quadrant::Shallow,
        "shallow regardless of share"
    );
}

#[test]
fn timelines_bucket_by_month_with_empty_months() {
    let ds = dataset(
        vec![person(1, "Ada"), person(2, "Bob")],
        vec![
            it(1, "2026-04-03", &[1], IN_PERSON).min(60).depth(4),
            it(2, "2026-04-20", &[1, 2], VIDEO).min(30).depth(2),
            it(3, "2026-06-30", &[1], TEXT).depth(3),
            it(4, "2026-07-01", &[1], TEXT).depth(3),
        ],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let t = charts::contact_timeline(&an, ContactId(1));
    let months: Vec<String> = t.iter().map(|b| b.month.to_string()).collect();
    assert_eq!(months, ["2026-04", "2026-05", "2026-06"]);
    assert_eq!((t[0].online, t[0].offline), (1, 1));
    assert_eq!((t[0].online_minutes, t[0].offline_minutes), (30, 60));
    assert_eq!(t[0].mean_depth(), Some(3.0));
    assert_eq!(t[1].mean_depth(), None);
    assert_eq!(t[2].online, 1);
    let net = charts::network_timeline(&ds, &an, None);
    assert_eq!(net[0].online, 2, "the group call counts for both");
    let ws = Analytics::compute(&ds, params("2026-06-30", Window::LastDays(365)));
    assert_eq!(charts::network_timeline(&ds, &ws, None).len(), 12);
    let m = Month::of(d("2026-12-15"));
    assert_eq!(m.next().to_string(), "2027-01");
    assert_eq!(Month::from_ordinal(m.ordinal()), m);
}

#[test]
fn the_tag_filter_limits_charts_to_tagged_contacts() {
    let mut ada = person(1, "Ada");
    ada.tags.push("Client".to_owned());
    let ds = dataset(
        vec![ada, person(2, "Bob")],
        vec![
            it(1, "2026-06-01", &[1, 2], IN_PERSON),
            it(2, "2026-06-02", &[2], PHONE),
        ],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let rel = charts::relationships(&ds, &an, Some("client"));
    assert_eq!(rel.len(), 1);
    assert_eq!(rel[0].name, "Ada");
    let mix = charts::channel_mix(&ds, &an, Some("client"));
    assert_eq!(mix.iter().map(|m| m.interactions).sum::<u32>(), 1);
    let net = charts::network_timeline(&ds, &an, Some("CLIENT"));
    assert_eq!(net.iter().map(|b| b.online + b.offline).sum::<u32>(), 1);
}

#[test]
fn empty_data_gives_empty_charts() {
    let ds = Dataset::new();
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    assert!(charts::relationships(&ds, &an, None).is_empty());
    assert!(charts::network_timeline(&ds, &an, None).is_empty());
    assert!(charts::contact_timeline(&an, ContactId(1)).is_empty());
    assert!(
        charts::channel_mix(&ds, &an, None)
            .iter()
            .all(|m| m.interactions == 0)
    );
    assert!(an.offline_lens_missed().is_empty());
}

// ---- properties ----

/// A random interaction: (day offset before the as-of date, participant picks, channel, minutes,
/// depth, initiator).
type RawIt = (i64, Vec<u8>, u64, Option<u32>, u8, u8);

fn raw_interaction() -> impl Strategy<Value = RawIt> {
    (
        -20_i64..800,
        prop::collection::vec(any::<u8>(), 1..4),
        1_u64..=8,
        prop::option::of(0_u32..240),
        1_u8..=5,
        0_u8..3,
    )
}

const AS_OF: &str = "2026-06-30";

fn build_interaction(id: u64, raw: &RawIt, contacts: usize) -> Interaction {
    let (offset, picks, channel, minutes, depth, by) = raw;
    let as_of = d(AS_OF);
    let date = if *offset >= 0 {
        as_of.checked_sub_days(Days::new(*offset as u64)).unwrap()
    } else {
        as_of
            .checked_add_days(Days::new(offset.unsigned_abs()))
            .unwrap()
    };
    let mut who: Vec<ContactId> = picks
        .iter()
        .map(|p| ContactId(1 + u64::from(*p) % contacts as u64))
        .collect();
    who.sort();
    who.dedup();
    let mut i = Interaction::new(date, who, ChannelId(*channel));
    i.id = InteractionId(id);
    i.minutes = *minutes;
    i.depth = Depth::new(*depth).unwrap();
    i.initiated_by = Initiator::ALL[usize::from(*by)];
    i
}

fn random_dataset(n_contacts: usize, raws: &[RawIt]) -> Dataset {
    let contacts = (1..=n_contacts as u64)
        .map(|i| person(i, &format!("C{i}")))
        .collect();
    let its = raws
        .iter()
        .enumerate()
        .map(|(n, r)| build_interaction(n as u64 + 1, r, n_contacts))
        .collect();
    Dataset::from_parts(contacts, default_channels(), its, Settings::default()).unwrap()
}

/// Swaps offline and online channels one for one: in person <-> phone, event <-> video,
/// letter <-> email; text and social media stay.
fn swap(ch: ChannelId) -> ChannelId {
    ChannelId(match ch.0 {
        IN_PERSON => PHONE,
        PHONE => IN_PERSON,
        EVENT => VIDEO,
        VIDEO => EVENT,
        LETTER => EMAIL,
        EMAIL => LETTER,
        other => {
            assert!(other == TEXT || other == SOCIAL);
            other
        }
    })
}

fn windows() -> impl Strategy<Value = Window> {
    prop_oneof![
        Just(Window::All),
        (1_u32..500).prop_map(Window::LastDays),
        (0_u64..700, 0_u64..400).prop_map(|(back, len)| {
            let from = d(AS_OF).checked_sub_days(Days::new(back)).unwrap();
            Window::Range {
                from,
                to: from.checked_add_days(Days::new(len)).unwrap(),
            }
        }),
    ]
}

fn assert_same_analytics(a: &Analytics, b: &Analytics) {
    assert_eq!(a.contacts(), b.contacts());
    assert_eq!(a.ranked(), b.ranked());
    assert_eq!(a.offline_ranked(), b.offline_ranked());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_channel_never_adds_or_removes_strength(
        n in 1_usize..7,
        raws in prop::collection::vec(raw_interaction(), 0..60),
        window in windows(),
    ) {
        let ds = random_dataset(n, &raws);
        let (contacts, channels, its, settings) = ds.clone().into_parts();
        let swapped: Vec<Interaction> = its
            .into_iter()
            .map(|mut i| {
                i.channel = swap(i.channel);
                i
            })
            .collect();
        let ds2 = Dataset::from_parts(contacts, channels, swapped, settings).unwrap();
        let p = params(AS_OF, window);
        let (a, b) = (Analytics::compute(&ds, p), Analytics::compute(&ds2, p));
        for (x, y) in a.contacts().iter().zip(b.contacts()) {
            prop_assert_eq!(x.strength, y.strength);
            prop_assert_eq!(x.tier, y.tier);
            prop_assert_eq!(x.engagement.interactions(), y.engagement.interactions());
            prop_assert_eq!(x.engagement.minutes(), y.engagement.minutes());
            prop_assert_eq!(x.engagement.channels(), y.engagement.channels());
        }
        prop_assert_eq!(a.ranked(), b.ranked());
    }

    #[test]
    fn incremental_updates_equal_a_full_recompute(
        n in 1_usize..40,
        raws in prop::collection::vec(raw_interaction(), 0..150),
        ops in prop::collection::vec((0_u8..9, any::<u64>(), raw_interaction()), 1..25),
        window in windows(),
    ) {
        let mut ds = random_dataset(n, &raws);
        let p = params(AS_OF, window);
        let mut cache = Analytics::compute(&ds, p);
        let mut next_id = 10_000_u64;
        for (op, pick, raw) in ops {
            let contact_ids: Vec<ContactId> = ds.contacts().iter().map(|c| c.id).collect();
            let it_ids: Vec<InteractionId> = ds.interactions().iter().map(|i| i.id).collect();
            let pick_it = |k: u64| it_ids.get((k % it_ids.len().max(1) as u64) as usize).copied();
            let pick_c = |k: u64| contact_ids.get((k % contact_ids.len().max(1) as u64) as usize).copied();
            next_id += 1;
            let edit = match op {
                0 | 1 if !contact_ids.is_empty() => {
                    let mut i = build_interaction(next_id, &raw, n);
                    i.participants = vec![pick_c(pick).unwrap()];
                    Edit::PutInteraction(i)
                }
                2 => match pick_it(pick) {
                    Some(id) => Edit::RemoveInteraction(id),
                    None => continue,
                },
                3 => match pick_it(pick) {
                    Some(id) => {
                        let mut i = ds.interaction(id).unwrap().clone();
                        let fresh = build_interaction(id.0, &raw, n);
                        i.date = fresh.date;
                        i.channel = fresh.channel;
                        i.depth = fresh.depth;
                        i.minutes = fresh.minutes;
                        if let Some(c) = pick_c(pick / 7) {
                            if !i.participants.contains(&c) {
                                i.participants.push(c);
                            }
                            if pick % 3 == 0 && i.participants.len() > 1 {
                                i.participants.remove(0);
                            }
                        }
                        Edit::PutInteraction(i)
                    }
                    None => continue,
                },
                4 => Edit::PutContact(person(next_id, "New")),
                5 => match pick_c(pick) {
                    Some(id) => Edit::RemoveContact(id),
                    None => continue,
                },
                6 => match pick_c(pick) {
                    Some(id) => {
                        let mut c = ds.contact(id).unwrap().clone();
                        c.archived = !c.archived;
                        Edit::PutContact(c)
                    }
                    None => continue,
                },
                7 => {
                    let mut s = ds.settings().clone();
                    s.strength.depth = (pick % 10) as f64 / 10.0;
                    Edit::SetSettings(s)
                }
                8 => {
                    let ch = ds.channel(ChannelId(1 + pick % 8)).unwrap().clone();
                    let mode = if ch.mode == Mode::Online { Mode::Offline } else { Mode::Online };
                    Edit::PutChannel(Channel { mode, ..ch })
                }
                _ => continue,
            };
            // A batch too: the same edit and an undo-able second one.
            let edit = if pick % 5 == 0 {
                Edit::Batch(vec![edit, Edit::PutContact(person(next_id + 500_000, "Batch"))])
            } else {
                edit
            };
            let Ok(applied) = ds.apply(edit) else { continue };
            cache.update(&ds, &applied);
            assert_same_analytics(&cache, &Analytics::compute(&ds, p));
            if pick % 4 == 0 {
                let undo = ds.apply(applied.inverse).unwrap();
                cache.update(&ds, &undo);
                assert_same_analytics(&cache, &Analytics::compute(&ds, p));
            }
        }
    }
}

#[test]
fn a_touch_stays_compact() {
    // BENCHMARKS.md states the cache's memory from this size.
    assert_eq!(std::mem::size_of::<rapport::analytics::Touch>(), 32);
}

/// A steady history for contact `who`: `count` interactions every `every` days ending `last_ago`
/// days before `as_of`, at one depth, on `channels` in turn, with no initiator recorded.
fn steady(
    first_id: u64,
    who: u64,
    as_of: NaiveDate,
    (count, every, last_ago): (u64, u64, u64),
    depth: u8,
    channels: &[u64],
) -> Vec<It> {
    (0..count)
        .map(|k| It {
            id: first_id + k,
            date: as_of
                .checked_sub_days(Days::new(last_ago + k * every))
                .unwrap(),
            who: vec![who],
            channel: channels[(k as usize) % channels.len()],
            minutes: None,
            depth,
            by: Initiator::Unknown,
        })
        .collect()
}

/// Issue 15 item 8: a video call and a coffee with someone met today once scored 64 and tier 1,
/// ahead of fourteen deep conversations over a year.
#[test]
fn two_meetings_today_rank_below_a_year_of_steady_contact_at_the_same_depth() {
    let as_of = d("2026-06-30");
    let mut its = steady(1, 1, as_of, (2, 0, 0), 5, &[VIDEO, IN_PERSON]);
    its.extend(steady(100, 2, as_of, (14, 26, 5), 5, &[IN_PERSON]));
    let ds = dataset(
        vec![person(1, "New"), person(2, "Old")],
        its,
        Settings::default(),
    );
    let an = Analytics::compute(&ds, Params::new(as_of));
    let new = an.contact(ContactId(1)).unwrap();
    let old = an.contact(ContactId(2)).unwrap();
    assert!(
        new.strength.score < old.strength.score,
        "new {} vs old {}",
        new.strength.score,
        old.strength.score
    );
    assert!(new.strength.score < 30.0, "new {}", new.strength.score);
    assert_eq!(an.ranked(), &[ContactId(2), ContactId(1)]);
    // Too little evidence for the two innermost tiers, though it ranks second of two.
    assert_eq!(new.tier.number(), 3);
    assert_eq!(old.tier.number(), 1);
    assert_eq!(
        new.strength.evidence.describe(),
        "based on 2 interactions over 1 day"
    );
    assert_eq!(
        old.strength.evidence.describe(),
        "based on 14 interactions over 339 days"
    );
    // Nobody recorded who reached out: reciprocity stays at the prior.
    assert!(close(
        new.strength.components.reciprocity,
        PRIOR.reciprocity
    ));
}

#[test]
fn reciprocity_counts_only_interactions_with_a_known_initiator() {
    let ds = dataset(
        vec![person(1, "Ada")],
        vec![
            it(1, "2026-06-01", &[1], PHONE).by(Initiator::Me),
            it(2, "2026-06-02", &[1], PHONE).by(Initiator::Unknown),
            it(3, "2026-06-03", &[1], PHONE).by(Initiator::Unknown),
        ],
        Settings::default(),
    );
    let an = Analytics::compute(&ds, params("2026-06-30", Window::All));
    let s = an.contact(ContactId(1)).unwrap().strength;
    // Only I reached out, in the one interaction where it is known.
    assert!(close(s.measured.reciprocity, 0.0));
    assert_eq!(s.evidence.known_initiator, 1);
    assert_eq!(s.evidence.interactions, 3);
}

#[test]
fn evidence_weight_grows_with_count_and_span_and_gates_the_inner_tiers() {
    let e = |n, days| {
        Evidence {
            interactions: n,
            days,
            known_initiator: 0,
        }
        .weight()
    };
    assert_eq!(e(0, 0), 0.0);
    for n in 1..50 {
        for days in [1, 2, 30, 90, 365] {
            assert!(e(n + 1, days) > e(n, days));
            assert!(e(n, days + 1) > e(n, days));
            assert!(e(n, days) < 1.0);
        }
    }
    let tier = |n, days| {
        Evidence {
            interactions: n,
            days,
            known_initiator: 0,
        }
        .closest_tier()
        .number()
    };
    assert_eq!(tier(2, 1), 3);
    assert_eq!(tier(3, 30), 2);
    assert_eq!(tier(5, 365), 2);
    assert_eq!(tier(6, 90), 1);
    assert_eq!(rapport::analytics::thousands(3315), "3,315");
    assert_eq!(rapport::analytics::thousands(1_000_000), "1,000,000");
    assert_eq!(rapport::analytics::thousands(999), "999");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Another interaction like the others, between the first and the last, never lowers the
    /// score: more evidence of the same relationship only adds.
    #[test]
    fn more_evidence_of_the_same_tie_never_lowers_its_score(
        count in 1_u64..20,
        every in 1_u64..40,
        last_ago in 0_u64..60,
        depth in 2_u8..=5,
        channels in prop::collection::vec(prop::sample::select(vec![IN_PERSON, PHONE, VIDEO, EMAIL]), 1..4),
        at in 0_u64..1000,
        window in windows(),
    ) {
        let as_of = d(AS_OF);
        let its = steady(1, 1, as_of, (count, every, last_ago), depth, &channels);
        let span = (count - 1) * every;
        let mut more = steady(1, 1, as_of, (count, every, last_ago), depth, &channels);
        more.push(It {
            id: 999,
            date: as_of.checked_sub_days(Days::new(last_ago + at % (span + 1))).unwrap(),
            who: vec![1],
            channel: channels[0],
            minutes: None,
            depth,
            by: Initiator::Unknown,
        });
        let p = params(AS_OF, window);
        let a = Analytics::compute(&dataset(vec![person(1, "A")], its, Settings::default()), p);
        let b = Analytics::compute(&dataset(vec![person(1, "A")], more, Settings::default()), p);
        let (a, b) = (a.contact(ContactId(1)).unwrap(), b.contact(ContactId(1)).unwrap());
        prop_assert!(b.strength.score >= a.strength.score - 1e-9,
            "{} then {}", a.strength.score, b.strength.score);
        prop_assert!(b.strength.evidence.weight() >= a.strength.evidence.weight());
    }

    /// However deep and however many channels, a few interactions on one day score below at
    /// least as many at the same depth spread over half a year or more of steady contact.
    #[test]
    fn a_new_tie_scores_below_an_established_one_at_the_same_depth(
        burst in 1_u64..6,
        extra in 0_u64..30,
        every in 7_u64..30,
        last_ago in 0_u64..14,
        depth in 1_u8..=5,
        new_channels in prop::collection::vec(prop::sample::select(vec![IN_PERSON, EVENT, PHONE, VIDEO, EMAIL, TEXT]), 1..6),
        old_channel in prop::sample::select(vec![IN_PERSON, PHONE, VIDEO, EMAIL]),
    ) {
        let as_of = d(AS_OF);
        // Steady contact over at least 180 days.
        let count = (burst + extra).max(180 / every + 1);
        let mut its = steady(1, 1, as_of, (burst, 0, 0), depth, &new_channels);
        its.extend(steady(1000, 2, as_of, (count, every, last_ago), depth, &[old_channel]));
        let ds = dataset(vec![person(1, "New"), person(2, "Old")], its, Settings::default());
        let an = Analytics::compute(&ds, Params::new(as_of));
        let new = an.contact(ContactId(1)).unwrap();
        let old = an.contact(ContactId(2)).unwrap();
        prop_assert!(new.strength.score < old.strength.score,
            "new {} vs old {}", new.strength.score, old.strength.score);
        prop_assert!(new.tier.number() >= 3);
    }
}
