//! The analytics cache the app holds: computed once from a dataset, then updated per edit.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::idmap::{IdMap, IdSet};
use super::tiers::{Candidate, Ranking, Tier};
use super::{Engagement, Span, Strength, Touch, Window, strong_tie};
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
    pub tier: Tier,
    /// Position in the strength ranking (0 = strongest); `None` when not ranked.
    pub rank: Option<usize>,
    /// The offline-only lens: the same score as if online interactions did not exist.
    pub offline_strength: Strength,
    /// The tier this contact would have in the offline-only lens.
    pub offline_tier: Tier,
}

impl ContactStats {
    fn key(&self) -> Option<Candidate> {
        (!self.archived && self.engagement.interactions() > 0).then(|| Candidate {
            id: self.id,
            score: self.strength.score,
            last: self.engagement.last_contact(),
        })
    }

    /// Takes place `r` in the ranking by strength, and the tier it gives; whether the tier
    /// moved.
    fn place(&mut self, r: usize) -> bool {
        self.rank = Some(r);
        let tier = Tier::of_rank(r).max(self.strength.evidence.closest_tier());
        std::mem::replace(&mut self.tier, tier) != tier
    }

    /// Takes place `r` in the ranking by offline strength: the offline tier; whether it moved.
    fn place_offline(&mut self, r: usize) -> bool {
        let tier = Tier::of_rank(r).max(self.offline_strength.evidence.closest_tier());
        std::mem::replace(&mut self.offline_tier, tier) != tier
    }

    fn offline_key(&self) -> Option<Candidate> {
        (!self.archived && self.engagement.offline.interactions > 0).then_some(Candidate {
            id: self.id,
            score: self.offline_strength.score,
            last: self.engagement.offline.last_contact,
        })
    }
}

/// A strong tie the offline-only lens misses (no offline interaction in the window) or demotes
/// (puts in a lower tier).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MissedTie {
    pub contact: ContactId,
    pub strength: f64,
    pub tier: Tier,
    pub offline_strength: f64,
    pub offline_tier: Tier,
    /// Share of the window's interactions that were online.
    pub online_share: f64,
    /// `true`: invisible offline (no offline interaction in the window); `false`: demoted.
    pub missed: bool,
}

/// Cached analytics for one dataset and one [`Params`].
///
/// Build it with [`Analytics::compute`]; after every successful `Dataset::apply` call
/// [`Analytics::update`] with the returned `Applied`. Only the touched contacts are recomputed and
/// only the moved part of the ranking is rewritten. Settings or channel changes
/// (`applied.global`) recompute every contact from the cache's own per-contact index without
/// rescanning the dataset; a missed update (the dataset's revision is not exactly one past the
/// cache's) recomputes from scratch.
///
/// Every reader assumes the cache is current for the dataset it is given.
#[derive(Clone, Debug)]
pub struct Analytics {
    params: Params,
    span: Span,
    weights: StrengthWeights,
    revision: u64,
    modes: IdMap<ChannelId, Mode>,
    /// Parallel to the dataset's contacts.
    stats: Vec<ContactStats>,
    /// Each contact's interactions (all dates, any order), parallel to `stats`.
    touches: Vec<Vec<Touch>>,
    pos: IdMap<ContactId, usize>,
    ranking: Ranking,
    offline_ranking: Ranking,
    /// A new number for every [`Analytics::compute`]: with the revision, it says which
    /// contacts changed since a reader last looked ([`Analytics::changed_since`]).
    epoch: u64,
    /// The last updates: the revision each brought the cache to and the contacts whose stats
    /// changed (touched, plus those whose tier moved); `None` when every contact may have.
    changes: std::collections::VecDeque<(u64, Option<Vec<ContactId>>)>,
}

/// How many updates [`Analytics::changed_since`] can look back over.
const CHANGES_KEPT: usize = 64;

