//! The capture preview (File > Import... with a calendar, mailbox, chat or call log): the file is
//! read on a background thread with a progress bar and Cancel; then the preview shows the
//! interactions it adds, what it skips and why, the people who are not contacts (each with a
//! box to add them), and the source's defaults (depth; the channel for meetings with no place or
//! link). Import applies everything as one undo step. When the source needs to know who the user
//! is, the preview asks for it and keeps it in the data file's `settings.me`. What the app does
//! with the preview's outcome is in `apply`.

mod apply;

use eframe::egui;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use egui::{Key, Modifiers, RichText};

use crate::app::commands::Command;
use crate::app::theme;
use crate::formats::capture::{self, Capture, CaptureOptions, CapturePlan, Clock};
use crate::formats::{Format, SourceError};
use crate::model::{ChannelId, Dataset, Depth, Me, Mode};

/// What the preview asks the app to do.
#[derive(Debug)]
pub enum Outcome {
    /// Apply the plan (one undo step).
    Import(Box<CapturePlan>),
    /// Keep the user's addresses in `settings.me`, then read the file again.
    SetMe(Me),
}

/// One capture import being read or previewed.
pub struct CapturePreview {
    pub path: PathBuf,
    format: Option<Format>,
    state: State,
    /// What the user types into "Me".
    me_text: String,
}

enum State {
    Reading {
        rx: mpsc::Receiver<Result<Capture, SourceError>>,
        done: Arc<AtomicU64>,
        total: Arc<AtomicU64>,
        cancel: Arc<AtomicBool>,
    },
    Failed {
        message: String,
        /// The source needs to know who the user is.
        needs_me: bool,
    },
    Ready(Box<Ready>),
}

struct Ready {
    capture: Capture,
    options: CaptureOptions,
    plan: CapturePlan,
}

/// Whether File > Import... should read `path` as a capture source (a folder of .eml files,
/// a format chosen as one, or content detected as one).
#[must_use]
pub fn is_capture(path: &std::path::Path, format: Option<Format>) -> bool {
    if let Some(f) = format {
        return f.is_capture();
    }
    if path.is_dir() {
        return true;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 1 << 16), &mut head));
    read.is_ok() && capture::detect(&head).is_some()
}

impl CapturePreview {
    /// Starts reading on a background thread.
    #[must_use]
    pub fn start(ctx: &egui::Context, path: PathBuf, format: Option<Format>, me: &Me) -> Self {
        let mut p = Self {
            path,
            format,
            state: State::Failed {
                message: String::new(),
                needs_me: false,
            },
            me_text: String::new(),
        };
        p.read(ctx, me);
        p
    }

    fn read(&mut self, ctx: &egui::Context, me: &Me) {
        let (tx, rx) = mpsc::channel();
        let done = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        let wake = ctx.clone();
        let path = self.path.clone();
        let format = self.format;
        let me = me.clone();
        let spawned = std::thread::Builder::new()
            .name("rapport-capture".into())
            .spawn(move || {
                let mut last = std::time::Instant::now();
                let result = capture::read_capture(
                    &path,
                    format,
                    &me,
                    &Clock::system(),
                    &mut |done, total| {
                        d.store(done, Ordering::Relaxed);
                        t.store(total, Ordering::Relaxed);
                        if last.elapsed().as_millis() > 100 {
                            last = std::time::Instant::now();
                            wake.request_repaint();
                        }
                        !c.load(Ordering::Relaxed)
                    },
                );
                let _ = tx.send(result);
                wake.request_repaint();
            });
        self.state = match spawned {
            Ok(_) => State::Reading {
                rx,
                done,
                total,
                cancel,
            },
            Err(e) => State::Failed {
                message: format!("Could not read {}: {e}.", self.name()),
                needs_me: false,
            },
        };
    }

    fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Takes the background result, if it is there.
    fn poll(&mut self, data: &Dataset, block: bool) {
        let State::Reading { rx, .. } = &self.state else {
            return;
        };
        let result = if block {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(r) => Some(r),
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        self.state = match result {
            Some(Ok(capture)) => {
                let options = CaptureOptions::for_format(capture.format);
                let plan = CapturePlan::new(data, &capture, &options);
                State::Ready(Box::new(Ready {
                    capture,
                    options,
                    plan,
                }))
            }
            Some(Err(e)) => {
                let needs_me = matches!(&e.problem, crate::formats::ImportError::Capture(m) if m.contains("--me"));
                let message = match &e.problem {
                    crate::formats::ImportError::Capture(m) if needs_me => {
                        // The command-line hint becomes the app's.
                        let m = m.split("; give").next().unwrap_or(m);
                        format!("{}: {m}. Tell it who you are below.", self.name())
                    }
                    _ => format!("Could not read {e}."),
                };
                State::Failed { message, needs_me }
            }
            None => State::Failed {
                message: format!("Reading {} stopped unexpectedly.", self.name()),
                needs_me: false,
            },
        };
    }

    /// Waits for the background read (tests).
    pub fn wait(&mut self, data: &Dataset) {
        self.poll(data, true);
    }

    /// Whether the preview is showing a plan.
    #[must_use]
    pub fn is_ready(&self) -> bool {
        matches!(self.state, State::Ready(_))
    }
}

/// The preview window.
pub fn capture_preview_ui(
    ctx: &egui::Context,
    preview: &mut CapturePreview,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    preview.poll(data, false);
    let name = preview.name();
    let r = egui::Modal::new(egui::Id::unique("capture-preview")).show(ctx, |ui| {
        ui.set_width(680.0);
        ui.heading(format!("Import {name}"));
        ui.label(
            RichText::new(preview.path.display().to_string())
                .size(theme::META_SIZE)
                .color(theme::weak_text(ui.visuals())),
        );
        ui.add_space(theme::GAP_M);
        match &mut preview.state {
            State::Reading {
                done,
                total,
                cancel,
                ..
            } => {
                let (d, t) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
                let fraction = if t > 0 { d as f32 / t as f32 } else { 0.0 };
                ui.label(format!("Reading {name}..."));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .show_percentage()
                        .desired_width(640.0),
                );
                ui.add_space(theme::GAP_M);
                if ui.button("Cancel").clicked() {
                    cancel.store(true, Ordering::Relaxed);
                    cmds.push(Command::CloseModal);
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            State::Failed { message, needs_me } => {
                // Not knowing who the user is is a question, not an error.
                let color = if *needs_me {
                    theme::warning_text(ui.visuals())
                } else {
                    theme::error_text(ui.visuals())
                };
                ui.add(egui::Label::new(RichText::new(message.as_str()).color(color)).wrap());
                ui.label("Nothing was imported.");
                ui.add_space(theme::GAP_M);
                if *needs_me {
                    me_ui(ui, &mut preview.me_text, data, cmds);
                }
                if ui.button("Close").clicked() {
                    cmds.push(Command::CloseModal);
                }
            }
            State::Ready(ready) => ready_ui(ui, ready, &mut preview.me_text, data, cmds),
        }
    });
    if r.should_close() || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        if let State::Reading { cancel, .. } = &preview.state {
            cancel.store(true, Ordering::Relaxed);
        }
        cmds.push(Command::CloseModal);
    }
}

/// File > Who you are...: the user's own addresses, phones and chat names (`settings.me`).
pub fn me_dialog_ui(
    ctx: &egui::Context,
    text: &mut String,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    let r = egui::Modal::new(egui::Id::unique("me-dialog")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading("Who you are");
        ui.add(
            egui::Label::new(
                RichText::new(
                    "Your own email addresses, phone numbers and names in chat exports. \
                     Imported mail, meetings and chats use them to tell your messages from \
                     other people's. They are kept in this data file.",
                )
                .color(theme::weak_text(ui.visuals())),
            )
            .wrap(),
        );
        ui.add_space(theme::GAP_M);
        me_fields_ui(ui, text, data, cmds, false);
        if ui.button("Close").clicked() {
            cmds.push(Command::CloseModal);
        }
    });
    if r.should_close() || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        cmds.push(Command::CloseModal);
    }
}

/// "Me": the user's addresses, phones and chat names, each with a Remove button, and a field to
/// add one. A change is kept in the data file (one undo step) and the file is read again.
fn me_ui(ui: &mut egui::Ui, text: &mut String, data: &Dataset, cmds: &mut Vec<Command>) {
    me_fields_ui(ui, text, data, cmds, true);
}

