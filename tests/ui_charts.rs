//! The charts page, strength on the contact page and the strength weights, driven headless
//! through the accessibility tree (`egui_kittest`).
#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod common;

use std::path::PathBuf;

use chrono::{Days, Local};
use common::{Answers, App, contact_id, settle, write};
use eframe::egui::accesskit::Role;
use eframe::egui::{self, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use rapport::app::views::Page;
use rapport::app::views::charts::{ChartKind, EMPTY_MESSAGE};
use rapport::model::{ChannelId, Contact, ContactId, Dataset, Edit, Interaction};

/// An app on `file` (or the demo data) in a window large enough for every chart; dialogs cancel.
fn harness(file: Option<PathBuf>) -> App {
    match file {
        Some(_) => common::harness_sized(file, &Answers::default(), [1280.0, 860.0]),
        None => common::demo_harness_sized(&Answers::default(), [1280.0, 860.0]),
    }
}

/// One person and one video call with them ten days ago (inside every window).
fn one_contact() -> Dataset {
    let mut data = Dataset::new();
    let ada = Contact::new("Ada Lovelace");
    let id = ada.id;
    data.apply(Edit::PutContact(ada)).unwrap();
    let day = Local::now().date_naive() - Days::new(10);
    let mut it = Interaction::new(day, vec![id], ChannelId(4));
    it.minutes = Some(30);
    data.apply(Edit::PutInteraction(it)).unwrap();
    data
}

fn show_chart(h: &mut App, chart: ChartKind) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    settle(h);
    assert_eq!(h.state().page(), Page::Charts);
    h.get_by_role_and_label(Role::Button, chart.label()).click();
    settle(h);
    assert_eq!(h.state().charts().chart, chart);
}

fn has_label(h: &App, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

/// A node with this label that is not a button: the chart's own title, not the picker button
/// that shares its name.
fn has_title(h: &App, label: &str) -> bool {
    h.query_all_by_label(label)
        .any(|n| n.accesskit_node().role() != Role::Button)
}

fn has_label_containing(h: &App, part: &str) -> bool {
    h.query_all_by_label_contains(part).next().is_some()
}

/// Clicks at a screen position the way a mouse does: move there, press, release.
fn click_at(h: &mut App, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    settle(h);
}

/// The label (or legend entry) each chart must show on data.
fn marker(chart: ChartKind) -> &'static str {
    match chart {
        ChartKind::Engagement => "Online (calls, video, messages)",
        ChartKind::Timeline | ChartKind::Network => "Online",
        ChartKind::Scatter => "Scatter of",
        ChartKind::Map => "Relationship map:",
        ChartKind::ChannelMix => "Interactions per channel",
        ChartKind::OfflineLens => "strong ties",
    }
}

#[test]
fn every_chart_explains_an_empty_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), Dataset::new());
    let mut h = harness(Some(path));
    for chart in ChartKind::ALL {
        show_chart(&mut h, chart);
        assert!(has_title(&h, chart.label()), "{chart:?}: no title");
        assert!(
            has_label(&h, EMPTY_MESSAGE),
            "{chart:?}: no empty-data message"
        );
    }
}

#[test]
fn every_chart_draws_one_contact_with_one_interaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), one_contact());
    let mut h = harness(Some(path));
    for chart in ChartKind::ALL {
        show_chart(&mut h, chart);
        assert!(
            !has_label(&h, EMPTY_MESSAGE),
            "{chart:?}: says empty with one interaction"
        );
        assert!(
            has_label_containing(&h, marker(chart)),
            "{chart:?}: no {:?}",
            marker(chart)
        );
    }
    // One interaction is too little evidence for a strong tie (tier 3 at most, a score shrunk
    // toward the prior): the lens has no strong tie to list.
    assert!(has_label_containing(&h, "Of your 0 strong ties"));
    assert!(!has_label(&h, "Not seen at all"));
}

#[test]
fn every_chart_tells_the_demo_story() {
    let mut h = harness(None);
    for chart in ChartKind::ALL {
        show_chart(&mut h, chart);
        assert!(
            !has_label(&h, EMPTY_MESSAGE),
            "{chart:?}: empty on the demo"
        );
        assert!(
            has_label_containing(&h, marker(chart)),
            "{chart:?}: no {:?}",
            marker(chart)
        );
    }
    // Priya Raman's tie is deep and entirely online: the offline-only lens does not see it.
    show_chart(&mut h, ChartKind::OfflineLens);
    assert!(has_label(&h, "Priya Raman"));
    assert!(has_label_containing(
        &h,
        "every interaction in this window was online"
    ));
    // She leads the engagement chart.
    show_chart(&mut h, ChartKind::Engagement);
    assert!(has_label(&h, "Priya Raman"));
}

