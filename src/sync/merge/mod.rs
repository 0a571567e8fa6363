//! The three-way merge of two copies of a dataset: per record, and inside a record per field.
//! The rules (docs/SYNC.md, "How merges decide"):
//! - A field changed on one side only (against the base, or by its field time) takes that side.
//! - A field changed on both sides takes the later change (field time, then record stamp, then a
//!   fixed order of the values, so both devices decide alike); the other value is reported.
//! - A record deleted on one side and edited on the other after the deleting side last saw it
//!   is kept (an edit wins over a deletion) and reported; otherwise it stays deleted.
//! - Interactions whose contact or channel is gone lose that participant; when none would be
//!   left, the contacts (or the channel) are brought back, and reported.

mod report;

pub use report::{Change, ChangeKind, Conflict, Report};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::stamps::{RecordKey, RecordMeta, Stamp, SyncMeta, Tombstone};
use crate::model::{Channel, Contact, Dataset, IntegrityError, Interaction};

/// The merged dataset and what the merge did.
#[derive(Clone, Debug)]
pub struct Merged {
    pub data: Dataset,
    pub report: Report,
}

/// Why a merge could not produce a valid dataset (a bug or a hand-edited file).
#[derive(Clone, Debug, thiserror::Error)]
#[error("the merged data breaks a rule: {0}")]
pub struct MergeError(pub String);

/// Merges `theirs` into `mine`, against `base` (the version both came from) when known. The
/// result is the same whichever copy is "mine". Tombstones older than the limit before `now`
/// are dropped.
pub fn merge(
    mine: &Dataset,
    theirs: &Dataset,
    base: Option<&Dataset>,
    now: DateTime<Utc>,
) -> Result<Merged, MergeError> {
    let (mm, tm) = (mine.sync_meta(), theirs.sync_meta());
    let empty = SyncMeta::default();
    let bm = base.map_or(&empty, Dataset::sync_meta);
    let mut ctx = Ctx {
        mm,
        tm,
        bm,
        has_base: base.is_some(),
        meta: SyncMeta::default(),
        conflicts: Vec::new(),
        kept: BTreeSet::new(),
        place: HashMap::new(),
    };
    let mut contacts = ctx.records(
        mine.contacts(),
        theirs.contacts(),
        base.map(Dataset::contacts),
        |c| RecordKey::Contact(c.id),
    );
    let mut channels = ctx.records(
        mine.channels(),
        theirs.channels(),
        base.map(Dataset::channels),
        |c| RecordKey::Channel(c.id),
    );
    let mut interactions = ctx.records(
        mine.interactions(),
        theirs.interactions(),
        base.map(Dataset::interactions),
        |it| RecordKey::Interaction(it.id),
    );
    let settings = ctx
        .record(
            RecordKey::Settings,
            Some(mine.settings()),
            Some(theirs.settings()),
            base.map(Dataset::settings),
        )
        .unwrap_or_else(|| mine.settings().clone());

    repair(
        &mut ctx,
        mine,
        theirs,
        &mut contacts,
        &mut channels,
        &mut interactions,
    );

    let place = |k: RecordKey| ctx.place.get(&k).copied().unwrap_or(usize::MAX);
    contacts.sort_by_key(|c| place(RecordKey::Contact(c.id)));
    channels.sort_by_key(|c| place(RecordKey::Channel(c.id)));
    let mut meta = ctx.meta;
    // A record that exists has no tombstone.
    let live: HashSet<RecordKey> = contacts
        .iter()
        .map(|c| RecordKey::Contact(c.id))
        .chain(channels.iter().map(|c| RecordKey::Channel(c.id)))
        .chain(interactions.iter().map(|i| RecordKey::Interaction(i.id)))
        .collect();
    meta.tombstones.retain(|k, _| !live.contains(k));
    meta.prune_tombstones(now);

    let mut data = Dataset::from_parts(contacts, channels, interactions, settings).map_err(
        |errors: Vec<IntegrityError>| {
            MergeError(errors.first().map_or_else(String::new, ToString::to_string))
        },
    )?;
    data.set_sync_meta(meta);
    data.set_stamper(mine.stamper().clone());
    let report = Report {
        changes: changes(mine, &data, &ctx.kept),
        conflicts: ctx.conflicts,
    };
    Ok(Merged { data, report })
}

