//! Per-file settings that change what the analytics and the planner compute. They live in the
//! data file (not in UI preferences) so the app and the command line agree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The weights of the tie-strength components (see docs/ANALYTICS.md). They need not sum to 1;
/// the score divides by their sum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StrengthWeights {
    pub depth: f64,
    pub recency: f64,
    pub frequency: f64,
    pub duration: f64,
    pub reciprocity: f64,
    pub multiplexity: f64,
    /// Fields this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for StrengthWeights {
    fn default() -> Self {
        Self {
            depth: 0.30,
            recency: 0.20,
            frequency: 0.20,
            duration: 0.10,
            reciprocity: 0.10,
            multiplexity: 0.10,
            extra: Map::new(),
        }
    }
}

/// Keep-in-touch cadence defaults in days, used when a contact has no cadence of its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CadenceDefaults {
    /// Tier 1 (innermost) to tier 5 (everyone else); `0` means no default cadence for that tier.
    #[serde(deserialize_with = "five_tiers")]
    pub by_tier: [u32; 5],
    /// A cadence per tag (matched case-insensitively); the shortest matching tag wins over the tier.
    pub by_tag: BTreeMap<String, u32>,
    /// Fields this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Reads `by_tier` as a list, so that a list of the wrong length is named as such (serde reads a
/// sixth element of a fixed array as "trailing characters", a syntax error).
fn five_tiers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<[u32; 5], D::Error> {
    let tiers = Vec::<u32>::deserialize(d)?;
    let found = tiers.len();
    tiers.try_into().map_err(|_| {
        serde::de::Error::custom(format!(
            "by_tier needs 5 cadences, one per tier (1 to 5), but has {found}"
        ))
    })
}

impl Default for CadenceDefaults {
    fn default() -> Self {
        Self {
            by_tier: [7, 30, 90, 365, 0],
            by_tag: BTreeMap::new(),
            extra: Map::new(),
        }
    }
}

/// Who the user is, so that captured mail, calendars and chats can tell the user's own messages
/// and meetings from other people's (see docs/CAPTURE.md).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Me {
    /// The user's own email addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// The user's own phone numbers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// The user's display names in chat exports (`WhatsApp`, Telegram, `LinkedIn`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Fields this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Me {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.emails.is_empty()
            && self.phones.is_empty()
            && self.names.is_empty()
            && self.extra.is_empty()
    }

    /// Adds an address given on the command line or typed in the app: an email when it has an
    /// `@`, a phone number when it is mostly digits, else a chat display name. Returns whether it
    /// was new.
    pub fn add(&mut self, value: &str) -> bool {
        let value = value.trim();
        if value.is_empty() {
            return false;
        }
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let phone_like = value
            .chars()
            .all(|c| c.is_ascii_digit() || " +-./()".contains(c));
        let list = if value.contains('@') {
            &mut self.emails
        } else if phone_like && digits >= 5 {
            &mut self.phones
        } else {
            &mut self.names
        };
        if list.iter().any(|v| v.eq_ignore_ascii_case(value)) {
            return false;
        }
        list.push(value.to_owned());
        true
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub strength: StrengthWeights,
    #[serde(default)]
    pub cadence: CadenceDefaults,
    /// The user's own addresses, phones and chat names (empty until the user gives them).
    #[serde(default, skip_serializing_if = "Me::is_empty")]
    pub me: Me,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