#[test]
fn the_window_control_changes_the_analytics_through_a_command() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Engagement);
    let before = h.state().insights().view.params();
    h.get_by_label("Window").click();
    settle(&mut h);
    h.get_by_label("All time").click();
    settle(&mut h);
    let after = h.state().insights().view.params();
    assert_ne!(before, after);
    assert_eq!(after.window, rapport::analytics::Window::All);
    // The planner keeps its all-time window.
    assert_eq!(
        h.state().insights().plan.params().window,
        rapport::analytics::Window::All
    );
}

#[test]
fn clicking_a_scatter_point_opens_that_contact() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Scatter);
    for name in ["Priya Raman", "Tom Brennan"] {
        if h.state().page() != Page::Charts {
            show_chart(&mut h, ChartKind::Scatter);
        }
        let id = contact_id(&h, name);
        let pos = h
            .state()
            .charts()
            .dot_position(id)
            .unwrap_or_else(|| panic!("{name} has no dot"));
        click_at(&mut h, pos);
        assert_eq!(h.state().selected(), Some(id), "{name}");
        assert_eq!(h.state().page(), Page::Contacts);
    }
}

#[test]
fn clicking_empty_scatter_space_opens_no_one() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Scatter);
    let id = contact_id(&h, "Priya Raman");
    let pos = h.state().charts().dot_position(id).unwrap();
    // Well below her dot (strength ~79): nobody in the demo sits 60 points lower at 100% online
    // and 40 to the left.
    click_at(&mut h, pos + egui::vec2(-300.0, 0.0));
    assert_eq!(h.state().page(), Page::Charts);
    assert_eq!(h.state().selected(), None);
}

#[test]
fn clicking_a_map_dot_opens_that_contact() {
    let mut h = harness(None);
    for name in ["Sofia Marchetti", "Priya Raman"] {
        show_chart(&mut h, ChartKind::Map);
        let id = contact_id(&h, name);
        let pos = h
            .state()
            .charts()
            .dot_position(id)
            .unwrap_or_else(|| panic!("{name} is not on the map"));
        click_at(&mut h, pos);
        assert_eq!(h.state().selected(), Some(id), "{name}");
        assert_eq!(h.state().page(), Page::Contacts);
    }
}

#[test]
fn sort_by_strength_follows_the_analytics() {
    let mut h = harness(None);
    h.get_by_label("Sort").click();
    settle(&mut h);
    h.get_by_label("Strength").click();
    settle(&mut h);
    let ranked = h.state().insights().view.ranked().to_vec();
    assert!(ranked.len() > 10);
    let rows = h.state().list_rows();
    assert_eq!(&rows[..ranked.len()], &ranked[..]);
    // People with no interaction in the window come after everyone ranked.
    assert_eq!(
        rows.len(),
        h.state()
            .data()
            .contacts()
            .iter()
            .filter(|c| !c.archived)
            .count()
    );
}

#[test]
fn the_contact_page_shows_strength_components_and_tier() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Engagement);
    h.get_by_label("Priya Raman").click();
    settle(&mut h);
    assert_eq!(h.state().page(), Page::Contacts);
    let id = contact_id(&h, "Priya Raman");
    let stats = h.state().insights().view.contact(id).unwrap().clone();
    assert!(has_label(&h, &format!("{:.0} / 100", stats.strength.score)));
    assert!(has_label(&h, "Tier 1 · innermost 5"));
    for name in [
        "Depth",
        "Recency",
        "Frequency",
        "Duration",
        "Reciprocity",
        "Multiplexity",
    ] {
        assert!(has_label(&h, name), "no {name} component");
    }
    // The compact timeline's legend.
    assert!(has_label_containing(&h, "Mean depth"));
}

