//! The JSON store: the demo file, round trips with unknown fields, every bad-file case (a clear
//! message, the position where known, the file untouched), and atomic saves.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use rapport::model::{
    Birthday, ChannelId, Contact, ContactId, Dataset, Depth, Interaction, InteractionId, Labeled,
    Settings, default_channels,
};
use rapport::store::{self, Document, LoadStep, Problem, StoreError};
use serde_json::{Value, json};

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A small valid dataset with two people, a group interaction and a solo one.
fn small_dataset() -> Dataset {
    let at = Utc.with_ymd_and_hms(2025, 1, 2, 9, 30, 0).unwrap();
    let mut ada = Contact::with_id(ContactId(0xa), "Ada Lovelace", at);
    ada.emails.push(Labeled::new("ada@example.org", "work"));
    ada.birthday = Some(Birthday {
        year: None,
        month: 12,
        day: 10,
    });
    ada.tags = vec!["mentor".into()];
    ada.cadence_days = Some(30);
    let bo = Contact::with_id(ContactId(0xb), "Bo Ng", at);
    let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    let mut group = Interaction::new(day, vec![ContactId(0xa), ContactId(0xb)], ChannelId(2));
    group.id = InteractionId(0x100);
    group.minutes = Some(90);
    group.summary = "Chamber of Commerce breakfast".into();
    let mut call = Interaction::new(day, vec![ContactId(0xa)], ChannelId(4));
    call.id = InteractionId(0x101);
    call.depth = Depth::new(5).unwrap();
    call.follow_up = NaiveDate::from_ymd_opt(2025, 3, 11);
    Dataset::from_parts(
        vec![ada, bo],
        default_channels(),
        vec![group, call],
        Settings::default(),
    )
    .unwrap()
}

fn small_json() -> Value {
    let bytes = store::to_json(&Document::new(small_dataset())).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Writes `bytes` to a fresh folder, loads it, and checks the load fails without touching the
/// file or leaving anything beside it. Returns the error.
fn load_fails(bytes: &[u8]) -> StoreError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    fs::write(&path, bytes).unwrap();
    let err = store::load(&path).expect_err("the file should be refused");
    assert_eq!(fs::read(&path).unwrap(), bytes, "loading changed the file");
    assert_eq!(names_in(dir.path()), vec!["people.json".to_owned()]);
    let message = err.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "the message names the file: {message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");
    err
}

fn load_fails_json(value: &Value) -> StoreError {
    load_fails(&serde_json::to_vec_pretty(value).unwrap())
}

#[test]
fn the_demo_file_loads_and_matches_its_generator() {
    let path = repo_file("assets/demo.json");
    let doc = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let data = &doc.data;
    assert!((30..=80).contains(&data.contacts().len()));
    assert!(data.interactions().len() >= 200);
    assert_eq!(data.channels().len(), 8);
    assert!(
        data.interactions()
            .iter()
            .any(|it| it.participants.len() > 2)
    );
    let regenerated = store::to_json(&Document::new(rapport::synth::demo_dataset())).unwrap();
    let on_disk = fs::read(&path).unwrap();
    assert!(
        regenerated == on_disk,
        "assets/demo.json is stale: run `cargo run --example demo_data -- assets/demo.json`"
    );
}

#[test]
fn a_saved_file_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    let doc = Document::new(small_dataset());
    store::save(&doc, &path).unwrap();
    let back = store::load(&path).unwrap();
    assert_eq!(back, doc);
    assert_eq!(store::to_json(&back).unwrap(), fs::read(&path).unwrap());
}

#[test]
fn unknown_fields_everywhere_survive_a_round_trip() {
    let mut v = small_json();
    v["synced_with"] = json!({"service": "carddav", "etag": [1, 2, 3]});
    v["settings"]["theme_of_the_future"] = json!("sepia");
    v["settings"]["strength"]["warmth"] = json!(0.5);
    v["settings"]["cadence"]["by_season"] = json!({"summer": 10});
    v["channels"][0]["icon"] = json!("handshake");
    v["contacts"][0]["pronouns"] = json!("she/her");
    v["contacts"][0]["emails"][0]["verified"] = json!(true);
    v["contacts"][1]["nested"] = json!({"deep": {"list": [null, 1.5, "x"]}});
    v["interactions"][0]["location"] = json!({"lat": 50.1, "lon": -5.5});
    v["interactions"][1]["mood"] = json!(4);
    let original = serde_json::to_vec_pretty(&v).unwrap();

    let doc = store::load_bytes(Path::new("in.json"), &original).unwrap();
    assert_eq!(doc.data.contacts()[0].extra["pronouns"], json!("she/her"));
    let written = store::to_json(&doc).unwrap();
    let reread: Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(reread, v, "the written file means what the original meant");
    // Field order is kept too, so a second round trip is byte-identical.
    let again = store::to_json(&store::load_bytes(Path::new("w.json"), &written).unwrap()).unwrap();
    assert_eq!(again, written);
}

