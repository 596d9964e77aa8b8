//! Deciding what a path holds from its content, not its name: the first
//! 64 KiB of a file (or the layout of a folder) is enough for every format
//! we read, and anything we don't read is refused with the reason.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use crate::chat::whatsapp;
use crate::email::is_maildir;
use crate::email::mbox::is_separator_shape;
use crate::table;
use crate::zipsafe::{SafeZip, is_zip};
use crate::{ImportError, SourceKind};

const SNIFF_BYTES: usize = 64 << 10;

/// What kind of evidence `path` holds, judged by its content.
pub fn detect(path: &Path) -> Result<SourceKind, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::io(path, e))?;
    if meta.is_dir() {
        return Ok(detect_dir(path));
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)
        .map_err(|e| ImportError::io(path, e))?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| ImportError::io(path, e))?;
    if is_zip(&head) {
        return detect_zip(path);
    }
    Ok(detect_bytes(path, &head))
}

fn detect_dir(path: &Path) -> SourceKind {
    if is_maildir(path) {
        SourceKind::Maildir
    } else if path.join("channels.json").is_file() || path.join("users.json").is_file() {
        SourceKind::SlackExport
    } else if path.join("result.json").is_file() {
        SourceKind::Telegram
    } else {
        SourceKind::Folder
    }
}

fn detect_zip(path: &Path) -> Result<SourceKind, ImportError> {
    let mut zip = SafeZip::open(path)?;
    let names = zip.names().to_vec();
    let base = |n: &String| n.rsplit('/').next().unwrap_or(n).to_string();
    if names
        .iter()
        .any(|n| matches!(base(n).as_str(), "channels.json" | "users.json"))
    {
        return Ok(SourceKind::SlackExport);
    }
    for name in names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".txt"))
    {
        let data = zip.read(name)?;
        if whatsapp::looks_like(&String::from_utf8_lossy(
            &data[..data.len().min(SNIFF_BYTES)],
        )) {
            return Ok(SourceKind::WhatsApp);
        }
    }
    Ok(SourceKind::Unsupported(
        "it is a zip archive but not a Slack or WhatsApp export (those are the archives we read); unpack it and import the files inside".into(),
    ))
}

/// Judges a file from its first bytes (and its extension, for Markdown).
pub fn detect_bytes(path: &Path, head: &[u8]) -> SourceKind {
    if head.is_empty() {
        return SourceKind::Unsupported("the file is empty".into());
    }
    if let Some(refusal) = magic_refusal(head) {
        return refusal;
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        // Compressed logs are the log engine's; it reads gzip.
        return SourceKind::Log;
    }
    let text = String::from_utf8_lossy(head);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if is_separator_shape(first_line.as_bytes()) && first_line.starts_with("From ") {
        return SourceKind::Mbox;
    }
    // Mail headers are text even when a part is binary (UTF-16, images).
    if looks_like_email(text) {
        return SourceKind::Email;
    }
    if head.iter().take(8192).any(|&b| b == 0) {
        return SourceKind::Unsupported(
            "it is a binary file (it contains NUL bytes), not text that Retrospect can read".into(),
        );
    }
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('[')) && is_json_start(trimmed) {
        return detect_json(trimmed);
    }
    if whatsapp::looks_like(text) {
        return SourceKind::WhatsApp;
    }
    if table::csv_header(first_line).is_some() {
        return SourceKind::GenericTimeline;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "md" | "markdown" | "mdown") || looks_like_markdown(text) {
        return SourceKind::Document;
    }
    if looks_like_log(text) {
        return SourceKind::Log;
    }
    SourceKind::Document
}

