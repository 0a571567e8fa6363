//! What the frame benchmarks share: an app with no file dialogs, and one headless frame
//! (`Context::run_ui` plus tessellation, CPU only) at 1280x800.

use std::time::{Duration, Instant};

use eframe::egui::{self, Event, RawInput};
use rapport::app::RapportApp;
use rapport::app::dialogs::{FileDialogs, FileRequest, PickResult};

/// Answers every file dialog with Cancel.
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick(&mut self, _request: &FileRequest) -> PickResult {
        PickResult::Cancelled
    }
}

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        events,
        ..RawInput::default()
    }
}

/// One frame: layout, painting and tessellation.
pub fn frame(ctx: &egui::Context, app: &mut RapportApp, events: Vec<Event>) -> Duration {
    let start = Instant::now();
    let mut out = ctx.run_ui(input(events), |ui| app.ui_main(ui));
    let shapes = std::mem::take(&mut out.shapes);
    let prims = ctx.tessellate(shapes, out.pixels_per_point);
    std::hint::black_box(prims);
    out.textures_delta.clear();
    start.elapsed()
}
