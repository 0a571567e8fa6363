//! Settings > Accounts: the CardDAV account this data file syncs its contacts with (server,
//! user, password into the system keyring) and Sync now. The sync itself runs on a background
//! job (`app/carddav_sync.rs`); this form only collects and checks what it needs.

use eframe::egui::{self, Key, Modifiers, RichText};

use crate::app::commands::Command;
use crate::app::theme;
use crate::carddav::{self, Account};

/// What is being typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountForm {
    pub url: String,
    pub user: String,
    /// Empty: the one in the keyring (or `RAPPORT_CARDDAV_PASSWORD`).
    pub password: String,
    pub allow_http: bool,
    /// Why the form cannot be used as it is (shown under it).
    pub problem: Option<String>,
}

impl AccountForm {
    /// The form for the file's account, if it has one.
    #[must_use]
    pub fn new(account: Option<&Account>) -> Self {
        match account {
            Some(a) => Self {
                url: a.url.clone(),
                user: a.user.clone(),
                allow_http: a.allow_http,
                ..Self::default()
            },
            None => Self::default(),
        }
    }

    /// Checks the form: `Ok` with the request to sync, or the sentence saying what to fix.
    pub fn request(&self) -> Result<carddav::Request, String> {
        let url = self.url.trim();
        if url.is_empty() {
            return Err("Give the address of the CardDAV server (https://...).".to_owned());
        }
        carddav::http::check_url(url, self.allow_http).map_err(|e| crate::app::capitalise(&e))?;
        if self.user.trim().is_empty() {
            return Err("Give the user name for this server.".to_owned());
        }
        Ok(carddav::Request {
            url: url.to_owned(),
            user: self.user.trim().to_owned(),
            password: self.password.clone(),
            allow_http: self.allow_http,
        })
    }
}

/// What the form shows about the running or last sync.
pub struct AccountStatus<'a> {
    pub account: Option<&'a Account>,
    pub syncing: bool,
    /// The last sync's result or error in this session.
    pub last: Option<&'a str>,
}

fn field(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str, password: bool) {
    ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 20.0], egui::Label::new(label));
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .password(password)
                .desired_width(340.0),
        )
        .labelled_by(l.id);
    });
}

pub fn accounts_ui(
    ctx: &egui::Context,
    form: &mut AccountForm,
    status: &AccountStatus<'_>,
    cmds: &mut Vec<Command>,
) {
    let r = egui::Modal::new(egui::Id::unique("accounts-dialog")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading("Accounts");
        ui.add(
            egui::Label::new(
                RichText::new(
                    "Sync this file's contacts both ways with a CardDAV address book \
                     (Nextcloud, Radicale, Fastmail, iCloud). Interactions stay in the file. \
                     The password is kept in the system keyring, never in the file.",
                )
                .color(theme::weak_text(ui.visuals())),
            )
            .wrap(),
        );
        ui.add_space(theme::GAP_M);
        ui.add_enabled_ui(!status.syncing, |ui| {
            field(
                ui,
                "Server",
                &mut form.url,
                "https://cloud.example.com/",
                false,
            );
            field(ui, "User name", &mut form.user, "", false);
            field(
                ui,
                "Password",
                &mut form.password,
                "kept in the keyring; leave empty to use the one kept",
                true,
            );
            ui.checkbox(
                &mut form.allow_http,
                "Allow plain HTTP to another computer (the password is sent unencrypted)",
            );
        });
        if let Some(p) = &form.problem {
            ui.add(
                egui::Label::new(RichText::new(p).color(theme::error_text(ui.visuals()))).wrap(),
            );
        }
        ui.add_space(theme::GAP_S);
        if status.syncing {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Syncing...");
            });
        } else if let Some(last) = status.last {
            ui.add(egui::Label::new(last).wrap());
        } else if let Some(a) = status.account {
            let when = a.last_sync.map_or_else(
                || "never synced".to_owned(),
                |t| {
                    format!(
                        "last synced {}",
                        t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
                    )
                },
            );
            ui.label(format!("{} contacts linked, {when}", a.cards.len()));
        }
        ui.add_space(theme::GAP_S);
        ui.horizontal(|ui| {
            let sync = ui.add_enabled(!status.syncing, egui::Button::new("Sync now"));
            if sync.clicked() {
                match form.request() {
                    Ok(req) => {
                        form.problem = None;
                        cmds.push(Command::SyncCarddav(Box::new(req)));
                    }
                    Err(why) => form.problem = Some(why),
                }
            }
            if ui.button("Close").clicked() {
                cmds.push(Command::CloseModal);
            }
        });
    });
    if r.should_close() || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        cmds.push(Command::CloseModal);
    }
}
