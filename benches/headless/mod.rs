//! What the frame benchmarks share: the generated 50k/1M file and a working copy of it, an app
//! with no file dialogs, and one headless frame (`Context::run_ui` plus tessellation, CPU only)
//! at 1280x800.

use std::path::{Path, PathBuf};
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

pub fn target_dir() -> PathBuf {
    // target/release/deps/interactive-HASH
    std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(std::env::temp_dir)
}

pub fn big_file() -> PathBuf {
    if let Some(p) = std::env::var_os("RAPPORT_BIG_FILE") {
        return PathBuf::from(p);
    }
    let path = target_dir().join("interactive-50k-1m.json");
    if !path.exists() {
        eprintln!("generating {} (once)...", path.display());
        let spec = rapport::synth::Spec::new(50_000, 1_000_000, 1);
        let data = rapport::synth::generate(&spec).expect("the spec is valid");
        rapport::store::save(&rapport::store::Document::new(data), &path)
            .expect("the target directory is writable");
    }
    path
}

/// Removes the working copy and what the app keeps beside it.
pub fn remove_copy(copy: &Path) {
    let name = copy
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = copy.parent().unwrap_or(Path::new("."));
    for f in [
        copy.to_path_buf(),
        dir.join(format!("{name}.bak")),
        dir.join(format!(".{name}.lock")),
        dir.join(format!(".{name}.journal")),
    ] {
        let _ = std::fs::remove_file(f);
    }
}
