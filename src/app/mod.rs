//! The desktop app: an eframe window over the shared model and store.
//!
//! Layout of this module: `mod.rs` (the frame and the command loop), `chrome` (menus, tabs,
//! status bar, banner), `modal` (the dialog in front), `queries` (read access for tests),
//! `commands` (the command table), `theme` (every colour), `dialogs`
//! (native file dialogs behind a trait), `history` (undo/redo), `index` (cached per-contact
//! facts), `session` (the open document, background loading), `prefs` (UI preferences), and
//! `views/` (one file per screen or dialog, each a `*_ui` function that pushes commands).

use eframe::egui;

mod carddav_sync;
mod chrome;
pub mod clock;
pub mod commands;
pub mod demo;
pub mod dialogs;
mod disk_sync;
pub mod edits;
mod files;
pub mod fonts;
mod guard;
pub mod history;
pub mod icon;
pub mod index;
pub mod insights;
pub mod jobs;
pub mod memo;
mod modal;
pub mod order;
pub mod prefs;
mod queries;
pub mod reminders;
pub mod search;
pub mod session;
pub mod theme;
mod transfer;
pub mod views;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use egui::Ui;
use egui_notify::Toasts;

use clock::Clock;
use commands::{Action, Command};
use dialogs::{FileDialogs, NativeDialogs};
use modal::{After, Modal, PathPurpose};
use prefs::Prefs;
use session::{Loading, Origin, Saving, Session};
use theme::ThemeChoice;
use views::Page;
use views::channels::ChannelsState;
use views::charts::ChartsState;
use views::contact_editor::ContactDraft;
use views::contact_list::ContactListState;
use views::help::HelpPage;
use views::interaction_form::InteractionDraft;
use views::plan::PlanState;

use crate::model::{ChannelId, ContactId, Edit};

/// How the app starts. Tests build it directly; [`run`] builds it from the command line and
/// eframe storage.
pub struct AppOptions {
    /// A file to open instead of the demo data.
    pub file: Option<PathBuf>,
    pub prefs: Prefs,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where "today" and "now" come from: the system clock, or a fixed instant in tests.
    pub clock: Clock,
    /// Shows the daily reminder (the desktop's notifications; tests record them).
    pub notifier: Box<dyn reminders::Notifier>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            file: None,
            prefs: Prefs::default(),
            dialogs: Box::new(NativeDialogs::default()),
            clock: Clock::System,
            notifier: Box::new(reminders::DesktopNotifier),
        }
    }
}

/// The application state.
pub struct RapportApp {
    session: Session,
    prefs: Prefs,
    page: Page,
    selected: Option<ContactId>,
    list: ContactListState,
    channels: ChannelsState,
    charts: ChartsState,
    plan: PlanState,
    modal: Option<Modal>,
    loading: Option<Loading>,
    /// A copy being written, and what to do once it is safely on disk.
    saving: Option<(Saving, Option<After>)>,
    /// A file named on the command line, opened on the first frame.
    startup_file: Option<PathBuf>,
    dialogs: Box<dyn FileDialogs>,
    toasts: Toasts,
    /// Set once the person chose to close; the next close request is let through.
    allow_close: bool,
    title_sent: String,
    theme_installed: Option<ThemeChoice>,
    /// Import, export and the duplicates page.
    transfer: transfer::Transfer,
    /// The contact page's monthly timeline, per (analytics revision, params, contact).
    timeline: views::strength_panel::TimelineMemo,
    /// The open file on disk: changes from other devices merged in (`disk_sync.rs`).
    disk: disk_sync::DiskSync,
    /// Where "today" and "now" come from.
    clock: Clock,
    /// What was typed while a file was opening: searched for once it is open.
    typed_while_loading: String,
    /// Settings > Accounts: the CardDAV sync running in the background.
    carddav: carddav_sync::CarddavSync,
    notifier: Box<dyn reminders::Notifier>,
    reminded: reminders::ReminderClock,
}

