//! The charts page: shared controls (window, tag) above a chart picker and the chart chosen.
//!
//! Controls change state only through commands (`Command::SetViewParams` for the analytics
//! window) or the page's own [`ChartsState`]; the `*_plot_ui` functions only read data. Network
//! figures are computed once per (dataset revision, analytics params, tag) and cached here.

use eframe::egui;

use chrono::NaiveDate;
use egui::{Color32, Pos2, RichText, Sense, Ui, Vec2};
use egui_plot::{
    Bar, BarChart, Corner, GridInput, GridMark, HLine, Legend, Line, LineStyle, MarkerShape, Plot,
    PlotPoint, PlotPoints, PlotTransform, Points, Text, VLine,
};

use super::relationship_map::{self, MapLayout, MapPlacement};
use super::strength_panel;
use crate::analytics::charts::{
    self, ChannelMix, DEEP_STRENGTH, MOSTLY_ONLINE, MonthBucket, Relationship,
};
use crate::analytics::{Analytics, MissedTie, Params, Window};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::Page;
use crate::model::{ContactId, Dataset, Mode};

/// The message every chart shows when its window holds no interaction.
pub const EMPTY_MESSAGE: &str =
    "No interactions in this window: widen the window or log one with Ctrl+L";

/// Relationships per page of the engagement chart.
pub const PAGE_SIZE: usize = 20;

/// The charts on the page, in the picker's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ChartKind {
    #[default]
    Engagement,
    Timeline,
    Scatter,
    Network,
    Map,
    ChannelMix,
    OfflineLens,
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Engagement,
        ChartKind::Timeline,
        ChartKind::Scatter,
        ChartKind::Network,
        ChartKind::Map,
        ChartKind::ChannelMix,
        ChartKind::OfflineLens,
    ];

    /// The name in the picker and the chart's title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Engagement => "Engagement per relationship",
            ChartKind::Timeline => "A contact's timeline",
            ChartKind::Scatter => "Strength vs online share",
            ChartKind::Network => "Network engagement over time",
            ChartKind::Map => "Relationship map",
            ChartKind::ChannelMix => "Channel mix",
            ChartKind::OfflineLens => "What offline-only misses",
        }
    }

    /// One line under the title saying how to read the chart.
    fn subtitle(self) -> &'static str {
        match self {
            ChartKind::Engagement => {
                "Your strongest relationships: offline to the left, online to the right"
            }
            ChartKind::Timeline => {
                "Month by month, online and offline stacked, with how deep it went"
            }
            ChartKind::Scatter => {
                "Each dot is a person. Up is a stronger tie; right is more of it online. Click a dot to open the person"
            }
            ChartKind::Network => "Every relationship together, month by month",
            ChartKind::Map => {
                "You in the middle, your closest people on the inner rings. Click a dot to open the person"
            }
            ChartKind::ChannelMix => "How much happens on each channel",
            ChartKind::OfflineLens => {
                "Strong ties a view that only counts meetings in person would miss or rank lower"
            }
        }
    }
}

/// What the engagement bars measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Measure {
    #[default]
    Count,
    Minutes,
    Depth,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Count, Measure::Minutes, Measure::Depth];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Measure::Count => "Interactions",
            Measure::Minutes => "Minutes",
            Measure::Depth => "Depth-weighted",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Measure::Count => "How many interactions",
            Measure::Minutes => "Minutes spent together (where logged)",
            Measure::Depth => {
                "Each interaction weighted by its depth: one trusted talk counts as five greetings"
            }
        }
    }

    /// (offline, online) for a relationship.
    #[must_use]
    pub fn split(self, r: &Relationship) -> (f64, f64) {
        match self {
            Measure::Count => (f64::from(r.offline), f64::from(r.online)),
            Measure::Minutes => (r.offline_minutes as f64, r.online_minutes as f64),
            Measure::Depth => (f64::from(r.offline_depth), f64::from(r.online_depth)),
        }
    }

    /// (offline, online) for a month.
    #[must_use]
    pub fn month(self, b: &MonthBucket) -> (f64, f64) {
        match self {
            Measure::Minutes => (b.offline_minutes as f64, b.online_minutes as f64),
            Measure::Count | Measure::Depth => (f64::from(b.offline), f64::from(b.online)),
        }
    }
}

/// How the engagement chart orders relationships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RelSort {
    #[default]
    Strength,
    Total,
    OnlineShare,
}

impl RelSort {
    pub const ALL: [RelSort; 3] = [RelSort::Strength, RelSort::Total, RelSort::OnlineShare];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RelSort::Strength => "Strength",
            RelSort::Total => "Total",
            RelSort::OnlineShare => "Online share",
        }
    }
}

/// The window choices of the shared control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WindowChoice {
    Days90,
    Days365,
    All,
    Custom,
}

impl WindowChoice {
    const ALL: [WindowChoice; 4] = [
        WindowChoice::Days90,
        WindowChoice::Days365,
        WindowChoice::All,
        WindowChoice::Custom,
    ];

    fn label(self) -> &'static str {
        match self {
            WindowChoice::Days90 => "Last 90 days",
            WindowChoice::Days365 => "Last 365 days",
            WindowChoice::All => "All time",
            WindowChoice::Custom => "Custom range",
        }
    }

    fn of(w: Window) -> Self {
        match w {
            Window::LastDays(90) => WindowChoice::Days90,
            Window::All => WindowChoice::All,
            Window::Range { .. } => WindowChoice::Custom,
            Window::LastDays(_) => WindowChoice::Days365,
        }
    }
}

/// Chart data computed from the analytics, valid for one key.
#[derive(Default)]
struct ChartData {
    key: Option<(u64, Params, Option<String>, usize)>,
    rels: Option<Vec<Relationship>>,
    network: Option<Vec<MonthBucket>>,
    mix: Option<Vec<ChannelMix>>,
    lens: Option<LensRows>,
    /// Engagement order for (sort, measure): indexes into `rels`.
    order: Option<((RelSort, Measure), Vec<usize>)>,
    map: Option<(bool, MapLayout)>,
}

