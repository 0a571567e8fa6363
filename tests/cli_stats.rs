//! `rapport stats` and `rapport due` end to end through the binary.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, NaiveDate, Utc};
use rapport::model::{
    ChannelId, Contact, ContactId, Dataset, Depth, Initiator, Interaction, InteractionId, Labeled,
    Settings, default_channels,
};
use rapport::store::{self, Document};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person(id: u64, name: &str, email: Option<&str>) -> Contact {
    let mut c = Contact::with_id(
        ContactId(id),
        name,
        DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
    );
    if let Some(e) = email {
        c.emails.push(Labeled::new(e, "work"));
    }
    c
}

fn it(id: u64, date: &str, who: &[u64], channel: u64, minutes: Option<u32>) -> Interaction {
    let mut i = Interaction::new(
        d(date),
        who.iter().copied().map(ContactId).collect(),
        ChannelId(channel),
    );
    i.id = InteractionId(id);
    i.minutes = minutes;
    i.depth = Depth::new(3).unwrap();
    i.initiated_by = Initiator::Mutual;
    i
}

/// Ada: a video call and a dinner (with Bob); Bob: the dinner; "=Evil": never in touch, formula-
/// looking name; Cy: archived.
fn write_fixture(dir: &Path) -> PathBuf {
    let mut evil = person(3, "=cmd|' /C calc'!A0", Some("+evil@example.com"));
    evil.cadence_days = Some(30);
    let mut cy = person(4, "Cy", None);
    cy.archived = true;
    let mut ada = person(1, "Ada Lovelace", Some("ada@example.com"));
    ada.cadence_days = Some(7);
    let ds = Dataset::from_parts(
        vec![ada, person(2, "Bob, Jr.", None), evil, cy],
        default_channels(),
        vec![
            it(1, "2026-06-01", &[1], 4, Some(30)),
            it(2, "2026-06-20", &[1, 2], 1, Some(120)),
            it(3, "2026-07-05", &[1], 4, Some(10)), // after the as-of date
            it(4, "2026-06-25", &[4], 1, None),
        ],
        Settings::default(),
    )
    .unwrap();
    let path = dir.join("data.json");
    store::save(&Document::new(ds), &path).unwrap();
    path
}

fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn stats_csv_has_the_contract_columns_and_one_row_per_contact() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let f = file.to_str().unwrap();
    let out = rapport(&["stats", f, "--as-of", "2026-06-30", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "name",
            "email",
            "online_interactions",
            "offline_interactions",
            "online_minutes",
            "offline_minutes",
            "channels",
            "strength",
            "tier",
            "last_contact"
        ]
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap().clone();
    let ada = row("Ada Lovelace");
    assert_eq!(&ada[1..7], ["ada@example.com", "1", "1", "30", "120", "2"]);
    // Ranked first, but two interactions over 20 days are too little evidence for tiers 1 and 2.
    assert_eq!(ada[8], "3");
    assert_eq!(ada[9], "2026-06-20");
    let strength: f64 = ada[7].parse().unwrap();
    assert!(strength > 0.0 && strength <= 100.0);
    let bob = row("Bob, Jr.");
    assert_eq!(&bob[2..7], ["0", "1", "0", "120", "1"]);
    // Formula-looking cells are made inert; the never-contacted contact has no last contact.
    let evil = row("'=cmd|' /C calc'!A0");
    assert_eq!(evil[1], "'+evil@example.com");
    assert_eq!(&evil[7..], ["0.0", "5", ""]);
    let cy = row("Cy");
    assert_eq!(cy[8], "5", "archived contacts are not ranked");
    // Ranked contacts first, strongest first.
    assert_eq!(rows[0][0], "Ada Lovelace");
}

#[test]
fn stats_window_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let f = file.to_str().unwrap();
    // An 11-day window ending 30 June starts on 20 June: it holds only the dinner; a 10-day one
    // starts on 21 June and holds nothing, yet the last contact is still reported.
    let ada_row = |window: &str| {
        let out = rapport(&[
            "stats",
            f,
            "--as-of",
            "2026-06-30",
            "--window",
            window,
            "--format",
            "csv",
        ]);
        assert!(out.status.success());
        let text = stdout(&out);
        text.lines()
            .find(|l| l.starts_with("Ada"))
            .unwrap()
            .to_owned()
    };
    let ada = ada_row("11");
    assert!(
        ada.starts_with("Ada Lovelace,ada@example.com,0,1,0,120,1,"),
        "{ada}"
    );
    assert_eq!(
        ada_row("10"),
        "Ada Lovelace,ada@example.com,0,0,0,0,0,0.0,5,2026-06-20"
    );
    // All time as of later: the July call counts.
    let out = rapport(&[
        "stats",
        f,
        "--as-of",
        "2026-07-31",
        "--window",
        "all",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["name"], "Ada Lovelace");
    assert_eq!(rows[0]["online_interactions"], 2);
    assert_eq!(rows[0]["last_contact"], "2026-07-05");
    assert!(rows[0]["components"]["recency"].as_f64().unwrap() > 0.0);
    let out = rapport(&["stats", f, "--as-of", "2026-06-30"]);
    assert!(out.status.success());
    let table = stdout(&out);
    assert!(table.contains("Name"), "{table}");
    // Two interactions are too little evidence for a strong tie, so there is no lens line.
    assert!(!table.contains("Offline-only lens"), "{table}");
}

