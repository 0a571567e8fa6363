//! Capture end to end: calendars, mail, chats and call logs imported into the demo data through
//! the real binary, with the rules of docs/CAPTURE.md, and imported again without change.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use rapport::formats::capture::{self, CaptureOptions, CapturePlan, Clock, Identity};
use rapport::formats::{Format, detect};
use rapport::model::{Dataset, Initiator, Interaction, Me};
use rapport::store;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/capture")
        .join(rel)
}

fn demo_copy(dir: &Path) -> PathBuf {
    let to = dir.join("data.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json"),
        &to,
    )
    .unwrap();
    to
}

/// Runs the binary in New York time (so the Tokyo breakfast falls on the previous local day).
fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .env("TZ", "America/New_York")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_owned()
}

const SOURCES: [&str; 6] = [
    "calendar.ics",
    "mailbox.mbox",
    "WhatsApp Chat with Sofia Marchetti.txt",
    "WhatsApp Chat with Harbourside Board.txt",
    "calls.xml",
    "sms.xml",
];

fn import_all(into: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec!["import".into()];
    args.extend(SOURCES.iter().map(|f| s(&fixture(f))));
    args.extend(["--into".into(), s(into)]);
    args.extend(
        ["--me", "me@example.org", "--me", "Sam Taylor"]
            .iter()
            .map(|a| (*a).to_owned()),
    );
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    rapport(&refs)
}

