//! The layers of ARCHITECTURE.md, checked: a module may use its own layer and the layers
//! below it, never one above. Every `crate::<module>` a source file names (outside its unit
//! tests) is an edge; an edge that climbs is a violation. The violations that exist today
//! are listed in `KNOWN` (issue 11 asks for none): the test fails on a new one, and on a
//! listed one that is gone, so the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first, and the top-level modules of each.
const LAYERS: &[(&str, &[&str])] = &[
    ("types", &["error", "handle", "state", "proplist", "names", "access", "sync", "identity"]),
    ("model", &["world", "control", "registry", "journal"]),
    (
        "session",
        &[
            "handle_table",
            "diagnostics",
            "leak",
            "history",
            "fault",
            "trigger",
            "notify",
            "notify_v2",
            "caller",
            "simulator",
        ],
    ),
    ("calls", &["call", "api", "levers", "inspect"]),
    ("faces", &["strategies", "lib"]),
];

/// Upward edges that exist today, each with what it is for. Issue 11 point 4 removes them.
const KNOWN: &[(&str, &str, &str)] = &[
    ("fault", "calls", "a fault rule's operation is checked against the declared calls"),
    ("trigger", "calls", "a trigger's operation is checked against the declared calls"),
    ("caller", "calls", "the C caller's frame is the one after a declared export"),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source names as `crate::<module>` or in `use crate::{...}`.
fn edges(text: &str) -> BTreeSet<String> {
    // Unit tests may reach anywhere.
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or("");
            for item in group.split(',') {
                let name: String =
                    item.trim().chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            // `crate::Simulator` and other root re-exports are the faces' names: not an edge
            // into a module.
            let next = rest.as_bytes().get(name.len());
            // `crate::calls()` is the declared list of calls: an edge into the calls layer.
            if !name.is_empty() && (next == Some(&b':') || (name == "calls" && next == Some(&b'('))) {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut files = Vec::new();
    sources(root, &mut files);
    let mut found: BTreeMap<(String, String), String> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(root).expect("under src");
        let module = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .trim_end_matches(".rs");
        let Some(own) = layer_of(module) else {
            panic!("src/{} is in no layer: add its module to LAYERS", rel.display());
        };
        let text = std::fs::read_to_string(&file).expect("read");
        for target in edges(&text) {
            if target == module {
                continue;
            }
            // `crate::codes`, `crate::calls` and other root items: `calls` is the declared
            // list (the calls layer), the rest are types re-exported at the root.
            let target_layer = match target.as_str() {
                "calls" => Some(3),
                t => layer_of(t),
            };
            if let Some(t) = target_layer {
                if t > own {
                    found.insert((module.to_owned(), target.clone()), rel.display().to_string());
                }
            }
        }
    }
    let known: BTreeSet<(String, String)> =
        KNOWN.iter().map(|(a, b, _)| ((*a).to_owned(), (*b).to_owned())).collect();
    let new: Vec<_> = found.iter().filter(|(k, _)| !known.contains(*k)).collect();
    assert!(new.is_empty(), "imports that climb a layer (see ARCHITECTURE.md): {new:?}");
    let gone: Vec<_> = known.iter().filter(|k| !found.contains_key(*k)).collect();
    assert!(gone.is_empty(), "these known violations are gone: remove them from KNOWN: {gone:?}");
}