/// Numbers in unknown fields are written back exactly as they were written: a 23-digit integer
/// does not become `1.2345678901234568e22`, nor `1e2` become `100.0`.
#[test]
fn numbers_in_unknown_fields_keep_their_exact_text() {
    const NUMBERS: [&str; 9] = [
        "12345678901234567890123",
        "-98765432109876543210987654321",
        "1e2",
        "1E+2",
        "-0",
        "1.0",
        "0.1000000000000000055511151231257827",
        "2.5e-400",
        "1.7976931348623157e309",
    ];
    let base = String::from_utf8(store::to_json(&Document::new(small_dataset())).unwrap()).unwrap();
    let list = NUMBERS.join(", ");
    // One unknown field in each place that keeps them: top level, settings, a channel, a
    // contact, an email, an interaction.
    let text = base
        .replacen("{\n", &format!("{{\n  \"numbers\": [{list}],\n"), 1)
        .replacen(
            "\"strength\": {",
            &format!(
                "\"strength\": {{\n      \"big\": {}, \"e\": 1e-7,",
                NUMBERS[0]
            ),
            1,
        )
        .replacen(
            "\"mode\": \"offline\"",
            "\"mode\": \"offline\", \"n\": 1e2",
            1,
        )
        .replacen(
            "\"display_name\": \"Ada Lovelace\",",
            &format!("\"display_name\": \"Ada Lovelace\", \"n\": {},", NUMBERS[1]),
            1,
        )
        .replacen(
            "\"label\": \"work\"",
            "\"label\": \"work\", \"n\": -0, \"m\": 1E2",
            1,
        )
        .replacen(
            "\"depth\": 5",
            &format!(
                "\"depth\": 5, \"n\": {}, \"m\": [{{\"x\": 2.5e-400}}]",
                NUMBERS[6]
            ),
            1,
        );
    let doc = store::load_bytes(Path::new("in.json"), text.as_bytes()).unwrap();
    let written = String::from_utf8(store::to_json(&doc).unwrap()).unwrap();
    for n in NUMBERS {
        assert!(written.contains(n), "{n} is kept as written:\n{written}");
    }
    for (field, n) in [
        ("big", NUMBERS[0]),
        ("n", "1e2"),
        ("n", NUMBERS[1]),
        ("n", "-0"),
        ("n", NUMBERS[6]),
        ("e", "1e-7"),
        ("m", "1E2"),
        ("x", "2.5e-400"),
    ] {
        assert!(
            written.contains(&format!("\"{field}\": {n}")),
            "{field}: {n}"
        );
    }
    assert!(
        !written.contains("e+22") && !written.contains("100.0"),
        "{written}"
    );
    let again =
        store::to_json(&store::load_bytes(Path::new("w.json"), written.as_bytes()).unwrap())
            .unwrap();
    assert_eq!(
        String::from_utf8(again).unwrap(),
        written,
        "a second round trip is byte-identical"
    );
}

#[test]
fn missing_optional_parts_get_their_defaults() {
    let v = json!({
        "format": "rapport",
        "version": 1,
        "contacts": [{
            "id": "1", "display_name": "Ada",
            "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z"
        }],
        "interactions": [{
            "id": "2", "date": "2025-02-03", "participants": ["1"], "channel": "5", "depth": 3
        }]
    });
    let doc = store::load_bytes(Path::new("min.json"), v.to_string().as_bytes()).unwrap();
    assert_eq!(doc.data.channels(), default_channels().as_slice());
    assert_eq!(doc.data.settings(), &Settings::default());
    assert_eq!(doc.data.interactions()[0].depth.get(), 3);
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(load_fails(b"").problem, Problem::Empty);
    assert_eq!(load_fails(b" \n\t\n").problem, Problem::Empty);
    let err = load_fails(b"");
    assert!(err.to_string().ends_with("the file is empty"));
}

