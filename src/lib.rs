//! Rapport: a desktop relationship manager. The library holds everything the GUI and the
//! command line share; only `app` knows about egui.

pub mod analytics;
pub mod app;
pub mod cli;
pub mod formats;
pub mod model;
pub mod store;
pub mod synth;
