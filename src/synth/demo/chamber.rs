//! The Harbourside Chamber of Commerce: people met often at breakfasts and mixers, but only
//! for small talk.

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use chrono::{Datelike, Weekday};
use rand::Rng;

use super::super::pick::{EMAIL, EVENT, IN_PERSON, one, shift, weighted};
use super::builder::{Builder, Kind, SMALL_TALK, nth_weekday};
use super::{DEMO_TODAY, date};
use crate::model::{ContactId, Initiator};

pub(super) fn add(net: &mut Builder) {
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
}
