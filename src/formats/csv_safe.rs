//! Cells a spreadsheet would run as a formula are made inert (OWASP CSV injection guidance):
//! a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
//! The `stats` and `due` reports always do; contacts and interactions exports do when asked for
//! spreadsheet-safe output ([`CsvCells`]), since the `'` travels into other address books.

use std::borrow::Cow;

/// How the text cells of a contacts or interactions CSV export are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvCells {
    /// Each value as it is (`+44 20 7946 0000`): for other address books and programs, which
    /// would keep an apostrophe as part of the value. `rapport export`'s default.
    #[default]
    Plain,
    /// Cells a spreadsheet would run as a formula (a phone number starting with `+` among them)
    /// get a leading `'` ([`inert`]): for a file opened in a spreadsheet. The app's default, and
    /// `rapport export --spreadsheet-safe`.
    SpreadsheetSafe,
}

impl CsvCells {
    /// The cell as written.
    #[must_use]
    pub fn cell(self, cell: &str) -> Cow<'_, str> {
        match self {
            CsvCells::Plain => Cow::Borrowed(cell),
            CsvCells::SpreadsheetSafe => inert(cell),
        }
    }
}

/// The cell as written to a CSV file: unchanged unless a spreadsheet would treat it as a formula.
#[must_use]
pub fn inert(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The cell as it was before [`inert`]: a `'` followed by a formula character is removed, so a
/// file Rapport wrote reads back the same. Other cells are unchanged.
#[must_use]
pub fn restore(cell: &str) -> &str {
    match cell.as_bytes() {
        [b'\'', b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..] => &cell[1..],
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{inert, restore};

    #[test]
    fn restore_undoes_inert() {
        for s in ["=1+1", "+31 6", "-2", "@x", "Ada", "'quoted", ""] {
            assert_eq!(restore(&inert(s)), s);
        }
    }

    #[test]
    fn formula_starts_are_neutralised_and_plain_text_is_not() {
        for bad in ["=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(bad), format!("'{bad}"));
        }
        for good in ["Ada", "", "3", "a=b", " =x"] {
            assert_eq!(inert(good), good);
        }
    }
}
