//! The channels settings page: add, rename, mark online or offline, remove unused ones.

use eframe::egui;

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::app::commands::Command;
use crate::app::edits;
use crate::app::memo::Memo;
use crate::app::theme;
use crate::model::{Channel, ChannelId, Dataset, Edit, Mode};

/// Text being typed on the page, and usage counts cached per data revision.
#[derive(Debug, Default)]
pub struct ChannelsState {
    names: HashMap<ChannelId, String>,
    pub new_name: String,
    pub new_mode: Option<Mode>,
    error: Option<String>,
    /// Interactions per channel, per data revision.
    usage: Memo<u64, HashMap<ChannelId, usize>>,
}

impl ChannelsState {
    /// Forgets cached counts and half-typed names (another document was opened).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    fn refresh(&mut self, data: &Dataset) {
        if self.usage.get(&data.revision()).is_some() {
            return;
        }
        self.usage.get_or_compute(data.revision(), || {
            let mut usage = HashMap::new();
            for it in data.interactions() {
                *usage.entry(it.channel).or_default() += 1;
            }
            usage
        });
        // Show the names as they now are (a rename, or an undo of one).
        self.names.clear();
    }
}

pub fn channels_ui(
    ui: &mut Ui,
    state: &mut ChannelsState,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    state.refresh(data);
    ui.add_space(theme::GAP_M);
    ui.heading("Channels");
    ui.label(
        RichText::new(
            "Every interaction happens on a channel. Online channels cross a network (calls, \
             email, chat); offline ones share a room or a physical object. Strength never \
             depends on the channel, only on the interactions.",
        )
        .color(theme::weak_text(ui.visuals())),
    );
    ui.add_space(theme::GAP_M);

    egui::Grid::new("channels-grid")
        .num_columns(4)
        .striped(true)
        .spacing([theme::GAP_L, theme::GAP_S])
        .show(ui, |ui| {
            ui.label(RichText::new("Channel").strong());
            ui.label(RichText::new("Mode").strong());
            ui.label(RichText::new("Used by").strong());
            ui.label("");
            ui.end_row();
            for ch in data.channels() {
                channel_row_ui(ui, state, ch, cmds);
                ui.end_row();
            }
        });

    ui.add_space(theme::GAP_L);
    ui.label(RichText::new("Add a channel").strong());
    ui.horizontal(|ui| {
        let l = ui.label("Name");
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_name)
                    .hint_text("Conference, Podcast, Walk...")
                    .desired_width(200.0),
            )
            .labelled_by(l.id);
        let l = ui.label("Online or offline");
        egui::ComboBox::from_id_salt("new-channel-mode")
            .selected_text(state.new_mode.map_or("Choose...", Mode::label))
            .show_ui(ui, |ui| {
                for m in Mode::ALL {
                    ui.selectable_value(&mut state.new_mode, Some(m), m.label());
                }
            })
            .response
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Add channel").clicked() || enter {
            let name = state.new_name.trim();
            state.error = if name.is_empty() {
                Some("Give the channel a name".into())
            } else if data.channel_by_name(name).is_some() {
                Some(format!("There is already a channel called \"{name}\""))
            } else if let Some(mode) = state.new_mode {
                cmds.push(edits::add_channel(data, name, mode).into());
                state.new_name.clear();
                state.new_mode = None;
                None
            } else {
                Some("Choose online or offline".into())
            };
        }
    });
    if let Some(e) = &state.error {
        theme::field_error(ui, e);
    }
}

fn channel_row_ui(ui: &mut Ui, state: &mut ChannelsState, ch: &Channel, cmds: &mut Vec<Command>) {
    let name = state.names.entry(ch.id).or_insert_with(|| ch.name.clone());
    let r = ui.add_sized(
        [200.0, ui.spacing().interact_size.y],
        egui::TextEdit::singleline(name),
    );
    super::named(&r, &format!("Name of channel {}", ch.name));
    if r.lost_focus() {
        let new = name.trim().to_owned();
        if new.is_empty() {
            name.clone_from(&ch.name);
            state.error = Some("A channel needs a name; the old one was kept".into());
        } else if new != ch.name {
            let mut renamed = ch.clone();
            renamed.name.clone_from(&new);
            cmds.push(Command::Apply {
                edit: Edit::PutChannel(renamed),
                label: format!("rename channel {} to {new}", ch.name),
            });
        }
    }
    ui.horizontal(|ui| {
        let mut mode = ch.mode;
        ui.name_inputs(format!("Mode of {}", ch.name), |ui| {
            egui::ComboBox::from_id_salt(("channel-mode", ch.id.0))
                .selected_text(mode.label())
                .width(80.0)
                .show_ui(ui, |ui| {
                    for m in Mode::ALL {
                        ui.selectable_value(&mut mode, m, m.label());
                    }
                })
        });
        theme::mode_badge(ui, ch.mode);
        if mode != ch.mode {
            let mut changed = ch.clone();
            changed.mode = mode;
            cmds.push(Command::Apply {
                edit: Edit::PutChannel(changed),
                label: format!("mark {} {mode}", ch.name),
            });
        }
    });
    let used = state
        .usage
        .value()
        .and_then(|u| u.get(&ch.id))
        .copied()
        .unwrap_or(0);
    ui.label(match used {
        0 => "no interactions".to_owned(),
        1 => "1 interaction".to_owned(),
        n => format!("{} interactions", crate::app::views::grouped(n)),
    });
    let remove = ui.add_enabled(used == 0, egui::Button::new("Remove"));
    let remove = if used == 0 {
        remove.on_hover_text("Remove this unused channel")
    } else {
        remove.on_disabled_hover_text(format!(
            "Used by {used} interactions: edit them to use another channel first, or rename \
             this one instead"
        ))
    };
    if remove.clicked() {
        cmds.push(Command::Apply {
            edit: Edit::RemoveChannel(ch.id),
            label: format!("remove channel {}", ch.name),
        });
    }
}
