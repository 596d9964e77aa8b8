//! Real data from `../shared/data` (never copied into the repository): a real
//! log's 2,000 lines as one timeline, and 242 real public post-mortems.

use std::path::PathBuf;

use retrospect_domain::{
    Evidence, EvidenceKind, EvidenceRef, LogTemplate, PostMortem, TimelineEntry,
};

use crate::fixtures::{at_stored_precision, instant, simple};
use crate::harness::Ctx;

/// The shared data folder, or None after saying loudly that it is missing
/// (a failure under CI, where it must be present).
fn data_dir(what: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(what);
    if dir.exists() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "CI=true but the real test data {} was not found",
            dir.display()
        );
    }
    crate::harness::loud(&format!(
        "SKIPPED: real test data {} not found",
        dir.display()
    ));
    None
}

pub async fn a_real_log_becomes_a_long_timeline(ctx: &Ctx) {
    let Some(dir) = data_dir("loghub/Linux") else {
        return;
    };
    let log = std::fs::read_to_string(dir.join("Linux_2k.log")).unwrap_or_else(|e| panic!("{e}"));
    let templates = std::fs::read_to_string(dir.join("Linux_2k.log_templates.csv"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut pm = simple("Linux host: authentication failures");
    pm.evidence.push(Evidence {
        id: 1,
        kind: EvidenceKind::Log,
        name: "Linux_2k.log".into(),
        size: log.len() as u64,
        checksum: "0".repeat(64),
        imported_at: instant(1_700_000_000),
        source: dir.join("Linux_2k.log").display().to_string(),
    });
    for (i, line) in log.lines().enumerate() {
        pm.timeline.push(TimelineEntry {
            id: i as u32 + 1,
            at: instant(1_118_761_000 + i as i64),
            zone: Some("+00:00".into()),
            text: line.to_string(),
            actor: None,
            source: "Linux_2k.log".into(),
            evidence: Some(EvidenceRef {
                evidence: 1,
                position: Some(format!("line {}", i + 1)),
            }),
            key_moment: None,
            hidden: false,
            state: retrospect_domain::EntryState::Proposed,
        });
    }
    for (i, line) in templates.lines().skip(1).enumerate() {
        let pattern = line.split_once(',').map_or(line, |(_, p)| p);
        pm.log_templates.push(LogTemplate {
            evidence: 1,
            template_id: i as u32 + 1,
            pattern: pattern.to_string(),
            count: i as u64,
            first_seen: None,
            last_seen: None,
            level: None,
            examples: vec![pattern.to_string()],
        });
    }
    assert!(pm.timeline.len() >= 2000 && pm.log_templates.len() > 100);
    let started = std::time::Instant::now();
    let saved = ctx
        .store
        .create(&pm)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let written = started.elapsed();
    let started = std::time::Instant::now();
    let read = ctx
        .store
        .get(saved.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let read_time = started.elapsed();
    let mut expected = at_stored_precision(&pm);
    expected.id = saved.id;
    expected.version = 1;
    assert_eq!(read, expected);
    let updated = ctx
        .store
        .update(&read)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(updated.timeline.len(), pm.timeline.len());
    eprintln!(
        "[{}] a {}-entry timeline: saved in {written:?}, read in {read_time:?}",
        ctx.backend(),
        pm.timeline.len()
    );
}

/// A title for a Markdown post-mortem (its front matter's `title:`, else its
/// company and url), and its body.
fn parse(markdown: &str) -> Option<(String, String)> {
    let rest = markdown.strip_prefix("---\n")?;
    let (front, body) = rest.split_once("\n---")?;
    let field = |name: &str| {
        front
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
    };
    let title =
        field("title:").or_else(|| Some(format!("{}: {}", field("company:")?, field("url:")?)))?;
    Some((title, body.trim().to_string()))
}

pub async fn real_postmortems_round_trip(ctx: &Ctx) {
    let Some(dir) = data_dir("postmortems/icco-postmortems/data") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let pms: Vec<PostMortem> = files
        .iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(file).ok()?;
            let (title, body) = parse(&text)?;
            let mut pm = simple(&title);
            pm.summary = body;
            pm.sections.push(retrospect_domain::FreeSection {
                heading: "Original".into(),
                body: text,
            });
            Some(pm)
        })
        .collect();
    assert_eq!(
        pms.len(),
        files.len(),
        "some post-mortems could not be read"
    );
    let saved = ctx
        .store
        .create_many(&pms)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for (original, stored) in pms.iter().zip(&saved) {
        let mut expected = at_stored_precision(original);
        expected.id = stored.id;
        expected.version = 1;
        assert_eq!(ctx.store.get(stored.id).await.ok(), Some(expected));
    }
}
