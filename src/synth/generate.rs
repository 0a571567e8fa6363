//! Large synthetic networks for `rapport generate`, benchmarks and tests.
//!
//! The shape follows what the tie-strength literature describes:
//! - a few close ties and a long tail: contacts are ranked into Dunbar-like layers (5, 15, 50,
//!   150, everyone else) and each layer draws interactions more often and deeper than the next;
//! - each relationship lives somewhere: about a quarter online only, a quarter offline only and
//!   half blended across channels;
//! - some ties go quiet: about one in ten stops at a random date;
//! - group events: about one interaction in fourteen is a meetup, a team call or an event
//!   shared by 3 to 12 people of one circle (a club, a team, a chamber);
//! - dates spread over five years ending on [`Spec::until`], durations and depths that fit the
//!   channel and the tie.
//!
//! Every id and every choice comes from a `ChaCha8` generator seeded with [`Spec::seed`]: the
//! same spec always gives the same dataset, on any machine.
//!
//! Over 600 lines on purpose: one generator, read top to bottom, whose order of random draws
//! fixes every generated file; splitting it would scatter that order across files.

#![expect(
    clippy::assigning_clones,
    reason = "fields of fresh records are set once; there is nothing to reuse"
)]

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use thiserror::Error;

use super::pick::{
    EMAIL, EVENT, IN_PERSON, LETTER, PHONE, SOCIAL, TEXT, VIDEO, one, shift, weighted,
};
use crate::model::{
    Birthday, ChannelId, Contact, ContactId, Dataset, Depth, Initiator, Interaction, InteractionId,
    Labeled, Settings, default_channels,
};

/// The most contacts or interactions [`generate`] accepts (memory grows with both).
pub const MAX_CONTACTS: usize = 5_000_000;
pub const MAX_INTERACTIONS: usize = 20_000_000;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub contacts: usize,
    pub interactions: usize,
    pub seed: u64,
    /// The last day interactions may fall on; the history covers the five years before it.
    pub until: NaiveDate,
}

impl Spec {
    /// A spec ending on the demo's "today" (2026-11-27), so output never depends on the clock.
    #[must_use]
    pub fn new(contacts: usize, interactions: usize, seed: u64) -> Self {
        Self {
            contacts,
            interactions,
            seed,
            until: super::DEMO_TODAY,
        }
    }
}

/// Why a spec cannot be generated.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum GenerateError {
    #[error("interactions need people: use --contacts 1 or more")]
    NoContacts,
    #[error("{0} contacts is more than the {MAX_CONTACTS} this generator makes")]
    TooManyContacts(usize),
    #[error("{0} interactions is more than the {MAX_INTERACTIONS} this generator makes")]
    TooManyInteractions(usize),
    /// A bug in the generator: what it drew breaks an integrity rule.
    #[error("the generated data breaks an integrity rule ({0}); please report this")]
    Inconsistent(String),
}

const ONLINE: &[(u64, u32)] = &[(PHONE, 3), (VIDEO, 3), (EMAIL, 4), (TEXT, 4), (SOCIAL, 1)];
const OFFLINE: &[(u64, u32)] = &[(IN_PERSON, 8), (EVENT, 3), (LETTER, 1)];
const BLENDED: &[(u64, u32)] = &[
    (IN_PERSON, 4),
    (EVENT, 1),
    (PHONE, 3),
    (VIDEO, 2),
    (EMAIL, 4),
    (TEXT, 4),
    (SOCIAL, 1),
    (LETTER, 1),
];