#[test]
fn bad_dates_and_windows_are_usage_errors_and_bad_files_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let f = file.to_str().unwrap();
    for args in [
        vec!["stats", f, "--as-of", "2026-13-01"],
        vec!["stats", f, "--as-of", "yesterday"],
        vec!["stats", f, "--window", "0"],
        vec!["stats", f, "--window", "-5"],
        vec!["stats", f, "--window", "ninety"],
        vec!["stats", f, "--format", "xml"],
        vec!["due", f, "--as-of", "2026-02-30"],
    ] {
        let out = rapport(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let missing = dir.path().join("missing.json");
    let out = rapport(&["stats", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.json"), "{err}");
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\"format\": \"rapport\", \"version\": 1, \"contacts\": [",
    )
    .unwrap();
    let out = rapport(&["due", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.json"));
}

#[test]
fn due_csv_lists_the_plan_with_status_and_suggested_channel() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let f = file.to_str().unwrap();
    let out = rapport(&["due", f, "--as-of", "2026-06-30", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "name,email,last_contact,cadence_days,days_since,status,suggested_channel"
    );
    // Ada: 10 days since, cadence 7 -> due (10 <= 10.5); a blend, in person lately -> online,
    // her usual online channel. The formula-looking contact was never contacted.
    assert_eq!(
        lines[1],
        "Ada Lovelace,ada@example.com,2026-06-20,7,10,due,Video call"
    );
    // Bob was only at the dinner: one interaction is tier 3 at most (every 90 days), so ok.
    assert_eq!(
        lines[2],
        "'=cmd|' /C calc'!A0,'+evil@example.com,,30,,never,Phone call"
    );
    assert_eq!(lines[3], "\"Bob, Jr.\",,2026-06-20,90,10,ok,");
    assert_eq!(lines.len(), 4, "archived Cy is left out: {text}");
    let out = rapport(&["due", f, "--as-of", "2026-06-22", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ada = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada["status"], "ok");
    assert_eq!(ada["suggested_channel"], serde_json::Value::Null);
    let out = rapport(&["due", f, "--as-of", "2026-06-30"]);
    assert!(
        stdout(&out).contains("1 never contacted"),
        "{}",
        stdout(&out)
    );
}

/// A window longer than the largest number of days said it was "not a window" though it is a
/// number; the message now gives the limit.
#[test]
fn a_window_too_long_names_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let out = rapport(&["stats", file.to_str().unwrap(), "--window", "99999999999"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("at most 4294967295 days"), "{err}");
}

/// Issue 15 item 8: someone met twice today ranks below a year of steady contact at the same depth.
#[test]
fn stats_ranks_two_meetings_today_below_a_year_of_steady_contact() {
    let dir = tempfile::tempdir().unwrap();
    let mut its = vec![
        it(1, "2026-06-30", &[1], 4, Some(60)),
        it(2, "2026-06-30", &[1], 1, Some(90)),
    ];
    let start = d("2025-07-01");
    for k in 0..13_u64 {
        let date = start + chrono::Days::new(k * 28);
        its.push(it(100 + k, &date.to_string(), &[2], 1, Some(60)));
    }
    let ds = Dataset::from_parts(
        vec![
            person(1, "Met Today", None),
            person(2, "Steady Friend", None),
        ],
        default_channels(),
        its,
        Settings::default(),
    )
    .unwrap();
    let path = dir.path().join("data.json");
    store::save(&Document::new(ds), &path).unwrap();
    let out = rapport(&[
        "stats",
        path.to_str().unwrap(),
        "--as-of",
        "2026-06-30",
        "--format",
        "csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["Steady Friend", "Met Today"], "{text}");
    let score = |i: usize| rows[i][7].parse::<f64>().unwrap();
    assert!(score(0) > score(1), "{text}");
    assert_eq!(rows[0][8], "1");
    assert_eq!(rows[1][8], "3");
    let out = rapport(&["stats", path.to_str().unwrap(), "--as-of", "2026-06-30"]);
    let table = stdout(&out);
    assert!(
        table.contains("Offline-only lens: of 1 strong ties"),
        "{table}"
    );
}
