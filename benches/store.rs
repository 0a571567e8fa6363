//! Load and save timings on a generated network (release build; no test harness).
//!
//! `cargo bench --bench store` runs 50,000 contacts and 1,000,000 interactions; set
//! `RAPPORT_BENCH_CONTACTS` and `RAPPORT_BENCH_INTERACTIONS` for other sizes. Each phase is run
//! three times and the best and median wall-clock times are printed.
//!
//! After the load phases, "snapshots" times single edits on the loaded dataset (with its merge
//! metadata) with and without a clone held, as while a save or an export runs; cloning; a full
//! scan of the interactions; and the analytics' full compute. `RAPPORT_BENCH_PHASE=snapshots`
//! skips the save and load timings (the file is still serialised and parsed once).

use std::path::Path;
use std::time::{Duration, Instant};

use rapport::analytics::{Analytics, Params};
use rapport::model::{ContactId, Dataset, Edit, Interaction};
use rapport::store;
use rapport::synth;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        last = Some(out);
    }
    times.sort();
    println!(
        "{label:<28} best {:>8.3} s   median {:>8.3} s",
        times[0].as_secs_f64(),
        times[times.len() / 2].as_secs_f64()
    );
    last.expect("at least one run")
}

fn main() {
    let snapshots_only = std::env::var("RAPPORT_BENCH_PHASE").is_ok_and(|p| p == "snapshots");
    let contacts = env_or("RAPPORT_BENCH_CONTACTS", 50_000);
    let interactions = env_or("RAPPORT_BENCH_INTERACTIONS", 1_000_000);
    println!("{contacts} contacts, {interactions} interactions");
    let spec = synth::Spec::new(contacts, interactions, 1);
    let data = time("generate (in memory)", 1, || {
        synth::generate(&spec).expect("a valid spec")
    });
    let doc = store::Document::new(data);
    if snapshots_only {
        let bytes = store::to_json(&doc).expect("serialisable");
        let loaded = store::load_bytes(Path::new("bench.json"), &bytes).expect("valid");
        drop((doc, bytes));
        snapshots(loaded.data);
        return;
    }
    let bytes = time("serialise (to_json)", 3, || {
        store::to_json(&doc).expect("serialisable")
    });
    println!("{:<28} {:.1} MB", "file size", bytes.len() as f64 / 1e6);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.json");
    time("save (atomic, with backup)", 3, || {
        store::save(&doc, &path).expect("saved");
    });
    time("read file into memory", 3, || {
        store::read_limited(&path, store::MAX_FILE_BYTES, &mut |_, _| {}).expect("read")
    });
    time("syntax scan only (IgnoredAny)", 3, || {
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).expect("valid JSON")
    });
    let loaded = time("parse and check (load_bytes)", 3, || {
        store::load_bytes(Path::new("bench.json"), &bytes).expect("valid")
    });
    assert_eq!(loaded.data.interactions().len(), interactions);
    let mut parts = Some(loaded.data.clone().into_parts());
    time("integrity checks (from_parts)", 1, || {
        let (c, ch, i, s) = parts.take().expect("one run");
        rapport::model::Dataset::from_parts(c, ch, i, s).expect("valid")
    });
    time("load (read + parse + check)", 3, || {
        store::load(&path).expect("valid")
    });
    drop((doc, bytes, parts));
    snapshots(loaded.data);
}

/// Median and worst of `samples`, in milliseconds, printed as one table row.
fn row(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "| {label} | {:.3} | {:.3} | {} |",
        samples[samples.len() / 2].as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3,
        samples.len()
    );
}

/// Times `edit(k)` applied `runs` times, each with a clone of the dataset alive (as during a
/// save) or none; the clone is dropped outside the timing.
fn edits(
    ds: &mut Dataset,
    label: &str,
    runs: usize,
    mut edit: impl FnMut(&Dataset, usize) -> Edit,
) {
    for held in [true, false] {
        let mut samples = Vec::with_capacity(runs);
        for k in 0..runs {
            let e = edit(ds, k + usize::from(held) * runs);
            let snapshot = held.then(|| ds.clone());
            let t = Instant::now();
            let applied = ds.apply(e);
            samples.push(t.elapsed());
            assert!(applied.is_ok(), "{label}: {applied:?}");
            drop(snapshot);
        }
        let clone = if held { "a clone held" } else { "no clone" };
        row(&format!("{label}, {clone}"), samples);
    }
}

fn snapshots(mut ds: Dataset) {
    println!("\nsnapshots (ms): | operation | median | worst | runs |");
    row(
        "clone the dataset",
        (0..20)
            .map(|_| {
                let t = Instant::now();
                let c = std::hint::black_box(ds.clone());
                let e = t.elapsed();
                drop(c);
                e
            })
            .collect(),
    );
    row(
        "scan all interactions",
        (0..10)
            .map(|_| {
                let t = Instant::now();
                let mut sum = 0usize;
                for it in ds.interactions() {
                    sum += it.participants.len() + usize::from(it.depth.get());
                }
                std::hint::black_box(sum);
                t.elapsed()
            })
            .collect(),
    );
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a date");
    row(
        "Analytics::compute (365 days)",
        (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(Analytics::compute(&ds, Params::new(as_of)));
                t.elapsed()
            })
            .collect(),
    );
    let channel = ds.channels()[0].id;
    let people: Vec<ContactId> = ds.contacts().iter().map(|c| c.id).collect();
    edits(&mut ds, "log one interaction", 20, |_, k| {
        let it = Interaction::new(as_of, vec![people[k * 7 % people.len()]], channel);
        Edit::PutInteraction(it)
    });
    edits(&mut ds, "edit one contact", 20, |ds, k| {
        let mut c = ds.contacts()[k * 13 % ds.contacts().len()].clone();
        c.display_name.push('!');
        Edit::PutContact(c)
    });
    edits(&mut ds, "remove an early interaction", 20, |ds, k| {
        Edit::RemoveInteraction(ds.interactions()[k * 3].id)
    });
    edits(&mut ds, "remove a contact", 10, |ds, k| {
        Edit::RemoveContact(ds.contacts()[100 + k * 11].id)
    });
}