const GIVEN: &[&str] = &[
    "Ada",
    "Aisha",
    "Alejandro",
    "Amara",
    "Amelia",
    "Anders",
    "Ana",
    "Arjun",
    "Astrid",
    "Ben",
    "Camille",
    "Carlos",
    "Charlotte",
    "Chen",
    "Chidi",
    "Chloe",
    "Daniel",
    "David",
    "Elena",
    "Eli",
    "Emma",
    "Ethan",
    "Fatima",
    "Felix",
    "Freya",
    "Gabriel",
    "Grace",
    "Hana",
    "Hannah",
    "Hugo",
    "Ines",
    "Isaac",
    "Isabel",
    "Ivan",
    "Jack",
    "James",
    "Jana",
    "Jonas",
    "Julia",
    "Kai",
    "Kenji",
    "Kwame",
    "Laila",
    "Lars",
    "Leila",
    "Lena",
    "Leo",
    "Lucas",
    "Lucy",
    "Maya",
    "Marco",
    "Maria",
    "Mateo",
    "Mei",
    "Mia",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Nia",
    "Noah",
    "Nora",
    "Olivia",
    "Omar",
    "Oscar",
    "Pablo",
    "Priya",
    "Rafael",
    "Rachel",
    "Ravi",
    "Rosa",
    "Ruth",
    "Sam",
    "Samir",
    "Sara",
    "Sofia",
    "Sven",
    "Tariq",
    "Thomas",
    "Tomás",
    "Uma",
    "Victor",
    "Wei",
    "Yara",
    "Yuki",
    "Zainab",
    "Zoe",
    "Björn",
    "Chiara",
    "Dmitri",
    "Eun-ji",
    "Farah",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "Joaquín",
    "Katarzyna",
    "Liam",
    "Malik",
    "Nikolai",
    "Owen",
];

const FAMILY: &[&str] = &[
    "Abara",
    "Adeyemi",
    "Ahmed",
    "Alvarez",
    "Andersen",
    "Becker",
    "Bianchi",
    "Brennan",
    "Brooks",
    "Campbell",
    "Carvalho",
    "Chen",
    "Costa",
    "Dube",
    "Dupont",
    "Eriksson",
    "Evans",
    "Fischer",
    "Garcia",
    "Grant",
    "Haddad",
    "Hansen",
    "Hughes",
    "Ito",
    "Ivanova",
    "Jensen",
    "Kim",
    "Khan",
    "Kowalski",
    "Larsen",
    "Lee",
    "Lindqvist",
    "Lopez",
    "Martin",
    "Mehta",
    "Mensah",
    "Moreau",
    "Müller",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Nwosu",
    "O'Brien",
    "Okafor",
    "Okonkwo",
    "Olsen",
    "Park",
    "Patel",
    "Petrov",
    "Quinn",
    "Raman",
    "Reyes",
    "Rossi",
    "Santos",
    "Schmidt",
    "Shah",
    "Silva",
    "Singh",
    "Sousa",
    "Tanaka",
    "Tan",
    "Taylor",
    "Thompson",
    "Vogel",
    "Walker",
    "Wang",
    "Weber",
    "Williams",
    "Wright",
    "Yamamoto",
    "Yilmaz",
    "Zhang",
    "Zielinski",
    "Byrne",
    "Dalton",
    "Fernandes",
    "Gonzalez",
    "Horvath",
    "Jovanović",
    "Kaur",
    "Lindgren",
    "Marchetti",
    "Ndlovu",
    "Ortiz",
    "Pereira",
    "Rahman",
    "Sato",
    "Takahashi",
    "Volkov",
    "Wójcik",
    "Zhou",
    "Abdullah",
    "Bergström",
    "Castillo",
    "De Vries",
    "Fitzgerald",
    "Gallagher",
    "Hoffmann",
    "Iyer",
    "Jansen",
];

const ORG_FIRST: &[&str] = &[
    "Harbour",
    "Northwind",
    "Bright",
    "Cedar",
    "Silver",
    "Blue",
    "Granite",
    "Meadow",
    "Summit",
    "Coastal",
    "Riverside",
    "Lumen",
    "Oak",
    "Atlas",
    "Beacon",
    "Copper",
    "Juniper",
    "Maple",
    "Orbit",
    "Pioneer",
    "Quay",
    "Redwood",
    "Saffron",
    "Tidewater",
    "Willow",
];
const ORG_SECOND: &[&str] = &[
    "Analytics",
    "Bakery",
    "Builders",
    "Consulting",
    "Design",
    "Dental",
    "Foods",
    "Hardware",
    "Insurance",
    "Labs",
    "Law",
    "Logistics",
    "Marine",
    "Media",
    "Partners",
    "Print",
    "Realty",
    "Robotics",
    "Studio",
    "Supply",
    "Systems",
    "Timber",
    "Travel",
    "Ventures",
    "Wines",
];
const ROLES: &[&str] = &[
    "Owner",
    "Founder",
    "Director",
    "Account Manager",
    "Head of Product",
    "Designer",
    "Engineer",
    "Sales Lead",
    "Project Manager",
    "Accountant",
    "Marketing Manager",
    "Operations Lead",
    "Consultant",
    "Partner",
    "Office Manager",
    "Chief Executive",
];
const TAGS: &[&str] = &[
    "client",
    "prospect",
    "supplier",
    "partner",
    "friend",
    "family",
    "mentor",
    "chamber",
    "investor",
    "former colleague",
    "community",
    "conference",
];
const HOW_MET: &[&str] = &[
    "Chamber of Commerce breakfast",
    "Introduced by a client",
    "Conference",
    "LinkedIn",
    "Trade fair",
    "Worked together",
    "University",
    "Neighbours",
    "Online community",
    "Referral",
    "Cold email",
    "Sports club",
];

