//! What a merge of two copies of a data file needs to know about each record: when it last
//! changed and on which device (a [`Stamp`]), when each of its fields last changed, and which
//! records were deleted ([`Tombstone`]s). [`super::Dataset::apply`] keeps all of it up to date;
//! `crate::sync` (one layer up) reads it to merge. See docs/SYNC.md.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::chunked::Sharded;
use super::{ChannelId, ContactId, InteractionId};

/// How long a tombstone is kept: a copy of the file that has not been merged for longer than
/// this can bring a deleted record back. Documented in docs/SYNC.md.
pub const TOMBSTONE_DAYS: i64 = 180;

/// When and where a record (or a deletion) was last changed. Ordered by time, then device, so
/// that every copy of the file decides the same way.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    #[serde(rename = "modified", with = "micros")]
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub device: String,
}

impl Stamp {
    #[must_use]
    pub fn new(at: DateTime<Utc>, device: impl Into<String>) -> Self {
        Self {
            at,
            device: device.into(),
        }
    }
}

/// Times in the file: RFC 3339 with microseconds, so that two edits a moment apart keep their
/// order.
pub(crate) mod micros {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Micros, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}

/// A record of any kind, by id. `Settings` is the one settings record of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKey {
    Contact(ContactId),
    Channel(ChannelId),
    Interaction(InteractionId),
    Settings,
}

impl RecordKey {
    /// "contact", "channel", "interaction" or "settings".
    #[must_use]
    pub fn kind(self) -> &'static str {
        match self {
            RecordKey::Contact(_) => "contact",
            RecordKey::Channel(_) => "channel",
            RecordKey::Interaction(_) => "interaction",
            RecordKey::Settings => "settings",
        }
    }
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordKey::Contact(id) => write!(f, "contact {id}"),
            RecordKey::Channel(id) => write!(f, "channel {id}"),
            RecordKey::Interaction(id) => write!(f, "interaction {id}"),
            RecordKey::Settings => f.write_str("settings"),
        }
    }
}

/// A record's change history, as much as a merge needs: the last change of the whole record,
/// and the last change of each field edited after the record was first written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    #[serde(flatten)]
    pub stamp: Stamp,
    /// Field name -> when it last changed (only fields changed after the record was created).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Micros>,
}

/// A time written with microseconds (see [`micros`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Micros(#[serde(with = "micros")] pub DateTime<Utc>);

impl RecordMeta {
    /// When `field` last changed, if it changed after the record was created (a field without
    /// a time is as old as the record, older than any field edit anywhere).
    #[must_use]
    pub fn field_time(&self, field: &str) -> Option<DateTime<Utc>> {
        self.fields.get(field).map(|m| m.0)
    }
}

/// A deleted record, kept so that a copy still holding it does not bring it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    #[serde(flatten)]
    pub deleted: Stamp,
    /// The record's stamp when it was deleted: a copy whose record has another stamp was edited
    /// after (or without seeing) the deletion, and the edit wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Stamp>,
}

/// The merge metadata of a whole dataset. `records` has an entry for most records, so it is
/// sharded (see `chunked.rs`): an edit while a clone is alive copies one shard of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncMeta {
    pub records: Sharded<RecordKey, RecordMeta>,
    pub tombstones: BTreeMap<RecordKey, Tombstone>,
}

impl SyncMeta {
    /// A copy that shares nothing with `self`.
    #[must_use]
    pub fn detached(&self) -> Self {
        Self {
            records: self.records.detached(),
            tombstones: self.tombstones.clone(),
        }
    }

    /// Drops tombstones older than [`TOMBSTONE_DAYS`] before `now`.
    pub fn prune_tombstones(&mut self, now: DateTime<Utc>) {
        let limit = now - Duration::days(TOMBSTONE_DAYS);
        self.tombstones.retain(|_, t| t.deleted.at >= limit);
    }
}

/// Where stamps come from: this device's id (empty: [`local_device`]) and the clock (a fixed
/// time for tests).
#[derive(Clone, Debug, Default)]
pub struct Stamper {
    pub device: String,
    pub fixed_time: Option<DateTime<Utc>>,
}

impl Stamper {
    #[must_use]
    pub fn now(&self) -> Stamp {
        let device = if self.device.is_empty() {
            local_device().to_owned()
        } else {
            self.device.clone()
        };
        Stamp::new(self.fixed_time.unwrap_or_else(Utc::now), device)
    }
}

/// This machine's name as a device id: `RAPPORT_DEVICE` when set, else the host name
/// (`/etc/hostname`, `HOSTNAME`, `COMPUTERNAME`), else "unknown". Read once.
#[must_use]
pub fn local_device() -> &'static str {
    static DEVICE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DEVICE.get_or_init(|| {
        let clean = |s: String| {
            let s: String = s
                .trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(64)
                .collect();
            (!s.is_empty()).then_some(s)
        };
        std::env::var("RAPPORT_DEVICE")
            .ok()
            .and_then(clean)
            .or_else(|| {
                std::fs::read_to_string("/etc/hostname")
                    .ok()
                    .and_then(clean)
            })
            .or_else(|| std::env::var("HOSTNAME").ok().and_then(clean))
            .or_else(|| std::env::var("COMPUTERNAME").ok().and_then(clean))
            .unwrap_or_else(|| "unknown".to_owned())
    })
}

/// One change [`super::Dataset::apply`] made, to be stamped once the whole edit succeeded.
#[derive(Clone, Debug)]
pub(super) enum Touch {
    /// Written; the fields that changed (`None`: a new record, every field is new).
    Put(RecordKey, Option<Vec<String>>),
    Removed(RecordKey),
}

/// The top-level field names whose values differ between two records (as JSON objects).
pub(super) fn changed_fields<T: Serialize>(old: &T, new: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    out
}

impl SyncMeta {
    /// Records the changes of one successful edit. An edit that deletes also drops the
    /// tombstones past their time.
    pub(super) fn stamp(&mut self, touches: Vec<Touch>, stamp: &Stamp) {
        if touches.iter().any(|t| matches!(t, Touch::Removed(_))) {
            self.prune_tombstones(stamp.at);
        }
        for touch in touches {
            match touch {
                Touch::Put(key, changed) => {
                    self.tombstones.remove(&key);
                    match (self.records.get_mut(&key), changed) {
                        (Some(meta), Some(fields)) => {
                            if fields.is_empty() {
                                continue;
                            }
                            for f in fields {
                                meta.fields.insert(f, Micros(stamp.at));
                            }
                            meta.stamp = stamp.clone();
                        }
                        (None, Some(fields)) if !fields.is_empty() => {
                            // A record from a file without metadata, now edited.
                            self.records.insert(
                                key,
                                RecordMeta {
                                    stamp: stamp.clone(),
                                    fields: fields
                                        .into_iter()
                                        .map(|f| (f, Micros(stamp.at)))
                                        .collect(),
                                },
                            );
                        }
                        (_, Some(_)) => {}
                        (_, None) => {
                            self.records.insert(
                                key,
                                RecordMeta {
                                    stamp: stamp.clone(),
                                    fields: BTreeMap::new(),
                                },
                            );
                        }
                    }
                }
                Touch::Removed(key) => {
                    let seen = self.records.remove(&key).map(|m| m.stamp);
                    self.tombstones.insert(
                        key,
                        Tombstone {
                            deleted: stamp.clone(),
                            seen,
                        },
                    );
                }
            }
        }
    }
}
