fn main() {
    for path in std::env::args().skip(1) {
        let p = std::path::Path::new(&path);
        match rapport::formats::read_source(p, None) {
            Ok(parsed) => {
                println!("=== {path}: {:?}", parsed.format);
                for c in &parsed.contacts {
                    let c2 = &c.contact;
                    println!(
                        "  L{} {:?} g={:?} f={:?} org={:?} role={:?} emails={:?} phones={:?} links={:?} bday={:?} tags={:?} met={:?}/{:?}\n     notes={:?} extra={:?}",
                        c.line,
                        c2.display_name,
                        c2.given_name,
                        c2.family_name,
                        c2.organization,
                        c2.role,
                        c2.emails
                            .iter()
                            .map(|e| format!("{}|{}", e.value, e.label))
                            .collect::<Vec<_>>(),
                        c2.phones
                            .iter()
                            .map(|e| format!("{}|{}", e.value, e.label))
                            .collect::<Vec<_>>(),
                        c2.links
                            .iter()
                            .map(|e| format!("{}|{}", e.value, e.label))
                            .collect::<Vec<_>>(),
                        c2.birthday,
                        c2.tags,
                        c2.how_met,
                        c2.met_on,
                        c2.notes,
                        serde_json::Value::Object(c2.extra.clone())
                            .to_string()
                            .chars()
                            .take(300)
                            .collect::<String>()
                    );
                }
                for s in &parsed.skipped {
                    println!("  SKIP {s}");
                }
                for i in &parsed.interactions {
                    println!("  INT {i:?}");
                }
            }
            Err(e) => println!("=== ERR {e}"),
        }
    }
}
