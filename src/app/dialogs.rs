//! Native file dialogs, behind one small trait so tests can answer them and a system without a
//! dialog service degrades to an in-app path field.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Whether the dialog picks a file to read or a place to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    Save,
}

/// What to ask the person for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    pub action: FileAction,
    pub title: String,
    /// (description, extensions without the dot)
    pub filters: Vec<(String, Vec<String>)>,
    pub directory: Option<PathBuf>,
    /// Suggested name for a save dialog.
    pub file_name: Option<String>,
}

impl FileRequest {
    /// Open a Rapport data file.
    #[must_use]
    pub fn open_data(directory: Option<&Path>) -> Self {
        Self {
            action: FileAction::Open,
            title: "Open a Rapport file".into(),
            filters: vec![("Rapport data".into(), vec!["json".into()])],
            directory: directory.map(Path::to_path_buf),
            file_name: None,
        }
    }

    /// Choose where to save a Rapport data file.
    #[must_use]
    pub fn save_data(directory: Option<&Path>, file_name: &str) -> Self {
        Self {
            action: FileAction::Save,
            title: "Save the Rapport file".into(),
            filters: vec![("Rapport data".into(), vec!["json".into()])],
            directory: directory.map(Path::to_path_buf),
            file_name: Some(file_name.into()),
        }
    }
}

/// The answer of a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickResult {
    Picked(PathBuf),
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity): the app offers a path field.
    Unavailable,
}

/// Shows file dialogs. The app owns one; tests give it one that answers from a script.
pub trait FileDialogs {
    fn pick(&mut self, request: &FileRequest) -> PickResult;
}

/// A dialog answered faster than this was never shown: rfd returns `None` within milliseconds
/// when neither a desktop portal nor zenity is there, which looks exactly like Cancel.
const FASTER_THAN_A_PERSON: Duration = Duration::from_millis(150);

/// Native dialogs through rfd (the XDG desktop portal on Linux, zenity as its fallback).
#[derive(Debug, Default)]
pub struct NativeDialogs {
    /// Set once a dialog proved unavailable, so later requests go straight to the path field.
    unavailable: bool,
}

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, request: &FileRequest) -> PickResult {
        if self.unavailable {
            return PickResult::Unavailable;
        }
        let mut dialog = rfd::FileDialog::new().set_title(&request.title);
        for (name, extensions) in &request.filters {
            dialog = dialog.add_filter(name, extensions);
        }
        if let Some(dir) = &request.directory {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.set_file_name(name);
        }
        let started = Instant::now();
        let answer = match request.action {
            FileAction::Open => dialog.pick_file(),
            FileAction::Save => dialog.save_file(),
        };
        match answer {
            Some(path) => PickResult::Picked(path),
            None if started.elapsed() < FASTER_THAN_A_PERSON => {
                self.unavailable = true;
                PickResult::Unavailable
            }
            None => PickResult::Cancelled,
        }
    }
}

/// The home folder, where a path field starts when no folder was used yet.
#[must_use]
pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// `~/x` as the home folder's `x`; any other text as it is.
#[must_use]
pub fn expand_home(text: &str) -> PathBuf {
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = home_dir()
    {
        return home.join(rest);
    }
    if text == "~"
        && let Some(home) = home_dir()
    {
        return home;
    }
    PathBuf::from(text)
}

/// The full path a typed-path field starts with: `directory` (else the home folder) followed by
/// the suggested file name, or by a `/` when a file is to be chosen there.
#[must_use]
pub fn suggested_path(directory: Option<&Path>, file_name: Option<&str>) -> String {
    let dir = directory.map(Path::to_path_buf).or_else(home_dir);
    let mut text = dir.map(|d| d.display().to_string()).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('/') {
        text.push('/');
    }
    if let Some(name) = file_name {
        text.push_str(name);
    }
    text
}

/// Why a typed path cannot be used for `action`, in one sentence; `Ok` when it can. Opening
/// needs an existing file; saving needs an existing folder that can be written to (an existing
/// file there is replaced, as a native save dialog allows).
pub fn check_typed_path(path: &Path, action: FileAction) -> Result<(), String> {
    if path.as_os_str().is_empty() {
        return Err("Type a path first.".into());
    }
    if path.is_dir() {
        return Err(format!(
            "{} is a folder; add the file's name after it.",
            path.display()
        ));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir().unwrap_or_default(),
    };
    if !parent.is_dir() {
        return Err(format!("The folder {} does not exist.", parent.display()));
    }
    match action {
        FileAction::Open => {
            if path.is_file() {
                std::fs::File::open(path)
                    .map(drop)
                    .map_err(|e| format!("{} cannot be read: {e}.", path.display()))
            } else {
                Err(format!("There is no file {}.", path.display()))
            }
        }
        FileAction::Save => {
            writable(&parent).map_err(|e| format!("Cannot write in {}: {e}.", parent.display()))
        }
    }
}

