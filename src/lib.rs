//! Rapport: a desktop relationship manager. The library holds everything the GUI and the
//! command line share; only `app` knows about egui, and it is built only with the `gui` feature
//! (on by default). The layer rule and module map are in ARCHITECTURE.md.

pub mod analytics;
#[cfg(feature = "gui")]
pub mod app;
pub mod carddav;
pub mod cli;
pub mod formats;
pub mod model;
pub mod store;
pub mod sync;
pub mod synth;
