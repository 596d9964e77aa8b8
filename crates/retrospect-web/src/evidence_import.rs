//! Turning an uploaded file into evidence: a log is mined into templates with
//! the log engine, and the first occurrence of each error-like pattern becomes
//! a proposed timeline entry for a person to accept or dismiss. Nothing is
//! added unless the whole file was read.

use retrospect_domain::{
    EntryState, Evidence, EvidenceKind, EvidenceRef, LogTemplate, PostMortem, TimelineEntry,
    Timestamp,
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

/// Reads a log file's bytes (gzip is unpacked first).
pub fn import_log(name: &str, bytes: &[u8], now: Timestamp) -> AppResult<Imported> {
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
    let mined = retrospect_logs::mine_text(&data, &retrospect_logs::Options::default());
    let evidence = Evidence {
        id: 0,
        kind: EvidenceKind::Log,
        name: name.to_string(),
        size: bytes.len() as u64,
        checksum,
        imported_at: now,
        source: "upload".into(),
    };
    let raw_lines: Vec<&[u8]> = retrospect_logs::memory::split_lines(&data).collect();
    let mut templates: Vec<LogTemplate> = mined
        .templates
        .iter()
        .enumerate()
        .map(|(i, pattern)| LogTemplate {
            evidence: 0,
            template_id: i as u32,
            pattern: pattern.clone(),
            count: 0,
            first_seen: None,
            last_seen: None,
            level: None,
            examples: Vec::new(),
        })
        .collect();
    let mut first_line: Vec<Option<u64>> = vec![None; templates.len()];
    for line in &mined.lines {
        let Some(t) = templates.get_mut(line.template as usize) else {
            continue;
        };
        t.count += 1;
        if let Some(ts) = line.timestamp.and_then(to_jiff) {
            t.first_seen = Some(t.first_seen.map_or(ts, |f| f.min(ts)));
            t.last_seen = Some(t.last_seen.map_or(ts, |l| l.max(ts)));
        }
        if t.examples.len() < 3
            && let Some(raw) = raw_lines.get(line.line as usize - 1)
        {
            t.examples
                .push(String::from_utf8_lossy(raw).chars().take(500).collect());
        }
        let slot = &mut first_line[line.template as usize];
        if slot.is_none() && line.timestamp.is_some() {
            *slot = Some(line.line);
        }
    }
    let mut proposals = Vec::new();
    for (i, t) in templates.iter().enumerate() {
        let (Some(at), Some(line)) = (t.first_seen, first_line[i]) else {
            continue;
        };
        if !looks_like_a_problem(&t.pattern) {
            continue;
        }
        let example = t
            .examples
            .first()
            .cloned()
            .unwrap_or_else(|| t.pattern.clone());
        let text = format!(
            "First of {} “{}” lines: {}",
            t.count,
            t.pattern.chars().take(120).collect::<String>(),
            example
        );
        let Ok(mut entry) = TimelineEntry::new(at, &text) else {
            continue;
        };
        entry.state = EntryState::Proposed;
        entry.source = name.to_string();
        entry.zone = Some("UTC".into());
        entry.evidence = Some(EvidenceRef {
            evidence: 0,
            position: Some(format!("line {line}")),
        });
        proposals.push(entry);
    }
    proposals.sort_by_key(|e| e.at);
    proposals.truncate(MAX_PROPOSALS);
    Ok(Imported {
        evidence,
        templates,
        proposals,
        lines: mined.lines.len() as u64,
    })
}

/// Reads any upload: logs through the log engine, everything else (email,
/// chat exports, documents, timeline tables) through the importers, which
/// read from a file, so the bytes go to a private temporary folder first.
pub fn import_upload(name: &str, bytes: &[u8], now: Timestamp) -> AppResult<Vec<Imported>> {
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
        return Ok(vec![import_log(name, bytes, now)?]);
    }
    let dir = tempfile::tempdir().map_err(AppError::internal)?;
    let path = dir.path().join(&safe);
    std::fs::write(&path, bytes).map_err(AppError::internal)?;
    let opts = retrospect_importers::ImportOptions::new(now);
    let imported =
        retrospect_importers::import_as(&path, &kind, &opts, &mut |_| {}).map_err(|e| {
            AppError::bad_request(e.to_string().replace(&dir.path().display().to_string(), ""))
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
