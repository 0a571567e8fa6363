//! `rapport-cli`, the console binary for the commands (Windows' `rapport` is a GUI program in
//! release builds): the same commands and output as `rapport`, and no window.

use std::path::Path;
use std::process::Command;

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json")
}

#[test]
fn rapport_cli_runs_the_same_commands_as_rapport() {
    for args in [
        vec!["check".to_owned(), demo().display().to_string()],
        vec![
            "stats".to_owned(),
            demo().display().to_string(),
            "--as-of".to_owned(),
            "2026-11-27".to_owned(),
            "--format".to_owned(),
            "csv".to_owned(),
        ],
    ] {
        let console = Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
            .args(&args)
            .output()
            .unwrap();
        let main = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(&args)
            .output()
            .unwrap();
        assert!(console.status.success(), "{args:?}: {console:?}");
        assert_eq!(console.status.code(), main.status.code(), "{args:?}");
        assert_eq!(console.stdout, main.stdout, "{args:?}");
        assert!(!console.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn rapport_cli_without_a_command_explains_itself() {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("give a command"), "{err}");
    let help = Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("rapport-cli"), "{help}");
    assert!(help.contains("stats"), "{help}");
}

#[test]
fn rapport_cli_reports_bad_data_like_rapport() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapport-cli"))
        .arg("check")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
}
