//! Hostile archives, built here with the zip writer: path traversal, absolute
//! paths, archives inside archives, and zip bombs (by ratio, per entry and in
//! total). Each is refused with a clear reason and nothing is imported.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use retrospect_importers::zipsafe::{SafeZip, ZipLimits};
use retrospect_importers::{ImportError, import};

fn build(dir: &Path, name: &str, entries: &[(&str, Vec<u8>)]) -> PathBuf {
    let path = dir.join(name);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (entry, data) in entries {
        writer.start_file(*entry, options).expect("start entry");
        writer.write_all(data).expect("write entry");
    }
    writer.finish().expect("finish");
    path
}

fn slack_basics() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("users.json", br#"[{"id":"U1","name":"ana"}]"#.to_vec()),
        ("channels.json", br#"[{"id":"C1","name":"ops"}]"#.to_vec()),
        (
            "ops/2024-01-01.json",
            br#"[{"type":"message","user":"U1","text":"hi","ts":"1704067200.000100"}]"#.to_vec(),
        ),
    ]
}

fn refused(path: &Path) -> String {
    match import(path, &common::opts(), &mut common::no_progress()) {
        Err(e @ ImportError::UnsafeArchive { .. }) => e.to_string(),
        other => panic!(
            "{} should be refused as unsafe, got {other:?}",
            path.display()
        ),
    }
}

#[test]
fn a_well_formed_export_zip_imports() {
    let dir = tempfile::tempdir().expect("temp");
    let zip = build(dir.path(), "ok.zip", &slack_basics());
    let batch = import(&zip, &common::opts(), &mut common::no_progress()).expect("imports");
    assert_eq!(batch[0].entries.len(), 1);
}

#[test]
fn entries_that_climb_out_or_are_absolute_are_refused() {
    let dir = tempfile::tempdir().expect("temp");
    for (i, bad) in [
        "../evil.json",
        "ops/../../evil.json",
        "/etc/passwd",
        "C:/windows/evil.json",
        "..\\evil.json",
    ]
    .into_iter()
    .enumerate()
    {
        let mut entries = slack_basics();
        entries.push((bad, b"[]".to_vec()));
        let zip = build(dir.path(), &format!("bad{i}.zip"), &entries);
        let message = refused(&zip);
        assert!(message.contains("outside the archive"), "{bad}: {message}");
    }
}

#[test]
fn archives_inside_the_archive_are_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let inner = build(dir.path(), "inner.zip", &slack_basics());
    let mut entries = slack_basics();
    entries.push((
        "nested/inner.zip",
        std::fs::read(&inner).expect("inner bytes"),
    ));
    let zip = build(dir.path(), "outer.zip", &entries);
    assert!(refused(&zip).contains("archive inside the archive"));

    // Disguised by its name, it is still caught by its content when read.
    let mut entries = slack_basics();
    entries[2].1 = std::fs::read(&inner).expect("inner bytes");
    let zip = build(dir.path(), "disguised.zip", &entries);
    assert!(refused(&zip).contains("itself an archive"));
}

#[test]
fn a_compression_bomb_is_refused_by_its_ratio() {
    let dir = tempfile::tempdir().expect("temp");
    let mut entries = slack_basics();
    // 8 MiB of spaces inside a JSON list compresses about a thousand-fold.
    let mut bomb = b"[".to_vec();
    bomb.extend(std::iter::repeat_n(b' ', 8 << 20));
    bomb.push(b']');
    entries[2].1 = bomb;
    let zip = build(dir.path(), "bomb.zip", &entries);
    assert!(std::fs::metadata(&zip).expect("meta").len() < 100_000);
    assert!(refused(&zip).contains("zip bomb"));
}

#[test]
fn per_entry_and_total_caps_count_real_bytes() {
    let dir = tempfile::tempdir().expect("temp");
    let noise: Vec<u8> = (0..300_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let zip = build(
        dir.path(),
        "big.zip",
        &[("a.json", noise.clone()), ("b.json", noise.clone())],
    );
    let per_entry = ZipLimits {
        max_entry_bytes: 200_000,
        ..ZipLimits::default()
    };
    let mut archive = SafeZip::open_with(&zip, per_entry).expect("opens");
    let err = archive.read("a.json").expect_err("over the per-entry cap");
    assert!(err.to_string().contains("for one entry"), "{err}");

    let total = ZipLimits {
        max_total_bytes: 500_000,
        ..ZipLimits::default()
    };
    let mut archive = SafeZip::open_with(&zip, total).expect("opens");
    assert_eq!(
        archive.read("a.json").expect("first fits").len(),
        noise.len()
    );
    let err = archive.read("b.json").expect_err("over the total cap");
    assert!(err.to_string().contains("in total"), "{err}");

    let few = ZipLimits {
        max_entries: 1,
        ..ZipLimits::default()
    };
    assert!(SafeZip::open_with(&zip, few).is_err(), "too many entries");
}

#[test]
fn a_file_that_is_not_really_a_zip_gets_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("truncated.zip");
    let good = build(dir.path(), "good.zip", &slack_basics());
    let bytes = std::fs::read(&good).expect("bytes");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("write");
    let err = import(&path, &common::opts(), &mut common::no_progress()).expect_err("refused");
    assert!(err.to_string().contains("truncated.zip"), "{err}");
}
