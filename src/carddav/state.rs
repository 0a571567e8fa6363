//! What the data file keeps about its CardDAV account, in the top-level `carddav` field: the
//! server and user (never the password), the address book found, the sync token, and for every
//! linked contact its card on the server (href, ETag, UID) and the fingerprints of the fields
//! both sides last agreed on. Older readers of format version 2 keep the field unchanged (it
//! is an unknown top-level field to them). See docs/FORMAT.md and docs/SYNC.md.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::ContactId;

/// The top-level field of the data file.
pub const FIELD: &str = "carddav";

/// A contact's card on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLink {
    pub contact: ContactId,
    /// The card's path on the server.
    pub href: String,
    /// The card's ETag when it was last read or written.
    #[serde(default)]
    pub etag: String,
    /// The card's UID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// Field -> fingerprint of the value both sides last agreed on (the base of a merge).
    #[serde(default)]
    pub base: BTreeMap<String, String>,
}

/// The account and its sync state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The URL the user gave (a server, or the address book itself).
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    /// The address book found from `url` (empty until the first sync).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub addressbook: String,
    /// The server's sync token (RFC 6578) after the last sync, when it offers them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<DateTime<Utc>>,
    /// Plain HTTP to a server other than this machine was allowed for this account.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_http: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<CardLink>,
    /// Contacts the server deleted that were kept here for their interactions (archived): they
    /// are not sent to the server again.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub local_only: BTreeSet<ContactId>,
}

impl Account {
    /// The account kept in a data file's top-level fields, if any (a field this build cannot
    /// read counts as none, and is replaced at the next sync).
    #[must_use]
    pub fn from_extra(extra: &Map<String, Value>) -> Option<Self> {
        serde_json::from_value(extra.get(FIELD)?.clone()).ok()
    }

    /// Writes the account into a data file's top-level fields.
    pub fn store(&self, extra: &mut Map<String, Value>) {
        if let Ok(v) = serde_json::to_value(self) {
            extra.insert(FIELD.to_owned(), v);
        }
    }

    /// Whether this state belongs to the given server and user (else a sync starts over).
    #[must_use]
    pub fn is_for(&self, url: &str, user: &str) -> bool {
        same_url(&self.url, url) && self.user == user
    }
}

/// URLs equal but for a trailing slash and the case of the scheme and host.
#[must_use]
pub fn same_url(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim().trim_end_matches('/');
        match s.split_once("://") {
            Some((scheme, rest)) => {
                let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                format!(
                    "{}://{}{path}",
                    scheme.to_ascii_lowercase(),
                    host.to_ascii_lowercase()
                )
            }
            None => s.to_owned(),
        }
    };
    norm(a) == norm(b)
}