/// The captured interactions, as "date channel people (summary) initiator minutes" lines.
fn captured(data: &Dataset) -> Vec<String> {
    let name = |it: &Interaction| {
        let mut names: Vec<String> = it
            .participants
            .iter()
            .map(|id| data.contact(*id).unwrap().display_name.clone())
            .collect();
        names.sort();
        names.join("+")
    };
    let mut out: Vec<String> = data
        .interactions()
        .iter()
        .filter(|i| i.source.is_some())
        .map(|i| {
            format!(
                "{} {} {} ({}) {:?} {:?} d{}",
                i.date,
                data.channel(i.channel).unwrap().name,
                name(i),
                i.summary,
                i.initiated_by,
                i.minutes,
                i.depth.get()
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn demo_data_gets_exactly_the_interactions_the_rules_give_and_again_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_copy(dir.path());
    let before = store::load(&file).unwrap().data.interactions().len();
    let out = import_all(&file, &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let data = store::load(&file).unwrap().data;
    let got = captured(&data);
    let expected = [
        // Calendar: the weekly series without its EXDATE and cancelled week, with the moved one.
        "2026-10-06 Video call Priya Raman (Weekly check-in) Me Some(55) d3",
        "2026-10-21 Video call Priya Raman (Weekly check-in (moved)) Me Some(60) d3",
        "2026-10-27 Video call Priya Raman (Weekly check-in) Me Some(55) d3",
        // Group chat: Helen and Walter wrote; the stranger is not a contact.
        "2026-11-02 Text or chat Helen Dube+Walter Kim (WhatsApp: Harbourside Board) Them None d2",
        "2026-11-03 Text or chat Sofia Marchetti (WhatsApp: Sofia Marchetti) Them None d2",
        // 08:30 in Tokyo on the 5th is the 4th in New York; organised by a contact.
        "2026-11-04 In person Helen Dube (Breakfast in Tokyo) Them Some(60) d3",
        "2026-11-10 Video call Priya Raman (Weekly check-in) Me Some(55) d3",
        "2026-11-14 Text or chat Sofia Marchetti (WhatsApp: Sofia Marchetti) Me None d2",
        // The thread crosses midnight (UTC 22:50 and 08:10 are both the 16th/17th in NY).
        "2026-11-16 Email Linda Okafor (Renewal quote) Me None d2",
        "2026-11-17 Email Linda Okafor+Tom Brennan (Renewal quote) Them None d2",
        // A place wins over the meeting link in the description.
        "2026-11-17 In person Gerald Hutchins (Lunch) Them Some(90) d3",
        // The reply with no Message-ID joins Tom's thread by its subject.
        "2026-11-19 Email Tom Brennan (Invoice) Them None d2",
        "2026-11-20 Text or chat Helen Dube (WhatsApp: Harbourside Board) Me None d2",
        "2026-11-21 Phone call Sofia Marchetti (Incoming call) Them Some(3) d2",
        // Two texts to one number written two ways: one interaction.
        "2026-11-21 Text or chat Sofia Marchetti (Text messages) Me None d2",
        "2026-11-22 Phone call Sofia Marchetti (Outgoing call) Me Some(1) d2",
        "2026-11-23 Phone call Priya Raman (Outgoing call) Me Some(61) d2",
        "2026-11-23 Text or chat Priya Raman (Text messages) Them None d2",
    ];
    assert_eq!(got, expected, "{stdout}");
    assert_eq!(data.interactions().len(), before + expected.len());
    assert_eq!(data.settings().me.emails, ["me@example.org"]);
    assert_eq!(data.settings().me.names, ["Sam Taylor"]);
    // Skipped with reasons and counts.
    for line in [
        "skipped  1 × an event you declined",
        "skipped  1 × an all-day event",
        "skipped  2 × a cancelled event",
        "skipped  1 × a future event (not yet happened)",
        "skipped  1 × no place or link: online or offline is unknown",
        "skipped  1 × a mailing-list or bulk message",
        "skipped  1 × a message from an automatic sender",
        "skipped  1 × a missed call",
        "skipped  1 × a rejected call",
        "skipped  1 × a draft",
        "not a contact  Ola Nordmann <ola@nordic.example> (2 interactions)",
        "not a contact  Nadia Stranger <nadia@elsewhere.example> (1 interaction)",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }

    // The same files again add nothing and change nothing.
    let saved = std::fs::read(&file).unwrap();
    // The iPhone export of the same chat (a .zip) is the same chat: nothing new.
    let zip = rapport(&[
        "import",
        &s(&fixture("WhatsApp Chat - Sofia Marchetti.zip")),
        "--into",
        &s(&file),
    ]);
    let (zip_out, zip_err) = text(&zip);
    assert!(zip.status.success(), "{zip_err}");
    assert!(zip_out.contains("0 interactions added"), "{zip_out}");
    assert!(zip_out.contains("2 × already imported"), "{zip_out}");
    let again = import_all(&file, &[]);
    let (stdout2, stderr2) = text(&again);
    assert_eq!(again.status.code(), Some(0), "{stderr2}");
    assert!(stdout2.contains("nothing to change"), "{stdout2}");
    assert_eq!(std::fs::read(&file).unwrap(), saved);
}

#[test]
fn edits_made_since_are_kept_when_the_same_export_is_imported_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_copy(dir.path());
    assert!(import_all(&file, &[]).status.success());
    let mut doc = store::load(&file).unwrap();
    let mut it = doc
        .data
        .interactions()
        .iter()
        .find(|i| i.summary == "Lunch")
        .unwrap()
        .clone();
    it.summary = "Lunch: talked about the loan".into();
    it.depth = rapport::model::Depth::new(5).unwrap();
    doc.data
        .apply(rapport::model::Edit::PutInteraction(it.clone()))
        .unwrap();
    store::save(&doc, &file).unwrap();
    assert!(import_all(&file, &[]).status.success());
    let data = store::load(&file).unwrap().data;
    assert_eq!(data.interaction(it.id), Some(&it));
    assert!(!data.interactions().iter().any(|i| i.summary == "Lunch"));
}

#[test]
fn add_people_adds_those_with_two_interactions() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_copy(dir.path());
    let contacts = store::load(&file).unwrap().data.contacts().len();
    let out = import_all(&file, &["--add-people"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let data = store::load(&file).unwrap().data;
    let names: Vec<&str> = data
        .contacts()
        .iter_from(contacts)
        .map(|c| c.display_name.as_str())
        .collect();
    // Ola wrote twice, the group's newcomer wrote on two days; Nadia had one meeting.
    assert!(names.contains(&"Ola Nordmann"), "{names:?}");
    assert!(names.contains(&"+1 555 010 9999"), "{names:?}");
    assert!(!names.contains(&"Nadia Stranger"), "{names:?}");
    let ola = data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Ola Nordmann")
        .unwrap();
    assert_eq!(data.interactions_of(ola.id).count(), 2);
}

#[test]
fn a_source_that_cannot_tell_who_i_am_refuses_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_copy(dir.path());
    let saved = std::fs::read(&file).unwrap();
    for src in [
        "mailbox.mbox",
        "calendar.ics",
        "WhatsApp Chat with Sofia Marchetti.txt",
    ] {
        let out = rapport(&["import", &s(&fixture(src)), "--into", &s(&file)]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{src}");
        assert!(stderr.contains("--me"), "{src}: {stderr}");
        assert!(stderr.contains(src), "{src}: {stderr}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), saved);
}

#[test]
fn bad_input_names_the_file_and_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_copy(dir.path());
    let saved = std::fs::read(&file).unwrap();
    let run = |src: &str, format: &str| {
        let out = rapport(&[
            "import",
            &s(&fixture(src)),
            "--into",
            &s(&file),
            "--format",
            format,
            "--me",
            "me@example.org",
        ]);
        (out.status.code(), text(&out).1)
    };
    let (code, err) = run("bad/truncated.ics", "ics");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("truncated.ics") && err.contains("line 30"),
        "{err}"
    );
    let (code, err) = run("bad/binary.mbox", "mbox");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("binary.mbox") && err.contains("line 1"),
        "{err}"
    );
    // Detected: a binary file is no known format.
    let out = rapport(&[
        "import",
        &s(&fixture("bad/binary.mbox")),
        "--into",
        &s(&file),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&file).unwrap(), saved);
    let (code, err) = run("bad/cut-off.zip", "whatsapp");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("cut-off.zip") && err.contains("cut off"),
        "{err}"
    );
    // A broken chat line is listed by number; the rest is read.
    let out = rapport(&[
        "import",
        &s(&fixture("bad/WhatsApp Chat with Sofia Marchetti.txt")),
        "--into",
        &s(&file),
        "--me",
        "Sam Taylor",
        "--dry-run",
    ]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("line 2: a message line whose date or time cannot be read"),
        "{stdout}"
    );
    assert!(stdout.contains("2 interactions added"), "{stdout}");
    assert_eq!(std::fs::read(&file).unwrap(), saved);
}

#[test]
fn every_source_is_detected_by_content() {
    let expect = [
        ("calendar.ics", Format::Ics),
        ("mailbox.mbox", Format::Mbox),
        ("WhatsApp Chat with Sofia Marchetti.txt", Format::Whatsapp),
        ("WhatsApp Chat with Harbourside Board.txt", Format::Whatsapp),
        ("calls.xml", Format::AndroidCalls),
        ("sms.xml", Format::AndroidSms),
        ("telegram.json", Format::Telegram),
        ("messages.csv", Format::LinkedinMessages),
        ("message.eml", Format::Eml),
        ("WhatsApp Chat - Sofia Marchetti.zip", Format::Whatsapp),
        ("public/mail-parser-sample.mbox", Format::Mbox),
        ("public/icalendar-example.ics", Format::Ics),
        (
            "public/chat-miner-whatsapp-dateformat1.txt",
            Format::Whatsapp,
        ),
        (
            "public/chat-miner-whatsapp-mmddyyyy-12hrs.txt",
            Format::Whatsapp,
        ),
        ("public/chat-miner-telegram-single.json", Format::Telegram),
    ];
    for (f, format) in expect {
        let bytes = std::fs::read(fixture(f)).unwrap();
        assert_eq!(detect(&bytes), Some(format), "{f}");
    }
    // The contact formats are still what they were.
    assert_eq!(
        detect(b"BEGIN:VCARD\nFN:A\nEND:VCARD\n"),
        Some(Format::Vcard)
    );
    assert_eq!(detect(b"{\"format\":\"rapport\"}"), Some(Format::Rapport));
    assert_eq!(
        detect(&std::fs::read(fixture("bad/binary.mbox")).unwrap()),
        None
    );
}

fn clock() -> Clock {
    Clock::at(
        "Europe/Berlin",
        DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
    )
}

fn me() -> Me {
    let mut me = Me::default();
    me.add("me@example.org");
    me.add("Sam Taylor");
    me
}

fn read(f: &str) -> capture::Capture {
    capture::read_capture(&fixture(f), None, &me(), &clock(), &mut |_, _| true).unwrap()
}

fn demo() -> Dataset {
    store::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo.json"
    )))
    .unwrap()
    .data
}