impl RapportApp {
    /// Builds the app without eframe (tests use this directly).
    #[must_use]
    pub fn new(options: AppOptions) -> Self {
        let AppOptions {
            file,
            prefs,
            dialogs,
            clock,
            notifier,
        } = options;
        // `rapport contacts.vcf`: a new document, with the import preview of that file.
        let (file, startup_import) = match file {
            Some(f) if transfer::is_import_path(&f) => (None, Some(f)),
            other => (other, None),
        };
        let session = match (&file, &startup_import) {
            (None, None) => Session::new(demo::demo_document(), Origin::Demo, clock),
            _ => Session::new(crate::store::Document::default(), Origin::Untitled, clock),
        };
        let mut list = ContactListState::default();
        list.query.sort = prefs.sort;
        list.query.show_archived = prefs.show_archived;
        Self {
            session,
            prefs,
            page: Page::Contacts,
            selected: None,
            list,
            channels: ChannelsState::default(),
            charts: ChartsState::default(),
            plan: PlanState::default(),
            modal: None,
            loading: None,
            saving: None,
            startup_file: file,
            dialogs,
            toasts: Toasts::default(),
            allow_close: false,
            title_sent: String::new(),
            theme_installed: None,
            transfer: transfer::Transfer::new(startup_import),
            timeline: views::strength_panel::TimelineMemo::default(),
            disk: disk_sync::DiskSync::default(),
            clock,
            typed_while_loading: String::new(),
            carddav: carddav_sync::CarddavSync::default(),
            notifier,
            reminded: reminders::ReminderClock::default(),
        }
    }

