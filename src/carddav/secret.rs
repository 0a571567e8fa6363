//! The account password in the system keyring (the `keyring` crate): macOS Keychain, Windows
//! Credential Manager, and on Linux the kernel's keyutils keyring (kept until the user logs
//! out or the machine restarts; no D-Bus library is needed). Never in the data file or a log.

const SERVICE: &str = "io.github.rapport.Rapport.carddav";

fn entry(url: &str, user: &str) -> Result<keyring::Entry, String> {
    keyring::Entry::new(SERVICE, &format!("{user}@{}", url.trim_end_matches('/')))
        .map_err(|e| format!("the system keyring cannot be used ({e})"))
}

/// The stored password for `user` at `url`.
pub fn get(url: &str, user: &str) -> Result<String, String> {
    entry(url, user)?.get_password().map_err(|e| match e {
        keyring::Error::NoEntry => format!(
            "no password for {user} at {url} in the system keyring; add the account in \
             Settings > Accounts, or set RAPPORT_CARDDAV_PASSWORD"
        ),
        e => format!("the system keyring cannot be read ({e}); set RAPPORT_CARDDAV_PASSWORD"),
    })
}

/// Stores the password for `user` at `url`.
pub fn set(url: &str, user: &str, password: &str) -> Result<(), String> {
    entry(url, user)?
        .set_password(password)
        .map_err(|e| match e {
            // keyutils without a session keyring (a container, a session not started by a login).
            keyring::Error::NoEntry => {
                "this session has no system keyring to keep it in (on Linux: no kernel session \
             keyring); give the password each time, or set RAPPORT_CARDDAV_PASSWORD"
                    .to_owned()
            }
            e => format!("the system keyring cannot store the password ({e})"),
        })
}
