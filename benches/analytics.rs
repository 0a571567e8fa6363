//! Analytics on a 50,000-contact, 1,000,000-interaction dataset: full compute, single-edit
//! updates, the planner and the chart data. Run with
//! `CARGO_TARGET_DIR=/work/target-release cargo bench --bench analytics` (figures in
//! BENCHMARKS.md). Set `RAPPORT_BENCH_SCALE=0.1` for a quick run on a tenth of the size.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rapport::analytics::{Analytics, Params, Window, charts, planner};
use rapport::model::{
    ChannelId, Contact, ContactId, Dataset, Edit, Interaction, InteractionId, Mode,
    default_channels,
};

/// The network `rapport generate` writes (seed 1), ending on `as_of`: skewed activity, groups,
/// follow-ups, per-person and per-tag cadences, so the planner does the work it does on a real file.
fn dataset(contacts: usize, interactions: usize, as_of: NaiveDate) -> Dataset {
    let mut spec = rapport::synth::Spec::new(contacts, interactions, 1);
    spec.until = as_of;
    match rapport::synth::generate(&spec) {
        Ok(ds) => ds,
        Err(e) => panic!("the generated dataset is invalid: {e}"),
    }
}

struct Timing {
    median: Duration,
    min: Duration,
    runs: usize,
}

fn time(runs: usize, mut f: impl FnMut()) -> Timing {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    all.sort();
    Timing {
        median: all[all.len() / 2],
        min: all[0],
        runs,
    }
}

fn report(name: &str, t: &Timing) {
    println!(
        "| {name} | {:.2} ms | {:.2} ms | {} |",
        t.median.as_secs_f64() * 1e3,
        t.min.as_secs_f64() * 1e3,
        t.runs
    );
}

/// Applies `runs` edits and times only the cache update after each.
fn updates(
    ds: &mut Dataset,
    an: &mut Analytics,
    runs: usize,
    mut edit: impl FnMut(&Dataset, usize) -> Edit,
) -> Timing {
    let mut samples = Vec::new();
    for k in 0..runs {
        let e = edit(ds, k);
        let Ok(applied) = ds.apply(e) else {
            continue;
        };
        let t = Instant::now();
        an.update(ds, &applied);
        samples.push(t.elapsed());
    }
    samples.sort();
    Timing {
        median: samples.get(samples.len() / 2).copied().unwrap_or_default(),
        min: samples.first().copied().unwrap_or_default(),
        runs: samples.len(),
    }
}

