//! Text decoding on import: per card and per property for vCard (a declared CHARSET wins, else
//! UTF-8 when valid, else the detector), quoted-printable and charset forms of vCard 2.1,
//! UTF-16 without a BOM, and CSV files in legacy encodings.

use std::fmt::Write as _;
use std::path::Path;

use rapport::formats::{Format, Parsed, parse_bytes};
use rapport::model::Contact;

fn parse(bytes: &[u8]) -> Parsed {
    parse_bytes(Path::new("x"), bytes, None).expect("readable")
}

fn names(p: &Parsed) -> Vec<&str> {
    p.contacts
        .iter()
        .map(|c| c.contact.display_name.as_str())
        .collect()
}

fn only(p: &Parsed) -> &Contact {
    assert_eq!(p.contacts.len(), 1, "{:?}", p.skipped);
    &p.contacts[0].contact
}

fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{text} fits {}", enc.name());
    bytes.into_owned()
}

#[test]
fn each_card_is_decoded_on_its_own() {
    let mut file = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ludwig-G\xc3\xb6tz\r\nEND:VCARD\r\n".to_vec();
    file.extend_from_slice(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=WINDOWS-1252:M\xfcller \x96 Caf\xe9\r\nEND:VCARD\r\n",
    );
    file.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:J\xfcrgen Gro\xdf\r\nEND:VCARD\r\n");
    file.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab\r\nEND:VCARD\r\n");
    let p = parse(&file);
    assert_eq!(
        names(&p),
        ["Ludwig-Götz", "Müller \u{2013} Café", "Jürgen Groß", "Zoë"]
    );
}

#[test]
fn each_property_is_decoded_by_its_own_charset() {
    let file = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Ren\xe9e\r\n\
NOTE:caf\xc3\xa9 au lait\r\nORG;CHARSET=KOI8-R:\xf0\xd2\xc5\xd3\xd3\xc1\r\nEND:VCARD\r\n";
    let c = parse(file).contacts[0].contact.clone();
    assert_eq!(c.display_name, "Renée");
    assert_eq!(c.notes, "café au lait");
    assert_eq!(c.organization, "Пресса");
}

#[test]
fn a_fold_inside_a_utf8_character_is_joined_as_bytes() {
    // "Zoë Brandt" folded between the two bytes of ë.
    let file = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zo\xc3\r\n \xab Brandt\r\nEND:VCARD\r\n";
    assert_eq!(only(&parse(file)).display_name, "Zoë Brandt");
}

#[test]
fn vcard_21_bare_quoted_printable_with_charset_and_soft_breaks() {
    // As Evolution and KDE write it: no ENCODING=, a CHARSET, soft line breaks.
    let file = b"BEGIN:VCARD\r\nVERSION:2.1\r\n\
N;CHARSET=UTF-8;QUOTED-PRINTABLE:=E5=8D=81=E5=85=AB;=E5=A4=A7=E5=B1=B1\r\n\
FN;QUOTED-PRINTABLE;CHARSET=UTF-8:=E5=A4=A7=E5=B1=B1 =E5=8D=81=E5=85=AB\r\n\
NOTE;QUOTED-PRINTABLE:First line=0D=0ASecond line that is lon=\r\ng enough to break\r\n\
TEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n";
    let c = only(&parse(file)).clone();
    assert_eq!(c.display_name, "大山 十八");
    assert_eq!(c.family_name, "十八");
    assert_eq!(c.given_name, "大山");
    assert_eq!(
        c.notes,
        "First line\nSecond line that is long enough to break"
    );
    assert_eq!(c.phones[0].value, "+81 90 1234 5678");
}

#[test]
fn vcard_21_bare_charset_and_bare_base64() {
    let file = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;UTF-8:Se\xc3\xb1or L\xc3\xb3pez\r\n\
PHOTO;JPEG;BASE64:\r\n    /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR\r\n\
    ofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/\r\n\r\n\
EMAIL;INTERNET:senor@example.com\r\nEND:VCARD\r\n";
    let c = only(&parse(file)).clone();
    assert_eq!(c.display_name, "Señor López");
    assert_eq!(c.emails[0].value, "senor@example.com");
    assert!(
        !c.notes.contains("/9j/") && c.extra.get("vcard").is_none(),
        "the photo's data is not taken for text: {:?} {:?}",
        c.notes,
        c.extra
    );
}

