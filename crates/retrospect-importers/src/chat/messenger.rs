//! Facebook Messenger JSON exports (`message_1.json`): newest message first,
//! times in epoch milliseconds, and text that Facebook writes as UTF-8 bytes
//! escaped one by one (so "é" arrives as "Ã©"); that is repaired.

use std::path::Path;

use retrospect_domain::{EvidenceKind, Timestamp};
use serde_json::Value;

use super::{ChatMessage, finish, parse_json};
use crate::evidence::{record, sha256_hex};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

/// Undoes Facebook's per-byte escaping when the text is really UTF-8 in disguise.
pub fn repair_mojibake(text: &str) -> String {
    if text.chars().all(|c| (c as u32) < 256) && text.chars().any(|c| (c as u32) >= 128) {
        let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        if let Ok(fixed) = String::from_utf8(bytes) {
            return fixed;
        }
    }
    text.to_string()
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(repair_mojibake)
        .filter(|s| !s.trim().is_empty())
}

pub fn import_messenger(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let data = super::read_limited(path)?;
    let export: Value = parse_json(path, "the export", &data)?;
    let title = text_of(&export, "title").unwrap_or_else(|| "conversation".into());
    let list = export
        .get("messages")
        .and_then(Value::as_array)
        .ok_or_else(|| ImportError::malformed(path, "the export", "it has no \"messages\" list"))?;
    let mut messages = Vec::with_capacity(list.len());
    let mut skipped = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let place = format!("message {}", i + 1);
        let Some(at) = m
            .get("timestamp_ms")
            .and_then(Value::as_i64)
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        else {
            skipped.push(Skipped::new(
                place,
                "its timestamp_ms is missing or can't be read",
            ));
            continue;
        };
        let mut text = text_of(m, "content").unwrap_or_default();
        for (key, what) in [
            ("photos", "photo"),
            ("videos", "video"),
            ("files", "file"),
            ("audio_files", "audio"),
            ("gifs", "gif"),
        ] {
            if let Some(items) = m.get(key).and_then(Value::as_array) {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|f| f.get("uri").and_then(Value::as_str))
                    .map(|u| u.rsplit('/').next().unwrap_or(u).to_string())
                    .collect();
                text.push_str(&format!(" ({what}: {})", names.join(", ")));
            }
        }
        if m.get("sticker").is_some() {
            text.push_str(" (sticker)");
        }
        messages.push(ChatMessage {
            at,
            zone: None,
            actor: text_of(m, "sender_name"),
            text: text.trim().to_string(),
            position: place,
            source: format!("messenger {title}"),
            dedupe_key: None,
            thread: None,
        });
    }
    // Exports list the newest first; the timeline reads oldest first.
    messages.sort_by_key(|m| m.at);
    progress(Progress {
        path: path.to_path_buf(),
        bytes_done: data.len() as u64,
        bytes_total: Some(data.len() as u64),
        items: messages.len() as u64,
    });
    let evidence = record(
        path,
        EvidenceKind::Chat,
        sha256_hex(&data),
        data.len() as u64,
        "messenger",
        opts.now,
    );
    Ok(finish(evidence, messages, skipped, opts))
}

#[cfg(test)]
mod tests {
    #[test]
    fn facebook_escaping_is_repaired() {
        assert_eq!(super::repair_mojibake("Ã©tÃ©"), "été");
        assert_eq!(super::repair_mojibake("plain"), "plain");
        assert_eq!(super::repair_mojibake("café ☕"), "café ☕");
    }
}
