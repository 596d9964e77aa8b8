//! Turning an uploaded file into evidence: a log is read by the log engine
//! into templates, and its proposals (within the key moments' window) become
//! proposed timeline entries for a person to accept or dismiss. Nothing is
//! added unless the whole file was read.

use retrospect_domain::{
    EntryState, Evidence, EvidenceKind, EvidenceRef, LogTemplate, MomentKind, PostMortem,
    TimelineEntry, Timestamp,
};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};

/// Proposed entries per file: enough to find the story, few enough to read.
const MAX_PROPOSALS: usize = 25;
const ERROR_WORDS: &[&str] = &[
    "error",
    "fail",
    "fatal",
    "critical",
    "panic",
    "exception",
    "refused",
    "denied",
    "timeout",
    "timed out",
    "invalid",
    "unreachable",
    "abort",
    "killed",
    "oom",
    "out of memory",
    "break-in",
    "crash",
];

/// What one file adds to a post-mortem.
pub struct Imported {
    pub evidence: Evidence,
    pub templates: Vec<LogTemplate>,
    pub proposals: Vec<TimelineEntry>,
    pub lines: u64,
}

fn to_jiff(t: retrospect_logs::Timestamp) -> Option<Timestamp> {
    Timestamp::from_microsecond(t.0).ok()
}

fn looks_like_a_problem(pattern: &str) -> bool {
    let lower = pattern.to_lowercase();
    ERROR_WORDS.iter().any(|w| lower.contains(w))
}

/// The window in which the log engine proposes entries, from the key moments
/// (the same rule as `retrospect evidence add`): the earliest moment to
/// "resolved" (or the latest moment), or the hour either side of a single one.
pub fn incident_window(pm: &PostMortem) -> Option<(Timestamp, Timestamp)> {
    let start = pm.key_moments.iter().map(|m| m.at).min()?;
    let end = pm
        .moment(&MomentKind::Resolved)
        .map(|m| m.at)
        .or_else(|| pm.key_moments.iter().map(|m| m.at).max());
    match end {
        Some(end) if end > start => Some((start, end)),
        _ => Some((start - HOUR, start + HOUR)),
    }
}

const HOUR: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

fn to_log_time(t: Timestamp) -> retrospect_logs::Timestamp {
    retrospect_logs::Timestamp(t.as_microsecond())
}

/// A proposed timeline entry pointing at a line of the (not yet numbered) evidence.
fn proposed(at: Timestamp, text: &str, name: &str, line: Option<u64>) -> Option<TimelineEntry> {
    let mut entry = TimelineEntry::new(at, text).ok()?;
    entry.state = EntryState::Proposed;
    entry.source = name.to_string();
    entry.zone = Some("UTC".into());
    entry.evidence = Some(EvidenceRef {
        evidence: 0,
        position: line.map(|l| format!("line {l}")),
    });
    Some(entry)
}

