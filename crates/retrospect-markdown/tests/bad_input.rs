//! Bad input gets a clear error naming the file and the place (or, where
//! keeping the text is better than refusing, a warning and a free section),
//! quickly, and never a panic.

mod common;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use retrospect_domain::{Kind, PostMortem, Timestamp};
use retrospect_markdown::{
    ImportErrorKind, MAX_DOCUMENT_BYTES, from_bytes, from_markdown_at, to_markdown,
};

fn refused(name: &str, bytes: &[u8]) -> retrospect_markdown::ImportError {
    match from_bytes(name, bytes) {
        Ok(import) => panic!("{name} was accepted: {:?}", import.postmortem.title),
        Err(e) => e,
    }
}

fn quickly<T>(f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    out
}

#[test]
fn an_empty_file_is_refused() {
    for bytes in [&b""[..], b"  \n\n\t\n", b"\xEF\xBB\xBF"] {
        let err = refused("empty.md", bytes);
        assert_eq!(err.kind, ImportErrorKind::Empty);
        assert!(
            err.to_string().starts_with("empty.md: the file is empty"),
            "{err}"
        );
    }
}

#[test]
fn binary_files_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let err = refused("diagram.png", png);
    assert_eq!(err.kind, ImportErrorKind::Binary);
    assert_eq!(
        err.to_string(),
        "diagram.png: this looks like a PNG image, not a text document"
    );
    let err = refused("notes.md", b"# Notes\nsome text\0\0\0more");
    assert_eq!(
        (err.kind, err.line, err.column),
        (ImportErrorKind::Binary, Some(2), Some(10))
    );
    let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 31) as u8).collect();
    assert_eq!(refused("noise.md", &noise).kind, ImportErrorKind::Binary);
}

#[test]
fn invalid_utf8_is_refused_with_its_place() {
    let err = refused("latin1.md", b"# Title\n\nCaf\xE9 au lait\n");
    assert_eq!(err.kind, ImportErrorKind::InvalidUtf8);
    assert_eq!(
        (err.line, err.column, err.byte_offset),
        (Some(3), Some(4), Some(12))
    );
    assert!(
        err.to_string()
            .starts_with("latin1.md:3:4: the text is not valid UTF-8 at byte 12"),
        "{err}"
    );
    assert_eq!(
        refused("utf16.md", b"\xFF\xFE#\0 \0").kind,
        ImportErrorKind::InvalidUtf8
    );
}

#[test]
fn a_hundred_megabyte_file_is_refused_at_once() {
    let huge = vec![b'a'; 100 * 1024 * 1024];
    let err = quickly(|| refused("huge.md", &huge));
    assert_eq!(err.kind, ImportErrorKind::TooLarge);
    assert!(
        err.to_string()
            .starts_with("huge.md: the file is 100.0 MiB and the limit is 20.0 MiB"),
        "{err}"
    );
    // The text entry point has the same limit.
    let text = "a".repeat(MAX_DOCUMENT_BYTES + 1);
    assert_eq!(
        from_markdown_at(&text, Timestamp::UNIX_EPOCH, None)
            .unwrap_err()
            .kind,
        ImportErrorKind::TooLarge
    );
}

#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    for nested in [
        "[".repeat(10_000) + &"]".repeat(10_000),
        "{a: ".repeat(10_000) + "1" + &"}".repeat(10_000),
    ] {
        let doc = format!("---\ntitle: deep\nx: {nested}\n---\n# Deep\n");
        let err = quickly(|| refused("deep.md", doc.as_bytes()));
        assert_eq!(err.kind, ImportErrorKind::FrontMatter, "{err}");
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.column.is_some(), "{err}");
    }
    // Block nesting, each level indented one more space.
    let mut block = String::from("---\n");
    for depth in 0..1_000 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    block.push_str("---\n");
    let err = quickly(|| refused("block.md", block.as_bytes()));
    assert_eq!(err.kind, ImportErrorKind::FrontMatter, "{err}");
    assert!(err.message.contains("nests values too deeply"), "{err}");
}

#[test]
fn a_billion_laughs_alias_bomb_is_refused_quickly() {
    let mut yaml = String::from("---\nlol0: &lol0 \"lol\"\n");
    for i in 1..10 {
        let refs = vec![format!("*lol{}", i - 1); 10].join(", ");
        yaml.push_str(&format!("lol{i}: &lol{i} [{refs}]\n"));
    }
    yaml.push_str("title: *lol9\n---\n# Laughs\n");
    let err = quickly(|| refused("laughs.md", yaml.as_bytes()));
    assert_eq!(err.kind, ImportErrorKind::FrontMatter);
    assert!(err.to_string().starts_with("laughs.md:"), "{err}");
    assert!(err.message.contains("alias bomb"), "{err}");
}

#[test]
fn front_matter_that_never_closes_is_refused() {
    let err = refused(
        "open.md",
        b"---\ntitle: Outage\nkind: incident\n\n# Outage\n\nText.\n",
    );
    assert_eq!(
        (err.kind, err.line, err.column),
        (ImportErrorKind::FrontMatter, Some(1), Some(1))
    );
    assert!(err.message.contains("never closed"), "{err}");
}

#[test]
fn malformed_front_matter_names_its_line() {
    let err = refused("bad.md", b"---\ntitle: Outage\ntags: [a, b\nkind: x\n---\n");
    assert_eq!(err.kind, ImportErrorKind::FrontMatter);
    assert!(err.line.is_some_and(|l| (3..=5).contains(&l)), "{err}");
    let err = refused(
        "ours.md",
        b"---\nformat: retrospect/1\ntitle: Outage\nkind: outage2\n---\n",
    );
    assert_eq!(
        (err.kind, err.line),
        (ImportErrorKind::FrontMatter, Some(4)),
        "{err}"
    );
    assert!(err.message.contains("outage2"), "{err}");
    let err = refused(
        "future.md",
        b"---\nformat: retrospect/9\ntitle: Outage\n---\n",
    );
    assert_eq!(
        (err.kind, err.line),
        (ImportErrorKind::UnsupportedFormat, Some(2))
    );
}

