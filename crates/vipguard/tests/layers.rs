//! The engine's folders import each other in one direction only (ARCHITECTURE.md, "Invariants"):
//! this test reads every source file and fails on any `crate::<folder>` path the table below does
//! not allow. Enforcement for the rule, in the manner of refined-github's `build/features.test.ts`.
//! (Paths that climb out with `super::super::` are not read; the code uses `crate::` paths.)

use std::collections::BTreeSet;
use std::path::Path;

/// Each top-level module of `src/` and the ones it may import. Everything points down the list.
const ALLOWED: &[(&str, &[&str])] = &[
    ("codec", &[]),
    ("parallel", &[]),
    ("text", &[]),
    ("avatar", &[]),
    ("formats", &["text", "avatar"]),
    ("candidates", &["text", "codec", "parallel"]),
    (
        "verdict",
        &["text", "avatar", "candidates", "formats", "parallel"],
    ),
    ("snapshot", &["verdict", "candidates", "formats", "codec"]),
];

/// The `crate::<module>` edges of one file's text, test modules included.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        // `$crate::` in macros and names such as `my_crate::` are not paths into this crate.
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[i + "crate::".len()..];
        let module: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // `crate::{a::b, c::{d, e}}` groups: the first name of each item at the group's own depth.
        if module.is_empty() && rest.starts_with('{') {
            out.extend(group_heads(rest));
        } else {
            out.insert(module);
        }
    }
    out
}

/// The first name of each item of the `{…}` group `rest` starts with, nested groups skipped.
fn group_heads(rest: &str) -> Vec<String> {
    let (mut depth, mut item, mut heads) = (0, String::new(), Vec::new());
    let mut take = |item: &mut String| {
        let head: String = item
            .trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !head.is_empty() {
            heads.push(head);
        }
        item.clear();
    };
    for c in rest.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => {
                take(&mut item);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 1 => take(&mut item),
            _ if depth == 1 => item.push(c),
            _ => {}
        }
    }
    heads
}

/// Edges from `module` (a folder or a file of `src/`) that the table does not allow.
fn violations(module: &str, text: &str) -> Vec<String> {
    let allowed = ALLOWED
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, a)| *a)
        .unwrap_or_else(|| panic!("src/{module}: not in the layer table; add it"));
    imports(text)
        .into_iter()
        .filter(|to| to != module && !allowed.contains(&to.as_str()))
        // Items re-exported at the crate root are the public API: only lib.rs may name them.
        .map(|to| format!("{module} -> {to}"))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_import_points_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut modules = 0;
    for e in std::fs::read_dir(&src).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name == "lib" {
            continue; // re-exports only
        }
        modules += 1;
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path.clone());
        }
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for v in violations(&name, &text) {
                found.push(format!("{}: {v}", f.strip_prefix(&src).unwrap().display()));
            }
        }
    }
    assert_eq!(
        modules,
        ALLOWED.len(),
        "every module of src/ is in the table"
    );
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_against_the_layers() {
    assert_eq!(
        violations("text", "use crate::verdict::wording::Lang;"),
        ["text -> verdict"]
    );
    assert_eq!(
        violations("avatar", "use crate::{formats::Profile, avatar::Rgb};"),
        ["avatar -> formats"]
    );
    assert_eq!(
        violations("candidates", "x.map(crate::snapshot::save)"),
        ["candidates -> snapshot"]
    );
    assert_eq!(
        violations("text", "use crate::{text::{handle, name}, verdict::X};"),
        ["text -> verdict"]
    );
    assert!(violations("verdict", "use crate::text::handle; $crate::x; my_crate::y").is_empty());
}
