//! The keep-in-touch planner: status edges, cadence sources, snooze, suggestions, follow-ups,
//! birthdays, plan vs actual and calendar entries.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use chrono::{DateTime, Days, NaiveDate, Utc};
use rapport::analytics::planner::{
    self, CadenceSource, Group, Rule, Status, cadence, calendar_entries, due_list, follow_ups,
    plan, plan_item, plan_vs_actual, status,
};
use rapport::analytics::{Analytics, Params, Tier, Window};
use rapport::model::{
    Birthday, CadenceDefaults, ChannelId, Contact, ContactId, Dataset, Depth, Interaction,
    InteractionId, Mode, Settings, default_channels,
};

const IN_PERSON: u64 = 1;
const PHONE: u64 = 3;
const VIDEO: u64 = 4;
const TEXT: u64 = 6;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person(id: u64, name: &str) -> Contact {
    Contact::with_id(
        ContactId(id),
        name,
        DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
    )
}

fn it(id: u64, date: NaiveDate, who: &[u64], channel: u64) -> Interaction {
    let mut i = Interaction::new(
        date,
        who.iter().copied().map(ContactId).collect(),
        ChannelId(channel),
    );
    i.id = InteractionId(id);
    i.depth = Depth::new(3).unwrap();
    i
}

fn ago(as_of: NaiveDate, days: u64) -> NaiveDate {
    as_of.checked_sub_days(Days::new(days)).unwrap()
}

fn build(contacts: Vec<Contact>, its: Vec<Interaction>, settings: Settings) -> Dataset {
    Dataset::from_parts(contacts, default_channels(), its, settings).unwrap()
}

fn all_time(ds: &Dataset, as_of: NaiveDate) -> Analytics {
    Analytics::compute(ds, Params::new(as_of).with_window(Window::All))
}

#[test]
fn status_edges_are_exact() {
    assert_eq!(status(None, 30), Status::Never);
    assert_eq!(status(Some(0), 30), Status::Ok);
    assert_eq!(status(Some(30), 30), Status::Ok, "exactly at cadence is ok");
    assert_eq!(status(Some(31), 30), Status::Due);
    assert_eq!(
        status(Some(45), 30),
        Status::Due,
        "exactly 1.5 is still due"
    );
    assert_eq!(status(Some(46), 30), Status::Overdue);
    assert_eq!(status(Some(10), 7), Status::Due);
    assert_eq!(status(Some(11), 7), Status::Overdue);
    assert_eq!(Status::Overdue.label(), "overdue");
}

#[test]
fn cadence_comes_from_the_contact_then_the_shortest_tag_then_the_tier() {
    let mut defaults = CadenceDefaults::default();
    defaults.by_tag.insert("client".to_owned(), 14);
    defaults.by_tag.insert("Board".to_owned(), 60);
    defaults.by_tag.insert("muted".to_owned(), 0);
    let mut c = person(1, "Ada");
    assert_eq!(cadence(&c, Tier::new(1), &defaults).unwrap().days, 7);
    assert_eq!(
        cadence(&c, Tier::new(3), &defaults).unwrap().source,
        CadenceSource::Tier(Tier::new(3))
    );
    assert_eq!(
        cadence(&c, Tier::new(5), &defaults),
        None,
        "tier 5 has no default"
    );
    c.tags = vec!["board".to_owned(), "CLIENT".to_owned(), "muted".to_owned()];
    let t = cadence(&c, Tier::new(1), &defaults).unwrap();
    assert_eq!(
        (t.days, t.source),
        (14, CadenceSource::Tag("client".to_owned())),
        "the shortest tag wins, even over a shorter tier"
    );
    c.cadence_days = Some(3);
    assert_eq!(
        cadence(&c, Tier::new(1), &defaults).unwrap().source,
        CadenceSource::Contact
    );
    c.cadence_days = Some(0);
    assert_eq!(
        cadence(&c, Tier::new(1), &defaults),
        None,
        "0 on the contact opts out"
    );
}

