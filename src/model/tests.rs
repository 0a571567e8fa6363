use chrono::NaiveDate;

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, d).unwrap()
}

fn two_people() -> (Dataset, ContactId, ContactId) {
    let mut ds = Dataset::new();
    let a = Contact::new("Ada");
    let b = Contact::new("Bo");
    let (ia, ib) = (a.id, b.id);
    ds.apply(Edit::Batch(vec![Edit::PutContact(a), Edit::PutContact(b)]))
        .unwrap();
    (ds, ia, ib)
}

#[test]
fn depth_is_checked_on_construction_and_deserialisation() {
    assert!(Depth::new(0).is_none());
    assert!(Depth::new(6).is_none());
    assert_eq!(Depth::new(5).map(Depth::get), Some(5));
    assert!(serde_json::from_str::<Depth>("7").is_err());
    assert_eq!(serde_json::from_str::<Depth>("3").unwrap().get(), 3);
}

#[test]
fn ids_round_trip_as_hex_strings() {
    let id = ContactId(0xdead_beef);
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, "\"00000000deadbeef\"");
    assert_eq!(serde_json::from_str::<ContactId>(&json).unwrap(), id);
    assert!(serde_json::from_str::<ContactId>("\"xyz\"").is_err());
    assert!(serde_json::from_str::<ContactId>("\"00000000000000000\"").is_err());
}

#[test]
fn interaction_must_point_at_existing_contacts_and_channel() {
    let (mut ds, a, _) = two_people();
    let ghost = ContactId(42);
    let it = Interaction::new(day(1), vec![a, ghost], ChannelId(1));
    let err = ds.apply(Edit::PutInteraction(it)).unwrap_err();
    assert!(matches!(err, IntegrityError::MissingContact { contact, .. } if contact == ghost));

    let it = Interaction::new(day(1), vec![a], ChannelId(999));
    assert!(matches!(
        ds.apply(Edit::PutInteraction(it)).unwrap_err(),
        IntegrityError::MissingChannel { .. }
    ));
    let it = Interaction::new(day(1), vec![], ChannelId(1));
    assert!(matches!(
        ds.apply(Edit::PutInteraction(it)).unwrap_err(),
        IntegrityError::NoParticipants(_)
    ));
    let it = Interaction::new(day(1), vec![a, a], ChannelId(1));
    assert!(matches!(
        ds.apply(Edit::PutInteraction(it)).unwrap_err(),
        IntegrityError::RepeatedParticipant { .. }
    ));
    assert!(ds.interactions().is_empty());
}

#[test]
fn from_parts_reports_every_broken_rule() {
    let a = Contact::new("Ada");
    let mut dup = a.clone();
    dup.display_name = "  ".into();
    let it = Interaction::new(day(2), vec![ContactId(7)], ChannelId(1));
    let errors = Dataset::from_parts(
        vec![a, dup],
        default_channels(),
        vec![it],
        Settings::default(),
    )
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, IntegrityError::DuplicateContact(_)))
    );
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, IntegrityError::EmptyName(_)))
    );
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, IntegrityError::MissingContact { .. }))
    );
}

#[test]
fn deleting_a_contact_keeps_group_interactions_for_the_others() {
    let (mut ds, a, b) = two_people();
    let solo = Interaction::new(day(1), vec![a], ChannelId(1));
    let group = Interaction::new(day(2), vec![a, b], ChannelId(2));
    let (solo_id, group_id) = (solo.id, group.id);
    ds.apply(Edit::Batch(vec![
        Edit::PutInteraction(solo),
        Edit::PutInteraction(group),
    ]))
    .unwrap();
    assert_eq!(
        ds.deletion_impact(a),
        DeletionImpact {
            removed: 1,
            kept: 1
        }
    );

    let before = ds.clone();
    let applied = ds.apply(Edit::RemoveContact(a)).unwrap();
    assert!(ds.contact(a).is_none());
    assert!(ds.interaction(solo_id).is_none());
    assert_eq!(ds.interaction(group_id).unwrap().participants, vec![b]);
    assert!(applied.touched.contains(&a) && applied.touched.contains(&b));

    ds.apply(applied.inverse).unwrap();
    assert!(ds.contact(a).is_some());
    assert_eq!(ds.interaction(group_id), before.interaction(group_id));
    assert_eq!(ds.interaction(solo_id), before.interaction(solo_id));
}

