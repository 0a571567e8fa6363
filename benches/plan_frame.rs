//! Frame cost of the "This week" page on a big file, through the headless kittest harness (CPU
//! only): the first frames (computing the plan), a cached frame, the contact list with status
//! markers, plan vs actual, and snoozing one person (an edit and a plan recompute).
//!
//! ```text
//! rapport generate --contacts 50000 --interactions 1000000 --out /tmp/big.json
//! RAPPORT_BIG_FILE=/tmp/big.json cargo bench --bench plan_frame
//! ```
//! Without `RAPPORT_BIG_FILE` it measures `/tmp/big.json`, and says so if that file is missing.
//! (This was an ignored test in `tests/ui_planner.rs`; timings belong in `benches/`.)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use rapport::app::dialogs::{FileDialogs, FileRequest, PickResult};
use rapport::app::{AppOptions, RapportApp};

struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick(&mut self, _request: &FileRequest) -> PickResult {
        PickResult::Cancelled
    }
}

type App = Harness<'static, RapportApp>;

fn settle(h: &mut App) {
    let _ = h.try_run();
    let ctx = h.ctx.clone();
    h.state_mut().finish_background_work(&ctx);
    h.run_steps(2);
}

fn press(h: &mut App, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    settle(h);
}

fn click(h: &mut App, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

/// The mean of 20 frames.
fn frames(h: &mut App) -> Duration {
    let t = Instant::now();
    for _ in 0..20 {
        h.step();
    }
    t.elapsed() / 20
}

fn main() {
    let path = std::env::var_os("RAPPORT_BIG_FILE")
        .map_or_else(|| PathBuf::from("/tmp/big.json"), PathBuf::from);
    if !path.exists() {
        eprintln!(
            "plan_frame: {} does not exist; make it with `rapport generate --contacts 50000 \
             --interactions 1000000 --out /tmp/big.json` or set RAPPORT_BIG_FILE",
            path.display()
        );
        return;
    }
    let app = RapportApp::new(AppOptions {
        file: Some(path),
        dialogs: Box::new(NoDialogs),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    settle(&mut h);

    let t = Instant::now();
    press(&mut h, Key::Num2);
    println!(
        "first frames of This week (computes the plan): {:?}",
        t.elapsed()
    );
    println!("a frame of This week (cached): {:?}", frames(&mut h));
    press(&mut h, Key::Num1);
    println!(
        "a frame of the contact list with markers: {:?}",
        frames(&mut h)
    );
    press(&mut h, Key::Num2);
    click(&mut h, "Plan vs actual");
    println!("a frame of plan vs actual (cached): {:?}", frames(&mut h));
    click(&mut h, "Who to reach");
    let t = Instant::now();
    let found = match h.get_all_by_label("Snooze").next() {
        Some(snooze) => {
            snooze.click();
            true
        }
        None => false,
    };
    if found {
        settle(&mut h);
        click(&mut h, "1 week");
        println!(
            "snooze one person (edit, plan recompute, frames): {:?}",
            t.elapsed()
        );
    }
}
