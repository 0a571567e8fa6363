//! The CardDAV conversation: finding the address book (RFC 6764 well-known URL, RFC 5397
//! current-user-principal, RFC 6352 addressbook-home-set), listing its cards (PROPFIND getetag
//! or an RFC 6578 sync-collection report), reading them (addressbook-multiget) and writing them
//! (PUT with If-Match / If-None-Match, DELETE with If-Match).

use super::http::{Answer, Client, path_of, resolve};
use super::xml::{self, Multistatus, escape};

const PROPFIND_DISCOVER: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">
  <d:prop><d:resourcetype/><d:current-user-principal/><c:addressbook-home-set/></d:prop>
</d:propfind>"#;

const PROPFIND_BOOK: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:sync-token/><d:supported-report-set/></d:prop></d:propfind>"#;

const PROPFIND_ETAGS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>"#;

/// What a step of the conversation failed on: one sentence.
pub type DavResult<T> = Result<T, String>;

/// A card on the server: its href (a path) and ETag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub href: String,
    pub etag: String,
}

/// What changed since a sync token.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub changed: Vec<Member>,
    pub removed: Vec<String>,
    pub token: Option<String>,
}

fn status_error(what: &str, url: &str, a: &Answer) -> String {
    match a.status {
        401 => format!("{url}: the server refused the user name or password (401)"),
        403 => format!("{url}: the server does not allow this account to {what} (403)"),
        404 => format!("{url}: there is nothing at this address (404)"),
        s => format!("{url}: the server answered {s} when asked to {what}"),
    }
}

fn multistatus(what: &str, url: &str, a: &Answer) -> DavResult<Multistatus> {
    if a.status != 207 {
        return Err(status_error(what, url, a));
    }
    xml::parse(&a.body).map_err(|e| format!("{url}: {e}"))
}

/// PROPFIND that follows redirects (the well-known URL answers with one), each checked.
fn propfind(client: &Client, url: &str, depth: &str, body: &str) -> DavResult<(String, Answer)> {
    let mut url = url.to_owned();
    for _ in 0..5 {
        let a = client.send(
            "PROPFIND",
            &url,
            &[
                ("Depth", depth),
                ("Content-Type", "application/xml; charset=utf-8"),
            ],
            Some(body),
        )?;
        match (a.status, &a.location) {
            (301 | 302 | 303 | 307 | 308, Some(loc)) => url = resolve(&url, loc)?,
            _ => return Ok((url, a)),
        }
    }
    Err(format!("{url}: the server redirects in circles"))
}

/// The address book for `url`: `url` itself when it is one; else the first address book of
/// the user's home set, found through the current user's principal (trying `url`, then the
/// server's `/.well-known/carddav`).
pub fn discover(client: &Client, url: &str) -> DavResult<String> {
    let mut tried = Vec::new();
    let (origin, _) = super::http::split_url(url)?;
    for start in [url.to_owned(), format!("{origin}/.well-known/carddav")] {
        match discover_from(client, &start) {
            Ok(Some(book)) => return Ok(book),
            Ok(None) => tried.push(start),
            // A refused password is the answer whatever is tried next.
            Err(e) if e.contains("(401)") => return Err(e),
            Err(e) => tried.push(format!("{start} ({e})")),
        }
    }
    Err(format!(
        "{url}: no address book was found (tried {})",
        tried.join("; ")
    ))
}

fn discover_from(client: &Client, start: &str) -> DavResult<Option<String>> {
    let (at, a) = propfind(client, start, "0", PROPFIND_DISCOVER)?;
    let m = multistatus("describe itself", &at, &a)?;
    let Some(r) = m.responses.first() else {
        return Ok(None);
    };
    if r.is_addressbook {
        return Ok(Some(at));
    }
    let home = match &r.addressbook_home_set {
        Some(h) => h.clone(),
        None => {
            let Some(principal) = &r.current_user_principal else {
                return Ok(None);
            };
            let url = resolve(&at, principal)?;
            let (at2, a) = propfind(client, &url, "0", PROPFIND_DISCOVER)?;
            let m = multistatus("describe the user", &at2, &a)?;
            match m
                .responses
                .first()
                .and_then(|r| r.addressbook_home_set.clone())
            {
                Some(h) => h,
                None => return Ok(None),
            }
        }
    };
    let home = resolve(&at, &home)?;
    let (at3, a) = propfind(client, &home, "1", PROPFIND_DISCOVER)?;
    let m = multistatus("list the address books", &at3, &a)?;
    let mut books: Vec<&str> = m
        .responses
        .iter()
        .filter(|r| r.is_addressbook)
        .map(|r| r.href.as_str())
        .collect();
    books.sort_unstable();
    match books.first() {
        Some(b) => Ok(Some(resolve(&at3, b)?)),
        None => Err(format!("{home}: this account has no address book")),
    }
}

/// The address book's current sync token and whether it offers sync-collection.
pub fn book_token(client: &Client, book: &str) -> DavResult<Option<String>> {
    let a = client.send(
        "PROPFIND",
        book,
        &[
            ("Depth", "0"),
            ("Content-Type", "application/xml; charset=utf-8"),
        ],
        Some(PROPFIND_BOOK),
    )?;
    let m = multistatus("describe the address book", book, &a)?;
    let Some(r) = m.responses.first() else {
        return Err(format!("{book}: the server described nothing"));
    };
    if !r.is_addressbook {
        return Err(format!("{book}: this is not an address book"));
    }
    // A server that gives a sync token offers sync-collection (RFC 6578 section 4).
    Ok(r.sync_token.clone())
}

