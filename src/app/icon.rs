//! The application's identity on the desktop: its app id and its window icon.
//!
//! The app id names the `.desktop` file and the `AppStream` metainfo under `packaging/linux/`,
//! the hicolor icons under `assets/icons/`, and the Wayland app id (X11 `WM_CLASS`) of the
//! window, so the desktop can match the running window to its menu entry and icon. eframe also
//! derives its storage folder for persisted UI state from it.

use eframe::egui::IconData;

/// Reverse-DNS application id, used by `ViewportBuilder::with_app_id`.
pub const APP_ID: &str = "io.github.rapport.Rapport";

/// The 256 px app icon, rendered from `assets/icons/rapport.svg` by `assets/icons/render.sh`.
const ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/256x256/apps/io.github.rapport.Rapport.png");

/// The window icon (256 x 256 RGBA), for `ViewportBuilder::with_icon`.
///
/// The PNG is embedded at build time and checked by a test; should it ever fail to decode, the
/// window simply gets no icon of its own (eframe ignores an empty `IconData`).
#[must_use]
pub fn window_icon() -> IconData {
    eframe::icon_data::from_png_bytes(ICON_PNG).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{APP_ID, window_icon};

    #[test]
    fn window_icon_is_the_256_px_rgba_image() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The rounded square leaves the corner transparent and fills the middle.
        assert_eq!(icon.rgba[3], 0, "top-left corner should be transparent");
        let middle = (128 * 256 + 128) * 4;
        assert_eq!(icon.rgba[middle + 3], 255, "middle should be opaque");
    }

    #[test]
    fn app_id_names_the_desktop_entry_metainfo_and_icons() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let desktop = root.join(format!("packaging/linux/{APP_ID}.desktop"));
        let metainfo = root.join(format!("packaging/linux/{APP_ID}.metainfo.xml"));
        assert!(desktop.is_file(), "missing {}", desktop.display());
        assert!(metainfo.is_file(), "missing {}", metainfo.display());
        let desktop_text = std::fs::read_to_string(&desktop).unwrap_or_default();
        assert!(desktop_text.contains(&format!("\nIcon={APP_ID}\n")));
        let metainfo_text = std::fs::read_to_string(&metainfo).unwrap_or_default();
        assert!(metainfo_text.contains(&format!("<id>{APP_ID}</id>")));
        for size in [16_u32, 22, 24, 32, 48, 64, 128, 256, 512] {
            let png = root.join(format!(
                "assets/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
            ));
            let bytes = std::fs::read(&png).unwrap_or_default();
            assert!(
                bytes.starts_with(b"\x89PNG"),
                "not a PNG: {}",
                png.display()
            );
            // The IHDR chunk holds the width and height, big-endian, at bytes 16..24.
            let dimension = |at: usize| bytes.get(at..at + 4).map(|b| [b[0], b[1], b[2], b[3]]);
            let width = dimension(16).map(u32::from_be_bytes);
            let height = dimension(20).map(u32::from_be_bytes);
            assert_eq!(
                (width, height),
                (Some(size), Some(size)),
                "{}",
                png.display()
            );
        }
    }
}
