//! UI preferences kept through eframe storage: the theme, recent files, list settings and the
//! last channel used. Never the user's data, which lives only in the file they chose.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::theme::ThemeChoice;
use super::views::contact_list::SortBy;

/// The eframe storage key.
pub const KEY: &str = "rapport.prefs";
/// How many recent files are remembered.
const RECENT: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub sort: SortBy,
    pub show_archived: bool,
    /// The channel of the last logged interaction (channel ids are stable across files for
    /// the default channels).
    pub last_channel: Option<u64>,
    /// The folder of the last file chosen or typed, where file dialogs start next.
    pub last_dir: Option<PathBuf>,
    /// View > Desktop reminders unticked: no daily notification.
    pub reminders_off: bool,
}

impl Prefs {
    /// Puts `path` first in the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_capped() {
        let mut p = Prefs::default();
        for i in 0..12 {
            p.add_recent(Path::new(&format!("/nonexistent/{i}.json")));
        }
        p.add_recent(Path::new("/nonexistent/5.json"));
        assert_eq!(p.recent.len(), RECENT);
        assert_eq!(p.recent[0], Path::new("/nonexistent/5.json"));
        assert_eq!(p.recent.iter().filter(|r| r.ends_with("5.json")).count(), 1);
    }
}
