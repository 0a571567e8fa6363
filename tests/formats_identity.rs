//! Identity on import: a UID decides first, cards with distinct UIDs in one source stay distinct
//! people, and only strong evidence (same UID, or the same email or phone under a compatible
//! name) merges without the user's yes. Weak matches are proposed (docs/IMPORT-EXPORT.md).

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;
use rapport::formats::{
    self, ImportChoices, ImportPlan, MatchKind, Parsed, Row, VcardVersion, parse_bytes,
};
use rapport::model::{Birthday, Contact, Dataset, Edit, Labeled};
use rapport::synth::{Spec, generate};

fn vcf(text: &str) -> Parsed {
    parse_bytes(Path::new("x.vcf"), text.as_bytes(), None).expect("a vCard file")
}

fn card(uid: Option<&str>, name: &str, email: &str, tel: &str) -> String {
    let mut s = format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n");
    if let Some(uid) = uid {
        s += &["UID:", uid, "\r\n"].concat();
    }
    if !email.is_empty() {
        s += &["EMAIL:", email, "\r\n"].concat();
    }
    if !tel.is_empty() {
        s += &["TEL:", tel, "\r\n"].concat();
    }
    s.push_str("END:VCARD\r\n");
    s
}

fn dataset(contacts: Vec<Contact>) -> Dataset {
    let mut d = Dataset::new();
    for c in contacts {
        d.apply(Edit::PutContact(c)).expect("a valid contact");
    }
    d
}

fn person(name: &str, email: &str, phone: &str) -> Contact {
    let mut c = Contact::new(name);
    if !email.is_empty() {
        c.emails.push(Labeled::new(email, ""));
    }
    if !phone.is_empty() {
        c.phones.push(Labeled::new(phone, ""));
    }
    c
}

fn imported(data: &Dataset, parsed: &Parsed, choices: &ImportChoices) -> Dataset {
    let mut out = data.clone();
    out.apply(ImportPlan::with_choices(data, parsed, choices).to_edit())
        .expect("the plan applies");
    out
}

#[test]
fn a_uid_match_comes_first_even_under_another_name_and_email() {
    let data = Dataset::new();
    let first = vcf(&card(Some("abc-123"), "Ann Lee", "ann@example.com", ""));
    let data = imported(&data, &first, &ImportChoices::default());
    assert_eq!(data.contacts().len(), 1);
    let again = vcf(&card(
        Some("abc-123"),
        "Ann Lee-Smith",
        "ann@work.example",
        "",
    ));
    let plan = ImportPlan::new(&data, &again);
    assert_eq!(plan.added.len(), 0, "{}", plan.report());
    assert_eq!(
        plan.merged[0].matched_by,
        MatchKind::Uid("abc-123".to_owned())
    );
    // Rapport's own UID is the contact's id.
    let ann = &data.contacts()[0];
    let own = vcf(&card(
        Some(&format!("urn:rapport:{}", ann.id)),
        "Someone Else",
        "",
        "",
    ));
    let plan = ImportPlan::new(&data, &own);
    assert_eq!(plan.merged.len(), 1, "{}", plan.report());
    assert_eq!(plan.merged[0].id, ann.id);
}

#[test]
fn cards_with_distinct_uids_in_one_source_are_distinct_people() {
    let text = [
        card(Some("u1"), "John Doe", "john@example.com", "+1 555 0100"),
        card(Some("u2"), "John Doe", "john@example.com", "+1 555 0100"),
        card(Some("u1"), "John Doe", "", ""),
    ]
    .concat();
    let p = vcf(&text);
    let plan = ImportPlan::new(&Dataset::new(), &p);
    assert_eq!(plan.added.len(), 2, "{}", plan.report());
    assert_eq!(plan.proposed.len(), 1, "the look-alike is proposed");
    assert!(!plan.proposed[0].accepted);
    assert_eq!(plan.proposed[0].row, Row::Contact(1));
    assert_eq!(plan.merged.len(), 1, "the same UID again is one person");
    assert!(matches!(plan.merged[0].matched_by, MatchKind::Uid(_)));
}

