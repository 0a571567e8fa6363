//! Import timings on hostile input (release build; no test harness): one vCard with 200,000 and
//! then 1,000,000 EMAIL lines (under the size limit), imported into an empty file and then again
//! over itself (every address matched). Before the de-duplication went through sets, 200,000
//! lines took 53 s and 1,000,000 did not finish in 24 minutes.
//!
//! `cargo bench --bench import`; set `RAPPORT_BENCH_EMAILS` for one other size.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use rapport::formats::{ImportPlan, read_source};
use rapport::store::Document;

fn card(path: &Path, n: usize) {
    let mut text = String::with_capacity(n * 32);
    text.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Addresses\r\n");
    for i in 0..n {
        let _ = write!(text, "EMAIL:person{i}@example.org\r\n");
    }
    text.push_str("END:VCARD\r\n");
    std::fs::write(path, text).expect("the card is written");
}

fn import(doc: &mut Document, path: &Path) -> f64 {
    let start = Instant::now();
    let parsed = read_source(path, None).expect("the card reads");
    let plan = ImportPlan::new(&doc.data, &parsed);
    if !plan.is_empty() {
        doc.data.apply(plan.to_edit()).expect("the import applies");
    }
    start.elapsed().as_secs_f64()
}

fn main() {
    let sizes: Vec<usize> = match std::env::var("RAPPORT_BENCH_EMAILS") {
        Ok(v) => vec![v.parse().expect("a number of emails")],
        Err(_) => vec![200_000, 1_000_000],
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    for n in sizes {
        let path = dir.path().join(format!("card{n}.vcf"));
        card(&path, n);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let mut doc = Document::default();
        let first = import(&mut doc, &path);
        let again = import(&mut doc, &path);
        println!(
            "{n:>9} EMAIL lines ({:.1} MB): import {first:.2} s, again over itself {again:.2} s",
            size as f64 / 1e6
        );
    }
}
