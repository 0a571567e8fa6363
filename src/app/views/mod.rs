//! One file per screen or dialog. Each `*_ui` function draws from `&` data and pushes
//! [`Command`](super::commands::Command)s; none of them changes the dataset.

pub mod accounts;
pub mod avatar;
pub mod capture_preview;
pub mod channels;
pub mod charts;
pub mod contact_detail;
pub mod contact_editor;
pub mod contact_list;
pub mod duplicates;
pub mod export_dialog;
pub mod help;
pub mod import_preview;
pub mod interaction_form;
pub mod palette;
pub mod plan;
pub mod prompts;
pub mod quick_add;
pub mod relationship_map;
pub mod strength_panel;
pub mod widgets;

use chrono::NaiveDate;

use crate::analytics::Analytics;
use crate::app::index::ContactIndex;
use crate::model::{ContactId, Dataset};

pub use widgets::{elided, empty_state_ui, grouped, named, removable_chip_ui, time_since};

/// What the pages read, passed as one value instead of long parameter lists: the data and
/// what is derived from it, the selected contact and the date.
#[derive(Clone, Copy)]
pub struct ViewContext<'a> {
    pub data: &'a Dataset,
    pub index: &'a ContactIndex,
    /// Analytics over the window the charts, strength and tiers use.
    pub analytics: &'a Analytics,
    /// The all-time analytics the planner reads.
    pub plan: &'a Analytics,
    pub selected: Option<ContactId>,
    pub today: NaiveDate,
}

/// The page shown in the central panel. A new page adds a variant here, a file in this folder,
/// and a row in the command table (`Action`, with `page`), which gives it its tab, its place in
/// the View menu and its Ctrl+number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Page {
    #[default]
    Contacts,
    Channels,
    Plan,
    Charts,
    Duplicates,
}

impl Page {
    /// The tab label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Page::Contacts => "Contacts",
            Page::Channels => "Channels",
            Page::Charts => "Charts",
            Page::Plan => "This week",
            Page::Duplicates => "Duplicates",
        }
    }
}