#[test]
fn a_shared_phone_under_different_names_is_proposed_not_merged() {
    let data = dataset(vec![person("Ann Lee", "", "+44 20 7946 0000")]);
    let p = vcf(&card(None, "Bob Lee", "", "0044 20 7946 0000"));
    let plan = ImportPlan::new(&data, &p);
    assert!(plan.merged.is_empty(), "{}", plan.report());
    assert_eq!(plan.added.len(), 1);
    assert_eq!(plan.proposed[0].why, "different names");
    assert_eq!(plan.summary().proposed, 1);
    assert!(plan.report().contains("proposed Bob Lee"));
    // --merge-weak makes it.
    let all = ImportChoices {
        merge_weak: true,
        ..ImportChoices::default()
    };
    let plan = ImportPlan::with_choices(&data, &p, &all);
    assert_eq!(plan.merged.len(), 1);
    assert!(plan.added.is_empty());
    // The same phone under the same name is strong.
    let p = vcf(&card(None, "Ann Lee", "", "+44 20 7946 0000"));
    assert_eq!(ImportPlan::new(&data, &p).merged.len(), 1);
}

#[test]
fn the_same_email_merges_unless_the_names_conflict() {
    let data = dataset(vec![person("Ada Lovelace", "ada@example.com", "")]);
    let same = vcf(&card(None, "Ada", "ADA@example.com", ""));
    assert_eq!(ImportPlan::new(&data, &same).merged.len(), 1);
    let reordered = vcf(&card(None, "Lovelace, Ada", "ada@example.com", ""));
    assert_eq!(ImportPlan::new(&data, &reordered).merged.len(), 1);
    let nameless = vcf(&card(None, "", "ada@example.com", ""));
    assert_eq!(ImportPlan::new(&data, &nameless).merged.len(), 1);
    let other = vcf(&card(None, "Charles Babbage", "ada@example.com", ""));
    let plan = ImportPlan::new(&data, &other);
    assert!(plan.merged.is_empty(), "{}", plan.report());
    assert_eq!(plan.proposed.len(), 1);
}

#[test]
fn five_john_does_from_five_files_stay_five_unless_accepted() {
    let mut data = Dataset::new();
    for _ in 0..5 {
        let p = vcf(&card(None, "John Doe", "", ""));
        let plan = ImportPlan::new(&data, &p);
        data.apply(plan.to_edit()).expect("applies");
    }
    assert_eq!(data.contacts().len(), 5);
    // Accepting the proposal row by row merges it.
    let p = vcf(&card(None, "John Doe", "", ""));
    let choices = ImportChoices {
        accepted: [Row::Contact(0)].into_iter().collect(),
        ..ImportChoices::default()
    };
    let plan = ImportPlan::with_choices(&data, &p, &choices);
    assert!(plan.proposed[0].accepted);
    assert_eq!(plan.merged.len(), 1);
    assert!(plan.added.is_empty());
}

#[test]
fn any_row_can_be_left_out() {
    let text = [
        card(None, "Ann Lee", "ann@example.com", ""),
        card(None, "Bob Lee", "bob@example.com", ""),
    ]
    .concat();
    let p = vcf(&text);
    let choices = ImportChoices {
        left_out: [Row::Contact(1)].into_iter().collect(),
        ..ImportChoices::default()
    };
    let plan = ImportPlan::with_choices(&Dataset::new(), &p, &choices);
    assert_eq!(plan.added.len(), 1);
    assert_eq!(plan.added[0].name, "Ann Lee");
    assert_eq!(plan.left_out.len(), 1);
    assert_eq!(plan.left_out[0].what, "Bob Lee");
    assert_eq!(plan.summary().left_out, 1);

    let csv = "date,contacts,channel,mode,summary\n\
               2026-01-02,Ann Lee,Coffee,offline,first\n\
               2026-01-03,Cy Young,Coffee,offline,second\n";
    let p = parse_bytes(Path::new("i.csv"), csv.as_bytes(), None).expect("a CSV");
    let choices = ImportChoices {
        left_out: [Row::Interaction(1)].into_iter().collect(),
        ..ImportChoices::default()
    };
    let plan = ImportPlan::with_choices(&Dataset::new(), &p, &choices);
    assert_eq!(plan.interactions.len(), 1);
    assert_eq!(plan.interaction_rows, [Row::Interaction(0)]);
    assert!(
        plan.added.iter().all(|a| a.name != "Cy Young"),
        "a left-out row creates no one"
    );
}

