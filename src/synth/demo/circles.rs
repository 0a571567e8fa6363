//! Smaller circles and group events: the book club, the design meetup, a team kickoff call.

use chrono::{Datelike, Weekday};
use rand::Rng;

use super::super::pick::{EMAIL, EVENT, IN_PERSON, TEXT, VIDEO, shift, weighted};
use super::builder::{Builder, Kind, nth_weekday};
use super::{DEMO_TODAY, date};
use crate::model::{Birthday, ContactId, Initiator};

pub(super) fn add(net: &mut Builder, priya: ContactId, rachel: ContactId, emma: ContactId) {
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
}
