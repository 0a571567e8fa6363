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

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::pick::{
    EMAIL, EVENT, IN_PERSON, LETTER, PHONE, SOCIAL, TEXT, VIDEO, one, shift, weighted,
};
use crate::model::{
    Birthday, ChannelId, Contact, ContactId, Dataset, Depth, Initiator, Interaction, InteractionId,
    Labeled, Settings, default_channels,
};

/// The seed the demo network is drawn with.
pub const DEMO_SEED: u64 = 20_261_127;

/// The "today" the demo is shaped around: its last interactions are just before this date.
pub const DEMO_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("a valid date"),
};

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// How one kind of interaction in a recurring relationship looks.
#[derive(Clone, Copy)]
struct Kind {
    channel: u64,
    weight: u32,
    minutes: Option<(u32, u32)>,
    depths: &'static [(u8, u32)],
    summaries: &'static [&'static str],
}

/// A relationship's rhythm: every `every` days (plus or minus `jitter`) from `from` to `to`,
/// skipping some, each time one of `kinds`.
struct Rhythm {
    from: NaiveDate,
    to: NaiveDate,
    every: i64,
    jitter: i64,
    skip: f64,
    kinds: &'static [Kind],
    initiators: [u32; 3],
}

struct Builder {
    rng: ChaCha8Rng,
    contacts: Vec<Contact>,
    interactions: Vec<Interaction>,
}

fn stamp(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    d.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc()
}

