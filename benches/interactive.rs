//! What a person waits for after the big file is open: one keystroke in the search, logging an
//! interaction (on the contact list and on This week), undoing it, editing a contact, a weights
//! change, the UI thread's share of a save, and steady frames of the scatter chart, a contact page
//! and This week. Everything goes through the app's own code (`RapportApp::ui_main` in a headless
//! `egui::Context`, commands through `run_command`), CPU only: layout, painting, tessellation.
//!
//! ```text
//! cargo bench --bench interactive
//! ```
//! The data is `rapport generate --contacts 50000 --interactions 1000000` (seed 1), made once
//! through the library and kept in the target directory as `interactive-50k-1m.json`
//! (`RAPPORT_BIG_FILE` names another file). The app opens a copy, which it saves to and which is
//! deleted at the end. Output, one line per measure: `name<TAB>p50_ms<TAB>p95_ms<TAB>runs`
//! (`first_frame_after_open` is a single frame: its p50 and p95 are the same figure).

mod headless;

use headless::{NoDialogs, big_file, frame, remove_copy, target_dir};
use std::time::{Duration, Instant};

use eframe::egui::{self, Event, Key, Modifiers};
use rapport::app::commands::{Action, Command};
use rapport::app::views::charts::ChartKind;
use rapport::app::{AppOptions, RapportApp};
use rapport::model::{ContactId, Edit, Interaction};

fn key(key: Key, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

/// This thread's time on a CPU and waiting for one so far, from `/proc/thread-self/schedstat`
/// (Linux): a slow frame that mostly waited was the busy machine's, not the app's. On this
/// kernel both move in scheduler ticks (4 ms), so they tell only frames much longer than that.
fn sched() -> Option<(Duration, Duration)> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut f = s.split_whitespace().map(|x| x.parse::<u64>().ok());
    Some((
        Duration::from_nanos(f.next()??),
        Duration::from_nanos(f.next()??),
    ))
}

/// The CPU and wait time since `before` (a [`sched`] reading).
fn since(before: Option<(Duration, Duration)>) -> Option<(Duration, Duration)> {
    before
        .zip(sched())
        .map(|((c0, w0), (c1, w1))| (c1.saturating_sub(c0), w1.saturating_sub(w0)))
}

/// A frame with its wall time, and the CPU and run-queue wait within it (when known).
fn frame_sched(
    ctx: &egui::Context,
    app: &mut RapportApp,
    events: Vec<Event>,
) -> (Duration, Option<(Duration, Duration)>) {
    let before = sched();
    let wall = frame(ctx, app, events);
    (wall, since(before))
}

