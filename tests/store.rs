//! The JSON store: the demo file, round trips with unknown fields, every bad-file case, and
//! atomic saves.

use std::path::{Path, PathBuf};

use rapport::store;

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn the_demo_file_loads_and_matches_its_generator() {
    let path = repo_file("assets/demo.json");
    let doc = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let data = &doc.data;
    assert!((30..=80).contains(&data.contacts().len()));
    assert!(data.interactions().len() >= 200);
    assert_eq!(data.channels().len(), 8);
    let regenerated =
        store::to_json(&store::Document::new(rapport::synth::demo_dataset())).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    assert!(
        regenerated == on_disk,
        "assets/demo.json is stale: run `cargo run --example demo_data -- assets/demo.json`"
    );
}
