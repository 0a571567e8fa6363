//! Cells a spreadsheet would run as a formula are made inert (OWASP CSV injection guidance):
//! a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
//! Every CSV Rapport writes passes its text cells through [`inert`].

use std::borrow::Cow;

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
