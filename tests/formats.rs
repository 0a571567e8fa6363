//! Import and export: every sample file, the round trip, merge and dedupe rules, the
//! interactions CSV, Rapport-file merges, CSV injection and arbitrary bytes.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]
#![expect(
    clippy::assigning_clones,
    reason = "test data reads better as plain assignments"
)]
#![expect(
    clippy::unnecessary_wraps,
    reason = "bday() builds the Option the contacts hold"
)]

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::formats::{
    self, Change, DuplicateReason, Format, ImportChoices, ImportPlan, MatchKind, Parsed, Row,
    VcardVersion,
};
use rapport::model::{Birthday, ChannelId, Contact, Dataset, Edit, Interaction, Labeled, Mode};
use rapport::store::{self, Document};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn read(rel: &str) -> Parsed {
    formats::read_source(&fixture(rel), None).unwrap_or_else(|e| panic!("{e}"))
}

fn named<'a>(p: &'a Parsed, name: &str) -> &'a Contact {
    p.contacts
        .iter()
        .map(|i| &i.contact)
        .find(|c| c.display_name == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = p.contacts.iter().map(|c| &c.contact.display_name).collect();
            panic!("no contact named {name:?} in {names:?}")
        })
}

fn values(list: &[Labeled]) -> Vec<&str> {
    list.iter().map(|l| l.value.as_str()).collect()
}

fn bday(year: Option<i32>, month: u32, day: u32) -> Option<Birthday> {
    Some(Birthday { year, month, day })
}

/// Checks a contact's name, emails, phones (all, in order), organisation and birthday.
#[track_caller]
fn check(c: &Contact, emails: &[&str], phones: &[&str], org: &str, birthday: Option<Birthday>) {
    assert_eq!(values(&c.emails), emails, "emails of {}", c.display_name);
    assert_eq!(values(&c.phones), phones, "phones of {}", c.display_name);
    assert_eq!(c.organization, org, "organisation of {}", c.display_name);
    assert_eq!(c.birthday, birthday, "birthday of {}", c.display_name);
}

// ---- vCard samples ------------------------------------------------------------------------

#[test]
fn calcard_009_android_21_with_raw_utf8_and_odd_qp_breaks() {
    let p = read("vcard/calcard_009.vcf");
    assert_eq!(p.format(), Format::Vcard);
    assert_eq!(p.contacts.len(), 10);
    let m = named(&p, "Mäx Mustermann");
    check(m, &["max@mustermann.de"], &["+49123456789"], "", None);
    assert_eq!(
        (m.given_name.as_str(), m.family_name.as_str()),
        ("Mäx", "Mustermann")
    );
    assert_eq!(m.phones[0].label, "mobile");
    // QP soft breaks that split a UTF-8 sequence still decode.
    named(&p, "гор ЗаорсЁкі xyz і");
    check(named(&p, "Only FN"), &["test-x@email.com"], &[], "", None);
    check(named(&p, "N Only"), &["test-x@email.com"], &[], "", None);
    let x = named(&p, "XXXXXXXXXX");
    assert_eq!(x.role, "XXXXXXXXXXXXX");
    assert!(x.notes.contains("€ ##,##"));
}

#[test]
fn calcard_010_windows_1252_qp_without_charset() {
    let p = read("vcard/calcard_010.vcf");
    let c = named(&p, "Firstnamer Test");
    check(c, &[], &["+15554441234"], "", None);
    assert!(c.notes.contains("Reid\u{2019}s place"), "{}", c.notes);
    assert!(
        addr(c).contains("Address (home): 50 R Ave, Bergen, New Jersey"),
        "{}",
        addr(c)
    );
}

#[test]
fn calcard_018_grouped_org() {
    let p = read("vcard/calcard_018.vcf");
    check(named(&p, "labeled guy"), &[], &[], "Test Inc", None);
}

#[test]
fn calcard_051_nextcloud_quoted_types_and_datetime_birthday() {
    let p = read("vcard/calcard_051.vcf");
    let c = named(&p, "First Last NextCloud");
    check(
        c,
        &["home@gmx.de", "work@gmx.de"],
        &["11111111", "205333", "205246;;,;", "222222"],
        "Firma",
        bday(Some(2019), 2, 10),
    );
    assert_eq!(c.phones[0].label, "home");
    assert_eq!(c.emails[1].label, "work");
    assert_eq!(c.tags, ["Test-Kontakte"]);
}

#[test]
fn calcard_060_iso_8859_1_qp_without_fn() {
    let p = read("vcard/calcard_060.vcf");
    assert_eq!(p.contacts.len(), 1);
    let c = &p.contacts[0].contact;
    assert_eq!(c.display_name, "Ny_full Middle Family");
    check(
        c,
        &["email@email.com", "work@work.com"],
        &["0123456789"],
        "",
        None,
    );
    assert!(c.extra["vcard"].to_string().contains("Workvägen"));
}

#[test]
fn calcard_077_macos_item_groups_and_empty_n() {
    let p = read("vcard/calcard_077.vcf");
    let c = named(&p, "{NAME}");
    check(c, &["name@example.com"], &[], "{NAME}", None);
    assert_eq!(c.emails[0].label, "E-Mail");
    assert_eq!(c.links[0].label, "homepage");
}

#[test]
fn calcard_rfc_every_rfc6350_example() {
    let p = read("vcard/calcard_rfc.vcf");
    assert_eq!(p.contacts.len(), 7);
    let groups: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
    assert_eq!(groups, [101, 115], "KIND:group cards are lists, not people");
    assert!(p.skipped[0].reason.contains("group"));
    let first = &p.contacts[0].contact;
    check(
        first,
        &["jqpublic@xyz.example.com", "jdoe@example.com"],
        &[
            "+1-555-555-5555;ext=5555",
            "+33-01-23-45-67",
            "+1-555-555-5555",
        ],
        "ABC, Inc.",
        bday(Some(1953), 10, 15),
    );
    assert!(
        first.notes.contains("Birthday: circa 1800"),
        "a text birthday is kept in the notes"
    );
    check(
        named(&p, "Simon Perreault"),
        &["simon.perreault@viagenie.ca"],
        &["+1-418-656-9254;ext=102", "+1-418-262-6501"],
        "Viagenie",
        bday(None, 2, 3),
    );
    // Cards without N or FN are named by their email.
    check(
        named(&p, "john@example.com"),
        &["john@example.com"],
        &[],
        "",
        None,
    );
}

