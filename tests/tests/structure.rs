//! The house rules a reviewer would otherwise check by hand: every module opens with a `//!` line
//! saying why it exists, no source file grows far past 400 lines, no two modules of one crate
//! import each other, only the shell depends on Tauri, and the domain crate stays pure (no SQLite,
//! no files).

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The `src` folders of every crate in the workspace, with the crate's folder.
fn crate_sources() -> Vec<(PathBuf, PathBuf)> {
    let mut out = vec![(root().join("src-tauri"), root().join("src-tauri/src")), (root().join("tests"), root().join("tests/src"))];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("Cargo.toml").is_file() {
            out.push((dir.clone(), dir.join("src")));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src`: `contract/contracts.rs` is `contract::contracts`,
/// `contract/mod.rs` is `contract`, `lib.rs` and `main.rs` the root (empty).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts.join("::")
}

#[test]
fn every_module_says_why_it_exists_and_stays_small() {
    let mut missing = vec![];
    let mut long = vec![];
    for (_, src) in crate_sources() {
        let mut files = vec![];
        rust_files(&src, &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // `command_list.rs` is included by build.rs as items, where an inner doc is not allowed.
            if !text.starts_with("//!") && !file.ends_with("command_list.rs") {
                missing.push(file.display().to_string());
            }
            if text.lines().count() > 420 {
                long.push(format!("{} ({} lines)", file.display(), text.lines().count()));
            }
        }
    }
    assert!(missing.is_empty(), "modules without a `//!` line: {missing:#?}");
    assert!(long.is_empty(), "files past ~400 lines (split them): {long:#?}");
}

#[test]
fn no_two_modules_of_a_crate_import_each_other() {
    let mut pairs = vec![];
    for (_, src) in crate_sources() {
        let mut files = vec![];
        rust_files(&src, &mut files);
        let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let from = module_of(&src, file);
            let text = std::fs::read_to_string(file).unwrap();
            for (at, _) in text.match_indices("crate::") {
                let path: String = text[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
                // The longest module the path names (`crate::contract::contracts::X` → `contract::contracts`).
                let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
                let target = (1..=segments.len()).rev().map(|n| segments[..n].join("::")).find(|m| modules.contains(m));
                if let Some(to) = target {
                    // A module naming its own parent folder (`crate::contract::ContractFilter`) is not a cycle.
                    if to != from && !from.starts_with(&format!("{to}::")) {
                        uses.entry(from.clone()).or_default().insert(to);
                    }
                }
            }
        }
        for (a, targets) in &uses {
            for b in targets {
                if a < b && uses.get(b).is_some_and(|t| t.contains(a)) {
                    pairs.push(format!("{}: {a} ↔ {b}", src.display()));
                }
            }
        }
    }
    assert!(pairs.is_empty(), "modules that import each other: {pairs:#?}");
}

#[test]
fn only_the_shell_knows_tauri_and_the_domain_is_pure() {
    for (dir, _) in crate_sources() {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        let deps: Vec<&str> = manifest.lines().map(str::trim).filter(|l| !l.starts_with('#')).collect();
        let has = |name: &str| {
            deps.iter().any(|l| l.starts_with(&format!("{name} ")) || l.starts_with(&format!("{name}.")) || l.starts_with(&format!("{name}=")))
        };
        if !dir.ends_with("src-tauri") {
            assert!(!has("tauri"), "{} depends on tauri", dir.display());
        }
        if dir.ends_with("domain") {
            for impure in ["rusqlite", "tenderwacht-store", "ureq", "reqwest", "walkdir", "tempfile"] {
                assert!(!has(impure), "the domain crate depends on {impure}");
            }
        }
    }
}
