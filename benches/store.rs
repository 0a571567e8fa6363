//! Load and save timings on a generated network (release build; no test harness).
//!
//! `cargo bench --bench store` runs 50,000 contacts and 1,000,000 interactions; set
//! `RAPPORT_BENCH_CONTACTS` and `RAPPORT_BENCH_INTERACTIONS` for other sizes. Each phase is run
//! three times and the best and median wall-clock times are printed.

use std::path::Path;
use std::time::{Duration, Instant};

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
    let contacts = env_or("RAPPORT_BENCH_CONTACTS", 50_000);
    let interactions = env_or("RAPPORT_BENCH_INTERACTIONS", 1_000_000);
    println!("{contacts} contacts, {interactions} interactions");
    let spec = synth::Spec::new(contacts, interactions, 1);
    let data = time("generate (in memory)", 1, || {
        synth::generate(&spec).expect("a valid spec")
    });
    let doc = store::Document::new(data);
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
}
