//! Import and export: vCard, the CSV dialects, the interactions CSV, iCalendar.
//! Nothing here knows about egui or rfd.
//!
//! Import is three steps, so a person sees what will happen before anything changes:
//! 1. [`read_source`] (or [`parse_bytes`]) turns a file into [`Parsed`] records, detecting the
//!    format from the content unless one is given;
//! 2. [`ImportPlan::new`] compares them with the open [`Dataset`](crate::model::Dataset): who is
//!    new, who matches an existing contact and what changes, what is skipped and why;
//! 3. [`ImportPlan::to_edit`] gives one [`Edit::Batch`](crate::model::Edit) to apply (one undo step).
//!
//! The rules are documented in docs/IMPORT-EXPORT.md.

pub mod calendar;
pub mod capture;
mod contacts_csv;
pub mod csv_safe;
mod csv_table;
mod dates;
mod detect;
mod draft;
mod duplicates;
mod export;
mod ics;
mod import_plan;
mod interactions_csv;
mod merge;
mod outlook_headers;
pub mod photo;
mod rapport_csv;
pub mod report_csv;
mod source;
mod text;
mod vcard;

pub use csv_safe::CsvCells;
pub use detect::{Format, detect};
pub use duplicates::{DuplicatePair, DuplicateReason, MergeError, find_duplicates, merge_contacts};
pub use export::{
    ExportError, ExportFormat, contacts_csv, export_bytes, follow_up_entries, interactions_csv,
    write_export,
};
pub use ics::to_ics;
pub use import_plan::{
    Added, Conflict, ImportChoices, ImportPlan, LeftOut, Merged, PlanSummary, Proposed, Row,
};
pub use merge::{Change, FieldChange, MatchKind, merge_into, normalize_name, normalize_phone};
pub use source::{
    ImportError, Incoming, IncomingInteraction, MAX_IMPORT_BYTES, Parsed, Skip, SourceError,
    parse_bytes, read_source,
};
pub use vcard::{VcardVersion, to_vcard};