/// The page's own state: which chart, the tag filter, chart options and caches.
#[derive(Default)]
pub struct ChartsState {
    pub chart: ChartKind,
    /// Only contacts with this tag count (case-insensitive).
    pub tag: Option<String>,
    pub measure: Measure,
    pub sort: RelSort,
    /// Page of the engagement chart (0-based).
    pub page: usize,
    /// Draw everyone in tier 5 on the map too.
    pub show_outer: bool,
    custom: Option<(jiff::civil::Date, jiff::civil::Date)>,
    data: ChartData,
    /// The weights being dragged (applied when the slider is let go).
    pub(crate) weights_draft: Option<crate::model::StrengthWeights>,
    /// Where the scatter and the map were last drawn, for hit-testing in tests.
    scatter_transform: Option<PlotTransform>,
    map_placement: Option<MapPlacement>,
}

impl std::fmt::Debug for ChartsState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChartsState")
            .field("chart", &self.chart)
            .field("tag", &self.tag)
            .finish_non_exhaustive()
    }
}

impl ChartsState {
    /// Drops every cached series (another document was opened).
    pub fn invalidate(&mut self) {
        self.data = ChartData::default();
        self.scatter_transform = None;
        self.map_placement = None;
    }

    /// Makes the cache current for this dataset, analytics and tag.
    fn sync(&mut self, ds: &Dataset, an: &Analytics) {
        let key = (
            an.revision(),
            an.params(),
            self.tag.clone(),
            ds.contacts().len(),
        );
        if self.data.key.as_ref() != Some(&key) {
            self.data = ChartData {
                key: Some(key),
                ..ChartData::default()
            };
        }
    }

    fn rels(&mut self, ds: &Dataset, an: &Analytics) -> &[Relationship] {
        let tag = self.tag.as_deref();
        self.data
            .rels
            .get_or_insert_with(|| charts::relationships(ds, an, tag))
    }

    /// The screen position of a person's dot on the chart drawn last (the scatter or the map),
    /// for tests that click it through the same hit-testing as the mouse.
    #[must_use]
    pub fn dot_position(&self, contact: ContactId) -> Option<Pos2> {
        let rels = self.data.rels.as_ref()?;
        match self.chart {
            ChartKind::Scatter => {
                let t = self.scatter_transform.as_ref()?;
                let r = rels.iter().find(|r| r.contact == contact)?;
                Some(t.position_from_point(&scatter_point(r)))
            }
            ChartKind::Map => {
                let p = self.map_placement?;
                let (_, layout) = self.data.map.as_ref()?;
                let d = layout.dots.iter().find(|d| d.contact == contact)?;
                Some(p.center + d.pos * p.radius)
            }
            _ => None,
        }
    }
}

/// Asks the app to open a person's page.
pub fn open_contact(id: ContactId, cmds: &mut Vec<Command>) {
    cmds.push(Command::SelectContact(Some(id)));
    cmds.push(Command::ShowPage(Page::Contacts));
}

/// "Tier 1 · innermost 5".
#[must_use]
pub fn tier_label(tier: u8) -> &'static str {
    match tier {
        1 => "Tier 1 · innermost 5",
        2 => "Tier 2 · closest 15",
        3 => "Tier 3 · top 50",
        4 => "Tier 4 · top 150",
        _ => "Tier 5 · everyone else",
    }
}

/// "72% online".
#[must_use]
pub fn split_text(online_share: f64) -> String {
    let online = (online_share * 100.0).round();
    format!("{online:.0}% online, {:.0}% offline", 100.0 - online)
}

/// The hover card of a person in the scatter and the map.
pub fn person_tooltip_ui(ui: &mut Ui, r: &Relationship) {
    ui.label(RichText::new(&r.name).strong());
    ui.label(format!("Strength {:.0} of 100", r.strength));
    ui.label(tier_label(r.tier));
    ui.label(format!(
        "{} ({} online, {} offline)",
        split_text(r.online_share),
        r.online,
        r.offline
    ));
    ui.label(RichText::new("Click to open").color(theme::weak_text(ui.visuals())));
}

/// Draws the page.
#[expect(
    clippy::too_many_arguments,
    reason = "the page reads several independent pieces of app state; a struct would only rename them"
)]
pub fn charts_page_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    tags: &[String],
    selected: Option<ContactId>,
    today: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    state.sync(ds, an);
    controls_ui(ui, state, an, tags, today, cmds);
    ui.separator();
    egui::Panel::left("chart-picker")
        .resizable(false)
        .exact_size(230.0)
        .show(ui, |ui| {
            picker_ui(ui, state);
            ui.add_space(theme::GAP_L);
            strength_panel::weights_ui(ui, state, ds, cmds);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading(state.chart.label());
        ui.label(RichText::new(state.chart.subtitle()).color(theme::weak_text(ui.visuals())));
        ui.add_space(theme::GAP_S);
        match state.chart {
            ChartKind::Engagement => engagement_ui(ui, state, ds, an, cmds),
            ChartKind::Timeline => timeline_page_ui(ui, state, ds, an, selected, cmds),
            ChartKind::Scatter => {
                state.rels(ds, an);
                let rels = state.data.rels.as_deref().unwrap_or(&[]);
                state.scatter_transform = scatter_plot_ui(ui, rels, cmds);
            }
            ChartKind::Network => {
                let tag = state.tag.clone();
                let buckets = state
                    .data
                    .network
                    .get_or_insert_with(|| charts::network_timeline(ds, an, tag.as_deref()));
                measure_ui(ui, &mut state.measure, false);
                timeline_plot_ui(ui, "network", buckets, state.measure, false);
            }
            ChartKind::Map => map_page_ui(ui, state, ds, an, cmds),
            ChartKind::ChannelMix => {
                let tag = state.tag.clone();
                let mix = state
                    .data
                    .mix
                    .get_or_insert_with(|| charts::channel_mix(ds, an, tag.as_deref()));
                channel_mix_plot_ui(ui, mix);
            }
            ChartKind::OfflineLens => {
                let tag = state.tag.clone();
                let lens = state
                    .data
                    .lens
                    .get_or_insert_with(|| lens_rows(ds, an, tag.as_deref()));
                offline_lens_ui(ui, an, lens, cmds);
            }
        }
    });
}