/// The fields an export-then-import must keep.
fn essence(c: &Contact) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{}|{:?}",
        c.display_name,
        c.given_name,
        c.family_name,
        c.middle_name,
        c.name_prefix,
        c.name_suffix,
        c.organization,
        c.role,
        c.emails,
        c.phones,
        c.links,
        c.tags,
        c.birthday,
        c.notes,
        c.met_on,
        c.cadence_days,
        c.how_met,
        c.archived
    )
}

fn assert_round_trip(data: &Dataset) {
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let text = formats::to_vcard(data, version);
        let parsed = vcf(&text);
        assert_eq!(parsed.contacts.len(), data.contacts().len());
        let back = imported(&Dataset::new(), &parsed, &ImportChoices::default());
        assert_eq!(back.contacts().len(), data.contacts().len(), "{version:?}");
        for orig in data.contacts() {
            let got = back.contact(orig.id).expect("the same id comes back");
            assert_eq!(essence(got), essence(orig), "{version:?}");
        }
        // Importing the export into the file it came from changes nothing.
        let again = ImportPlan::new(data, &parsed);
        assert!(again.is_empty(), "{version:?}: {}", again.summary());
        assert_eq!(again.summary().unchanged, data.contacts().len());
    }
}

#[test]
fn export_then_import_keeps_every_contact_of_a_generated_file_with_shared_names() {
    let data = generate(&Spec::new(3000, 0, 7)).expect("generates");
    let names: HashSet<String> = data
        .contacts()
        .iter()
        .map(|c| c.display_name.to_lowercase())
        .collect();
    assert!(
        names.len() + 100 < data.contacts().len(),
        "the sample must share names: {} names for {} contacts",
        names.len(),
        data.contacts().len()
    );
    assert_round_trip(&data);
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    let names = prop::sample::select(vec!["John Doe", "Ann Lee", "Zoë O'Brien", "Li Wei", "X"]);
    let emails = prop::sample::subsequence(
        vec!["a@example.com", "b@example.com", "john@example.org"],
        0..=2,
    );
    let phones = prop::sample::subsequence(vec!["+1 555 0100", "+44 20 7946 0000"], 0..=2);
    let tags = prop::sample::subsequence(vec!["Family", "Work", "Dublin, IE"], 0..=2);
    let labels = prop::sample::select(vec!["", "work", "home", "mobile"]);
    (
        names,
        emails,
        phones,
        tags,
        labels,
        prop::option::of((1u32..=12, 1u32..=28, prop::option::of(1950i32..2010))),
        "[a-z ]{0,12}",
    )
        .prop_map(|(name, emails, phones, tags, label, bday, org)| {
            let mut c = Contact::new(name);
            if let Some((first, last)) = name.split_once(' ') {
                first.clone_into(&mut c.given_name);
                last.clone_into(&mut c.family_name);
                if last == "Doe" {
                    "Quincy".clone_into(&mut c.middle_name);
                    "Mr.".clone_into(&mut c.name_prefix);
                    "Jr.".clone_into(&mut c.name_suffix);
                }
            }
            c.emails = emails.iter().map(|e| Labeled::new(*e, label)).collect();
            c.phones = phones.iter().map(|p| Labeled::new(*p, label)).collect();
            c.tags = tags.iter().map(|t| (*t).to_owned()).collect();
            c.birthday = bday.map(|(month, day, year)| Birthday { year, month, day });
            org.trim().clone_into(&mut c.organization);
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_the_identity(contacts in proptest::collection::vec(arb_contact(), 1..12)) {
        assert_round_trip(&dataset(contacts));
    }
}

#[test]
fn all_five_name_parts_are_kept_and_written_back() {
    let p = vcf(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Jane Q. Doe Jr.\r\nN:Doe;Jane;Quinn,Q.;Dr.;Jr.\r\nEND:VCARD\r\n",
    );
    let c = &p.contacts[0].contact;
    assert_eq!(
        (
            c.family_name.as_str(),
            c.given_name.as_str(),
            c.middle_name.as_str(),
            c.name_prefix.as_str(),
            c.name_suffix.as_str()
        ),
        ("Doe", "Jane", "Quinn, Q.", "Dr.", "Jr.")
    );
    assert!(!c.notes.contains("prefix"), "{}", c.notes);
    let text = formats::to_vcard(&dataset(vec![c.clone()]), VcardVersion::V4);
    assert!(
        text.contains("N:Doe;Jane;Quinn\\, Q.;Dr.;Jr.\r\n"),
        "{text}"
    );
    let back = &vcf(&text).contacts[0].contact;
    assert_eq!(back.middle_name, "Quinn, Q.");
    assert_eq!(back.name_suffix, "Jr.");
}

#[test]
fn phone_types_are_kept_and_written_back_as_types() {
    let p = vcf(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\nTEL;WORK;FAX:+1 555 0101\r\n\
TEL;PAGER:+1 555 0102\r\nTEL;TYPE=CELL,TEXT:+1 555 0103\r\nTEL;TYPE=HOME;TYPE=VOICE:+1 555 0104\r\n\
TEL;TYPE=CELL:+1 555 0105\r\nEND:VCARD\r\n",
    );
    let c = &p.contacts[0].contact;
    let labels: Vec<&str> = c.phones.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        ["work fax", "pager", "mobile text", "home", "mobile"]
    );
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let text = formats::to_vcard(&dataset(vec![c.clone()]), version);
        let upper = text.to_uppercase();
        assert!(
            upper.contains("TEL;TYPE=WORK;TYPE=FAX:") || upper.contains("TEL;TYPE=WORK,FAX:"),
            "{text}"
        );
        assert!(upper.contains("TYPE=PAGER"), "{text}");
        assert!(
            !text.contains("X-ABLabel"),
            "types, not custom labels: {text}"
        );
        let back = &vcf(&text).contacts[0].contact;
        assert_eq!(back.phones, c.phones, "{version:?}");
    }
}

