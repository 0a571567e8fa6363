//! Turning the bytes of an import source into text: BOMs, UTF-16 with or without a BOM, UTF-8,
//! and for anything else the encoding `chardetng` (Firefox's detector) finds: Windows-125x,
//! ISO-8859-x, Shift-JIS, EUC-JP, GBK, Big5, EUC-KR ...

use std::borrow::Cow;

use encoding_rs::Encoding;

/// Decodes a source to UTF-8 text without a BOM. Never fails: a BOM decides; else UTF-16 without
/// a BOM is recognised by its zero bytes; else valid UTF-8 is UTF-8; else the detector decides
/// (every byte maps to some character).
#[must_use]
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    decode_guess(bytes)
}

/// The bytes as UTF-8 if they carry a UTF-16 BOM or are UTF-16 without one; else as they are
/// (without a UTF-8 BOM), for readers that decode piece by piece (vCard: per property).
#[must_use]
pub fn unicode_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) if encoding == encoding_rs::UTF_8 => {
            Cow::Borrowed(&bytes[bom_len..])
        }
        Some((encoding, bom_len)) => Cow::Owned(
            encoding
                .decode_without_bom_handling(&bytes[bom_len..])
                .0
                .into_owned()
                .into_bytes(),
        ),
        None => match utf16_without_bom(bytes) {
            Some(encoding) => Cow::Owned(
                encoding
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned()
                    .into_bytes(),
            ),
            None => Cow::Borrowed(bytes),
        },
    }
}

/// UTF-16 without a byte-order mark, told by its zero bytes: text that is mostly ASCII has a
/// zero in every other byte (the high byte: odd positions for little endian, even for big).
#[must_use]
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // At least two in five characters ASCII, and no zero bytes on the other side.
    if odd * 5 >= pairs * 2 && even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 5 >= pairs * 2 && odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 when the bytes are valid UTF-8; else decoded as the encoding the detector finds.
#[must_use]
pub fn decode_guess(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => guess(bytes).decode_without_bom_handling(bytes).0,
    }
}

/// The legacy encoding `bytes` are most likely in (never UTF-8).
#[must_use]
pub fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, false)
}

/// The encoding a vCard `CHARSET` parameter names (WHATWG labels: `UTF-8`, `ISO-8859-1`,
/// `Shift_JIS`, `GBK`, `Big5` ...).
#[must_use]
pub fn charset(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches('"').as_bytes())
}

/// Replaces C1 control characters (U+0080-U+009F), which appear when Windows-1252 text was
/// decoded as ISO-8859-1, by the characters Windows-1252 means (`Reid\u{92}s` becomes `Reid’s`).
#[must_use]
pub fn fix_c1(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{80}'..='\u{9f}').contains(&c) {
            let byte = [c as u8];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            out.push_str(&decoded);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Splits text into lines at CRLF, LF or a lone CR, with each line's starting byte offset. A
/// line end at the very end adds no empty line.
#[must_use]
pub fn lines(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, &text[start..i]));
                i += 1;
                start = i;
            }
            b'\r' => {
                // Some exporters write CR CR LF; it is one line end.
                out.push((start, &text[start..i]));
                while bytes.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// The 1-based line number of the record starting at byte `offset` of `text`, given the output
/// of [`lines`]. Line-end bytes at the offset (the CSV reader reports a record after CRLF from
/// its LF) are skipped.
#[must_use]
pub fn line_at(text: &str, lines: &[(usize, &str)], offset: u64) -> usize {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    lines.partition_point(|(start, _)| *start <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_every_line_end() {
        let got: Vec<_> = lines("a\r\nb\nc\rd").into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        let got: Vec<_> = lines("a\r\r\nb").into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, ["a", "b"]);
        assert_eq!(lines("a\n\nb\n"), [(0, "a"), (2, ""), (3, "b")]);
    }

    #[test]
    fn decoding_handles_bom_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFName"), "Name");
        assert_eq!(decode(b"\xFF\xFEN\0a\0"), "Na");
        assert_eq!(decode(b"Reid\x92s caf\xe9"), "Reid\u{2019}s caf\u{e9}");
        assert_eq!(fix_c1("Reid\u{92}s"), "Reid\u{2019}s");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_in_both_byte_orders() {
        let text = "BEGIN:VCARD\r\nFN:Zoë Brandt\r\nEND:VCARD\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le), text);
        assert_eq!(decode(&be), text);
        assert_eq!(&*unicode_bytes(&be), text.as_bytes());
        assert!(utf16_without_bom(b"plain ASCII text here").is_none());
    }
}