/// Window and tag: shared by every chart.
fn controls_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    an: &Analytics,
    tags: &[String],
    today: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    let params = an.params();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Window");
        let current = WindowChoice::of(params.window);
        let mut choice = current;
        egui::ComboBox::from_id_salt("chart-window")
            .selected_text(choice.label())
            .width(130.0)
            .show_ui(ui, |ui| {
                for c in WindowChoice::ALL {
                    ui.selectable_value(&mut choice, c, c.label());
                }
            })
            .response
            .labelled_by(label.id);
        let (from, to) = *state.custom.get_or_insert_with(|| match params.window {
            Window::Range { from, to } => (to_jiff(from), to_jiff(to)),
            w => {
                let span = w.span(today);
                (
                    to_jiff(span.start.unwrap_or(today - chrono::Days::new(364))),
                    to_jiff(today),
                )
            }
        });
        let mut range = (from, to);
        if choice == WindowChoice::Custom {
            let f = ui.label("From");
            ui.label_inputs_by(f.id, |ui| date_ui(ui, &mut range.0, "chart-from"));
            let t = ui.label("To");
            ui.label_inputs_by(t.id, |ui| date_ui(ui, &mut range.1, "chart-to"));
        }
        if choice != current || (choice == WindowChoice::Custom && range != (from, to)) {
            state.custom = Some(range);
            let window = match choice {
                WindowChoice::Days90 => Window::LastDays(90),
                WindowChoice::Days365 => Window::LastDays(365),
                WindowChoice::All => Window::All,
                WindowChoice::Custom => {
                    let (a, b) = (to_chrono(range.0), to_chrono(range.1));
                    Window::Range {
                        from: a.min(b),
                        to: a.max(b),
                    }
                }
            };
            cmds.push(Command::SetViewParams(Params {
                as_of: today,
                window,
            }));
        }
        ui.add_space(theme::GAP_L);
        let tag_label = ui.label("Tag");
        egui::ComboBox::from_id_salt("chart-tag")
            .selected_text(state.tag.as_deref().unwrap_or("Everyone"))
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.tag, None, "Everyone");
                for t in tags {
                    ui.selectable_value(&mut state.tag, Some(t.clone()), t);
                }
            })
            .response
            .labelled_by(tag_label.id);
        ui.label(
            RichText::new(format!("Showing {}", params.window.describe()))
                .size(theme::META_SIZE)
                .color(theme::weak_text(ui.visuals())),
        );
    });
}

fn to_jiff(d: NaiveDate) -> jiff::civil::Date {
    super::interaction_form::to_jiff(d)
}

fn to_chrono(d: jiff::civil::Date) -> NaiveDate {
    super::interaction_form::to_chrono(d).unwrap_or_default()
}

fn date_ui(ui: &mut Ui, date: &mut jiff::civil::Date, salt: &'static str) {
    ui.add(
        egui_extras::DatePickerButton::new(date)
            .id_salt(salt)
            .show_icon(false)
            .highlight_weekends(false)
            .combo_boxes(false)
            .calendar_week(false),
    );
}

fn picker_ui(ui: &mut Ui, state: &mut ChartsState) {
    ui.add_space(theme::GAP_S);
    ui.label(RichText::new("Charts").strong());
    ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
        for k in ChartKind::ALL {
            if ui.selectable_label(state.chart == k, k.label()).clicked() {
                state.chart = k;
            }
        }
    });
}

fn empty_ui(ui: &mut Ui) {
    super::empty_state_ui(ui, "Nothing to chart yet", EMPTY_MESSAGE);
}

fn measure_ui(ui: &mut Ui, measure: &mut Measure, with_depth: bool) {
    ui.horizontal(|ui| {
        ui.label("Measure");
        for m in Measure::ALL {
            if m == Measure::Depth && !with_depth {
                continue;
            }
            ui.selectable_value(measure, m, m.label())
                .on_hover_text(m.hint());
        }
    });
}

/// Legend chips: the online and offline colours with their names.
fn mode_legend_ui(ui: &mut Ui) {
    ui.horizontal(|ui| {
        for mode in [Mode::Offline, Mode::Online] {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, theme::mode_color(mode));
            ui.label(match mode {
                Mode::Offline => "Offline (in person, events, letters)",
                Mode::Online => "Online (calls, video, messages)",
            });
        }
    });
}

// ---------------------------------------------------------------------------------------------
// 1. Engagement per relationship

fn engagement_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        measure_ui(ui, &mut state.measure, true);
        ui.add_space(theme::GAP_L);
        let l = ui.label("Sort by");
        egui::ComboBox::from_id_salt("engagement-sort")
            .selected_text(state.sort.label())
            .width(110.0)
            .show_ui(ui, |ui| {
                for s in RelSort::ALL {
                    ui.selectable_value(&mut state.sort, s, s.label());
                }
            })
            .response
            .labelled_by(l.id);
    });
    mode_legend_ui(ui);
    state.rels(ds, an);
    let rels = state.data.rels.as_deref().unwrap_or(&[]);
    if rels.is_empty() {
        empty_ui(ui);
        return;
    }
    let key = (state.sort, state.measure);
    if state.data.order.as_ref().is_none_or(|(k, _)| *k != key) {
        state.data.order = Some((key, engagement_order(rels, state.sort, state.measure)));
    }
    let order = state.data.order.as_ref().map_or(&[][..], |(_, o)| o);
    let pages = order.len().div_ceil(PAGE_SIZE);
    state.page = state.page.min(pages.saturating_sub(1));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(state.page > 0, egui::Button::new("Previous"))
            .clicked()
        {
            state.page -= 1;
        }
        let first = state.page * PAGE_SIZE;
        ui.label(format!(
            "{}-{} of {} people",
            first + 1,
            (first + PAGE_SIZE).min(order.len()),
            order.len()
        ));
        if ui
            .add_enabled(state.page + 1 < pages, egui::Button::new("Next"))
            .clicked()
        {
            state.page += 1;
        }
    });
    let page: Vec<&Relationship> = order
        .iter()
        .skip(state.page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|&i| &rels[i])
        .collect();
    // One scale for every page, so bars compare across pages.
    let max = order
        .iter()
        .map(|&i| {
            let (off, on) = state.measure.split(&rels[i]);
            off.max(on)
        })
        .fold(0.0_f64, f64::max)
        .max(1.0);
    engagement_bars_ui(ui, &page, state.measure, max, cmds);
}