struct Ctx<'a> {
    mm: &'a SyncMeta,
    tm: &'a SyncMeta,
    bm: &'a SyncMeta,
    has_base: bool,
    meta: SyncMeta,
    conflicts: Vec<Conflict>,
    /// Records kept over a deletion.
    kept: BTreeSet<RecordKey>,
    /// Each record's place in the merged lists (records brought back by `repair` go there too).
    place: HashMap<RecordKey, usize>,
}

fn label_of(key: RecordKey, v: &serde_json::Map<String, Value>) -> String {
    let get = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default();
    match key {
        RecordKey::Contact(_) => get("display_name").to_owned(),
        RecordKey::Channel(_) => get("name").to_owned(),
        RecordKey::Interaction(_) => {
            let summary = get("summary");
            if summary.is_empty() {
                get("date").to_owned()
            } else {
                format!("{} {summary}", get("date"))
            }
        }
        RecordKey::Settings => "settings".to_owned(),
    }
}

/// Whether a record was edited after a deletion that saw it with stamp `seen`: its stamp
/// differs, and a field other than its participants changed after (a participant lost because
/// a contact was deleted is a side effect, not an edit), or it was written anew.
fn edited_after(meta: Option<&RecordMeta>, seen: Option<&Stamp>) -> bool {
    let Some(m) = meta else { return false };
    if Some(&m.stamp) == seen {
        return false;
    }
    if let Some(s) = seen
        && m.stamp < *s
    {
        return false;
    }
    let since = seen.map(|s| s.at);
    m.fields.is_empty()
        || m.fields
            .iter()
            .any(|(f, t)| f != "participants" && since.is_none_or(|s| t.0 > s))
}

fn join_meta(a: Option<&RecordMeta>, b: Option<&RecordMeta>) -> Option<RecordMeta> {
    match (a, b) {
        (None, None) => None,
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (Some(a), Some(b)) => {
            let mut out = if a.stamp >= b.stamp {
                a.clone()
            } else {
                b.clone()
            };
            for (f, t) in a.fields.iter().chain(&b.fields) {
                let e = out.fields.entry(f.clone()).or_insert(*t);
                if *t > *e {
                    *e = *t;
                }
            }
            Some(out)
        }
    }
}

fn join_tomb(a: Option<&Tombstone>, b: Option<&Tombstone>) -> Option<Tombstone> {
    match (a, b) {
        (None, None) => None,
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (Some(a), Some(b)) => Some(if (&a.deleted, &a.seen) >= (&b.deleted, &b.seen) {
            a.clone()
        } else {
            b.clone()
        }),
    }
}

