//! The analytics cache the app holds: computed once from a dataset, then updated per edit.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::tiers::{Candidate, rank, tier_of_rank};
use super::{Engagement, Span, Strength, TIER_COUNT, Window, strong_tie};
use crate::model::{
    Applied, ChannelId, ContactId, Dataset, Edit, InteractionId, Mode, StrengthWeights,
};

/// What the analytics are computed for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    /// Nothing after this date counts; recency is measured from it (or from the end of a custom
    /// range that ends earlier).
    pub as_of: NaiveDate,
    pub window: Window,
}

impl Params {
    /// The default window (365 days) as of `as_of`.
    #[must_use]
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            window: Window::default(),
        }
    }

    #[must_use]
    pub fn with_window(mut self, window: Window) -> Self {
        self.window = window;
        self
    }
}

/// Everything computed for one contact.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactStats {
    pub id: ContactId,
    /// Archived contacts are computed but never ranked (always tier 5, `rank` `None`).
    pub archived: bool,
    pub engagement: Engagement,
    pub strength: Strength,
    /// 1 (innermost) to 5 (everyone else, and anyone without interactions in the window).
    pub tier: u8,
    /// Position in the strength ranking (0 = strongest); `None` when not ranked.
    pub rank: Option<usize>,
    /// The offline-only lens: the same score as if online interactions did not exist.
    pub offline_strength: Strength,
    /// The tier this contact would have in the offline-only lens.
    pub offline_tier: u8,
}

/// A strong tie the offline-only lens misses (no offline interaction in the window) or demotes
/// (puts in a lower tier).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MissedTie {
    pub contact: ContactId,
    pub strength: f64,
    pub tier: u8,
    pub offline_strength: f64,
    pub offline_tier: u8,
    /// Share of the window's interactions that were online.
    pub online_share: f64,
    /// `true`: invisible offline (no offline interaction in the window); `false`: demoted.
    pub missed: bool,
}

/// Cached analytics for one dataset and one [`Params`].
///
/// Build it with [`Analytics::compute`]; after every successful `Dataset::apply` call
/// [`Analytics::update`] with the returned `Applied`: only the touched contacts are recomputed,
/// then tiers are re-ranked. Channel or settings changes (`applied.global`), or a missed update
/// (the dataset's revision is not exactly one past the cache's), trigger a full recompute.
#[derive(Clone, Debug)]
pub struct Analytics {
    params: Params,
    span: Span,
    weights: StrengthWeights,
    revision: u64,
    modes: HashMap<ChannelId, Mode>,
    stats: Vec<ContactStats>,
    /// Interactions of each contact (all dates), parallel to `stats`.
    ids: Vec<Vec<InteractionId>>,
    pos: HashMap<ContactId, usize>,
    ranked: Vec<ContactId>,
    offline_ranked: Vec<ContactId>,
}

impl Analytics {
    /// Computes everything from scratch.
    #[must_use]
    pub fn compute(ds: &Dataset, params: Params) -> Self {
        let span = params.window.span(params.as_of);
        let modes: HashMap<ChannelId, Mode> =
            ds.channels().iter().map(|c| (c.id, c.mode)).collect();
        let n = ds.contacts().len();
        let mut engagement = vec![Engagement::default(); n];
        let mut ids: Vec<Vec<InteractionId>> = vec![Vec::new(); n];
        for it in ds.interactions() {
            let mode = mode_of(&modes, it.channel);
            for &p in &it.participants {
                if let Some(i) = ds.contact_index(p) {
                    ids[i].push(it.id);
                    engagement[i].add(it, mode, span);
                }
            }
        }
        let weights = ds.settings().strength.clone();
        let stats = ds
            .contacts()
            .iter()
            .zip(engagement)
            .map(|(c, e)| finish(c.id, c.archived, e, span, &weights))
            .collect();
        let pos = ds
            .contacts()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut out = Self {
            params,
            span,
            weights,
            revision: ds.revision(),
            modes,
            stats,
            ids,
            pos,
            ranked: Vec::new(),
            offline_ranked: Vec::new(),
        };
        out.rerank();
        out
    }

