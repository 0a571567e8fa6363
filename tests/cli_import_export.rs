//! `rapport import` and `rapport export` end to end, through the real binary in a temporary
//! folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rapport::store;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Runs the binary and asserts that it exits 0 (its stderr in the failure message).
fn succeeds(args: &[&str]) -> Output {
    let out = rapport(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_creates_the_file_and_reports_added_merged_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("people.json");
    let google = fixture("csv/google_contacts_current_synth.csv");
    let linkedin = fixture("csv/linkedin_Connections_2023plus_synth.csv");
    let out = succeeds(&["import", s(&google), s(&linkedin), "--into", s(&data)]);
    let text = stdout(&out);
    assert!(
        text.contains("(Google Contacts CSV): 4 added, 0 merged"),
        "{text}"
    );
    assert!(
        text.contains("merged   Ada Augusta Lovelace (same email ada@example.com) (line 5)"),
        "{text}"
    );
    assert!(
        text.contains("skipped  line 9: it has no name, email, phone or organisation"),
        "{text}"
    );
    // The same name alone is proposed, not merged, without --merge-weak.
    assert!(
        text.contains("proposed Grace Hopper (line 6) looks like Grace Hopper (same name only): not merged, added separately"),
        "{text}"
    );
    let doc = store::load(&data).unwrap();
    assert_eq!(doc.data.contacts().len(), 8);
    assert!(
        doc.data
            .contacts()
            .iter()
            .any(|c| c.display_name == "Zoë Brandt 🔸")
    );
}

#[test]
fn merge_weak_makes_the_proposed_merges() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("people.json");
    let google = fixture("csv/google_contacts_current_synth.csv");
    let linkedin = fixture("csv/linkedin_Connections_2023plus_synth.csv");
    let out = succeeds(&[
        "import",
        s(&google),
        s(&linkedin),
        "--into",
        s(&data),
        "--merge-weak",
    ]);
    assert!(
        stdout(&out).contains("looks like Grace Hopper (same name only): merged"),
        "{}",
        stdout(&out)
    );
    assert_eq!(store::load(&data).unwrap().data.contacts().len(), 7);
}

#[test]
fn dry_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("people.json");
    let vcf = fixture("vcard/ezvcard_rfc2426-example.vcf");
    succeeds(&["import", s(&vcf), "--into", s(&data)]);
    let before = std::fs::read(&data).unwrap();
    let google = fixture("csv/google_contacts_current_synth.csv");
    let out = succeeds(&["import", s(&google), "--into", s(&data), "--dry-run"]);
    assert!(stdout(&out).contains("4 added"));
    assert!(stdout(&out).contains("dry run"));
    assert_eq!(std::fs::read(&data).unwrap(), before);
    // A dry run into a missing file creates nothing.
    let missing = dir.path().join("new.json");
    succeeds(&["import", s(&google), "--into", s(&missing), "--dry-run"]);
    assert!(!missing.exists());
}