#[test]
fn ezvcard_android_21_qp_several_cards_some_without_names() {
    let p = read("vcard/ezvcard_John_Doe_ANDROID.vcf");
    assert_eq!(p.contacts.len(), 6);
    check(
        named(&p, "john.doe@company.com"),
        &["john.doe@company.com"],
        &[],
        "",
        None,
    );
    check(named(&p, "Ñ Ñ Ñ Ñ Ñ"), &[], &["123456789"], "", None);
    let bob = named(&p, "Ñ Ñ Ñ Ñ");
    check(
        bob,
        &["bob@company.com", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"],
        &["123456"],
        "ÑÑÑÑÑÑÑÑÑÑÑÑ",
        None,
    );
}

#[test]
fn ezvcard_evolution() {
    let p = read("vcard/ezvcard_John_Doe_EVOLUTION.vcf");
    let c = named(&p, "Mr. John Richter, James Doe Sr.");
    check(
        c,
        &["john.doe@ibm.com"],
        &["905-666-1234", "905-555-1234"],
        "IBM",
        bday(Some(1980), 3, 22),
    );
    assert_eq!(c.role, "Money Counter");
    assert_eq!(c.tags, ["VIP"]);
}

#[test]
fn ezvcard_gmail_escapes_and_folded_note() {
    let p = read("vcard/ezvcard_John_Doe_GMAIL.vcf");
    let c = named(&p, "Mr. John Richter, James Doe Sr.");
    check(
        c,
        &["john.doe@ibm.com"],
        &["905-555-1234", "905-666-1234"],
        "IBM",
        bday(Some(1980), 3, 22),
    );
    assert!(c.notes.contains("Favotire Color: Blue"));
    assert!(c.notes.contains("Related (Spouse): Jenny"));
}

#[test]
fn ezvcard_iphone_groups_and_big_photo() {
    let p = read("vcard/ezvcard_John_Doe_IPHONE.vcf");
    assert!(p.skipped.is_empty());
    let c = named(&p, "Mr. John Richter James Doe Sr.");
    check(
        c,
        &["john.doe@ibm.com"],
        &[
            "905-555-1234",
            "905-666-1234",
            "905-777-1234",
            "905-888-1234",
            "905-999-1234",
            "905-111-1234",
            "905-222-1234",
        ],
        "IBM",
        bday(Some(2012), 6, 6),
    );
    assert_eq!(c.phones[0].label, "mobile");
    assert_eq!(c.links[0].value, "http://www.ibm.com");
    // The big photo is kept, made small.
    let photo = rapport::formats::photo::bytes(c.photo.as_ref().unwrap()).unwrap();
    let img = image::load_from_memory(&photo).unwrap();
    assert!(img.width() <= 256 && img.height() <= 256);
}

#[test]
fn ezvcard_mac_address_book() {
    let p = read("vcard/ezvcard_John_Doe_MAC_ADDRESS_BOOK.vcf");
    let c = named(&p, "Mr. John Richter,James Doe Sr.");
    check(
        c,
        &["john.doe@ibm.com"],
        &[
            "905-777-1234",
            "905-666-1234",
            "905-555-1234",
            "905-888-1234",
            "905-999-1234",
            "905-111-1234",
            "905-222-1234",
        ],
        "IBM",
        bday(Some(2012), 6, 6),
    );
}

#[test]
fn ezvcard_gmail_custom_labels() {
    let p = read("vcard/ezvcard_gmail-single2.vcf");
    let c = named(&p, "VCard Test");
    assert_eq!(c.emails.len(), 5);
    assert_eq!(c.emails[4].label, "CustomEmailCategory");
    assert_eq!(c.phones.len(), 11);
    assert_eq!(c.phones[0].value, "5555551111");
    assert_eq!(
        (c.organization.as_str(), c.role.as_str()),
        ("TheCompany", "TheJobTitle")
    );
    assert_eq!(c.birthday, bday(Some(1912), 6, 23));
}

#[test]
fn ezvcard_outlook_2007_bare_types_and_qp_note() {
    let p = read("vcard/ezvcard_outlook-2007.vcf");
    let c = named(&p, "Mr. Michael Angstadt Jr.");
    check(
        c,
        &["mike.angstadt@gmail.com"],
        &[
            "(111) 555-1111",
            "(111) 555-2222",
            "(111) 555-4444",
            "(111) 555-3333",
        ],
        "TheCompany",
        bday(Some(1922), 3, 10),
    );
    assert_eq!(c.phones[0].label, "work");
    assert!(c.notes.starts_with("This is the NOTE field"));
    assert!(!c.notes.contains('\r'));
}

#[test]
fn ezvcard_rfc2426() {
    let p = read("vcard/ezvcard_rfc2426-example.vcf");
    check(
        named(&p, "Frank Dawson"),
        &["Frank_Dawson@Lotus.com", "fdawson@earthlink.net"],
        &["+1-919-676-9515", "+1-919-676-9564"],
        "Lotus Development Corporation",
        None,
    );
    check(
        named(&p, "Tim Howes"),
        &["howes@netscape.com"],
        &["+1-415-937-3419", "+1-415-528-4164"],
        "Netscape Communications Corp.",
        None,
    );
}

#[test]
fn ezvcard_rfc6350_and_vcard4_simon() {
    for f in [
        "vcard/ezvcard_rfc6350-example.vcf",
        "vcard/vcard4_simon-perrault.vcf",
    ] {
        let p = read(f);
        let c = named(&p, "Simon Perreault");
        check(
            c,
            &["simon.perreault@viagenie.ca"],
            &["+1-418-656-9254;ext=102", "+1-418-262-6501"],
            "Viagenie",
            bday(None, 2, 3),
        );
        assert!(c.notes.contains("Anniversary: 20090808T1430-0500"));
    }
}

#[test]
fn ezvcard_thunderbird_extension() {
    let p = read("vcard/ezvcard_thunderbird-MoreFunctionsForAddressBook-extension.vcf");
    let c = named(&p, "John Doe");
    assert_eq!(c.emails.len(), 5);
    assert_eq!(c.emails[0].value, "doe.john@hotmail.com");
    assert_eq!(
        values(&c.phones),
        [
            "555-555-1111",
            "555-555-2222",
            "555-555-5555",
            "555-555-3333",
            "555-555-4444"
        ]
    );
    assert_eq!(c.organization, "TheOrganization");
    assert_eq!(c.birthday, bday(Some(1970), 9, 21));
    // The add-on escapes the commas, which makes it one category by the standard.
    assert_eq!(c.tags, ["category1, category2, category3"]);
}

#[test]
fn icalrs_blank_lines_and_lowercase() {
    let p = read("vcard/icalrs_vcard_input.vcf");
    check(
        named(&p, "J. Doe"),
        &["jqpublic@xyz.example.com"],
        &["+33-01-23-45-67"],
        "ABC, Inc.",
        bday(None, 2, 3),
    );
    let p = read("vcard/icalrs_vcard_lowercase.vcf");
    check(
        named(&p, "Alice Foobar"),
        &["alice@example.org"],
        &[],
        "",
        None,
    );
}

#[test]
fn vcard4_photo_is_skipped_not_choked_on() {
    let p = read("vcard/vcard4_photo.vcf");
    let c = named(&p, "Jane");
    check(
        c,
        &["janedoe@gmail.com"],
        &["004412345667890"],
        "Jane Doe",
        None,
    );
    assert!(addr(c).contains("Address (home): Flat 404"), "{}", addr(c));
}

// ---- own vCard fixtures -------------------------------------------------------------------

#[test]
fn windows_1252_vcard_21_with_qp_soft_breaks() {
    let p = read("own/vcard21_windows1252_qp.vcf");
    let c = named(&p, "Jürgen Müller");
    check(
        c,
        &["juergen@example.de"],
        &["+49 30 1234567", "0171 7654321"],
        "Café Zoë GmbH",
        bday(Some(1970), 3, 15),
    );
    assert_eq!(
        c.notes,
        "Trifft sich gern im Café – immer pünktlich.\nZweite Zeile € 50"
    );
    assert_eq!(p.skipped.len(), 1, "the cut-off card is reported");
    assert_eq!(p.skipped[0].line, 13);
}

#[test]
fn cr_only_vcard_without_names() {
    let p = read("own/vcard30_cr_only.vcf");
    let c = named(&p, "nobody@example.net");
    check(c, &["nobody@example.net"], &[], "", bday(None, 7, 4));
    assert_eq!(c.notes, "folded across lines");
    check(
        named(&p, "Only An Org, Ltd."),
        &[],
        &[],
        "Only An Org, Ltd.",
        None,
    );
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].line, 12);
    assert!(p.skipped[0].reason.contains("no name"));
}

// ---- CSV samples and own CSV fixtures -----------------------------------------------------

