//! File > Export...: choose a format, then where to write it. The document itself does not
//! change (its file and unsaved state stay as they are).

use eframe::egui;

use egui::{Key, Modifiers, RichText};

use crate::app::commands::Command;
use crate::app::theme;
use crate::formats::{ExportFormat, VcardVersion};

/// Every export the app offers, in the order shown.
pub const FORMATS: [ExportFormat; 7] = [
    ExportFormat::Json,
    ExportFormat::ContactsCsv,
    ExportFormat::InteractionsCsv,
    ExportFormat::StatsCsv,
    ExportFormat::Vcard(VcardVersion::V3),
    ExportFormat::Vcard(VcardVersion::V4),
    ExportFormat::Ics,
];

/// A name for people.
#[must_use]
pub fn label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "Rapport data (JSON)",
        ExportFormat::ContactsCsv => "Contacts CSV",
        ExportFormat::InteractionsCsv => "Interactions CSV",
        ExportFormat::StatsCsv => "Relationship stats CSV",
        ExportFormat::Vcard(VcardVersion::V3) => "vCard 3.0",
        ExportFormat::Vcard(VcardVersion::V4) => "vCard 4.0",
        ExportFormat::Ics => "iCalendar plan",
    }
}

/// What the format holds, under its name.
fn description(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "A copy of everything, for another Rapport or a backup",
        ExportFormat::ContactsCsv => "One row per contact, for a spreadsheet",
        ExportFormat::InteractionsCsv => "One row per interaction; Rapport can import it back",
        ExportFormat::StatsCsv => "Tie strength, tier and contact counts over the last year",
        ExportFormat::Vcard(VcardVersion::V3) => {
            "For phones, Google, Outlook and most address books"
        }
        ExportFormat::Vcard(VcardVersion::V4) => "The newer vCard, for apps that read it",
        ExportFormat::Ics => "Touchpoints due in the next 30 days and open follow-ups as to-dos",
    }
}

/// The file extension (without the dot).
#[must_use]
pub fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "json",
        ExportFormat::ContactsCsv | ExportFormat::InteractionsCsv | ExportFormat::StatsCsv => "csv",
        ExportFormat::Vcard(_) => "vcf",
        ExportFormat::Ics => "ics",
    }
}

/// The suggested file name, from the document's name.
#[must_use]
pub fn suggested_name(stem: &str, format: ExportFormat) -> String {
    let suffix = match format {
        ExportFormat::Json => "",
        ExportFormat::ContactsCsv | ExportFormat::Vcard(_) => "-contacts",
        ExportFormat::InteractionsCsv => "-interactions",
        ExportFormat::StatsCsv => "-stats",
        ExportFormat::Ics => "-plan",
    };
    format!("{stem}{suffix}.{}", extension(format))
}

/// Whether the format has the "Spreadsheet-safe" choice: the CSV files that carry phone
/// numbers and free text (the stats CSV is always spreadsheet-safe).
#[must_use]
pub fn has_spreadsheet_choice(format: ExportFormat) -> bool {
    matches!(
        format,
        ExportFormat::ContactsCsv | ExportFormat::InteractionsCsv
    )
}

/// The format chooser, and for contacts and interactions CSV the spreadsheet-safe choice.
/// Enter continues, Escape cancels.
pub fn export_dialog_ui(
    ctx: &egui::Context,
    chosen: &mut ExportFormat,
    spreadsheet_safe: &mut bool,
    cmds: &mut Vec<Command>,
) {
    let r = egui::Modal::new(egui::Id::unique("export-dialog")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Export");
        ui.add_space(theme::GAP_S);
        ui.label("Write a copy of your data in another format. The open file does not change.");
        ui.add_space(theme::GAP_M);
        let weak = theme::weak_text(ui.visuals());
        for f in FORMATS {
            ui.radio_value(chosen, f, label(f));
            ui.indent(("export-format", f.name(), extension(f)), |ui| {
                ui.label(
                    RichText::new(description(f))
                        .size(theme::META_SIZE)
                        .color(weak),
                );
            });
        }
        ui.add_space(theme::GAP_M);
        if has_spreadsheet_choice(*chosen) {
            ui.checkbox(spreadsheet_safe, "Spreadsheet-safe")
                .on_hover_text(
                    "Keeps a spreadsheet from running a cell as a formula. Turn it off for a file \
                     going into another address book, which would keep the ' as part of the value",
                );
            ui.indent("spreadsheet-safe", |ui| {
                ui.add(
                    egui::Label::new(
                        RichText::new(
                            "A ' goes before cells starting with = + - or @, such as phone \
                             numbers (+44...), so a spreadsheet shows them as text.",
                        )
                        .size(theme::META_SIZE)
                        .color(weak),
                    )
                    .wrap(),
                );
            });
            ui.add_space(theme::GAP_M);
        }
        ui.horizontal(|ui| {
            let go = ui
                .button(RichText::new("Export...").strong())
                .on_hover_text("Choose where to write the file");
            if go.clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                cmds.push(Command::ExportAs(*chosen));
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseModal);
            }
        });
    });
    if r.should_close() || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        cmds.push(Command::CloseModal);
    }
}
