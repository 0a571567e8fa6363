//! Deterministic synthetic data: the hand-shaped demo network shipped in `assets/demo.json`, and
//! the large random networks of `rapport generate`. Both draw every id and every choice from a
//! seeded `ChaCha8` generator, so the same seed always gives the same file. No egui here.

mod demo;
mod generate;
mod pick;

pub use demo::{DEMO_SEED, DEMO_TODAY, demo_dataset};
pub use generate::{GenerateError, MAX_CONTACTS, MAX_INTERACTIONS, Spec, generate};