fn main() {
    let scale: f64 = std::env::var("RAPPORT_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let (nc, ni) = ((50_000.0 * scale) as usize, (1_000_000.0 * scale) as usize);
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
    let t = Instant::now();
    let mut ds = dataset(nc, ni, as_of);
    let ids: Vec<ContactId> = ds.contacts().iter().map(|c| c.id).collect();
    let first_interactions: Vec<InteractionId> =
        ds.interactions().iter().take(20).map(|i| i.id).collect();
    let busiest = {
        let mut counts = std::collections::HashMap::<ContactId, usize>::new();
        for it in ds.interactions() {
            for p in &it.participants {
                *counts.entry(*p).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(id, n)| (n, std::cmp::Reverse(id)))
            .map_or(ids[0], |(id, _)| id)
    };
    println!(
        "{nc} contacts, {ni} interactions (built in {:.1} s)\n",
        t.elapsed().as_secs_f64()
    );
    println!("| operation | median | min | runs |\n|---|---|---|---|");
    let params = Params::new(as_of);
    report(
        "full compute (365-day window)",
        &time(5, || {
            black_box(Analytics::compute(&ds, params));
        }),
    );
    let all = params.with_window(Window::All);
    report(
        "full compute (all time)",
        &time(5, || {
            black_box(Analytics::compute(&ds, all));
        }),
    );
    let mut an = Analytics::compute(&ds, params);

    // Log one interaction with the busiest contact, update.
    let mut apply_total = Duration::ZERO;
    let mut next = ni as u64 + 1;
    let add = time(50, || {
        next += 1;
        let mut it = Interaction::new(as_of, vec![busiest], ChannelId(4));
        it.id = InteractionId(next);
        let t = Instant::now();
        let Ok(applied) = ds.apply(Edit::PutInteraction(it)) else {
            return;
        };
        apply_total += t.elapsed();
        let t = Instant::now();
        an.update(&ds, &applied);
        black_box(t.elapsed());
    });
    report("log one interaction: apply + update (whole step)", &add);
    // The update alone, after the dataset applied the edit.
    report(
        "log one interaction: update only",
        &updates(&mut ds, &mut an, 50, |_, k| {
            let mut it = Interaction::new(as_of, vec![ids[4]], ChannelId(6));
            it.id = InteractionId(2_000_000 + k as u64);
            Edit::PutInteraction(it)
        }),
    );
    report(
        "log one interaction with the busiest contact: update only",
        &updates(&mut ds, &mut an, 50, |_, k| {
            let mut it = Interaction::new(as_of, vec![busiest], ChannelId(1));
            it.id = InteractionId(3_000_000 + k as u64);
            Edit::PutInteraction(it)
        }),
    );
    // Removing an early interaction shifts every later position in the dataset.
    report(
        "remove one interaction: update only",
        &updates(&mut ds, &mut an, 20, |_, k| {
            Edit::RemoveInteraction(first_interactions[k])
        }),
    );
    report(
        "archive or unarchive one contact: update only",
        &updates(&mut ds, &mut an, 20, |ds, k| {
            let mut c = ds
                .contact(ids[100 + k / 2])
                .cloned()
                .unwrap_or_else(|| Contact::new("x"));
            c.archived = !c.archived;
            Edit::PutContact(c)
        }),
    );
    report(
        "change the strength weights: update only",
        &updates(&mut ds, &mut an, 5, |ds, k| {
            let mut s = ds.settings().clone();
            s.strength.depth = 0.3 + 0.01 * k as f64;
            Edit::SetSettings(s)
        }),
    );
    report(
        "switch a channel between online and offline: update only",
        &updates(&mut ds, &mut an, 4, |ds, _| {
            let mut ch = ds
                .channel(ChannelId(7))
                .cloned()
                .unwrap_or_else(|| default_channels().remove(6));
            ch.mode = match ch.mode {
                Mode::Online => Mode::Offline,
                Mode::Offline => Mode::Online,
            };
            Edit::PutChannel(ch)
        }),
    );
    println!(
        "| (dataset apply of a new interaction, mean) | {:.3} ms | | 50 |",
        apply_total.as_secs_f64() * 1e3 / 50.0
    );

    let planner_an = Analytics::compute(&ds, all);
    report(
        "planner: plan (every contact with a cadence)",
        &time(5, || {
            black_box(planner::plan(&ds, &planner_an));
        }),
    );
    report(
        "planner: follow-ups, next 7 days",
        &time(5, || {
            black_box(planner::follow_ups(&ds, &planner_an, 7));
        }),
    );
    report(
        "planner: plan vs actual, 6 months",
        &time(3, || {
            black_box(planner::plan_vs_actual(&ds, &planner_an, 6));
        }),
    );
    report(
        "chart: relationships (engagement, scatter, map)",
        &time(5, || {
            black_box(charts::relationships(&ds, &an, None));
        }),
    );
    report(
        "chart: network timeline",
        &time(5, || {
            black_box(charts::network_timeline(&ds, &an, None));
        }),
    );
    report(
        "chart: network timeline, tag filter",
        &time(5, || {
            black_box(charts::network_timeline(&ds, &an, Some("client")));
        }),
    );
    report(
        "chart: channel mix",
        &time(5, || {
            black_box(charts::channel_mix(&ds, &an, None));
        }),
    );
    report(
        "chart: one contact's timeline (busiest contact)",
        &time(20, || {
            black_box(charts::contact_timeline(&an, busiest));
        }),
    );
    report(
        "offline lens: missed strong ties",
        &time(20, || {
            black_box(an.offline_lens_missed());
        }),
    );
}