fn next_epoch() -> u64 {
    static EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    EPOCH.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Analytics {
    /// Computes everything from scratch.
    #[must_use]
    pub fn compute(ds: &Dataset, params: Params) -> Self {
        let span = params.window.span(params.as_of);
        let modes: IdMap<ChannelId, Mode> = ds.channels().iter().map(|c| (c.id, c.mode)).collect();
        let n = ds.contacts().len();
        let pos: IdMap<ContactId, usize> = ds
            .contacts()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut touches: Vec<Vec<Touch>> = vec![Vec::new(); n];
        for it in ds.interactions() {
            let touch = Touch::new(it, mode_of(&modes, it.channel));
            for p in &it.participants {
                if let Some(&i) = pos.get(p) {
                    touches[i].push(touch);
                }
            }
        }
        let weights = ds.settings().strength.clone();
        let stats = ds
            .contacts()
            .iter()
            .zip(&touches)
            .map(|(c, t)| contact_stats(c.id, c.archived, t, span, &weights))
            .collect();
        let mut out = Self {
            params,
            span,
            weights,
            revision: ds.revision(),
            modes,
            stats,
            touches,
            pos,
            ranking: Ranking::default(),
            offline_ranking: Ranking::default(),
            epoch: next_epoch(),
            changes: std::collections::VecDeque::new(),
        };
        out.rerank();
        out
    }

    /// See [`Analytics::changed_since`].
    #[must_use]
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The contacts whose stats the planner reads changed since this cache was at `epoch` and
    /// `revision` (their interactions or record changed, their tier moved, or, after a weights
    /// change, their tier or strong-tie standing moved), or `None` when that is not known
    /// (another computation, too long ago, or a change to everyone: channels, settings other
    /// than the weights, a removed contact). Empty when nothing changed.
    #[must_use]
    pub fn changed_since(&self, epoch: u64, revision: u64) -> Option<BTreeSet<ContactId>> {
        if epoch != self.epoch || revision > self.revision {
            return None;
        }
        let mut out = BTreeSet::new();
        let mut next = revision.wrapping_add(1);
        for (rev, ids) in self.changes.iter().filter(|(rev, _)| *rev > revision) {
            if *rev != next {
                return None;
            }
            out.extend(ids.as_ref()?.iter().copied());
            next = rev.wrapping_add(1);
        }
        (next == self.revision.wrapping_add(1)).then_some(out)
    }

    /// After a change of the strength weights alone: each contact's components do not depend
    /// on the weights, so only the scores are weighed again and everyone ranked again. Reports
    /// the contacts whose tier or strong-tie standing moved (what the planner reads).
    fn reweigh(&mut self, ds: &Dataset) {
        self.weights = ds.settings().strength.clone();
        let before: Vec<(Tier, bool)> = self
            .stats
            .iter()
            .map(|s| (s.tier, strong_tie(s.tier, s.strength.score)))
            .collect();
        for s in &mut self.stats {
            s.strength.score = s.strength.components.score(&self.weights);
            s.offline_strength.score = s.offline_strength.components.score(&self.weights);
        }
        self.rerank();
        let moved = self
            .stats
            .iter()
            .zip(before)
            .filter(|(s, b)| (s.tier, strong_tie(s.tier, s.strength.score)) != *b)
            .map(|(s, _)| s.id)
            .collect();
        self.revision = ds.revision();
        self.record_change(Some(moved));
    }

    fn record_change(&mut self, ids: Option<Vec<ContactId>>) {
        if self.changes.len() == CHANGES_KEPT {
            self.changes.pop_front();
        }
        self.changes.push_back((self.revision, ids));
    }

    /// Brings the cache up to date after `ds.apply(..)` returned `applied`.
    pub fn update(&mut self, ds: &Dataset, applied: &Applied) {
        if ds.revision() != self.revision.wrapping_add(1) {
            *self = Self::compute(ds, self.params);
            return;
        }
        if let crate::model::Edit::SetSettings(old) = &applied.inverse
            && only_weights_differ(old, ds.settings())
        {
            self.reweigh(ds);
            return;
        }
        let mut changed = IdSet::default();
        let mut affected: IdSet<ContactId> = applied.touched.iter().copied().collect();
        collect_interactions(&applied.inverse, &mut changed, &mut affected);

        let mut full = applied.global;
        if applied.global {
            self.weights = ds.settings().strength.clone();
            let modes: IdMap<ChannelId, Mode> =
                ds.channels().iter().map(|c| (c.id, c.mode)).collect();
            if modes != self.modes {
                self.modes = modes;
                for t in self.touches.iter_mut().flatten() {
                    t.mode = mode_of(&self.modes, t.channel);
                }
            }
        }
        if affected.iter().any(|id| {
            self.pos
                .get(id)
                .is_some_and(|&i| ds.contact_index(*id) != Some(i))
        }) {
            // A contact was removed: positions shifted.
            self.realign(ds);
            full = true;
        } else {
            // New contacts are appended by the dataset.
            for c in ds.contacts().iter_from(self.stats.len()) {
                self.pos.insert(c.id, self.stats.len());
                self.stats.push(contact_stats(
                    c.id,
                    c.archived,
                    &[],
                    self.span,
                    &self.weights,
                ));
                self.touches.push(Vec::new());
            }
        }

        for c in &affected {
            if let Some(&i) = self.pos.get(c) {
                self.touches[i].retain(|t| !changed.contains(&t.interaction));
            }
        }
        for id in &changed {
            if let Some(it) = ds.interaction(*id) {
                let touch = Touch::new(it, mode_of(&self.modes, it.channel));
                for p in &it.participants {
                    affected.insert(*p);
                    if let Some(&i) = self.pos.get(p) {
                        self.touches[i].push(touch);
                    }
                }
            }
        }

        let mut reported = None;
        if full {
            for i in 0..self.stats.len() {
                self.stats[i] = self.recompute(ds, i);
            }
            self.rerank();
        } else {
            let mut old = (Vec::new(), Vec::new());
            let mut new = (Vec::new(), Vec::new());
            for c in &affected {
                if let Some(&i) = self.pos.get(c) {
                    old.0.extend(self.stats[i].key());
                    old.1.extend(self.stats[i].offline_key());
                    self.stats[i] = self.recompute(ds, i);
                    new.0.extend(self.stats[i].key());
                    new.1.extend(self.stats[i].offline_key());
                }
            }
            match self.rerank_part(&old, &new) {
                Some(mut moved) => {
                    moved.extend(affected.iter().copied());
                    moved.sort_unstable();
                    moved.dedup();
                    reported = Some(moved);
                }
                None => self.rerank(),
            }
        }
        self.revision = ds.revision();
        self.record_change(reported);
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

    /// The contact's interactions (all dates, any order) as compact copies.
    #[must_use]
    pub fn touches(&self, id: ContactId) -> &[Touch] {
        self.pos.get(&id).map_or(&[], |&i| &self.touches[i])
    }

    /// Every contact's stats with its interactions, in the dataset's contact order.
    pub fn entries(&self) -> impl Iterator<Item = (&ContactStats, &[Touch])> {
        self.stats
            .iter()
            .zip(self.touches.iter().map(Vec::as_slice))
    }

    /// Ranked contacts, strongest first: every unarchived contact with an interaction in the
    /// window. Everyone else is tier 5.
    #[must_use]
    pub fn ranked(&self) -> &[ContactId] {
        self.ranking.ids()
    }

    /// The ranking in the offline-only lens (contacts with an offline interaction in the window).
    #[must_use]
    pub fn offline_ranked(&self) -> &[ContactId] {
        self.offline_ranking.ids()
    }

    /// The mode of a channel as the cache saw it.
    #[must_use]
    pub fn mode_of(&self, channel: ChannelId) -> Mode {
        mode_of(&self.modes, channel)
    }

    /// Strong ties by the full measure (tier 1-2 or strength at least 60, see [`strong_tie`]),
    /// strongest first.
    fn strong(&self) -> impl Iterator<Item = &ContactStats> {
        self.ranking
            .ids()
            .iter()
            .filter_map(|id| self.contact(*id))
            .take_while(|s| strong_tie(s.tier, s.strength.score))
    }

    /// Strong ties that the offline-only lens misses or puts in a lower tier, strongest first.
    #[must_use]
    pub fn offline_lens_missed(&self) -> Vec<MissedTie> {
        self.strong()
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
        self.strong().count()
    }

    fn recompute(&self, ds: &Dataset, i: usize) -> ContactStats {
        let id = self.stats[i].id;
        let archived = ds.contact(id).is_some_and(|c| c.archived);
        contact_stats(id, archived, &self.touches[i], self.span, &self.weights)
    }

    /// Re-orders the per-contact vectors to the dataset's contact order after contacts were
    /// removed (and maybe added).
    fn realign(&mut self, ds: &Dataset) {
        let mut old_touches = std::mem::take(&mut self.touches);
        let old_stats = std::mem::take(&mut self.stats);
        let old_pos = std::mem::take(&mut self.pos);
        for (i, c) in ds.contacts().iter().enumerate() {
            self.pos.insert(c.id, i);
            let j = old_pos.get(&c.id).copied();
            self.touches.push(
                j.map(|j| std::mem::take(&mut old_touches[j]))
                    .unwrap_or_default(),
            );
            self.stats.push(match j {
                Some(j) => old_stats[j].clone(),
                None => contact_stats(c.id, c.archived, &[], self.span, &self.weights),
            });
        }
    }

    /// Ranks everyone again. Ranks and tiers are written in the stats' own order (each contact's
    /// rank found through its position, carried through the sort): writing them in rank order
    /// reached each contact's stats at random, a cache miss per contact.
    fn rerank(&mut self) {
        let mut full = Vec::with_capacity(self.stats.len());
        let mut offline = Vec::with_capacity(self.stats.len());
        for (i, s) in self.stats.iter_mut().enumerate() {
            s.tier = Tier::OUTER;
            s.offline_tier = Tier::OUTER;
            s.rank = None;
            let at = u32::try_from(i).unwrap_or(u32::MAX);
            full.extend(s.key().map(|k| (k, at)));
            offline.extend(s.offline_key().map(|k| (k, at)));
        }
        let (ranking, full_at) = Ranking::build_numbered(full);
        let (offline_ranking, offline_at) = Ranking::build_numbered(offline);
        let ranks_by_position = |at: &[u32]| {
            let mut rank = vec![u32::MAX; self.stats.len()];
            for (r, &i) in at.iter().enumerate() {
                if let Some(slot) = rank.get_mut(i as usize) {
                    *slot = u32::try_from(r).unwrap_or(u32::MAX);
                }
            }
            rank
        };
        let (full_rank, offline_rank) =
            (ranks_by_position(&full_at), ranks_by_position(&offline_at));
        for ((s, &r), &o) in self.stats.iter_mut().zip(&full_rank).zip(&offline_rank) {
            if r != u32::MAX {
                s.place(r as usize);
            }
            if o != u32::MAX {
                s.place_offline(o as usize);
            }
        }
        self.ranking = ranking;
        self.offline_ranking = offline_ranking;
    }

    /// Moves the changed keys and returns the contacts whose tier moved; `None` when the
    /// ranking must be rebuilt.
    fn rerank_part(
        &mut self,
        old: &(Vec<Candidate>, Vec<Candidate>),
        new: &(Vec<Candidate>, Vec<Candidate>),
    ) -> Option<Vec<ContactId>> {
        let full = self.ranking.replace(&old.0, &new.0)?;
        let offline = self.offline_ranking.replace(&old.1, &new.1)?;
        Some(self.write_ranks(full, offline))
    }

    /// Writes ranks and tiers for the given ranges of the two rankings; returns the contacts
    /// whose tier (either) changed.
    fn write_ranks(
        &mut self,
        full: std::ops::Range<usize>,
        offline: std::ops::Range<usize>,
    ) -> Vec<ContactId> {
        let mut moved = Vec::new();
        let ids = self.ranking.ids();
        let full = full.start.min(ids.len())..full.end.min(ids.len());
        for (r, id) in ids[full.clone()].iter().enumerate() {
            let r = r + full.start;
            if let Some(&i) = self.pos.get(id)
                && self.stats[i].place(r)
            {
                moved.push(*id);
            }
        }
        let ids = self.offline_ranking.ids();
        let offline = offline.start.min(ids.len())..offline.end.min(ids.len());
        for (r, id) in ids[offline.clone()].iter().enumerate() {
            let r = r + offline.start;
            if let Some(&i) = self.pos.get(id)
                && self.stats[i].place_offline(r)
            {
                moved.push(*id);
            }
        }
        moved
    }
}

/// Whether two settings differ in the strength weights alone (or not at all).
fn only_weights_differ(old: &crate::model::Settings, new: &crate::model::Settings) -> bool {
    let mut old = old.clone();
    old.strength.clone_from(&new.strength);
    old == *new
}

fn mode_of(modes: &IdMap<ChannelId, Mode>, channel: ChannelId) -> Mode {
    // Every interaction's channel exists (a dataset integrity rule); offline is never reached.
    modes.get(&channel).copied().unwrap_or(Mode::Offline)
}

/// A contact's stats from its interactions, unranked (tier 5) until the ranking places it.
fn contact_stats(
    id: ContactId,
    archived: bool,
    touches: &[Touch],
    span: Span,
    weights: &StrengthWeights,
) -> ContactStats {
    let mut engagement = Engagement::default();
    for t in touches {
        engagement.add(t, span);
    }
    let strength = Strength::from_totals(&engagement.total(), span, weights);
    let offline_strength = Strength::from_totals(&engagement.offline, span, weights);
    ContactStats {
        id,
        archived,
        engagement,
        strength,
        tier: Tier::OUTER,
        rank: None,
        offline_strength,
        offline_tier: Tier::OUTER,
    }
}

/// Every interaction an edit's inverse mentions (so every interaction the edit added, changed or
/// removed), and the participants those interactions had before the edit.
fn collect_interactions(
    edit: &Edit,
    ids: &mut IdSet<InteractionId>,
    contacts: &mut IdSet<ContactId>,
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
