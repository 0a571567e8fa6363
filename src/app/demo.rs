//! The demo data bundled into the binary, opened when no file is given.

use std::path::Path;

use crate::store::{self, Document};

/// The demo data. If the bundled file were ever unreadable, an empty document is used rather
/// than failing to start (a test guards the bundled file).
#[must_use]
pub fn demo_document() -> Document {
    store::load_bytes(Path::new("demo.json"), DEMO_JSON).unwrap_or_default()
}

const DEMO_JSON: &[u8] = b"{\"format\": \"rapport\", \"version\": 1}";
