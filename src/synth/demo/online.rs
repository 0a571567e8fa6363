//! A deep tie that lives entirely online: Priya Raman, weekly video calls, never met.

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use super::super::pick::{EMAIL, TEXT, VIDEO};
use super::builder::{Builder, Kind, Rhythm};
use super::date;
use crate::model::{Birthday, ContactId, Initiator, Labeled};

pub(super) fn add(net: &mut Builder) -> ContactId {
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
    priya
}
