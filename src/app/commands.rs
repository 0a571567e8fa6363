//! Everything a person can ask the app to do. Views never change state while drawing: they push
//! [`Command`]s, and the app applies them after the frame is drawn.
//!
//! [`Action`] is the command table: each parameterless action has exactly one label, tooltip,
//! menu and set of shortcuts, and the menus, the shortcut handling and the tests all read it.

use eframe::egui;

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::theme::ThemeChoice;
use super::views::Page;
use crate::model::{ContactId, Edit, Interaction, InteractionId};

/// The menu an action appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Contact,
}

/// A parameterless action with a fixed place in the menus and maybe a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    NewFile,
    OpenFile,
    SaveFile,
    SaveFileAs,
    Quit,
    Undo,
    Redo,
    FocusSearch,
    AddContact,
    LogInteraction,
    ShowContacts,
    ShowChannels,
    ShowCharts,
    ImportFile,
    ExportFile,
    FindDuplicates,
    ShowPlan,
    ExportCalendar,
}

/// One row of the command table.
#[derive(Clone, Copy, Debug)]
pub struct ActionInfo {
    /// Menu text; ends with `...` when it opens a dialog.
    pub label: &'static str,
    pub tooltip: &'static str,
    pub menu: Menu,
    /// The first shortcut is shown in the menu; all of them work.
    pub shortcuts: &'static [KeyboardShortcut],
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Action; 18] = [
        Action::NewFile,
        Action::OpenFile,
        Action::SaveFile,
        Action::SaveFileAs,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::FocusSearch,
        Action::AddContact,
        Action::LogInteraction,
        Action::ShowContacts,
        Action::ShowChannels,
        Action::ShowCharts,
        Action::ImportFile,
        Action::ExportFile,
        Action::FindDuplicates,
        Action::ShowPlan,
        Action::ExportCalendar,
    ];

    /// The command table.
    #[must_use]
    pub fn info(self) -> ActionInfo {
        let (label, tooltip, menu, shortcuts): (&str, &str, Menu, &'static [KeyboardShortcut]) =
            match self {
                Action::NewFile => ("New", "Start an empty data file", Menu::File, {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::N)];
                    S
                }),
                Action::OpenFile => ("Open...", "Open a Rapport data file", Menu::File, {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::O)];
                    S
                }),
                Action::SaveFile => ("Save", "Save to the current file", Menu::File, {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::S)];
                    S
                }),
                Action::SaveFileAs => ("Save As...", "Save to a new file", Menu::File, {
                    const S: &[KeyboardShortcut] = &[ctrl_shift(Key::S)];
                    S
                }),
                Action::Quit => ("Quit", "Close Rapport", Menu::File, {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::Q)];
                    S
                }),
                Action::Undo => ("Undo", "Undo the last change", Menu::Edit, {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::Z)];
                    S
                }),
                Action::Redo => ("Redo", "Redo the change you undid", Menu::Edit, {
                    const S: &[KeyboardShortcut] = &[ctrl_shift(Key::Z), ctrl(Key::Y)];
                    S
                }),
                Action::FocusSearch => (
                    "Find contact",
                    "Search contacts by name, organisation, email or tag",
                    Menu::Edit,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::F)];
                        S
                    },
                ),
                Action::AddContact => ("Add contact...", "Create a new contact", Menu::Contact, {
                    const S: &[KeyboardShortcut] = &[ctrl_shift(Key::N)];
                    S
                }),
                Action::LogInteraction => (
                    "Log interaction...",
                    "Record a conversation, meeting or message",
                    Menu::Contact,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::L)];
                        S
                    },
                ),
                Action::ShowContacts => (
                    "Contacts",
                    "The contact list and each person's history",
                    Menu::View,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::Num1)];
                        S
                    },
                ),
                Action::ShowChannels => (
                    "Channels",
                    "Add, rename and mark channels online or offline",
                    Menu::View,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::Num2)];
                        S
                    },
                ),
                Action::ShowCharts => (
                    "Charts",
                    "Tie strength and online vs offline engagement across your network",
                    Menu::View,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::Num3)];
                        S
                    },
                ),
                Action::ImportFile => (
                    "Import...",
                    "Add contacts from a vCard, CSV or another Rapport file, after a preview",
                    Menu::File,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::I)];
                        S
                    },
                ),
                Action::ExportFile => (
                    "Export...",
                    "Write the data as CSV, vCard, iCalendar or JSON; the open file does not change",
                    Menu::File,
                    &[],
                ),
                Action::FindDuplicates => (
                    "Find duplicates",
                    "Contacts that share an email, a phone or a name, to merge",
                    Menu::Contact,
                    &[],
                ),
                Action::ShowPlan => (
                    "This week",
                    "Who is due for a touchpoint, follow-ups and birthdays, and how to reach out",
                    Menu::View,
                    {
                        const S: &[KeyboardShortcut] = &[ctrl(Key::Num4)];
                        S
                    },
                ),
                Action::ExportCalendar => (
                    "Export plan to calendar...",
                    "Save due touchpoints and follow-ups as an .ics calendar file",
                    Menu::File,
                    &[],
                ),
            };
        ActionInfo {
            label,
            tooltip,
            menu,
            shortcuts,
        }
    }

    /// Actions whose shortcut should work even while a text field has focus.
    #[must_use]
    pub fn works_while_typing(self) -> bool {
        !matches!(self, Action::Undo | Action::Redo)
    }

    /// The actions with shortcuts, most modifiers first, so Ctrl+Shift+Z is seen before Ctrl+Z.
    #[must_use]
    pub fn shortcut_order() -> Vec<(KeyboardShortcut, Action)> {
        let mut all: Vec<_> = Action::ALL
            .iter()
            .flat_map(|&a| a.info().shortcuts.iter().map(move |&s| (s, a)))
            .collect();
        all.sort_by_key(|(s, _)| {
            std::cmp::Reverse(u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt))
        });
        all
    }
}