#[test]
fn the_plan_leaves_out_archived_snoozed_and_cadence_less_contacts() {
    let as_of = d("2026-06-30");
    let mut archived = person(2, "Archived");
    archived.archived = true;
    archived.cadence_days = Some(7);
    let mut snoozed = person(3, "Snoozed");
    snoozed.cadence_days = Some(7);
    snoozed.snoozed_until = Some(d("2026-07-01"));
    let mut woken = person(4, "Woken");
    woken.cadence_days = Some(7);
    woken.snoozed_until = Some(as_of);
    let mut never = person(5, "Never");
    never.cadence_days = Some(30);
    let no_cadence = person(6, "Nobody"); // tier 5, no tag: no cadence
    let mut ada = person(1, "Ada");
    ada.cadence_days = Some(30);
    let ds = build(
        vec![ada, archived, snoozed, woken, never, no_cadence],
        vec![
            it(1, ago(as_of, 30), &[1], VIDEO),
            it(2, ago(as_of, 100), &[2], VIDEO),
            it(3, ago(as_of, 100), &[3], VIDEO),
            it(4, ago(as_of, 100), &[4], VIDEO),
        ],
        Settings::default(),
    );
    let an = all_time(&ds, as_of);
    let p = plan(&ds, &an);
    let names: Vec<&str> = p.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Woken", "Never", "Ada"]);
    assert_eq!(p[0].status, Status::Overdue);
    assert_eq!(p[1].status, Status::Never);
    assert_eq!(p[2].status, Status::Ok);
    assert_eq!(p[2].due_on, as_of, "last contact + cadence");
    assert!(p[2].suggestion.is_none());
    assert!(plan_item(&ds, &an, ContactId(3)).is_none());
    assert_eq!(planner::status_of(&ds, &an, ContactId(3)), None, "snoozed");
    assert_eq!(planner::status_of(&ds, &an, ContactId(2)), None, "archived");
    assert_eq!(
        planner::status_of(&ds, &an, ContactId(6)),
        None,
        "no cadence"
    );
    assert_eq!(
        planner::status_of(&ds, &an, ContactId(4)),
        Some(Status::Overdue),
        "snoozed until today: back"
    );
    assert_eq!(due_list(&ds, &an).len(), 2);
}

#[test]
fn any_channel_resets_the_clock() {
    let as_of = d("2026-06-30");
    let mut ada = person(1, "Ada");
    ada.cadence_days = Some(14);
    let its = vec![it(1, ago(as_of, 40), &[1], IN_PERSON)];
    let mut ds = build(vec![ada], its, Settings::default());
    let mut an = all_time(&ds, as_of);
    assert_eq!(
        plan_item(&ds, &an, ContactId(1)).unwrap().status,
        Status::Overdue
    );
    for (n, ch) in [(2, TEXT), (3, PHONE)] {
        let applied = ds
            .apply(rapport::model::Edit::PutInteraction(it(
                n,
                ago(as_of, 2),
                &[1],
                ch,
            )))
            .unwrap();
        an.update(&ds, &applied);
        let item = plan_item(&ds, &an, ContactId(1)).unwrap();
        assert_eq!((item.status, item.days_since), (Status::Ok, Some(2)));
    }
}

/// A contact with weekly interactions over a year on the given channels, last one `last_ago` days
/// before as-of.
fn weekly(id: u64, channels: &[u64], as_of: NaiveDate, start: u64) -> Vec<Interaction> {
    (0..52)
        .map(|w| {
            let ch = channels[w as usize % channels.len()];
            it(start + w, ago(as_of, 20 + w * 7), &[id], ch)
        })
        .collect()
}

#[test]
fn suggestions_improve_the_blend() {
    let as_of = d("2026-06-30");
    let mut contacts = Vec::new();
    for (id, name) in [
        (1, "Online only"),
        (2, "Offline only"),
        (3, "Blended, in person lately"),
        (4, "Blended, online lately"),
        (5, "Never"),
    ] {
        let mut c = person(id, name);
        c.cadence_days = Some(7);
        contacts.push(c);
    }
    let mut its = weekly(1, &[VIDEO], as_of, 100);
    // Offline only, monthly.
    its.extend((0..12).map(|m| it(300 + m, ago(as_of, 20 + m * 30), &[2], IN_PERSON)));
    its.extend(weekly(3, &[TEXT, IN_PERSON], as_of, 500));
    its.push(it(600, ago(as_of, 10), &[3], IN_PERSON));
    its.extend(weekly(4, &[TEXT, IN_PERSON], as_of, 700));
    its.push(it(800, ago(as_of, 10), &[4], TEXT));
    let ds = build(contacts, its, Settings::default());
    let an = all_time(&ds, as_of);
    let s = |id| {
        plan_item(&ds, &an, ContactId(id))
            .unwrap()
            .suggestion
            .unwrap()
    };

    let online_only = s(1);
    assert_eq!(online_only.rule, Rule::StrongOnlineOnly);
    assert_eq!(online_only.mode, Mode::Offline);
    assert_eq!(online_only.channel_name, "In person");
    assert!(online_only.reason.contains("only ever been online"));

    let offline_only = s(2);
    assert_eq!(
        (offline_only.rule, offline_only.mode),
        (Rule::OfflineOnly, Mode::Online)
    );
    assert!(offline_only.reason.contains("message or call"));

    let met_lately = s(3);
    assert_eq!(
        (met_lately.rule, met_lately.mode),
        (Rule::Rebalance, Mode::Online)
    );
    assert_eq!(
        met_lately.channel_name, "Text or chat",
        "their usual online channel"
    );
    let online_lately = s(4);
    assert_eq!(online_lately.mode, Mode::Offline);
    assert_eq!(online_lately.channel_name, "In person");

    let never = s(5);
    assert_eq!((never.rule, never.mode), (Rule::FirstContact, Mode::Online));
}