/// Indexes of `rels` in the chosen order (strongest first within ties).
#[must_use]
pub fn engagement_order(rels: &[Relationship], sort: RelSort, measure: Measure) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rels.len()).collect();
    match sort {
        RelSort::Strength => {}
        RelSort::Total => order.sort_by(|&a, &b| {
            let (x, y) = (measure.split(&rels[a]), measure.split(&rels[b]));
            (y.0 + y.1).total_cmp(&(x.0 + x.1))
        }),
        RelSort::OnlineShare => {
            order.sort_by(|&a, &b| rels[b].online_share.total_cmp(&rels[a].online_share));
        }
    }
    order
}

/// Diverging bars, one row per person: offline to the left of the centre line, online to the
/// right, with the numbers at the ends. Painted (a few dozen rows), each name clickable.
fn engagement_bars_ui(
    ui: &mut Ui,
    page: &[&Relationship],
    measure: Measure,
    max: f64,
    cmds: &mut Vec<Command>,
) {
    let row_h = 24.0;
    let name_w = 190.0;
    let strength_w = 64.0;
    let weak = theme::weak_text(ui.visuals());
    let guide = theme::chart_guide(ui.visuals());
    egui::ScrollArea::vertical()
        .id_salt("engagement-rows")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Axis captions.
            let width = ui.available_width();
            let bar_w = ((width - name_w - strength_w) / 2.0 - 40.0).max(40.0);
            let (head, head_response) =
                ui.allocate_exact_size(Vec2::new(width, 18.0), Sense::hover());
            super::named(
                &head_response,
                &format!(
                    "{} offline to the left, online to the right",
                    measure.label()
                ),
            );
            let mid = head.left() + name_w + strength_w + 40.0 + bar_w;
            let font = egui::FontId::proportional(theme::META_SIZE);
            ui.painter().text(
                Pos2::new(mid - 6.0, head.center().y),
                egui::Align2::RIGHT_CENTER,
                format!("{} offline", measure.label()),
                font.clone(),
                theme::OFFLINE,
            );
            ui.painter().text(
                Pos2::new(mid + 6.0, head.center().y),
                egui::Align2::LEFT_CENTER,
                format!("{} online", measure.label()),
                font.clone(),
                theme::ONLINE,
            );
            ui.painter().text(
                Pos2::new(head.left() + name_w, head.center().y),
                egui::Align2::LEFT_CENTER,
                "Strength",
                font.clone(),
                weak,
            );
            for r in page {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(width, row_h), Sense::hover());
                let name = ui
                    .scope_builder(
                        egui::UiBuilder::new()
                            .max_rect(egui::Rect::from_min_size(
                                rect.min,
                                Vec2::new(name_w - 8.0, row_h),
                            ))
                            .layout(egui::Layout::left_to_right(egui::Align::Center)),
                        |ui| ui.add(egui::Button::new(&r.name).frame(false).truncate()),
                    )
                    .inner;
                if name
                    .on_hover_text(format!(
                        "{}: open this person\n{}\n{}",
                        r.name,
                        tier_label(r.tier),
                        split_text(r.online_share)
                    ))
                    .clicked()
                {
                    open_contact(r.contact, cmds);
                }
                let p = ui.painter();
                p.text(
                    Pos2::new(rect.left() + name_w, rect.center().y),
                    egui::Align2::LEFT_CENTER,
                    format!("{:.0}", r.strength),
                    font.clone(),
                    ui.visuals().text_color(),
                );
                let (off, on) = measure.split(r);
                let scale = |v: f64| (v / max) as f32 * bar_w;
                let y = rect.center().y;
                let h = row_h * 0.62;
                p.line_segment(
                    [Pos2::new(mid, rect.top()), Pos2::new(mid, rect.bottom())],
                    egui::Stroke::new(1.0, guide),
                );
                if off > 0.0 {
                    let left = egui::Rect::from_min_max(
                        Pos2::new(mid - scale(off), y - h / 2.0),
                        Pos2::new(mid, y + h / 2.0),
                    );
                    p.rect_filled(left, 2.0, theme::OFFLINE);
                    p.text(
                        Pos2::new(left.left() - 4.0, y),
                        egui::Align2::RIGHT_CENTER,
                        format!("{off:.0}"),
                        font.clone(),
                        weak,
                    );
                }
                if on > 0.0 {
                    let right = egui::Rect::from_min_max(
                        Pos2::new(mid, y - h / 2.0),
                        Pos2::new(mid + scale(on), y + h / 2.0),
                    );
                    p.rect_filled(right, 2.0, theme::ONLINE);
                    p.text(
                        Pos2::new(right.right() + 4.0, y),
                        egui::Align2::LEFT_CENTER,
                        format!("{on:.0}"),
                        font.clone(),
                        weak,
                    );
                }
            }
        });
}

// ---------------------------------------------------------------------------------------------
// 2 and 4. Timelines

