//! Two writers at once, through the real binary: neither loses the other's work; a writer that
//! cannot get the lock refuses with a sentence naming the holder; a lock left by a dead process
//! does not block anyone.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use rapport::store;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rapport"))
}

fn vcards(dir: &Path, name: &str, prefix: &str, n: usize) -> PathBuf {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(
            text,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{prefix} {i}\r\nEMAIL:{prefix}{i}@example.org\r\nEND:VCARD\r\n"
        );
    }
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn import(src: &Path, into: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("import").arg(src).arg("--into").arg(into);
    c
}

fn names(path: &Path) -> Vec<String> {
    store::load(path)
        .unwrap()
        .data
        .contacts()
        .iter()
        .map(|c| c.display_name.clone())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn two_imports_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let a = vcards(dir.path(), "a.vcf", "Alpha", 300);
    let b = vcards(dir.path(), "b.vcf", "Beta", 300);
    for round in 0..8 {
        let into = dir.path().join(format!("people{round}.json"));
        let first = import(&a, &into).spawn().unwrap();
        let second = import(&b, &into).spawn().unwrap();
        let (first, second) = (
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        );
        assert!(first.status.success(), "{}", stderr(&first));
        assert!(second.status.success(), "{}", stderr(&second));
        let names = names(&into);
        assert_eq!(
            names.len(),
            600,
            "round {round}: every contact of both runs is there"
        );
        assert!(names.iter().any(|n| n == "Alpha 299"));
        assert!(names.iter().any(|n| n == "Beta 299"));
        assert!(
            !store::lock_path(&into).exists(),
            "the lock file is removed after use"
        );
    }
}

#[test]
fn a_writer_that_cannot_get_the_lock_names_the_holder_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("people.json");
    let a = vcards(dir.path(), "a.vcf", "Alpha", 3);
    assert!(import(&a, &into).output().unwrap().status.success());
    let before = fs::read(&into).unwrap();
    let b = vcards(dir.path(), "b.vcf", "Beta", 3);

    let held = store::lock(&into, "a test holding the lock", Duration::ZERO).unwrap();
    let out = import(&b, &into).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    let me = store::Holder::me("a test holding the lock");
    assert_eq!(
        message,
        format!(
            "rapport: {}: another program is changing it: a test holding the lock (process {} \
             on {}); try again when it has finished\n",
            into.display(),
            me.pid,
            me.host
        )
    );
    assert_eq!(fs::read(&into).unwrap(), before);
    drop(held);

    let app = store::lock(&into, store::APP_PROGRAM, Duration::ZERO).unwrap();
    let out = import(&b, &into).output().unwrap();
    assert!(
        stderr(&out).contains("it is open in another Rapport window"),
        "{}",
        stderr(&out)
    );
    drop(app);
    assert!(import(&b, &into).output().unwrap().status.success());
    assert_eq!(names(&into).len(), 6);
}

#[test]
fn a_lock_left_by_a_killed_process_does_not_block_the_next_writer() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("people.json");
    let a = vcards(dir.path(), "a.vcf", "Alpha", 3);
    // The system releases a lock when its process dies; the file naming it stays behind.
    fs::write(
        store::lock_path(&into),
        "program rapport import\npid 4000000\nhost gone\n",
    )
    .unwrap();
    let out = import(&a, &into).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names(&into).len(), 3);
    assert!(!store::lock_path(&into).exists());
}

#[cfg(unix)]
#[test]
fn a_link_and_its_target_share_one_lock() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("people.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let held = store::lock(&link, "via the link", Duration::ZERO).unwrap();
    let err = store::lock(&target, "direct", Duration::from_millis(100)).unwrap_err();
    assert!(err.to_string().contains("via the link"), "{err}");
    drop(held);
}

#[test]
fn a_dry_run_needs_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("people.json");
    let a = vcards(dir.path(), "a.vcf", "Alpha", 3);
    assert!(import(&a, &into).output().unwrap().status.success());
    let _held = store::lock(&into, "someone", Duration::ZERO).unwrap();
    let out = import(&a, &into).arg("--dry-run").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}