fn split_text(split: Option<(Duration, Duration)>) -> String {
    split.map_or_else(String::new, |(cpu, wait)| {
        format!(
            " ({:.2} ms on a CPU, {:.2} ms waiting for one)",
            ms(cpu),
            ms(wait)
        )
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints `name<TAB>p50<TAB>p95<TAB>runs`.
fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let n = times.len();
    if n == 0 {
        println!("{name}\t-\t-\t0");
        return;
    }
    let at = |q: f64| times[((n as f64 * q).ceil() as usize).clamp(1, n) - 1];
    println!("{name}\t{:.2}\t{:.2}\t{n}", ms(at(0.5)), ms(at(0.95)));
}

fn steady(ctx: &egui::Context, app: &mut RapportApp, runs: usize) -> Vec<Duration> {
    frame(ctx, app, Vec::new());
    (0..runs).map(|_| frame(ctx, app, Vec::new())).collect()
}

/// Logs one interaction with `who` and draws the next frame; then undoes it (timed apart).
fn log_and_undo(
    ctx: &egui::Context,
    app: &mut RapportApp,
    who: ContactId,
    runs: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let channel = app.data().channels()[0].id;
    let today = RapportApp::today();
    let (mut log, mut undo) = (Vec::new(), Vec::new());
    let verbose = std::env::var_os("RAPPORT_BENCH_VERBOSE").is_some();
    for _ in 0..runs {
        let it = Interaction::new(today, vec![who], channel);
        let before = sched();
        let t = Instant::now();
        app.run_command(
            ctx,
            Command::Apply {
                edit: Edit::PutInteraction(it),
                label: "log interaction".into(),
            },
        );
        let applied = t.elapsed();
        frame(ctx, app, Vec::new());
        let took = t.elapsed();
        if verbose && took > Duration::from_millis(2) {
            let split = since(before);
            eprintln!(
                "log: {:.2} ms, of which the edit {:.2} ms{}",
                ms(took),
                ms(applied),
                split_text(split)
            );
        }
        log.push(took);
        let t = Instant::now();
        app.run_command(ctx, Command::Action(Action::Undo));
        frame(ctx, app, Vec::new());
        undo.push(t.elapsed());
    }
    (log, undo)
}

fn main() {
    let source = big_file();
    let copy = target_dir().join("interactive-work.json");
    remove_copy(&copy);
    std::fs::copy(&source, &copy).expect("the big file can be copied");

    let ctx = egui::Context::default();
    let mut app = RapportApp::new(AppOptions {
        file: Some(copy.clone()),
        dialogs: Box::new(NoDialogs),
        ..AppOptions::default()
    });
    // Opening: the longest frame while the file is read on its thread, and the frame taking it.
    let start = Instant::now();
    let mut opening = Duration::ZERO;
    let verbose = std::env::var_os("RAPPORT_BENCH_VERBOSE").is_some();
    while app.is_busy() {
        std::thread::sleep(Duration::from_millis(20));
        let (wall, split) = frame_sched(&ctx, &mut app, Vec::new());
        if verbose && wall > Duration::from_millis(5) {
            eprintln!(
                "opening: a frame of {:.2} ms{}",
                ms(wall),
                split_text(split)
            );
        }
        opening = opening.max(wall);
    }
    report("open_ui_blocked", vec![opening]);
    eprintln!(
        "loaded {} ({} contacts, {} interactions) in {:.1} s",
        source.display(),
        app.data().contacts().len(),
        app.data().interactions().len(),
        start.elapsed().as_secs_f64()
    );
    // The first frames after the file opened (the day's reminder is considered in the first).
    let first: Vec<Duration> = (0..3).map(|_| frame(&ctx, &mut app, Vec::new())).collect();
    report("first_frame_after_open", vec![first[0]]);
    let top: ContactId = app.insights().view.ranked()[0];

    // Search: type a few queries a letter at a time, then erase them.
    app.run_command(&ctx, Command::Action(Action::FocusSearch));
    frame(&ctx, &mut app, Vec::new());
    frame(&ctx, &mut app, Vec::new());
    let mut search = Vec::new();
    // RAPPORT_BENCH_VERBOSE=1 prints each keystroke's time to stderr.
    for q in ["mar", "okafor", "ann l", "xq", "son", "gmail", "li"] {
        for (i, ch) in q.char_indices() {
            let t = frame(&ctx, &mut app, vec![Event::Text(ch.to_string())]);
            if verbose {
                eprintln!("typed {:?}: {:.2} ms", &q[..=i], ms(t));
            }
            search.push(t);
        }
        for i in (0..q.len()).rev() {
            let t = frame(&ctx, &mut app, vec![key(Key::Backspace, Modifiers::NONE)]);
            if verbose {
                eprintln!("erased to {:?}: {:.2} ms", &q[..i], ms(t));
            }
            search.push(t);
        }
    }
    report("search_keystroke", search);
    frame(&ctx, &mut app, vec![key(Key::Escape, Modifiers::NONE)]);

    // The contact list with the strongest tie's page.
    app.run_command(&ctx, Command::SelectContact(Some(top)));
    frame(&ctx, &mut app, Vec::new());
    let (log, undo) = log_and_undo(&ctx, &mut app, top, 30);
    report("log_interaction_contacts", log);
    let mut undos = undo;
    report("contact_page_frame", steady(&ctx, &mut app, 30));

    // Edit that contact (a tag added, then taken off again), with the next frame.
    let mut edits = Vec::new();
    for i in 0..30 {
        let mut c = app.data().contact(top).expect("the top contact").clone();
        if i % 2 == 0 {
            c.tags.push("bench".into());
        } else {
            c.tags.retain(|t| t != "bench");
        }
        let t = Instant::now();
        app.run_command(
            &ctx,
            Command::Apply {
                edit: Edit::PutContact(c),
                label: "edit contact".into(),
            },
        );
        frame(&ctx, &mut app, Vec::new());
        edits.push(t.elapsed());
    }
    report("edit_contact", edits);

    // This week.
    app.run_command(&ctx, Command::Action(Action::ShowPlan));
    for _ in 0..3 {
        frame(&ctx, &mut app, Vec::new());
    }
    let (log, undo) = log_and_undo(&ctx, &mut app, top, 30);
    report("log_interaction_this_week", log);
    undos.extend(undo);
    report("undo_log_interaction", undos);
    report("this_week_frame", steady(&ctx, &mut app, 30));

    // Weights, on This week (the plan follows the new ranking).
    let mut weights = Vec::new();
    for i in 0..10 {
        let mut settings = app.data().settings().clone();
        settings.strength.depth += if i % 2 == 0 { 0.05 } else { -0.05 };
        let before = sched();
        let t = Instant::now();
        app.run_command(
            &ctx,
            Command::Apply {
                edit: Edit::SetSettings(settings),
                label: "change strength weights".into(),
            },
        );
        let applied = t.elapsed();
        frame(&ctx, &mut app, Vec::new());
        if verbose {
            let split = since(before);
            eprintln!(
                "weights: edit applied {:.2} ms, with the next frame {:.2} ms{} (this thread; \
                 the two analytics caches re-weigh on two)",
                ms(applied),
                ms(t.elapsed()),
                split_text(split)
            );
        }
        weights.push(t.elapsed());
    }
    report("weights_change", weights);

    // Scatter chart.
    app.run_command(&ctx, Command::Action(Action::ShowCharts));
    app.charts_mut().chart = ChartKind::Scatter;
    frame(&ctx, &mut app, Vec::new());
    report("scatter_frame", steady(&ctx, &mut app, 30));

    // Logging while a whole-network chart is shown (each edit makes its series again).
    app.charts_mut().chart = ChartKind::Network;
    frame(&ctx, &mut app, Vec::new());
    let (log, _) = log_and_undo(&ctx, &mut app, top, 10);
    report("log_interaction_network_chart", log);
    app.charts_mut().chart = ChartKind::Scatter;
    frame(&ctx, &mut app, Vec::new());

    // Save: the longest the UI thread is held, from the command until the result is taken.
    let mut save = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        app.run_command(&ctx, Command::Action(Action::SaveFile));
        let command = t.elapsed();
        let (mut longest, mut last) = ((Duration::ZERO, None), Duration::ZERO);
        while app.is_busy() {
            std::thread::sleep(Duration::from_millis(20));
            let (wall, split) = frame_sched(&ctx, &mut app, Vec::new());
            last = wall;
            if wall > longest.0 {
                longest = (wall, split);
            }
        }
        if verbose {
            eprintln!(
                "save: command {:.2} ms, longest frame while saving or after {:.2} ms{}, the \
                 frame taking the result {:.2} ms",
                ms(command),
                ms(longest.0),
                split_text(longest.1),
                ms(last)
            );
        }
        let longest = longest.0;
        save.push(longest.max(command));
    }
    report("save_ui_blocked", save);

    drop(app);
    remove_copy(&copy);
}
