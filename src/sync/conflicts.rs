//! The conflict copies sync tools leave next to a file they could not sync cleanly, found by
//! their real name patterns, and the folder they are moved into once merged.
//!
//! - Syncthing: `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICEID.json`
//! - Dropbox: `NAME (Host's conflicted copy YYYY-MM-DD).json` (sometimes ` (1)` before `.json`)
//! - Nextcloud: `NAME (conflicted copy YYYY-MM-DD HHMMSS).json`

use std::path::{Path, PathBuf};

/// Which sync tool made a conflict copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    Syncthing,
    Dropbox,
    Nextcloud,
}

impl Tool {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Tool::Syncthing => "Syncthing",
            Tool::Dropbox => "Dropbox",
            Tool::Nextcloud => "Nextcloud",
        }
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD`.
fn iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(&s[..4], 4)
        && digits(&s[5..7], 2)
        && digits(&s[8..], 2)
}

/// Whether `file_name` is a conflict copy of a file named `original` (such as `data.json`).
#[must_use]
pub fn conflict_tool(original: &str, file_name: &str) -> Option<Tool> {
    let (stem, ext) = match original.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (original, String::new()),
    };
    let middle = file_name.strip_prefix(stem)?.strip_suffix(ext.as_str())?;
    if let Some(rest) = middle.strip_prefix(".sync-conflict-") {
        // YYYYMMDD-HHMMSS-DEVICEID
        let mut parts = rest.splitn(3, '-');
        let (date, time, device) = (parts.next()?, parts.next()?, parts.next()?);
        return (digits(date, 8)
            && digits(time, 6)
            && !device.is_empty()
            && device.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(Tool::Syncthing);
    }
    let inner = middle.strip_prefix(" (")?;
    // Dropbox may add " (1)" when the name is taken.
    let inner = match inner.rsplit_once(") (") {
        Some((a, n))
            if n.strip_suffix(')')
                .is_some_and(|n| digits(n, n.len()) && !n.is_empty()) =>
        {
            a
        }
        _ => inner.strip_suffix(')')?,
    };
    if let Some(when) = inner.strip_prefix("conflicted copy ") {
        let (date, time) = when.split_once(' ')?;
        return (iso_date(date) && digits(time, 6)).then_some(Tool::Nextcloud);
    }
    let (host, date) = inner.split_once(" conflicted copy ")?;
    (host.ends_with("'s") || host.ends_with("\u{2019}s"))
        .then_some(())
        .and(iso_date(date).then_some(Tool::Dropbox))
}

/// The conflict copies of `path` in its folder, sorted by name.
#[must_use]
pub fn conflict_copies(path: &Path) -> Vec<(PathBuf, Tool)> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Tool)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let file = e.file_name();
            let tool = conflict_tool(name, file.to_str()?)?;
            Some((e.path(), tool))
        })
        .collect();
    out.sort();
    out
}

/// The folder merged conflict copies are moved into: `NAME.merged-copies` beside the file
/// (`data.json` -> `data.json.merged-copies/`).
#[must_use]
pub fn backup_folder(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".merged-copies");
    path.with_file_name(name)
}

/// Moves a merged conflict copy into [`backup_folder`] (created when missing); returns where it
/// went. An existing file of the same name there is not overwritten: a number is added.
pub fn move_to_backup(path: &Path, copy: &Path) -> std::io::Result<PathBuf> {
    let folder = backup_folder(path);
    std::fs::create_dir_all(&folder)?;
    let name = copy
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    let mut target = folder.join(&name);
    let mut n = 1;
    while target.exists() {
        let mut numbered = name.clone();
        numbered.push(format!(".{n}"));
        target = folder.join(numbered);
        n += 1;
    }
    std::fs::rename(copy, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_tools_patterns_are_recognised() {
        let t = |f| conflict_tool("data.json", f);
        assert_eq!(
            t("data.sync-conflict-20261130-194812-ABCDEF7.json"),
            Some(Tool::Syncthing)
        );
        assert_eq!(
            t("data (Ada's conflicted copy 2026-11-30).json"),
            Some(Tool::Dropbox)
        );
        assert_eq!(
            t("data (Ada\u{2019}s conflicted copy 2026-11-30) (1).json"),
            Some(Tool::Dropbox)
        );
        assert_eq!(
            t("data (conflicted copy 2026-11-30 194812).json"),
            Some(Tool::Nextcloud)
        );
        for not in [
            "data.json",
            "data.json.bak",
            "other.sync-conflict-20261130-194812-ABCDEF7.json",
            "data.sync-conflict-2026113-194812-ABCDEF7.json",
            "data.sync-conflict-20261130-194812-.json",
            "data (conflicted copy 2026-11-30).json",
            "data (Ada's copy 2026-11-30).json",
            "data (conflicted copy 2026-11-30 194812).txt",
            "data2 (conflicted copy 2026-11-30 194812).json",
        ] {
            assert_eq!(t(not), None, "{not}");
        }
    }
}
