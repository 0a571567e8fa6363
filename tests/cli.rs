//! The command line end to end: `check` and `generate` through the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rapport(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .output()
        .expect("the rapport binary runs")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    rapport(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

#[test]
fn check_accepts_the_demo_file_with_a_one_line_summary() {
    let out = run(&["check", s(&demo())]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = rapport::store::load(&demo()).unwrap();
    let expected = format!(
        "{}: valid Rapport file, {} contacts, 8 channels, {} interactions\n",
        demo().display(),
        doc.data.contacts().len(),
        doc.data.interactions().len()
    );
    assert_eq!(text(&out.stdout), expected);
    assert!(out.stderr.is_empty());
}

#[test]
fn check_refuses_bad_files_with_exit_1_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 7] = [
        ("empty.json", b"", "the file is empty"),
        (
            "cut.json",
            b"{\"format\": \"rapport\", \"version\": 1, \"contacts\": [",
            "ends too early",
        ),
        ("list.json", b"[]", "a JSON list"),
        ("other.json", b"{\"name\": \"x\"}", "not a Rapport file"),
        (
            "ghost.json",
            b"{\"format\": \"rapport\", \"version\": 1, \"interactions\": [{\"id\": \"1\", \
              \"date\": \"2025-01-01\", \"participants\": [\"2\"], \"channel\": \"1\", \"depth\": 2}]}",
            "which does not exist",
        ),
        ("utf16.json", b"\xFF\xFE{\x00}\x00", "UTF-16"),
        (
            "future.json",
            b"{\"format\": \"rapport\", \"version\": 7}",
            "newer Rapport",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = run(&["check", s(&path)]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(
            err.contains(s(&path)),
            "{name}: the message names the file: {err}"
        );
        assert!(err.contains(expect), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was changed");
    }
    let entries = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 7, "check writes nothing beside the files");
}

#[test]
fn check_gives_the_position_of_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.json");
    fs::write(&path, "{\n  \"format\": \"rapport\"\n  \"version\": 1\n}\n").unwrap();
    let out = run(&["check", s(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("(line 3, column 3)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_file_is_exit_1_naming_it() {
    let out = run(&["check", "/nonexistent/rapport.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/rapport.json: there is no such file"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check"][..],
        &["check", "a.json", "b.json"],
        &["frobnicate"],
        &["generate", "--contacts", "10", "--interactions", "5"],
        &[
            "generate",
            "--contacts",
            "ten",
            "--interactions",
            "5",
            "--out",
            "x.json",
        ],
        &[
            "generate",
            "--contacts",
            "-3",
            "--interactions",
            "5",
            "--out",
            "x.json",
        ],
    ] {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert!(!Path::new("x.json").exists());
}

fn generate(dir: &Path, name: &str, seed: &str) -> (PathBuf, Output) {
    let path = dir.join(name);
    let out = run(&[
        "generate",
        "--contacts",
        "120",
        "--interactions",
        "1500",
        "--seed",
        seed,
        "--out",
        s(&path),
    ]);
    (path, out)
}

#[test]
fn generate_is_deterministic_and_its_output_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let (a, out) = generate(dir.path(), "a.json", "42");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("120 contacts, 8 channels, 1500 interactions (seed 42)"));
    let (b, _) = generate(dir.path(), "b.json", "42");
    let (c, _) = generate(dir.path(), "c.json", "43");
    let (a, b, c) = (
        fs::read(a).unwrap(),
        fs::read(b).unwrap(),
        fs::read(c).unwrap(),
    );
    assert_eq!(a, b, "the same seed gives the same bytes");
    assert_ne!(a, c, "another seed gives another network");

    let out = run(&["check", s(&dir.path().join("c.json"))]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("valid Rapport file, 120 contacts, 8 channels, 1500 interactions")
    );
}

#[test]
fn generated_networks_have_the_promised_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = generate(dir.path(), "shape.json", "5");
    assert_eq!(out.status.code(), Some(0));
    let doc = rapport::store::load(&path).unwrap();
    let data = &doc.data;
    let mode = |ch| data.channel(ch).unwrap().mode;
    let mut per_contact = std::collections::HashMap::new();
    let mut groups = 0;
    for it in data.interactions() {
        groups += usize::from(it.participants.len() > 1);
        for &p in &it.participants {
            let entry = per_contact.entry(p).or_insert((0_usize, [false; 2]));
            entry.0 += 1;
            entry.1[usize::from(mode(it.channel) == rapport::model::Mode::Online)] = true;
        }
    }
    assert!(groups > 0, "some group events");
    let only = |online: bool| {
        per_contact
            .values()
            .filter(|(_, seen)| seen[usize::from(online)] && !seen[usize::from(!online)])
            .count()
    };
    let blended = per_contact
        .values()
        .filter(|(_, seen)| seen[0] && seen[1])
        .count();
    assert!(only(true) > 0 && only(false) > 0 && blended > 0);
    let mut counts: Vec<usize> = per_contact.values().map(|(n, _)| *n).collect();
    counts.sort_unstable_by(|x, y| y.cmp(x));
    assert!(
        counts[0] > 5 * counts[counts.len() / 2],
        "a few close ties, a long tail"
    );
    let first = data.interactions().first().unwrap().date;
    let last = data.interactions().last().unwrap().date;
    assert!((last - first).num_days() > 3 * 365, "several years");
}

#[test]
fn generate_never_overwrites_and_refuses_impossible_requests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    fs::write(&path, b"precious").unwrap();
    let out = run(&[
        "generate",
        "--contacts",
        "3",
        "--interactions",
        "3",
        "--out",
        s(&path),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(fs::read(&path).unwrap(), b"precious");

    let fresh = dir.path().join("none.json");
    let out = run(&[
        "generate",
        "--contacts",
        "0",
        "--interactions",
        "3",
        "--out",
        s(&fresh),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(s(&fresh)));
    assert!(!fresh.exists());
}

/// `generate --out` naming a folder said "the file already exists"; it says it is a folder.
#[test]
fn generate_into_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "generate",
        "--contacts",
        "3",
        "--interactions",
        "3",
        "--out",
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("is a folder, not a file"), "{err}");
    assert!(err.contains(s(dir.path())), "{err}");
}
