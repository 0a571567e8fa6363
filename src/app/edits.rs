//! The undoable changes the app makes, built in one place from the data and nothing of egui:
//! each returns a [`Change`] (the edit and the words the Edit menu shows, "Undo snooze Ada"),
//! which views push as a command and the app applies. Tests call these directly.

use chrono::{DateTime, NaiveDate, Utc};

use super::commands::Command;
use crate::model::{
    Channel, ChannelId, Contact, ContactId, Dataset, Edit, Interaction, Mode, Settings,
    StrengthWeights,
};

/// An edit with the label it goes by in the Edit menu.
#[derive(Debug)]
pub struct Change {
    pub edit: Edit,
    pub label: String,
}

impl From<Change> for Command {
    fn from(c: Change) -> Self {
        Command::Apply {
            edit: c.edit,
            label: c.label,
        }
    }
}

/// The contact editor's Save: the contact it validated, stamped as changed at `now`; "add Ada"
/// for a new contact, else "edit Ada".
#[must_use]
pub fn save_contact(mut contact: Contact, is_new: bool, now: DateTime<Utc>) -> Change {
    contact.updated = now;
    let label = if is_new {
        format!("add {}", contact.display_name)
    } else {
        format!("edit {}", contact.display_name)
    };
    Change {
        edit: Edit::PutContact(contact),
        label,
    }
}

/// The log form's Save: the interaction it validated; "log interaction" for a new one, else
/// "edit interaction".
#[must_use]
pub fn save_interaction(interaction: Interaction, is_new: bool) -> Change {
    let label = if is_new {
        "log interaction"
    } else {
        "edit interaction"
    };
    Change {
        edit: Edit::PutInteraction(interaction),
        label: label.to_owned(),
    }
}

/// Archives (or brings back) a contact, stamped as changed at `now`.
#[must_use]
pub fn set_archived(
    data: &Dataset,
    id: ContactId,
    archived: bool,
    now: DateTime<Utc>,
) -> Option<Change> {
    let mut c = data.contact(id)?.clone();
    c.archived = archived;
    c.updated = now;
    let label = if archived {
        format!("archive {}", c.display_name)
    } else {
        format!("unarchive {}", c.display_name)
    };
    Some(Change {
        edit: Edit::PutContact(c),
        label,
    })
}

/// Snoozes a contact until `until` (`None`: unsnooze), stamped as changed at `now`.
#[must_use]
pub fn snooze(
    data: &Dataset,
    id: ContactId,
    until: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Option<Change> {
    let mut c = data.contact(id)?.clone();
    c.snoozed_until = until;
    c.updated = now;
    let label = match until {
        Some(_) => format!("snooze {}", c.display_name),
        None => format!("unsnooze {}", c.display_name),
    };
    Some(Change {
        edit: Edit::PutContact(c),
        label,
    })
}

/// Deletes a contact (the dataset decides what happens to their interactions).
#[must_use]
pub fn delete_contact(id: ContactId, name: &str) -> Change {
    Change {
        edit: Edit::RemoveContact(id),
        label: format!("delete {name}"),
    }
}

/// New settings, named for the Edit menu by what changed ("cadence of tier 1").
#[must_use]
pub fn set_settings(next: Settings, what: &str) -> Change {
    Change {
        edit: Edit::SetSettings(next),
        label: format!("change {what}"),
    }
}

/// The file's strength weights.
#[must_use]
pub fn set_weights(data: &Dataset, weights: StrengthWeights) -> Change {
    let mut settings = data.settings().clone();
    settings.strength = weights;
    set_settings(settings, "strength weights")
}

/// A new channel, with the next free id.
#[must_use]
pub fn add_channel(data: &Dataset, name: &str, mode: Mode) -> Change {
    let id = ChannelId(data.channels().iter().map(|c| c.id.0).max().unwrap_or(0) + 1);
    Change {
        edit: Edit::PutChannel(Channel::new(id, name, mode)),
        label: format!("add channel {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_a_contact_or_an_interaction_names_the_step() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z")
            .unwrap()
            .to_utc();
        let c = save_contact(Contact::new("Ada Lovelace"), true, now);
        assert_eq!(c.label, "add Ada Lovelace");
        let Edit::PutContact(ada) = &c.edit else {
            panic!("{:?}", c.edit)
        };
        assert_eq!(ada.updated, now, "stamped with the given time");
        let id = ada.id;
        assert_eq!(
            save_contact(ada.clone(), false, now).label,
            "edit Ada Lovelace"
        );

        let mut data = Dataset::new();
        data.apply(c.edit).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let it = Interaction::new(day, vec![id], ChannelId(1));
        let c = save_interaction(it.clone(), true);
        assert_eq!(c.label, "log interaction");
        data.apply(c.edit).unwrap();
        assert_eq!(save_interaction(it, false).label, "edit interaction");
        assert_eq!(data.interactions().len(), 1);

        let c = set_archived(&data, id, true, now).unwrap();
        let Edit::PutContact(archived) = &c.edit else {
            panic!("{:?}", c.edit)
        };
        assert!(archived.archived);
        assert_eq!(archived.updated, now);
    }

    fn one() -> (Dataset, ContactId) {
        let mut data = Dataset::new();
        let ada = Contact::new("Ada Lovelace");
        let id = ada.id;
        data.apply(Edit::PutContact(ada)).unwrap();
        (data, id)
    }

    #[test]
    fn changes_apply_and_say_what_they_do() {
        let (mut data, id) = one();
        let c = set_archived(&data, id, true, chrono::Utc::now()).unwrap();
        assert_eq!(c.label, "archive Ada Lovelace");
        data.apply(c.edit).unwrap();
        assert!(data.contact(id).unwrap().archived);

        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let c = snooze(&data, id, Some(day), chrono::Utc::now()).unwrap();
        assert_eq!(c.label, "snooze Ada Lovelace");
        data.apply(c.edit).unwrap();
        assert_eq!(data.contact(id).unwrap().snoozed_until, Some(day));

        let c = add_channel(&data, "Carrier pigeon", Mode::Offline);
        assert_eq!(c.label, "add channel Carrier pigeon");
        data.apply(c.edit).unwrap();
        assert!(data.channel_by_name("Carrier pigeon").is_some());

        let weights = StrengthWeights {
            depth: 0.0,
            ..StrengthWeights::default()
        };
        let c = set_weights(&data, weights);
        assert_eq!(c.label, "change strength weights");
        data.apply(c.edit).unwrap();
        assert!(data.settings().strength.depth.abs() < f64::EPSILON);

        let c = delete_contact(id, "Ada Lovelace");
        data.apply(c.edit).unwrap();
        assert!(data.contact(id).is_none());
        assert!(
            snooze(&data, id, None, chrono::Utc::now()).is_none(),
            "no such contact any more"
        );
    }
}
