//! Saving in depth: the backup is always a whole earlier version, nothing temporary is left
//! behind, symbolic links are saved through with their permissions kept, read-only files are
//! refused, and a full disk (a file-size limit, or a write error injected through the writer)
//! changes nothing.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use rapport::model::stamps::Stamper;
use rapport::model::{Contact, ContactId, Dataset, Edit};
use rapport::store::{self, Document, Problem};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A document with `n` contacts named "Person 0" ...
fn doc_with(n: u64) -> Document {
    let at = Utc.with_ymd_and_hms(2025, 1, 2, 9, 30, 0).unwrap();
    let mut data = Dataset::new();
    // A fixed clock and device, so that two documents with the same people are the same bytes.
    data.set_stamper(Stamper {
        device: "test".into(),
        fixed_time: Some(at),
    });
    for i in 0..n {
        data.apply(Edit::PutContact(Contact::with_id(
            ContactId(i + 1),
            format!("Person {i}"),
            at,
        )))
        .unwrap();
    }
    Document::new(data)
}

fn bytes_of(doc: &Document) -> Vec<u8> {
    store::to_json(doc).unwrap()
}

#[test]
fn each_save_turns_the_previous_file_into_the_backup_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    for n in 1..=4 {
        store::save(&doc_with(n), &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), bytes_of(&doc_with(n)));
        if n > 1 {
            assert_eq!(
                fs::read(store::backup_path(&path)).unwrap(),
                bytes_of(&doc_with(n - 1)),
                "the backup is the version before"
            );
        }
    }
    assert_eq!(names_in(dir.path()), ["people.json", "people.json.bak"]);
}

#[cfg(unix)]
#[test]
fn the_backup_is_a_separate_file_that_a_later_save_does_not_touch() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    store::save(&doc_with(1), &path).unwrap();
    store::save(&doc_with(2), &path).unwrap();
    let data = fs::metadata(&path).unwrap();
    let backup = fs::metadata(store::backup_path(&path)).unwrap();
    assert_ne!(
        data.ino(),
        backup.ino(),
        "after the save they are two files"
    );
    assert_eq!(
        backup.nlink(),
        1,
        "no other name is left pointing at the backup"
    );
}

