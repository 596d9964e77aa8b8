//! Shared helpers for tests that read the real data in place.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use retrospect_domain::Timestamp;
use retrospect_importers::{ImportOptions, Imported, Progress};

/// The shared data folder, or None (with a loud message) when it is absent.
/// Under CI=true its absence is a failure.
pub fn data(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "test data {} not found, and CI=true requires it",
            path.display()
        );
    }
    eprintln!("SKIPPED: test data {} not found", path.display());
    None
}

pub fn opts() -> ImportOptions {
    ImportOptions::new(Timestamp::from_second(1_700_000_000).expect("a valid instant"))
}

pub fn no_progress() -> impl FnMut(Progress) {
    |_| {}
}

/// Imports a path that must give exactly one evidence item.
pub fn import_one(path: &Path) -> Imported {
    let mut batch = retrospect_importers::import(path, &opts(), &mut no_progress())
        .unwrap_or_else(|e| panic!("{} should import: {e}", path.display()));
    assert_eq!(
        batch.len(),
        1,
        "{} should give one evidence item",
        path.display()
    );
    batch.remove(0)
}

/// Every file under a folder, sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