fn timeline_page_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    selected: Option<ContactId>,
    cmds: &mut Vec<Command>,
) {
    let rels = state.rels(ds, an);
    let who = selected
        .filter(|id| ds.contact(*id).is_some())
        .or_else(|| rels.first().map(|r| r.contact));
    let Some(who) = who else {
        empty_ui(ui);
        return;
    };
    ui.horizontal(|ui| {
        let l = ui.label("Person");
        let name = ds.contact(who).map_or("", |c| c.display_name.as_str());
        egui::ComboBox::from_id_salt("timeline-person")
            .selected_text(name)
            .width(220.0)
            .height(320.0)
            .show_ui(ui, |ui| {
                for r in rels.iter().take(150) {
                    if ui.selectable_label(r.contact == who, &r.name).clicked() {
                        cmds.push(Command::SelectContact(Some(r.contact)));
                    }
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("Your 150 strongest relationships; choose anyone else in Contacts");
        if ui.button("Open contact").clicked() {
            open_contact(who, cmds);
        }
    });
    measure_ui(ui, &mut state.measure, false);
    let buckets = charts::contact_timeline(an, who);
    timeline_plot_ui(ui, "contact-timeline", &buckets, state.measure, false);
}

/// Month-axis grid marks: every month, quarter, half year or year, whichever fits.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
fn month_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = (hi - lo).max(1.0);
    let step = [1.0, 3.0, 6.0, 12.0, 24.0, 60.0]
        .into_iter()
        .find(|s| span / s <= 12.0)
        .unwrap_or(120.0);
    let mut marks = Vec::new();
    let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
    for k in first..=last {
        marks.push(GridMark {
            value: k as f64 * step,
            step_size: step,
        });
    }
    marks
}

fn month_text(value: f64) -> String {
    if (value - value.round()).abs() > 0.01 {
        return String::new();
    }
    let m = charts::Month::from_ordinal(value.round() as i64);
    m.first_day().format("%b %Y").to_string()
}

/// Stacked monthly bars (offline below, online on top) over a line of the month's mean depth.
/// `compact` draws a small version for the contact page.
pub fn timeline_plot_ui(
    ui: &mut Ui,
    id: &str,
    buckets: &[MonthBucket],
    measure: Measure,
    compact: bool,
) {
    if buckets.iter().all(|b| b.online + b.offline == 0) {
        if compact {
            ui.label(RichText::new(EMPTY_MESSAGE).color(theme::weak_text(ui.visuals())));
        } else {
            empty_ui(ui);
        }
        return;
    }
    let x = |b: &MonthBucket| b.month.ordinal() as f64;
    let bars = |mode: Mode| -> Vec<Bar> {
        buckets
            .iter()
            .map(|b| {
                let (off, on) = measure.month(b);
                let value = if mode == Mode::Online { on } else { off };
                solid(Bar::new(x(b), value), theme::mode_color(mode))
                    .width(0.7)
                    .name(format!("{} {mode}", b.month.first_day().format("%b %Y")))
            })
            .collect()
    };
    let offline = bars(Mode::Offline);
    let online = bars(Mode::Online);
    let unit = match measure {
        Measure::Minutes => "Minutes",
        Measure::Count | Measure::Depth => "Interactions",
    };
    let off_chart = BarChart::new("Offline", offline).color(theme::OFFLINE);
    let on_chart = BarChart::new("Online", online)
        .color(theme::ONLINE)
        .stack_on(&[&off_chart]);
    let link = ui.make_persistent_id(("timeline-link", id));
    let total_h = ui.available_height();
    let (bar_h, depth_h) = if compact {
        compact_legend_ui(ui);
        (80.0, 56.0)
    } else {
        ((total_h * 0.68).max(160.0), (total_h * 0.28).max(90.0))
    };
    let (lo, hi) = (
        buckets.first().map_or(0.0, x) - 0.6,
        buckets.last().map_or(1.0, x) + 0.6,
    );
    let mut bars_plot = Plot::new(("timeline-bars", id));
    let mut depth_plot = Plot::new(("timeline-depth", id));
    if compact {
        bars_plot = bars_plot.show_axes([false, true]);
    } else {
        bars_plot = bars_plot.y_axis_label(unit);
        depth_plot = depth_plot.y_axis_label("Mean depth");
        bars_plot = bars_plot.legend(Legend::default().position(Corner::LeftTop));
    }
    bars_plot
        .height(bar_h)
        .link_axis(link, [true, false])
        .x_grid_spacer(month_marks)
        .x_axis_formatter(|m, _| month_text(m.value))
        .include_y(0.0)
        .default_x_bounds(lo, hi)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .y_axis_min_width(AXIS_WIDTH)
        .show(ui, |p| {
            p.bar_chart(off_chart);
            p.bar_chart(on_chart);
        });
    let depth: Vec<[f64; 2]> = buckets
        .iter()
        .filter_map(|b| Some([x(b), b.mean_depth()?]))
        .collect();
    let depth_color = ui.visuals().text_color();
    depth_plot
        .height(depth_h)
        .link_axis(link, [true, false])
        .x_grid_spacer(month_marks)
        .x_axis_formatter(|m, _| month_text(m.value))
        .y_axis_formatter(|m, _| depth_word(m.value))
        .y_grid_spacer(|_| {
            (1..=5)
                .map(|v| GridMark {
                    value: f64::from(v),
                    step_size: 1.0,
                })
                .collect()
        })
        .default_y_bounds(0.6, 5.4)
        .default_x_bounds(lo, hi)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_axis_min_width(AXIS_WIDTH)
        .show(ui, |p| {
            p.line(
                Line::new("Mean depth (1 small talk, 5 trusted help)", depth.clone())
                    .color(depth_color)
                    .width(1.5),
            );
            p.points(
                Points::new("", depth)
                    .color(depth_color)
                    .radius(3.0)
                    .shape(MarkerShape::Circle),
            );
        });
}

/// One line of legend for the compact timeline: the two mode colours and the depth line.
fn compact_legend_ui(ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("By month").strong());
        for mode in [Mode::Offline, Mode::Online] {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, theme::mode_color(mode));
            ui.label(RichText::new(capital(mode.label())).size(theme::META_SIZE));
        }
        let (rect, _) = ui.allocate_exact_size(Vec2::new(16.0, 10.0), Sense::hover());
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(1.5, ui.visuals().text_color()),
        );
        ui.label(RichText::new("Mean depth (1 small talk, 5 trusted help)").size(theme::META_SIZE));
    });
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Width of the y axis of stacked timeline plots, so their x axes line up.
const AXIS_WIDTH: f32 = 84.0;

/// A bar filled with one colour (`egui_plot`'s default fill is a faint tint).
fn solid(bar: Bar, color: Color32) -> Bar {
    bar.fill(color).stroke(egui::Stroke::new(1.0, color))
}

