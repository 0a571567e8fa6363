//! Image snapshots of the main views, so a visual regression fails CI (`cargo test --features
//! snapshots`; `.ci/snapshots` installs Mesa's software Vulkan, lavapipe, and runs them). Each
//! view is drawn at 1200x800 in the light and the dark theme, on a new, empty document and on the
//! demo data, with the app's clock fixed on the demo's "today" (2026-11-27): the window then
//! shows no date or path that changes from day to day or machine to machine.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots` accepts new images into
//! tests/snapshots/. Where no renderer can be created the tests say so and pass, unless
//! `RAPPORT_REQUIRE_SNAPSHOTS` is set (as `.ci/snapshots` does).
#![cfg(feature = "snapshots")]

mod common;

use chrono::NaiveDate;
use common::{Answers, App, contact_id, press, settle};
use eframe::egui::{Key, Modifiers};
use egui_kittest::{Harness, SnapshotError};
use rapport::app::clock::Clock;
use rapport::app::commands::{Action, Command};
use rapport::app::prefs::Prefs;
use rapport::app::theme::ThemeChoice;
use rapport::app::views::Page;
use rapport::app::{AppOptions, RapportApp};

/// The demo data's "today" (`synth::generate`), which the clock is fixed on.
fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("a valid date")
}

/// The demo data in `theme`, rendered through wgpu, with the clock fixed on the demo's today.
/// Letters egui's bundled fonts lack (the demo has Vietnamese and Greek names) are drawn as
/// boxes: a system fallback font would make the images differ from machine to machine.
fn demo_app(theme: ThemeChoice) -> App {
    let prefs = Prefs {
        theme,
        ..Prefs::default()
    };
    let app = RapportApp::new(AppOptions {
        prefs,
        dialogs: Box::new(Answers::default()),
        clock: Clock::fixed_on(demo_today()),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .wgpu()
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    settle(&mut h);
    h
}

/// A new, empty document in `theme`.
fn app(theme: ThemeChoice) -> App {
    let mut h = demo_app(theme);
    run(&mut h, Command::Action(Action::NewFile));
    h
}

fn run(h: &mut App, cmd: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, cmd);
    settle(h);
}

/// Compares the window with `tests/snapshots/<name>.png`.
fn snapshot(h: &mut App, name: &str) {
    match h.try_snapshot(name) {
        Ok(()) => {}
        Err(SnapshotError::RenderError { err })
            if std::env::var_os("RAPPORT_REQUIRE_SNAPSHOTS").is_none() =>
        {
            eprintln!("snapshot {name} skipped: no renderer here ({err})");
        }
        Err(e) => panic!("{e}"),
    }
}

fn views(theme: ThemeChoice, suffix: &str) {
    demo_views(theme, suffix);
    let mut h = app(theme);
    snapshot(&mut h, &format!("contacts-{suffix}"));
    for (key, name) in [(Key::Num3, "charts"), (Key::Num4, "channels")] {
        press(&mut h, Modifiers::COMMAND, key);
        snapshot(&mut h, &format!("{name}-{suffix}"));
    }
    press(&mut h, Modifiers::COMMAND, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::K);
    snapshot(&mut h, &format!("palette-{suffix}"));
}

/// The pages on the demo data: the list with a contact's page, This week, Charts, Channels.
fn demo_views(theme: ThemeChoice, suffix: &str) {
    let mut h = demo_app(theme);
    snapshot(&mut h, &format!("demo-contacts-{suffix}"));
    let priya = contact_id(&h, "Priya Raman");
    run(&mut h, Command::SelectContact(Some(priya)));
    snapshot(&mut h, &format!("demo-contact-{suffix}"));
    for (page, name) in [
        (Page::Plan, "this-week"),
        (Page::Charts, "charts"),
        (Page::Channels, "channels"),
    ] {
        run(&mut h, Command::ShowPage(page));
        snapshot(&mut h, &format!("demo-{name}-{suffix}"));
    }
}

#[test]
fn main_views_light() {
    views(ThemeChoice::Light, "light");
}

#[test]
fn main_views_dark() {
    views(ThemeChoice::Dark, "dark");
}