/// Whether a file can be created in `dir`: creates and removes a small empty probe file (the
/// only reliable answer: permissions, read-only mounts and ownership all play a part).
fn writable(dir: &Path) -> std::io::Result<()> {
    let probe = dir.join(format!(".rapport-write-check-{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)
}

/// What Tab in a path field did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The text with the name completed as far as it is certain (unchanged when not).
    pub text: String,
    /// The names that still match when more than one does (sorted, at most 50), to show.
    pub matches: Vec<String>,
}

/// Completes the last part of a typed path from the folder it names, as a shell does: a single
/// match is completed in full (a folder with a `/` after it), several to their common beginning.
/// Hidden names only when the typed part starts with a dot. A folder that cannot be listed
/// completes nothing.
#[must_use]
pub fn complete_path(text: &str) -> Completion {
    let unchanged = Completion {
        text: text.to_owned(),
        matches: Vec::new(),
    };
    let (dir_text, prefix) = match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text),
    };
    let dir = if dir_text.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_text)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return unchanged;
    };
    let mut found: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let shown = prefix.starts_with('.') || !name.starts_with('.');
            (shown && name.starts_with(prefix)).then(|| {
                let is_dir = e.path().is_dir();
                (name, is_dir)
            })
        })
        .collect();
    found.sort();
    match found.as_slice() {
        [] => unchanged,
        [(name, is_dir)] => Completion {
            text: format!("{dir_text}{name}{}", if *is_dir { "/" } else { "" }),
            matches: Vec::new(),
        },
        [(first, _), rest @ ..] => {
            let mut common = first.as_str();
            for (name, _) in rest {
                let same = common
                    .char_indices()
                    .zip(name.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(common.len().min(name.len()), |((i, _), _)| i);
                common = &common[..same];
            }
            Completion {
                text: format!("{dir_text}{common}"),
                matches: found
                    .iter()
                    .take(50)
                    .map(|(n, d)| if *d { format!("{n}/") } else { n.clone() })
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_path_is_the_folder_and_the_name() {
        assert_eq!(
            suggested_path(Some(Path::new("/data/people")), Some("x.csv")),
            "/data/people/x.csv"
        );
        assert_eq!(suggested_path(Some(Path::new("/data/")), None), "/data/");
    }

    #[test]
    fn tab_completes_a_single_folder_in_full_and_several_to_their_common_start() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Documents")).unwrap();
        std::fs::create_dir(dir.path().join("Downloads")).unwrap();
        std::fs::create_dir(dir.path().join("Music")).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        std::fs::write(dir.path().join(".hidden"), "").unwrap();
        let base = format!("{}/", dir.path().display());
        let c = complete_path(&format!("{base}Mu"));
        assert_eq!(c.text, format!("{base}Music/"));
        assert!(c.matches.is_empty());
        let c = complete_path(&format!("{base}D"));
        assert_eq!(c.text, format!("{base}Do"));
        assert_eq!(c.matches, ["Documents/", "Downloads/"]);
        assert_eq!(
            complete_path(&format!("{base}no")).text,
            format!("{base}notes.txt")
        );
        assert_eq!(complete_path(&format!("{base}x")).text, format!("{base}x"));
        assert_eq!(
            complete_path(&format!("{base}.h")).text,
            format!("{base}.hidden")
        );
        let all = complete_path(&base);
        assert_eq!(
            all.matches.len(),
            4,
            "hidden names left out: {:?}",
            all.matches
        );
        let missing = format!("{base}nowhere/a");
        assert_eq!(complete_path(&missing).text, missing);
    }

    #[test]
    fn a_typed_path_is_checked_before_it_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").unwrap();
        assert!(check_typed_path(&file, FileAction::Open).is_ok());
        assert!(check_typed_path(&file, FileAction::Save).is_ok());
        let new = dir.path().join("b.json");
        assert!(check_typed_path(&new, FileAction::Save).is_ok());
        assert!(!new.exists(), "the check leaves nothing behind");
        assert_eq!(
            check_typed_path(&new, FileAction::Open),
            Err(format!("There is no file {}.", new.display()))
        );
        let deep = dir.path().join("nope").join("c.json");
        assert_eq!(
            check_typed_path(&deep, FileAction::Save),
            Err(format!(
                "The folder {} does not exist.",
                dir.path().join("nope").display()
            ))
        );
        assert!(
            check_typed_path(dir.path(), FileAction::Save)
                .unwrap_err()
                .contains("is a folder")
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_written_is_named() {
        // Nobody, not even root, can create a file in /proc.
        let e = check_typed_path(Path::new("/proc/rapport.json"), FileAction::Save).unwrap_err();
        assert!(e.starts_with("Cannot write in /proc:"), "{e}");
    }
}
