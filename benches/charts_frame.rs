//! Frame time of the charts page (and a contact page with its strength block and timeline) on a
//! big file, CPU only: `Context::run_ui` (layout and painting) plus tessellation, no GPU.
//!
//! ```text
//! cargo bench --bench charts_frame
//! ```
//! The data is the generated 50k/1M file the interactive bench uses (made once in the target
//! directory; `RAPPORT_BIG_FILE` names another file); the app opens a working copy, deleted at
//! the end with what the app kept beside it. The first frame of each chart fills its cache (the
//! network-wide series); later frames reuse it.

mod headless;

use headless::{NoDialogs, big_file, frame, remove_copy, target_dir};
use std::time::{Duration, Instant};

use eframe::egui::{self, Event, Key, Modifiers};
use rapport::app::commands::Command;
use rapport::app::views::charts::ChartKind;
use rapport::app::{AppOptions, RapportApp};

const FRAMES: usize = 30;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// First frame, then the median and worst of the next [`FRAMES`].
fn measure(label: &str, ctx: &egui::Context, app: &mut RapportApp) {
    let first = frame(ctx, app, Vec::new());
    let mut times: Vec<Duration> = (0..FRAMES).map(|_| frame(ctx, app, Vec::new())).collect();
    times.sort();
    println!(
        "| {label} | {:.1} | {:.2} | {:.2} |",
        ms(first),
        ms(times[FRAMES / 2]),
        ms(times[FRAMES - 1])
    );
}

fn main() {
    // A working copy: the weights change below is journaled beside the file it opened.
    let source = big_file();
    let path = target_dir().join("charts-work.json");
    remove_copy(&path);
    std::fs::copy(&source, &path).expect("the big file can be copied");
    let ctx = egui::Context::default();
    let mut app = RapportApp::new(AppOptions {
        file: Some(path.clone()),
        dialogs: Box::new(NoDialogs),
        ..AppOptions::default()
    });
    let start = Instant::now();
    app.finish_background_work(&ctx);
    println!(
        "Loaded {} ({} contacts, {} interactions) with analytics in {:.1} s",
        path.display(),
        app.data().contacts().len(),
        app.data().interactions().len(),
        start.elapsed().as_secs_f64()
    );
    frame(&ctx, &mut app, Vec::new());
    println!("| view | first frame (ms) | median (ms) | worst (ms) |");
    println!("|---|---|---|---|");
    measure("Contacts page, nobody selected", &ctx, &mut app);
    let ctrl3 = Event::Key {
        key: Key::Num3,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    };
    frame(&ctx, &mut app, vec![ctrl3]);
    for chart in ChartKind::ALL {
        app.charts_mut().chart = chart;
        measure(chart.label(), &ctx, &mut app);
    }
    // The scatter while zooming in (each frame a new region: its level of detail recomputed),
    // then steady, zoomed in until at most 2,000 people are in view (drawn as dots).
    app.charts_mut().chart = ChartKind::Scatter;
    frame(&ctx, &mut app, Vec::new());
    if let Some(center) = app.charts().scatter_frame().map(|r| r.center()) {
        frame(&ctx, &mut app, vec![Event::PointerMoved(center)]);
        // Zoom in a tenth a frame until the people in view are few enough to be dots.
        let mut zooming: Vec<Duration> = Vec::new();
        while zooming.len() < 100
            && app
                .charts()
                .scatter_detail()
                .is_none_or(|(_, _, dense)| dense)
        {
            zooming.push(frame(&ctx, &mut app, vec![Event::Zoom(1.1)]));
        }
        zooming.sort();
        let n = zooming.len().max(1);
        zooming.resize(n, Duration::ZERO);
        println!(
            "| Strength vs online share, each frame zooming in (x1.1, {n} frames) | - | {:.2} | {:.2} |",
            ms(zooming[n / 2]),
            ms(zooming[n - 1])
        );
        if let (Some(([x0, y0], [x1, y1])), Some((visible, dots, _))) =
            (app.charts().scatter_view(), app.charts().scatter_detail())
        {
            println!(
                "(zoomed in to online share {x0:.1}-{x1:.1}%, strength {y0:.1}-{y1:.1}: {visible} people in view, {dots} dots)"
            );
        }
        measure("Strength vs online share, zoomed in", &ctx, &mut app);
    }
    app.charts_mut().chart = ChartKind::Map;
    app.charts_mut().show_outer = true;
    measure(
        "Relationship map with the outer ring (2,000 dots)",
        &ctx,
        &mut app,
    );

    // A weights change re-scores everyone (the cost a slider release pays once).
    let mut weights = app.data().settings().strength.clone();
    weights.depth += 0.05;
    let mut settings = app.data().settings().clone();
    settings.strength = weights;
    let start = Instant::now();
    app.run_command(
        &ctx,
        Command::Apply {
            edit: rapport::model::Edit::SetSettings(settings),
            label: "change strength weights".into(),
        },
    );
    println!(
        "Weights change applied (analytics updated) in {:.0} ms",
        ms(start.elapsed())
    );
    measure("Relationship map after the weights change", &ctx, &mut app);

    // The strongest person's page: strength block and compact timeline above the history.
    if let Some(&top) = app.insights().view.ranked().first() {
        app.run_command(&ctx, Command::SelectContact(Some(top)));
        let ctrl1 = Event::Key {
            key: Key::Num1,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        };
        frame(&ctx, &mut app, vec![ctrl1]);
        measure("Contact page of the strongest tie", &ctx, &mut app);
    }
    drop(app);
    remove_copy(&path);
}
