//! Everything a person can ask the app to do. Views never change state while drawing: they push
//! [`Command`]s, and the app applies them after the frame is drawn.
//!
//! [`Action`] is the command table: each parameterless action has exactly one label, tooltip,
//! menu and set of shortcuts, and the menus, the shortcut handling and the tests all read it.
//!
//! About 600 lines on purpose: the table is one row per command, and its tests (no shared
//! shortcut, every command reachable, the table complete) sit beside it.

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
    Contact,
    View,
    Help,
}

impl Menu {
    /// The menu bar, left to right.
    pub const ALL: [Menu; 5] = [
        Menu::File,
        Menu::Edit,
        Menu::Contact,
        Menu::View,
        Menu::Help,
    ];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::Contact => "Contact",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }

    /// The actions of this menu in order, in groups separated by a line. (Submenus that are not
    /// actions, Open recent and Theme, are added by the menu bar: see `chrome.rs`.)
    #[must_use]
    pub fn groups(self) -> Vec<Vec<Action>> {
        let mut groups: Vec<Vec<Action>> = Vec::new();
        let mut last_group = None;
        for &action in Action::ALL {
            let info = action.info();
            if info.menu != Some(self) {
                continue;
            }
            if last_group != Some(info.group) {
                groups.push(Vec::new());
                last_group = Some(info.group);
            }
            if let Some(g) = groups.last_mut() {
                g.push(action);
            }
        }
        groups
    }
}

/// Declares [`Action`] and [`Action::ALL`] from one list, so the list cannot miss a variant.
macro_rules! actions {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A parameterless action: a row of the command table, with its label, tooltip, menu,
        /// shortcuts and (for pages) its tab.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $name,)*
        }

        impl Action {
            /// Every action, in table order: the order of the menus, the tabs (and so of their
            /// Ctrl+number shortcuts) and the command palette.
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];
        }
    };
}

actions! {
    NewFile,
    OpenFile,
    SaveFile,
    SaveFileAs,
    ImportFile,
    /// Import with the calendars, mail, chats and call logs offered first.
    CaptureInteractions,
    ExportFile,
    /// The plan as an .ics file: Export with the calendar format, without the format question.
    ExportCalendar,
    /// Your own addresses, phones and chat names (`settings.me`), for captured mail and chats.
    WhoYouAre,
    /// Settings > Accounts: the CardDAV account the contacts sync with.
    Accounts,
    Quit,
    Undo,
    Redo,
    FocusSearch,
    AddContact,
    LogInteraction,
    /// One typed line read into the Log form (`model::quick_add`).
    QuickAdd,
    /// The open (selected) contact: edit, archive or restore, delete.
    EditSelected,
    ArchiveSelected,
    DeleteSelected,
    ShowContacts,
    ShowPlan,
    ShowCharts,
    ShowChannels,
    FindDuplicates,
    CommandPalette,
    ShowShortcuts,
    ShowScoringHelp,
    ShowAbout,
}

