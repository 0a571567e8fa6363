//! Crashes, for real: this test binary runs itself again as a child process (the ignored
//! `child_*` tests, selected by an environment variable), which saves a large file over and
//! over, or journals edits the way the app does, and the parent kills it with SIGKILL at many
//! different moments. Afterwards the data file and its `.bak` must each be a complete version,
//! nothing temporary may remain once the next writer has opened the file, and every journaled
//! edit must be recoverable.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rapport::model::{Contact, ContactId, Dataset, Edit, Labeled};
use rapport::store::{self, Document, journal};

const SAVE_CHILD: &str = "RAPPORT_CRASH_SAVE_CHILD";
const JOURNAL_CHILD: &str = "RAPPORT_CRASH_JOURNAL_CHILD";

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn contact(i: u64) -> Contact {
    let at = Utc.with_ymd_and_hms(2025, 1, 2, 9, 30, 0).unwrap();
    let mut c = Contact::with_id(ContactId(i + 1), format!("Person {i}"), at);
    c.emails
        .push(Labeled::new(format!("person{i}@example.org"), "work"));
    c.notes = "A note long enough to make the file large. ".repeat(4);
    c
}

/// A large document (about 8 MB) marked with its version number.
fn big_document(contacts: u64) -> Document {
    let mut data = Dataset::new();
    data.apply(Edit::Batch(
        (0..contacts)
            .map(|i| Edit::PutContact(contact(i)))
            .collect(),
    ))
    .unwrap();
    Document::new(data)
}

fn version_of(path: &Path) -> u64 {
    let doc = store::load(path).unwrap_or_else(|e| panic!("not a complete version: {e}"));
    doc.extra["saved_version"].as_u64().unwrap()
}

/// Runs one of the `child_*` tests in a new process with `var` set to `path`.
fn spawn_child(test: &str, var: &str, path: &Path) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            test,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(var, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// Reads the child's lines until one equals `line`.
fn wait_for(out: &mut BufReader<ChildStdout>, line: &str) {
    let mut buf = String::new();
    loop {
        buf.clear();
        assert!(
            out.read_line(&mut buf).unwrap() > 0,
            "the child ended before saying {line}"
        );
        if buf.trim_end() == line {
            return;
        }
    }
}

/// The child: takes the write lock like `rapport import`, then saves version 0, 1, 2 ... of a
/// large file, saying "saving N" and "saved N" around each save.
#[test]
#[ignore = "run as a child process by the crash tests"]
fn child_saves_forever() {
    let Some(path) = std::env::var_os(SAVE_CHILD).map(PathBuf::from) else {
        return;
    };
    let _lock = store::lock(&path, "crash test child", Duration::from_secs(10)).unwrap();
    let mut doc = big_document(20_000);
    let mut out = std::io::stdout();
    // The harness has printed "test NAME ... " without ending the line: end it.
    writeln!(out).unwrap();
    // Bounded, so that a child whose parent failed stops by itself.
    for version in 0_u64..200 {
        doc.extra
            .insert("saved_version".into(), serde_json::Value::from(version));
        writeln!(out, "saving {version}").unwrap();
        out.flush().unwrap();
        store::save(&doc, &path).unwrap();
        writeln!(out, "saved {version}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_whole_versions_and_nothing_behind() {
    const KILLS: u32 = 24;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    let mut left_temporary = 0;
    let mut mid_save = 0;
    for kill in 0..KILLS {
        let (mut child, mut out) = spawn_child("child_saves_forever", SAVE_CHILD, &path);
        // Versions 0 and 1 are whole on disk; time one save to spread the kills over it.
        wait_for(&mut out, "saving 1");
        let started = Instant::now();
        wait_for(&mut out, "saved 1");
        let one_save = started.elapsed();
        // The child is now saving version 2: kill it at a different point of that save each
        // round (and sometimes a little after it).
        std::thread::sleep(one_save.mul_f64(f64::from(kill) / f64::from(KILLS - 4)));
        child.kill().unwrap();
        child.wait().unwrap();

        let data = version_of(&path);
        let backup = version_of(&store::backup_path(&path));
        assert!(data >= 1, "round {kill}: the data file went back to {data}");
        // Killed between making the backup and the commit, both hold the version before the
        // save (whole); otherwise the backup is the one before the data file.
        assert!(
            backup + 1 == data || backup == data,
            "round {kill}: the backup ({backup}) is the version before the data file's ({data}) \
             or, mid-save, the same"
        );
        if data == 1 {
            mid_save += 1;
        }
        if names_in(dir.path()).len() > 3 {
            left_temporary += 1;
        }
        // The next writer clears what the killed one left.
        drop(store::lock(&path, "next writer", Duration::from_secs(5)).unwrap());
        assert_eq!(
            names_in(dir.path()),
            ["people.json", "people.json.bak"],
            "round {kill}: nothing temporary remains"
        );
        fs::remove_file(&path).unwrap();
        fs::remove_file(store::backup_path(&path)).unwrap();
    }
    // With unnamed temporary files there is rarely anything to clear; this is not asserted (it
    // depends on where the kills land), only shown.
    println!(
        "{mid_save} of {KILLS} kills landed before the save's commit; {left_temporary} left a \
         file that the next writer removed"
    );
}

/// The child: opens the file as the app does (lock, load, journal) and makes edits forever,
/// saying "recorded N" once edit N is in the journal.
#[test]
#[ignore = "run as a child process by the crash tests"]
fn child_edits_forever() {
    let Some(path) = std::env::var_os(JOURNAL_CHILD).map(PathBuf::from) else {
        return;
    };
    let _lock = store::lock(&path, store::APP_PROGRAM, Duration::from_secs(10)).unwrap();
    let mut doc = store::load(&path).unwrap();
    let mut journal = journal::Journal::new(&path);
    let mut out = std::io::stdout();
    writeln!(out).unwrap();
    for n in 1_u64..=5000 {
        let edit = Edit::PutContact(contact(1000 + n));
        doc.data.apply(edit.clone()).unwrap();
        journal.record(&edit, n).unwrap();
        writeln!(out, "recorded {n}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn a_session_killed_while_editing_is_recovered_on_the_next_open() {
    for stop_after in [1_u64, 7, 30, 120] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.json");
        store::save(&big_document(50), &path).unwrap();
        let (mut child, mut out) = spawn_child("child_edits_forever", JOURNAL_CHILD, &path);
        wait_for(&mut out, &format!("recorded {stop_after}"));
        child.kill().unwrap();
        child.wait().unwrap();

        // The next open (the lock is free: its holder is dead).
        let _lock = store::lock(&path, "next session", Duration::from_secs(5)).unwrap();
        let found = journal::pending(&path).expect("the edits are found");
        assert!(
            found.count() as u64 >= stop_after,
            "every edit reported as recorded is there ({} of {stop_after})",
            found.count()
        );
        assert!(!found.base_changed);
        assert!(Utc::now() - found.last < chrono::TimeDelta::minutes(5));
        let mut doc = store::load(&path).unwrap();
        let (applied, failed) = journal::replay(&mut doc, &found.edits);
        assert_eq!((applied, failed), (found.count(), 0));
        assert_eq!(doc.data.contacts().len(), 50 + found.count());
        for n in 1..=found.count() as u64 {
            assert!(
                doc.data.contact(ContactId(1000 + n + 1)).is_some(),
                "edit {n} is recovered"
            );
        }
    }
}
