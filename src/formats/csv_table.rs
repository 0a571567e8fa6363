//! The reading both CSV importers share: find the header row after any preamble, then give each
//! row with its 1-based line, unreadable rows as skips and blank rows not at all.

use super::detect::{MAX_PREAMBLE_LINES, delimiter, header_fields};
use super::source::{ImportError, Skip};
use super::{Format, text};

/// A CSV table: its header names (trimmed, byte-order mark removed) and an iterator over its rows.
pub(crate) struct Table<'a> {
    pub headers: Vec<String>,
    text: &'a str,
    lines: Vec<(usize, &'a str)>,
    base: usize,
    records: csv::StringRecordsIntoIter<&'a [u8]>,
}

impl<'a> Table<'a> {
    /// Opens the table whose header row is the first of the first `MAX_PREAMBLE_LINES` lines
    /// whose fields satisfy `is_header`; `NotThisFormat` with `no_header` as the reason otherwise.
    pub fn open(
        text: &'a str,
        format: Format,
        is_header: impl Fn(&[String]) -> bool,
        no_header: impl FnOnce() -> String,
    ) -> Result<Self, ImportError> {
        let lines = text::lines(text);
        let header_at = lines
            .iter()
            .take(MAX_PREAMBLE_LINES)
            .position(|(_, l)| is_header(&header_fields(l)))
            .ok_or_else(|| ImportError::NotThisFormat {
                format,
                why: no_header(),
            })?;
        let (base, header_line) = lines[header_at];
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter(header_line))
            .flexible(true)
            .has_headers(true)
            .from_reader(&text.as_bytes()[base..]);
        let headers = reader
            .headers()
            .map_err(|e| ImportError::NotThisFormat {
                format,
                why: e.to_string(),
            })?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
            .collect();
        Ok(Self {
            headers,
            text,
            lines,
            base,
            records: reader.into_records(),
        })
    }

    fn line(&self, position: Option<&csv::Position>) -> usize {
        position.map_or(0, |p| {
            text::line_at(self.text, &self.lines, self.base as u64 + p.byte())
        })
    }
}

impl Iterator for Table<'_> {
    /// A row with its line, or the skip for a row that cannot be read.
    type Item = Result<(usize, csv::StringRecord), Skip>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.records.next()? {
                Err(e) => {
                    let line = self.line(e.position());
                    return Some(Err(Skip::new(line, format!("the row cannot be read: {e}"))));
                }
                Ok(record) => {
                    if record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Some(Ok((self.line(record.position()), record)));
                }
            }
        }
    }
}
