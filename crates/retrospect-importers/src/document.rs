//! Documents (Markdown and plain text): attached whole as evidence, and the
//! timeline tables and lists inside them proposed as entries. The reading of
//! timelines is `retrospect-markdown`'s `timeline_from_text`; this module only
//! turns its entries into proposed timeline entries linked to the document.

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

pub fn import_document(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let reader = opts.document_timeline;
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
    match reader {
        Some(read) => {
            for found in read(&text, opts.default_zone.as_deref(), reference) {
                let entry = TimelineEntry {
                    id: 0,
                    at: found.at,
                    zone: found.zone,
                    text: found.text,
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
                if !entry.text.trim().is_empty() {
                    imported.push(entry, None, None);
                }
            }
        }
        None => imported.skipped.push(Skipped::new(
            "timeline",
            "the document is attached as evidence; no timeline reader was given, so its timeline was not read",
        )),
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
