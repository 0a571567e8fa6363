//! Plan vs actual: planned touchpoints per month against logged ones, split online and offline,
//! for one tier or tag. The controls change `PlanChartState`; the plot only reads the data.

use eframe::egui;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

use crate::analytics::Analytics;
use crate::analytics::charts::Month;
use crate::analytics::planner::{self, Group, PlanVsActual};
use crate::app::memo::Memo;
use crate::app::theme;
use crate::model::{Dataset, Mode};

/// Months shown.
const MONTHS: u32 = 12;

/// Group by tier or by tag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupKind {
    #[default]
    Tier,
    Tag,
}

/// The chart's controls and its cached series.
#[derive(Debug, Default)]
pub struct PlanChartState {
    pub kind: GroupKind,
    /// The group shown, by index into the groups of `kind`.
    pub selected: usize,
    cache: Memo<(u64, NaiveDate), Vec<PlanVsActual>>,
}

impl PlanChartState {
    fn groups(&mut self, data: &Dataset, an: &Analytics) -> &[PlanVsActual] {
        self.cache
            .get_or_compute((data.revision(), an.span().end), || {
                planner::plan_vs_actual(data, an, MONTHS)
            })
    }
}

/// The controls and the chart.
pub fn plan_vs_actual_ui(ui: &mut Ui, state: &mut PlanChartState, data: &Dataset, an: &Analytics) {
    let kind = state.kind;
    let mut selected = state.selected;
    let mut new_kind = kind;
    let groups: Vec<&PlanVsActual> = state
        .groups(data, an)
        .iter()
        .filter(|g| {
            matches!(
                (&g.group, kind),
                (Group::Tier(_), GroupKind::Tier) | (Group::Tag(_), GroupKind::Tag)
            )
        })
        .collect();
    if selected >= groups.len() {
        selected = 0;
    }
    ui.horizontal(|ui| {
        ui.label("Group by");
        ui.selectable_value(&mut new_kind, GroupKind::Tier, "Tier");
        ui.selectable_value(&mut new_kind, GroupKind::Tag, "Tag");
        if !groups.is_empty() {
            let l = ui.label(if kind == GroupKind::Tier {
                "Tier"
            } else {
                "Tag"
            });
            egui::ComboBox::from_id_salt("plan-chart-group")
                .selected_text(group_label(groups[selected]))
                .show_ui(ui, |ui| {
                    for (i, g) in groups.iter().enumerate() {
                        ui.selectable_value(&mut selected, i, group_label(g));
                    }
                })
                .response
                .labelled_by(l.id);
        }
    });
    ui.label(
        RichText::new(
            "Planned touchpoints come from each person's cadence (a 30-day cadence plans one a \
             month); logged ones count every interaction with someone in the group",
        )
        .size(theme::META_SIZE)
        .color(theme::weak_text(ui.visuals())),
    );
    ui.add_space(theme::GAP_S);
    match groups.get(selected) {
        Some(g) if g.contacts > 0 || has_data(g) => plan_vs_actual_plot_ui(ui, g),
        _ => crate::app::views::widgets::empty_state_ui(
            ui,
            "Nothing to compare yet",
            if kind == GroupKind::Tag {
                "Tag people and give tags or tiers a cadence; logged interactions then show \
                 against the plan here"
            } else {
                "Add people and log interactions; each month's logged touchpoints then show \
                 against the plan here"
            },
        ),
    }
    if new_kind == kind {
        state.selected = selected;
    } else {
        state.kind = new_kind;
        state.selected = 0;
    }
}

fn has_data(g: &PlanVsActual) -> bool {
    g.months
        .iter()
        .any(|m| m.planned > 0.0 || m.online + m.offline > 0)
}

fn group_label(g: &PlanVsActual) -> String {
    let people = if g.contacts == 1 { "person" } else { "people" };
    format!("{} ({} {people})", g.group, g.contacts)
}

/// The chart for one group: stacked online/offline bars, the plan as a line.
pub fn plan_vs_actual_plot_ui(ui: &mut Ui, g: &PlanVsActual) {
    let bars = |mode: Mode| -> Vec<Bar> {
        g.months
            .iter()
            .map(|m| {
                let n = match mode {
                    Mode::Online => m.online,
                    Mode::Offline => m.offline,
                };
                let color = theme::mode_color(mode);
                Bar::new(m.month.ordinal() as f64, f64::from(n))
                    .width(0.6)
                    .fill(color)
                    .stroke(egui::Stroke::new(1.0, color))
                    .name(format!("{} {}", m.month, mode.label()))
            })
            .collect()
    };
    let offline =
        BarChart::new("Logged in person (offline)", bars(Mode::Offline)).color(theme::OFFLINE);
    let online = BarChart::new("Logged online", bars(Mode::Online))
        .color(theme::ONLINE)
        .stack_on(&[&offline]);
    let planned: PlotPoints<'_> = g
        .months
        .iter()
        .map(|m| [m.month.ordinal() as f64, m.planned])
        .collect();
    let line = Line::new("Planned", planned)
        .color(ui.visuals().strong_text_color())
        .width(2.0);
    Plot::new("plan-vs-actual")
        .legend(Legend::default())
        .x_axis_label("Month")
        .y_axis_label("Touchpoints")
        .x_axis_formatter(|mark, _| {
            let m = Month::from_ordinal(mark.value.round() as i64);
            if (mark.value - mark.value.round()).abs() < 1e-6 {
                m.first_day().format("%b %Y").to_string()
            } else {
                String::new()
            }
        })
        .include_y(0.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show(ui, |p| {
            p.bar_chart(offline);
            p.bar_chart(online);
            p.line(line);
        });
}