    /// Builds the app inside eframe, restoring UI preferences from its storage.
    #[must_use]
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        fonts::install_fallback(&cc.egui_ctx);
        let prefs = cc
            .storage
            .and_then(|s| eframe::get_value::<Prefs>(s, prefs::KEY))
            .unwrap_or_default();
        Self::new(AppOptions {
            file,
            prefs,
            ..AppOptions::default()
        })
    }

    /// Draws one frame and applies what the person asked for. [`eframe::App::ui`] calls this;
    /// tests call it through `egui_kittest` without eframe.
    pub fn ui_main(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.theme_installed != Some(self.prefs.theme) {
            theme::install(&ctx, self.prefs.theme);
            self.theme_installed = Some(self.prefs.theme);
        }
        if let Some(path) = self.startup_file.take() {
            self.open_now(&ctx, path, true);
        }
        self.keep_typing_while_loading(&ctx);
        self.poll_loading(&ctx);
        self.poll_saving(&ctx);
        self.poll_disk(&ctx);
        self.poll_carddav();
        self.poll_transfer(&ctx, false);
        self.handle_close_request(&ctx);
        self.remind(&ctx);

        let mut cmds = Vec::new();
        self.shortcuts(&ctx, &mut cmds);
        self.dropped_files(&ctx, &mut cmds);
        let today = self.clock.today();

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui, &mut cmds));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        if let Some(l) = &self.loading {
            let typed = &self.typed_while_loading;
            egui::CentralPanel::default().show(ui, |ui| chrome::loading_ui(ui, l, typed));
        } else if self.page == Page::Contacts {
            egui::Panel::left("contact-list")
                .resizable(true)
                .default_size(300.0)
                .size_range(220.0..=560.0)
                .show(ui, |ui| {
                    let cx = self.session.view_context(self.selected, today);
                    views::contact_list::contact_list_ui(
                        ui,
                        &mut self.list,
                        cx,
                        self.modal.is_none(),
                        &mut cmds,
                    );
                });
        }
        if self.loading.is_none() {
            self.page_ui(ui, today, &mut cmds);
        }
        self.modal_ui(&ctx, &mut cmds);
        self.guard_ui(&ctx);
        chrome::drop_hint_ui(&ctx);
        self.toasts.show(&ctx);

        for cmd in cmds {
            self.apply(&ctx, cmd);
        }
        // A command may have shown the duplicates page: start its search now.
        self.refresh_duplicates(&ctx, false);
        self.prefs.sort = self.list.query.sort;
        self.prefs.show_archived = self.list.query.show_archived;

        let title = self.session.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// The page in the central panel.
    fn page_ui(&mut self, ui: &mut Ui, today: NaiveDate, cmds: &mut Vec<Command>) {
        egui::CentralPanel::default().show(ui, |ui| {
            if self.session.origin == Origin::Demo {
                chrome::demo_banner_ui(ui, cmds);
            }
            let cx = self.session.view_context(self.selected, today);
            match self.page {
                Page::Contacts => {
                    views::contact_detail::contact_detail_ui(ui, cx, &mut self.timeline, cmds);
                }
                Page::Charts => views::charts::charts_page_ui(ui, &mut self.charts, cx, cmds),
                Page::Plan => views::plan::plan_ui(ui, &mut self.plan, cx, cmds),
                Page::Channels => {
                    views::channels::channels_ui(
                        ui,
                        &mut self.channels,
                        &self.session.doc.data,
                        cmds,
                    );
                }
                Page::Duplicates => {
                    views::duplicates::duplicates_ui(ui, &mut self.transfer.duplicates, cx, cmds);
                }
            }
        });
    }

    fn shortcuts(&self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        if self.modal.is_some() {
            return; // dialogs handle Enter and Escape themselves
        }
        let typing = ctx.egui_wants_keyboard_input();
        for (shortcut, action) in Action::shortcut_order() {
            if (!typing || action.works_while_typing())
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                cmds.push(Command::Action(action));
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let Some(file) = dropped.first() else { return };
        let p = file.path();
        if p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            cmds.push(Command::OpenPath(p.to_path_buf()));
        } else if transfer::is_import_path(p) {
            cmds.push(Command::ImportPath(p.to_path_buf()));
        } else if p.as_os_str().is_empty() {
            self.warn("The dropped item has no file path Rapport can open");
        } else {
            self.warn(format!(
                "Drop a Rapport .json file to open it, or a .vcf or .csv file to import it: {}",
                p.display()
            ));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.session.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(After::Quit));
        }
    }

    fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::Action(a) => self.run_action(ctx, a),
            Command::ShowPage(p) => self.page = p,
            Command::SelectContact(id) => self.selected = id,
            Command::EditContact(id) => {
                if let Some(c) = self.session.doc.data.contact(id) {
                    self.modal = Some(Modal::ContactEditor(Box::new(ContactDraft::edit(c))));
                }
            }
            Command::ChoosePhoto => {
                if let Some(Modal::ContactEditor(draft)) = &mut self.modal {
                    views::contact_editor::choose_photo(self.dialogs.as_mut(), draft);
                }
            }
            Command::SetArchived(id, archived) => {
                if let Some(c) =
                    edits::set_archived(&self.session.doc.data, id, archived, self.clock.now())
                {
                    self.apply_edit(c.edit, &c.label);
                }
            }
            Command::Snooze(id, until) => {
                if let Some(c) = edits::snooze(&self.session.doc.data, id, until, self.clock.now())
                {
                    self.apply_edit(c.edit, &c.label);
                }
            }
            Command::AskDeleteContact(id) => self.modal = Some(Modal::ConfirmDelete(id)),
            Command::LogInteractionWith(participants) => self.open_log_form(participants),
            Command::LogPrefilled(it) => {
                let mut draft = InteractionDraft::new(it.date, it.participants, Some(it.channel));
                draft.initiated_by = it.initiated_by;
                self.modal = Some(Modal::InteractionForm(Box::new(draft)));
            }
            Command::LogDraft(draft) => self.modal = Some(Modal::InteractionForm(draft)),
            Command::EditInteraction(id) => {
                if let Some(it) = self.session.doc.data.interaction(id) {
                    let today = self.clock.today();
                    self.modal = Some(Modal::InteractionForm(Box::new(InteractionDraft::edit(
                        it, today,
                    ))));
                }
            }
            Command::DeleteInteraction(id) => {
                if self.apply_edit(Edit::RemoveInteraction(id), "delete interaction") {
                    self.notify("Interaction deleted. Undo with Ctrl+Z")
                        .duration(Some(std::time::Duration::from_secs(4)));
                }
            }
            Command::Apply { edit, label } => {
                if let Edit::PutInteraction(it) = &edit {
                    self.prefs.last_channel = Some(it.channel.0);
                }
                self.apply_edit(edit, &label);
            }
            Command::CloseModal => self.modal = None,
            Command::Capture(outcome) => self.capture_outcome(ctx, outcome),
            Command::SyncCarddav(req) => self.start_carddav_sync(ctx, *req),
            Command::OpenPath(p) => self.guard(ctx, After::OpenPath(p)),
            Command::GuardSave => {
                if let Some(Modal::Unsaved(after)) = self.modal.take() {
                    self.save(ctx, Some(after));
                }
            }
            Command::GuardDiscard => {
                if let Some(Modal::Unsaved(after)) = self.modal.take() {
                    self.run_after(ctx, after);
                }
            }
            Command::PathEntered(path) => {
                self.remember_folder(&path);
                if let Some(Modal::PathPrompt(_, purpose)) = self.modal.take() {
                    match purpose {
                        PathPurpose::Open => self.open_now(ctx, path, false),
                        PathPurpose::SaveAs(after) => self.save_to(ctx, &path, after),
                        PathPurpose::Import => self.start_import(ctx, path, None),
                        PathPurpose::Export(format) => self.export_to(ctx, path, format),
                    }
                }
            }
            Command::SetTheme(t) => self.prefs.theme = t,
            Command::SetReminders(on) => self.prefs.reminders_off = !on,
            Command::SetViewParams(params) => {
                self.session
                    .insights
                    .set_view_params(&self.session.doc.data, params);
            }
            Command::ClearRecent => self.prefs.recent.clear(),
            Command::ImportPath(p) => self.import_dropped(ctx, p),
            Command::ImportAs(format) => self.import_as(ctx, format),
            Command::ConfirmImport => self.confirm_import(),
            Command::ExportAs(format) => self.export_as(ctx, format),
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewFile => self.guard(ctx, After::NewFile),
            Action::OpenFile => self.guard(ctx, After::PickOpen),
            Action::SaveFile => self.save(ctx, None),
            Action::SaveFileAs => self.save_as(ctx, None),
            Action::Quit => self.guard(ctx, After::Quit),
            Action::Undo => match self.session.undo() {
                Some(Ok(label)) => {
                    self.notify(format!("Undid {label}"))
                        .duration(Some(std::time::Duration::from_secs(2)));
                }
                Some(Err(e)) => self.show_error("Could not undo", e.to_string()),
                None => {}
            },
            Action::Redo => match self.session.redo() {
                Some(Ok(label)) => {
                    self.notify(format!("Redid {label}"))
                        .duration(Some(std::time::Duration::from_secs(2)));
                }
                Some(Err(e)) => self.show_error("Could not redo", e.to_string()),
                None => {}
            },
            Action::FocusSearch => {
                self.page = Page::Contacts;
                self.list.focus_search = true;
            }
            Action::AddContact => {
                self.modal = Some(Modal::ContactEditor(Box::new(ContactDraft::new_contact())));
            }
            Action::LogInteraction => {
                let participants = self
                    .selected
                    .filter(|id| self.session.doc.data.contact(*id).is_some())
                    .into_iter()
                    .collect();
                self.open_log_form(participants);
            }
            Action::QuickAdd => {
                self.modal = Some(Modal::QuickAdd(views::quick_add::QuickAddState::default()));
            }
            Action::ImportFile => self.pick_import(ctx, false),
            Action::CaptureInteractions => self.pick_import(ctx, true),
            Action::ExportFile => self.choose_export(),
            // The calendar is Export with the iCalendar format: one code path, written on a
            // background thread.
            Action::ExportCalendar => self.export_as(ctx, crate::formats::ExportFormat::Ics),
            Action::WhoYouAre => self.modal = Some(Modal::Me(String::new())),
            Action::Accounts => self.open_accounts(),
            Action::CommandPalette => {
                self.modal = Some(Modal::Palette(views::palette::Palette::default()));
            }
            Action::EditSelected | Action::ArchiveSelected | Action::DeleteSelected => {
                self.run_on_selected(ctx, action);
            }
            Action::ShowShortcuts => self.modal = Some(Modal::Help(HelpPage::Shortcuts)),
            Action::ShowScoringHelp => self.modal = Some(Modal::Help(HelpPage::Scoring)),
            Action::ShowAbout => self.modal = Some(Modal::Help(HelpPage::About)),
            // The rows of the table that show a page (the tabs): a new page needs no arm here.
            other => match other.info().page {
                Some(page) => self.page = page,
                None => debug_assert!(false, "{other:?} is neither handled nor a page"),
            },
        }
    }

    /// Contact > Edit, Archive or restore, Delete on the open contact (nothing when none is).
    fn run_on_selected(&mut self, ctx: &egui::Context, action: Action) {
        let Some(c) = self
            .selected
            .and_then(|id| self.session.doc.data.contact(id))
        else {
            return;
        };
        let cmd = match action {
            Action::EditSelected => Command::EditContact(c.id),
            Action::ArchiveSelected => Command::SetArchived(c.id, !c.archived),
            _ => Command::AskDeleteContact(c.id),
        };
        self.apply(ctx, cmd);
    }

    fn open_log_form(&mut self, participants: Vec<ContactId>) {
        let today = self.clock.today();
        let data = &self.session.doc.data;
        let channel = self
            .prefs
            .last_channel
            .map(ChannelId)
            .filter(|c| data.channel(*c).is_some())
            .or_else(|| data.channels().first().map(|c| c.id));
        self.modal = Some(Modal::InteractionForm(Box::new(InteractionDraft::new(
            today,
            participants,
            channel,
        ))));
    }

    /// The daily reminder: once the file is loaded (never for the demo), on start and then on
    /// each new day while the window is open. After each day's check a sleeping thread wakes
    /// the window just after midnight (a frame-by-frame repaint request would keep every frame
    /// busy).
    fn remind(&mut self, ctx: &egui::Context) {
        if self.loading.is_some() || self.is_demo() {
            return;
        }
        let now = self.clock.local_now();
        if self.reminded.considered() == Some(now.date()) {
            return;
        }
        let on = !self.prefs.reminders_off;
        let ready = self.session.reminder.take();
        let (data, an) = (&self.session.doc.data, &self.session.insights.plan);
        let due = || crate::analytics::reminders::due_today(data, an, now.date());
        if let Some(r) = self.reminded.check(now.date(), on, ready, due) {
            self.notifier.notify(&r);
        }
        let wake = ctx.clone();
        let wait = reminders::until_tomorrow(now);
        // Without the thread the reminder waits for the next frame: not worth an error.
        let _ = std::thread::Builder::new()
            .name("reminder-clock".into())
            .spawn(move || {
                std::thread::sleep(wait);
                wake.request_repaint();
            });
    }

    /// Applies an undoable edit; shows the error if it is refused. Returns whether it applied.
    fn apply_edit(&mut self, edit: Edit, label: &str) -> bool {
        match self.session.apply(edit, label) {
            Ok(_) => {
                if self
                    .selected
                    .is_some_and(|id| self.session.doc.data.contact(id).is_none())
                {
                    self.selected = None;
                }
                true
            }
            Err(e) => {
                self.show_error("That change was not made", capitalise(&e.to_string()));
                false
            }
        }
    }

    /// Replaces the open document.
    fn replace_session(&mut self, session: Session) {
        let old = std::mem::replace(&mut self.session, session);
        self.disk.track(&mut self.session);
        // The old file's lock and journal go now; freeing its data (a million interactions
        // take tens of milliseconds) goes to a thread of its own.
        let Session {
            doc,
            history,
            index,
            insights,
            guard,
            ..
        } = old;
        drop(guard);
        std::thread::spawn(move || drop((doc, history, index, insights)));
        self.selected = None;
        self.list.invalidate();
        self.channels.reset();
        self.charts.invalidate();
        self.plan = PlanState::default();
        self.transfer.duplicates.invalidate();
        self.timeline.clear();
        if matches!(self.modal, Some(Modal::ImportPreview(_))) {
            // The preview was planned against the data that is gone.
            self.modal = None;
        }
    }

    /// Today by the system clock (local time); the views read the app's [`Clock`] instead.
    #[must_use]
    pub fn today() -> NaiveDate {
        Clock::System.today()
    }
}

/// Kept here for callers that name `crate::app::capitalise`; the one definition is in
/// `views::widgets`.
pub(crate) use views::widgets::capitalise;

impl eframe::App for RapportApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_main(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }
}

/// Opens the window (`rapport [FILE]`).
#[must_use]
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rapport")
            // The app id names the .desktop file, so desktops match the window to its icon.
            .with_app_id(icon::APP_ID)
            .with_icon(icon::window_icon())
            .with_inner_size([1120.0, 720.0])
            .with_min_inner_size([680.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    match eframe::run_native(
        "Rapport",
        options,
        Box::new(|cc| Ok(Box::new(RapportApp::from_creation_context(cc, file)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rapport: could not open the window: {e}");
            ExitCode::from(1)
        }
    }
}