fn magic_refusal(head: &[u8]) -> Option<SourceKind> {
    let refuse = |what: &str| Some(SourceKind::Unsupported(what.to_string()));
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return refuse(
            "it is an Outlook message (.msg, a binary OLE file); in Outlook, save the mail as .eml or export the folder as mbox, and import that",
        );
    }
    let images: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"\x7FELF", "a program (ELF executable)"),
        (b"MZ", "a Windows program"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ", "an xz archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
    ];
    for (magic, what) in images {
        if head.starts_with(magic) {
            return refuse(&format!(
                "it is {what}; Retrospect reads mail, chat exports, timeline tables, documents and logs"
            ));
        }
    }
    None
}

/// The text is JSON (perhaps cut off by the sniffing window) or JSON Lines;
/// `[Sun Dec 04 04:47:44 2005] [notice] …` is not.
fn is_json_start(text: &str) -> bool {
    let first_line = text.lines().next().unwrap_or("");
    if serde_json::from_str::<serde::de::IgnoredAny>(first_line).is_ok() {
        return true;
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => true,
        Err(e) => e.is_eof(),
    }
}

fn detect_json(text: &str) -> SourceKind {
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    if has("guild") && has("channel") && has("messages") {
        return SourceKind::Discord;
    }
    if has("participants") && has("messages") && has("sender_name") {
        return SourceKind::Messenger;
    }
    if has("messages")
        && (has("from_id") || has("personal_chat") || has("date_unixtime") || has("text_entities"))
    {
        return SourceKind::Telegram;
    }
    let first = text.lines().next().unwrap_or("");
    if first.trim_start().starts_with('{') && table::json_line_is_timeline(first) {
        return SourceKind::GenericTimeline;
    }
    if has("ts") && has("type") && text.trim_start().starts_with('[') {
        return SourceKind::Unsupported(
            "it looks like one day of one Slack channel; import the whole export (its folder or zip), which also names the users".into(),
        );
    }
    SourceKind::Unsupported(
        "it is JSON, but neither a chat export (Slack, Discord, Telegram, Messenger) nor a timeline in JSON Lines with time and text fields".into(),
    )
}

const MAIL_HEADERS: &[&str] = &[
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "delivered-to",
    "reply-to",
    "x-mailer",
    "references",
    "in-reply-to",
    "sender",
    "cc",
];

/// RFC 5322 headers at the top: the lines up to the first blank one are
/// (nearly all) `Name: value` headers or continuations, and some are mail
/// headers. A damaged line or two (seen in real mail) does not stop it.
fn looks_like_email(text: &str) -> bool {
    let mut known = 0;
    let mut shaped = 0;
    let mut lines = 0;
    for (i, line) in text.lines().take(500).enumerate() {
        if line.trim().is_empty() {
            break;
        }
        lines += 1;
        if line.starts_with(' ') || line.starts_with('\t') {
            if i == 0 {
                return false;
            }
            shaped += 1;
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            continue;
        };
        if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b)) {
            continue;
        }
        shaped += 1;
        if MAIL_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
        }
    }
    (known >= 1 && shaped == lines) || (known >= 2 && shaped * 10 >= lines * 7)
}

fn looks_like_markdown(text: &str) -> bool {
    let mut lines = text.lines();
    if lines.next().is_some_and(|l| l.trim_end() == "---") {
        return true;
    }
    text.lines().take(200).any(|l| {
        let t = l.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || t.starts_with("|---")
            || t.starts_with("| ---")
    })
}

fn timestamp_near_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"\d{1,2}:\d{2}(?::\d{2})?|^\d{6} \d{6}|\b1\d{9}\b|\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}",
        )
        .expect("the timestamp sniffing pattern is a valid regex")
    })
}

/// Most sampled lines carry a time in their first 64 characters.
fn looks_like_log(text: &str) -> bool {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    if sample.len() < 2 {
        return false;
    }
    let stamped = sample
        .iter()
        .filter(|l| {
            let end = l.char_indices().nth(64).map(|(i, _)| i).unwrap_or(l.len());
            timestamp_near_start().is_match(&l[..end])
        })
        .count();
    stamped * 10 >= sample.len() * 6
}