impl Ctx<'_> {
    /// Merges one list of records. Order: the base's (or mine's) order for records found there,
    /// then the others by stamp and id, so both copies get the same order.
    fn records<'a, T, L>(
        &mut self,
        mine: L,
        theirs: L,
        base: Option<L>,
        key: fn(&T) -> RecordKey,
    ) -> Vec<T>
    where
        T: Clone + PartialEq + Serialize + DeserializeOwned + 'a,
        L: IntoIterator<Item = &'a T> + Copy,
    {
        let m: HashMap<RecordKey, &T> = mine.into_iter().map(|r| (key(r), r)).collect();
        let t: HashMap<RecordKey, &T> = theirs.into_iter().map(|r| (key(r), r)).collect();
        let b: HashMap<RecordKey, &T> = base.into_iter().flatten().map(|r| (key(r), r)).collect();
        // The base's order; without one, the order of the records both sides hold (the same on
        // both, since Rapport only ever appends), so that either side merging gets one result.
        let mut seen = HashSet::new();
        let mut ordered: Vec<RecordKey> = Vec::new();
        let order_source = base.unwrap_or(mine);
        for r in order_source {
            let k = key(r);
            if (base.is_some() || t.contains_key(&k)) && seen.insert(k) {
                ordered.push(k);
            }
        }
        let mut rest: Vec<(Option<Stamp>, RecordKey)> = mine
            .into_iter()
            .chain(theirs)
            .map(key)
            .filter(|k| seen.insert(*k))
            .map(|k| {
                let stamp =
                    join_meta(self.mm.records.get(&k), self.tm.records.get(&k)).map(|m| m.stamp);
                (stamp, k)
            })
            .collect();
        rest.sort();
        ordered.extend(rest.into_iter().map(|(_, k)| k));
        for (i, k) in ordered.iter().enumerate() {
            self.place.insert(*k, i);
        }
        // Tombstones of records neither side has.
        for k in self.mm.tombstones.keys().chain(self.tm.tombstones.keys()) {
            if !m.contains_key(k)
                && !t.contains_key(k)
                && let Some(tomb) = join_tomb(self.mm.tombstones.get(k), self.tm.tombstones.get(k))
            {
                self.meta.tombstones.insert(*k, tomb);
            }
        }
        ordered
            .into_iter()
            .filter_map(|k| {
                self.record(
                    k,
                    m.get(&k).copied(),
                    t.get(&k).copied(),
                    b.get(&k).copied(),
                )
            })
            .collect()
    }

    /// Merges one record present on at least one side; `None` when it ends deleted.
    fn record<T>(
        &mut self,
        key: RecordKey,
        m: Option<&T>,
        t: Option<&T>,
        b: Option<&T>,
    ) -> Option<T>
    where
        T: Clone + PartialEq + Serialize + DeserializeOwned,
    {
        let (mmeta, tmeta) = (self.mm.records.get(&key), self.tm.records.get(&key));
        match (m, t) {
            (Some(m), Some(t)) => {
                if let Some(meta) = join_meta(mmeta, tmeta) {
                    self.meta.records.insert(key, meta);
                }
                if m == t {
                    return Some(m.clone());
                }
                Some(self.fields(key, m, t, b).unwrap_or_else(|| m.clone()))
            }
            (Some(one), None) | (None, Some(one)) => {
                let mine_side = m.is_some();
                let (own_meta, other_tombs) = if mine_side {
                    (mmeta, &self.tm.tombstones)
                } else {
                    (tmeta, &self.mm.tombstones)
                };
                let deleted = match other_tombs.get(&key) {
                    Some(tomb) => {
                        if edited_after(own_meta, tomb.seen.as_ref()) {
                            self.kept.insert(key);
                            false
                        } else {
                            true
                        }
                    }
                    // No tombstone: deleted over there (by a file without tombstones) when the
                    // base had it and this side did not change it since.
                    None => {
                        self.has_base
                            && b.is_some_and(|b| b == one)
                            && own_meta == self.bm.records.get(&key)
                    }
                };
                if deleted {
                    let tomb = other_tombs.get(&key).cloned().unwrap_or_else(|| Tombstone {
                        deleted: own_meta.map_or_else(
                            || Stamp::new(DateTime::<Utc>::UNIX_EPOCH, ""),
                            |m| m.stamp.clone(),
                        ),
                        seen: own_meta.map(|m| m.stamp.clone()),
                    });
                    self.meta.tombstones.insert(key, tomb);
                    None
                } else {
                    if let Some(meta) = own_meta {
                        self.meta.records.insert(key, meta.clone());
                    }
                    Some(one.clone())
                }
            }
            (None, None) => None,
        }
    }

    /// Field-by-field merge of a record both sides hold in different versions.
    fn fields<T>(&mut self, key: RecordKey, mine: &T, theirs: &T, base: Option<&T>) -> Option<T>
    where
        T: Serialize + DeserializeOwned,
    {
        let (Ok(Value::Object(mv)), Ok(Value::Object(tv))) =
            (serde_json::to_value(mine), serde_json::to_value(theirs))
        else {
            return None;
        };
        let bv = base.and_then(|b| match serde_json::to_value(b) {
            Ok(Value::Object(o)) => Some(o),
            _ => None,
        });
        let (mmeta, tmeta, bmeta) = (
            self.mm.records.get(&key),
            self.tm.records.get(&key),
            self.bm.records.get(&key),
        );
        let ftime = |meta: Option<&RecordMeta>, f: &str| meta.and_then(|m| m.field_time(f));
        let stamp = |meta: Option<&RecordMeta>| meta.map(|m| m.stamp.clone());
        // Keys in the order of the later record, then the other's.
        let theirs_later = stamp(tmeta) > stamp(mmeta);
        let (first, second) = if theirs_later { (&tv, &mv) } else { (&mv, &tv) };
        let keys: Vec<&String> = first
            .keys()
            .chain(second.keys().filter(|k| !first.contains_key(*k)))
            .collect();
        let label = label_of(key, if theirs_later { &tv } else { &mv });
        let mut out = serde_json::Map::new();
        for k in keys {
            let (mine_v, theirs_v) = (mv.get(k), tv.get(k));
            let chosen = if mine_v == theirs_v {
                mine_v
            } else {
                let base_val = bv.as_ref().map(|o| o.get(k));
                let changed = |v: Option<&Value>, meta| match base_val {
                    Some(bval) => v != bval || ftime(meta, k) != ftime(bmeta, k),
                    // Without a base, a field with a change time changed; one without has
                    // not changed since the record was created.
                    None => ftime(meta, k).is_some(),
                };
                let (mut mine_changed, mut theirs_changed) =
                    (changed(mine_v, mmeta), changed(theirs_v, tmeta));
                if !mine_changed && !theirs_changed {
                    // Different, yet neither has a change time (files from before field
                    // times): both count as changed, and the later record decides.
                    (mine_changed, theirs_changed) = (true, true);
                }
                if mine_changed && !theirs_changed {
                    mine_v
                } else if theirs_changed && !mine_changed {
                    theirs_v
                } else {
                    // Both changed: the later change wins.
                    let rank = |v: Option<&Value>, meta| {
                        (
                            ftime(meta, k),
                            stamp(meta),
                            v.map(ToString::to_string).unwrap_or_default(),
                        )
                    };
                    let take_theirs = rank(theirs_v, tmeta) > rank(mine_v, mmeta);
                    let (kept, lost) = if take_theirs {
                        (theirs_v, mine_v)
                    } else {
                        (mine_v, theirs_v)
                    };
                    if k != "updated" {
                        self.conflicts.push(Conflict {
                            key,
                            label: label.clone(),
                            field: k.clone(),
                            kept: kept.cloned().unwrap_or(Value::Null),
                            lost: lost.cloned().unwrap_or(Value::Null),
                            kept_theirs: take_theirs,
                        });
                    }
                    kept
                }
            };
            if let Some(v) = chosen {
                out.insert(k.clone(), v.clone());
            }
        }
        serde_json::from_value(Value::Object(out)).ok()
    }
}