    /// Brings the cache up to date after `ds.apply(..)` returned `applied`.
    pub fn update(&mut self, ds: &Dataset, applied: &Applied) {
        if applied.global || ds.revision() != self.revision.wrapping_add(1) {
            *self = Self::compute(ds, self.params);
            return;
        }
        let mut changed = HashSet::new();
        let mut affected: HashSet<ContactId> = applied.touched.iter().copied().collect();
        collect_interactions(&applied.inverse, &mut changed, &mut affected);
        let structural = self.stats.len() != ds.contacts().len()
            || affected
                .iter()
                .any(|id| self.pos.get(id).copied() != ds.contact_index(*id));
        if structural {
            self.realign(ds);
        }
        for c in &affected {
            if let Some(&i) = self.pos.get(c) {
                self.ids[i].retain(|x| !changed.contains(x));
            }
        }
        for id in &changed {
            if let Some(it) = ds.interaction(*id) {
                for p in &it.participants {
                    affected.insert(*p);
                    if let Some(&i) = self.pos.get(p) {
                        self.ids[i].push(it.id);
                    }
                }
            }
        }
        for c in &affected {
            if let Some(&i) = self.pos.get(c) {
                self.stats[i] = self.recompute(ds, i);
            }
        }
        self.rerank();
        self.revision = ds.revision();
    }

    /// Recomputes everything for other parameters (a new window or as-of date).
    pub fn set_params(&mut self, ds: &Dataset, params: Params) {
        *self = Self::compute(ds, params);
    }

    #[must_use]
    pub fn params(&self) -> Params {
        self.params
    }

    /// The dates the window covers.
    #[must_use]
    pub fn span(&self) -> Span {
        self.span
    }

    /// The weights the scores were computed with.
    #[must_use]
    pub fn weights(&self) -> &StrengthWeights {
        &self.weights
    }

    /// The dataset revision this cache reflects.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// One entry per contact, in the dataset's contact order.
    #[must_use]
    pub fn contacts(&self) -> &[ContactStats] {
        &self.stats
    }

    #[must_use]
    pub fn contact(&self, id: ContactId) -> Option<&ContactStats> {
        self.pos.get(&id).map(|&i| &self.stats[i])
    }

    /// The contact's interactions (all dates, any order): ids to look up in the dataset.
    #[must_use]
    pub fn interactions_of(&self, id: ContactId) -> &[InteractionId] {
        self.pos.get(&id).map_or(&[], |&i| &self.ids[i])
    }

    /// Ranked contacts, strongest first: every unarchived contact with an interaction in the
    /// window. Everyone else is tier 5.
    #[must_use]
    pub fn ranked(&self) -> &[ContactId] {
        &self.ranked
    }

    /// The ranking in the offline-only lens (contacts with an offline interaction in the window).
    #[must_use]
    pub fn offline_ranked(&self) -> &[ContactId] {
        &self.offline_ranked
    }

    /// The mode of a channel as the cache saw it.
    #[must_use]
    pub fn mode_of(&self, channel: ChannelId) -> Mode {
        mode_of(&self.modes, channel)
    }

    /// Strong ties (tier 1-2 or strength at least 60, see [`strong_tie`]) that the offline-only
    /// lens misses or puts in a lower tier, strongest first.
    #[must_use]
    pub fn offline_lens_missed(&self) -> Vec<MissedTie> {
        self.ranked
            .iter()
            .filter_map(|id| self.contact(*id))
            .filter(|s| strong_tie(s.tier, s.strength.score))
            .filter(|s| s.offline_tier > s.tier || s.engagement.offline.interactions == 0)
            .map(|s| MissedTie {
                contact: s.id,
                strength: s.strength.score,
                tier: s.tier,
                offline_strength: s.offline_strength.score,
                offline_tier: s.offline_tier,
                online_share: s.engagement.online_share().unwrap_or(0.0),
                missed: s.engagement.offline.interactions == 0,
            })
            .collect()
    }

    /// Number of strong ties by the full measure (the denominator for "the lens misses N of M").
    #[must_use]
    pub fn strong_ties(&self) -> usize {
        self.ranked
            .iter()
            .filter_map(|id| self.contact(*id))
            .filter(|s| strong_tie(s.tier, s.strength.score))
            .count()
    }

