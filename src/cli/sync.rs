//! `rapport sync FILE --carddav URL [--user NAME]`: two-way contact sync with a CardDAV address
//! book. The password comes from `RAPPORT_CARDDAV_PASSWORD` or the system keyring. FILE changes
//! only when the whole sync succeeded (atomically, with the usual backup).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::carddav::{self, Account, Request};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file
    pub file: PathBuf,
    /// The CardDAV server, user principal or address book (https://...)
    #[arg(long, value_name = "URL")]
    pub carddav: String,
    /// The user name (default: the one the file's account was last synced with)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Allow plain http:// to a server other than this machine (the password then crosses the
    /// network unencrypted)
    #[arg(long)]
    pub allow_http: bool,
}

/// A usage error: one sentence on stderr, exit 2 (as clap's own).
fn usage(message: &str) -> ExitCode {
    eprintln!("rapport: {}", super::visible(message));
    ExitCode::from(2)
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    if let Err(e) = carddav::http::check_url(&args.carddav, args.allow_http) {
        return Ok(usage(&e));
    }
    let user = match &args.user {
        Some(u) if !u.trim().is_empty() => u.clone(),
        _ => match crate::store::load(&args.file)
            .ok()
            .and_then(|d| Account::from_extra(&d.extra))
            .filter(|a| carddav::state::same_url(&a.url, &args.carddav))
            .map(|a| a.user)
        {
            Some(u) => u,
            None => {
                return Ok(usage(&format!(
                    "{}: no user for {}; give one with --user NAME",
                    args.file.display(),
                    args.carddav
                )));
            }
        },
    };
    let password = carddav::password_for(&args.carddav, &user)?;
    let req = Request {
        url: args.carddav.clone(),
        user,
        password,
        allow_http: args.allow_http,
    };
    let report = carddav::sync_file(&args.file, &req)
        .map_err(|e| format!("{e}; {} was not changed", args.file.display()))?;
    println!("{}", report.summary());
    print!("{report}");
    println!("synced {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}
