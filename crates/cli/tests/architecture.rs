//! ARCHITECTURE.md stays true: every repository path it names in backticks (`crates/…`,
//! `data/…`, `docs/…`, `compat/…`, `bench/…`) must exist, and every crate must have a section.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn named_paths(text: &str) -> Vec<String> {
    let prefixes = ["crates/", "data/", "docs/", "compat/", "bench/", ".ci/"];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| prefixes.iter().any(|p| span.starts_with(p)))
        .filter(|span| !span.contains(['*', '<', ' ']))
        .map(|span| span.trim_end_matches('/').to_string())
        .collect()
}

#[test]
fn every_path_named_in_architecture_exists() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let paths = named_paths(&text);
    assert!(!paths.is_empty(), "ARCHITECTURE.md names no paths in backticks");
    let missing: Vec<&String> = paths.iter().filter(|p| !root.join(p).exists()).collect();
    assert!(missing.is_empty(), "ARCHITECTURE.md names paths that do not exist: {missing:?}");
}

#[test]
fn every_crate_has_a_section() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    for entry in std::fs::read_dir(root.join("crates")).expect("crates/") {
        let name = entry.expect("dir entry").file_name().into_string().expect("utf-8 name");
        assert!(
            text.contains(&format!("## {name}")) || text.contains(&format!("`crates/{name}`")),
            "ARCHITECTURE.md has no section for crates/{name}"
        );
    }
}

#[test]
fn no_section_is_written_twice() {
    let text = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    let total = headings.len();
    headings.sort_unstable();
    headings.dedup();
    assert_eq!(headings.len(), total, "ARCHITECTURE.md repeats a section heading");
}
