//! Interactions: one record per conversation, meeting or message exchange.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ChannelId, ContactId, InteractionId};

/// How deep an interaction went, 1 (small talk) to 5 (trusted personal help).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Depth(u8);

impl Depth {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    /// `None` when `value` is outside 1-5.
    #[must_use]
    pub fn new(value: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Self(value))
    }

    #[must_use]
    pub fn get(self) -> u8 {
        self.0
    }

    /// Every level, shallow to deep.
    pub fn all() -> impl Iterator<Item = Depth> {
        (Self::MIN..=Self::MAX).map(Depth)
    }

    /// A short name for the level.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self.0 {
            1 => "Small talk",
            2 => "Catching up",
            3 => "Substantive",
            4 => "Personal",
            _ => "Trusted help",
        }
    }

    /// What the level means, in one line.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self.0 {
            1 => "Greetings and pleasantries; nothing personal shared",
            2 => "News and light personal updates exchanged",
            3 => "Real work or ideas discussed in depth",
            4 => "Feelings, plans or advice shared openly",
            _ => "Confidences kept or real help given or received",
        }
    }
}

impl Default for Depth {
    fn default() -> Self {
        Self(2)
    }
}

impl TryFrom<u8> for Depth {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value).ok_or_else(|| format!("depth {value} is outside 1-5"))
    }
}

impl From<Depth> for u8 {
    fn from(d: Depth) -> u8 {
        d.0
    }
}

/// Who reached out first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    Me,
    Them,
    #[default]
    Mutual,
}

impl Initiator {
    pub const ALL: [Initiator; 3] = [Initiator::Me, Initiator::Them, Initiator::Mutual];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Initiator::Me => "me",
            Initiator::Them => "them",
            Initiator::Mutual => "mutual",
        }
    }
}

impl std::str::FromStr for Initiator {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "me" => Ok(Initiator::Me),
            "them" => Ok(Initiator::Them),
            "mutual" | "" => Ok(Initiator::Mutual),
            other => Err(format!(
                "unknown initiator \"{other}\" (expected me, them or mutual)"
            )),
        }
    }
}

/// One interaction. A group event is one record with several participants; it counts once for
/// each of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    pub participants: Vec<ContactId>,
    pub channel: ChannelId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub depth: Depth,
    #[serde(default)]
    pub initiated_by: Initiator,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Interaction {
    /// A new interaction with a random id.
    #[must_use]
    pub fn new(date: NaiveDate, participants: Vec<ContactId>, channel: ChannelId) -> Self {
        Self {
            id: InteractionId::random(),
            date,
            time: None,
            participants,
            channel,
            minutes: None,
            depth: Depth::default(),
            initiated_by: Initiator::default(),
            summary: String::new(),
            notes: String::new(),
            follow_up: None,
            extra: Map::new(),
        }
    }

    #[must_use]
    pub fn involves(&self, contact: ContactId) -> bool {
        self.participants.contains(&contact)
    }
}