/// Interactions whose contact or channel did not survive the merge: the participant is dropped;
/// when no participant would be left, or the channel is gone, what they need is brought back.
fn repair(
    ctx: &mut Ctx<'_>,
    mine: &Dataset,
    theirs: &Dataset,
    contacts: &mut Vec<Contact>,
    channels: &mut Vec<Channel>,
    interactions: &mut [Interaction],
) {
    let mut have: HashSet<_> = contacts.iter().map(|c| c.id).collect();
    let mut have_ch: HashSet<_> = channels.iter().map(|c| c.id).collect();
    // First bring back the people an interaction cannot do without (so that every other
    // interaction with them keeps them too), and the channels still in use.
    let mut bring_back = BTreeMap::new();
    for it in interactions.iter() {
        if !it.participants.iter().any(|p| have.contains(p)) {
            for p in &it.participants {
                bring_back.insert(RecordKey::Contact(*p), *p);
            }
        }
        if !have_ch.contains(&it.channel) {
            let source = mine
                .channel(it.channel)
                .or_else(|| theirs.channel(it.channel));
            if let Some(ch) = source {
                have_ch.insert(ch.id);
                channels.push(ch.clone());
                restore_meta(ctx, RecordKey::Channel(ch.id));
            }
        }
    }
    for (key, id) in bring_back {
        if have.contains(&id) {
            continue;
        }
        // Both sides' versions exist only if they were merged, so at most one side has it.
        if let Some(c) = mine.contact(id).or_else(|| theirs.contact(id)) {
            have.insert(id);
            contacts.push(c.clone());
            restore_meta(ctx, key);
        }
    }
    // Then drop the participants that are gone for good.
    for it in interactions.iter_mut() {
        if it.participants.iter().any(|p| !have.contains(p)) {
            it.participants.retain(|p| have.contains(p));
        }
    }
}