#[test]
fn utf16_without_a_bom_is_read_in_both_byte_orders() {
    let text =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brandt\r\nEMAIL:zoe@example.com\r\nEND:VCARD\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [le, be] {
        let p = parse(&bytes);
        assert_eq!(p.format, Some(Format::Vcard));
        assert_eq!(names(&p), ["Zoë Brandt"]);
    }
}

#[test]
fn a_bare_cr_inside_a_value_does_not_cut_it() {
    let file = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nNOTE:first\rsecond\r\n\
EMAIL:ann@example.com\r\nEND:VCARD\r\n";
    let c = only(&parse(file)).clone();
    assert_eq!(c.notes, "first\nsecond");
    assert_eq!(c.emails[0].value, "ann@example.com");
}

fn google_csv(rows: &[(&str, &str)]) -> String {
    let mut s =
        String::from("Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Notes\r\n");
    for (i, (given, family)) in rows.iter().enumerate() {
        let _ = write!(
            s,
            "{given} {family},{given},{family},* Home,p{i}@example.com,\r\n"
        );
    }
    s
}

#[test]
fn csv_in_legacy_encodings_is_detected() {
    let cases: [(&'static encoding_rs::Encoding, &[(&str, &str)]); 7] = [
        (
            encoding_rs::SHIFT_JIS,
            &[
                ("太郎", "山田"),
                ("花子", "佐藤"),
                ("一郎", "鈴木"),
                ("美咲", "高橋"),
            ],
        ),
        (
            encoding_rs::GBK,
            &[
                ("伟", "王"),
                ("芳", "李"),
                ("娜", "张"),
                ("秀英", "刘"),
                ("敏", "陈"),
            ],
        ),
        (
            encoding_rs::BIG5,
            &[
                ("志明", "陳"),
                ("淑芬", "林"),
                ("家豪", "黃"),
                ("美玲", "張"),
                ("俊傑", "李"),
            ],
        ),
        (
            encoding_rs::WINDOWS_1251,
            &[
                ("Иван", "Петров"),
                ("Мария", "Иванова"),
                ("Сергей", "Смирнов"),
            ],
        ),
        (
            encoding_rs::WINDOWS_1252,
            &[
                ("José", "Muñoz"),
                ("François", "Lefèvre"),
                ("Jürgen", "Groß"),
            ],
        ),
        (
            encoding_rs::ISO_8859_2,
            &[
                ("Łukasz", "Wiśniewski"),
                ("Zofia", "Wójcik"),
                ("Paweł", "Kamiński"),
            ],
        ),
        (
            encoding_rs::WINDOWS_1253,
            &[("Γιώργος", "Παπαδόπουλος"), ("Μαρία", "Κωνσταντίνου")],
        ),
    ];
    for (enc, rows) in cases {
        let text = google_csv(rows);
        let p = parse(&encode(enc, &text));
        let want: Vec<String> = rows.iter().map(|(g, f)| format!("{g} {f}")).collect();
        assert_eq!(names(&p), want, "{}", enc.name());
    }
}

#[test]
fn googles_my_contacts_group_is_not_a_tag() {
    let csv = "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Group Membership\r\n\
Ann Lee,Ann,Lee,* Home,ann@example.com,* My Contacts ::: Friends ::: * Starred\r\n\
Bob Lee,Bob,Lee,* Home,bob@example.com,System Group: My Contacts ::: * myContacts\r\n";
    let p = parse(csv.as_bytes());
    assert_eq!(p.contacts[0].contact.tags, ["Friends", "Starred"]);
    assert!(p.contacts[1].contact.tags.is_empty());
}

/// One Outlook contact row under the localized header names of `header` (first name, last
/// name, company, job title, e-mail, mobile, business phone, birthday, categories).
fn outlook(header: &str) -> String {
    format!(
        "{header}\r\nJürgen,Groß,Müller & Söhne,Leiter,jg@example.de,+49 170 1234567,+49 30 1234,3/14/1970,Kunden;VIP\r\n"
    )
}

#[test]
fn outlook_csv_in_other_languages_is_recognised() {
    let headers = [
        "Vorname,Nachname,Firma,Position,E-Mail-Adresse,Mobiltelefon,Telefon geschäftlich,Geburtstag,Kategorien",
        "Prénom,Nom,Société,Titre,Adresse de messagerie,Tél. mobile,Téléphone (bureau),Anniversaire,Catégories",
        "Nombre,Apellidos,Organización,Puesto,Dirección de correo electrónico,Teléfono móvil,Teléfono del trabajo,Cumpleaños,Categorías",
        "Nome,Cognome,Società,Posizione,Indirizzo posta elettronica,Cellulare,Ufficio,Compleanno,Categorie",
        "Voornaam,Achternaam,Bedrijf,Functie,E-mailadres,Mobiele telefoon,Telefoon op werk,Verjaardag,Categorieën",
        "Primeiro nome,Sobrenome,Empresa,Cargo,E-mail Address,Telefone celular,Telefone comercial,Data de nascimento,Categorias",
        "名,姓,会社名,役職,電子メール アドレス,携帯電話,会社電話,誕生日,分類",
    ];
    for header in headers {
        for enc in [
            encoding_rs::UTF_8,
            encoding_rs::WINDOWS_1252,
            encoding_rs::SHIFT_JIS,
        ] {
            let text = outlook(header);
            let (bytes, _, unmappable) = enc.encode(&text);
            if unmappable {
                continue;
            }
            let p = parse(&bytes);
            assert_eq!(
                p.format,
                Some(Format::OutlookCsv),
                "{header} in {}",
                enc.name()
            );
            let c = only(&p);
            assert_eq!(c.display_name, "Jürgen Groß", "{header} in {}", enc.name());
            assert_eq!(c.organization, "Müller & Söhne", "{header}");
            assert_eq!(c.role, "Leiter", "{header}");
            assert_eq!(c.emails[0].value, "jg@example.de", "{header}");
            let phones: Vec<(&str, &str)> = c
                .phones
                .iter()
                .map(|p| (p.value.as_str(), p.label.as_str()))
                .collect();
            assert_eq!(
                phones,
                [("+49 170 1234567", "mobile"), ("+49 30 1234", "work")],
                "{header}"
            );
            assert!(c.birthday.is_some(), "{header}");
            assert_eq!(c.tags, ["Kunden", "VIP"], "{header}");
        }
    }
}

#[test]
fn outlook_csv_with_only_email_columns_is_recognised() {
    let csv =
        "E-mail Address,E-mail Display Name\r\nann@example.com,Ann Lee\r\nbob@example.com,\r\n";
    let p = parse(csv.as_bytes());
    assert_eq!(p.format, Some(Format::OutlookCsv));
    assert_eq!(names(&p), ["ann@example.com", "bob@example.com"]);
}

#[test]
fn a_japanese_outlook_csv_in_shift_jis_is_read() {
    let text = "名,姓,会社名,役職,電子メール アドレス,携帯電話,会社電話,誕生日,分類\r\n\
太郎,山田,株式会社サンプル,部長,taro@example.jp,090-1234-5678,03-1234-5678,1970/3/14,取引先\r\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let p = parse(&bytes);
    assert_eq!(p.format, Some(Format::OutlookCsv));
    let c = only(&p);
    assert_eq!(c.display_name, "太郎 山田");
    assert_eq!(c.organization, "株式会社サンプル");
    assert_eq!(c.role, "部長");
    assert_eq!(c.tags, ["取引先"]);
    assert_eq!(c.phones[0].label, "mobile");
}

#[test]
fn a_quoted_printable_soft_break_folded_with_an_indent() {
    // As some Android exports write it: the soft break splits a UTF-8 character and the
    // continuation is indented as a fold.
    let file = "BEGIN:VCARD\r\nVERSION:2.1\r\n\
FN;CHARSET=UTF-8;QUOTED-PRINTABLE:=E5=8D=81=E5=9F=8E=E7=9B=AE=E7=AE=A1=E7=90=86=E5=A4=A7=E5=9E=8B=E7=9F=A5=E5=\r\n \
=BA=A7\r\nORG;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Soci=C3=A9t=C3=A9=\r\n G=C3=A9n=C3=A9rale\r\nEND:VCARD\r\n";
    let c = only(&parse(file.as_bytes())).clone();
    assert_eq!(c.display_name, "十城目管理大型知座");
    assert_eq!(c.organization, "Société Générale");
}
