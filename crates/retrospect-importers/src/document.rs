//! Documents (Markdown and plain text): attached whole as evidence, and the
//! timeline tables and lists inside them proposed as entries. The reading of
//! timelines is `retrospect-markdown`'s `timeline_from_text` (a caller may
//! inject another reader); this module only turns what it finds into proposed
//! timeline entries linked to their line in the document.

use std::path::Path;

use retrospect_domain::{Date, EntryState, EvidenceKind, EvidenceRef, TimelineEntry, Timestamp};

use crate::email::apply_window;
use crate::evidence::{record, sha256_hex};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

/// The largest document read.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// An entry found in a document, as `retrospect-markdown` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentEntry {
    pub at: Timestamp,
    pub zone: Option<String>,
    pub text: String,
    pub actor: Option<String>,
    /// 1-based line in the document.
    pub line: usize,
}

/// The timeline reader documents are handed to.
pub type TimelineReader = fn(&str, Option<&str>, Option<Date>) -> Vec<DocumentEntry>;

/// The longest entry text kept: the domain's limit for timeline text.
const MAX_TEXT_CHARS: usize = 20_000;

/// The default reader: `retrospect-markdown`'s timeline parser (lists, tables,
/// dated headings, stated zones, midnight rollover).
pub fn markdown_timeline(text: &str, zone: Option<&str>, date: Option<Date>) -> Vec<DocumentEntry> {
    retrospect_markdown::timeline_from_text(text, zone, date)
        .into_iter()
        .map(|p| DocumentEntry {
            at: p.at,
            zone: p.zone,
            text: p.text,
            actor: p.actor,
            line: p.line,
        })
        .collect()
}

pub fn import_document(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let reader = opts.document_timeline.unwrap_or(markdown_timeline);
    let size = std::fs::metadata(path)
        .map_err(|e| ImportError::io(path, e))?
        .len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(ImportError::unsupported(
            path,
            format!(
                "it is {size} bytes; the largest document we read is {MAX_DOCUMENT_BYTES} bytes"
            ),
        ));
    }
    let data = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let text = String::from_utf8_lossy(&data);
    let evidence = record(
        path,
        EvidenceKind::Document,
        sha256_hex(&data),
        data.len() as u64,
        "document",
        opts.now,
    );
    let mut imported = Imported {
        evidence,
        entries: Vec::new(),
        skipped: Vec::new(),
        dedupe_keys: Vec::new(),
        threads: Vec::new(),
    };
    let reference = opts.reference_year.and_then(|y| Date::new(y, 1, 1).ok());
    for found in reader(&text, opts.default_zone.as_deref(), reference) {
        let text: String = found.text.trim().chars().take(MAX_TEXT_CHARS).collect();
        if text.is_empty() {
            continue;
        }
        let entry = TimelineEntry {
            id: 0,
            at: found.at,
            zone: found.zone,
            text,
            actor: found.actor,
            source: "document".to_string(),
            evidence: Some(EvidenceRef {
                evidence: 0,
                position: Some(format!("line {}", found.line)),
            }),
            key_moment: None,
            hidden: false,
            state: EntryState::Proposed,
        };
        imported.push(entry, None, None);
    }
    if imported.entries.is_empty() {
        imported.skipped.push(Skipped::new(
            "timeline",
            "no timeline entries were found in the document; it is attached as evidence",
        ));
    }
    progress(Progress {
        path: path.to_path_buf(),
        bytes_done: size,
        bytes_total: Some(size),
        items: imported.entries.len() as u64,
    });
    apply_window(&mut imported, opts, "entries");
    Ok(imported)
}
