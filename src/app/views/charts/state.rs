//! The charts page's state: which chart, measure and sort, the window choice, and the
//! figures computed once per (dataset revision, analytics params, tag).

use eframe::egui;

use egui::Pos2;
use egui_plot::PlotTransform;

use super::ChartKind;
use super::lens::LensRows;
use super::scatter::{Detail, DetailKey, scatter_point};
use crate::analytics::charts::{self, ChannelMix, MonthBucket, Relationship};
use crate::analytics::{Analytics, Params, Window};
use crate::app::memo::Memo;
use crate::app::views::relationship_map::{MapLayout, MapPlacement};
use crate::model::{ContactId, Dataset};

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

    pub(super) fn hint(self) -> &'static str {
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
pub(super) enum WindowChoice {
    Days90,
    Days365,
    All,
    Custom,
}

impl WindowChoice {
    pub(super) const ALL: [WindowChoice; 4] = [
        WindowChoice::Days90,
        WindowChoice::Days365,
        WindowChoice::All,
        WindowChoice::Custom,
    ];

    pub(super) fn label(self) -> &'static str {
        match self {
            WindowChoice::Days90 => "Last 90 days",
            WindowChoice::Days365 => "Last 365 days",
            WindowChoice::All => "All time",
            WindowChoice::Custom => "Custom range",
        }
    }

    pub(super) fn of(w: Window) -> Self {
        match w {
            Window::LastDays(90) => WindowChoice::Days90,
            Window::All => WindowChoice::All,
            Window::Range { .. } => WindowChoice::Custom,
            Window::LastDays(_) => WindowChoice::Days365,
        }
    }
}

/// What the chart figures are computed for: analytics revision and params, tag, contact count.
pub(super) type ChartKey = (u64, Params, Option<String>, usize);

/// Chart data computed from the analytics for one [`ChartKey`], each chart's part made when that
/// chart is first shown.
#[derive(Default)]
pub(super) struct ChartData {
    pub(super) rels: Option<Vec<Relationship>>,
    pub(super) network: Option<Vec<MonthBucket>>,
    pub(super) mix: Option<Vec<ChannelMix>>,
    pub(super) lens: Option<LensRows>,
    /// Engagement order for (sort, measure): indexes into `rels`.
    pub(super) order: Memo<(RelSort, Measure), Vec<usize>>,
    /// The map's layout, with or without the outer ring.
    pub(super) map: Memo<bool, MapLayout>,
    /// What the scatter draws for the region in view (and the groups shown).
    pub(super) scatter: Memo<DetailKey, Detail>,
}

/// The figures for a chart of people (the engagement bars, the map), their relationships made;
/// `None`, with the empty-page note drawn, when there is no one to chart.
pub(super) fn people_figures<'a>(
    ui: &mut egui::Ui,
    data: &'a mut Memo<ChartKey, ChartData>,
    ds: &Dataset,
    an: &Analytics,
    tag: Option<&str>,
) -> Option<&'a mut ChartData> {
    let figures = data.value_mut()?;
    let rels = figures
        .rels
        .get_or_insert_with(|| charts::relationships(ds, an, tag));
    if rels.is_empty() {
        super::controls::empty_ui(ui);
        return None;
    }
    Some(figures)
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
    pub(super) custom: Option<(jiff::civil::Date, jiff::civil::Date)>,
    pub(super) data: Memo<ChartKey, ChartData>,
    /// The weights being dragged (applied when the slider is let go).
    pub(crate) weights_draft: Option<crate::model::StrengthWeights>,
    /// The scatter's groups hidden from its legend (mostly offline, blended, mostly online).
    pub(super) scatter_hidden: [bool; 3],
    /// Where the scatter and the map were last drawn, for hit-testing in tests.
    pub(super) scatter_transform: Option<PlotTransform>,
    pub(super) map_placement: Option<MapPlacement>,
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
        self.data.clear();
        self.scatter_transform = None;
        self.map_placement = None;
    }

    /// Makes the cache current for this dataset, analytics and tag.
    pub(super) fn sync(&mut self, ds: &Dataset, an: &Analytics) {
        let key = (
            an.revision(),
            an.params(),
            self.tag.clone(),
            ds.contacts().len(),
        );
        self.data.get_or_compute(key, ChartData::default);
    }

    /// The relationships the charts draw (empty before the first [`sync`](Self::sync)).
    pub(super) fn rels(&mut self, ds: &Dataset, an: &Analytics) -> &[Relationship] {
        let tag = self.tag.as_deref();
        match self.data.value_mut() {
            Some(d) => d
                .rels
                .get_or_insert_with(|| charts::relationships(ds, an, tag)),
            None => &[],
        }
    }

    /// Where the scatter's plot area was drawn last (on screen), if it was.
    #[must_use]
    pub fn scatter_frame(&self) -> Option<egui::Rect> {
        self.scatter_transform.as_ref().map(|t| *t.frame())
    }

    /// The part of the scatter in view when it was drawn last, in its units (online share %,
    /// strength), if it was.
    #[must_use]
    pub fn scatter_view(&self) -> Option<([f64; 2], [f64; 2])> {
        let b = self.scatter_transform.as_ref()?.bounds();
        Some((b.min(), b.max()))
    }

    /// What the scatter drew last: how many people were in view, how many as dots, and whether
    /// a density layer shaded them.
    #[must_use]
    pub fn scatter_detail(&self) -> Option<(usize, usize, bool)> {
        let d = self.data.value()?.scatter.value()?;
        Some((d.visible, d.dots.len(), d.density.is_some()))
    }

    /// The screen position of a person's dot on the chart drawn last (the scatter or the map),
    /// for tests that click it through the same hit-testing as the mouse.
    #[must_use]
    pub fn dot_position(&self, contact: ContactId) -> Option<Pos2> {
        let data = self.data.value()?;
        let rels = data.rels.as_ref()?;
        match self.chart {
            ChartKind::Scatter => {
                let t = self.scatter_transform.as_ref()?;
                let r = rels.iter().find(|r| r.contact == contact)?;
                Some(t.position_from_point(&scatter_point(r)))
            }
            ChartKind::Map => {
                let p = self.map_placement?;
                let layout = data.map.value()?;
                let d = layout.dots.iter().find(|d| d.contact == contact)?;
                Some(p.center + d.pos * p.radius)
            }
            _ => None,
        }
    }
}