#[test]
fn google_current_export() {
    let p = read("csv/google_contacts_current_synth.csv");
    assert_eq!(p.format(), Format::GoogleCsv);
    assert_eq!(p.contacts.len(), 4);
    let ada = named(&p, "Ada Augusta Lovelace");
    check(
        ada,
        &["ada@example.com", "ada.l@example.org", "ada@home.example"],
        &["+44 20 7946 0000", "+44 20 7946 0001"],
        "Analytical Engines",
        bday(Some(1815), 12, 10),
    );
    assert_eq!(ada.role, "Founder");
    assert_eq!(ada.tags, ["starred", "Friends"]);
    assert!(ada.notes.contains("Follow up about Note G."));
    assert!(
        addr(ada).contains("Address (home): 12 St James Square, London, SW1Y 4LB, GB"),
        "{}",
        addr(ada)
    );
    assert!(ada.notes.contains("Relation (Spouse): William King"));
    assert!(ada.notes.contains("Custom field (Legacy ID): 42"));
    check(
        named(&p, "Grace Hopper"),
        &[],
        &["+1 555 0100"],
        "",
        bday(None, 12, 9),
    );
    check(
        named(&p, "Acme Plumbing, LLC"),
        &[],
        &["(555) 0199"],
        "Acme Plumbing, LLC",
        None,
    );
    let evil = named(
        &p,
        "=HYPERLINK(\"https://evil.example\",\"click\") @SUM(1+1)",
    );
    assert_eq!(evil.notes, "-2+3");
}

#[test]
fn google_older_export() {
    let p = read("own/google_older.csv");
    assert_eq!(p.format(), Format::GoogleCsv);
    let e = named(&p, "Emmy Noether");
    check(
        e,
        &[
            "emmy@example.de",
            "noether@example.edu",
            "emmy.home@example.de",
        ],
        &["+49 551 39 0"],
        "Göttingen University",
        bday(Some(1882), 3, 23),
    );
    assert_eq!(e.role, "Professor");
    assert_eq!(e.tags, ["Colleagues"]);
    check(
        named(&p, "Hermann Weyl"),
        &[],
        &["+49 551 39 1"],
        "",
        bday(None, 11, 9),
    );
}

#[test]
fn linkedin_with_preamble_and_url() {
    let p = read("csv/linkedin_Connections_2023plus_synth.csv");
    assert_eq!(p.format(), Format::LinkedinCsv);
    let ada = named(&p, "Ada Lovelace");
    check(ada, &["ada@example.com"], &[], "Analytical Engines", None);
    assert_eq!(ada.met_on, NaiveDate::from_ymd_opt(2024, 1, 1));
    assert_eq!(
        ada.links[0].value,
        "https://www.linkedin.com/in/ada-lovelace-example"
    );
    let grace = named(&p, "Grace Hopper");
    check(grace, &[], &[], "Compilers, Inc.", None);
    assert_eq!(grace.role, "Rear Admiral, Retired");
    check(named(&p, "Zoë Brandt 🔸"), &[], &[], "Ünïcode GmbH", None);
    assert_eq!(named(&p, "Dr. Jane Doe, Ph.D.").role, "Professor");
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].line, 9);
}

#[test]
fn linkedin_resaved_without_url_and_without_preamble() {
    let p = read("own/linkedin_notes_no_url_resaved.csv");
    assert_eq!(p.format(), Format::LinkedinCsv);
    let m = named(&p, "Marie Curie");
    check(m, &["marie@example.org"], &[], "Radium Institute", None);
    assert_eq!(m.met_on, NaiveDate::from_ymd_opt(2024, 1, 15));
    assert_eq!(p.contacts[0].line, 5);
    assert_eq!(
        named(&p, "Pierre Curie").met_on,
        NaiveDate::from_ymd_opt(2023, 12, 3)
    );
    assert_eq!(named(&p, "Bad Date").notes, "Connected On: someday");
    let p = read("own/linkedin_excel_semicolon.csv");
    assert_eq!(p.format(), Format::LinkedinCsv);
    let a = named(&p, "Ada Lovelace");
    check(a, &["ada@example.com"], &[], "Analytical Engines", None);
    assert_eq!(a.met_on, NaiveDate::from_ymd_opt(2024, 1, 15));
    check(named(&p, "Grace Hopper"), &[], &[], "Compilers; Inc.", None);
    let p = read("own/linkedin_plain_iso.csv");
    let l = named(&p, "Lise Meitner");
    check(l, &["lise@example.org"], &[], "KWI", None);
    assert_eq!(l.met_on, NaiveDate::from_ymd_opt(2023, 11, 30));
}

#[test]
fn outlook_com_and_desktop() {
    let p = read("csv/outlook_com_synth.csv");
    assert_eq!(p.format(), Format::OutlookCsv);
    let a = named(&p, "Alan Turing");
    check(
        a,
        &["alan@example.com"],
        &["+44 7700 900000"],
        "Bletchley Labs",
        bday(Some(1912), 6, 23),
    );
    assert_eq!(
        (a.role.as_str(), a.notes.as_str()),
        ("Researcher", "Prefers email")
    );
    let p = read("own/outlook_desktop.csv");
    assert_eq!(p.format(), Format::OutlookCsv);
    let w = named(&p, "Chien-Shiung Wu");
    check(
        w,
        &["cs.wu@example.edu"],
        &["+1 (212) 854-1754", "+1 212 555 0142"],
        "Columbia University",
        bday(Some(1912), 5, 31),
    );
    assert_eq!(w.tags, ["Physicists", "VIP"]);
    assert!(
        addr(w).contains(
            "Address (work): 538 W 120th St, New York, NY, 10027, United States of America"
        ),
        "{}",
        addr(w)
    );
    assert!(
        !w.notes.contains("Normal"),
        "Outlook's placeholder values are not kept"
    );
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].line, 3);
}

#[test]
fn thunderbird_csv() {
    let p = read("own/thunderbird.csv");
    assert_eq!(p.format(), Format::ThunderbirdCsv);
    let n = named(&p, "Niels Bohr");
    check(
        n,
        &["niels@example.dk", "bohr@institute.example"],
        &["+45 35 32 52 00", "+45 20 11 22 33"],
        "Institute for Theoretical Physics",
        bday(Some(1885), 10, 7),
    );
    assert_eq!(n.links[0].value, "https://nbi.example");
    assert!(n.notes.starts_with("Likes long walks"));
    assert!(
        addr(n).contains("Address (home): Blegdamsvej 17, Copenhagen, 2100, Denmark"),
        "{}",
        addr(n)
    );
    check(
        named(&p, "margrethe@example.dk"),
        &["margrethe@example.dk"],
        &[],
        "",
        None,
    );
}

#[test]
fn detection_and_explicit_override() {
    assert_eq!(
        formats::detect(b"BEGIN:VCARD\r\nEND:VCARD\r\n"),
        Some(Format::Vcard)
    );
    assert_eq!(
        formats::detect(b"{\"format\":\"rapport\"}"),
        Some(Format::Rapport)
    );
    assert_eq!(
        formats::detect(b"date,contacts,channel\n"),
        Some(Format::InteractionsCsv)
    );
    assert_eq!(formats::detect(b"hello,world\n1,2\n"), None);
    let err = formats::parse_bytes(Path::new("x"), b"hello,world\n", None).unwrap_err();
    assert!(err.to_string().contains("--format"));
    let err = formats::parse_bytes(Path::new("x"), b"hello,world\n", Some(Format::GoogleCsv))
        .unwrap_err();
    assert!(err.to_string().contains("Google Contacts CSV"), "{err}");
}

#[test]
fn size_cap_has_a_clear_message() {
    let big = vec![b'a'; usize::try_from(formats::MAX_IMPORT_BYTES).unwrap() + 1];
    let err = formats::parse_bytes(Path::new("x"), &big, None).unwrap_err();
    assert!(
        err.to_string()
            .contains("larger than the 64 MiB an import may be"),
        "{err}"
    );
}

// ---- plan, merge and dedupe ---------------------------------------------------------------