#[test]
fn a_failing_write_keeps_data_and_backup_whole_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    store::save(&doc_with(1), &path).unwrap();
    store::save(&doc_with(2), &path).unwrap();
    for fail_after in [0_usize, 1, 100, 4096, 70_000] {
        let err = store::save_with(&path, |w| {
            let big = vec![b' '; fail_after];
            w.write_all(&big)?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert!(
            matches!(err.problem, Problem::Io(_)),
            "a write error is reported as such: {err}"
        );
        assert_eq!(fs::read(&path).unwrap(), bytes_of(&doc_with(2)));
        assert_eq!(
            fs::read(store::backup_path(&path)).unwrap(),
            bytes_of(&doc_with(1))
        );
        assert_eq!(names_in(dir.path()), ["people.json", "people.json.bak"]);
    }
}

#[test]
fn stale_temporary_files_of_rapports_own_naming_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    store::save(&doc_with(1), &path).unwrap();
    for stale in [".people.json.Ab12Cd", ".people.json.rapport-bak"] {
        fs::write(dir.path().join(stale), b"half a file").unwrap();
    }
    for other in [
        ".people.json.lock",
        ".other.json.Ab12Cd",
        "notes.txt",
        ".people.json.toolong1",
    ] {
        fs::write(dir.path().join(other), b"keep me").unwrap();
    }
    assert_eq!(store::remove_stale_temporaries(&path), 2);
    assert_eq!(
        names_in(dir.path()),
        [
            ".other.json.Ab12Cd",
            ".people.json.lock",
            ".people.json.toolong1",
            "notes.txt",
            "people.json"
        ]
    );
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    fn set_mode(p: &Path, m: u32) {
        fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    }

    #[test]
    fn a_symlinked_file_is_saved_through_the_link_with_its_permissions_kept() {
        let dir = tempfile::tempdir().unwrap();
        let synced = dir.path().join("synced");
        fs::create_dir(&synced).unwrap();
        let target = synced.join("people.json");
        store::save(&doc_with(1), &target).unwrap();
        set_mode(&target, 0o640);
        let link = dir.path().join("people.json");
        symlink("synced/people.json", &link).unwrap();

        store::save(&doc_with(2), &link).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is still a link"
        );
        assert_eq!(fs::read(&target).unwrap(), bytes_of(&doc_with(2)));
        assert_eq!(mode(&target), 0o640, "the target keeps its permissions");
        let backup = store::backup_path(&target);
        assert_eq!(fs::read(&backup).unwrap(), bytes_of(&doc_with(1)));
        assert_eq!(
            mode(&backup),
            0o640,
            "the backup is no more open than the file"
        );
        assert_eq!(
            fs::metadata(&backup).unwrap().uid(),
            fs::metadata(&target).unwrap().uid()
        );
        assert_eq!(names_in(dir.path()), ["people.json", "synced"]);
        assert_eq!(names_in(&synced), ["people.json", "people.json.bak"]);
        assert_eq!(store::load(&link).unwrap(), doc_with(2));
    }

    #[test]
    fn a_chain_of_links_and_a_link_to_a_missing_file_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        let middle = dir.path().join("middle.json");
        let link = dir.path().join("link.json");
        symlink(&target, &middle).unwrap();
        symlink("middle.json", &link).unwrap();
        store::save(&doc_with(1), &link).unwrap();
        assert_eq!(fs::read(&target).unwrap(), bytes_of(&doc_with(1)));
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            fs::symlink_metadata(&middle)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(store::resolve(&link).unwrap(), target);
    }

    #[test]
    fn a_private_file_stays_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.json");
        store::save(&doc_with(1), &path).unwrap();
        set_mode(&path, 0o600);
        store::save(&doc_with(2), &path).unwrap();
        store::save(&doc_with(3), &path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store::backup_path(&path)), 0o600);
    }

    #[test]
    fn a_read_only_file_is_refused_with_a_sentence_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.json");
        store::save(&doc_with(1), &path).unwrap();
        set_mode(&path, 0o444);
        let err = store::save(&doc_with(2), &path).unwrap_err();
        assert_eq!(err.problem, Problem::ReadOnly);
        let message = err.to_string();
        assert!(
            message.starts_with(&path.display().to_string()),
            "{message}"
        );
        assert!(message.contains("read-only"), "{message}");
        assert_eq!(fs::read(&path).unwrap(), bytes_of(&doc_with(1)));
        assert_eq!(mode(&path), 0o444);
        assert_eq!(names_in(dir.path()), ["people.json"]);
        // Also through a link.
        let link = dir.path().join("link.json");
        symlink(&path, &link).unwrap();
        assert_eq!(
            store::save(&doc_with(2), &link).unwrap_err().problem,
            Problem::ReadOnly
        );
    }

    fn bin() -> PathBuf {
        PathBuf::from(env!("CARGO_BIN_EXE_rapport"))
    }

    /// A full disk without privileges: the shell limits the size of any file the command writes
    /// (`ulimit -f`, in blocks of 512 bytes) and ignores SIGXFSZ, so a write past the limit fails
    /// with "file too large", as it would on a full disk.
    #[test]
    fn an_import_that_runs_out_of_space_changes_nothing_at_any_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.json");
        store::save(&doc_with(200), &path).unwrap();
        store::save(&doc_with(300), &path).unwrap();
        let data = fs::read(&path).unwrap();
        let backup = fs::read(store::backup_path(&path)).unwrap();
        let vcf = dir.path().join("new.vcf");
        let mut cards = String::new();
        for i in 0..400 {
            let _ = write!(
                cards,
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported {i}\r\nEMAIL:p{i}@example.org\r\nEND:VCARD\r\n"
            );
        }
        fs::write(&vcf, cards).unwrap();
        let needed_blocks = data.len() / 512 + 40;
        let mut refused = 0;
        for blocks in (1..needed_blocks).step_by(7) {
            let out = Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" import \"$1\" --into \"$2\""
                ))
                .arg(bin())
                .arg(&vcf)
                .arg(&path)
                .output()
                .unwrap();
            if out.status.success() {
                break;
            }
            refused += 1;
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains(&*path.display().to_string()), "{stderr}");
            assert_eq!(fs::read(&path).unwrap(), data, "at {blocks} blocks");
            assert_eq!(fs::read(store::backup_path(&path)).unwrap(), backup);
            let names = names_in(dir.path());
            assert_eq!(
                names,
                ["new.vcf", "people.json", "people.json.bak"],
                "at {blocks} blocks"
            );
        }
        assert!(
            refused > 5,
            "the limit was hit at several sizes ({refused})"
        );
    }
}
