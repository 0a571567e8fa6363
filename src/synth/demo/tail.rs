//! The long tail: people seen once or twice, with a few follow-ups, a birthday, a snooze and an
//! archived contact.

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use rand::Rng;

use super::super::pick::{EMAIL, EVENT, IN_PERSON, PHONE, SOCIAL, TEXT, VIDEO, shift};
use super::builder::{Builder, Kind, TailPerson};
use super::date;
use crate::model::{Birthday, ContactId, Initiator, Labeled};

pub(super) fn add(net: &mut Builder, priya: ContactId) {
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
}