fn depth_word(v: f64) -> String {
    if (v - v.round()).abs() > 0.01 {
        return String::new();
    }
    match v.round() as i64 {
        1 => "1 small talk".into(),
        3 => "3".into(),
        5 => "5 trusted".into(),
        2 | 4 => format!("{}", v.round()),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Strength vs online share

/// A person's place on the scatter: x = online share (0-100%), y = strength (0-100).
#[must_use]
pub fn scatter_point(r: &Relationship) -> PlotPoint {
    PlotPoint::new(r.online_share * 100.0, r.strength)
}

/// The person whose dot is under `pointer` (screen): the nearest within 8 points.
#[must_use]
pub fn scatter_hit(
    rels: &[Relationship],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<usize> {
    rels.iter()
        .enumerate()
        .map(|(i, r)| {
            (
                i,
                transform
                    .position_from_point(&scatter_point(r))
                    .distance(pointer),
            )
        })
        .filter(|(_, d)| *d <= 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The scatter. Returns the plot's transform (for hit-testing in tests) when drawn.
fn scatter_plot_ui(
    ui: &mut Ui,
    rels: &[Relationship],
    cmds: &mut Vec<Command>,
) -> Option<PlotTransform> {
    if rels.is_empty() {
        empty_ui(ui);
        return None;
    }
    let groups = [
        ("Mostly offline", 0.0, 1.0 - MOSTLY_ONLINE, theme::OFFLINE),
        (
            "Blended",
            1.0 - MOSTLY_ONLINE,
            MOSTLY_ONLINE,
            theme::share_color(0.5),
        ),
        ("Mostly online", MOSTLY_ONLINE, 1.01, theme::ONLINE),
    ];
    let guide = theme::chart_guide(ui.visuals());
    let weak = theme::weak_text(ui.visuals());
    let text = ui.visuals().text_color();
    let labelled: Vec<(PlotPoint, String)> = rels
        .iter()
        .take(8)
        .map(|r| (scatter_point(r), r.name.clone()))
        .collect();
    let resp = Plot::new("scatter")
        .legend(Legend::default().position(Corner::RightBottom))
        .x_axis_label("Online share of interactions (%)")
        .y_axis_label("Strength (0-100)")
        .default_x_bounds(-4.0, 104.0)
        .default_y_bounds(-4.0, 104.0)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show(ui, |p| {
            let dashed = LineStyle::Dashed { length: 6.0 };
            p.hline(
                HLine::new("", DEEP_STRENGTH)
                    .color(guide)
                    .style(dashed)
                    .allow_hover(false),
            );
            for x in [100.0 * (1.0 - MOSTLY_ONLINE), 100.0 * MOSTLY_ONLINE] {
                p.vline(
                    VLine::new("", x)
                        .color(guide)
                        .style(dashed)
                        .allow_hover(false),
                );
            }
            let corner = |x: f64, y: f64, s: &str, a: egui::Align2| {
                Text::new(
                    "",
                    PlotPoint::new(x, y),
                    RichText::new(s).color(weak).size(14.0),
                )
                .anchor(a)
                .allow_hover(false)
            };
            p.text(corner(
                0.0,
                103.0,
                "Deep offline (in person)",
                egui::Align2::LEFT_TOP,
            ));
            p.text(corner(
                50.0,
                103.0,
                "Deep and blended",
                egui::Align2::CENTER_TOP,
            ));
            p.text(corner(100.0, 103.0, "Deep online", egui::Align2::RIGHT_TOP));
            p.text(corner(
                50.0,
                DEEP_STRENGTH * 0.6,
                "Shallow",
                egui::Align2::CENTER_TOP,
            ));
            for (name, lo, hi, color) in groups {
                let pts: Vec<[f64; 2]> = rels
                    .iter()
                    .filter(|r| r.online_share >= lo && r.online_share < hi)
                    .map(|r| [r.online_share * 100.0, r.strength])
                    .collect();
                p.points(
                    Points::new(name, PlotPoints::new(pts))
                        .color(color)
                        .radius(4.0)
                        .filled(true)
                        .allow_hover(false),
                );
            }
            let mut placed: Vec<(PlotPoint, bool)> = Vec::new();
            for (pt, name) in &labelled {
                // Names of nearby dots go on opposite sides, then one under the other.
                let near = |q: &PlotPoint| (q.x - pt.x).abs() < 12.0 && (q.y - pt.y).abs() < 3.5;
                let mut right = pt.x < 80.0;
                let mut dy = 0.0;
                if placed.iter().any(|(q, r)| *r == right && near(q)) {
                    right = !right;
                    if pt.x <= 2.0
                        || pt.x >= 98.0
                        || placed.iter().any(|(q, r)| *r == right && near(q))
                    {
                        right = !right;
                        dy = -3.5;
                    }
                }
                placed.push((*pt, right));
                let pt = &PlotPoint::new(pt.x, pt.y + dy);
                let anchor = if right {
                    egui::Align2::LEFT_CENTER
                } else {
                    egui::Align2::RIGHT_CENTER
                };
                let dx = if right { 1.5 } else { -1.5 };
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(pt.x + dx, pt.y),
                        RichText::new(name).color(text).size(12.0),
                    )
                    .anchor(anchor)
                    .allow_hover(false),
                );
            }
        });
    let transform = resp.transform;
    let response = resp.response;
    super::named(
        &response,
        &format!(
            "Scatter of {} people: strength against online share",
            rels.len()
        ),
    );
    if let Some(i) = response
        .hover_pos()
        .and_then(|p| scatter_hit(rels, &transform, p))
    {
        let pos = transform.position_from_point(&scatter_point(&rels[i]));
        ui.painter()
            .circle_stroke(pos, 7.0, egui::Stroke::new(2.0, text));
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| person_tooltip_ui(ui, &rels[i]));
    }
    if response.clicked()
        && let Some(i) = response
            .interact_pointer_pos()
            .and_then(|p| scatter_hit(rels, &transform, p))
    {
        open_contact(rels[i].contact, cmds);
    }
    Some(transform)
}

// ---------------------------------------------------------------------------------------------
// 5. Relationship map

fn map_page_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
    state.rels(ds, an);
    let rels = state.data.rels.as_deref().unwrap_or(&[]);
    if rels.is_empty() {
        empty_ui(ui);
        state.map_placement = None;
        return;
    }
    let outer = state.show_outer;
    ui.checkbox(&mut state.show_outer, "Show everyone else (the outer ring)")
        .on_hover_text(format!(
            "Draws up to {} of the strongest people outside your 150",
            relationship_map::MAX_OUTER_DOTS
        ));
    if state.data.map.as_ref().is_none_or(|(o, _)| *o != outer) {
        state.data.map = Some((outer, relationship_map::map_layout(rels, outer)));
    }
    if let Some((_, layout)) = &state.data.map {
        state.map_placement = Some(relationship_map::map_ui(ui, layout, rels, cmds));
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Channel mix

fn channel_mix_plot_ui(ui: &mut Ui, mix: &[ChannelMix]) {
    if mix.iter().all(|m| m.interactions == 0) {
        empty_ui(ui);
        return;
    }
    let used: Vec<&ChannelMix> = mix.iter().filter(|m| m.interactions > 0).collect();
    let weak = theme::weak_text(ui.visuals());
    let names: Vec<String> = used.iter().map(|m| m.name.clone()).collect();
    let half = (ui.available_width() / 2.0 - theme::GAP_M).max(200.0);
    let height = ui.available_height().max(200.0);
    ui.horizontal_top(|ui| {
        for (title, minutes) in [
            ("Interactions per channel", false),
            ("Minutes per channel", true),
        ] {
            ui.vertical(|ui| {
                ui.label(RichText::new(title).strong());
                let n = used.len();
                let bars = |mode: Mode| -> Vec<Bar> {
                    used.iter()
                        .enumerate()
                        .filter(|(_, m)| m.mode == mode)
                        .map(|(i, m)| {
                            let v = if minutes {
                                m.minutes as f64
                            } else {
                                f64::from(m.interactions)
                            };
                            solid(Bar::new((n - 1 - i) as f64, v), theme::mode_color(mode))
                                .width(0.7)
                                .name(&m.name)
                        })
                        .collect()
                };
                let names = names.clone();
                Plot::new(("channel-mix", minutes))
                    .width(half)
                    .height(height - 24.0)
                    .legend(Legend::default().position(Corner::RightBottom))
                    .y_grid_spacer(move |_| {
                        (0..n)
                            .map(|i| GridMark {
                                value: i as f64,
                                step_size: 1.0,
                            })
                            .collect()
                    })
                    .y_axis_formatter(move |m, _| {
                        let i = n as i64 - 1 - m.value.round() as i64;
                        usize::try_from(i)
                            .ok()
                            .and_then(|i| names.get(i).cloned())
                            .unwrap_or_default()
                    })
                    .y_axis_min_width(90.0)
                    .x_axis_label(if minutes { "Minutes" } else { "Interactions" })
                    .include_x(0.0)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .allow_drag(false)
                    .allow_boxed_zoom(false)
                    .show_x(false)
                    .show_y(false)
                    .show(ui, |p| {
                        p.bar_chart(
                            BarChart::new("Offline channels", bars(Mode::Offline))
                                .color(theme::OFFLINE)
                                .horizontal(),
                        );
                        p.bar_chart(
                            BarChart::new("Online channels", bars(Mode::Online))
                                .color(theme::ONLINE)
                                .horizontal(),
                        );
                        // The value at the end of each bar.
                        for (i, m) in used.iter().enumerate() {
                            let v = if minutes {
                                m.minutes as f64
                            } else {
                                f64::from(m.interactions)
                            };
                            let at = PlotPoint::new(v, (n - 1 - i) as f64);
                            p.text(
                                Text::new("", at, RichText::new(format!(" {v:.0}")).color(weak))
                                    .anchor(egui::Align2::LEFT_CENTER)
                                    .allow_hover(false),
                            );
                        }
                    });
            });
        }
    });
}

// ---------------------------------------------------------------------------------------------
// 7. The offline-only lens

/// One sentence on why the lens misses or demotes a tie.
#[must_use]
pub fn lens_sentence(m: &MissedTie) -> String {
    let share = (m.online_share * 100.0).round();
    if m.missed {
        format!(
            "Tier {} with strength {:.0}, and every interaction in this window was online: an \
             offline-only view does not see this tie at all",
            m.tier, m.strength
        )
    } else {
        format!(
            "Tier {} with strength {:.0}, but {share:.0}% of it happens online: counting only \
             offline interactions drops it to tier {} (strength {:.0})",
            m.tier, m.strength, m.offline_tier, m.offline_strength
        )
    }
}

/// The lens rows passing the tag filter, and how many strong ties pass it.
#[derive(Clone, Debug, Default)]
pub struct LensRows {
    pub rows: Vec<(MissedTie, String)>,
    pub strong: usize,
}

/// Builds [`LensRows`] (once per cache key).
#[must_use]
pub fn lens_rows(ds: &Dataset, an: &Analytics, tag: Option<&str>) -> LensRows {
    let passes = |c: &crate::model::Contact| !c.archived && tag.is_none_or(|t| c.has_tag(t));
    let rows = an
        .offline_lens_missed()
        .into_iter()
        .filter_map(|m| {
            let c = ds.contact(m.contact)?;
            passes(c).then(|| (m, c.display_name.clone()))
        })
        .collect();
    let strong = if tag.is_none() {
        an.strong_ties()
    } else {
        an.contacts()
            .iter()
            .filter(|s| {
                s.rank.is_some()
                    && crate::analytics::strong_tie(s.tier, s.strength.score)
                    && ds.contact(s.id).is_some_and(passes)
            })
            .count()
    };
    LensRows { rows, strong }
}

/// Height of one row of the lens table (two lines of explanation).
const LENS_ROW_HEIGHT: f32 = 44.0;

fn offline_lens_ui(ui: &mut Ui, an: &Analytics, lens: &LensRows, cmds: &mut Vec<Command>) {
    if an.ranked().is_empty() {
        empty_ui(ui);
        return;
    }
    let rows = &lens.rows;
    let strong = lens.strong;
    let gone = rows.iter().filter(|(m, _)| m.missed).count();
    let demoted = rows.len() - gone;
    let headline = if rows.is_empty() {
        format!(
            "Of your {strong} strong ties, an offline-only view would miss none: they all show up \
             in person too"
        )
    } else {
        format!(
            "Of your {strong} strong ties, counting only offline interactions would miss {gone} \
             and rank {demoted} lower"
        )
    };
    egui::Frame::new()
        .fill(theme::header_fill(ui.visuals()))
        .corner_radius(6)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(headline).size(17.0).strong());
            ui.label(
                "Rapport scores a tie by how deep, recent, frequent, lasting and mutual it is, \
                 whatever the channel. These people matter as much as anyone you meet in person.",
            );
        });
    ui.add_space(theme::GAP_M);
    if rows.is_empty() {
        return;
    }
    let widths = [240.0, 90.0, 110.0];
    // A fixed-width cell, so the columns line up whatever the names.
    let cell = |ui: &mut Ui, w: f32, h: f32, add: &mut dyn FnMut(&mut Ui)| {
        ui.allocate_ui_with_layout(
            Vec2::new(w, h),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(w);
                ui.set_height(h);
                add(ui);
            },
        );
    };
    ui.horizontal(|ui| {
        for (w, title) in widths.iter().zip(["Person", "Real tier", "Offline-only"]) {
            cell(ui, *w, 18.0, &mut |ui| {
                ui.label(RichText::new(title).strong());
            });
        }
        ui.label(RichText::new("Why").strong());
    });
    let link = ui.visuals().hyperlink_color;
    let stripe = ui.visuals().faint_bg_color;
    egui::ScrollArea::vertical()
        .id_salt("lens-rows")
        .auto_shrink([false, false])
        .show_rows(ui, LENS_ROW_HEIGHT, rows.len(), |ui, range| {
            for i in range {
                let (m, name) = &rows[i];
                let bg = ui.painter().add(egui::Shape::Noop);
                let r = ui
                    .horizontal(|ui| {
                        ui.set_height(LENS_ROW_HEIGHT);
                        cell(ui, widths[0], LENS_ROW_HEIGHT, &mut |ui| {
                            if ui
                                .add(
                                    egui::Label::new(RichText::new(name.as_str()).color(link))
                                        .truncate()
                                        .sense(Sense::click()),
                                )
                                .on_hover_text("Open this person")
                                .clicked()
                            {
                                open_contact(m.contact, cmds);
                            }
                        });
                        cell(ui, widths[1], LENS_ROW_HEIGHT, &mut |ui| {
                            ui.label(format!("Tier {} · {:.0}", m.tier, m.strength));
                        });
                        cell(ui, widths[2], LENS_ROW_HEIGHT, &mut |ui| {
                            if m.missed {
                                ui.label(
                                    RichText::new("Not seen at all")
                                        .strong()
                                        .color(theme::OFFLINE),
                                );
                            } else {
                                ui.label(format!(
                                    "Tier {} · {:.0}",
                                    m.offline_tier, m.offline_strength
                                ));
                            }
                        });
                        ui.add(egui::Label::new(lens_sentence(m)).wrap());
                    })
                    .response;
                if i % 2 == 0 {
                    ui.painter()
                        .set(bg, egui::Shape::rect_filled(r.rect, 0.0, stripe));
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(id: u64, strength: f64, share: f64, on: u32, off: u32) -> Relationship {
        Relationship {
            contact: ContactId(id),
            name: format!("P{id}"),
            rank: id as usize,
            tier: 1,
            strength,
            online_share: share,
            online_minutes_share: None,
            online: on,
            offline: off,
            online_minutes: u64::from(on) * 10,
            offline_minutes: u64::from(off) * 60,
            online_depth: on * 2,
            offline_depth: off,
        }
    }

    #[test]
    fn engagement_orders_by_strength_total_or_share() {
        let rels = vec![
            rel(0, 90.0, 1.0, 3, 0),
            rel(1, 50.0, 0.0, 0, 9),
            rel(2, 40.0, 0.5, 2, 2),
        ];
        assert_eq!(
            engagement_order(&rels, RelSort::Strength, Measure::Count),
            [0, 1, 2]
        );
        assert_eq!(
            engagement_order(&rels, RelSort::Total, Measure::Count),
            [1, 2, 0]
        );
        assert_eq!(
            engagement_order(&rels, RelSort::Total, Measure::Minutes),
            [1, 2, 0]
        );
        assert_eq!(
            engagement_order(&rels, RelSort::OnlineShare, Measure::Count),
            [0, 2, 1]
        );
    }

    #[test]
    fn month_marks_fit_the_range() {
        let marks = month_marks(GridInput {
            bounds: (24_300.0, 24_336.0),
            base_step_size: 1.0,
        });
        assert!(marks.len() <= 13 && marks.len() >= 3, "{}", marks.len());
        assert!(marks.iter().all(|m| m.value % m.step_size == 0.0));
        assert_eq!(month_text(24_312.0), "Jan 2026");
        assert_eq!(month_text(24_312.5), "");
    }

    #[test]
    fn lens_sentences_say_missed_or_demoted() {
        let m = MissedTie {
            contact: ContactId(1),
            strength: 78.7,
            tier: 1,
            offline_strength: 0.0,
            offline_tier: 5,
            online_share: 1.0,
            missed: true,
        };
        assert!(lens_sentence(&m).contains("does not see this tie"));
        let d = MissedTie {
            missed: false,
            online_share: 0.54,
            offline_tier: 3,
            offline_strength: 40.0,
            ..m
        };
        let s = lens_sentence(&d);
        assert!(
            s.contains("54% of it happens online") && s.contains("tier 3"),
            "{s}"
        );
    }

    #[test]
    fn tier_labels_name_the_layer() {
        assert_eq!(tier_label(1), "Tier 1 · innermost 5");
        assert_eq!(tier_label(9), "Tier 5 · everyone else");
        assert_eq!(split_text(0.724), "72% online, 28% offline");
    }
}