#[test]
fn truncated_json_says_where_it_ends() {
    let full = serde_json::to_vec_pretty(&small_json()).unwrap();
    let cut = &full[..full.len() / 2];
    let err = load_fails(cut);
    assert!(
        matches!(&err.problem, Problem::Json { message, .. } if message.contains("ends too early")),
        "{err}"
    );
    let (line, _) = err.position().expect("a position");
    let lines = cut.iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(line >= lines - 1, "line {line} of {lines}");
    assert!(err.to_string().contains(&format!("line {line}")));
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = load_fails(b"{\n  \"format\": \"rapport\",\n  \"version\": 1,,\n}");
    assert_eq!(err.position(), Some((3, 16)), "{err}");
    assert!(err.to_string().contains("malformed"), "{err}");
    let err = load_fails(b"hello");
    assert!(err.to_string().contains("(line 1, column 1)"), "{err}");
}

#[test]
fn a_wrong_root_type_is_named() {
    for (text, what) in [
        ("[1, 2]", "a JSON list"),
        ("\"rapport\"", "a JSON string"),
        ("42", "a JSON number"),
        ("-1", "a JSON number"),
        ("null", "a JSON null"),
        ("true", "a JSON true or false"),
    ] {
        let err = load_fails(text.as_bytes());
        assert_eq!(err.problem, Problem::WrongRoot(what), "{text}");
        assert!(err.to_string().contains("not a Rapport data object"));
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let in_unknown = format!("{{\"format\":\"rapport\",\"version\":1,\"x\":{nested}}}");
    let in_header = format!("{{\"format\":{nested},\"version\":1}}");
    let objects = format!(
        "{{\"format\":\"rapport\",\"version\":1,\"contacts\":[{{\"x\":{}1{}}}]}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    for text in [in_unknown, in_header, objects] {
        let err = load_fails(text.as_bytes());
        assert!(
            matches!(&err.problem, Problem::Json { message, .. } if message.contains("nested too deeply")),
            "{err}"
        );
        assert!(err.position().is_some());
    }
    // A root list nested deeply is simply not a Rapport object.
    let err = load_fails("[".repeat(depth).as_bytes());
    assert_eq!(err.problem, Problem::WrongRoot("a JSON list"));
}

#[test]
fn non_utf8_bytes_are_located() {
    let mut bytes = b"{\n  \"format\": \"rapport\",\n  \"x\": \"caf".to_vec();
    bytes.push(0xE9); // Latin-1 é
    bytes.extend_from_slice(b"\"\n}");
    let err = load_fails(&bytes);
    assert_eq!(
        err.problem,
        Problem::NotUtf8 {
            line: 3,
            column: 12
        }
    );
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}

#[test]
fn utf16_with_and_without_byte_order_mark_is_recognised() {
    let text = small_json().to_string();
    let units: Vec<u16> = text.encode_utf16().collect();
    let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    for bytes in [
        [&[0xFF, 0xFE][..], &le].concat(),
        [&[0xFE, 0xFF][..], &be].concat(),
        le,
        be,
    ] {
        let err = load_fails(&bytes);
        assert_eq!(err.problem, Problem::Utf16);
        assert!(err.to_string().contains("UTF-16"));
    }
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let bytes = [&[0xEF, 0xBB, 0xBF][..], small_json().to_string().as_bytes()].concat();
    assert!(store::load_bytes(Path::new("bom.json"), &bytes).is_ok());
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let bytes = vec![b' '; 3000];
    fs::write(&path, &bytes).unwrap();
    let mut calls = 0;
    let err = store::read_limited(&path, 2048, &mut |_, _| calls += 1).unwrap_err();
    assert_eq!(
        err.problem,
        Problem::TooLarge {
            size: 3000,
            limit: 2048
        }
    );
    assert_eq!(calls, 0, "nothing was read");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the file is 2.9 KiB, larger than the 2.0 KiB Rapport can open",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    // At the limit exactly, the file is read, with progress reaching the total.
    let mut last = (0, 0);
    let read = store::read_limited(&path, 3000, &mut |done, total| last = (done, total)).unwrap();
    assert_eq!(read.len(), 3000);
    assert_eq!(last, (3000, 3000));
    assert_eq!(store::MAX_FILE_BYTES, 1 << 30);
}

#[test]
fn a_missing_or_bad_version_is_refused() {
    let mut v = small_json();
    v.as_object_mut().unwrap().remove("version");
    assert_eq!(load_fails_json(&v).problem, Problem::MissingVersion);
    v["version"] = json!(null);
    assert_eq!(load_fails_json(&v).problem, Problem::MissingVersion);
    for bad in [json!("1"), json!(0), json!(-1), json!(1.5), json!([1])] {
        v["version"] = bad.clone();
        let err = load_fails_json(&v);
        assert!(
            matches!(err.problem, Problem::BadVersion(_)),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains("not a valid version"));
    }
}

#[test]
fn a_newer_version_is_read_but_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    let mut v = small_json();
    v["version"] = json!(3);
    v["hologram"] = json!({"enabled": true});
    let bytes = serde_json::to_vec_pretty(&v).unwrap();
    fs::write(&path, &bytes).unwrap();
    let doc = store::load(&path).unwrap();
    assert_eq!(doc.newer_version(), Some(3));
    let err = store::save(&doc, &path).unwrap_err();
    assert_eq!(
        err.problem,
        Problem::NewerVersion {
            found: 3,
            supported: 2
        }
    );
    assert!(err.to_string().contains("newer Rapport"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(names_in(dir.path()), vec!["future.json".to_owned()]);

    // A newer file whose content this build cannot parse is refused with the same explanation.
    v["contacts"] = json!({"changed": "shape"});
    let err = load_fails_json(&v);
    assert_eq!(
        err.problem,
        Problem::NewerUnreadable {
            found: 3,
            supported: 2
        }
    );
    assert!(err.to_string().contains("update Rapport"), "{err}");
}

#[test]
fn json_that_is_not_a_rapport_file_is_named_so() {
    assert_eq!(
        load_fails(br#"{"name": "Ada", "email": "ada@example.org"}"#).problem,
        Problem::NotRapport
    );
    assert_eq!(
        load_fails(br#"{"format": "vcard", "version": 1}"#).problem,
        Problem::NotRapport
    );
    let err = load_fails(br#"{"format": "rapport", "format": "rapport", "version": 1}"#);
    assert!(err.to_string().contains("duplicate field"), "{err}");
}

#[test]
fn duplicate_ids_are_refused() {
    let mut v = small_json();
    v["contacts"][1]["id"] = v["contacts"][0]["id"].clone();
    let err = load_fails_json(&v);
    assert!(matches!(err.problem, Problem::Integrity { .. }));
    // The line of the second record with that id.
    let text = serde_json::to_string_pretty(&v).unwrap();
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"id\": \"000000000000000a\""))
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    assert!(
        err.to_string().contains(&format!(
            "contact id 000000000000000a is used twice (line {second})"
        )),
        "{err}"
    );

    let mut v = small_json();
    v["interactions"][1]["id"] = v["interactions"][0]["id"].clone();
    assert!(load_fails_json(&v).to_string().contains("is used twice"));

    let mut v = small_json();
    v["channels"][1]["id"] = json!("1");
    assert!(
        load_fails_json(&v)
            .to_string()
            .contains("channel id 0000000000000001 is used twice")
    );
}

#[test]
fn an_interaction_naming_a_missing_contact_is_refused() {
    let mut v = small_json();
    v["interactions"][0]["participants"][1] = json!("00000000000000ff");
    let err = load_fails_json(&v);
    let text = serde_json::to_string_pretty(&v).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"id\": \"0000000000000100\""))
        .unwrap()
        + 1;
    assert!(
        err.to_string().ends_with(&format!(
            "interaction 0000000000000100 names contact 00000000000000ff, which does not exist \
             (line {line})"
        )),
        "{err}"
    );
    let mut v = small_json();
    v["interactions"][0]["channel"] = json!("99");
    assert!(load_fails_json(&v).to_string().contains("channel"));
}

#[test]
fn many_broken_rules_are_counted() {
    let mut v = small_json();
    for it in v["interactions"].as_array_mut().unwrap() {
        it["participants"] = json!(["ffff"]);
    }
    v["contacts"][0]["display_name"] = json!(" ");
    v["contacts"][1]["birthday"] = json!({"month": 2, "day": 30});
    let err = load_fails_json(&v);
    match &err.problem {
        Problem::Integrity { first, total } => {
            assert_eq!(first.len(), 3);
            assert_eq!(*total, 4);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().ends_with("(and 1 more problems)"), "{err}");
}

#[test]
fn bad_values_are_located() {
    let mut v = small_json();
    v["interactions"][0]["depth"] = json!(9);
    let err = load_fails_json(&v);
    assert!(err.to_string().contains("depth 9 is outside 1-5"), "{err}");
    assert!(err.position().is_some());

    let mut v = small_json();
    v["interactions"][1]["date"] = json!("2025-13-01");
    let err = load_fails_json(&v);
    assert!(
        err.to_string()
            .contains("the field \"date\" is not valid (\"2025-13-01\")"),
        "{err}"
    );
    assert!(err.position().is_some());

    let mut v = small_json();
    v["contacts"][0]["id"] = json!("not hex");
    assert!(
        load_fails_json(&v)
            .to_string()
            .contains("an id of 1 to 16 hex digits")
    );

    let mut v = small_json();
    v["contacts"].as_array_mut().unwrap()[0]
        .as_object_mut()
        .unwrap()
        .remove("display_name");
    assert!(
        load_fails_json(&v)
            .to_string()
            .contains("missing field `display_name`")
    );
}

#[test]
fn a_folder_or_a_missing_file_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let err = store::load(dir.path()).unwrap_err();
    assert_eq!(err.problem, Problem::IsDirectory);
    let err = store::load(&dir.path().join("nope.json")).unwrap_err();
    assert!(err.to_string().ends_with("there is no such file"), "{err}");
}

#[test]
fn a_save_that_fails_half_way_leaves_the_old_file_and_no_stray_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    store::save(&Document::new(small_dataset()), &path).unwrap();
    store::save(&Document::new(small_dataset()), &path).unwrap();
    let old = fs::read(&path).unwrap();
    let old_backup = fs::read(store::backup_path(&path)).unwrap();
    let before = names_in(dir.path());
    assert_eq!(before, vec!["people.json", "people.json.bak"]);

    let err = store::save_with(&path, |w| {
        w.write_all(b"{\"format\": \"rapport\", \"contacts\": [")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(fs::read(store::backup_path(&path)).unwrap(), old_backup);
    assert_eq!(names_in(dir.path()), before, "no temporary file is left");
}

#[test]
fn a_successful_save_keeps_the_previous_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    let first = Document::new(small_dataset());
    store::save(&first, &path).unwrap();
    assert!(
        !store::backup_path(&path).exists(),
        "nothing to back up yet"
    );
    let first_bytes = fs::read(&path).unwrap();

    let mut second = first.clone();
    second
        .data
        .apply(rapport::model::Edit::PutContact(Contact::with_id(
            ContactId(0xc),
            "Cy Twombly",
            Utc.with_ymd_and_hms(2025, 5, 1, 0, 0, 0).unwrap(),
        )))
        .unwrap();
    store::save(&second, &path).unwrap();
    assert_eq!(fs::read(store::backup_path(&path)).unwrap(), first_bytes);
    assert_eq!(store::load(&path).unwrap().data.contacts().len(), 3);
    assert_eq!(
        store::backup_path(&path).file_name().unwrap(),
        "people.json.bak"
    );
}

#[test]
fn saving_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("people.json");
    let err = store::save(&Document::new(small_dataset()), &path).unwrap_err();
    assert!(
        err.to_string().contains("its folder does not exist"),
        "{err}"
    );
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn interaction_fields_are_read_strictly() {
    let mut v = small_json();
    v["interactions"][0]["time"] = json!(null);
    v["interactions"][0]["minutes"] = json!(null);
    v["interactions"][0]["follow_up"] = json!(null);
    let doc = store::load_bytes(Path::new("n.json"), v.to_string().as_bytes()).unwrap();
    let it = &doc.data.interactions()[0];
    assert_eq!((it.time, it.minutes, it.follow_up), (None, None, None));
    assert!(it.extra.is_empty());

    let base = small_json().to_string();
    let with_twice = |field: &str, value: &str| {
        base.replacen(
            "\"participants\"",
            &format!("\"{field}\": {value}, \"participants\""),
            1,
        )
    };
    for (field, value) in [("depth", "3"), ("summary", "\"x\""), ("mood", "1")] {
        let mut text = with_twice(field, value);
        if field == "mood" {
            text = text.replacen("\"participants\"", "\"mood\": 2, \"participants\"", 1);
        }
        let err = load_fails(text.as_bytes());
        assert!(
            err.to_string()
                .contains(&format!("duplicate field `{field}`")),
            "{err}"
        );
    }

    let mut v = small_json();
    v["interactions"][0].as_object_mut().unwrap().remove("date");
    let err = load_fails_json(&v);
    assert!(err.to_string().contains("missing field `date`"), "{err}");
    let mut v = small_json();
    v["interactions"][0]["initiated_by"] = json!("nobody");
    assert!(load_fails_json(&v).to_string().contains("unknown variant"));
}

#[test]
fn integrity_errors_point_at_the_record_even_in_tricky_files() {
    // Channel "1" shares its id with the contacts; a note quotes an id; an unknown field nests
    // its own "id". Only the second contact with id 1 is the duplicate, on line 7.
    let text = r#"{"format": "rapport", "version": 1,
"channels": [{"id": "1", "name": "In person", "mode": "offline"}],
"contacts": [
 {"id": "1", "display_name": "A \"quoted\" name", "notes": "see \"id\": \"1\"",
  "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z",
  "x": {"id": "1"}},
 {"display_name": "B", "id": "0001",
  "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z"}
]}"#;
    let err = load_fails(text.as_bytes());
    assert!(
        err.to_string()
            .ends_with("contact id 0000000000000001 is used twice (line 7)"),
        "{err}"
    );
}