fn summaries(channel: u64) -> &'static [&'static str] {
    match channel {
        IN_PERSON => &[
            "Coffee at the harbour",
            "Lunch",
            "Working session",
            "Site visit",
            "Dinner",
            "Walk and talk",
            "Quarterly review meeting",
        ],
        EVENT => &[
            "Chamber of Commerce breakfast",
            "Industry meetup",
            "Conference",
            "Trade fair",
            "Networking mixer",
            "Workshop",
        ],
        PHONE => &[
            "Catch-up call",
            "Quick call",
            "Call about the project",
            "Pricing call",
            "Called to say thanks",
        ],
        VIDEO => &[
            "Weekly check-in call",
            "Quarterly review call",
            "Project call",
            "Planning session over video",
            "Demo call",
        ],
        EMAIL => &[
            "Sent the proposal",
            "Follow-up email",
            "Invoice and thanks",
            "Shared an article",
            "Introduction by email",
            "Contract by email",
        ],
        TEXT => &[
            "Texted to catch up",
            "Quick question over chat",
            "Shared photos",
            "Congratulations message",
        ],
        SOCIAL => &[
            "Commented on a post",
            "LinkedIn message",
            "Congratulated on the new role",
        ],
        _ => &["Holiday card", "Thank-you card", "Letter"],
    }
}

/// How close a tie is: decides how often and how deep its interactions are.
#[derive(Clone, Copy)]
enum Layer {
    Inner,
    Close,
    Good,
    Regular,
    Acquaintance,
}

impl Layer {
    fn of_rank(rank: usize) -> Self {
        match rank {
            0..5 => Layer::Inner,
            5..15 => Layer::Close,
            15..50 => Layer::Good,
            50..150 => Layer::Regular,
            _ => Layer::Acquaintance,
        }
    }

    fn depths(self) -> &'static [(u8, u32)] {
        match self {
            Layer::Inner => &[(2, 1), (3, 3), (4, 4), (5, 3)],
            Layer::Close => &[(2, 2), (3, 4), (4, 3), (5, 1)],
            Layer::Good => &[(1, 1), (2, 4), (3, 4), (4, 1)],
            Layer::Regular => &[(1, 3), (2, 5), (3, 2)],
            Layer::Acquaintance => &[(1, 6), (2, 3), (3, 1)],
        }
    }
}

/// Per-contact facts the interaction draw needs.
struct Tie {
    id: ContactId,
    layer: Layer,
    channels: &'static [(u64, u32)],
    from: NaiveDate,
    to: NaiveDate,
}

/// A circle of people who meet as a group.
struct Circle {
    members: std::ops::Range<usize>,
    channel: u64,
    summary: &'static str,
}