fn contact(name: &str, email: &str, phone: &str) -> Contact {
    let mut c = Contact::new(name);
    if !email.is_empty() {
        c.emails.push(Labeled::new(email, ""));
    }
    if !phone.is_empty() {
        c.phones.push(Labeled::new(phone, "mobile"));
    }
    c
}

fn dataset(contacts: Vec<Contact>) -> Dataset {
    let mut d = Dataset::new();
    for c in contacts {
        d.apply(Edit::PutContact(c)).unwrap();
    }
    d
}

#[test]
fn plan_matches_by_email_phone_and_name_and_never_overwrites() {
    let mut ada = contact("Ada Lovelace", "ADA@example.com", "");
    ada.organization = "Analytical Engines".to_owned();
    ada.tags.push("Friends".to_owned());
    let grace = contact("Grace Hopper", "", "+1 (555) 0100");
    let alan = contact("Alan Turing", "", "");
    let data = dataset(vec![ada.clone(), grace.clone(), alan.clone()]);
    let before = data.clone();
    let p = read("csv/google_contacts_current_synth.csv");
    let plan = ImportPlan::new(&data, &p);
    assert_eq!(data, before, "planning changes nothing");
    let s = plan.summary();
    assert_eq!(
        (s.added, s.merged, s.skipped),
        (2, 2, 0),
        "{}",
        plan.report()
    );
    let m_ada = plan.merged.iter().find(|m| m.id == ada.id).unwrap();
    assert_eq!(
        m_ada.matched_by,
        MatchKind::Email("ada@example.com".to_owned())
    );
    let m_grace = plan.merged.iter().find(|m| m.id == grace.id).unwrap();
    assert_eq!(
        m_grace.matched_by,
        MatchKind::Phone("+1 555 0100".to_owned())
    );
    let merged = plan.contact(ada.id).unwrap();
    assert_eq!(
        merged.display_name, "Ada Lovelace",
        "the user's name is kept"
    );
    assert_eq!(merged.organization, "Analytical Engines");
    assert_eq!(
        values(&merged.emails),
        ["ADA@example.com", "ada.l@example.org", "ada@home.example"],
        "no duplicate email"
    );
    assert_eq!(merged.tags, ["Friends", "starred"], "no duplicate tag");
    assert!(merged.notes.contains("Also known as: Ada Augusta Lovelace"));
    assert!(
        m_ada
            .changes
            .iter()
            .any(|c| c.field == "name" && matches!(c.change, Change::Kept { .. }))
    );
    let grace_after = plan.contact(grace.id).unwrap();
    assert_eq!(
        grace_after.phones.len(),
        1,
        "the same phone in another style is not added"
    );
    assert_eq!(grace_after.birthday, bday(None, 12, 9));

    // Conflicting organisation: kept, the incoming one goes to the notes.
    let mut other = contact("ada lovelace", "", "");
    other.organization = "Babbage & Co".to_owned();
    let parsed = Parsed {
        contacts: vec![formats::Incoming {
            line: 3,
            contact: other,
            uid: None,
        }],
        ..Parsed::default()
    };
    // The same name alone is a proposed merge, made only when accepted.
    let proposed = ImportPlan::new(&data, &parsed);
    assert!(proposed.merged.is_empty(), "{}", proposed.report());
    assert_eq!(proposed.proposed.len(), 1);
    assert_eq!(proposed.summary().added, 1);
    let choices = ImportChoices {
        accepted: [Row::Contact(0)].into_iter().collect(),
        ..ImportChoices::default()
    };
    let plan2 = ImportPlan::with_choices(&data, &parsed, &choices);
    assert_eq!(plan2.merged[0].matched_by, MatchKind::Name);
    let c = plan2.contact(ada.id).unwrap();
    assert_eq!(c.organization, "Analytical Engines");
    assert!(c.notes.contains("Imported organisation: Babbage & Co"));

    // Applying is one undo step.
    let mut applied = data.clone();
    assert!(!plan.is_stale(&applied));
    let done = applied.apply(plan.to_edit()).unwrap();
    assert_eq!(applied.contacts().len(), 5);
    assert_eq!(applied.revision(), data.revision() + 1);
    assert!(plan.is_stale(&applied));
    applied.apply(done.inverse).unwrap();
    assert_eq!(applied, before);
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let mut data = Dataset::new();
    let p = read("vcard/ezvcard_gmail-single2.vcf");
    data.apply(ImportPlan::new(&data, &p).to_edit()).unwrap();
    let again = ImportPlan::new(&data, &p);
    assert!(again.is_empty(), "{}", again.report());
    assert_eq!(again.summary().unchanged, 1);
}

#[test]
fn duplicates_are_found_and_merged_with_their_interactions() {
    let a = contact("Ada Lovelace", "ada@example.com", "+44 20 7946 0000");
    let b = contact("ada  lovelace.", "ADA@example.com", "0044 20 7946 0000");
    let c = contact("Grace Hopper", "grace@example.com", "");
    let d = contact("Someone Else", "", "");
    let mut data = dataset(vec![a.clone(), b.clone(), c.clone(), d.clone()]);
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let solo = Interaction::new(day, vec![b.id], ChannelId(1));
    let group = Interaction::new(day, vec![a.id, b.id, c.id], ChannelId(2));
    data.apply(Edit::PutInteraction(solo.clone())).unwrap();
    data.apply(Edit::PutInteraction(group.clone())).unwrap();

    let pairs = formats::find_duplicates(&data);
    assert_eq!(pairs.len(), 1);
    assert_eq!((pairs[0].first, pairs[0].second), (a.id, b.id));
    assert_eq!(
        pairs[0].reasons,
        [
            DuplicateReason::SharedEmail("ada@example.com".to_owned()),
            DuplicateReason::SharedPhone("+44 20 7946 0000".to_owned()),
            DuplicateReason::SameName
        ]
    );

    let before = data.clone();
    let edit = formats::merge_contacts(&data, a.id, b.id).unwrap();
    let undo = data.apply(edit).unwrap().inverse;
    assert!(data.contact(b.id).is_none());
    assert_eq!(data.interaction(solo.id).unwrap().participants, [a.id]);
    assert_eq!(
        data.interaction(group.id).unwrap().participants,
        [a.id, c.id],
        "a group interaction keeps the kept contact once"
    );
    assert_eq!(data.contact(a.id).unwrap().phones.len(), 1);
    assert!(formats::find_duplicates(&data).is_empty());
    data.apply(undo).unwrap();
    let mut restored = data.contacts().to_vec();
    restored.sort_by_key(|c| c.id);
    let mut original = before.contacts().to_vec();
    original.sort_by_key(|c| c.id);
    assert_eq!(restored, original, "undo restores every contact");
    assert_eq!(data.interactions(), before.interactions());
    assert!(formats::merge_contacts(&data, a.id, a.id).is_err());
}

#[test]
fn interactions_csv_goes_into_the_right_contacts_and_channels() {
    let ada = contact("Ada Augusta Lovelace", "ada@example.com", "");
    let grace = contact("Grace Hopper", "", "");
    let mut data = dataset(vec![ada.clone(), grace.clone()]);
    let p = read("own/interactions.csv");
    let plan = ImportPlan::new(&data, &p);
    let lines: Vec<usize> = plan.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [5, 6, 7], "{}", plan.report());
    assert!(plan.skipped[0].reason.contains("Carrier pigeon"));
    assert_eq!(plan.interactions.len(), 4);
    let video = &plan.interactions[0];
    assert_eq!(video.participants, [ada.id]);
    assert_eq!(video.channel, ChannelId(4));
    assert_eq!((video.minutes, video.depth.get()), (Some(45), 4));
    assert_eq!(video.follow_up, NaiveDate::from_ymd_opt(2026, 2, 1));
    let dinner = &plan.interactions[1];
    assert_eq!(dinner.participants, [ada.id, grace.id]);
    assert_eq!(dinner.channel, ChannelId(1));
    assert_eq!(
        dinner.time.map(|t| t.to_string()),
        Some("18:30:00".to_owned())
    );
    assert_eq!(plan.new_channels.len(), 1);
    assert_eq!(
        (
            plan.new_channels[0].name.as_str(),
            plan.new_channels[0].mode
        ),
        ("Podcast guest spot", Mode::Online)
    );
    assert_eq!(plan.interactions[2].channel, plan.new_channels[0].id);
    let added: Vec<&str> = plan.added.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(added, ["New Person", "=cmd|' /C calc'!A0"]);
    data.apply(plan.to_edit()).unwrap();
    assert_eq!(data.interactions().len(), 4);
    // The same rows again are recognised as already there.
    let again = ImportPlan::new(&data, &p);
    assert!(again.interactions.is_empty(), "{}", again.report());
}

