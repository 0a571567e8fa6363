//! The data model: contacts, channels, interactions and the dataset that ties them together.
//! Nothing here knows about egui, rfd or files.

mod channel;
pub mod chunked;
mod contact;
mod dataset;
mod ids;
mod interaction;
pub mod quick_add;
mod settings;
pub mod stamps;

pub use channel::{Channel, Mode, default_channels};
pub use contact::{Address, Birthday, Contact, Labeled, Photo};
pub use dataset::{Applied, Dataset, DeletionImpact, Edit, IntegrityError};
pub use ids::{ChannelId, ContactId, InteractionId};
pub use interaction::{Depth, Initiator, Interaction, LocatedInteraction};
pub use settings::{CadenceDefaults, Me, Settings, StrengthWeights};

#[cfg(test)]
mod sharing_tests;
#[cfg(test)]
mod tests;
