//! The layers of ARCHITECTURE.md, checked. Each layer is a folder of `src/` (`types`,
//! `model`, `rules`, `session`, `calls`); `lib.rs` and `strategies.rs` are the public face. A
//! module may use its own layer and the layers below it, never one above.
//!
//! An edge is every path into the crate that a source file's code names (outside its unit
//! tests and comments): `crate::<layer>::...`, `$crate::<layer>::...` in macros, the items of
//! a `use crate::{...}` group, and the names the crate root re-exports (`crate::Lever` is an
//! edge into the layer `lib.rs` takes `Lever` from; `crate::calls()` one into `calls`). An
//! edge that climbs is a violation; there are none, and the test fails on the first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first. Each is a folder of `src/`.
const LAYERS: &[&str] = &["types", "model", "rules", "session", "calls"];
/// The public face: above every layer.
const FACES: &[&str] = &["lib.rs", "strategies.rs"];

fn src() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).to_path_buf()
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A source without its unit tests and its comments (doc links may name any layer).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(s: &str) -> String {
    s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// The items of a `{...}` group at its top level (the text after the `{`).
fn group_items(rest: &str) -> Vec<String> {
    let (mut depth, mut item, mut items) = (0usize, String::new(), Vec::new());
    for c in rest.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item);
    items.into_iter().map(|i| ident(i.trim())).filter(|i| !i.is_empty()).collect()
}

/// The first segment of every path into the crate that `code` names.
fn first_segments(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            out.extend(group_items(group));
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// What the crate root re-exports, by name: the layer each name comes from (`pub use
/// session::trigger::{Lever, ...}` makes `Lever` a name of `session`).
fn root_names() -> BTreeMap<String, usize> {
    let lib = code(&std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs"));
    let mut out = BTreeMap::new();
    for (i, _) in lib.match_indices("pub use ") {
        let rest = &lib[i + "pub use ".len()..];
        let statement = rest.split(';').next().unwrap_or("");
        let Some(layer) = LAYERS.iter().position(|l| ident(statement) == *l) else { continue };
        let names: Vec<String> = match statement.find('{') {
            Some(b) => group_items(&statement[b + 1..]),
            None => {
                let last = statement.rsplit(" as ").next().unwrap_or(statement);
                vec![ident(last.rsplit("::").next().unwrap_or(last).trim())]
            }
        };
        for name in names {
            out.insert(name, layer);
        }
    }
    out
}

/// The layer of a file of `src/` (`None`: the face).
fn layer_of_file(rel: &Path) -> Option<usize> {
    let first = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
    if rel.components().count() == 1 && FACES.contains(&first) {
        return None;
    }
    match LAYERS.iter().position(|l| *l == first) {
        Some(layer) => Some(layer),
        None => panic!("src/{} is in no layer: move it into a layer's folder", rel.display()),
    }
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let root = src();
    let names = root_names();
    assert!(names.contains_key("Simulator") && names.contains_key("Lever"), "read lib.rs's re-exports");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut climbs = Vec::new();
    let mut edges = 0;
    for file in &files {
        let rel = file.strip_prefix(&root).expect("under src");
        let Some(own) = layer_of_file(rel) else { continue };
        let text = code(&std::fs::read_to_string(file).expect("read"));
        for segment in first_segments(&text) {
            let target = match LAYERS.iter().position(|l| *l == segment) {
                Some(layer) => layer,
                None => match names.get(&segment) {
                    Some(layer) => *layer,
                    None => panic!(
                        "src/{}: `crate::{segment}` is neither a layer nor a name lib.rs re-exports",
                        rel.display()
                    ),
                },
            };
            edges += 1;
            if target > own {
                climbs.push(format!(
                    "src/{} ({}) uses crate::{segment} ({})",
                    rel.display(),
                    LAYERS[own],
                    LAYERS[target]
                ));
            }
        }
    }
    assert!(edges > 100, "found only {edges} edges: is the scan reading the sources?");
    assert!(climbs.is_empty(), "imports that climb a layer (see ARCHITECTURE.md):\n{}", climbs.join("\n"));
}

/// Each layer's folder says, in its `mod.rs`, what the layer holds and may not know.
#[test]
fn every_layer_is_a_folder_that_says_what_it_may_not_know() {
    for layer in LAYERS {
        let text = std::fs::read_to_string(src().join(layer).join("mod.rs"))
            .unwrap_or_else(|e| panic!("src/{layer}/mod.rs: {e}"));
        assert!(text.starts_with("//!"), "src/{layer}/mod.rs has no module doc");
        assert!(text.contains("nothing of"), "src/{layer}/mod.rs does not say what the layer may not know");
    }
    let arch = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md");
    for layer in LAYERS {
        assert!(
            arch.contains(&format!("`src/{layer}/`")),
            "ARCHITECTURE.md's layer table lacks `src/{layer}/`"
        );
    }
}

/// The scan itself: a group, a nested group, a macro path and a root name are all seen.
#[test]
fn the_scan_sees_every_form_of_path() {
    let found = first_segments(&code(
        "use crate::{types::error::Error, session::{a, b}};\n\
         $crate::calls::call::Cx::x(); crate::Lever::step(); // crate::rules::x\n",
    ));
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["Lever", "calls", "session", "types"]);
    assert_eq!(code("a // crate::calls::x"), "a ");
}