impl Builder {
    fn person(
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

    fn last(&mut self) -> &mut Contact {
        let n = self.contacts.len();
        &mut self.contacts[n - 1]
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "a hand-written log line reads best as one call"
    )]
    fn log(
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

    fn rhythm(&mut self, who: &[ContactId], r: &Rhythm) {
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
    fn scatter(&mut self, who: ContactId, n: usize, from: NaiveDate, to: NaiveDate, kind: Kind) {
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

    fn follow_up_on_latest(&mut self, who: ContactId, follow_up: NaiveDate, note: &str) {
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
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).unwrap_or(date(year, month, 1))
}

/// Name, organisation, role, email, tags, how we met, main channel, number of interactions.
type TailPerson = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    u64,
    usize,
);

const SMALL_TALK: &[(u8, u32)] = &[(1, 7), (2, 3)];

/// Builds the demo network. Deterministic: the same code always gives the same dataset.
#[must_use]
pub fn demo_dataset() -> Dataset {
    let mut net = Builder {
        rng: ChaCha8Rng::seed_from_u64(DEMO_SEED),
        contacts: Vec::new(),
        interactions: Vec::new(),
    };

    // --- A deep tie that lives entirely online ---------------------------------------------
    let priya = net.person(
        "Priya Raman",
        "Lumen Analytics",
        "Head of Product",
        "priya.raman@lumenanalytics.sg",
        &["client", "mentor"],
        (date(2024, 1, 15), "Introduced by Jonas Becker over email"),
    );
    {
        let c = net.last();
        c.birthday = Some(Birthday {
            year: Some(1986),
            month: 4,
            day: 22,
        });
        c.cadence_days = Some(7);
        c.phones.push(Labeled::new("+65 8123 4567", "mobile"));
        c.links.push(Labeled::new(
            "https://www.linkedin.com/in/priya-raman-lumen",
            "linkedin",
        ));
        c.notes = "Weekly video call on Tuesdays, 8:00 here and 16:00 in Singapore. We have never \
                   met in person, yet she is the first person I call about pricing, hiring or a \
                   hard client."
            .to_owned();
    }
    net.log(
        date(2024, 1, 17),
        &[priya],
        EMAIL,
        None,
        2,
        Initiator::Them,
        "Introduction from Jonas",
        "Jonas thought we should talk about analytics dashboards for her team.",
    );
    net.rhythm(
        &[priya],
        &Rhythm {
            from: date(2024, 1, 23),
            to: date(2026, 11, 24),
            every: 7,
            jitter: 1,
            skip: 0.22,
            kinds: &[
                Kind {
                    channel: VIDEO,
                    weight: 12,
                    minutes: Some((40, 75)),
                    depths: &[(3, 2), (4, 6), (5, 3)],
                    summaries: &[
                        "Weekly check-in call",
                        "Weekly check-in call",
                        "Roadmap review over video",
                        "Talked through the hiring decision",
                        "Pricing strategy deep dive",
                        "She helped me prepare the board pitch",
                        "Quarterly review call",
                        "Long talk about burnout and boundaries",
                    ],
                },
                Kind {
                    channel: TEXT,
                    weight: 2,
                    minutes: None,
                    depths: &[(2, 2), (3, 1)],
                    summaries: &["Quick question over chat", "Shared an article on retention"],
                },
                Kind {
                    channel: EMAIL,
                    weight: 1,
                    minutes: None,
                    depths: &[(3, 1)],
                    summaries: &["Sent the quarterly report", "Contract renewal by email"],
                },
            ],
            initiators: [4, 3, 5],
        },
    );
    net.follow_up_on_latest(
        priya,
        date(2026, 12, 1),
        "Send her the draft of the 2027 proposal before next call.",
    );

    // --- The Harbourside Chamber of Commerce: often met, small talk only ---------------------
    let chamber_people: [(&str, &str, &str, &str); 10] = [
        (
            "Helen Dube",
            "Harbourside Chamber of Commerce",
            "President",
            "helen.dube@harbourside-chamber.org",
        ),
        (
            "Gerald Hutchins",
            "Coastal Savings Bank",
            "Branch Manager",
            "g.hutchins@coastalsavings.com",
        ),
        (
            "Linda Okafor",
            "Okafor Insurance Brokers",
            "Owner",
            "linda@okaforinsurance.com",
        ),
        (
            "Tom Brennan",
            "Brennan Hardware",
            "Owner",
            "tom@brennanhardware.com",
        ),
        (
            "Sandra Vogel",
            "Vogel Realty",
            "Realtor",
            "sandra.vogel@vogelrealty.com",
        ),
        (
            "Marcus Lee",
            "PrintWorks",
            "Sales Lead",
            "marcus@printworks.co",
        ),
        (
            "Kevin O'Rourke",
            "O'Rourke & Daughters Bakery",
            "Owner",
            "kevin@orourkebakery.com",
        ),
        (
            "Bartholomew Fitzgerald-Worthington III",
            "Fitzgerald-Worthington Legal Partners LLP",
            "Senior Partner, Commercial Property and Maritime Law",
            "net.fitzgerald-worthington@fw-legalpartners.co.uk",
        ),
        (
            "Ines Carvalho",
            "Harbourside Tourism Board",
            "Events Coordinator",
            "ines.carvalho@visitharbourside.org",
        ),
        (
            "Walter Kim",
            "Harbourside City Council",
            "Councillor",
            "walter.kim@harbourside.gov",
        ),
    ];
    let mut chamber = Vec::new();
    for (i, (name, org, role, email)) in chamber_people.iter().enumerate() {
        let tags: &[&str] = if *name == "Marcus Lee" {
            &["chamber", "supplier"]
        } else {
            &["chamber"]
        };
        let met = shift(date(2023, 12, 13), 30 * (i as i64 % 4));
        chamber.push(net.person(
            name,
            org,
            role,
            email,
            tags,
            (met, "Chamber of Commerce breakfast"),
        ));
    }
    {
        let helen = chamber[0];
        let c = net
            .contacts
            .iter_mut()
            .find(|c| c.id == helen)
            .expect("just added");
        c.notes = "Runs the monthly breakfast. Always friendly, we never get past the weather and \
                   the parking."
            .to_owned();
        c.cadence_days = Some(90);
    }
    let mut month = date(2023, 12, 1);
    while month < DEMO_TODAY {
        let (y, m) = (month.year(), month.month());
        let breakfast = nth_weekday(y, m, Weekday::Wed, 2);
        if breakfast < DEMO_TODAY && !net.rng.random_bool(0.12) {
            let n = net.rng.random_range(3..=7);
            let mut who = vec![chamber[0]];
            while who.len() < n {
                let p = *one(&mut net.rng, &chamber);
                if !who.contains(&p) {
                    who.push(p);
                }
            }
            let depth = weighted(&mut net.rng, SMALL_TALK);
            let summary = if m == 12 {
                "Chamber of Commerce holiday party"
            } else {
                *one(
                    &mut net.rng,
                    &[
                        "Chamber of Commerce breakfast",
                        "Chamber of Commerce breakfast",
                        "Chamber breakfast: talk on local tourism",
                        "Chamber breakfast: new members welcomed",
                    ],
                )
            };
            net.log(
                breakfast,
                &who,
                EVENT,
                Some(90),
                depth,
                Initiator::Mutual,
                summary,
                "",
            );
        }
        if m % 3 == 0 {
            let mixer = nth_weekday(y, m, Weekday::Thu, 3);
            if mixer < DEMO_TODAY {
                let mut who = Vec::new();
                for &p in &chamber {
                    if net.rng.random_bool(0.45) {
                        who.push(p);
                    }
                }
                if who.is_empty() {
                    who.push(chamber[1]);
                }
                net.log(
                    mixer,
                    &who,
                    EVENT,
                    Some(120),
                    1,
                    Initiator::Mutual,
                    "Chamber after-hours mixer",
                    "",
                );
            }
        }
        month = shift(month, 32).with_day(1).unwrap_or(month);
    }
    let chats: [(ContactId, &'static [&'static str]); 4] = [
        (chamber[3], &["Bumped into Tom at the Saturday market"]),
        (
            chamber[6],
            &["Picked up the order, chatted about the weather"],
        ),
        (chamber[4], &["Said hello at the ribbon cutting"]),
        (chamber[1], &["Short chat about the business account"]),
    ];
    for (who, summaries) in chats {
        net.scatter(
            who,
            2,
            date(2024, 3, 1),
            date(2026, 10, 31),
            Kind {
                channel: IN_PERSON,
                weight: 1,
                minutes: Some((5, 15)),
                depths: &[(1, 1)],
                summaries,
            },
        );
    }
    net.scatter(
        chamber[5],
        4,
        date(2024, 2, 1),
        date(2026, 11, 1),
        Kind {
            channel: EMAIL,
            weight: 1,
            minutes: None,
            depths: &[(2, 1)],
            summaries: &["Ordered business cards", "Quote for the brochure print run"],
        },
    );

    // --- Blended ties ---------------------------------------------------------------------
    let sofia = net.person(
        "Sofia Marchetti",
        "Marchetti Olive Oil Co.",
        "Founder",
        "sofia@marchetti-oil.com",
        &["client"],
        (date(2023, 12, 5), "Referred by Gerald at the bank"),
    );
    {
        let c = net.last();
        c.birthday = Some(Birthday {
            year: Some(1979),
            month: 9,
            day: 3,
        });
        c.cadence_days = Some(14);
        c.phones.push(Labeled::new("+44 7700 900123", "mobile"));
        c.links
            .push(Labeled::new("https://marchetti-oil.com", "website"));
        c.notes = "Family business, third generation. Prefers lunch for anything important and \
                   email for the paperwork."
            .to_owned();
    }
    net.rhythm(
        &[sofia],
        &Rhythm {
            from: date(2023, 12, 12),
            to: date(2026, 11, 20),
            every: 16,
            jitter: 4,
            skip: 0.1,
            kinds: &[
                Kind {
                    channel: IN_PERSON,
                    weight: 3,
                    minutes: Some((60, 100)),
                    depths: &[(3, 3), (4, 2)],
                    summaries: &[
                        "Lunch at Il Porto",
                        "Visited the pressing mill",
                        "Lunch to plan the new label",
                        "Coffee at the harbour",
                    ],
                },
                Kind {
                    channel: PHONE,
                    weight: 3,
                    minutes: Some((10, 40)),
                    depths: &[(2, 2), (3, 2)],
                    summaries: &[
                        "Call about the shop redesign",
                        "Quick call on delivery dates",
                    ],
                },
                Kind {
                    channel: EMAIL,
                    weight: 4,
                    minutes: None,
                    depths: &[(2, 3), (3, 1)],
                    summaries: &[
                        "Sent the invoice",
                        "Feedback on the mock-ups",
                        "Shared the print proofs",
                    ],
                },
            ],
            initiators: [5, 4, 2],
        },
    );
    net.follow_up_on_latest(
        sofia,
        date(2026, 12, 2),
        "Send the revised quote for the spring campaign.",
    );

    let daniel = net.person(
        "Daniel Okonkwo",
        "Northwind Timber Supply",
        "Account Manager",
        "d.okonkwo@northwindtimber.com",
        &["supplier"],
        (date(2024, 2, 6), "Trade fair in Manchester"),
    );
    net.last().cadence_days = Some(30);
    net.last()
        .phones
        .push(Labeled::new("+44 161 496 0321", "office"));
    net.rhythm(
        &[daniel],
        &Rhythm {
            from: date(2024, 2, 6),
            to: date(2026, 11, 10),
            every: 21,
            jitter: 5,
            skip: 0.15,
            kinds: &[
                Kind {
                    channel: PHONE,
                    weight: 4,
                    minutes: Some((10, 30)),
                    depths: &[(2, 3), (3, 2)],
                    summaries: &["Order call", "Call about delivery delays", "Pricing call"],
                },
                Kind {
                    channel: EMAIL,
                    weight: 4,
                    minutes: None,
                    depths: &[(2, 1)],
                    summaries: &["Order confirmation", "Quarterly price list"],
                },
                Kind {
                    channel: IN_PERSON,
                    weight: 1,
                    minutes: Some((45, 90)),
                    depths: &[(3, 2), (4, 1)],
                    summaries: &["Site visit at the yard", "Lunch after the warehouse tour"],
                },
            ],
            initiators: [4, 5, 1],
        },
    );
    net.follow_up_on_latest(daniel, date(2026, 11, 20), "Confirm the January order.");

    let emma = net.person(
        "Emma Lindqvist",
        "",
        "",
        "emma.lindqvist@fastmail.com",
        &["friend"],
        (date(2019, 6, 1), "Neighbours on Quay Street"),
    );
    {
        let c = net.last();
        c.birthday = Some(Birthday {
            year: None,
            month: 2,
            day: 29,
        });
        c.cadence_days = Some(14);
        c.phones.push(Labeled::new("+44 7700 900456", "mobile"));
        c.notes = "Leap-day birthday: celebrate on 28 February in common years.".to_owned();
    }
    net.rhythm(
        &[emma],
        &Rhythm {
            from: date(2023, 12, 3),
            to: date(2026, 11, 22),
            every: 18,
            jitter: 5,
            skip: 0.15,
            kinds: &[
                Kind {
                    channel: IN_PERSON,
                    weight: 3,
                    minutes: Some((45, 120)),
                    depths: &[(3, 1), (4, 3), (5, 1)],
                    summaries: &[
                        "Coffee at the harbour",
                        "Walk along the cliffs",
                        "Dinner at hers",
                    ],
                },
                Kind {
                    channel: TEXT,
                    weight: 4,
                    minutes: None,
                    depths: &[(2, 3), (3, 1)],
                    summaries: &["Texted about the weekend", "Shared photos from the trip"],
                },
                Kind {
                    channel: PHONE,
                    weight: 2,
                    minutes: Some((20, 60)),
                    depths: &[(4, 2), (5, 1)],
                    summaries: &[
                        "Long call about her new job",
                        "Call after her dad's surgery",
                    ],
                },
            ],
            initiators: [3, 3, 4],
        },
    );

    let jonas = net.person(
        "Jonas Becker",
        "",
        "Retired founder, Becker Joinery",
        "jonas.becker@posteo.de",
        &["mentor"],
        (date(2021, 9, 14), "He hired me for my first big project"),
    );
    {
        let c = net.last();
        c.birthday = Some(Birthday {
            year: Some(1952),
            month: 12,
            day: 9,
        });
        c.cadence_days = Some(60);
        c.notes = "Lunch every quarter; he reads everything I send and answers by letter at \
                   Christmas."
            .to_owned();
    }
    net.rhythm(
        &[jonas],
        &Rhythm {
            from: date(2023, 12, 15),
            to: date(2026, 11, 15),
            every: 30,
            jitter: 6,
            skip: 0.1,
            kinds: &[
                Kind {
                    channel: IN_PERSON,
                    weight: 2,
                    minutes: Some((90, 150)),
                    depths: &[(4, 2), (5, 1)],
                    summaries: &["Quarterly lunch", "Lunch: advice on the studio lease"],
                },
                Kind {
                    channel: EMAIL,
                    weight: 3,
                    minutes: None,
                    depths: &[(3, 2), (4, 1)],
                    summaries: &["Sent him the business plan", "His notes on my proposal"],
                },
                Kind {
                    channel: PHONE,
                    weight: 1,
                    minutes: Some((15, 45)),
                    depths: &[(3, 1), (4, 1)],
                    summaries: &["Called to ask about the lease"],
                },
            ],
            initiators: [6, 2, 2],
        },
    );
    for year in 2023..=2025 {
        net.log(
            date(year, 12, 20),
            &[jonas],
            LETTER,
            None,
            4,
            Initiator::Them,
            "Christmas letter",
            "Handwritten, two pages.",
        );
    }

    let maria = net.person(
        "Maria Fernanda Gonçalves de Albuquerque",
        "Albuquerque & Filhos Exportadora de Vinhos e Azeites",
        "Director of International Partnerships",
        "mariafernanda.albuquerque@albuquerque-filhos.com.br",
        &["client"],
        (date(2024, 5, 20), "Trade mission to Porto"),
    );
    {
        let c = net.last();
        c.given_name = "Maria Fernanda".to_owned();
        c.family_name = "Gonçalves de Albuquerque".to_owned();
        c.cadence_days = Some(30);
        c.links.push(Labeled::new(
            "https://www.linkedin.com/in/mfalbuquerque",
            "linkedin",
        ));
    }
    net.rhythm(
        &[maria],
        &Rhythm {
            from: date(2024, 5, 20),
            to: date(2026, 11, 18),
            every: 25,
            jitter: 6,
            skip: 0.1,
            kinds: &[
                Kind {
                    channel: VIDEO,
                    weight: 4,
                    minutes: Some((30, 60)),
                    depths: &[(3, 3), (4, 1)],
                    summaries: &["Monthly partnership call", "Call on the export labels"],
                },
                Kind {
                    channel: EMAIL,
                    weight: 3,
                    minutes: None,
                    depths: &[(2, 2), (3, 1)],
                    summaries: &["Contract draft", "Shipping schedule"],
                },
                Kind {
                    channel: IN_PERSON,
                    weight: 1,
                    minutes: Some((120, 240)),
                    depths: &[(4, 1)],
                    summaries: &["Her visit to Harbourside", "Dinner during the Porto trip"],
                },
            ],
            initiators: [3, 4, 3],
        },
    );

    // --- A strong tie that went quiet --------------------------------------------------------
    let rachel = net.person(
        "Rachel Adeyemi",
        "Brightline Studio",
        "Creative Director",
        "rachel@brightline.studio",
        &["friend", "former client"],
        (
            date(2020, 3, 2),
            "Worked together on the harbour festival brand",
        ),
    );
    {
        let c = net.last();
        c.birthday = Some(Birthday {
            year: Some(1988),
            month: 7,
            day: 11,
        });
        c.cadence_days = Some(21);
        c.notes =
            "Moved to Lisbon in March 2026 and we have not spoken since. Reach out.".to_owned();
    }
    net.rhythm(
        &[rachel],
        &Rhythm {
            from: date(2023, 12, 4),
            to: date(2026, 2, 18),
            every: 13,
            jitter: 3,
            skip: 0.15,
            kinds: &[
                Kind {
                    channel: IN_PERSON,
                    weight: 3,
                    minutes: Some((60, 150)),
                    depths: &[(3, 1), (4, 2), (5, 1)],
                    summaries: &[
                        "Working session at the studio",
                        "Drinks after the client pitch",
                        "Coffee at the harbour",
                    ],
                },
                Kind {
                    channel: PHONE,
                    weight: 2,
                    minutes: Some((15, 60)),
                    depths: &[(3, 1), (4, 2)],
                    summaries: &[
                        "Call about the festival rebrand",
                        "Late call about her move",
                    ],
                },
                Kind {
                    channel: TEXT,
                    weight: 2,
                    minutes: None,
                    depths: &[(2, 1)],
                    summaries: &["Texts about the pitch"],
                },
            ],
            initiators: [4, 4, 3],
        },
    );
    net.log(
        date(2026, 2, 18),
        &[rachel],
        IN_PERSON,
        Some(150),
        5,
        Initiator::Mutual,
        "Farewell dinner before her move to Lisbon",
        "Promised to visit in the summer. Did not.",
    );

    // --- Smaller circles and group events -----------------------------------------------------
    let mut book_club = vec![emma];
    for (name, email, met) in [
        ("Noah Fischer", "noah.fischer@gmail.com", date(2022, 10, 4)),
        ("Aisha Khan", "aisha.khan@outlook.com", date(2022, 10, 4)),
        ("Lena Park", "lena.park@proton.me", date(2023, 1, 10)),
    ] {
        book_club.push(net.person(
            name,
            "",
            "",
            email,
            &["friend", "book club"],
            (met, "Book club"),
        ));
    }
    net.last().birthday = Some(Birthday {
        year: None,
        month: 12,
        day: 4,
    });
    let mut month = date(2023, 12, 1);
    while month < DEMO_TODAY {
        let night = nth_weekday(month.year(), month.month(), Weekday::Tue, 1);
        if night < DEMO_TODAY && !net.rng.random_bool(0.2) {
            let who: Vec<ContactId> = book_club
                .iter()
                .copied()
                .filter(|_| net.rng.random_bool(0.8))
                .collect();
            if !who.is_empty() {
                let depth = weighted(&mut net.rng, &[(2, 2), (3, 3)]);
                net.log(
                    night,
                    &who,
                    IN_PERSON,
                    Some(120),
                    depth,
                    Initiator::Mutual,
                    "Book club",
                    "",
                );
            }
        }
        month = shift(month, 32).with_day(1).unwrap_or(month);
    }

    let design: Vec<ContactId> = [
        (
            "Oliver Grant",
            "Grant Photography",
            "Photographer",
            "oliver@grantphoto.co.uk",
        ),
        (
            "Yuki Tanaka",
            "Fieldnote Research",
            "UX Researcher",
            "yuki.tanaka@fieldnote.io",
        ),
        (
            "Samir Haddad",
            "",
            "Freelance developer",
            "samir@haddad.dev",
        ),
    ]
    .into_iter()
    .map(|(name, org, role, email)| {
        net.person(
            name,
            org,
            role,
            email,
            &["design"],
            (date(2023, 11, 8), "Harbourside design meetup"),
        )
    })
    .collect();
    let mut quarter = date(2024, 1, 1);
    while quarter < DEMO_TODAY {
        let on = nth_weekday(quarter.year(), quarter.month(), Weekday::Thu, 2);
        let mut who = design.clone();
        if on < date(2026, 2, 18) {
            who.push(rachel);
        }
        if on < DEMO_TODAY {
            net.log(
                on,
                &who,
                EVENT,
                Some(150),
                2,
                Initiator::Mutual,
                "Design meetup at the old customs house",
                "",
            );
        }
        quarter = shift(quarter, 95).with_day(1).unwrap_or(quarter);
    }
    net.scatter(
        design[0],
        3,
        date(2024, 4, 1),
        date(2026, 9, 1),
        Kind {
            channel: EMAIL,
            weight: 1,
            minutes: None,
            depths: &[(2, 1), (3, 1)],
            summaries: &["Booked him for the product shoot", "Photo selection"],
        },
    );
    net.scatter(
        design[2],
        5,
        date(2024, 1, 1),
        date(2026, 11, 1),
        Kind {
            channel: TEXT,
            weight: 1,
            minutes: None,
            depths: &[(2, 2), (3, 1)],
            summaries: &["Asked about the website bug", "Hosting question"],
        },
    );

    let arjun = net.person(
        "Arjun Mehta",
        "Lumen Analytics",
        "Data Engineer",
        "arjun.mehta@lumenanalytics.sg",
        &["client"],
        (date(2024, 3, 5), "Priya's team"),
    );
    let chloe = net.person(
        "Chloe Tan",
        "Lumen Analytics",
        "Designer",
        "chloe.tan@lumenanalytics.sg",
        &["client"],
        (date(2024, 3, 5), "Priya's team"),
    );
    for (on, summary) in [
        (date(2024, 3, 5), "Project kickoff with the Lumen team"),
        (date(2024, 9, 10), "Dashboard launch review"),
        (date(2025, 3, 11), "Annual planning with the Lumen team"),
        (date(2026, 3, 10), "Annual planning with the Lumen team"),
    ] {
        net.log(
            on,
            &[priya, arjun, chloe],
            VIDEO,
            Some(90),
            3,
            Initiator::Them,
            summary,
            "",
        );
    }

    // --- The long tail -----------------------------------------------------------------------
    let tail: [TailPerson; 22] = [
        (
            "Grace Whitfield",
            "Whitfield & Co Accountants",
            "Accountant",
            "grace@whitfieldaccounts.co.uk",
            &["supplier"],
            "Recommended by Linda",
            EMAIL,
            6,
        ),
        (
            "Pedro Alvarez",
            "Tidewater Hosting",
            "Support Lead",
            "pedro.alvarez@tidewaterhosting.com",
            &["supplier"],
            "Support ticket",
            EMAIL,
            3,
        ),
        (
            "Fatima Zahra Benali",
            "Small Business Stories podcast",
            "Host",
            "fatima@smallbusinessstories.fm",
            &[],
            "She found my talk online",
            SOCIAL,
            4,
        ),
        (
            "Hannah Schmidt",
            "Atelier Nord",
            "Studio Manager",
            "hannah.schmidt@ateliernord.de",
            &["former colleague"],
            "Worked together in Hamburg",
            SOCIAL,
            3,
        ),
        (
            "Ravi Shankar",
            "Brightpath Consulting",
            "Partner",
            "ravi@brightpath.in",
            &[],
            "LinkedIn connection",
            SOCIAL,
            2,
        ),
        (
            "Nguyễn Thị Thu Hương",
            "Saigon Creative Hub",
            "Programme Director",
            "huong.nguyen@saigoncreativehub.vn",
            &["conference"],
            "Design conference in Berlin",
            EMAIL,
            3,
        ),
        (
            "Ethan Brooks",
            "Brooks Marine Supplies",
            "Owner",
            "ethan@brooksmarine.com",
            &["prospect"],
            "Walked into the studio",
            PHONE,
            2,
        ),
        (
            "Olivia Martin",
            "Harbour Lights Hotel",
            "General Manager",
            "olivia.martin@harbourlights.com",
            &["prospect"],
            "Tourism board dinner",
            EMAIL,
            3,
        ),
        (
            "Lucas Moreau",
            "",
            "",
            "lucas.moreau@free.fr",
            &["friend"],
            "University in Lyon",
            PHONE,
            3,
        ),
        (
            "Zoe Campbell",
            "",
            "",
            "",
            &["neighbour"],
            "Lives next door",
            IN_PERSON,
            5,
        ),
        (
            "Ben Carter",
            "Harbourside Rowing Club",
            "Coach",
            "ben.carter@harbourrowing.org",
            &[],
            "Rowing club",
            IN_PERSON,
            4,
        ),
        (
            "Isabelle Dupont",
            "Dupont Traductions",
            "Translator",
            "isabelle@duponttraductions.fr",
            &["supplier"],
            "Found her through Maria Fernanda",
            EMAIL,
            4,
        ),
        (
            "Kwame Mensah",
            "Atlantic Seed Fund",
            "Investor",
            "kwame@atlanticseed.vc",
            &["investor"],
            "Introduced by Priya",
            VIDEO,
            2,
        ),
        (
            "Mei Lin",
            "Studio Kite",
            "Founder",
            "mei@studiokite.tw",
            &["conference"],
            "Spoke on the same panel",
            EVENT,
            1,
        ),
        (
            "Tobias Wright",
            "",
            "Photographer's assistant",
            "tobias.wright@gmail.com",
            &[],
            "Product shoot",
            IN_PERSON,
            1,
        ),
        (
            "Anna Kowalczyk",
            "Kowalczyk Ceramics",
            "Potter",
            "anna@kowalczykceramics.pl",
            &["client"],
            "Craft fair",
            EMAIL,
            4,
        ),
        (
            "Chidi Nwosu",
            "Harbourside Food Bank",
            "Volunteer Coordinator",
            "chidi@harboursidefoodbank.org",
            &["community"],
            "Volunteered at the winter drive",
            IN_PERSON,
            3,
        ),
        (
            "Sarah O'Connell",
            "Clearwater Web",
            "Project Manager",
            "sarah.oconnell@clearwaterweb.ie",
            &["partner"],
            "Shared a client project",
            VIDEO,
            4,
        ),
        (
            "David Rosenberg",
            "",
            "Copywriter",
            "david@rosenbergwords.com",
            &["supplier"],
            "Online freelancers' forum",
            TEXT,
            3,
        ),
        (
            "Amelia Hughes",
            "Harbourside Library",
            "Head Librarian",
            "a.hughes@harbourside-library.org",
            &["community"],
            "Library exhibition",
            EVENT,
            2,
        ),
        (
            "Mateo Rossi",
            "Rossi Boatyard",
            "Manager",
            "mateo@rossiboatyard.it",
            &["prospect"],
            "Met at the marina",
            IN_PERSON,
            2,
        ),
        (
            "Julia Novak",
            "",
            "Illustrator",
            "julia.novak@gmail.com",
            &["friend"],
            "Art school",
            SOCIAL,
            3,
        ),
    ];
    let mut tail_ids = Vec::new();
    for (name, org, role, email, tags, how, channel, n) in tail {
        let met = shift(date(2024, 1, 10), net.rng.random_range(0..700));
        let id = net.person(name, org, role, email, tags, (met, how));
        tail_ids.push(id);
        let minutes = match channel {
            IN_PERSON => Some((10, 60)),
            PHONE | VIDEO => Some((15, 45)),
            EVENT => Some((60, 120)),
            _ => None,
        };
        net.scatter(
            id,
            n,
            met,
            date(2026, 11, 20),
            Kind {
                channel,
                weight: 1,
                minutes,
                depths: &[(1, 2), (2, 3), (3, 1)],
                summaries: &[
                    "Caught up briefly",
                    "Follow-up on our conversation",
                    "Introductions",
                    "Quick question",
                ],
            },
        );
    }
    // A few touches of life in the tail.
    let fatima = tail_ids[2];
    let olivia = tail_ids[7];
    let kwame = tail_ids[12];
    net.log(
        date(2025, 6, 12),
        &[fatima],
        VIDEO,
        Some(55),
        3,
        Initiator::Them,
        "Recorded a podcast episode on running a small studio",
        "",
    );
    net.log(
        date(2026, 11, 12),
        &[olivia],
        IN_PERSON,
        Some(45),
        2,
        Initiator::Me,
        "Walkthrough of the hotel lobby signage",
        "",
    );
    net.follow_up_on_latest(
        olivia,
        date(2026, 12, 5),
        "Send the signage proposal and two reference projects.",
    );
    net.log(
        date(2025, 10, 2),
        &[kwame, priya],
        VIDEO,
        Some(60),
        4,
        Initiator::Them,
        "Honest talk about whether to raise money",
        "He advised against it for now. Priya agreed.",
    );
    if let Some(c) = net.contacts.iter_mut().find(|c| c.id == tail_ids[9]) {
        c.snoozed_until = Some(date(2027, 1, 15));
        c.notes = "Waters the plants when I travel.".to_owned();
    }
    if let Some(c) = net.contacts.iter_mut().find(|c| c.id == tail_ids[8]) {
        c.birthday = Some(Birthday {
            year: Some(1990),
            month: 12,
            day: 14,
        });
        c.cadence_days = Some(90);
    }
    if let Some(c) = net.contacts.iter_mut().find(|c| c.id == tail_ids[0]) {
        c.cadence_days = Some(90);
        c.phones.push(Labeled::new("+44 20 7946 0958", "office"));
    }
    if let Some(c) = net.contacts.iter_mut().find(|c| c.id == tail_ids[15]) {
        c.archived = true;
        c.notes = "Closed her shop in 2025.".to_owned();
    }

    net.interactions.sort_by_key(|it| (it.date, it.time));
    let mut settings = Settings::default();
    settings.cadence.by_tag.insert("client".to_owned(), 30);
    settings.cadence.by_tag.insert("chamber".to_owned(), 120);
    Dataset::from_parts(net.contacts, default_channels(), net.interactions, settings)
        .expect("the demo network is built to satisfy every integrity rule")
}
