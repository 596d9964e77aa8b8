//! Post-mortems written elsewhere (the real documents in shared/data): every
//! one imports, timelines land on the right UTC instants, and export →
//! import → export is stable.

use std::path::{Path, PathBuf};

use retrospect_domain::{ActionStatus, LessonKind, PostMortem, Timestamp};
use retrospect_markdown::{MarkdownImport, from_bytes, from_markdown_at, to_markdown};

/// The shared test data, or None (with a loud message) when it is absent.
/// Under CI the data must be there.
fn data(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "test data {} not found, and CI=true requires it",
            dir.display()
        );
    }
    eprintln!("SKIPPED: test data {} not found", dir.display());
    None
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn import(path: &Path) -> MarkdownImport {
    let bytes = std::fs::read(path).unwrap();
    from_bytes(&path.display().to_string(), &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Imports every file in a folder, checks that exporting and importing the
/// result gives it back, and that a second export is byte-identical.
fn import_all_stably(dir: &Path) -> usize {
    let files = markdown_files(dir);
    for path in &files {
        let first = import(path).postmortem;
        let exported = to_markdown(&first);
        let again = from_markdown_at(&exported, Timestamp::UNIX_EPOCH, None)
            .unwrap_or_else(|e| panic!("{}: re-import failed: {e}\n{exported}", path.display()));
        assert!(
            again.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            again.warnings
        );
        assert_eq!(
            again.postmortem,
            first,
            "{}: the export did not read back\n{exported}",
            path.display()
        );
        assert_eq!(
            to_markdown(&again.postmortem),
            exported,
            "{}: second export differs",
            path.display()
        );
    }
    files.len()
}

#[test]
fn every_timeline_document_imports_and_round_trips() {
    let Some(dir) = data("timelines") else { return };
    assert_eq!(import_all_stably(&dir), 24);
}

#[test]
fn every_icco_post_mortem_imports_and_round_trips() {
    let Some(dir) = data("postmortems") else {
        return;
    };
    assert_eq!(import_all_stably(&dir), 243);
}

#[test]
fn the_template_documents_import_and_round_trip() {
    let Some(dir) = data("templates") else { return };
    assert_eq!(import_all_stably(&dir), 45);
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// The entry whose text starts with `start`.
fn entry<'a>(pm: &'a PostMortem, start: &str) -> &'a retrospect_domain::TimelineEntry {
    pm.timeline
        .iter()
        .find(|t| t.text.starts_with(start))
        .unwrap_or_else(|| panic!("no entry starting with {start:?} in {:#?}", pm.timeline))
}

#[test]
fn crates_io_october_2018_times_roll_over_midnight() {
    let Some(dir) = data("timelines/rust-lang-blog") else {
        return;
    };
    let pm = import(&dir.join("Update-on-crates.io-incident.md")).postmortem;
    assert_eq!(
        pm.title,
        "Update on the October 15, 2018 incident on crates.io"
    );
    assert_eq!(pm.timeline.len(), 12);
    let first = entry(&pm, "The GitHub user `cratesio` registers");
    assert_eq!(
        (first.at, first.zone.as_deref()),
        (at("2018-10-15T20:09:00Z"), Some("UTC"))
    );
    assert_eq!(
        entry(&pm, "All requests updating the index").at,
        at("2018-10-15T20:17:00Z")
    );
    assert_eq!(
        entry(&pm, "The packages, all associated data").at,
        at("2018-10-15T23:58:00Z")
    );
    // 00:40 follows 23:58 in the list: it is the next day.
    assert_eq!(
        entry(&pm, "The packages are removed from the index.").at,
        at("2018-10-16T00:40:00Z")
    );
    // A multi-line item keeps its continuation.
    assert_eq!(
        entry(&pm, "This user begins uploading").text,
        "This user begins uploading packages at a rate of roughly one package\nevery 2 seconds"
    );
}

#[test]
fn crates_io_february_2020_dates_come_from_headings() {
    let Some(dir) = data("timelines/rust-lang-blog") else {
        return;
    };
    let imported = import(&dir.join("inside-rust_crates-io-incident-report.md"));
    let pm = &imported.postmortem;
    assert_eq!(pm.timeline.len(), 17);
    let published = entry(pm, "**the authors of `kaze`");
    assert_eq!(published.at, at("2020-02-20T21:17:00Z"));
    assert!(published.text.ends_with("published them on crates.io**"));
    assert_eq!(
        entry(pm, "Sean opens up [PR 2207][fix]").at,
        at("2020-02-20T22:09:00Z")
    );
    assert_eq!(
        entry(pm, "**Fix deployed on production**").at,
        at("2020-02-20T22:48:00Z")
    );
    // Under "### 2020-02-21".
    assert_eq!(
        entry(pm, "the author of `kaze` reports").at,
        at("2020-02-21T09:27:00Z")
    );
    assert_eq!(
        entry(pm, "Pietro analyzes the crates.io database").at,
        at("2020-02-21T14:10:00Z")
    );
    assert_eq!(pm.actions.len(), 5);
    assert!(
        pm.actions[1]
            .text
            .starts_with("[#2227]: Add a periodic job")
    );
    // Prose in recognised sections is kept, not dropped.
    let postmortem = pm
        .sections
        .iter()
        .find(|s| s.heading == "Postmortem")
        .unwrap();
    assert!(
        postmortem
            .body
            .contains("We were lucky that two members of the team")
    );
}

#[test]
fn docs_rs_2019_uses_the_stated_date_and_zone() {
    let Some(dir) = data("timelines/rust-lang-blog") else {
        return;
    };
    let imported = import(&dir.join("inside-rust_docsrs-outage-postmortem.md"));
    let pm = &imported.postmortem;
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(pm.timeline.len(), 13);
    // The first entry gives its own date; the statement's date holds for the rest.
    let first = entry(pm, "**crate builds started failing");
    assert_eq!(
        (first.at, first.zone.as_deref()),
        (at("2019-10-20T00:55:00Z"), Some("UTC"))
    );
    assert_eq!(
        entry(pm, "**alerts fired for the docs.rs website").at,
        at("2019-10-21T01:38:00Z")
    );
    assert_eq!(
        entry(pm, "[QuietMisdreavus] restarted the web server").at,
        at("2019-10-21T02:03:00Z")
    );
    assert_eq!(
        entry(
            pm,
            "**builds of the crates failed during the outage finished**"
        )
        .at,
        at("2019-10-21T19:27:00Z")
    );
    assert_eq!(pm.actions.len(), 4);
}

#[test]
fn crates_io_2023_five_whys_become_a_cause_tree() {
    let Some(dir) = data("timelines/rust-lang-blog") else {
        return;
    };
    let pm = import(&dir.join("inside-rust_crates-io-postmortem.md")).postmortem;
    assert_eq!(
        entry(&pm, "The staging deployment was promoted").at,
        at("2023-07-20T12:17:00Z")
    );
    let root = pm
        .causes
        .iter()
        .find(|c| c.text.starts_with("The redirect URLs"))
        .unwrap();
    assert_eq!(root.parent, None);
    assert!(root.text.contains("**Why were the redirect URLs broken?**"));
    let child = pm
        .causes
        .iter()
        .find(|c| c.text.starts_with("There was a bug introduced"))
        .unwrap();
    assert_eq!(child.parent, Some(root.id));
    let deepest = pm
        .causes
        .iter()
        .find(|c| c.text.starts_with("It was deemed \"good enough for now\""))
        .unwrap();
    assert_eq!(pm.cause_depth(deepest.id), 6);
    assert!(pm.lessons.iter().all(|l| l.kind == LessonKind::Learned));
    assert_eq!(pm.lessons.len(), 6);
}

#[test]
fn univaf_times_are_us_pacific() {
    let Some(dir) = data("timelines/univaf-incidents/docs/incidents") else {
        return;
    };
    let imported = import(&dir.join("2021-06-03--database-full.md"));
    let pm = &imported.postmortem;
    assert!(
        imported
            .recognised
            .iter()
            .any(|r| r == "timeline: 8 entries (times in America/Los_Angeles)"),
        "{:?}",
        imported.recognised
    );
    let restored = entry(pm, "**Service is restored**");
    // 9:58 PDT is 16:58 UTC.
    assert_eq!(
        (restored.at, restored.zone.as_deref()),
        (at("2021-06-03T16:58:00Z"), Some("America/Los_Angeles"))
    );
    assert_eq!(
        pm.lessons
            .iter()
            .filter(|l| l.kind == LessonKind::WentRight)
            .count(),
        3
    );
    assert_eq!(
        pm.lessons
            .iter()
            .filter(|l| l.kind == LessonKind::WentWrong)
            .count(),
        2
    );
    assert_eq!(
        pm.actions[0].status,
        ActionStatus::Done,
        "{:?}",
        pm.actions[0]
    );
    let names: Vec<&str> = pm.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Mr0grog", "astonm"]);
    // After midnight, under its own dated heading.
    let late = import(&dir.join("2021-06-11--database-low.md")).postmortem;
    assert_eq!(
        entry(&late, "Database resized, table repacked").at,
        at("2021-06-16T07:50:00Z")
    );
}

#[test]
fn pypi_eastern_times_with_utc_in_parentheses() {
    let Some(dir) = data("timelines/pypi-blog") else {
        return;
    };
    let pm = import(&dir.join("2025-07-31-incident-report-phishing-attack.md")).postmortem;
    let first = entry(&pm, "(17:14 UTC): A user emails PyPI Security");
    assert_eq!(
        (first.at, first.zone.as_deref()),
        (at("2025-07-26T17:14:00Z"), Some("America/New_York"))
    );
    // 20:07 EDT on the 26th is past midnight UTC.
    assert_eq!(
        entry(&pm, "(00:07 UTC): The volunteer PyPI Admin shares").at,
        at("2025-07-27T00:07:00Z")
    );
    let account = import(&dir.join("2023-12-04-account-takeover.md")).postmortem;
    assert_eq!(
        entry(&account, "new user account `dvolk` created").at,
        at("2023-11-22T08:42:33Z")
    );
    let email = entry(&account, "admin@pypi.org receives an email");
    assert!(
        email
            .text
            .contains("> I was removed as the owner of arrapi"),
        "{}",
        email.text
    );
}

#[test]
fn icco_front_matter_becomes_fields_and_the_rest_is_kept() {
    let Some(dir) = data("postmortems/icco-postmortems/data") else {
        return;
    };
    let imported = import(&dir.join("01494547-7ee9-4169-a0c0-d921fa309d83.md"));
    let pm = &imported.postmortem;
    assert_eq!(pm.title, "EVE Online: Trinity installer deletes boot.ini");
    assert!(
        pm.summary
            .starts_with("A typo and a name conflict caused the installer")
    );
    assert_eq!(
        pm.moment(&retrospect_domain::MomentKind::Started)
            .unwrap()
            .at,
        at("2007-12-05T22:04:00Z")
    );
    assert_eq!(
        pm.moment(&retrospect_domain::MomentKind::Resolved)
            .unwrap()
            .at,
        at("2007-12-06T06:08:00Z")
    );
    assert!(pm.tags.contains(&"cloud".to_string()) && pm.tags.contains(&"boot.ini".to_string()));
    let kept = pm
        .sections
        .iter()
        .find(|s| s.heading == "Front matter")
        .unwrap();
    assert!(kept.body.contains("company: CCP Games"), "{}", kept.body);
    assert!(kept.body.contains("url: http://community.eveonline.com/"));
    let details = pm.sections.iter().find(|s| s.heading == "Details").unwrap();
    assert!(
        details
            .body
            .starts_with("On December 5, 2007, shortly after the release")
    );
}