/// Reads a log file's bytes (gzip is unpacked first). With a window, the
/// proposals are the log engine's (new patterns, bursts, silences inside it);
/// without one (no key moments yet) the first line of each error-like
/// pattern is proposed, so a fresh post-mortem still gets a starting point.
pub fn import_log(
    name: &str,
    bytes: &[u8],
    now: Timestamp,
    window: Option<(Timestamp, Timestamp)>,
) -> AppResult<Imported> {
    let checksum = hex::encode(Sha256::digest(bytes));
    let data = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).map_err(
            |e| {
                AppError::bad_request(format!(
                    "{name}: the gzip data is damaged after {} bytes ({e}).",
                    out.len()
                ))
            },
        )?;
        out
    } else {
        bytes.to_vec()
    };
    if data.iter().take(8192).any(|&b| b == 0) {
        return Err(AppError::bad_request(format!(
            "{name}: this looks like a binary file (a zero byte within the first 8 KiB); please upload a text log."
        )));
    }
    // The engine reads files (in parallel chunks), so the text goes to a
    // private temporary folder first.
    let dir = tempfile::tempdir().map_err(AppError::internal)?;
    let path = dir.path().join("upload.log");
    std::fs::write(&path, &data).map_err(AppError::internal)?;
    let opts = retrospect_logs::Options {
        window: window.map(|(start, end)| retrospect_logs::Window {
            start: to_log_time(start),
            end: to_log_time(end),
        }),
        ..retrospect_logs::Options::default()
    };
    let analysis = retrospect_logs::analyze_file(&path, &opts, &mut |_| {}).map_err(|e| {
        AppError::bad_request(format!(
            "{name}: {}",
            e.to_string()
                .replace(&path.display().to_string(), "the log")
        ))
    })?;
    let evidence = Evidence {
        id: 0,
        kind: EvidenceKind::Log,
        name: name.to_string(),
        size: bytes.len() as u64,
        checksum,
        imported_at: now,
        source: format!(
            "upload ({} lines, {} with a time)",
            analysis.lines, analysis.lines_with_time
        ),
    };
    let templates: Vec<LogTemplate> = analysis
        .templates
        .iter()
        .map(|t| LogTemplate {
            evidence: 0,
            template_id: t.id,
            pattern: t.template.clone(),
            count: t.count,
            first_seen: t.first_seen.and_then(to_jiff),
            last_seen: t.last_seen.and_then(to_jiff),
            level: t.level.map(|l| format!("{l:?}").to_lowercase()),
            examples: t.examples.clone(),
        })
        .collect();
    let mut proposals: Vec<TimelineEntry> = if window.is_some() {
        analysis
            .proposals
            .iter()
            .filter_map(|p| {
                let line = p.lines.first().map(|l| l.line);
                // The engine names the file it read: here, the temporary copy.
                let summary = p.summary.replace(&path.display().to_string(), name);
                proposed(to_jiff(p.at)?, &summary, name, line)
            })
            .collect()
    } else {
        analysis
            .templates
            .iter()
            .filter(|t| looks_like_a_problem(&t.template))
            .filter_map(|t| {
                let at = t.first_seen.and_then(to_jiff)?;
                let example = t.examples.first().unwrap_or(&t.template);
                let text = format!(
                    "First of {} “{}” lines: {}",
                    t.count,
                    t.template.chars().take(120).collect::<String>(),
                    example
                );
                proposed(at, &text, name, Some(t.first_line))
            })
            .collect()
    };
    proposals.sort_by_key(|e| e.at);
    proposals.truncate(MAX_PROPOSALS);
    Ok(Imported {
        evidence,
        templates,
        proposals,
        lines: analysis.lines,
    })
}

/// Reads any upload: logs through the log engine, everything else (email,
/// chat exports, documents, timeline tables) through the importers, which
/// read from a file, so the bytes go to a private temporary folder first.
pub fn import_upload(
    name: &str,
    bytes: &[u8],
    now: Timestamp,
    window: Option<(Timestamp, Timestamp)>,
) -> AppResult<Vec<Imported>> {
    // Keep only the base name, without anything that could leave the folder.
    let safe: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("upload")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = if safe.trim_matches('.').is_empty() {
        "upload".to_string()
    } else {
        safe
    };
    let kind = retrospect_importers::detect_bytes(
        std::path::Path::new(&safe),
        &bytes[..bytes.len().min(64 * 1024)],
    );
    if matches!(kind, retrospect_importers::SourceKind::Log) {
        return Ok(vec![import_log(name, bytes, now, window)?]);
    }
    let dir = tempfile::tempdir().map_err(AppError::internal)?;
    let path = dir.path().join(&safe);
    std::fs::write(&path, bytes).map_err(AppError::internal)?;
    let opts = retrospect_importers::ImportOptions::new(now);
    let imported =
        retrospect_importers::import_as(&path, &kind, &opts, &mut |_| {}).map_err(|e| {
            // Name the file as the person uploaded it, not the private folder it sat in.
            let folder = dir.path().join("").display().to_string();
            AppError::bad_request(e.to_string().replace(&folder, ""))
        })?;
    Ok(imported
        .into_iter()
        .map(|i| {
            let mut evidence = i.evidence;
            evidence.name = name.to_string();
            evidence.source = "upload".into();
            Imported {
                evidence,
                templates: Vec::new(),
                lines: i.entries.len() as u64,
                proposals: i.entries,
            }
        })
        .collect())
}

/// Adds an import to a post-mortem in one step, linking everything to the new evidence id.
pub fn apply(pm: &mut PostMortem, imported: Imported) -> AppResult<()> {
    let id = pm.add_evidence(imported.evidence);
    for mut t in imported.templates {
        t.evidence = id;
        pm.log_templates.push(t);
    }
    for mut entry in imported.proposals {
        if let Some(r) = entry.evidence.as_mut() {
            r.evidence = id;
        }
        pm.add_entry(entry)?;
    }
    Ok(())
}
