//! Documents are attached whole; the entries a timeline reader finds in them
//! become proposed entries pointing at their line.

mod common;

use retrospect_domain::{Date, EntryState, Timestamp};
use retrospect_importers::document::DocumentEntry;
use retrospect_importers::{SourceKind, detect, import};

const DOC: &str = "# Outage\n\n## Timeline\n\n- 10:02 Alerts fired\n- 10:15 Rolled back\n";

/// Reports one entry per list item starting with "- 10:", at the item's line:
/// just enough to check how the importer links and filters what a reader finds.
fn list_items(text: &str, zone: Option<&str>, reference: Option<Date>) -> Vec<DocumentEntry> {
    let date = reference.unwrap_or(Date::constant(2024, 3, 5));
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let rest = line.strip_prefix("- 10:")?;
            let (minute, what) = rest.split_once(' ')?;
            let at = jiff::tz::TimeZone::UTC
                .to_timestamp(date.at(10, minute.parse().ok()?, 0, 0))
                .ok()?;
            Some(DocumentEntry {
                at,
                zone: zone.map(str::to_string),
                text: what.to_string(),
                actor: None,
                line: i + 1,
            })
        })
        .collect()
}

#[test]
fn a_document_is_attached_and_its_timeline_proposed() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("outage.md");
    std::fs::write(&path, DOC).expect("write");
    assert_eq!(detect(&path).expect("detect"), SourceKind::Document);

    let plain = common::import_one(&path);
    assert_eq!(plain.evidence.size, DOC.len() as u64);
    assert_eq!(
        plain.evidence.kind,
        retrospect_domain::EvidenceKind::Document
    );

    let mut opts = common::opts();
    opts.document_timeline = Some(list_items);
    opts.reference_year = Some(2024);
    opts.default_zone = Some("UTC".into());
    let batch = import(&path, &opts, &mut common::no_progress()).expect("imports");
    let entries = &batch[0].entries;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].text, "Alerts fired");
    assert_eq!(entries[0].state, EntryState::Proposed);
    assert_eq!(entries[0].zone.as_deref(), Some("UTC"));
    assert_eq!(
        entries[1]
            .evidence
            .as_ref()
            .and_then(|r| r.position.as_deref()),
        Some("line 6")
    );
    assert_eq!(
        entries[0].at,
        "2024-01-01T10:02:00Z"
            .parse::<Timestamp>()
            .expect("instant")
    );

    opts.from = Some("2024-01-01T10:10:00Z".parse().expect("instant"));
    let batch = import(&path, &opts, &mut common::no_progress()).expect("imports");
    assert_eq!(
        batch[0].entries.len(),
        1,
        "the time window applies to documents too"
    );
}

#[test]
fn real_incident_reports_give_their_timelines() {
    let Some(dir) = common::data("timelines") else {
        return;
    };
    let docs: Vec<_> = common::files_under(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert!(!docs.is_empty());
    let mut with_entries = 0;
    for doc in &docs {
        let imported = common::import_one(doc);
        if imported.entries.is_empty() {
            assert!(
                !imported.skipped.is_empty(),
                "{}: says no timeline was found",
                doc.display()
            );
            continue;
        }
        with_entries += 1;
        for e in &imported.entries {
            assert_eq!(e.state, EntryState::Proposed);
            let position = e
                .evidence
                .as_ref()
                .and_then(|r| r.position.as_deref())
                .expect("a line");
            assert!(position.starts_with("line "), "{position}");
        }
    }
    eprintln!(
        "timelines: {with_entries} of {} documents gave entries",
        docs.len()
    );
    assert!(
        with_entries * 2 >= docs.len(),
        "{with_entries} of {}",
        docs.len()
    );
}