fn unique_id(rng: &mut ChaCha8Rng, used: &mut HashSet<u64>) -> u64 {
    loop {
        let id = rng.random();
        if used.insert(id) {
            return id;
        }
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn at(date: NaiveDate, rng: &mut ChaCha8Rng) -> DateTime<Utc> {
    let secs = rng.random_range(8 * 3600..19 * 3600);
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or_default();
    date.and_time(time).and_utc()
}

fn make_contact(
    rng: &mut ChaCha8Rng,
    used: &mut HashSet<u64>,
    start: NaiveDate,
    until: NaiveDate,
) -> Contact {
    let given = *one(rng, GIVEN);
    let family = *one(rng, FAMILY);
    let span = (until - start).num_days();
    let met = shift(start, rng.random_range(0..span.max(1)));
    let mut c = Contact::with_id(
        ContactId(unique_id(rng, used)),
        format!("{given} {family}"),
        at(met, rng),
    );
    c.updated = at(
        shift(met, rng.random_range(0..=(until - met).num_days())),
        rng,
    );
    c.given_name = given.to_owned();
    c.family_name = family.to_owned();
    let personal = rng.random_bool(0.35);
    if personal {
        let n: u32 = rng.random_range(1..100);
        let domain = *one(rng, &["mail.example", "post.example", "inbox.example"]);
        c.emails.push(Labeled::new(
            format!("{}.{}{n}@{domain}", slug(given), slug(family)),
            "home",
        ));
    } else {
        let (a, b) = (*one(rng, ORG_FIRST), *one(rng, ORG_SECOND));
        c.organization = format!("{a} {b}");
        c.role = (*one(rng, ROLES)).to_owned();
        c.emails.push(Labeled::new(
            format!(
                "{}.{}@{}{}.example",
                slug(given),
                slug(family),
                slug(a),
                slug(b)
            ),
            "work",
        ));
    }
    if rng.random_bool(0.5) {
        let (x, y): (u32, u32) = (rng.random_range(100..1000), rng.random_range(1000..10000));
        c.phones
            .push(Labeled::new(format!("+1 555 {x} {y}"), "mobile"));
    }
    if rng.random_bool(0.4) {
        let tag = *one(rng, TAGS);
        c.tags.push(tag.to_owned());
        if rng.random_bool(0.2) {
            let other = *one(rng, TAGS);
            if other != tag {
                c.tags.push(other.to_owned());
            }
        }
    }
    if rng.random_bool(0.6) {
        c.how_met = (*one(rng, HOW_MET)).to_owned();
        c.met_on = Some(met);
    }
    if rng.random_bool(0.25) {
        let month = rng.random_range(1..=12);
        let day = rng.random_range(1..=28);
        let year = rng.random_bool(0.6).then(|| rng.random_range(1950..2004));
        c.birthday = Some(Birthday { year, month, day });
    }
    if rng.random_bool(0.1) {
        c.cadence_days = Some(*one(rng, &[7, 14, 30, 60, 90, 180, 365]));
    }
    if rng.random_bool(0.02) {
        c.archived = true;
    }
    c
}

/// Generates a network as `spec` asks. Deterministic: the same spec gives the same dataset.
pub fn generate(spec: &Spec) -> Result<Dataset, GenerateError> {
    if spec.contacts == 0 && spec.interactions > 0 {
        return Err(GenerateError::NoContacts);
    }
    if spec.contacts > MAX_CONTACTS {
        return Err(GenerateError::TooManyContacts(spec.contacts));
    }
    if spec.interactions > MAX_INTERACTIONS {
        return Err(GenerateError::TooManyInteractions(spec.interactions));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let until = spec.until;
    let start = shift(until, -5 * 365);
    let mut used = HashSet::with_capacity(spec.contacts + spec.interactions);

    // Circles: runs of 8-40 neighbouring contacts who sometimes meet as a group. A circle that
    // meets online holds only online and blended ties; one that meets offline, only offline
    // and blended ties.
    let mut circles = Vec::new();
    let mut begin = 0;
    while begin + 3 <= spec.contacts {
        let len = rng.random_range(8..=40).min(spec.contacts - begin);
        let (channel, summary) = *one(
            &mut rng,
            &[
                (EVENT, "Chamber of Commerce breakfast"),
                (EVENT, "Industry meetup"),
                (IN_PERSON, "Book club"),
                (VIDEO, "Mastermind group call"),
                (VIDEO, "Team call"),
                (VIDEO, "Online community call"),
            ],
        );
        circles.push(Circle {
            members: begin..begin + len,
            channel,
            summary,
        });
        begin += len;
    }
    let rank_circle: Vec<usize> = circles.iter().map(|c| c.members.end).collect();

    let mut contacts = Vec::with_capacity(spec.contacts);
    let mut ties = Vec::with_capacity(spec.contacts);
    let mut cumulative = Vec::with_capacity(spec.contacts);
    let mut total = 0.0_f64;
    for rank in 0..spec.contacts {
        let c = make_contact(&mut rng, &mut used, start, until);
        let layer = Layer::of_rank(rank);
        let weight = match layer {
            Layer::Inner => 60.0,
            Layer::Close => 25.0,
            Layer::Good => 8.0,
            Layer::Regular => 3.0,
            Layer::Acquaintance => 0.1 + 2.0 * rng.random::<f64>().powi(3),
        } * rng.random_range(0.6..1.4);
        let circle_online = circles
            .get(rank_circle.partition_point(|&end| end <= rank))
            .is_some_and(|c: &Circle| c.channel == VIDEO);
        let channels = match circles.last() {
            Some(last) if rank < last.members.end => {
                let single = if circle_online { ONLINE } else { OFFLINE };
                weighted(&mut rng, &[(single, 1), (BLENDED, 1)])
            }
            _ => weighted(&mut rng, &[(ONLINE, 1), (OFFLINE, 1), (BLENDED, 2)]),
        };
        let from = c
            .met_on
            .unwrap_or_else(|| c.created.date_naive())
            .max(start);
        let quiet = rng.random_bool(0.1);
        let to = if quiet {
            shift(from, rng.random_range(0..=(until - from).num_days()))
        } else {
            until
        };
        total += weight;
        cumulative.push(total);
        ties.push(Tie {
            id: c.id,
            layer,
            channels,
            from,
            to,
        });
        contacts.push(c);
    }

    let mut interactions = Vec::with_capacity(spec.interactions);
    let history = (until - start).num_days();
    while interactions.len() < spec.interactions {
        let id = InteractionId(unique_id(&mut rng, &mut used));
        let mut it = if !circles.is_empty() && rng.random_bool(0.07) {
            let circle = one(&mut rng, &circles);
            let size = rng.random_range(3..=12).min(circle.members.len());
            let mut who: Vec<ContactId> = Vec::with_capacity(size);
            while who.len() < size {
                let p = ties[rng.random_range(circle.members.clone())].id;
                if !who.contains(&p) {
                    who.push(p);
                }
            }
            let date = shift(start, rng.random_range(0..=history));
            let mut it = Interaction::new(date, who, ChannelId(circle.channel));
            it.depth =
                Depth::new(weighted(&mut rng, &[(1, 5), (2, 4), (3, 1)])).unwrap_or_default();
            it.minutes = Some(rng.random_range(6..=24) * 10);
            it.summary = circle.summary.to_owned();
            it
        } else {
            let roll = rng.random::<f64>() * total;
            let ix = cumulative
                .partition_point(|&c| c <= roll)
                .min(ties.len() - 1);
            let tie = &ties[ix];
            let span = (tie.to - tie.from).num_days();
            // Recent days a little more likely: the max of two draws leans late.
            let d = rng.random_range(0..=span).max(rng.random_range(0..=span));
            let channel = weighted(&mut rng, tie.channels);
            let mut it = Interaction::new(shift(tie.from, d), vec![tie.id], ChannelId(channel));
            it.depth = Depth::new(weighted(&mut rng, tie.layer.depths())).unwrap_or_default();
            it.minutes = match channel {
                IN_PERSON => Some(rng.random_range(3..=24) * 5),
                EVENT => Some(rng.random_range(6..=18) * 10),
                PHONE => Some(rng.random_range(1..=12) * 5),
                VIDEO => Some(rng.random_range(3..=18) * 5),
                _ => None,
            };
            it.initiated_by = weighted(
                &mut rng,
                &[
                    (Initiator::Me, 4),
                    (Initiator::Them, 4),
                    (Initiator::Mutual, 2),
                ],
            );
            it.summary = (*one(&mut rng, summaries(channel))).to_owned();
            if matches!(channel, PHONE | VIDEO) && rng.random_bool(0.5) {
                let secs = rng.random_range(16..40) * 1800;
                it.time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0);
            }
            it
        };
        it.id = id;
        if rng.random_bool(0.03) {
            it.follow_up = Some(shift(it.date, rng.random_range(3..=30)));
        }
        interactions.push(it);
    }
    interactions.sort_by_key(|it| (it.date, it.time));

    let mut settings = Settings::default();
    settings.cadence.by_tag.insert("client".to_owned(), 30);
    settings.cadence.by_tag.insert("family".to_owned(), 14);
    Dataset::from_parts(contacts, default_channels(), interactions, settings).map_err(|errors| {
        GenerateError::Inconsistent(errors.first().map(ToString::to_string).unwrap_or_default())
    })
}
