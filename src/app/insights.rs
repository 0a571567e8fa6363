//! The analytics the views read, cached beside the document and updated after every edit from
//! the edit's `Applied` (one logged interaction recomputes only its participants).

use chrono::NaiveDate;

use crate::analytics::{Analytics, Params, Window};
use crate::model::{Applied, Dataset};

/// Two caches over the same data: one for the window the user picked (charts, strength, tiers in
/// the list) and one over all time for the planner, so a yearly contact who slipped past the
/// chart window still shows as overdue instead of dropping out of the plan.
#[derive(Debug)]
pub struct Insights {
    pub view: Analytics,
    pub plan: Analytics,
}

impl Insights {
    /// Computes both caches as of `today`, the view over the last 365 days.
    #[must_use]
    pub fn compute(ds: &Dataset, today: NaiveDate) -> Self {
        Self {
            view: Analytics::compute(ds, Params::new(today)),
            plan: Analytics::compute(ds, Params::new(today).with_window(Window::All)),
        }
    }

    /// Brings both caches up to date after an edit. An edit to everyone (weights, channels,
    /// settings) updates the two side by side on two threads; a small one here.
    pub fn note(&mut self, ds: &Dataset, applied: &Applied) {
        if applied.global {
            let (view, plan) = (&mut self.view, &mut self.plan);
            std::thread::scope(|s| {
                s.spawn(|| view.update(ds, applied));
                plan.update(ds, applied);
            });
        } else {
            self.view.update(ds, applied);
            self.plan.update(ds, applied);
        }
    }

    /// Changes the view's window or date; the planner follows the date.
    pub fn set_view_params(&mut self, ds: &Dataset, params: Params) {
        if self.view.params() != params {
            self.view.set_params(ds, params);
        }
        let plan = Params::new(params.as_of).with_window(Window::All);
        if self.plan.params() != plan {
            self.plan.set_params(ds, plan);
        }
    }
}