/// The list and the field; `reread` says the capture file is read again after a change.
fn me_fields_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    data: &Dataset,
    cmds: &mut Vec<Command>,
    reread: bool,
) {
    let me = &data.settings().me;
    let known: Vec<&String> = me
        .emails
        .iter()
        .chain(&me.phones)
        .chain(&me.names)
        .collect();
    if known.is_empty() {
        ui.label("Rapport does not know who you are yet.");
    }
    for value in known {
        ui.horizontal(|ui| {
            ui.label(value.as_str());
            let remove = ui.small_button("Remove");
            let name = format!("Remove {value}");
            remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if remove.clicked() {
                let mut me = me.clone();
                for list in [&mut me.emails, &mut me.phones, &mut me.names] {
                    list.retain(|v| v != value);
                }
                cmds.push(Command::Capture(Outcome::SetMe(me)));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Add your email, phone or chat name");
        let field = ui
            .add(egui::TextEdit::singleline(text).desired_width(260.0))
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let ok = !text.trim().is_empty();
        if (ui
            .add_enabled(
                ok,
                egui::Button::new(if reread { "Save and read again" } else { "Add" }),
            )
            .clicked()
            || enter)
            && ok
        {
            let mut me = me.clone();
            me.add(text);
            text.clear();
            cmds.push(Command::Capture(Outcome::SetMe(me)));
        }
    });
    ui.add_space(theme::GAP_M);
}

fn ready_ui(
    ui: &mut egui::Ui,
    ready: &mut Ready,
    me_text: &mut String,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    let plan = &ready.plan;
    ui.label(
        RichText::new(format!(
            "{}: {} interaction{} to add",
            plan.format.label(),
            plan.interactions.len(),
            if plan.interactions.len() == 1 {
                ""
            } else {
                "s"
            }
        ))
        .strong(),
    );
    // Per channel, so the user sees the online/offline split before importing.
    let channel_of = |id: ChannelId| {
        data.channel(id)
            .or_else(|| plan.new_channels.iter().find(|c| c.id == id))
    };
    let mut per_channel: Vec<(String, Mode, usize)> = Vec::new();
    for it in &plan.interactions {
        let Some(c) = channel_of(it.channel) else {
            continue;
        };
        match per_channel.iter_mut().find(|(n, _, _)| *n == c.name) {
            Some((_, _, n)) => *n += 1,
            None => per_channel.push((c.name.clone(), c.mode, 1)),
        }
    }
    for (name, mode, n) in &per_channel {
        ui.horizontal(|ui| {
            ui.add_space(theme::GAP_M);
            ui.label(format!("{n} × {name}"));
            theme::mode_badge(ui, *mode);
        });
    }
    if !plan.interactions.is_empty() {
        egui::CollapsingHeader::new(format!("Show the {} interactions", plan.interactions.len()))
            .id_salt("capture-list")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("capture-list-scroll")
                    .max_height(160.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for it in plan.interactions.iter().take(500) {
                            let who: Vec<String> = it
                                .participants
                                .iter()
                                .filter_map(|id| {
                                    data.contact(*id)
                                        .or_else(|| plan.new_contacts.iter().find(|c| c.id == *id))
                                        .map(|c| c.display_name.clone())
                                })
                                .collect();
                            let channel = channel_of(it.channel).map_or("", |c| c.name.as_str());
                            let mut line = format!("{}  {channel}  {}", it.date, who.join(", "));
                            if let Some(m) = it.minutes {
                                let _ = write!(line, ", {m} min");
                            }
                            if !it.summary.is_empty() {
                                let _ = write!(line, "  ({})", it.summary);
                            }
                            ui.label(line);
                        }
                        if plan.interactions.len() > 500 {
                            ui.label(format!("... and {} more", plan.interactions.len() - 500));
                        }
                    });
            });
    }
    ui.add_space(theme::GAP_S);
    let mut changed = false;
    ui.horizontal(|ui| {
        let l = ui.label("Depth for these interactions");
        let mut depth = ready.options.depth.get();
        egui::ComboBox::from_id_salt("capture-depth")
            .selected_text(depth.to_string())
            .show_ui(ui, |ui| {
                for d in Depth::all() {
                    changed |= ui
                        .selectable_value(&mut depth, d.get(), d.get().to_string())
                        .changed();
                }
            })
            .response
            .labelled_by(l.id);
        if let Some(d) = Depth::new(depth) {
            ready.options.depth = d;
        }
    });
    if ready.capture.format == Format::Ics {
        ui.horizontal(|ui| {
            let l = ui.label("Meetings with no place or link");
            let current = ready
                .options
                .unknown_place
                .and_then(|id| data.channel(id))
                .map_or_else(|| "Skip them".to_owned(), |c| c.name.clone());
            egui::ComboBox::from_id_salt("capture-unknown-place")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut ready.options.unknown_place, None, "Skip them")
                        .changed();
                    for c in data.channels() {
                        changed |= ui
                            .selectable_value(
                                &mut ready.options.unknown_place,
                                Some::<ChannelId>(c.id),
                                format!("{} ({})", c.name, c.mode),
                            )
                            .changed();
                    }
                })
                .response
                .labelled_by(l.id);
        });
    }
    ui.add_space(theme::GAP_S);
    egui::ScrollArea::vertical()
        .id_salt("capture-details")
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if !ready.plan.strangers.is_empty() {
                ui.label(RichText::new("People who are not contacts").strong());
                ui.label(
                    RichText::new(
                        "Tick whom to add as a contact; their interactions come with them.",
                    )
                    .color(theme::weak_text(ui.visuals())),
                );
                for s in &ready.plan.strangers {
                    let mut on = ready.options.add.contains(&s.key);
                    let who = match (&s.person.email, &s.person.phone) {
                        (Some(e), _) if !s.person.name.is_empty() => {
                            format!("{} <{e}>", s.person.name)
                        }
                        _ => s.person.label(),
                    };
                    let text = format!(
                        "{who}: {} interaction{}",
                        s.count,
                        if s.count == 1 { "" } else { "s" }
                    );
                    if ui.checkbox(&mut on, text).changed() {
                        changed = true;
                        if on {
                            ready.options.add.insert(s.key.clone());
                        } else {
                            ready.options.add.remove(&s.key);
                        }
                    }
                }
                ui.add_space(theme::GAP_S);
            }
            if !ready.plan.skipped.is_empty() {
                ui.label(RichText::new("Skipped").strong());
                for (reason, n) in &ready.plan.skipped {
                    ui.label(format!("{n} × {reason}"));
                }
                ui.add_space(theme::GAP_S);
            }
            if ready.plan.problem_count > 0 {
                ui.label(
                    RichText::new(format!(
                        "{} lines could not be read",
                        ready.plan.problem_count
                    ))
                    .color(theme::warning_text(ui.visuals())),
                );
                for p in &ready.plan.problems {
                    ui.label(p.as_str());
                }
            }
        });
    if changed {
        ready.plan = CapturePlan::new(data, &ready.capture, &ready.options);
    }
    let me = &data.settings().me;
    let who: Vec<&str> = me
        .emails
        .iter()
        .chain(&me.phones)
        .chain(&me.names)
        .map(String::as_str)
        .collect();
    let title = if who.is_empty() {
        "Who you are: not set".to_owned()
    } else {
        format!("Who you are: {}", who.join(", "))
    };
    egui::CollapsingHeader::new(title)
        .id_salt("capture-me")
        .show(ui, |ui| me_ui(ui, me_text, data, cmds));
    ui.add_space(theme::GAP_M);
    ui.horizontal(|ui| {
        let empty = ready.plan.is_empty();
        let import = ui
            .add_enabled(!empty, egui::Button::new(RichText::new("Import").strong()))
            .on_hover_text("Add these interactions; Ctrl+Z undoes the whole import")
            .on_disabled_hover_text("This file adds nothing new");
        if import.clicked() {
            cmds.push(Command::Capture(Outcome::Import(Box::new(
                ready.plan.clone(),
            ))));
        }
        if ui.button("Cancel").clicked() {
            cmds.push(Command::CloseModal);
        }
        let hint = if empty {
            "Nothing to import: everything is already there"
        } else {
            "Nothing changes until you import"
        };
        ui.label(RichText::new(hint).color(theme::weak_text(ui.visuals())));
    });
}