/// One row of the command table.
#[derive(Clone, Copy, Debug)]
pub struct ActionInfo {
    /// Menu and palette text; ends with `...` when it opens a dialog.
    pub label: &'static str,
    pub tooltip: &'static str,
    /// The menu it is listed in; `None`: the command palette only.
    pub menu: Option<Menu>,
    /// Actions of a menu with the same group sit together, between separators.
    pub group: u8,
    /// The page it shows, when it shows one: such actions are also the tabs, in table order,
    /// and Ctrl+1, Ctrl+2... follow that order.
    pub page: Option<Page>,
    /// Shortcuts besides a tab's Ctrl+number. The first shortcut (see [`Action::shortcuts`]) is
    /// shown in menus and the palette; all of them work.
    pub keys: &'static [KeyboardShortcut],
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

/// Ctrl+1 to Ctrl+9: the tabs, in order.
const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

impl Action {
    /// The command table.
    #[must_use]
    pub fn info(self) -> ActionInfo {
        use Menu::{Contact, Edit, File, Help, View};
        let row = |label, tooltip, menu, group, keys| ActionInfo {
            label,
            tooltip,
            menu,
            group,
            page: None,
            keys,
        };
        let page = |label, tooltip, menu, page| ActionInfo {
            label,
            tooltip,
            menu,
            group: 0,
            page: Some(page),
            keys: &[],
        };
        match self {
            Action::NewFile => row("New", "Start an empty data file", Some(File), 0, {
                const S: &[KeyboardShortcut] = &[ctrl(Key::N)];
                S
            }),
            Action::OpenFile => row("Open...", "Open a Rapport data file", Some(File), 0, {
                const S: &[KeyboardShortcut] = &[ctrl(Key::O)];
                S
            }),
            Action::SaveFile => row("Save", "Save to the current file", Some(File), 1, {
                const S: &[KeyboardShortcut] = &[ctrl(Key::S)];
                S
            }),
            Action::SaveFileAs => row("Save As...", "Save to a new file", Some(File), 1, {
                const S: &[KeyboardShortcut] = &[ctrl_shift(Key::S)];
                S
            }),
            Action::ImportFile => row(
                "Import...",
                "Add contacts from a vCard, CSV or another Rapport file, or interactions from a \
                 calendar, mailbox, chat or call log, after a preview",
                Some(File),
                2,
                {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::I)];
                    S
                },
            ),
            Action::CaptureInteractions => row(
                "Capture interactions...",
                "Add meetings, mail, chats or calls from a calendar (.ics), a mailbox (.mbox, \
                 .eml), a chat export or a call log, after a preview",
                Some(File),
                2,
                &[],
            ),
            Action::ExportFile => row(
                "Export...",
                "Write the data as CSV, vCard, iCalendar or JSON; the open file does not change",
                Some(File),
                2,
                &[],
            ),
            Action::ExportCalendar => row(
                "Export plan to calendar...",
                "Save due touchpoints and follow-ups as an .ics calendar file",
                Some(File),
                2,
                &[],
            ),
            Action::WhoYouAre => row(
                "Who you are...",
                "Your own email addresses, phone numbers and chat names, so imported mail, \
                 meetings and chats can tell you from others",
                Some(File),
                2,
                &[],
            ),
            Action::Accounts => row(
                "Accounts...",
                "Settings > Accounts: sync the contacts both ways with a CardDAV address book \
                 (Nextcloud, Radicale, Fastmail, iCloud)",
                Some(File),
                2,
                &[],
            ),
            Action::Quit => row("Quit", "Close Rapport", Some(File), 3, {
                const S: &[KeyboardShortcut] = &[ctrl(Key::Q)];
                S
            }),
            Action::Undo => row("Undo", "Undo the last change", Some(Edit), 0, {
                const S: &[KeyboardShortcut] = &[ctrl(Key::Z)];
                S
            }),
            Action::Redo => row("Redo", "Redo the change you undid", Some(Edit), 0, {
                const S: &[KeyboardShortcut] = &[ctrl_shift(Key::Z), ctrl(Key::Y)];
                S
            }),
            Action::FocusSearch => row(
                "Find contact",
                "Search contacts by name, organisation, email or tag",
                Some(Edit),
                1,
                {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::F)];
                    S
                },
            ),
            Action::AddContact => row(
                "Add contact...",
                "Create a new contact",
                Some(Contact),
                0,
                {
                    const S: &[KeyboardShortcut] = &[ctrl_shift(Key::N)];
                    S
                },
            ),
            Action::LogInteraction => row(
                "Log interaction...",
                "Record a conversation, meeting or message",
                Some(Contact),
                0,
                {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::L)];
                    S
                },
            ),
            Action::QuickAdd => row(
                "Quick add...",
                "Type one line, such as \"Coffee with Ada, 45 min, deep\", and check it in the \
                 Log form",
                Some(Contact),
                0,
                {
                    const S: &[KeyboardShortcut] = &[ctrl_shift(Key::L)];
                    S
                },
            ),
            Action::EditSelected => row(
                "Edit contact...",
                "Change the open contact's name, details, tags or cadence",
                Some(Contact),
                1,
                &[],
            ),
            Action::ArchiveSelected => row(
                "Archive or restore contact",
                "Archive the open contact (kept, but out of lists and the plan), or restore it",
                Some(Contact),
                1,
                &[],
            ),
            Action::DeleteSelected => row(
                "Delete contact...",
                "Delete the open contact, after asking (undo brings it back)",
                Some(Contact),
                1,
                &[],
            ),
            Action::FindDuplicates => ActionInfo {
                group: 2,
                ..page(
                    "Find duplicates",
                    "Contacts that share an email, a phone or a name, to merge",
                    Some(Contact),
                    Page::Duplicates,
                )
            },
            Action::ShowContacts => page(
                "Contacts",
                "The contact list and each person's history",
                Some(View),
                Page::Contacts,
            ),
            Action::ShowPlan => page(
                "This week",
                "Who is due for a touchpoint, follow-ups and birthdays, and how to reach out",
                Some(View),
                Page::Plan,
            ),
            Action::ShowCharts => page(
                "Charts",
                "Tie strength and online vs offline engagement across your network",
                Some(View),
                Page::Charts,
            ),
            Action::ShowChannels => page(
                "Channels",
                "Add, rename and mark channels online or offline",
                Some(View),
                Page::Channels,
            ),
            Action::CommandPalette => row(
                "Command palette...",
                "Type to find and run any command",
                Some(View),
                1,
                {
                    const S: &[KeyboardShortcut] = &[ctrl(Key::K)];
                    S
                },
            ),
            Action::ShowShortcuts => row(
                "Keyboard shortcuts",
                "Every shortcut on one sheet",
                Some(Help),
                0,
                {
                    const S: &[KeyboardShortcut] = &[
                        KeyboardShortcut::new(Modifiers::NONE, Key::F1),
                        ctrl(Key::Slash),
                    ];
                    S
                },
            ),
            Action::ShowScoringHelp => row(
                "How Rapport scores a relationship",
                "What the strength score and the circles mean, in plain words",
                Some(Help),
                0,
                &[],
            ),
            Action::ShowAbout => row(
                "About Rapport",
                "The version and the licence",
                Some(Help),
                1,
                &[],
            ),
        }
    }

    /// The tabs: the actions that show a page, in table order.
    #[must_use]
    pub fn tabs() -> Vec<Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(|a| a.info().page.is_some())
            .collect()
    }

    /// All shortcuts of the action: a tab's Ctrl+number (its place among the tabs), then the
    /// table's keys. The first is the one menus and the palette show.
    #[must_use]
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let tab = Action::tabs()
            .iter()
            .position(|&a| a == self)
            .and_then(|i| NUMBER_KEYS.get(i))
            .map(|&k| ctrl(k));
        tab.into_iter()
            .chain(self.info().keys.iter().copied())
            .collect()
    }

    /// The shortcut shown beside the action, if it has one.
    #[must_use]
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// The tooltip, with the shortcut when there is one: "Create a new contact (Ctrl+Shift+N)".
    #[must_use]
    pub fn tooltip_with_shortcut(self, ctx: &egui::Context) -> String {
        let tooltip = self.info().tooltip;
        match self.shortcut() {
            Some(s) => format!("{tooltip} ({})", ctx.format_shortcut(&s)),
            None => tooltip.to_owned(),
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
            .flat_map(|&a| a.shortcuts().into_iter().map(move |s| (s, a)))
            .collect();
        all.sort_by_key(|(s, _)| {
            std::cmp::Reverse(u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt))
        });
        all
    }

    /// The action that shows `page`.
    #[must_use]
    pub fn showing(page: Page) -> Option<Action> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.info().page == Some(page))
    }

    /// Whether the command palette offers the action: every action but the palette itself.
    #[must_use]
    pub fn in_palette(self) -> bool {
        self != Action::CommandPalette
    }

    /// The palette's filter: every word of `query` appears in the label or the tooltip
    /// (ignoring case). An empty query matches everything.
    #[must_use]
    pub fn matches(self, query: &str) -> bool {
        let info = self.info();
        all_words_in(query, &format!("{} {}", info.label, info.tooltip))
    }

    /// Whether every word of `query` appears in the label alone (the palette lists these first).
    #[must_use]
    pub fn label_matches(self, query: &str) -> bool {
        all_words_in(query, self.info().label)
    }
}

