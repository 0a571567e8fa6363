//! Channels: the ways people interact, each marked online or offline.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ChannelId;

/// Whether a channel is mediated by a network (online) or happens in the same physical space or
/// through physical objects (offline).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Online,
    Offline,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Online, Mode::Offline];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Mode::Online => "online",
            Mode::Offline => "offline",
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "online" => Ok(Mode::Online),
            "offline" => Ok(Mode::Offline),
            other => Err(format!(
                "unknown mode \"{other}\" (expected online or offline)"
            )),
        }
    }
}

/// A channel the user can rename or re-mark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub id: ChannelId,
    pub name: String,
    pub mode: Mode,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Channel {
    #[must_use]
    pub fn new(id: ChannelId, name: impl Into<String>, mode: Mode) -> Self {
        Self {
            id,
            name: name.into(),
            mode,
            extra: Map::new(),
        }
    }
}

/// The default channels and their fixed ids (the same in every file, so merged files agree).
///
/// The mode answers one question: did the interaction need a network between two places?
/// In person and events share a room: offline. A letter or card is a physical object carried
/// by hand or post: offline. Phone, video, email, text and social media cross a network:
/// online. The user can change any of these.
#[must_use]
pub fn default_channels() -> Vec<Channel> {
    [
        (1, "In person", Mode::Offline),
        (2, "Event or meetup", Mode::Offline),
        (3, "Phone call", Mode::Online),
        (4, "Video call", Mode::Online),
        (5, "Email", Mode::Online),
        (6, "Text or chat", Mode::Online),
        (7, "Social media", Mode::Online),
        (8, "Letter or card", Mode::Offline),
    ]
    .into_iter()
    .map(|(id, name, mode)| Channel::new(ChannelId(id), name, mode))
    .collect()
}