fn restore_meta(ctx: &mut Ctx<'_>, key: RecordKey) {
    ctx.meta.tombstones.remove(&key);
    if let Some(m) = join_meta(ctx.mm.records.get(&key), ctx.tm.records.get(&key)) {
        ctx.meta.records.insert(key, m);
    }
    ctx.kept.insert(key);
}

/// What the merge changed in `mine`, record by record.
fn changes(mine: &Dataset, merged: &Dataset, kept: &BTreeSet<RecordKey>) -> Vec<Change> {
    let mut out = Vec::new();
    diff(
        &mut out,
        mine.contacts(),
        merged.contacts(),
        |c| RecordKey::Contact(c.id),
        kept,
    );
    diff(
        &mut out,
        mine.channels(),
        merged.channels(),
        |c| RecordKey::Channel(c.id),
        kept,
    );
    diff(
        &mut out,
        mine.interactions(),
        merged.interactions(),
        |i| RecordKey::Interaction(i.id),
        kept,
    );
    if mine.settings() != merged.settings() {
        out.push(Change {
            key: RecordKey::Settings,
            label: "settings".to_owned(),
            kind: ChangeKind::Updated(changed_keys(mine.settings(), merged.settings())),
        });
    }
    out
}

fn changed_keys<T: Serialize>(a: &T, b: &T) -> Vec<String> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return Vec::new();
    };
    let mut keys: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    keys.retain(|k| k != "updated");
    keys
}

fn diff<'a, T: PartialEq + Serialize + 'a, L: IntoIterator<Item = &'a T> + Copy>(
    out: &mut Vec<Change>,
    before: L,
    after: L,
    key: fn(&T) -> RecordKey,
    kept: &BTreeSet<RecordKey>,
) {
    let label = |r: &T, k| match serde_json::to_value(r) {
        Ok(Value::Object(o)) => label_of(k, &o),
        _ => String::new(),
    };
    let old: HashMap<RecordKey, &T> = before.into_iter().map(|r| (key(r), r)).collect();
    let new: HashSet<RecordKey> = after.into_iter().map(key).collect();
    for r in after {
        let k = key(r);
        let kind = match old.get(&k) {
            None => ChangeKind::Added,
            Some(o) if *o != r => {
                let fields = changed_keys(*o, r);
                if fields.is_empty() {
                    continue;
                }
                ChangeKind::Updated(fields)
            }
            Some(_) if kept.contains(&k) => ChangeKind::KeptOverDeletion,
            Some(_) => continue,
        };
        out.push(Change {
            key: k,
            label: label(r, k),
            kind,
        });
    }
    for r in before {
        let k = key(r);
        if !new.contains(&k) {
            out.push(Change {
                key: k,
                label: label(r, k),
                kind: ChangeKind::Deleted,
            });
        }
    }
}
