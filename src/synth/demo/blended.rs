//! Blended ties mixing lunches, calls and email: Sofia, Daniel, Emma, Jonas and Maria
//! Fernanda. Returns Emma, who is in the book club too.

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use super::super::pick::{EMAIL, IN_PERSON, LETTER, PHONE, TEXT, VIDEO};
use super::builder::{Builder, Kind, Rhythm};
use super::date;
use crate::model::{Birthday, ContactId, Initiator, Labeled};

pub(super) fn add(net: &mut Builder) -> ContactId {
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
    emma
}
