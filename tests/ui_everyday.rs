//! The everyday loop (issue 15) driven through the accessibility tree: the log form, This week,
//! the contact page and the Help menu.
#![cfg(feature = "gui")]

mod common;

use common::{Answers, click, contact_id, harness, press, sample, settle, write};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rapport::model::{ChannelId, Depth};

/// Item 1: the second Log form's Channel dropdown opened behind the form, so a pointer click on
/// a channel landed on the depth option underneath.
#[test]
fn the_channel_dropdown_opens_on_a_log_form_opened_a_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    let grace = contact_id(&h, "Grace Hopper");
    for round in 0..4 {
        // Open and cancel (with the keyboard, with the mouse, after opening the dropdown): the
        // state a second form meets.
        if round % 2 == 0 {
            press(&mut h, Modifiers::COMMAND, Key::L);
        } else {
            click(&mut h, "Log interaction...");
        }
        if round >= 2 {
            h.get_by_role_and_label(Role::ComboBox, "Channel").click();
            settle(&mut h);
            press(&mut h, Modifiers::NONE, Key::Escape);
        }
        if round == 3 {
            click(&mut h, "Cancel");
        } else {
            press(&mut h, Modifiers::NONE, Key::Escape);
        }
        assert!(
            h.query_by_role_and_label(Role::ComboBox, "Channel").is_none(),
            "round {round}: the form closed"
        );
        press(&mut h, Modifiers::COMMAND, Key::L);
        h.get_by_role_and_label(Role::ComboBox, "Channel").click();
        settle(&mut h);
        h.get_by_role_and_label(Role::Button, "Phone call (online)")
            .click();
        settle(&mut h);
        assert_eq!(
            h.get_by_role_and_label(Role::ComboBox, "Channel")
                .value()
                .as_deref(),
            Some("Phone call"),
            "round {round}: the pointer picked the channel"
        );
        press(&mut h, Modifiers::NONE, Key::Enter);
        let logged: Vec<_> = h.state().data().interactions_of(grace).cloned().collect();
        assert_eq!(logged.len(), round + 1, "round {round}: saved");
        for it in &logged {
            assert_eq!(it.channel, ChannelId(3), "round {round}");
            assert_eq!(it.depth, Depth::default(), "round {round}: depth untouched");
        }
    }
}