#[test]
fn a_weight_change_is_one_undoable_step() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Engagement);
    h.get_by_label("Strength weights").click();
    settle(&mut h);
    let before = h.state().data().settings().strength.clone();
    let priya = contact_id(&h, "Priya Raman");
    let score = |h: &App| {
        h.state()
            .insights()
            .view
            .contact(priya)
            .unwrap()
            .strength
            .score
    };
    let old_score = score(&h);

    // Drag the depth slider to its right end: applied once, when it is let go.
    let rect = h.get_by_role_and_label(Role::Slider, "Depth").rect();
    let start = egui::pos2(rect.min.x + 20.0, rect.center().y);
    h.hover_at(start);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for k in 1..=8 {
        h.hover_at(start + egui::vec2(40.0 * k as f32, 0.0));
        h.step();
        assert_eq!(
            h.state().data().settings().strength,
            before,
            "applied while dragging"
        );
    }
    let end = start + egui::vec2(320.0, 0.0);
    h.event(egui::Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    settle(&mut h);
    let after = h.state().data().settings().strength.clone();
    assert!(after.depth > before.depth, "{after:?}");
    assert!((after.recency - before.recency).abs() < 1e-12);
    assert!(h.state().is_dirty());
    assert!(
        (score(&h) - old_score).abs() > 1e-6,
        "the analytics follow the weights"
    );

    // One undo restores the weights and the scores; there is nothing more to undo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(h.state().data().settings().strength, before);
    assert!((score(&h) - old_score).abs() < 1e-9);
    assert!(!h.state().is_dirty());

    // Reset to defaults is one step too.
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    settle(&mut h);
    assert_eq!(h.state().data().settings().strength, after);
    h.get_by_label("Reset to defaults").click();
    settle(&mut h);
    assert_eq!(h.state().data().settings().strength, before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(h.state().data().settings().strength, after);
}

#[test]
fn a_custom_range_sets_a_range_window() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Network);
    h.get_by_label("Window").click();
    settle(&mut h);
    h.get_by_label("Custom range").click();
    settle(&mut h);
    let params = h.state().insights().view.params();
    let rapport::analytics::Window::Range { from, to } = params.window else {
        panic!("not a range: {:?}", params.window)
    };
    assert_eq!(to, params.as_of);
    assert_eq!((to - from).num_days(), 364);
    assert!(has_label(&h, "From") && has_label(&h, "To"));
    assert!(!has_label(&h, EMPTY_MESSAGE));
}

#[test]
fn the_tag_filter_applies_to_the_charts() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Engagement);
    let everyone = h.state().insights().view.ranked().len();
    assert!(has_label(&h, &format!("1-20 of {everyone} people")));
    h.get_by_label("Tag").click();
    settle(&mut h);
    h.get_by_label("client").click();
    settle(&mut h);
    let clients: Vec<ContactId> = h
        .state()
        .data()
        .contacts()
        .iter()
        .filter(|c| !c.archived && c.has_tag("client"))
        .map(|c| c.id)
        .filter(|id| {
            h.state()
                .insights()
                .view
                .contact(*id)
                .is_some_and(|s| s.rank.is_some())
        })
        .collect();
    assert!(!clients.is_empty() && clients.len() < everyone);
    assert!(has_label(
        &h,
        &format!("1-{} of {} people", clients.len().min(20), clients.len())
    ));
    // The chamber crowd are not clients: none of them is listed.
    let tom = contact_id(&h, "Tom Brennan");
    assert!(!clients.contains(&tom));
    assert!(!has_label(&h, "Tom Brennan"));
}

/// Issue 15 item 7: legends sit outside the data, on their own line above the plots (a legend
/// inside a plot is an interactive entry over the first bars); the channel mix shows its values.
#[test]
fn legends_sit_above_the_plots_not_over_the_bars() {
    let mut h = harness(None);
    let in_plot = |h: &App, label: &str| {
        h.query_all_by_label(label)
            .any(|n| n.accesskit_node().role() != Role::Label)
    };
    for chart in [
        ChartKind::Network,
        ChartKind::Timeline,
        ChartKind::ChannelMix,
    ] {
        show_chart(&mut h, chart);
        for entry in ["Online", "Offline", "Online channels", "Offline channels"] {
            assert!(
                !in_plot(&h, entry),
                "{chart:?}: a legend entry {entry} in the plot"
            );
        }
    }
    assert!(has_label(&h, "Offline (in person, events, letters)"));
    show_chart(&mut h, ChartKind::Network);
    assert!(has_label(&h, "By month"));
    assert!(has_label(&h, "Mean depth (1 small talk, 5 trusted help)"));
}

/// The scatter's accessible description ("Scatter of N people: ... (M in view, as dots)").
fn scatter_label(h: &App) -> String {
    h.query_all_by_label_contains("Scatter of")
        .find_map(|n| n.accesskit_node().label())
        .unwrap_or_else(|| panic!("no scatter"))
}

