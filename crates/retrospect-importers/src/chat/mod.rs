//! Chat exports: Slack (zip or folder), Discord, Telegram, WhatsApp and
//! Messenger. Each export is one evidence item; each message a proposed entry.

pub mod discord;
pub mod messenger;
pub mod slack;
mod slack_text;
pub mod telegram;
pub mod whatsapp;

use retrospect_domain::{EntryState, Evidence, EvidenceRef, TimelineEntry, Timestamp};

use crate::email::apply_window;
use crate::email::trim::excerpt;
use crate::{ImportOptions, Imported, Skipped};

/// The longest chat message text kept on the timeline.
const MAX_TEXT_CHARS: usize = 4_000;

/// One chat message, ready to become an entry.
#[derive(Debug, Clone)]
pub struct ChatMessage {
    pub at: Timestamp,
    pub zone: Option<String>,
    pub actor: Option<String>,
    pub text: String,
    /// Where in the export: "message 1064990824305274930", "line 12".
    pub position: String,
    pub source: String,
    pub dedupe_key: Option<String>,
    pub thread: Option<String>,
}

impl ChatMessage {
    fn into_entry(self) -> (TimelineEntry, Option<String>, Option<String>) {
        let text = if self.text.trim().is_empty() {
            "(an empty message)".to_string()
        } else {
            self.text
        };
        let entry = TimelineEntry {
            id: 0,
            at: self.at,
            zone: self.zone,
            text: excerpt(text.trim(), MAX_TEXT_CHARS),
            actor: self.actor,
            source: self.source,
            evidence: Some(EvidenceRef {
                evidence: 0,
                position: Some(self.position),
            }),
            key_moment: None,
            hidden: false,
            state: EntryState::Proposed,
        };
        (entry, self.dedupe_key, self.thread)
    }
}

/// Builds the result in the order given, then applies the time window.
pub fn finish(
    evidence: Evidence,
    messages: Vec<ChatMessage>,
    skipped: Vec<Skipped>,
    opts: &ImportOptions,
) -> Imported {
    let mut imported = Imported {
        evidence,
        entries: Vec::with_capacity(messages.len()),
        skipped,
        dedupe_keys: Vec::with_capacity(messages.len()),
        threads: Vec::with_capacity(messages.len()),
    };
    for message in messages {
        let (entry, key, thread) = message.into_entry();
        imported.push(entry, key, thread);
    }
    apply_window(&mut imported, opts, "messages");
    imported
}

/// Reads JSON text with a message naming the place when it is broken.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    place: &str,
    data: &[u8],
) -> Result<T, crate::ImportError> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    serde_json::from_slice(data).map_err(|e| {
        crate::ImportError::malformed(
            path,
            format!("{place}, line {} column {}", e.line(), e.column()),
            format!("it is not the JSON this export should hold ({e})"),
        )
    })
}

/// The largest chat export file read whole (JSON exports can't be streamed
/// message by message without a streaming JSON parser; real ones are far smaller).
pub const MAX_EXPORT_BYTES: u64 = 512 << 20;

/// Reads an export file whole, refusing one past `MAX_EXPORT_BYTES`.
pub(crate) fn read_limited(path: &std::path::Path) -> Result<Vec<u8>, crate::ImportError> {
    let size = std::fs::metadata(path)
        .map_err(|e| crate::ImportError::io(path, e))?
        .len();
    if size > MAX_EXPORT_BYTES {
        return Err(crate::ImportError::unsupported(
            path,
            format!(
                "it is {size} bytes; the largest chat export we read is {MAX_EXPORT_BYTES} bytes"
            ),
        ));
    }
    std::fs::read(path).map_err(|e| crate::ImportError::io(path, e))
}
