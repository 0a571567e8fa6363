//! Two devices, one network: merging copies of a data file record by record (`merge`), finding
//! the conflict copies sync tools leave (`conflicts`), and merging files on disk (`files`).
//! Uses model and store; nothing below imports it. See docs/SYNC.md.

pub mod apply;
pub mod conflicts;
pub mod files;
pub mod merge;

pub use apply::edit_towards;
pub use merge::{Change, ChangeKind, Conflict, MergeError, Merged, Report, merge};
