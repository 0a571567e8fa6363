//! Writes the demo network (see `rapport::synth::demo_dataset`) to the given path, atomically.
//! Usage: `cargo run --example demo_data -- assets/demo.json`

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: demo_data OUT.json");
        return ExitCode::from(2);
    };
    let doc = rapport::store::Document::new(rapport::synth::demo_dataset());
    match rapport::store::save(&doc, &out) {
        Ok(()) => {
            let d = &doc.data;
            println!(
                "{}: {} contacts, {} interactions",
                out.display(),
                d.contacts().len(),
                d.interactions().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("demo_data: {e}");
            ExitCode::FAILURE
        }
    }
}