fn sample() -> PostMortem {
    let mut pm = PostMortem::new("Checkout outage", Kind::Incident, Timestamp::UNIX_EPOCH).unwrap();
    let t1 = pm
        .add_entry(retrospect_domain::TimelineEntry::new(Timestamp::UNIX_EPOCH, "deploy").unwrap())
        .unwrap();
    pm.add_entry(retrospect_domain::TimelineEntry::new(Timestamp::UNIX_EPOCH, "alert").unwrap())
        .unwrap();
    let c1 = pm.add_cause(None, "no canary", Some("process")).unwrap();
    pm.cite(c1, Some(t1), None).unwrap();
    pm
}

#[test]
fn a_broken_table_row_is_kept_as_text_with_a_warning() {
    let markdown = to_markdown(&sample());
    let broken = markdown.replace("| T2 | 1970-01-01 00:00:00Z |", "| T2 | yesterday-ish |");
    let import = from_markdown_at(&broken, Timestamp::UNIX_EPOCH, None).unwrap();
    assert_eq!(import.postmortem.timeline.len(), 1);
    let line = broken.lines().position(|l| l.starts_with("| T2")).unwrap() + 1;
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.starts_with(&format!("line {line}: 'yesterday-ish' is not a time"))),
        "{:?}",
        import.warnings
    );
    let kept = import
        .postmortem
        .sections
        .iter()
        .find(|s| s.heading == "Timeline")
        .unwrap();
    assert!(
        kept.body.ends_with("| T2 | yesterday-ish |  | alert |  |"),
        "{}",
        kept.body
    );
    // A row with a cell missing.
    let short = markdown.replace("|  | alert |  |", "| alert |");
    let import = from_markdown_at(&short, Timestamp::UNIX_EPOCH, None).unwrap();
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.contains("has 3 cells and the table has 5 columns")),
        "{:?}",
        import.warnings
    );
}

#[test]
fn duplicate_ids_and_broken_references_are_refused_with_their_line() {
    let markdown = to_markdown(&sample());
    let twice = markdown.replace("| T2 |", "| T1 |");
    let err = from_markdown_at(&twice, Timestamp::UNIX_EPOCH, None).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Structure);
    let line = twice
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.starts_with("| T1"))
        .unwrap()
        + 1;
    assert_eq!(err.line, Some(line), "{err}");
    assert!(err.message.contains("T1 appears twice"), "{err}");
    let dangling = markdown.replace("cites T1", "cites T9");
    let err = from_markdown_at(&dangling, Timestamp::UNIX_EPOCH, None).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Structure);
    assert!(
        err.message
            .starts_with("C1 cites T9, but there is no such timeline entry"),
        "{err}"
    );
    let loop_ = markdown.replace(
        "- **C1** (Process; cites T1)",
        "- **C1** (Process; under C1; cites T1)",
    );
    let err = from_markdown_at(&loop_, Timestamp::UNIX_EPOCH, None).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Invalid, "{err}");
}

#[test]
fn a_hostile_list_nesting_is_flattened_not_followed() {
    let mut doc = String::from("# Deep\n\n## Root causes\n\n");
    for depth in 0..3_000 {
        doc.push_str(&format!("{}- why {depth}\n", "  ".repeat(depth)));
    }
    let import = quickly(|| from_markdown_at(&doc, Timestamp::UNIX_EPOCH, None));
    let err = import.unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::TooLarge, "{err}");
    // A deep but modest tree imports, capped in depth, with a warning.
    let mut doc = String::from("# Deep\n\n## Root causes\n\n");
    for depth in 0..100 {
        doc.push_str(&format!("{}- why {depth}\n", "  ".repeat(depth)));
    }
    let import = quickly(|| from_markdown_at(&doc, Timestamp::UNIX_EPOCH, None)).unwrap();
    let pm = &import.postmortem;
    assert_eq!(pm.causes.len(), 100);
    assert!(pm.causes.iter().all(|c| pm.cause_depth(c.id) <= 33));
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.contains("nested more than 32 levels")),
        "{:?}",
        import.warnings
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn from_bytes_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        let _ = from_bytes("fuzz.md", &bytes);
    }

    #[test]
    fn from_bytes_never_panics_on_markdown_like_text(text in prop::collection::vec(common::text(), 0..40)) {
        let doc = text.join("\n");
        let _ = from_bytes("fuzz.md", doc.as_bytes());
        let _ = from_bytes("fuzz.md", format!("---\n{doc}\n---\n{doc}").as_bytes());
        let _ = from_bytes("fuzz.md", format!("---\nformat: retrospect/1\ntitle: x\n---\n## Timeline\n\n| Id | Time | Actor | Event | Details |\n|---|---|---|---|---|\n{doc}").as_bytes());
    }

    #[test]
    fn damaged_exports_never_panic(pm in common::postmortem(), cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40), 1..6)) {
        let mut doc = to_markdown(&pm);
        for (at, len) in cuts {
            let mut start = at.index(doc.len().max(1));
            while !doc.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(doc.len());
            while !doc.is_char_boundary(end) { end -= 1; }
            doc.replace_range(start..end, "");
        }
        let _ = from_markdown_at(&doc, Timestamp::UNIX_EPOCH, None);
    }
}
