//! Generic timelines (CSV with any delimiter, JSON Lines) and detection by
//! content across every kind of file in the shared data.

mod common;

use retrospect_importers::{ImportError, SourceKind, detect, import};

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn csv_timelines_with_each_delimiter_and_time_shape() {
    let dir = tempfile::tempdir().expect("temp");
    let comma = write(
        dir.path(),
        "a.csv",
        "Timestamp,Event,Who\n2024-03-05T10:15:00+02:00,\"Paged, on call\",Ana\n2024-03-05 10:20,Rolled back,Bo\n1709633000,Recovered,\nnot a time,Nope,Cy\n2024-03-05 10:40,,Di\n",
    );
    assert_eq!(detect(&comma).expect("detect"), SourceKind::GenericTimeline);
    let imported = common::import_one(&comma);
    assert_eq!(imported.entries.len(), 3, "{:?}", imported.skipped);
    assert_eq!(imported.entries[0].text, "Paged, on call");
    assert_eq!(imported.entries[0].zone.as_deref(), Some("+02:00"));
    assert_eq!(imported.entries[0].at.to_string(), "2024-03-05T08:15:00Z");
    assert_eq!(imported.entries[1].zone, None);
    assert_eq!(imported.entries[2].actor, None);
    assert_eq!(
        imported.entries[1]
            .evidence
            .as_ref()
            .and_then(|r| r.position.as_deref()),
        Some("line 3")
    );
    let places: Vec<&str> = imported.skipped.iter().map(|s| s.place.as_str()).collect();
    assert_eq!(places, ["line 5", "line 6"]);
    assert!(imported.skipped[0].reason.contains("not a time"));

    let semi = write(
        dir.path(),
        "b.csv",
        "date;time;description;author\n2024-03-05;10:15:30;Disk full;Ana\n",
    );
    let mut opts = common::opts();
    opts.default_zone = Some("-05:00".into());
    let batch = import(&semi, &opts, &mut common::no_progress()).expect("imports");
    assert_eq!(batch[0].entries[0].at.to_string(), "2024-03-05T15:15:30Z");
    assert_eq!(batch[0].entries[0].zone.as_deref(), Some("-05:00"));

    let tab = write(
        dir.path(),
        "c.tsv",
        "when\tmessage\tuser\n1709633000123\tms epoch\tEd\n",
    );
    assert_eq!(
        common::import_one(&tab).entries[0].at.as_millisecond(),
        1_709_633_000_123
    );
}

#[test]
fn json_lines_timelines() {
    let dir = tempfile::tempdir().expect("temp");
    let path = write(
        dir.path(),
        "t.jsonl",
        "{\"time\":\"2024-03-05T10:15:00Z\",\"text\":\"Alert fired\",\"actor\":\"pager\"}\n\n{\"timestamp\":1709633000,\"message\":\"Ack\"}\n{broken\n[1,2]\n",
    );
    assert_eq!(detect(&path).expect("detect"), SourceKind::GenericTimeline);
    let imported = common::import_one(&path);
    assert_eq!(imported.entries.len(), 2);
    assert_eq!(imported.entries[0].actor.as_deref(), Some("pager"));
    let places: Vec<&str> = imported.skipped.iter().map(|s| s.place.as_str()).collect();
    assert_eq!(places, ["line 4", "line 5"]);
}

#[test]
fn a_table_without_time_or_text_columns_is_refused_with_the_header_named() {
    let dir = tempfile::tempdir().expect("temp");
    let path = write(dir.path(), "bad.csv", "time,text\n");
    let kind = detect(&path).expect("detect");
    assert_eq!(kind, SourceKind::GenericTimeline);
    let other = write(dir.path(), "other.csv", "name,age\nAna,3\n");
    let err = retrospect_importers::import_as(
        &other,
        &SourceKind::GenericTimeline,
        &common::opts(),
        &mut common::no_progress(),
    )
    .expect_err("refused");
    assert!(matches!(err, ImportError::Malformed { .. }));
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn a_bad_time_zone_option_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp");
    let path = write(dir.path(), "a.csv", "time,text\n2024-03-05 10:00,x\n");
    let mut opts = common::opts();
    opts.default_zone = Some("Nowhere/Land".into());
    let err = import(&path, &opts, &mut common::no_progress()).expect_err("refused");
    assert!(matches!(err, ImportError::InvalidOption { .. }), "{err}");
}

#[test]
fn every_loghub_log_is_recognised_as_a_log() {
    let Some(dir) = common::data("loghub") else {
        return;
    };
    let mut logs = 0;
    for file in common::files_under(&dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("_2k.log"))
    {
        assert_eq!(
            detect(&file).expect("detect"),
            SourceKind::Log,
            "{}",
            file.display()
        );
        let err = import(&file, &common::opts(), &mut common::no_progress())
            .expect_err("logs go to the log engine");
        assert!(matches!(err, ImportError::LogFile { .. }));
        logs += 1;
    }
    assert!(logs >= 10, "{logs}");
}

#[test]
fn post_mortem_documents_are_documents() {
    let Some(dir) = common::data("postmortems/icco-postmortems") else {
        return;
    };
    let docs: Vec<_> = common::files_under(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .take(40)
        .collect();
    assert!(!docs.is_empty());
    for doc in docs {
        assert_eq!(
            detect(&doc).expect("detect"),
            SourceKind::Document,
            "{}",
            doc.display()
        );
        let imported = common::import_one(&doc);
        assert_eq!(
            imported.evidence.kind,
            retrospect_domain::EvidenceKind::Document
        );
    }
}

#[test]
fn binary_and_empty_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp");
    let cases: [(&str, &[u8], &str); 4] = [
        ("a.png", b"\x89PNG\r\n\x1a\nrest", "PNG image"),
        ("a.bin", b"\x7fELF\x02\x01", "program"),
        ("empty.txt", b"", "empty"),
        ("blob", b"abc\0\0\0def", "binary"),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = import(&path, &common::opts(), &mut common::no_progress()).expect_err("refused");
        let text = err.to_string();
        assert!(text.contains(name) && text.contains(expect), "{text}");
    }
}