#[test]
fn obsolete_properties_stay_out_of_vcard_4_and_unknown_x_properties_are_kept() {
    let p = vcf(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPROFILE:VCARD\r\nNAME:Address book\r\n\
FN:Ann Lee\r\nCLASS:PUBLIC\r\nLABEL;TYPE=HOME:1 Main St\\nSpringfield\r\nAGENT:Bob\r\n\
MAILER:Evolution\r\nX-EVOLUTION-FILE-AS:Lee\\, Ann\r\nX-CUSTOM;TYPE=a:b\r\nEND:VCARD\r\n",
    );
    let c = &p.contacts[0].contact;
    let v4 = formats::to_vcard(&dataset(vec![c.clone()]), VcardVersion::V4);
    for gone in [
        "PROFILE:", "\nNAME:", "CLASS:", "LABEL", "AGENT:", "MAILER:",
    ] {
        assert!(!v4.contains(gone), "{gone} in {v4}");
    }
    assert!(v4.contains("X-EVOLUTION-FILE-AS:Lee\\, Ann"), "{v4}");
    assert!(v4.contains("X-CUSTOM;TYPE=a:b"), "{v4}");
    let v3 = formats::to_vcard(&dataset(vec![c.clone()]), VcardVersion::V3);
    assert!(
        v3.contains("MAILER:Evolution"),
        "3.0 keeps what it has: {v3}"
    );
}