fn all_words_in(query: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|w| text.contains(w))
}

/// What a view asks the app to do. Applied after the frame is drawn.
#[derive(Debug)]
#[must_use]
#[expect(
    clippy::large_enum_variant,
    reason = "a few commands per frame; boxing the edit would only add noise"
)]
pub enum Command {
    Action(Action),
    ShowPage(Page),
    SelectContact(Option<ContactId>),
    /// Opens the contact editor on an existing contact.
    EditContact(ContactId),
    /// The contact editor's Choose photo...: a file dialog, then the photo in the open draft.
    ChoosePhoto,
    SetArchived(ContactId, bool),
    /// Snoozes a contact until the date (`None`: unsnoozes), stamped with the app's clock.
    Snooze(ContactId, Option<chrono::NaiveDate>),
    /// Asks for confirmation, then deletes.
    AskDeleteContact(ContactId),
    /// Opens the interaction form with these participants preselected.
    LogInteractionWith(Vec<ContactId>),
    /// Opens the interaction form filled in from this interaction (the planner's suggestion).
    LogPrefilled(Interaction),
    /// Opens the interaction form on this draft (quick add).
    LogDraft(Box<crate::app::views::interaction_form::InteractionDraft>),
    EditInteraction(InteractionId),
    DeleteInteraction(InteractionId),
    /// Applies an undoable edit; `label` names it in the Edit menu ("Undo add contact").
    Apply {
        edit: Edit,
        label: String,
    },
    /// Closes the dialog that is open.
    CloseModal,
    /// Settings > Accounts' Sync now: a CardDAV sync on a background job.
    SyncCarddav(Box<crate::carddav::Request>),
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
    /// View > Desktop reminders: the daily notification on or off.
    SetReminders(bool),
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

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::{Action, Menu};
    use crate::app::views::Page;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashMap::new();
        for (shortcut, action) in Action::shortcut_order() {
            if let Some(other) = seen.insert(shortcut, action) {
                panic!("{action:?} and {other:?} share {shortcut:?}");
            }
        }
    }

    #[test]
    fn the_table_lists_every_command_once() {
        // `Action::ALL` and the enum come from one list (the `actions!` macro), and `info` is an
        // exhaustive match: here, no action is listed twice and each has its words.
        let unique: HashSet<Action> = Action::ALL.iter().copied().collect();
        assert_eq!(unique.len(), Action::ALL.len());
        let labels: HashSet<&str> = Action::ALL.iter().map(|a| a.info().label).collect();
        assert_eq!(labels.len(), Action::ALL.len(), "two actions share a label");
        for a in Action::ALL {
            let info = a.info();
            assert!(!info.label.is_empty() && !info.tooltip.is_empty(), "{a:?}");
            assert!(
                !info.tooltip.ends_with('.'),
                "{a:?}: no period on one sentence"
            );
        }
    }

    #[test]
    fn every_command_is_reachable_from_a_menu_or_the_palette() {
        let in_menus: HashSet<Action> = Menu::ALL
            .iter()
            .flat_map(|m| m.groups().into_iter().flatten())
            .collect();
        for &a in Action::ALL {
            assert!(
                in_menus.contains(&a) || a.in_palette(),
                "{a:?} is unreachable"
            );
        }
        // The palette itself is opened from the View menu (and Ctrl+K).
        assert!(in_menus.contains(&Action::CommandPalette));
    }

    #[test]
    fn tabs_and_their_ctrl_numbers_agree() {
        let tabs = Action::tabs();
        let pages: Vec<Page> = tabs.iter().filter_map(|a| a.info().page).collect();
        assert_eq!(
            pages,
            [
                Page::Contacts,
                Page::Plan,
                Page::Charts,
                Page::Channels,
                Page::Duplicates
            ]
        );
        for (i, a) in tabs.iter().enumerate() {
            let shortcut = a.shortcut().unwrap();
            assert_eq!(shortcut.logical_key.name(), (i + 1).to_string(), "{a:?}");
        }
        for page in pages {
            assert_eq!(Action::showing(page).unwrap().info().page, Some(page));
        }
    }

    #[test]
    fn the_palette_filter_reads_labels_and_tooltips() {
        assert!(Action::ExportCalendar.matches("calendar"));
        assert!(Action::ExportCalendar.matches("EXPORT plan"));
        assert!(Action::AddContact.matches(""));
        assert!(!Action::Quit.matches("calendar"));
    }
}