#[test]
fn ids_are_written_as_sixteen_lower_case_hex_digits() {
    assert_eq!(ContactId(0).to_string(), "0000000000000000");
    assert_eq!(ContactId(u64::MAX).to_string(), "ffffffffffffffff");
    assert_eq!(
        serde_json::to_string(&InteractionId(0x0123_4567_89ab_cdef)).unwrap(),
        "\"0123456789abcdef\""
    );
    assert_eq!(
        serde_json::from_str::<ChannelId>("\"ABC\"").unwrap(),
        ChannelId(0xabc)
    );
}

/// Six tier cadences in place of five were reported as "the JSON is malformed: trailing
/// characters", though the JSON is well formed; the message now says what the list must hold.
#[test]
fn a_wrong_number_of_tier_cadences_is_named() {
    for tiers in [json!([1, 2, 3, 4, 5, 6]), json!([1, 2, 3])] {
        let mut v = small_json();
        v["settings"]["cadence"]["by_tier"] = tiers;
        let message = load_fails_json(&v).to_string();
        assert!(!message.contains("malformed"), "{message}");
        assert!(message.contains("5 cadences, one per tier"), "{message}");
        assert!(message.contains("(line "), "{message}");
    }
    let mut v = small_json();
    v["settings"]["cadence"]["by_tier"] = json!([1, 2, 3, 4, 5]);
    let doc = store::load_bytes(Path::new("t.json"), &serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(doc.data.settings().cadence.by_tier, [1, 2, 3, 4, 5]);
}

#[test]
fn a_file_starting_with_a_zero_byte_is_binary_not_utf16() {
    for bytes in [
        &b"\0{\"format\": \"rapport\"}"[..],
        b"\0\0\0\0",
        b"{\0\0\0}",
        b"\x7fELF\x02\x01\x01\0\0",
    ] {
        let err = load_fails(bytes);
        assert_ne!(err.problem, Problem::Utf16, "{err}");
        assert!(err.to_string().contains("not text"), "{err}");
    }
    // Real UTF-16 without a byte-order mark is still recognised, in both byte orders.
    let le: Vec<u8> = "{\"format\": 1}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = "{\"format\": 1}"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(load_fails(&le).problem, Problem::Utf16);
    assert_eq!(load_fails(&be).problem, Problem::Utf16);
}

#[test]
fn each_duplicate_id_gets_its_own_line() {
    let mut v = small_json();
    let ada = v["contacts"][0].clone();
    let contacts = v["contacts"].as_array_mut().unwrap();
    contacts.push(ada.clone());
    contacts.push(ada);
    let err = load_fails_json(&v);
    let text = serde_json::to_string_pretty(&v).unwrap();
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"id\": \"000000000000000a\""))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 3);
    let message = err.to_string();
    for line in &lines[1..] {
        assert!(
            message.contains(&format!("is used twice (line {line})")),
            "{message}"
        );
    }
}

