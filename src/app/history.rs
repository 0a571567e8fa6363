//! Undo and redo as stacks of inverse edits (never snapshots: a file can hold a million
//! interactions). It also knows whether the data differs from what was last saved.

use crate::model::{Applied, Dataset, Edit, IntegrityError};

/// How many steps are kept; the oldest are forgotten beyond this.
const LIMIT: usize = 1000;

#[derive(Debug)]
struct Step {
    label: String,
    edit: Edit,
}

/// The undo and redo stacks of one open document.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Depth of the undo stack when the data was last saved or opened; `None` when that state
    /// can no longer be reached.
    saved_at: Option<usize>,
    /// Counts every change (apply, undo, redo), so a save that ran in the background can tell
    /// whether the data it wrote is still the data on screen.
    generation: u64,
}

impl History {
    /// A fresh history for data that matches its file.
    #[must_use]
    pub fn new() -> Self {
        Self {
            saved_at: Some(0),
            ..Self::default()
        }
    }

    /// Applies an edit and records its inverse under `label`.
    pub fn apply(
        &mut self,
        data: &mut Dataset,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<Applied, IntegrityError> {
        let applied = data.apply(edit)?;
        self.generation += 1;
        if self.saved_at.is_some_and(|d| d > self.undo.len()) {
            self.saved_at = None;
        }
        self.redo.clear();
        self.undo.push(Step {
            label: label.into(),
            edit: applied.inverse.clone(),
        });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
            self.saved_at = self.saved_at.and_then(|d| d.checked_sub(1));
        }
        Ok(applied)
    }

    /// Undoes the last step; `None` when there is nothing to undo.
    pub fn undo(
        &mut self,
        data: &mut Dataset,
    ) -> Option<Result<(String, Applied), IntegrityError>> {
        let step = self.undo.pop()?;
        self.generation += 1;
        Some(Self::replay(data, step, &mut self.undo, &mut self.redo))
    }

    /// Redoes the last undone step; `None` when there is nothing to redo.
    pub fn redo(
        &mut self,
        data: &mut Dataset,
    ) -> Option<Result<(String, Applied), IntegrityError>> {
        let step = self.redo.pop()?;
        self.generation += 1;
        Some(Self::replay(data, step, &mut self.redo, &mut self.undo))
    }

    fn replay(
        data: &mut Dataset,
        step: Step,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<(String, Applied), IntegrityError> {
        match data.apply(step.edit.clone()) {
            Ok(applied) => {
                to.push(Step {
                    label: step.label.clone(),
                    edit: applied.inverse.clone(),
                });
                Ok((step.label, applied))
            }
            Err(e) => {
                // Inverse edits always apply; if one does not, keep it where it was.
                from.push(step);
                Err(e)
            }
        }
    }

    /// The edits the next undo and redo apply (the edit journal records them).
    #[must_use]
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.edit)
    }

    #[must_use]
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.edit)
    }

    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The current data is what the file holds.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.undo.len());
    }

    /// The file no longer holds what is open, though no undoable edit was made (a CardDAV sync
    /// that only changed what the file keeps about the server).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }

    /// Changes so far; compare with [`History::mark_saved_at`].
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A save of the data as it was at `generation` finished. If anything changed since, the
    /// saved state is no longer reachable through undo with certainty, so the data stays dirty.
    pub fn mark_saved_at(&mut self, generation: u64) {
        if generation == self.generation {
            self.mark_saved();
        } else {
            self.saved_at = None;
        }
    }

    /// Whether there are changes the file does not have.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.undo.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;

    #[test]
    fn undo_redo_and_dirty_tracking() {
        let mut data = Dataset::new();
        let mut h = History::new();
        assert!(!h.is_dirty());
        let c = Contact::new("Ada");
        let id = c.id;
        h.apply(&mut data, Edit::PutContact(c), "add Ada").unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        let mut renamed = data.contact(id).unwrap().clone();
        renamed.display_name = "Ada L".into();
        h.apply(&mut data, Edit::PutContact(renamed), "edit Ada")
            .unwrap();
        assert!(h.is_dirty());
        assert_eq!(h.undo(&mut data).unwrap().unwrap().0, "edit Ada");
        assert_eq!(data.contact(id).unwrap().display_name, "Ada");
        assert!(!h.is_dirty());
        h.redo(&mut data).unwrap().unwrap();
        assert_eq!(data.contact(id).unwrap().display_name, "Ada L");
        h.undo(&mut data).unwrap().unwrap();
        h.undo(&mut data).unwrap().unwrap();
        assert!(data.contacts().is_empty());
        assert!(h.is_dirty());
        // A new edit after undoing past the saved point makes the saved state unreachable.
        h.apply(&mut data, Edit::PutContact(Contact::new("Bo")), "add Bo")
            .unwrap();
        h.undo(&mut data).unwrap().unwrap();
        assert!(h.is_dirty());
        assert!(h.redo(&mut data).is_some());
        assert!(h.redo(&mut data).is_none());
    }

    #[test]
    fn a_background_save_only_cleans_the_data_it_wrote() {
        let mut data = Dataset::new();
        let mut h = History::new();
        h.apply(&mut data, Edit::PutContact(Contact::new("Ada")), "add Ada")
            .unwrap();
        let at_save = h.generation();
        h.mark_saved_at(at_save);
        assert!(!h.is_dirty());
        let at_save = h.generation();
        h.apply(&mut data, Edit::PutContact(Contact::new("Bo")), "add Bo")
            .unwrap();
        h.mark_saved_at(at_save);
        assert!(h.is_dirty(), "an edit made while saving is not in the file");
    }
}
