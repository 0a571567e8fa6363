//! Reading WebDAV `multistatus` answers (RFC 4918, RFC 6352, RFC 6578) by local element names,
//! whatever prefixes the server chose. Linear in the size of the answer.

use quick_xml::Reader;
use quick_xml::events::Event;

/// One `response` of a multistatus: the resource and the properties its `200` propstat gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    pub href: String,
    /// The response-level status (`HTTP/1.1 404 Not Found` for a member removed since a sync
    /// token), when the response has one.
    pub status: Option<u16>,
    pub etag: Option<String>,
    pub address_data: Option<String>,
    /// `resourcetype` holds `addressbook`.
    pub is_addressbook: bool,
    /// `resourcetype` holds `collection`.
    pub is_collection: bool,
    pub current_user_principal: Option<String>,
    pub addressbook_home_set: Option<String>,
    pub sync_token: Option<String>,
    /// `supported-report-set` lists `sync-collection`.
    pub supports_sync: bool,
}

/// A parsed multistatus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Multistatus {
    pub responses: Vec<Response>,
    /// The top-level `sync-token` of a sync-collection report.
    pub sync_token: Option<String>,
}

/// The code in an HTTP status line (`HTTP/1.1 200 OK` -> 200).
fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Parses a multistatus; `Err` with a short reason when it is not well-formed XML or not a
/// multistatus.
pub fn parse(text: &str) -> Result<Multistatus, String> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut out = Multistatus::default();
    let mut saw_root = false;
    let mut current = Response::default();
    // Properties of the propstat being read, kept only when its status is 2xx.
    let mut pending = Response::default();
    let mut propstat_status: Option<u16> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("the answer is not valid XML ({e})"))?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if stack.is_empty() {
                    if name != "multistatus" {
                        return Err(format!("the answer is <{name}>, not a multistatus"));
                    }
                    saw_root = true;
                }
                match name.as_str() {
                    "response" => current = Response::default(),
                    "propstat" => {
                        pending = Response::default();
                        propstat_status = None;
                    }
                    _ => {}
                }
                stack.push(name);
                buf.clear();
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if stack.is_empty() {
                    return Err(format!("the answer is <{name}>, not a multistatus"));
                }
                let parent = stack.last().map(String::as_str);
                match (parent, name.as_str()) {
                    (Some("resourcetype"), "addressbook") => pending.is_addressbook = true,
                    (Some("resourcetype"), "collection") => pending.is_collection = true,
                    (Some("report"), "sync-collection") => pending.supports_sync = true,
                    _ => {}
                }
            }
            Event::Text(t) => {
                buf.push_str(&t.xml10_content().map_err(|e| format!("bad text ({e})"))?);
            }
            Event::CData(t) => {
                buf.push_str(&t.decode().map_err(|e| format!("bad text ({e})"))?);
            }
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    buf.push(c);
                } else {
                    let name = r.decode().map_err(|e| format!("bad entity ({e})"))?;
                    buf.push(match name.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(format!("unknown entity &{other};")),
                    });
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else {
                    return Err("an element closes that never opened".to_owned());
                };
                let parent = stack.last().map(String::as_str);
                let grand = stack.len().checked_sub(2).map(|i| stack[i].as_str());
                let text = buf.trim().to_owned();
                match (grand, parent, name.as_str()) {
                    (_, Some("response"), "href") => current.href = text,
                    (_, Some("response"), "status") => current.status = status_code(&text),
                    (_, Some("propstat"), "status") => propstat_status = status_code(&text),
                    (_, Some("prop"), "getetag") => pending.etag = Some(text),
                    (_, Some("prop"), "address-data") => {
                        // Keep the card's own text (line breaks matter), not trimmed.
                        pending.address_data = Some(buf.clone());
                    }
                    (_, Some("prop"), "sync-token") => pending.sync_token = Some(text),
                    (Some("prop"), Some("current-user-principal"), "href") => {
                        pending.current_user_principal = Some(text);
                    }
                    (Some("prop"), Some("addressbook-home-set"), "href") => {
                        pending.addressbook_home_set = Some(text);
                    }
                    (_, Some("multistatus"), "sync-token") => out.sync_token = Some(text),
                    (_, Some("response"), "propstat")
                        if propstat_status.is_some_and(|s| (200..300).contains(&s)) =>
                    {
                        let p = std::mem::take(&mut pending);
                        current.etag = p.etag.or(current.etag.take());
                        current.address_data = p.address_data.or(current.address_data.take());
                        current.is_addressbook |= p.is_addressbook;
                        current.is_collection |= p.is_collection;
                        current.supports_sync |= p.supports_sync;
                        current.current_user_principal = p
                            .current_user_principal
                            .or(current.current_user_principal.take());
                        current.addressbook_home_set = p
                            .addressbook_home_set
                            .or(current.addressbook_home_set.take());
                        current.sync_token = p.sync_token.or(current.sync_token.take());
                    }
                    (_, Some("multistatus"), "response") => {
                        out.responses.push(std::mem::take(&mut current));
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err("the answer is empty, not a multistatus".to_owned());
    }
    if !stack.is_empty() {
        return Err("the answer is cut off".to_owned());
    }
    Ok(out)
}

/// `text` with `&`, `<`, `>` and `"` escaped for an XML body.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_multiget_answer_with_any_prefixes() {
        let text = r#"<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
 <D:response><D:href>/ada/book/1.vcf</D:href>
  <D:propstat><D:prop><D:getetag>"e1"</D:getetag>
   <C:address-data>BEGIN:VCARD&#13;
FN:Ada &amp; Bob
END:VCARD&#13;
</C:address-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
 </D:response>
 <response xmlns="DAV:"><href>/ada/book/2.vcf</href><status>HTTP/1.1 404 Not Found</status></response>
 <D:sync-token>http://radicale/sync/7</D:sync-token>
</D:multistatus>"#;
        let m = parse(text).expect("valid");
        assert_eq!(m.responses.len(), 2);
        assert_eq!(m.responses[0].etag.as_deref(), Some("\"e1\""));
        let card = m.responses[0].address_data.as_deref().expect("a card");
        assert!(card.contains("FN:Ada & Bob\n"), "{card:?}");
        assert_eq!(m.responses[1].status, Some(404));
        assert_eq!(m.sync_token.as_deref(), Some("http://radicale/sync/7"));
    }

    #[test]
    fn properties_of_a_failed_propstat_are_left_out() {
        let text = r#"<multistatus xmlns="DAV:"><response><href>/x/</href>
<propstat><prop><resourcetype><collection/><addressbook xmlns="urn:ietf:params:xml:ns:carddav"/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat>
<propstat><prop><sync-token/></prop><status>HTTP/1.1 404 Not Found</status></propstat>
</response></multistatus>"#;
        let m = parse(text).expect("valid");
        assert!(m.responses[0].is_addressbook);
        assert!(m.responses[0].is_collection);
        assert_eq!(m.responses[0].sync_token, None);
    }

    #[test]
    fn nonsense_is_an_error_not_a_panic() {
        assert!(parse("<html><body>Welcome</body></html>").is_err());
        assert!(parse("").is_err());
        assert!(parse("<multistatus><response>").is_err());
        assert!(parse("</a>").is_err());
    }
}