#[test]
fn impossible_dates_name_their_field() {
    for (place, field, value) in [
        ("contacts", "met_on", "0000-00-00"),
        ("contacts", "met_on", "99999-01-01"),
        ("contacts", "snoozed_until", "2025-02-30"),
        ("contacts", "created", "0000-00-00T00:00:00Z"),
        ("interactions", "date", "0000-00-00"),
        ("interactions", "date", "99999-01-01"),
        ("interactions", "follow_up", "2025-13-01"),
    ] {
        let mut v = small_json();
        v[place][0][field] = json!(value);
        let err = load_fails_json(&v);
        let message = err.to_string();
        assert!(
            message.contains(&format!("\"{field}\"")) && message.contains(value),
            "{field} = {value}: {message}"
        );
        assert!(err.position().is_some(), "{message}");
    }
}

#[test]
fn timestamps_are_written_in_whole_seconds() {
    let at = Utc.with_ymd_and_hms(2025, 1, 2, 9, 30, 7).unwrap()
        + chrono::Duration::nanoseconds(123_456_789);
    let mut data = Dataset::new();
    let mut c = Contact::with_id(ContactId(1), "Ada", at);
    c.updated = at + chrono::Duration::milliseconds(1500);
    data.apply(rapport::model::Edit::PutContact(c)).unwrap();
    let text = String::from_utf8(store::to_json(&Document::new(data)).unwrap()).unwrap();
    assert!(
        text.contains("\"created\": \"2025-01-02T09:30:07Z\""),
        "{text}"
    );
    assert!(
        text.contains("\"updated\": \"2025-01-02T09:30:08Z\""),
        "{text}"
    );
    // A fresh contact (the clock has nanoseconds) too.
    let mut data = Dataset::new();
    data.apply(rapport::model::Edit::PutContact(Contact::new("Now")))
        .unwrap();
    let text = String::from_utf8(store::to_json(&Document::new(data)).unwrap()).unwrap();
    let created = text.lines().find(|l| l.contains("\"created\"")).unwrap();
    assert_eq!(
        created.trim().len(),
        "\"created\": \"2025-01-02T09:30:07Z\",".len(),
        "{created}"
    );
}