#[test]
fn rapport_file_merge_lists_conflicts_and_newer_wins() {
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut ours_a = Contact::with_id(rapport::model::ContactId(1), "Ada", t0);
    ours_a.emails.push(Labeled::new("ada@example.com", ""));
    let ours_b = Contact::with_id(
        rapport::model::ContactId(2),
        "Babbage",
        t0 + Duration::days(5),
    );
    let mut data = dataset(vec![ours_a.clone(), ours_b.clone()]);
    let shared = Interaction::new(
        NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
        vec![ours_a.id],
        ChannelId(1),
    );
    data.apply(Edit::PutInteraction(shared.clone())).unwrap();

    let mut other = data.clone();
    let mut theirs_a = ours_a.clone();
    theirs_a.role = "Countess".to_owned();
    theirs_a.updated = t0 + Duration::days(1);
    let mut theirs_b = ours_b.clone();
    theirs_b.role = "Old role".to_owned();
    theirs_b.updated = t0 + Duration::days(2);
    let newcomer = contact("Charles Darwin", "charles@example.com", "");
    let mut changed = shared.clone();
    changed.summary = "edited elsewhere".to_owned();
    let fresh = Interaction::new(
        NaiveDate::from_ymd_opt(2026, 1, 3).unwrap(),
        vec![newcomer.id, ours_a.id],
        ChannelId(3),
    );
    for e in [
        Edit::PutContact(theirs_a.clone()),
        Edit::PutContact(theirs_b),
        Edit::PutContact(newcomer.clone()),
        Edit::PutInteraction(changed),
        Edit::PutInteraction(fresh.clone()),
    ] {
        other.apply(e).unwrap();
    }
    let json = store::to_json(&Document::new(other)).unwrap();
    let parsed = formats::parse_bytes(Path::new("other.json"), &json, None).unwrap();
    assert_eq!(parsed.format(), Format::Rapport);
    let plan = ImportPlan::new(&data, &parsed);
    assert_eq!(plan.conflicts.len(), 3, "{}", plan.report());
    assert!(
        plan.conflicts[0]
            .resolution
            .contains("took the other file's")
    );
    assert!(plan.conflicts[1].resolution.contains("kept this file's"));
    assert!(
        plan.conflicts[2]
            .subject
            .contains("interaction on 2026-01-02")
    );
    data.apply(plan.to_edit()).unwrap();
    assert_eq!(
        data.contact(ours_a.id).unwrap().role,
        "Countess",
        "the newer edit wins"
    );
    assert_eq!(data.contact(ours_b.id).unwrap().role, "", "ours was newer");
    assert!(data.contact(newcomer.id).is_some());
    assert_eq!(
        data.interaction(fresh.id).unwrap().participants,
        [newcomer.id, ours_a.id]
    );
    assert_eq!(
        data.interaction(shared.id).unwrap().summary,
        "",
        "interactions in both keep ours"
    );
}

// ---- export ------------------------------------------------------------------------------

fn tricky() -> Dataset {
    let mut a = Contact::new("Zoë O'Brien; \"the, boss\"");
    a.given_name = "Zoë".to_owned();
    a.family_name = "O'Brien".to_owned();
    a.middle_name = "Áine".to_owned();
    a.name_prefix = "Dr.".to_owned();
    a.name_suffix = "Ph.D.".to_owned();
    a.organization = "Café, Bar & Grill; Ltd.".to_owned();
    a.role = "Head\\of things".to_owned();
    a.emails = vec![
        Labeled::new("zoe@example.com", "work"),
        Labeled::new("z@example.org", ""),
    ];
    a.phones = vec![
        Labeled::new("+353 1 234 5678", "mobile"),
        Labeled::new("01 234", "summer house"),
    ];
    a.links = vec![Labeled::new("https://example.com/a,b;c", "website")];
    a.tags = vec!["Clients".to_owned(), "Dublin, IE".to_owned()];
    a.birthday = Some(Birthday {
        year: None,
        month: 2,
        day: 29,
    });
    a.notes = format!(
        "Line one\nLine two; with, punctuation\n{}",
        "Long ünïcode text ".repeat(12).trim_end()
    );
    a.how_met = "Chamber breakfast".to_owned();
    a.met_on = NaiveDate::from_ymd_opt(2024, 3, 1);
    a.cadence_days = Some(30);
    let mut b = Contact::new("Plain Person");
    b.birthday = Some(Birthday {
        year: Some(1990),
        month: 5,
        day: 1,
    });
    let mut c = Contact::new("=HYPERLINK(\"x\")");
    c.role = "-Position".to_owned();
    c.phones.push(Labeled::new("+44 20", ""));
    c.notes = "@SUM(1)".to_owned();
    let mut d = dataset(vec![a.clone(), b, c.clone()]);
    let mut it = Interaction::new(
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        vec![a.id, c.id],
        ChannelId(4),
    );
    it.summary = "=1+1".to_owned();
    it.follow_up = NaiveDate::from_ymd_opt(2026, 2, 1);
    d.apply(Edit::PutInteraction(it)).unwrap();
    d
}

#[test]
fn vcard_export_then_import_gives_the_same_contacts() {
    let data = tricky();
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let text = formats::to_vcard(&data, version);
        assert!(text.contains(if version == VcardVersion::V3 {
            "VERSION:3.0\r\n"
        } else {
            "VERSION:4.0\r\n"
        }));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        let parsed = formats::parse_bytes(Path::new("x.vcf"), text.as_bytes(), None).unwrap();
        assert!(parsed.skipped.is_empty());
        assert_eq!(parsed.contacts.len(), data.contacts().len());
        for (orig, back) in data.contacts().iter().zip(&parsed.contacts) {
            let back = &back.contact;
            assert_eq!(back.display_name, orig.display_name);
            assert_eq!(back.given_name, orig.given_name);
            assert_eq!(back.family_name, orig.family_name);
            assert_eq!(back.middle_name, orig.middle_name);
            assert_eq!(back.name_prefix, orig.name_prefix);
            assert_eq!(back.name_suffix, orig.name_suffix);
            assert_eq!(back.organization, orig.organization);
            assert_eq!(back.role, orig.role);
            assert_eq!(back.emails, orig.emails, "{version:?}");
            assert_eq!(back.phones, orig.phones);
            assert_eq!(back.links, orig.links);
            assert_eq!(back.tags, orig.tags);
            assert_eq!(back.addresses, orig.addresses);
            assert_eq!(back.birthday, orig.birthday);
            assert_eq!(back.notes, orig.notes);
            assert_eq!(back.how_met, orig.how_met);
            assert_eq!(back.met_on, orig.met_on);
            assert_eq!(back.cadence_days, orig.cadence_days);
            assert!(back.extra.is_empty(), "{:?}", back.extra);
        }
    }
}

fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Issue 15 item 13: the apostrophe only when spreadsheet-safe output is asked for, since it
/// travels into other address books.
#[test]
fn plain_csv_exports_write_phone_numbers_as_they_are() {
    let data = tricky();
    let rows = cells(&formats::contacts_csv(&data, formats::CsvCells::Plain).unwrap());
    let evil = &rows[3];
    assert_eq!(evil[8], "+44 20");
    assert_eq!(evil[1], "=HYPERLINK(\"x\")");
    let safe = cells(&formats::contacts_csv(&data, formats::CsvCells::SpreadsheetSafe).unwrap());
    assert_eq!(safe[3][8], "'+44 20");
    // Everything else is the same.
    for (plain, safe) in rows.iter().flatten().zip(safe.iter().flatten()) {
        assert_eq!(formats::csv_safe::restore(safe), plain);
    }
    let rows = cells(&formats::interactions_csv(&data, formats::CsvCells::Plain).unwrap());
    assert_eq!(rows[1][8], "=1+1");
}

#[test]
fn csv_exports_make_formulas_inert() {
    let data = tricky();
    let out = formats::contacts_csv(&data, formats::CsvCells::SpreadsheetSafe).unwrap();
    assert!(out.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let rows = cells(&out);
    assert_eq!(rows.len(), 4);
    let evil = &rows[3];
    assert_eq!(evil[1], "'=HYPERLINK(\"x\")");
    assert_eq!(evil[5], "'-Position");
    assert_eq!(evil[8], "'+44 20");
    assert_eq!(evil[16], "'@SUM(1)");
    assert_eq!(
        rows[1][1], "Zoë O'Brien; \"the, boss\"",
        "quotes and commas survive"
    );
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    let out = formats::interactions_csv(&data, formats::CsvCells::SpreadsheetSafe).unwrap();
    let rows = cells(&out);
    assert_eq!(rows[0][0], "date");
    assert_eq!(rows[1][8], "'=1+1");
    assert_eq!(
        rows[1][2], "zoe@example.com; =HYPERLINK(\"x\")",
        "a name with ; is written as the email"
    );
}

#[test]
fn interactions_csv_export_reads_back() {
    let data = tricky();
    let out = formats::interactions_csv(&data, formats::CsvCells::SpreadsheetSafe).unwrap();
    let parsed = formats::parse_bytes(Path::new("i.csv"), &out, None).unwrap();
    assert_eq!(parsed.format(), Format::InteractionsCsv);
    assert_eq!(parsed.interactions.len(), 1);
    let row = &parsed.interactions[0];
    assert_eq!(row.summary, "=1+1", "the inert quote is removed on import");
    assert_eq!(row.contacts, ["zoe@example.com", "=HYPERLINK(\"x\")"]);
    let plan = ImportPlan::new(&data, &parsed);
    assert!(plan.is_empty(), "{}", plan.report());
}

#[test]
fn ics_of_follow_ups() {
    let data = tricky();
    let entries = formats::follow_up_entries(&data);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].date,
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
    );
    assert!(entries[0].summary.starts_with("Follow up with Zoë O'Brien"));
    let ics = formats::to_ics(&entries, Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.contains("BEGIN:VTODO\r\n"));
    assert!(ics.contains("DUE;VALUE=DATE:20260201\r\n"));
    assert!(ics.contains(&format!("UID:{}\r\n", entries[0].uid)));
    assert!(
        ics.contains("SUMMARY:Follow up with Zoë O'Brien\\; \"the\\, boss\"\\, =HYPERLINK(\"x\")")
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    // calcard reads it back as a calendar.
    let cal = calcard::icalendar::ICalendar::parse(&ics);
    assert!(cal.is_ok());
}

// ---- nothing panics -----------------------------------------------------------------------

fn every_importer(bytes: &[u8]) {
    let _ = formats::detect(bytes);
    let _ = formats::parse_bytes(Path::new("fuzz"), bytes, None);
    for f in Format::ALL {
        if let Ok(parsed) = formats::parse_bytes(Path::new("fuzz"), bytes, Some(f)) {
            let data = dataset(vec![contact("Ada", "ada@example.com", "+44 20 7946 0000")]);
            let plan = ImportPlan::new(&data, &parsed);
            let mut d = data.clone();
            d.apply(plan.to_edit()).expect("a plan always applies");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        every_importer(&bytes);
    }

    #[test]
    fn vcard_like_text_never_panics(parts in proptest::collection::vec(prop::sample::select(vec![
        "BEGIN:VCARD\r\n", "END:VCARD\r\n", "VERSION:2.1\r\n", "N:;;;\r\n", "FN:\r\n", "FN:A\r\n",
        "EMAIL;TYPE=work:a@b\r\n", "TEL;CELL:+1\r\n", "BDAY:--0230\r\n", "BDAY:19900501\r\n",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=WINDOWS-1252:=E9=\r\n", "item1.X-ABLabel:x\r\n",
        "item1.EMAIL:c@d\r\n", " folded\r\n", "\r", "\n", ";", ":", "=", "\u{e9}", "PHOTO;ENCODING=b:AAAA\r\n",
        "ORG:a\\;b;c\r\n", "CATEGORIES:a,b\r\n",
    ]), 0..40)) {
        every_importer(parts.concat().as_bytes());
    }

    #[test]
    fn csv_like_text_never_panics(parts in proptest::collection::vec(prop::sample::select(vec![
        "First Name,Last Name,E-mail 1 - Value,Labels,Connected On\n", "Date,Contacts,Channel,Mode,Depth\n",
        "a,b,c,d,e\n", "\"", ",", "\r\n", " ::: ", "2026-01-01,", "x@y;", "online", "9", "--12-09",
        "Notes:\n", "\u{feff}", "Primary Email,Display Name\n",
    ]), 0..40)) {
        every_importer(parts.concat().as_bytes());
    }
}

#[test]
fn apple_year_1604_means_no_year_and_utf16_sources_read() {
    let card =
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-04\nEND:VCARD\n";
    let p = formats::parse_bytes(Path::new("a.vcf"), card.as_bytes(), None).unwrap();
    assert_eq!(p.contacts[0].contact.birthday, bday(None, 3, 4));
    let csv = "Date,Contacts,Channel\n2026-01-01,Zoë,Email\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    let p = formats::parse_bytes(Path::new("i.csv"), &utf16, None).unwrap();
    assert_eq!(p.format(), Format::InteractionsCsv);
    assert_eq!(p.interactions[0].contacts, ["Zoë"]);
}

/// The kept vCard lines an export in `version` writes back: 4.0 has no PROFILE, NAME, CLASS,
/// LABEL, AGENT, MAILER or SORT-STRING.
fn expected_extra(
    c: &Contact,
    version: VcardVersion,
) -> serde_json::Map<String, serde_json::Value> {
    let mut extra = c.extra.clone();
    if version == VcardVersion::V4
        && let Some(serde_json::Value::Array(lines)) = extra.get_mut("vcard")
    {
        lines.retain(|l| {
            let name = l
                .as_str()
                .unwrap_or_default()
                .split([':', ';'])
                .next()
                .unwrap_or_default();
            let name = name.rsplit('.').next().unwrap_or_default().to_uppercase();
            ![
                "PROFILE",
                "NAME",
                "CLASS",
                "LABEL",
                "AGENT",
                "MAILER",
                "SORT-STRING",
            ]
            .contains(&name.as_str())
        });
        if lines.is_empty() {
            extra.remove("vcard");
        }
    }
    extra
}

#[test]
fn every_vcard_sample_survives_export_and_import() {
    let dir = fixture("vcard");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 28);
    for file in files {
        let parsed = formats::read_source(&file, None).unwrap();
        let data = dataset(parsed.contacts.iter().map(|i| i.contact.clone()).collect());
        for version in [VcardVersion::V3, VcardVersion::V4] {
            let text = formats::to_vcard(&data, version);
            let back = formats::parse_bytes(&file, text.as_bytes(), None).unwrap();
            assert!(
                back.skipped.is_empty(),
                "{}: {:?}",
                file.display(),
                back.skipped
            );
            assert_eq!(back.contacts.len(), data.contacts().len());
            for (a, b) in data.contacts().iter().zip(&back.contacts) {
                let b = &b.contact;
                let what = format!("{} {version:?} {}", file.display(), a.display_name);
                assert_eq!(b.display_name, a.display_name, "{what}");
                assert_eq!(
                    (&b.given_name, &b.family_name),
                    (&a.given_name, &a.family_name),
                    "{what}"
                );
                assert_eq!(
                    (&b.organization, &b.role),
                    (&a.organization, &a.role),
                    "{what}"
                );
                assert_eq!(b.emails, a.emails, "{what}");
                assert_eq!(b.phones, a.phones, "{what}");
                assert_eq!(b.links, a.links, "{what}");
                assert_eq!(b.tags, a.tags, "{what}");
                assert_eq!(b.addresses, a.addresses, "{what}");
                assert_eq!(b.birthday, a.birthday, "{what}");
                assert_eq!(b.notes, a.notes, "{what}");
                assert_eq!(b.extra, expected_extra(a, version), "{what}");
            }
        }
    }
}