/// What a view asks the app to do. Applied after the frame is drawn.
#[derive(Debug)]
#[must_use]
#[allow(
    clippy::large_enum_variant,
    reason = "a few commands per frame; boxing the edit would only add noise"
)]
pub enum Command {
    Action(Action),
    ShowPage(Page),
    SelectContact(Option<ContactId>),
    /// Opens the contact editor on an existing contact.
    EditContact(ContactId),
    SetArchived(ContactId, bool),
    /// Asks for confirmation, then deletes.
    AskDeleteContact(ContactId),
    /// Opens the interaction form with these participants preselected.
    LogInteractionWith(Vec<ContactId>),
    /// Opens the interaction form filled in from this interaction (the planner's suggestion).
    LogPrefilled(Interaction),
    EditInteraction(InteractionId),
    DeleteInteraction(InteractionId),
    /// Applies an undoable edit; `label` names it in the Edit menu ("Undo add contact").
    Apply {
        edit: Edit,
        label: String,
    },
    /// Closes the dialog that is open.
    CloseModal,
    /// What the capture preview asked for (import, or keep who the user is).
    Capture(crate::app::views::capture_preview::Outcome),
    /// Opens a file (after the unsaved-changes guard).
    OpenPath(PathBuf),
    /// Answers of the unsaved-changes guard.
    GuardSave,
    GuardDiscard,
    /// The in-app path field was confirmed.
    PathEntered(PathBuf),
    SetTheme(ThemeChoice),
    /// Changes the analytics window (and date) the charts, strength and tiers use.
    SetViewParams(crate::analytics::Params),
    ClearRecent,
    /// Shows the import preview of a file (dropped, or typed in the path field).
    ImportPath(PathBuf),
    /// Reads the previewed file again as this format (`None`: detect it).
    ImportAs(Option<crate::formats::Format>),
    /// Applies the import preview (one undo step), or recomputes it if the data changed.
    ConfirmImport,
    /// Asks where to write an export in this format.
    ExportAs(crate::formats::ExportFormat),
}