/// Every card in the address book with its ETag.
pub fn list(client: &Client, book: &str) -> DavResult<Vec<Member>> {
    let a = client.send(
        "PROPFIND",
        book,
        &[
            ("Depth", "1"),
            ("Content-Type", "application/xml; charset=utf-8"),
        ],
        Some(PROPFIND_ETAGS),
    )?;
    let m = multistatus("list the cards", book, &a)?;
    let own = path_of(book);
    Ok(m.responses
        .into_iter()
        .filter(|r| !r.is_collection && r.href.trim_end_matches('/') != own.trim_end_matches('/'))
        .filter_map(|r| {
            Some(Member {
                etag: r.etag?,
                href: r.href,
            })
        })
        .collect())
}

/// What changed since `token` (RFC 6578); `Ok(None)` when the server no longer accepts the
/// token (the caller lists everything instead).
pub fn changes_since(client: &Client, book: &str, token: &str) -> DavResult<Option<Changes>> {
    let mut all = Changes::default();
    let mut token = token.to_owned();
    // A server may answer in parts (RFC 6578 3.6: a 507 for the collection itself means "ask
    // again from the token given"); a bounded number of rounds.
    for _ in 0..1000 {
        let Some((part, more)) = changes_part(client, book, &token)? else {
            return Ok(None);
        };
        all.changed.extend(part.changed);
        all.removed.extend(part.removed);
        all.token.clone_from(&part.token);
        if !more {
            return Ok(Some(all));
        }
        token = part.token.unwrap_or_default();
    }
    Err(format!("{book}: the change report never ends"))
}

fn changes_part(client: &Client, book: &str, token: &str) -> DavResult<Option<(Changes, bool)>> {
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<d:sync-collection xmlns:d="DAV:"><d:sync-token>{}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"#,
        escape(token)
    );
    let a = client.send(
        "REPORT",
        book,
        &[
            ("Depth", "1"),
            ("Content-Type", "application/xml; charset=utf-8"),
        ],
        Some(&body),
    )?;
    if matches!(a.status, 403 | 409 | 412) && a.body.contains("valid-sync-token") {
        return Ok(None);
    }
    let m = multistatus("report changes", book, &a)?;
    let own = path_of(book);
    let mut out = Changes {
        token: m.sync_token,
        ..Changes::default()
    };
    let mut more = false;
    for r in m.responses {
        if r.href.trim_end_matches('/') == own.trim_end_matches('/') {
            more |= r.status == Some(507);
            continue;
        }
        match (r.status, r.etag) {
            (Some(404), _) => out.removed.push(r.href),
            (_, Some(etag)) => out.changed.push(Member { href: r.href, etag }),
            _ => {}
        }
    }
    if out.token.is_none() {
        return Err(format!("{book}: the change report carries no sync token"));
    }
    Ok(Some((out, more)))
}

/// The cards at `hrefs` (href -> (etag, text)), a few hundred per request; a card gone since
/// it was listed is left out.
pub fn fetch(
    client: &Client,
    book: &str,
    hrefs: &[String],
) -> DavResult<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for chunk in hrefs.chunks(250) {
        let mut body = String::from(
            r#"<?xml version="1.0" encoding="utf-8"?>
<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop>"#,
        );
        for h in chunk {
            body.push_str("<d:href>");
            body.push_str(&escape(h));
            body.push_str("</d:href>");
        }
        body.push_str("</c:addressbook-multiget>");
        let a = client.send(
            "REPORT",
            book,
            &[
                ("Depth", "1"),
                ("Content-Type", "application/xml; charset=utf-8"),
            ],
            Some(&body),
        )?;
        let m = multistatus("send the cards", book, &a)?;
        for r in m.responses {
            if let (Some(etag), Some(data)) = (r.etag, r.address_data) {
                out.push((r.href, etag, data));
            }
        }
    }
    Ok(out)
}

/// One card by GET: `Ok(None)` when it is gone.
pub fn get(client: &Client, url: &str) -> DavResult<Option<(String, String)>> {
    let a = client.send("GET", url, &[], None)?;
    match a.status {
        200 => Ok(Some((a.etag.unwrap_or_default(), a.body))),
        404 | 410 => Ok(None),
        _ => Err(status_error("send a card", url, &a)),
    }
}

/// What a conditional write found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// Written; the new ETag when the server said it.
    Done(Option<String>),
    /// The card changed on the server since it was read (412), or (for a create) exists.
    Changed,
    /// The card is gone (a delete found nothing: as good as done).
    Gone,
}

/// PUT a card: `If-Match: etag`, or `If-None-Match: *` when `etag` is `None` (a new card).
pub fn put(client: &Client, url: &str, card: &str, etag: Option<&str>) -> DavResult<Written> {
    let cond = match etag {
        Some(e) => ("If-Match", e),
        None => ("If-None-Match", "*"),
    };
    let a = client.send(
        "PUT",
        url,
        &[cond, ("Content-Type", "text/vcard; charset=utf-8")],
        Some(card),
    )?;
    match a.status {
        200..=299 => Ok(Written::Done(a.etag)),
        412 => Ok(Written::Changed),
        404 if etag.is_some() => Ok(Written::Gone),
        _ => Err(status_error("store a card", url, &a)),
    }
}

/// DELETE a card with `If-Match: etag`.
pub fn delete(client: &Client, url: &str, etag: &str) -> DavResult<Written> {
    let a = client.send("DELETE", url, &[("If-Match", etag)], None)?;
    match a.status {
        200..=299 => Ok(Written::Done(None)),
        404 | 410 => Ok(Written::Gone),
        412 => Ok(Written::Changed),
        _ => Err(status_error("delete a card", url, &a)),
    }
}
