//! vCard 2.1, 3.0 and 4.0 in (through the calcard parser) and 3.0 or 4.0 out (through calcard's
//! writer, which escapes and folds lines at 75 octets).
//!
//! `lines` makes a card's bytes into UTF-8 text (unfolding, quoted-printable, charsets), `read`
//! turns calcard's cards into contacts, `write` turns contacts into cards.

mod lines;
mod read;
mod write;

pub(crate) use read::parse_bytes;
pub use write::to_vcard;

/// The vCard version written by [`to_vcard`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VcardVersion {
    /// RFC 2426; read by every address book.
    #[default]
    V3,
    /// RFC 6350.
    V4,
}
