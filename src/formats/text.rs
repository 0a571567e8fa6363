//! Turning the bytes of an import source into text: BOMs, UTF-16, and Windows-1252 for files
//! that are not UTF-8 (Windows-1252 is a superset of the printable ISO-8859-1 characters).

use std::borrow::Cow;

/// Decodes a source to UTF-8 text without a BOM. Never fails: bytes that are not UTF-8 are read as
/// Windows-1252, which maps every byte to a character.
#[must_use]
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
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
}