#[test]
fn loading_reports_progress_through_the_parse_to_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    let data = rapport::synth::generate(&rapport::synth::Spec::new(300, 30_000, 1)).unwrap();
    store::save(&store::Document::new(data), &path).unwrap();
    let size = fs::metadata(&path).unwrap().len();
    let mut steps = Vec::new();
    let doc = store::load_with_progress(&path, &mut |step| steps.push(step)).unwrap();
    assert_eq!(doc.data.interactions().len(), 30_000);

    // Reading, then parsing, then checking, each in order, and each stage only forward.
    let stage = |s: &LoadStep| match s {
        LoadStep::Reading { .. } => 0,
        LoadStep::Parsing { .. } => 1,
        LoadStep::Checking => 2,
    };
    assert!(steps.windows(2).all(|w| stage(&w[0]) <= stage(&w[1])));
    let read: Vec<(u64, u64)> = steps
        .iter()
        .filter_map(|s| match *s {
            LoadStep::Reading { done, total } => Some((done, total)),
            _ => None,
        })
        .collect();
    let parsed: Vec<(u64, u64)> = steps
        .iter()
        .filter_map(|s| match *s {
            LoadStep::Parsing { done, total } => Some((done, total)),
            _ => None,
        })
        .collect();
    assert_eq!(read.last(), Some(&(size, size)));
    assert!(read.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(parsed.windows(2).all(|w| w[0].0 <= w[1].0), "{parsed:?}");
    assert!(parsed.iter().all(|&(_, total)| total == size));
    assert_eq!(
        parsed.last(),
        Some(&(size, size)),
        "the parse ends at the total"
    );
    assert_eq!(steps.last(), Some(&LoadStep::Checking));
    // Many distinct positions inside the parse, not only before and after it: the
    // interactions list alone (most of the file) reports every thousand or so records.
    let inside: std::collections::BTreeSet<u64> = parsed
        .iter()
        .map(|&(done, _)| done)
        .filter(|&done| done > 0 && done < size)
        .collect();
    assert!(inside.len() >= 25, "{} positions: {inside:?}", inside.len());
    // Each position is where a record starts: the interactions' reports point at a field name.
    let text = fs::read_to_string(&path).unwrap();
    let at_record = inside
        .iter()
        .filter(|&&done| text[..done as usize].ends_with("{\n      \""))
        .count();
    assert!(
        at_record >= 25,
        "{at_record} of {} at a record",
        inside.len()
    );
    // Loading the same bytes without progress gives the same document.
    assert_eq!(store::load(&path).unwrap().data, doc.data);
}
