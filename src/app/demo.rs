//! The demo data bundled into the binary, opened when no file is given.

use std::path::Path;

use crate::store::{self, Document};

const DEMO_JSON: &[u8] = include_bytes!("../../assets/demo.json");

/// The demo data. If the bundled file were ever unreadable, an empty document is used rather
/// than failing to start (the test below guards the bundled file).
#[must_use]
pub fn demo_document() -> Document {
    store::load_bytes(Path::new("demo.json"), DEMO_JSON).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_demo_data_loads() {
        let doc = crate::store::load_bytes(std::path::Path::new("demo.json"), super::DEMO_JSON)
            .expect("assets/demo.json is a valid Rapport file");
        assert!(doc.data.contacts().len() >= 10);
        assert!(!doc.data.interactions().is_empty());
    }
}
