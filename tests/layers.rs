//! The layer rule, checked by reading the source: each top-level module of `src/` may use only
//! the modules below it (see ARCHITECTURE.md), so no two top-level modules import each other,
//! and nothing outside `app` names egui, eframe or rfd. The views under `src/app/views` form no
//! cycle either. A reference is any `crate::name` path in code (comments are skipped), including
//! the names inside `use crate::{a, b}`.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Which top-level modules each top-level module may use. Dependencies point down:
/// model <- store, analytics <- formats, synth <- cli, app.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("store", &["model"]),
    ("analytics", &["model"]),
    ("formats", &["model", "store", "analytics"]),
    ("synth", &["model", "store"]),
    ("sync", &["model", "store", "formats"]),
    ("carddav", &["model", "store", "formats"]),
    (
        "cli",
        &[
            "model",
            "store",
            "analytics",
            "formats",
            "synth",
            "sync",
            "carddav",
        ],
    ),
    (
        "app",
        &[
            "model",
            "store",
            "analytics",
            "formats",
            "synth",
            "sync",
            "carddav",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file with `//` comments removed (string contents are kept; no source here
/// writes `crate::` inside a string).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segments after `prefix` (`crate::`, `crate::app::views::`...), including each
/// name listed in a `prefix{a, b::c}` group.
fn references(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Names at depth one of the group.
            let mut depth = 1;
            let mut start = true;
            for (i, c) in group.char_indices() {
                if start {
                    let name = ident(&group[i..]);
                    if !name.is_empty() {
                        out.insert(name);
                    }
                    start = false;
                }
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => start = true,
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// The module a file under `root` belongs to: its first path component, without `.rs`.
fn module_of(root: &Path, file: &Path) -> String {
    let first = file
        .strip_prefix(root)
        .unwrap()
        .components()
        .next()
        .unwrap();
    first
        .as_os_str()
        .to_str()
        .unwrap()
        .trim_end_matches(".rs")
        .to_owned()
}

/// Module -> the modules it references, for the files directly under `root`.
fn graph(root: &Path, prefix: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_of(root, &file);
        let text = fs::read_to_string(&file).unwrap();
        let refs = references(&code(&text), prefix);
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(refs.into_iter().filter(|r| *r != module));
    }
    graph
}

/// A cycle in `graph` restricted to its own nodes, as a path, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if graph.contains_key(next)
                && let Some(c) = visit(next, graph, stack, done)
            {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn top_level_modules_use_only_the_layers_below_them() {
    let graph = graph(&src(), "crate::");
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut problems = Vec::new();
    for (module, uses) in &graph {
        if matches!(module.as_str(), "lib" | "main" | "bin") {
            continue;
        }
        let Some(allowed) = layers.get(module.as_str()) else {
            problems.push(format!(
                "src/{module} is not in the layer table: add it to LAYERS in tests/layers.rs and \
                 to ARCHITECTURE.md"
            ));
            continue;
        };
        for used in uses {
            if layers.contains_key(used.as_str()) && !allowed.contains(&used.as_str()) {
                problems.push(format!(
                    "{module} uses crate::{used}, which is not below it"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn the_layer_table_has_no_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = LAYERS
        .iter()
        .map(|(m, uses)| {
            (
                (*m).to_owned(),
                uses.iter().map(|u| (*u).to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn only_the_app_names_gui_crates() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut problems = Vec::new();
    for file in files {
        if file.starts_with(src().join("app")) {
            continue;
        }
        let text = code(&fs::read_to_string(&file).unwrap());
        for word in ["egui", "eframe", "rfd", "winit"] {
            let named = text
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w == word);
            if named {
                problems.push(format!("{} names {word}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn views_form_no_cycle() {
    let views = src().join("app").join("views");
    let mut graph = graph(&views, "crate::app::views::");
    // `super::name` inside a view file is a sibling view too.
    let mut files = Vec::new();
    rust_files(&views, &mut files);
    for file in files {
        let module = module_of(&views, &file);
        // Files inside a view's folder reach siblings of the folder through `super::super::`.
        let in_views = file.parent() == Some(views.as_path()) || file.ends_with("mod.rs");
        let prefix = if in_views {
            "super::"
        } else {
            "super::super::"
        };
        let text = code(&fs::read_to_string(&file).unwrap());
        let refs = references(&text, prefix);
        graph
            .entry(module.clone())
            .or_default()
            .extend(refs.into_iter().filter(|r| *r != module));
    }
    graph.remove("mod");
    assert_eq!(find_cycle(&graph), None, "a cycle between views");
}

#[test]
fn the_scanner_sees_grouped_and_plain_references() {
    let refs = references(
        "use crate::{model::{A, B}, store};\nfn f() { crate::analytics::x(); }",
        "crate::",
    );
    let names: Vec<&str> = refs.iter().map(String::as_str).collect();
    assert_eq!(names, ["analytics", "model", "store"]);
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), ["b".to_owned()].into()),
        ("b".to_owned(), ["a".to_owned()].into()),
    ]
    .into();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()])
    );
}
