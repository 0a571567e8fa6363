//! How long each stage of opening a file takes, through the app's own loading job
//! (`app::session::Loading`, the code behind the loading screen), so that each stage's share of
//! the loading bar (`STAGE_AT` in src/app/session.rs) can match its share of the time.
//!
//! ```text
//! cargo bench --bench load_stages
//! ```
//! The file is `rapport generate --contacts 50000 --interactions 1000000` (seed 1), written to a
//! temporary folder, or a copy of `RAPPORT_BIG_FILE`. The job's progress is polled every
//! millisecond. Three runs; for each stage the median time and its share of the whole in
//! thousandths, then how many distinct bar positions were seen while parsing.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use rapport::app::clock::Clock;
use rapport::app::session::{LoadStage, Loading};

const STAGES: [LoadStage; 5] = [
    LoadStage::Reading,
    LoadStage::Parsing,
    LoadStage::Checking,
    LoadStage::Indexing,
    LoadStage::Analysing,
];

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("load-50k-1m.json");
    if let Some(big) = std::env::var_os("RAPPORT_BIG_FILE") {
        std::fs::copy(big, &path).expect("the big file can be copied");
    } else {
        eprintln!("generating {} ...", path.display());
        let spec = rapport::synth::Spec::new(50_000, 1_000_000, 1);
        let data = rapport::synth::generate(&spec).expect("the spec is valid");
        rapport::store::save(&rapport::store::Document::new(data), &path)
            .expect("the folder is writable");
    }
    let mut runs: Vec<[Duration; 5]> = Vec::new();
    let mut parse_positions = 0;
    let mut bar_at = [0.0_f32; 5];
    for _ in 0..3 {
        let loading = Loading::start(path.clone(), Clock::System, || {});
        let start = Instant::now();
        // When each stage was first seen (and the bar then), and the bar's positions while
        // parsing.
        let mut seen: [Option<Duration>; 5] = [None; 5];
        let mut parsing = BTreeSet::new();
        let end = loop {
            if let Some(result) = loading.poll() {
                let end = start.elapsed();
                drop(result.expect("the file loads"));
                break end;
            }
            let (fraction, stage) = loading.progress();
            let i = STAGES.iter().position(|s| *s == stage).unwrap_or(0);
            if seen[i].is_none() {
                seen[i] = Some(start.elapsed());
                bar_at[i] = fraction;
            }
            if stage == LoadStage::Parsing {
                parsing.insert(fraction.to_bits());
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        // A stage too short to be seen between two polls takes no time.
        let mut starts = [Duration::ZERO; 6];
        starts[5] = end;
        for i in (1..5).rev() {
            starts[i] = seen[i].unwrap_or(starts[i + 1]);
        }
        runs.push(std::array::from_fn(|i| {
            starts[i + 1].saturating_sub(starts[i])
        }));
        parse_positions = parsing.len();
    }
    let median = |i: usize| {
        let mut v: Vec<Duration> = runs.iter().map(|r| r[i]).collect();
        v.sort();
        v[v.len() / 2]
    };
    let medians: Vec<Duration> = (0..5).map(median).collect();
    let total: Duration = medians.iter().sum();
    println!("stage      median time   share   bar at its start (last run)");
    for ((stage, d), bar) in STAGES.iter().zip(&medians).zip(bar_at) {
        println!(
            "{:<10} {:>8.1} ms   {:>4.0} / 1000   {:>4.0} / 1000",
            format!("{stage:?}"),
            d.as_secs_f64() * 1000.0,
            d.as_secs_f64() / total.as_secs_f64() * 1000.0,
            bar * 1000.0
        );
    }
    println!("{:<10} {:>8.1} ms", "total", total.as_secs_f64() * 1000.0);
    println!("bar positions seen while parsing: {parse_positions}");
}