/// The number before " of " in "(1,234 of 3,000 people in view".
fn people_in_view(label: &str) -> usize {
    let start = label.find('(').unwrap() + 1;
    let end = label[start..].find(" of ").unwrap() + start;
    label[start..end].replace(',', "").parse().unwrap()
}

#[test]
fn zooming_into_a_big_scatter_turns_the_density_into_dots_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = rapport::synth::generate(&rapport::synth::Spec::new(3_000, 20_000, 1)).unwrap();
    let path = write(dir.path(), data);
    let mut h = common::harness_allowing_missing_glyphs(Some(path), &Answers::default());
    common::finish_loading(&mut h);
    show_chart(&mut h, ChartKind::Scatter);
    let whole = scatter_label(&h);
    let total: usize = whole["Scatter of ".len()..whole.find(" people").unwrap()]
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(total > 2_000, "{whole}");
    let everyone = format!(
        "({} people, shaded by density)",
        &whole["Scatter of ".len()..whole.find(" people").unwrap()]
    );
    assert!(whole.ends_with(&everyone), "{whole}");

    // Ctrl+scroll (a zoom event) over the middle of the plot, until few enough are in view.
    let frame = h.state().charts().scatter_frame().unwrap();
    for _ in 0..4 {
        h.hover_at(frame.center());
        h.event(egui::Event::Zoom(1.5));
        h.step();
    }
    settle(&mut h);
    let zoomed = scatter_label(&h);
    assert!(zoomed.contains("people in view, as dots)"), "{zoomed}");
    let in_view = people_in_view(&zoomed);
    assert!(in_view > 0 && in_view <= 2_000, "{zoomed}");

    // Everyone drawn now is a dot that opens its person: click one well inside the plot.
    let frame = h.state().charts().scatter_frame().unwrap().shrink(12.0);
    let ids: Vec<ContactId> = h.state().data().contacts().iter().map(|c| c.id).collect();
    let (id, pos) = ids
        .iter()
        .find_map(|&id| {
            let pos = h.state().charts().dot_position(id)?;
            frame.contains(pos).then_some((id, pos))
        })
        .expect("someone in view");
    click_at(&mut h, pos);
    assert_eq!(h.state().page(), Page::Contacts);
    // The person opened is the one clicked, or one whose dot lies under the same pointer.
    let opened = h.state().selected().unwrap();
    let opened_at = h.state().charts().dot_position(opened).unwrap();
    assert!(
        opened == id || opened_at.distance(pos) <= 8.0,
        "{opened_at:?} {pos:?}"
    );

    // Back on the chart, the zoom is kept; zooming out again shows everyone, as density.
    show_chart(&mut h, ChartKind::Scatter);
    assert_eq!(scatter_label(&h), zoomed, "the zoom is kept");
    let center = h.state().charts().scatter_frame().unwrap().center();
    for _ in 0..4 {
        h.hover_at(center);
        h.event(egui::Event::Zoom(1.0 / 1.5));
        h.step();
    }
    settle(&mut h);
    let out = scatter_label(&h);
    assert!(
        out.ends_with(&everyone),
        "{out} {:?}",
        h.state().charts().scatter_view()
    );
}

#[test]
fn a_scatter_group_hidden_in_the_legend_leaves_the_chart_and_comes_back() {
    let mut h = harness(None);
    show_chart(&mut h, ChartKind::Scatter);
    let all = scatter_label(&h);
    let count = |label: &str| -> usize {
        let start = label.rfind('(').unwrap() + 1;
        let end = label[start..].find(' ').unwrap() + start;
        label[start..end].replace(',', "").parse().unwrap()
    };
    let everyone = count(&all);
    // Priya Raman is mostly online: her dot goes with the group, and clicking there opens no one.
    let priya = contact_id(&h, "Priya Raman");
    let pos = h.state().charts().dot_position(priya).unwrap();
    let online = h.get_by_label("Mostly online");
    assert_eq!(
        online.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    online.click();
    settle(&mut h);
    let fewer = count(&scatter_label(&h));
    assert!(fewer < everyone && fewer > 0, "{everyone} -> {fewer}");
    assert_eq!(
        h.get_by_label("Mostly online").accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False)
    );
    click_at(&mut h, pos);
    assert_eq!(h.state().selected(), None, "a hidden dot opens no one");
    assert_eq!(h.state().page(), Page::Charts);
    // Shown again: everyone, and her dot opens her.
    h.get_by_label("Mostly online").click();
    settle(&mut h);
    assert_eq!(count(&scatter_label(&h)), everyone);
    click_at(&mut h, pos);
    assert_eq!(h.state().selected(), Some(priya));
}