#[test]
fn undo_of_every_edit_restores_the_dataset() {
    let (mut ds, a, b) = two_people();
    let start = ds.clone();
    let it = Interaction::new(day(3), vec![a, b], ChannelId(4));
    let mut edited = it.clone();
    edited.summary = "changed".into();
    let mut renamed = ds.contact(a).unwrap().clone();
    renamed.display_name = "Ada L.".into();
    let edits = vec![
        Edit::PutInteraction(it.clone()),
        Edit::PutInteraction(edited),
        Edit::PutContact(renamed),
        Edit::PutChannel(Channel::new(ChannelId(77), "Carrier pigeon", Mode::Offline)),
        Edit::SetSettings(Settings {
            cadence: CadenceDefaults {
                by_tier: [1, 2, 3, 4, 5],
                ..Default::default()
            },
            ..Default::default()
        }),
        Edit::RemoveInteraction(it.id),
        Edit::RemoveContact(b),
    ];
    let mut undo = Vec::new();
    for e in edits {
        undo.push(ds.apply(e).unwrap().inverse);
    }
    for inv in undo.into_iter().rev() {
        ds.apply(inv).unwrap();
    }
    assert_eq!(ds, start);
}

#[test]
fn a_failing_batch_changes_nothing() {
    let (mut ds, a, _) = two_people();
    let start = ds.clone();
    let rev = ds.revision();
    let ok = Interaction::new(day(1), vec![a], ChannelId(1));
    let bad = Interaction::new(day(1), vec![ContactId(5)], ChannelId(1));
    let result = ds.apply(Edit::Batch(vec![
        Edit::PutContact(Contact::new("Cy")),
        Edit::PutInteraction(ok),
        Edit::PutInteraction(bad),
    ]));
    assert!(result.is_err());
    assert_eq!(ds, start);
    assert_eq!(ds.revision(), rev);
    assert_eq!(ds.contacts().len(), 2);
}

#[test]
fn a_channel_in_use_cannot_be_removed() {
    let (mut ds, a, _) = two_people();
    ds.apply(Edit::PutInteraction(Interaction::new(
        day(1),
        vec![a],
        ChannelId(3),
    )))
    .unwrap();
    let err = ds.apply(Edit::RemoveChannel(ChannelId(3))).unwrap_err();
    assert_eq!(
        err,
        IntegrityError::ChannelInUse {
            name: "Phone call".into(),
            count: 1
        }
    );
    ds.apply(Edit::RemoveChannel(ChannelId(8))).unwrap();
    assert!(ds.channel(ChannelId(8)).is_none());
}

#[test]
fn birthdays_without_a_year_allow_leap_day() {
    let b = Birthday {
        year: None,
        month: 2,
        day: 29,
    };
    assert!(b.is_valid());
    assert!(
        !Birthday {
            year: Some(2023),
            month: 2,
            day: 29
        }
        .is_valid()
    );
    assert!(
        !Birthday {
            year: None,
            month: 13,
            day: 1
        }
        .is_valid()
    );
    let from = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    assert_eq!(
        b.next_on_or_after(from),
        NaiveDate::from_ymd_opt(2026, 2, 28)
    );
}

#[test]
fn default_channel_modes_are_documented_choices() {
    let chans = default_channels();
    let mode = |name: &str| chans.iter().find(|c| c.name == name).unwrap().mode;
    assert_eq!(mode("In person"), Mode::Offline);
    assert_eq!(mode("Video call"), Mode::Online);
    assert_eq!(mode("Letter or card"), Mode::Offline);
    assert_eq!(chans.len(), 8);
}