#[test]
fn a_light_online_only_tie_stays_online() {
    let as_of = d("2026-06-30");
    // Many strong ties push the light one out of tiers 1-2.
    let mut contacts = Vec::new();
    let mut its = Vec::new();
    for k in 0..20 {
        contacts.push(person(100 + k, &format!("Strong {k}")));
        its.extend(weekly(
            100 + k,
            &[IN_PERSON, VIDEO],
            as_of,
            10_000 + k * 100,
        ));
    }
    let mut light = person(1, "Light");
    light.cadence_days = Some(30);
    contacts.push(light);
    let mut once = it(1, ago(as_of, 200), &[1], TEXT);
    once.depth = Depth::new(1).unwrap();
    its.push(once);
    let ds = build(contacts, its, Settings::default());
    let an = all_time(&ds, as_of);
    let item = plan_item(&ds, &an, ContactId(1)).unwrap();
    assert!(item.tier > Tier::new(2));
    let s = item.suggestion.unwrap();
    assert_eq!((s.rule, s.mode), (Rule::LightOnlineOnly, Mode::Online));
    assert_eq!(s.channel_name, "Text or chat");
}

#[test]
fn follow_ups_stay_open_until_a_later_interaction() {
    let as_of = d("2026-06-30");
    let mut open = it(1, ago(as_of, 10), &[1], PHONE);
    open.follow_up = Some(ago(as_of, 3));
    open.summary = "Send the proposal".to_owned();
    let mut done = it(2, ago(as_of, 10), &[2], PHONE);
    done.follow_up = Some(as_of);
    let later = it(3, ago(as_of, 5), &[2], TEXT);
    let mut soon = it(4, ago(as_of, 1), &[2, 3], IN_PERSON);
    soon.follow_up = Some(as_of.checked_add_days(Days::new(7)).unwrap());
    let mut far = it(5, ago(as_of, 1), &[3], IN_PERSON);
    far.follow_up = Some(as_of.checked_add_days(Days::new(8)).unwrap());
    let ds = build(
        vec![person(1, "Ada"), person(2, "Bob"), person(3, "Cy")],
        vec![open, done, later, soon, far],
        Settings::default(),
    );
    let an = all_time(&ds, as_of);
    let f = follow_ups(&ds, &an, 7);
    let ids: Vec<u64> = f.iter().map(|f| f.interaction.0).collect();
    assert_eq!(ids, [1, 4]);
    assert!(f[0].overdue);
    assert!(!f[1].overdue);
    assert_eq!(f[1].names, "Bob, Cy");
}

#[test]
fn birthdays_within_the_horizon_soonest_first() {
    let as_of = d("2026-06-30");
    let mut a = person(1, "Ada");
    a.birthday = Some(Birthday {
        year: Some(1990),
        month: 7,
        day: 3,
    });
    let mut b = person(2, "Bob");
    b.birthday = Some(Birthday {
        year: None,
        month: 6,
        day: 30,
    });
    let mut c = person(3, "Cy");
    c.birthday = Some(Birthday {
        year: None,
        month: 7,
        day: 8,
    });
    let mut z = person(4, "Snoozed");
    z.birthday = b.birthday;
    z.snoozed_until = Some(d("2026-07-10"));
    let ds = build(vec![a, b, c, z], Vec::new(), Settings::default());
    let bd = planner::birthdays(&ds, as_of, 7);
    let got: Vec<(&str, i64, Option<i32>)> = bd
        .iter()
        .map(|b| (b.name.as_str(), b.in_days, b.turns))
        .collect();
    assert_eq!(got, [("Bob", 0, None), ("Ada", 3, Some(36))]);
}

