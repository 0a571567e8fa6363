//! Merging data files on disk: another copy (a synced device's, a conflict copy) into the file,
//! saved atomically with the usual backup through the store.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::conflicts::{self, Tool};
use super::merge::{Report, merge};
use crate::model::Dataset;
use crate::store::{self, Document};

/// One other copy merged in.
#[derive(Clone, Debug)]
pub struct FileMerge {
    pub source: PathBuf,
    pub report: Report,
    /// The sync tool whose conflict copy this was, if it was one.
    pub tool: Option<Tool>,
    /// Where the conflict copy was moved after the merge was saved.
    pub moved_to: Option<PathBuf>,
}

/// Merges `others` into `doc`, one after the other, against `base` when known. Top-level fields
/// this version does not know are kept from every copy (the file's own win).
pub fn merge_documents(
    doc: &Document,
    others: &[(PathBuf, Document)],
    base: Option<&Dataset>,
) -> Result<(Document, Vec<(PathBuf, Report)>), String> {
    let mut data = doc.data.clone();
    let mut extra = doc.extra.clone();
    let mut reports = Vec::new();
    for (path, other) in others {
        if let Some(v) = other.newer_version() {
            return Err(format!(
                "{}: it was written by a newer Rapport (format version {v}), so it is not merged",
                path.display()
            ));
        }
        let merged = merge(&data, &other.data, base, Utc::now())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for (k, v) in &other.extra {
            extra.entry(k.clone()).or_insert_with(|| v.clone());
        }
        data = merged.data;
        reports.push((path.clone(), merged.report));
    }
    let mut out = Document::new(data);
    out.extra = extra;
    Ok((out, reports))
}

/// `rapport merge FILE OTHER... [--base BASE]`: loads everything first (nothing is written when
/// any file is bad), merges, saves FILE atomically with its backup, then moves the merged
/// conflict copies of FILE into its backup folder.
pub fn merge_files(
    file: &Path,
    others: &[PathBuf],
    base: Option<&Path>,
) -> Result<Vec<FileMerge>, String> {
    let doc = store::load(file).map_err(|e| e.to_string())?;
    if let Some(v) = doc.newer_version() {
        return Err(format!(
            "{}: it was written by a newer Rapport (format version {v}; this build knows version \
             {}), so it is not changed",
            file.display(),
            store::VERSION
        ));
    }
    let mut loaded = Vec::new();
    for other in others {
        if same_file(file, other) {
            return Err(format!(
                "{}: this is the file being merged into",
                other.display()
            ));
        }
        loaded.push((
            other.clone(),
            store::load(other).map_err(|e| e.to_string())?,
        ));
    }
    let base = match base {
        Some(b) => Some(store::load(b).map_err(|e| e.to_string())?.data),
        None => None,
    };
    let (merged, reports) = merge_documents(&doc, &loaded, base.as_ref())?;
    store::save(&merged, file).map_err(|e| e.to_string())?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let mut out = Vec::new();
    for (source, report) in reports {
        let tool = source
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| conflicts::conflict_tool(&name, n))
            .filter(|_| source.parent() == file.parent() || same_dir(&source, file));
        let moved_to = match tool {
            Some(_) => Some(conflicts::move_to_backup(file, &source).map_err(|e| {
                format!(
                    "{}: merged and saved, but the conflict copy could not be moved ({e})",
                    source.display()
                )
            })?),
            None => None,
        };
        out.push(FileMerge {
            source,
            report,
            tool,
            moved_to,
        });
    }
    Ok(out)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    let dir = |p: &Path| {
        p.canonicalize()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
    };
    dir(a).is_some() && dir(a) == dir(b)
}