#[test]
fn a_source_that_fails_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("people.json");
    let vcf = fixture("vcard/ezvcard_rfc2426-example.vcf");
    succeeds(&["import", s(&vcf), "--into", s(&data)]);
    let before = std::fs::read(&data).unwrap();
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "hello,world\n1,2\n").unwrap();
    let google = fixture("csv/google_contacts_current_synth.csv");
    let out = rapport(&["import", s(&google), s(&junk), "--into", s(&data)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("rapport: ") && err.contains("junk.txt") && err.contains("--format"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&data).unwrap(),
        before,
        "the good source was not imported either"
    );
    // Forcing a format that does not fit is bad data too.
    let out = rapport(&["import", s(&vcf), "--into", s(&data), "--format", "rapport"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read(&data).unwrap(), before);
    // A bad --format is bad usage.
    let out = rapport(&["import", s(&vcf), "--into", s(&data), "--format", "excel"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn interactions_then_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("people.json");
    let google = fixture("csv/google_contacts_current_synth.csv");
    let log = fixture("own/interactions.csv");
    let out = succeeds(&["import", s(&google), s(&log), "--into", s(&data)]);
    let text = stdout(&out);
    assert!(text.contains("4 interactions"), "{text}");
    assert!(
        text.contains("channel  Podcast guest spot (online) created"),
        "{text}"
    );
    assert!(
        text.contains("skipped  line 6: the date \"not a date\""),
        "{text}"
    );

    let vcf = dir.path().join("out.vcf");
    succeeds(&["export", s(&data), "--to", s(&vcf)]);
    let v = std::fs::read_to_string(&vcf).unwrap();
    assert!(v.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"));
    assert_eq!(v.matches("BEGIN:VCARD").count(), 6);

    let ics = dir.path().join("follow-ups.ics");
    succeeds(&["export", s(&data), "--to", s(&ics)]);
    // The calendar holds the plan as of today: these contacts were last seen in January 2026,
    // so each is overdue and gets a touchpoint to-do with a suggested channel.
    let i = std::fs::read_to_string(&ics).unwrap();
    assert!(i.contains("BEGIN:VTODO\r\n"), "{i}");
    assert!(
        i.contains("SUMMARY:Get in touch with Grace Hopper ("),
        "{i}"
    );
    assert!(i.contains("UID:rapport-touchpoint-"), "{i}");

    let json = dir.path().join("copy.json");
    succeeds(&["export", s(&data), "--to", s(&json)]);
    assert_eq!(
        store::load(&json).unwrap().data,
        store::load(&data).unwrap().data
    );

    let csv = dir.path().join("contacts.csv");
    let out = rapport(&["export", s(&data), "--to", s(&csv)]);
    assert_eq!(out.status.code(), Some(2), "a .csv needs --format");
    assert!(stderr(&out).contains("--format"));
    assert!(!csv.exists());
    succeeds(&[
        "export",
        s(&data),
        "--to",
        s(&csv),
        "--format",
        "contacts-csv",
    ]);
    let c = std::fs::read_to_string(&csv).unwrap();
    assert!(c.starts_with("id,name,"));
    assert!(
        c.contains(",\"=HYPERLINK("),
        "by default each value is written as it is, for other address books: {c}"
    );
    assert!(!c.contains("'="), "{c}");
    // Asked for, the cells a spreadsheet would run are made inert.
    succeeds(&[
        "export",
        s(&data),
        "--to",
        s(&csv),
        "--format",
        "contacts-csv",
        "--spreadsheet-safe",
    ]);
    let c = std::fs::read_to_string(&csv).unwrap();
    assert!(c.contains("\"'=HYPERLINK("), "formulas are inert: {c}");
    assert!(!c.contains(",=") && !c.contains(",\"="), "{c}");

    let log_out = dir.path().join("log.csv");
    let out = rapport(&[
        "export",
        s(&data),
        "--to",
        s(&log_out),
        "--format",
        "interactions-csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&log_out)
            .unwrap()
            .starts_with("date,time,contacts,channel,mode")
    );

    let stats = dir.path().join("stats.csv");
    succeeds(&[
        "export",
        s(&data),
        "--to",
        s(&stats),
        "--format",
        "stats-csv",
    ]);
    let stats_text = std::fs::read_to_string(&stats).unwrap();
    assert!(stats_text.starts_with(
        "name,email,online_interactions,offline_interactions,online_minutes,offline_minutes,channels,strength,tier,last_contact"
    ));
    assert!(
        stats_text.lines().count() > 1,
        "one row per contact: {stats_text}"
    );

    // Importing the vCard export back into the same file adds nobody.
    let out = rapport(&["import", s(&vcf), "--into", s(&data)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("0 added"), "{}", stdout(&out));
}

#[test]
fn export_of_a_missing_file_is_bad_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapport(&[
        "export",
        s(&dir.path().join("none.json")),
        "--to",
        s(&dir.path().join("x.vcf")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("none.json"));
}

/// The interactions CSV is written to the file row by row (issue 12): the file holds exactly the
/// bytes the in-memory export gives, formula-like cells made inert included.
#[test]
fn streamed_interactions_csv_equals_the_in_memory_export() {
    use rapport::formats::{CsvCells, ExportFormat, export_bytes, write_export};
    let mut data = rapport::synth::demo_dataset();
    let first = data.interactions()[0].clone();
    let mut tricky = first;
    tricky.summary = "=HYPERLINK(\"x\"); \"quoted\", and\nnewline".into();
    data.apply(rapport::model::Edit::PutInteraction(tricky))
        .unwrap();
    let doc = rapport::store::Document::new(data);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("interactions.csv");
    let stamp = chrono::Utc::now();
    for (cells, summary) in [
        (
            CsvCells::SpreadsheetSafe,
            "\"'=HYPERLINK(\"\"x\"\"); \"\"quoted\"\", and\nnewline\"",
        ),
        (
            CsvCells::Plain,
            "\"=HYPERLINK(\"\"x\"\"); \"\"quoted\"\", and\nnewline\"",
        ),
    ] {
        write_export(&doc, ExportFormat::InteractionsCsv, &path, stamp, cells).unwrap();
        let expected = export_bytes(&doc, ExportFormat::InteractionsCsv, stamp, cells).unwrap();
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written, expected);
        let text = String::from_utf8(written).unwrap();
        assert!(text.starts_with(
            "date,time,contacts,channel,mode,minutes,depth,initiated_by,summary,notes,follow_up\r\n"
        ));
        assert!(text.contains(summary), "{cells:?}");
        assert_eq!(
            text.matches("\r\n").count(),
            doc.data.interactions().len() + 1
        );
    }
}
