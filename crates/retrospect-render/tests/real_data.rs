//! Real post-mortems and templates from /work/shared/data (never copied into
//! the repository): every Markdown file renders to inert HTML, alone and as
//! free sections of an export.

mod common;

use std::path::{Path, PathBuf};

use retrospect_domain::FreeSection;
use retrospect_render::{HtmlOptions, html_document, markdown_to_safe_html};

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "real test data not found at {}; it must be present under CI",
            dir.display()
        );
    }
    eprintln!("SKIPPED: real test data not found at {}", dir.display());
    None
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn real_markdown_renders_inert() {
    let Some(data) = data_dir() else { return };
    let mut files = Vec::new();
    for folder in ["postmortems", "templates", "timelines"] {
        markdown_files(&data.join(folder), &mut files);
    }
    files.sort();
    assert!(
        files.len() > 100,
        "expected the real post-mortems, found {} files",
        files.len()
    );
    let started = std::time::Instant::now();
    let mut bytes = 0;
    let mut sections = Vec::new();
    for path in &files {
        let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8_lossy(&raw);
        bytes += raw.len();
        let html = markdown_to_safe_html(&text);
        assert!(
            !html.trim().is_empty() || text.trim().is_empty(),
            "{} rendered to nothing",
            path.display()
        );
        common::assert_inert(&html);
        sections.push(FreeSection {
            heading: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            body: text.into_owned(),
        });
    }
    let elapsed = started.elapsed();
    eprintln!(
        "rendered {} real Markdown files ({} KiB) in {elapsed:?}",
        files.len(),
        bytes / 1024
    );

    let mut pm = common::samples::complete();
    pm.sections = sections;
    let html = html_document(
        &pm,
        &HtmlOptions {
            pseudonymise: true,
            include_comments: true,
        },
    );
    common::assert_inert(&html);
}