/// The contact's addresses as "Address (label): one line" lines.
fn addr(c: &Contact) -> String {
    c.addresses
        .iter()
        .map(|a| {
            if a.label.is_empty() {
                format!("Address: {}", a.one_line())
            } else {
                format!("Address ({}): {}", a.label, a.one_line())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text a person could find the value in: every field, the notes and the kept extras.
fn haystack(c: &Contact) -> String {
    let mut parts = vec![
        addr(c),
        c.display_name.clone(),
        c.given_name.clone(),
        c.family_name.clone(),
        c.middle_name.clone(),
        c.name_prefix.clone(),
        c.name_suffix.clone(),
        c.organization.clone(),
        c.role.clone(),
        c.how_met.clone(),
        c.notes.clone(),
        c.tags.join("|"),
        serde_json::Value::Object(c.extra.clone()).to_string(),
    ];
    for l in c.emails.iter().chain(&c.phones).chain(&c.links) {
        parts.push(l.value.clone());
        parts.push(l.label.clone());
    }
    flat(&parts.join("|"))
}

fn flat(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
        .to_lowercase()
}

#[test]
fn contact_csvs_lose_nothing() {
    // Dates are parsed into fields (checked above); these columns carry no data of their own.
    let structural = [
        "birthday",
        "connected on",
        "photo",
        "e-mail type",
        "e-mail display name",
        "birth year",
        "birth month",
        "birth day",
        "anniversary",
    ];
    for file in [
        "csv/google_contacts_current_synth.csv",
        "csv/linkedin_Connections_2023plus_synth.csv",
        "csv/outlook_com_synth.csv",
        "own/google_older.csv",
        "own/linkedin_notes_no_url_resaved.csv",
        "own/linkedin_excel_semicolon.csv",
        "own/outlook_desktop.csv",
        "own/thunderbird.csv",
    ] {
        let parsed = read(file);
        let text = std::fs::read_to_string(fixture(file)).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        let header_line = text
            .lines()
            .position(|l| l.to_lowercase().contains("first name") || l.starts_with("Name,"))
            .unwrap();
        let body: String = text
            .lines()
            .skip(header_line)
            .collect::<Vec<_>>()
            .join("\n");
        let sep = if body.lines().next().unwrap().contains(';') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sep)
            .flexible(true)
            .from_reader(body.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        // Imported contacts and skipped rows, in file order, one per non-empty row.
        let mut items: Vec<(usize, Option<&Contact>)> = parsed
            .contacts
            .iter()
            .map(|i| (i.line, Some(&i.contact)))
            .collect();
        items.extend(parsed.skipped.iter().map(|s| (s.line, None)));
        items.sort_by_key(|(line, _)| *line);
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .map(Result::unwrap)
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .collect();
        assert_eq!(rows.len(), items.len(), "{file}");
        for (record, (_, contact)) in rows.iter().zip(items) {
            let Some(contact) = contact else { continue };
            let hay = haystack(contact);
            for (h, cell) in headers.iter().zip(record.iter()) {
                if structural.contains(&h.as_str())
                    || ["0/0/00", "normal", "false", "unspecified"]
                        .contains(&cell.trim().to_lowercase().as_str())
                {
                    continue;
                }
                for part in cell.split(" ::: ").chain(if h == "categories" {
                    cell.split(';').collect::<Vec<_>>()
                } else {
                    Vec::new()
                }) {
                    let part = part.trim().trim_start_matches("* ");
                    if part.is_empty()
                        || part.eq_ignore_ascii_case("mycontacts")
                        || (h == "categories" && part.contains(';'))
                    {
                        continue;
                    }
                    // A formatted address is kept as its structured parts: every word is there.
                    if h.ends_with("- formatted") {
                        for word in part.split(|c: char| !c.is_alphanumeric()) {
                            assert!(
                                hay.contains(&word.to_lowercase()),
                                "{file}: column {h:?} word {word:?} is lost in {hay}"
                            );
                        }
                        continue;
                    }
                    assert!(
                        hay.contains(&flat(part)),
                        "{file}: column {h:?} value {part:?} is lost in {hay}"
                    );
                }
            }
        }
    }
}

/// A contact with 100,000 labels once took minutes to import (each label was compared with every
/// one before it); every distinct label is still kept once, in order, ignoring case, and merging
/// them into a contact that has them all adds nothing.
#[test]
fn a_contact_with_a_hundred_thousand_labels_keeps_each_once() {
    let labels: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
    let csv = format!(
        "First Name,Last Name,Labels\nA,B,{} ::: T5 ::: t99999\n",
        labels.join(" ::: ")
    );
    let parsed = formats::parse_bytes(Path::new("tags.csv"), csv.as_bytes(), None).unwrap();
    let contact = &parsed.contacts[0].contact;
    assert_eq!(contact.tags, labels);
    let mut kept = contact.clone();
    let changes = formats::merge_into(&mut kept, contact);
    assert!(changes.is_empty(), "{} changes", changes.len());
    assert_eq!(kept.tags, labels);
}

// ---- more real exports (ez-vcard's test resources) ---------------------------------------

/// Checks the five name parts of a contact: prefix, given, middle, family, suffix.
#[track_caller]
fn name_parts(c: &Contact, parts: [&str; 5]) {
    assert_eq!(
        [
            c.name_prefix.as_str(),
            c.given_name.as_str(),
            c.middle_name.as_str(),
            c.family_name.as_str(),
            c.name_suffix.as_str(),
        ],
        parts,
        "name parts of {}",
        c.display_name
    );
}

#[test]
fn ezvcard_blackberry_21() {
    let p = read("vcard/ezvcard_John_Doe_BLACK_BERRY.vcf");
    assert_eq!(p.contacts.len(), 1);
    let c = named(&p, "John Doe");
    check(c, &[], &["+96123456789"], "Acme Solutions", None);
    // The lower-case given name is the file's own, kept as written.
    name_parts(c, ["", "john", "", "Doe", ""]);
    assert_eq!(c.phones[0].label, "mobile");
}

#[test]
fn ezvcard_lotus_notes_30() {
    let p = read("vcard/ezvcard_John_Doe_LOTUS_NOTES.vcf");
    assert_eq!(p.contacts.len(), 1);
    let c = named(&p, "Mr. Doe John I Johny");
    check(
        c,
        &["john.doe@ibm.com", "billy_bob@gmail.com"],
        &["+1 (212) 204-34456", "00-1-212-555-7777"],
        "IBM",
        bday(Some(1980), 5, 21),
    );
    name_parts(c, ["Mr.", "John", "Johny", "Doe", "I"]);
    assert_eq!(c.role, "Generic Accountant");
    assert_eq!(
        c.phones
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>(),
        ["mobile", "work fax"]
    );
    // item1.ADR: the street keeps its escaped comma and newline, the rest its own fields.
    assert_eq!(c.addresses.len(), 1);
    let a = &c.addresses[0];
    assert_eq!(
        a.street,
        "25334\nSouth cresent drive, Building 5, 3rd floo r"
    );
    assert_eq!(
        (
            a.locality.as_str(),
            a.region.as_str(),
            a.postal_code.as_str(),
            a.country.as_str()
        ),
        ("New York", "New York", "NYC887", "U.S.A.")
    );
    assert!(c.photo.is_some(), "the PHOTO is kept");
}

#[test]
fn ezvcard_ms_outlook_21() {
    let p = read("vcard/ezvcard_John_Doe_MS_OUTLOOK.vcf");
    assert_eq!(p.contacts.len(), 1);
    let c = named(&p, "Mr. John Richter James Doe Sr.");
    check(
        c,
        &["john.doe@ibm.cm"],
        &["(905) 555-1234", "(905) 666-1234"],
        "IBM",
        bday(Some(1980), 3, 22),
    );
    // N's additional names are a list ("Richter,James"): both kept, not one merged word.
    name_parts(c, ["Mr.", "John", "Richter, James", "Doe", "Sr."]);
    assert_eq!(c.role, "Money Counter");
    assert_eq!(c.addresses.len(), 2);
    assert_eq!(c.addresses[0].street, "Cresent moon drive");
    assert_eq!(c.addresses[0].locality, "Albaney");
    assert_eq!(c.addresses[1].street, "Silicon Alley 5,");
    assert_eq!(c.addresses[1].country, "United States of America");
    assert!(c.photo.is_some(), "the 2.1 BASE64 PHOTO is kept");
}

#[test]
fn ezvcard_outlook_2003_21() {
    let p = read("vcard/ezvcard_outlook-2003.vcf");
    assert_eq!(p.contacts.len(), 1);
    let c = named(&p, "John Doe III");
    check(
        c,
        &["jdoe@hotmail.com"],
        &[
            "BusinessPhone",
            "HomePhone",
            "MobilePhone",
            "BusinessFaxPhone",
        ],
        "Company, The",
        bday(Some(1980), 3, 21),
    );
    name_parts(c, ["Mr.", "John", "", "Doe", "III"]);
    assert_eq!(
        c.phones
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>(),
        ["work", "home", "mobile", "work fax"]
    );
    assert_eq!(c.role, "The Job Title");
    assert_eq!(c.addresses.len(), 1);
    assert_eq!(c.addresses[0].street, "123 Main St");
}

#[test]
fn ezvcard_gmail_list_three_people_stay_three() {
    let p = read("vcard/ezvcard_gmail-list.vcf");
    assert_eq!(p.contacts.len(), 3);
    check(
        named(&p, "Arnold Smith"),
        &["asmithk@gmail.com"],
        &[],
        "",
        None,
    );
    check(
        named(&p, "Chris Beatle"),
        &["chrisy55d@yahoo.com"],
        &[],
        "",
        None,
    );
    check(
        named(&p, "Doug White"),
        &["dwhite@gmail.com"],
        &[],
        "",
        None,
    );
}

#[test]
fn ezvcard_fullcontact_40_every_field() {
    let p = read("vcard/ezvcard_fullcontact.vcf");
    assert_eq!(p.contacts.len(), 1);
    let c = named(&p, "Prefix FirstName MiddleName LastName Suffix");
    name_parts(
        c,
        ["Prefix", "FirstName", "MiddleName", "LastName", "Suffix"],
    );
    check(
        c,
        &[
            "home@example.com",
            "work@example.com",
            "school@example.com",
            "other@example.com",
            "custom@example.com",
        ],
        &[
            "555-555-1111",
            "555-555-1112",
            "555-555-1113",
            "555-555-1114",
            "555-555-1115",
            "555-555-1116",
            "555-555-1117",
            "555-555-1118",
            "555-555-1119",
        ],
        "Organization1",
        bday(Some(2016), 8, 1),
    );
    assert_eq!(
        c.emails
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>(),
        ["home", "work", "school", "other", "customtype"]
    );
    assert_eq!(c.phones[5].label, "home fax");
    assert_eq!(c.addresses.len(), 4);
    let home = &c.addresses[0];
    assert_eq!(
        home.parts(),
        [
            "",
            "HomeExtended",
            "HomeStreet",
            "HomeCity",
            "HomeState",
            "HomePostal",
            "HomeCountry"
        ]
    );
    assert_eq!(home.label, "home");
    assert_eq!(home.country, "HomeCountry");
    assert_eq!(c.addresses[3].street, "CustomStreet");
}

#[test]
fn contacts_csv_export_then_import_keeps_name_parts_and_addresses() {
    let mut contacts = tricky().contacts().to_vec();
    contacts[0].addresses = vec![
        rapport::model::Address {
            label: "home".to_owned(),
            po_box: "PO 7".to_owned(),
            extended: "Flat 2".to_owned(),
            street: "1 Main St; rear\nsecond line".to_owned(),
            locality: "Dublin".to_owned(),
            region: "Leinster".to_owned(),
            postal_code: "D01 X2".to_owned(),
            country: "Ireland".to_owned(),
        },
        rapport::model::Address {
            label: String::new(),
            street: "=2 Side Rd".to_owned(),
            country: "Éire".to_owned(),
            ..rapport::model::Address::default()
        },
    ];
    contacts[1].addresses = vec![rapport::model::Address {
        label: "work".to_owned(),
        locality: "Cork".to_owned(),
        ..rapport::model::Address::default()
    }];
    contacts[2].archived = true;
    let data = dataset(contacts);
    let out = formats::contacts_csv(&data, formats::CsvCells::SpreadsheetSafe).unwrap();
    let rows = cells(&out);
    assert_eq!(
        rows[0][19..25],
        [
            "middle_name",
            "name_prefix",
            "name_suffix",
            "address_1_label",
            "address_1_po_box",
            "address_1_extended"
        ]
    );
    assert_eq!(
        rows[0].len(),
        22 + 2 * 8,
        "two addresses' columns: the most any contact has"
    );
    let back = formats::parse_bytes(Path::new("contacts.csv"), &out, None).unwrap();
    assert_eq!(back.format(), Format::ContactsCsv);
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    assert_eq!(back.contacts.len(), data.contacts().len());
    for (a, b) in data.contacts().iter().zip(&back.contacts) {
        let b = &b.contact;
        assert_eq!(a.id, b.id, "the id column makes the row the same contact");
        assert_eq!(a.display_name, b.display_name);
        assert_eq!(
            [
                &a.name_prefix,
                &a.given_name,
                &a.middle_name,
                &a.family_name,
                &a.name_suffix
            ],
            [
                &b.name_prefix,
                &b.given_name,
                &b.middle_name,
                &b.family_name,
                &b.name_suffix
            ],
        );
        assert_eq!(a.addresses, b.addresses, "addresses of {}", a.display_name);
        assert_eq!((&a.organization, &a.role), (&b.organization, &b.role));
        let pairs = |l: &[Labeled]| -> Vec<(String, String)> {
            l.iter()
                .map(|l| (l.value.clone(), l.label.clone()))
                .collect()
        };
        assert_eq!(pairs(&a.emails), pairs(&b.emails));
        assert_eq!(pairs(&a.phones), pairs(&b.phones));
        assert_eq!(pairs(&a.links), pairs(&b.links));
        assert_eq!(a.tags, b.tags);
        assert_eq!(a.notes, b.notes);
        assert_eq!(a.birthday, b.birthday);
        assert_eq!((&a.how_met, a.met_on), (&b.how_met, b.met_on));
        assert_eq!((a.cadence_days, a.archived), (b.cadence_days, b.archived));
    }
}