#[test]
fn an_interaction_row_whose_mode_contradicts_its_channel_is_a_conflict() {
    let csv = "date,contacts,channel,mode,summary\n\
               2026-01-02,Ann Lee,Coffee,offline,first\n\
               2026-01-03,Ann Lee,Coffee,online,second\n\
               2026-01-04,Ann Lee,Coffee,,third\n";
    let p = parse_bytes(Path::new("i.csv"), csv.as_bytes(), None).expect("a CSV");
    let plan = ImportPlan::new(&Dataset::new(), &p);
    assert_eq!(plan.interactions.len(), 3, "{}", plan.report());
    assert_eq!(plan.conflicts.len(), 1);
    let c = &plan.conflicts[0];
    assert!(
        c.subject
            .starts_with("line 3: the channel \"Coffee\" is online"),
        "{c}"
    );
    assert!(c.resolution.contains("stays offline"), "{c}");
    assert!(
        plan.report().contains("conflict line 3"),
        "{}",
        plan.report()
    );
    assert_eq!(plan.new_channels.len(), 1);
}

#[test]
fn structured_addresses_are_kept_merged_and_exported() {
    let csv = "Name,Given Name,Family Name,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,Group Membership\r\n\
Ann Lee,Ann,Lee,Home,\"Flat 2, 1 Main St, Springfield\",1 Main St,Springfield,12345,USA,* myContacts\r\n";
    let p = parse_bytes(Path::new("g.csv"), csv.as_bytes(), None).expect("a CSV");
    let c = &p.contacts[0].contact;
    assert_eq!(c.addresses.len(), 1);
    let a = &c.addresses[0];
    assert_eq!(
        (
            a.label.as_str(),
            a.street.as_str(),
            a.locality.as_str(),
            a.postal_code.as_str(),
            a.country.as_str()
        ),
        ("home", "1 Main St", "Springfield", "12345", "USA"),
        "the street is kept though the formatted text differs"
    );
    assert!(
        c.notes
            .contains("Address (home) as written: Flat 2, 1 Main St, Springfield"),
        "{}",
        c.notes
    );
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let text = formats::to_vcard(&dataset(vec![c.clone()]), version);
        assert!(text.contains(";1 Main St;Springfield;;12345;USA"), "{text}");
        let back = &vcf(&text).contacts[0].contact;
        assert_eq!(back.addresses, c.addresses, "{version:?}");
    }
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nADR;TYPE=work:;Suite 5;2 High St;Shelbyville;IL;54321;USA\r\nEND:VCARD\r\n";
    let data = dataset(vec![c.clone()]);
    let plan = ImportPlan::with_choices(
        &data,
        &vcf(card),
        &ImportChoices {
            merge_weak: true,
            ..ImportChoices::default()
        },
    );
    let merged = plan.contact(c.id).expect("merged");
    assert_eq!(merged.addresses.len(), 2);
    assert_eq!(merged.addresses[1].extended, "Suite 5");
}

#[test]
fn kcontacts_card_keeps_its_uid_so_importing_it_again_changes_nothing() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vcard/kcontacts_vcard13.vcf");
    let p = formats::read_source(&path, None).expect("readable");
    assert_eq!(p.contacts[0].uid.as_deref(), Some("uJTkVqH5Qt"));
    let data = imported(&Dataset::new(), &p, &ImportChoices::default());
    let again = ImportPlan::new(&data, &p);
    assert!(again.is_empty(), "{}", again.report());
    assert_eq!(
        again.merged[0].matched_by,
        MatchKind::Uid("uJTkVqH5Qt".to_owned())
    );
    let v4 = formats::to_vcard(&data, VcardVersion::V4);
    assert!(!v4.contains("CLASS"), "{v4}");
    assert!(v4.contains("UID:uJTkVqH5Qt"), "{v4}");
}
