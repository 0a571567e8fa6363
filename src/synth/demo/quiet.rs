//! A strong tie that went quiet in February 2026: Rachel Adeyemi.

#![expect(
    clippy::assigning_clones,
    reason = "the demo script sets fields on fresh contacts; there is nothing to reuse"
)]

use super::super::pick::{IN_PERSON, PHONE, TEXT};
use super::builder::{Builder, Kind, Rhythm};
use super::date;
use crate::model::{Birthday, ContactId, Initiator};

pub(super) fn add(net: &mut Builder) -> ContactId {
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
    rachel
}
