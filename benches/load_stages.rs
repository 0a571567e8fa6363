//! How long each stage of opening a file takes, through the code the app's loading screen runs
//! (`store::load_with_progress`, then `Session::new_with`), so that each stage's share of the
//! loading bar (`STAGE_AT` in src/app/session.rs) can match its share of the time.
//!
//! ```text
//! cargo bench --bench load_stages
//! ```
//! The file is `rapport generate --contacts 50000 --interactions 1000000` (seed 1), written to a
//! temporary folder, or `RAPPORT_BIG_FILE`. Three runs; for each stage the median time and its
//! share of the whole in thousandths, then how many distinct positions the parse reported.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rapport::app::clock::Clock;
use rapport::app::session::{Origin, Session};
use rapport::store::{self, LoadStep};

const STAGES: [&str; 5] = ["reading", "parsing", "checking", "indexing", "analysing"];

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = std::env::var_os("RAPPORT_BIG_FILE").map_or_else(
        || {
            let path = dir.path().join("load-50k-1m.json");
            eprintln!("generating {} ...", path.display());
            let spec = rapport::synth::Spec::new(50_000, 1_000_000, 1);
            let data = rapport::synth::generate(&spec).expect("the spec is valid");
            store::save(&store::Document::new(data), &path).expect("the folder is writable");
            path
        },
        PathBuf::from,
    );
    let mut runs: Vec<[Duration; 5]> = Vec::new();
    let mut reports = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let mut parse_start = None;
        let mut check_start = None;
        let mut positions = std::collections::BTreeSet::new();
        let doc = store::load_with_progress(&path, &mut |step| match step {
            LoadStep::Reading { .. } => {}
            LoadStep::Parsing { done, .. } => {
                parse_start.get_or_insert_with(Instant::now);
                positions.insert(done);
            }
            LoadStep::Checking => {
                check_start.get_or_insert_with(Instant::now);
            }
        })
        .expect("the file loads");
        let checked = Instant::now();
        let mut indexed = None;
        let session =
            Session::new_with(doc, Origin::File(path.clone()), Clock::System, &mut || {
                indexed = Some(Instant::now());
            });
        let end = Instant::now();
        drop(session);
        let parse_start = parse_start.expect("the parse reported");
        let check_start = check_start.expect("the checks reported");
        let indexed = indexed.expect("the index reported");
        runs.push([
            parse_start - start,
            check_start - parse_start,
            checked - check_start,
            indexed - checked,
            end - indexed,
        ]);
        reports = positions.len();
    }
    let median = |i: usize| {
        let mut v: Vec<Duration> = runs.iter().map(|r| r[i]).collect();
        v.sort();
        v[v.len() / 2]
    };
    let medians: Vec<Duration> = (0..5).map(median).collect();
    let total: Duration = medians.iter().sum();
    for (name, d) in STAGES.iter().zip(&medians) {
        println!(
            "{name:<10} {:>8.1} ms   {:>4} / 1000",
            d.as_secs_f64() * 1000.0,
            (d.as_secs_f64() / total.as_secs_f64() * 1000.0).round()
        );
    }
    println!("{:<10} {:>8.1} ms", "total", total.as_secs_f64() * 1000.0);
    println!("parse positions reported: {reports}");
}