#[test]
fn plan_vs_actual_counts_planned_and_logged_touchpoints() {
    let as_of = d("2026-06-15");
    let mut ada = person(1, "Ada");
    ada.cadence_days = Some(10);
    ada.tags = vec!["Client".to_owned()];
    let mut bob = person(2, "Bob");
    bob.tags = vec!["client".to_owned()];
    let ds = build(
        vec![ada, bob],
        vec![
            it(1, d("2026-05-02"), &[1], IN_PERSON),
            it(2, d("2026-05-20"), &[1, 2], VIDEO),
            it(3, d("2026-06-10"), &[2], TEXT),
            it(4, d("2026-06-20"), &[2], TEXT), // after as-of
        ],
        Settings::default(),
    );
    let an = all_time(&ds, as_of);
    let pva = plan_vs_actual(&ds, &an, 2);
    let client = pva
        .iter()
        .find(|g| g.group == Group::Tag("Client".to_owned()))
        .unwrap();
    assert_eq!(client.contacts, 2);
    let may = client.months[0];
    assert_eq!(may.month.to_string(), "2026-05");
    // Ada plans 31/10 in May; Bob (tier 1 by default: 7 days) plans 31/7.
    let bob_tier = an.contact(ContactId(2)).unwrap().tier;
    let bob_cadence = [7.0, 30.0, 90.0, 365.0][bob_tier.index()];
    assert!((may.planned - (3.1 + 31.0 / bob_cadence)).abs() < 1e-9);
    assert_eq!((may.online, may.offline), (2, 1));
    let june = client.months[1];
    assert!((june.planned - (1.5 + 15.0 / bob_cadence)).abs() < 1e-9);
    assert_eq!((june.online, june.offline), (1, 0));
    assert_eq!(
        pva.iter()
            .filter(|g| matches!(g.group, Group::Tier(_)))
            .count(),
        5
    );
}

#[test]
fn calendar_entries_cover_due_people_and_follow_ups_with_stable_uids() {
    let as_of = d("2026-06-30");
    let mut ada = person(1, "Ada");
    ada.cadence_days = Some(7);
    let mut bob = person(2, "Bob");
    bob.cadence_days = Some(30);
    let mut call = it(1, ago(as_of, 20), &[1], PHONE);
    call.follow_up = Some(as_of.checked_add_days(Days::new(2)).unwrap());
    let ds = build(
        vec![ada, bob],
        vec![call, it(2, ago(as_of, 25), &[2], IN_PERSON)],
        Settings::default(),
    );
    let an = all_time(&ds, as_of);
    let e = calendar_entries(&ds, &an, 7);
    let uids: Vec<&str> = e.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(
        uids,
        [
            "rapport-touchpoint-0000000000000001",
            "rapport-follow-up-0000000000000001",
            "rapport-touchpoint-0000000000000002",
        ]
    );
    assert_eq!(e[0].date, as_of, "overdue lands on the as-of date");
    assert_eq!(
        e[2].date,
        ago(as_of, 25).checked_add_days(Days::new(30)).unwrap()
    );
    assert!(e[0].summary.starts_with("Get in touch with Ada"));
    assert!(calendar_entries(&ds, &an, 0).len() < e.len());
}

#[test]
fn the_demo_data_tells_the_story() {
    let mut ds = rapport::synth::demo_dataset();
    let today = rapport::synth::DEMO_TODAY;
    let an = Analytics::compute(&ds, Params::new(today));
    // The offline-only lens misses strong ties that live online.
    let missed = an.offline_lens_missed();
    assert!(
        missed.iter().any(|m| m.missed && m.tier <= Tier::new(2)),
        "{missed:?}"
    );
    assert_eq!(an.ranked().len().min(5), 5);
    let rel = rapport::analytics::charts::relationships(&ds, &an, None);
    assert!(
        rel.iter()
            .any(|r| r.online_share > 0.9 && r.strength >= 50.0)
    );
    // And strong ties that live offline: among the closest 15 (scores are evidence-weighted, so
    // closeness is read from the tier rather than a fixed score).
    assert!(
        rel.iter()
            .any(|r| r.online_share < 0.1 && r.tier <= Tier::new(2) && r.strength >= 30.0)
    );

    // The plan: someone is due, each with a suggestion; logging an interaction clears them.
    let mut planner_an = all_time(&ds, today);
    let due = due_list(&ds, &planner_an);
    assert!(!due.is_empty());
    assert!(due.iter().all(|p| p.suggestion.is_some()));
    assert!(!calendar_entries(&ds, &planner_an, 7).is_empty());
    let first = due[0].contact;
    let s = due[0].suggestion.clone().unwrap();
    let logged = planner::prefilled_interaction(&ds, &planner_an, &due[0]).unwrap();
    assert_eq!(
        (logged.date, &logged.participants, logged.channel),
        (today, &vec![first], s.channel.unwrap())
    );
    assert_eq!(
        planner::status_of(&ds, &planner_an, first),
        Some(due[0].status)
    );
    let applied = ds
        .apply(rapport::model::Edit::PutInteraction(logged))
        .unwrap();
    planner_an.update(&ds, &applied);
    let item = plan_item(&ds, &planner_an, first).unwrap();
    assert_eq!((item.status, item.days_since), (Status::Ok, Some(0)));
    assert!(
        due_list(&ds, &planner_an)
            .iter()
            .all(|p| p.contact != first)
    );
}
