//! A contact's avatar: the contact's photo in a circle, or their initials on a coloured circle
//! when there is none. The colour follows from the contact's id, so it stays the same.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use eframe::egui;

use egui::{Color32, Sense, TextureHandle, TextureOptions};

use crate::app::theme;
use crate::formats::photo;
use crate::model::{Contact, ContactId, Mode};

/// The circle colours for initials, from the theme: the online and offline mode colours and the
/// status colours (all carry white text).
fn palette() -> [Color32; 5] {
    use crate::analytics::planner::Status;
    [
        theme::mode_color(Mode::Online),
        theme::mode_color(Mode::Offline),
        theme::status_color(Status::Ok),
        theme::status_color(Status::Overdue),
        theme::blend(
            theme::mode_color(Mode::Online),
            theme::mode_color(Mode::Offline),
            0.5,
        ),
    ]
}

/// Up to two initials: given and family name, else the first and last words of the name.
#[must_use]
pub fn initials(c: &Contact) -> String {
    let first = |s: &str| s.chars().find(|ch| ch.is_alphanumeric());
    let (a, b) = if !c.given_name.trim().is_empty() || !c.family_name.trim().is_empty() {
        (first(&c.given_name), first(&c.family_name))
    } else {
        let words: Vec<&str> = c
            .display_name
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        (
            words.first().and_then(|w| first(w)),
            words.get(1..).and_then(|r| r.last()).and_then(|w| first(w)),
        )
    };
    a.into_iter()
        .chain(b)
        .flat_map(char::to_uppercase)
        .collect()
}

fn colour_of(id: ContactId) -> Color32 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    let colours = palette();
    colours[(h.finish() % colours.len() as u64) as usize]
}

/// Decoded photos, by contact and photo text, kept in egui's memory between frames.
#[derive(Clone, Default)]
struct Textures(HashMap<(ContactId, u64), Option<TextureHandle>>);

fn texture(ctx: &egui::Context, c: &Contact) -> Option<TextureHandle> {
    let p = c.photo.as_ref()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    p.data.hash(&mut h);
    let key = (c.id, h.finish());
    let cache_id = egui::Id::unique("rapport-avatar-textures");
    if let Some(found) = ctx.data(|d| {
        d.get_temp::<Textures>(cache_id)
            .and_then(|t| t.0.get(&key).cloned())
    }) {
        return found;
    }
    let made = photo::bytes(p)
        .and_then(|b| image::load_from_memory(&b).ok())
        .map(|img| {
            let rgba = img.to_rgba8();
            let size = [rgba.width() as usize, rgba.height() as usize];
            let image = egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
            ctx.load_texture(format!("avatar-{}", c.id), image, TextureOptions::LINEAR)
        });
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Textures>(cache_id)
            .0
            .insert(key, made.clone());
    });
    made
}

/// Draws the avatar, `size` points across; named for screen readers ("Photo of Ada Lovelace",
/// or "Initials AL").
pub fn avatar_ui(ui: &mut egui::Ui, c: &Contact, size: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), Sense::hover());
    let tex = texture(ui.ctx(), c);
    let label = if tex.is_some() {
        format!("Photo of {}", c.display_name)
    } else {
        format!("Initials {}", initials(c))
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let centre = rect.center();
    let radius = size / 2.0;
    match tex {
        Some(t) => {
            // The photo, cut to the circle's square and rounded into a circle.
            let [w, h] = t.size();
            let square = w.min(h) as f32;
            let uv = egui::Rect::from_center_size(
                egui::pos2(0.5, 0.5),
                egui::vec2(square / w as f32, square / h as f32),
            );
            egui::Image::new((t.id(), rect.size()))
                .uv(uv)
                .corner_radius(radius)
                .paint_at(ui, rect);
        }
        None => {
            ui.painter().circle_filled(centre, radius, colour_of(c.id));
            ui.painter().text(
                centre,
                egui::Align2::CENTER_CENTER,
                initials(c),
                egui::FontId::proportional(size * 0.4),
                theme::ON_MODE,
            );
        }
    }
    response
}
