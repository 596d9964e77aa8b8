//! What an import produces and what it is told: the shared vocabulary of every importer.

use std::path::PathBuf;

use retrospect_domain::{Evidence, TimelineEntry, Timestamp};

/// What kind of evidence a path holds, decided from its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// One RFC 5322 message (`.eml`).
    Email,
    /// Many messages in one file separated by `From ` lines (mboxo, mboxrd, Content-Length).
    Mbox,
    /// A folder with `cur/` and `new/` (and usually `tmp/`) holding one message per file.
    Maildir,
    /// A Slack workspace export, zipped or unpacked (`channels.json`, `users.json`).
    SlackExport,
    /// A DiscordChatExporter JSON file.
    Discord,
    /// A Telegram Desktop JSON export (`result.json` or a single chat).
    Telegram,
    /// A WhatsApp "export chat" text file, or its zip.
    WhatsApp,
    /// A Facebook Messenger JSON export.
    Messenger,
    /// A CSV or JSON Lines table with time, text and (optionally) actor columns.
    GenericTimeline,
    /// Markdown or plain text: attached, with its timeline tables and lists proposed.
    Document,
    /// Line-oriented text with timestamps: the log engine's business, not ours.
    Log,
    /// A folder of several evidence files, each imported on its own.
    Folder,
    /// Something we refuse, with the reason written for the person who chose it.
    Unsupported(String),
}

impl SourceKind {
    /// A short lower-case name for messages and `--format json`.
    pub fn name(&self) -> &'static str {
        match self {
            SourceKind::Email => "email",
            SourceKind::Mbox => "mbox",
            SourceKind::Maildir => "maildir",
            SourceKind::SlackExport => "slack",
            SourceKind::Discord => "discord",
            SourceKind::Telegram => "telegram",
            SourceKind::WhatsApp => "whatsapp",
            SourceKind::Messenger => "messenger",
            SourceKind::GenericTimeline => "timeline",
            SourceKind::Document => "document",
            SourceKind::Log => "log",
            SourceKind::Folder => "folder",
            SourceKind::Unsupported(_) => "unsupported",
        }
    }
}

/// Something inside a file that could not become a timeline entry. The rest of
/// the file still imports; these are shown to the person so nothing vanishes silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where: a file name, "message 17 (byte 40213)", "line 12".
    pub place: String,
    /// Why, in plain words.
    pub reason: String,
}

impl Skipped {
    pub fn new(place: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            reason: reason.into(),
        }
    }
}

/// One evidence file (or one mailbox / export folder) and what was read from it.
///
/// `entries`, `dedupe_keys` and `threads` are parallel: index `i` of each
/// describes the same message. Entries are `Proposed` and point at evidence id 0
/// (the caller renumbers when it adds the evidence to a post-mortem).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub evidence: Evidence,
    pub entries: Vec<TimelineEntry>,
    pub skipped: Vec<Skipped>,
    /// A key that identifies the same message wherever it is found (an email's
    /// Message-ID, a Slack message's channel and ts); None when there is none.
    pub dedupe_keys: Vec<Option<String>>,
    /// The conversation the entry belongs to (root Message-ID, Slack thread ts),
    /// so a surface can group a thread; None for messages outside any thread.
    pub threads: Vec<Option<String>>,
}

impl Imported {
    /// Appends an entry with its dedupe key and thread, keeping the vectors parallel.
    pub(crate) fn push(
        &mut self,
        entry: TimelineEntry,
        key: Option<String>,
        thread: Option<String>,
    ) {
        self.entries.push(entry);
        self.dedupe_keys.push(key);
        self.threads.push(thread);
    }

    /// Keeps only the entries for which `keep` returns true, in all three vectors.
    pub(crate) fn retain_indices(&mut self, keep: impl Fn(usize) -> bool) {
        let flags: Vec<bool> = (0..self.entries.len()).map(keep).collect();
        retain_by(&mut self.entries, &flags);
        retain_by(&mut self.dedupe_keys, &flags);
        retain_by(&mut self.threads, &flags);
    }
}

fn retain_by<T>(items: &mut Vec<T>, flags: &[bool]) {
    let mut index = 0;
    items.retain(|_| {
        let keep = flags.get(index).copied().unwrap_or(true);
        index += 1;
        keep
    });
}

/// What the person asked for when importing.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Chat channels to keep (names without `#`, case-insensitive); empty keeps all.
    pub channels: Vec<String>,
    /// Keep only messages at or after this instant.
    pub from: Option<Timestamp>,
    /// Keep only messages at or before this instant.
    pub to: Option<Timestamp>,
    /// The zone of times written without one (`--tz`): an IANA name
    /// (`Europe/Paris`) or an offset (`+02:00`). Without it such times are UTC.
    pub default_zone: Option<String>,
    /// The year of dates written without one (documents' "Mar 3 14:02").
    pub reference_year: Option<i16>,
    /// The import time recorded on the evidence.
    pub now: Timestamp,
    /// Reads timelines inside documents (wire `retrospect_markdown::timeline_from_text`
    /// through a small adapter). Without it, documents are attached as evidence only.
    pub document_timeline: Option<crate::document::TimelineReader>,
}

impl ImportOptions {
    /// Options that keep everything, read zone-less times as UTC, stamped `now`.
    pub fn new(now: Timestamp) -> Self {
        Self {
            channels: Vec::new(),
            from: None,
            to: None,
            default_zone: None,
            reference_year: None,
            now,
            document_timeline: None,
        }
    }

    /// True when an instant is inside the requested time window.
    pub fn in_window(&self, at: Timestamp) -> bool {
        self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at <= t)
    }

    /// True when a channel passes the channel filter.
    pub fn wants_channel(&self, name: &str) -> bool {
        let name = name.trim_start_matches('#');
        self.channels.is_empty()
            || self
                .channels
                .iter()
                .any(|c| c.trim_start_matches('#').eq_ignore_ascii_case(name))
    }
}

/// How far an import has got, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The file being read.
    pub path: PathBuf,
    /// Bytes read so far in that file (or files, for a folder).
    pub bytes_done: u64,
    /// Total bytes to read, when known.
    pub bytes_total: Option<u64>,
    /// Messages or rows read so far.
    pub items: u64,
}