#[test]
fn telegram_linkedin_and_eml_folders() {
    let data = demo();
    let summaries = |f: &str| {
        let cap = read(f);
        let plan = CapturePlan::new(&data, &cap, &CaptureOptions::for_format(cap.format));
        plan.interactions
            .iter()
            .map(|i| {
                format!(
                    "{} {} {:?}",
                    i.date,
                    data.channel(i.channel).unwrap().name,
                    i.initiated_by
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        summaries("telegram.json"),
        ["2026-11-05 Text or chat Them", "2026-11-06 Text or chat Me"]
    );
    assert_eq!(
        summaries("messages.csv"),
        ["2026-11-08 Social media Me", "2026-11-09 Social media Them"]
    );
    assert_eq!(summaries("eml"), ["2026-11-11 Email Them"]);
    // mail-parser's own test messages: one has no date, the other no sender.
    let public = read("public/mail-parser-eml");
    assert!(public.items.is_empty());
    assert_eq!(
        public.skipped,
        [
            ("a message with no date".to_owned(), 1),
            ("a message with no sender".to_owned(), 1)
        ]
    );
}

/// Public chat exports from chat-miner's test suite: month-first dates with two-digit years, a
/// Spanish 12-hour clock ("08:49 p. m."), system lines, a sender shown as a number, and a
/// Telegram single-chat export without a chat id.
#[test]
fn public_chat_exports() {
    let mut john = Me::default();
    john.add("John Doe");
    let days = |f: &str, who: &Me| {
        let cap =
            capture::read_capture(&fixture(f), None, who, &clock(), &mut |_, _| true).unwrap();
        let mut d: Vec<String> = cap
            .items
            .iter()
            .map(|i| format!("{} {:?} {}", i.date, i.initiated_by, i.people.len()))
            .collect();
        d.sort();
        (d, cap.skipped)
    };
    let (d, skipped) = days("public/chat-miner-whatsapp-dateformat1.txt", &john);
    assert_eq!(
        d,
        [
            "2017-07-16 Them 1",
            "2019-12-24 Me 0",
            "2019-12-26 Them 1",
            "2020-01-17 Them 1",
            "2020-01-18 Them 1"
        ]
    );
    assert_eq!(skipped, [("a system line (not a message)".to_owned(), 3)]);
    let (d, _) = days("public/chat-miner-whatsapp-mmddyyyy-12hrs.txt", &john);
    assert_eq!(
        d,
        [
            "2019-01-01 Me 0",
            "2019-01-30 Them 1",
            "2020-06-10 Them 1",
            // "John Doe 🤓" is John Doe: names are compared without symbols.
            "2021-12-10 Me 0",
            "2021-12-20 Them 1",
            "2021-12-30 Me 0"
        ]
    );
    let mut author = Me::default();
    author.add("Author 1");
    let (d, _) = days("public/chat-miner-telegram-single.json", &author);
    assert_eq!(d, ["2018-12-05 Me 1"]);
}

#[test]
fn depth_channel_choice_and_chosen_people() {
    let data = demo();
    let cap = read("calendar.ics");
    let mut options = CaptureOptions::for_format(Format::Ics);
    assert_eq!(options.depth.get(), 3);
    let plain = CapturePlan::new(&data, &cap, &options);
    // The meeting with no place or link can be given a channel.
    options.unknown_place = Some(rapport::model::ChannelId(1));
    options.add.insert("email:nadia@elsewhere.example".into());
    options.depth = rapport::model::Depth::new(4).unwrap();
    let chosen = CapturePlan::new(&data, &cap, &options);
    assert_eq!(chosen.interactions.len(), plain.interactions.len() + 2);
    assert_eq!(chosen.new_contacts.len(), 1);
    assert!(chosen.interactions.iter().all(|i| i.depth.get() == 4));
    let catch_up = chosen
        .interactions
        .iter()
        .find(|i| i.summary == "Catch-up")
        .unwrap();
    assert_eq!(catch_up.initiated_by, Initiator::Me);
    assert_eq!(catch_up.minutes, Some(45));
    // One undo step: applying and undoing restores the data.
    let mut after = data.clone();
    let applied = after.apply(chosen.to_edit()).unwrap();
    after.apply(applied.inverse).unwrap();
    assert_eq!(after.interactions().len(), data.interactions().len());
    assert_eq!(after.contacts().len(), data.contacts().len());
}

#[test]
fn settings_me_round_trips_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_copy(dir.path());
    let mut doc = store::load(&file).unwrap();
    let mut settings = doc.data.settings().clone();
    settings.me = me();
    settings.me.add("+49 171 2345678");
    settings
        .me
        .extra
        .insert("matrix".into(), serde_json::json!("@sam:example.org"));
    doc.data
        .apply(rapport::model::Edit::SetSettings(settings.clone()))
        .unwrap();
    store::save(&doc, &file).unwrap();
    let back = store::load(&file).unwrap();
    assert_eq!(back.data.settings().me, settings.me);
    let id = Identity::new(&back.data.settings().me);
    assert!(id.is_phone("0171 234 5678"));
}

#[test]
fn a_big_mbox_reports_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.mbox");
    let one = std::fs::read_to_string(fixture("mailbox.mbox")).unwrap();
    std::fs::write(&path, format!("{one}\n").repeat(400)).unwrap();
    let total = std::fs::metadata(&path).unwrap().len();
    let mut seen = Vec::new();
    let cap = capture::read_capture(&path, None, &me(), &clock(), &mut |d, t| {
        seen.push((d, t));
        true
    })
    .unwrap();
    assert!(seen.len() > 2, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(seen.last(), Some(&(total, total)));
    // The same messages 400 times are still the same thread-days.
    assert_eq!(cap.items.len(), read("mailbox.mbox").items.len());
    let err = capture::read_capture(&path, None, &me(), &clock(), &mut |_, _| false).unwrap_err();
    assert!(err.to_string().contains("cancelled"), "{err}");
}

#[test]
fn a_recurring_series_without_end_stops_today() {
    let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:daily\nDTSTART:20160101T080000Z\n\
               DTEND:20160101T081500Z\nRRULE:FREQ=DAILY\nLOCATION:Office\n\
               ORGANIZER:mailto:me@example.org\nATTENDEE:mailto:priya.raman@lumenanalytics.sg\n\
               END:VEVENT\nEND:VCALENDAR\n";
    let cap = capture::parse_capture(
        Path::new("daily.ics"),
        ics.as_bytes(),
        Format::Ics,
        &Identity::new(&me()),
        &clock(),
    )
    .unwrap();
    // 2016-01-01 to 2026-11-30 inclusive.
    let days = (chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        - chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap())
    .num_days()
        + 1;
    assert_eq!(cap.items.len() as i64, days);
    let skipped: BTreeMap<_, _> = cap.skipped.iter().cloned().collect();
    assert!(skipped.values().sum::<usize>() <= 1, "{skipped:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any cut or damage of a real source gives a capture or a sentence, never a panic.
    #[test]
    fn damaged_sources_never_panic(
        which in 0usize..9,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 0..8),
    ) {
        let files = [
            ("calendar.ics", Format::Ics),
            ("mailbox.mbox", Format::Mbox),
            ("message.eml", Format::Eml),
            ("WhatsApp Chat with Harbourside Board.txt", Format::Whatsapp),
            ("WhatsApp Chat - Sofia Marchetti.zip", Format::Whatsapp),
            ("telegram.json", Format::Telegram),
            ("messages.csv", Format::LinkedinMessages),
            ("calls.xml", Format::AndroidCalls),
            ("sms.xml", Format::AndroidSms),
        ];
        let (file, format) = files[which];
        let mut bytes = std::fs::read(fixture(file)).unwrap();
        bytes.truncate((bytes.len() as f64 * cut) as usize + 1);
        for (at, b) in flips {
            let i = (bytes.len() as f64 * at) as usize;
            if let Some(x) = bytes.get_mut(i) {
                *x = b;
            }
        }
        let id = Identity::new(&me());
        let _ = capture::parse_capture(Path::new(file), &bytes, format, &id, &clock());
        let _ = detect(&bytes);
    }
}