    fn recompute(&self, ds: &Dataset, i: usize) -> ContactStats {
        let id = self.stats[i].id;
        let mut e = Engagement::default();
        for iid in &self.ids[i] {
            if let Some(it) = ds.interaction(*iid) {
                e.add(it, mode_of(&self.modes, it.channel), self.span);
            }
        }
        let archived = ds.contact(id).is_some_and(|c| c.archived);
        finish(id, archived, e, self.span, &self.weights)
    }

    /// Re-orders the per-contact vectors to the dataset's contact order after contacts were
    /// added or removed.
    fn realign(&mut self, ds: &Dataset) {
        let mut old_stats: Vec<Option<ContactStats>> = std::mem::take(&mut self.stats)
            .into_iter()
            .map(Some)
            .collect();
        let mut old_ids = std::mem::take(&mut self.ids);
        let old_pos = std::mem::take(&mut self.pos);
        for (i, c) in ds.contacts().iter().enumerate() {
            self.pos.insert(c.id, i);
            let old = old_pos.get(&c.id).and_then(|&j| {
                old_stats[j]
                    .take()
                    .map(|s| (s, std::mem::take(&mut old_ids[j])))
            });
            let (stats, ids) = old.unwrap_or_else(|| {
                let empty = finish(
                    c.id,
                    c.archived,
                    Engagement::default(),
                    self.span,
                    &self.weights,
                );
                (empty, Vec::new())
            });
            self.stats.push(stats);
            self.ids.push(ids);
        }
    }

    fn rerank(&mut self) {
        let mut full = Vec::new();
        let mut offline = Vec::new();
        for s in &mut self.stats {
            s.tier = TIER_COUNT;
            s.offline_tier = TIER_COUNT;
            s.rank = None;
            if s.archived {
                continue;
            }
            if s.engagement.interactions() > 0 {
                full.push(Candidate {
                    id: s.id,
                    score: s.strength.score,
                    last: s.engagement.last_contact(),
                });
            }
            if s.engagement.offline.interactions > 0 {
                offline.push(Candidate {
                    id: s.id,
                    score: s.offline_strength.score,
                    last: s.engagement.offline.last_contact,
                });
            }
        }
        rank(&mut full);
        rank(&mut offline);
        for (r, c) in full.iter().enumerate() {
            if let Some(&i) = self.pos.get(&c.id) {
                self.stats[i].tier = tier_of_rank(r);
                self.stats[i].rank = Some(r);
            }
        }
        for (r, c) in offline.iter().enumerate() {
            if let Some(&i) = self.pos.get(&c.id) {
                self.stats[i].offline_tier = tier_of_rank(r);
            }
        }
        self.ranked = full.into_iter().map(|c| c.id).collect();
        self.offline_ranked = offline.into_iter().map(|c| c.id).collect();
    }
}

fn mode_of(modes: &HashMap<ChannelId, Mode>, channel: ChannelId) -> Mode {
    // Every interaction's channel exists (a dataset integrity rule); offline is never reached.
    modes.get(&channel).copied().unwrap_or(Mode::Offline)
}

fn finish(
    id: ContactId,
    archived: bool,
    engagement: Engagement,
    span: Span,
    weights: &StrengthWeights,
) -> ContactStats {
    let strength = Strength::from_totals(&engagement.total(), span, weights);
    let offline_strength = Strength::from_totals(&engagement.offline, span, weights);
    ContactStats {
        id,
        archived,
        engagement,
        strength,
        tier: TIER_COUNT,
        rank: None,
        offline_strength,
        offline_tier: TIER_COUNT,
    }
}

/// Every interaction an edit's inverse mentions (so every interaction the edit added, changed or
/// removed), and the participants those interactions had before the edit.
fn collect_interactions(
    edit: &Edit,
    ids: &mut HashSet<InteractionId>,
    contacts: &mut HashSet<ContactId>,
) {
    match edit {
        Edit::RemoveInteraction(id) => {
            ids.insert(*id);
        }
        Edit::PutInteraction(old) => {
            ids.insert(old.id);
            contacts.extend(old.participants.iter().copied());
        }
        Edit::Batch(edits) => {
            for e in edits {
                collect_interactions(e, ids, contacts);
            }
        }
        Edit::PutContact(c) => {
            contacts.insert(c.id);
        }
        Edit::RemoveContact(id) => {
            contacts.insert(*id);
        }
        Edit::PutChannel(_) | Edit::RemoveChannel(_) | Edit::SetSettings(_) => {}
    }
}
