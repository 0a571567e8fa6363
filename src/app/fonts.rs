//! Fallback fonts for the letters egui's bundled fonts lack. egui ships a small Latin font; names
//! like "Nguyễn Thị Thu Hương", "Ελένη" or "Łukasz" need more. The first broad-coverage font
//! found on the system is added after the bundled ones, so it is used only for missing glyphs.

use std::path::Path;

use eframe::egui;
use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// Common broad-coverage fonts, most preferred first (Linux, macOS, Windows).
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/google-noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\segoeui.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

/// Fonts larger than this are skipped (a CJK collection would cost memory for little gain here).
const MAX_FONT_BYTES: u64 = 16 << 20;

/// The first candidate that exists and is of a sensible size.
#[must_use]
pub fn find_fallback() -> Option<&'static str> {
    CANDIDATES.iter().copied().find(|p| {
        std::fs::metadata(Path::new(p)).is_ok_and(|m| m.is_file() && m.len() <= MAX_FONT_BYTES)
    })
}

/// Adds the system fallback font, if there is one, behind egui's own fonts.
pub fn install_fallback(ctx: &egui::Context) {
    let Some(path) = find_fallback() else { return };
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "system-fallback",
        FontData::from_owned(bytes),
        families,
    ));
}
