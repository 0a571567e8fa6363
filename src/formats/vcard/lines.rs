//! A card's bytes made into UTF-8 text, property by property: lines unfolded, quoted-printable
//! decoded, each value decoded by its declared or guessed charset.

use std::borrow::Cow;

use crate::formats::text;

/// Splits bytes into lines at CRLF, LF or CR CR LF; a lone CR ends a line only in a file with no
/// LF at all (old Mac files): elsewhere it is part of the value it is in.
pub(super) fn byte_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let cr_ends = !bytes.contains(&b'\n');
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&bytes[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                let mut j = i;
                while bytes.get(j) == Some(&b'\r') {
                    j += 1;
                }
                if bytes.get(j) == Some(&b'\n') {
                    out.push(&bytes[start..i]);
                    i = j + 1;
                    start = i;
                } else if cr_ends {
                    out.push(&bytes[start..i]);
                    i = j;
                    start = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(&bytes[start..]);
    }
    out
}

/// Splits at `sep` outside double quotes.
fn split_unquoted(bytes: &[u8], sep: u8) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            out.push(&bytes[start..i]);
            start = i + 1;
        }
    }
    out.push(&bytes[start..]);
    out
}

/// The position of the first `:` outside double quotes.
fn colon(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether a property's parameters say quoted-printable (`ENCODING=QUOTED-PRINTABLE` or 2.1's
/// bare `QUOTED-PRINTABLE`).
fn is_qp(head: &[u8]) -> bool {
    split_unquoted(head, b';').iter().skip(1).any(|p| {
        let p = p.trim_ascii();
        let value = p
            .iter()
            .position(|&b| b == b'=')
            .map_or(p, |eq| &p[eq + 1..]);
        value.eq_ignore_ascii_case(b"quoted-printable")
    })
}

/// Decodes quoted-printable (`=XX`); an `=` not followed by two hex digits stays.
fn qp_decode(value: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        if value[i] == b'='
            && let (Some(h), Some(l)) = (
                value.get(i + 1).copied().and_then(hex),
                value.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(value[i]);
            i += 1;
        }
    }
    out
}

/// One property of a card on its way to UTF-8.
struct RawProperty {
    /// Group, name and the parameters kept, as written (ASCII).
    head: String,
    value: Vec<u8>,
    charset: Option<&'static encoding_rs::Encoding>,
    /// The value was quoted-printable (now decoded): its line breaks must be escaped.
    qp: bool,
}

/// Joins a card's lines into properties (unfolding, quoted-printable soft breaks) as bytes.
fn logical_lines(lines: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut qp = false;
    for &line in lines {
        let continues_qp = qp && out.last().is_some_and(|l| l.last() == Some(&b'='));
        if continues_qp {
            if let Some(last) = out.last_mut() {
                last.pop();
                // A writer that also folds the continuation indents it: the indent is dropped
                // when an encoded byte follows (`=E5=` then ` =BA=A7`), else it is a space.
                let folded = matches!(line.first(), Some(b' ' | b'\t'))
                    && line.get(1) == Some(&b'=')
                    && line
                        .get(2..4)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                last.extend_from_slice(if folded { &line[1..] } else { line });
            }
        } else if matches!(line.first(), Some(b' ' | b'\t')) && !out.is_empty() {
            if let Some(last) = out.last_mut() {
                last.extend_from_slice(&line[1..]);
            }
        } else if line.trim_ascii().is_empty() {
            qp = false;
        } else {
            qp = colon(line).is_some_and(|c| is_qp(&line[..c]));
            out.push(line.to_vec());
        }
    }
    out
}

fn raw_property(line: &[u8]) -> Option<RawProperty> {
    let c = colon(line)?;
    let parts = split_unquoted(&line[..c], b';');
    let mut head = String::from_utf8_lossy(parts[0].trim_ascii()).into_owned();
    let mut charset = None;
    let mut qp = false;
    for p in &parts[1..] {
        let p = p.trim_ascii();
        let text = String::from_utf8_lossy(p);
        let (name, value) = text.split_once('=').unwrap_or(("", &text));
        let (name, value) = (name.trim(), value.trim());
        if value.eq_ignore_ascii_case("quoted-printable") {
            qp = true;
        } else if name.eq_ignore_ascii_case("charset") {
            charset = text::charset(value);
        } else if name.is_empty() && value.eq_ignore_ascii_case("base64") {
            head.push_str(";ENCODING=BASE64");
        } else if name.is_empty()
            && !value.bytes().all(|b| b.is_ascii_alphabetic())
            && let Some(enc) = text::charset(value)
        {
            // 2.1's bare charset (`N;UTF-8:...`).
            charset = Some(enc);
        } else {
            head.push(';');
            head.push_str(&text);
        }
    }
    let raw = &line[c + 1..];
    Some(RawProperty {
        head,
        value: if qp { qp_decode(raw) } else { raw.to_vec() },
        charset,
        qp,
    })
}

/// A card's lines as UTF-8 text for calcard, each property decoded by its own charset.
pub(super) fn card_text(lines: &[&[u8]]) -> String {
    let logical = logical_lines(lines);
    let props: Vec<Result<RawProperty, &Vec<u8>>> =
        logical.iter().map(|l| raw_property(l).ok_or(l)).collect();
    // The detector's guess for the values that declare no charset and are not UTF-8.
    let mut undeclared = Vec::new();
    for p in props.iter().flatten() {
        if p.charset.is_none() && std::str::from_utf8(&p.value).is_err() {
            undeclared.extend_from_slice(&p.value);
            undeclared.push(b'\n');
        }
    }
    let guessed = (!undeclared.is_empty()).then(|| text::guess(&undeclared));
    let mut out = String::new();
    for p in &props {
        match p {
            Ok(p) => {
                let value = match (p.charset, std::str::from_utf8(&p.value)) {
                    (Some(enc), _) => enc.decode_without_bom_handling(&p.value).0,
                    (None, Ok(s)) => Cow::Borrowed(s),
                    (None, Err(_)) => {
                        guessed
                            .unwrap_or(encoding_rs::WINDOWS_1252)
                            .decode_without_bom_handling(&p.value)
                            .0
                    }
                };
                out.push_str(&p.head);
                out.push(':');
                if p.qp || value.contains('\r') {
                    // Line breaks in a value are escaped (a bare CR is one too).
                    let v = value.replace("\r\n", "\n").replace('\r', "\n");
                    out.push_str(&v.replace('\n', "\\n"));
                } else {
                    out.push_str(&value);
                }
            }
            Err(line) => out.push_str(&text::decode_guess(line)),
        }
        out.push_str("\r\n");
    }
    out
}
