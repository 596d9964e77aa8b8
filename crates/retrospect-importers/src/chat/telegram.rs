//! Telegram Desktop JSON exports: a single chat, or `result.json` with many.
//! `date_unixtime` is an exact instant; a bare `date` is local time without a
//! zone, read in `--tz`. Text may be a string or a list of styled pieces.

use std::path::Path;

use retrospect_domain::EvidenceKind;
use serde_json::Value;

use super::{ChatMessage, finish, parse_json};
use crate::evidence::{record, sha256_hex};
use crate::time::{DefaultZone, parse_epoch, parse_time_text};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

fn text_of(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Telegram text: a string, or a list of strings and `{type, text}` pieces.
fn message_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts.iter().map(message_text).collect(),
        Value::Object(o) => o.get("text").map(message_text).unwrap_or_default(),
        _ => String::new(),
    }
}

pub fn import_telegram(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let zone = DefaultZone::from_options(opts)?;
    let file = if path.is_dir() {
        path.join("result.json")
    } else {
        path.to_path_buf()
    };
    let data = super::read_limited(&file)?;
    let export: Value = parse_json(&file, "the export", &data)?;
    // result.json holds {"chats": {"list": [...]}}; a single chat export is the chat itself.
    let chats: Vec<&Value> = match export
        .get("chats")
        .and_then(|c| c.get("list"))
        .and_then(Value::as_array)
    {
        Some(list) => list.iter().collect(),
        None => vec![&export],
    };
    let mut messages = Vec::new();
    let mut skipped = Vec::new();
    for chat in chats {
        let name = text_of(chat, "name").unwrap_or_else(|| "chat".into());
        if !opts.wants_channel(&name) {
            continue;
        }
        let Some(list) = chat.get("messages").and_then(Value::as_array) else {
            continue;
        };
        for m in list {
            let id = text_of(m, "id").unwrap_or_default();
            let place = format!("{name} message {id}");
            let at = text_of(m, "date_unixtime")
                .and_then(|t| parse_epoch(&t).map(|at| (at, None)))
                .or_else(|| text_of(m, "date").and_then(|d| parse_time_text(&d, &zone)));
            let Some((at, zone_label)) = at else {
                skipped.push(Skipped::new(place, "its date is missing or can't be read"));
                continue;
            };
            let service = text_of(m, "type").as_deref() == Some("service");
            let actor = text_of(m, "from").or_else(|| text_of(m, "actor"));
            let mut text = m.get("text").map(message_text).unwrap_or_default();
            if service {
                let action = text_of(m, "action")
                    .unwrap_or_else(|| "service".into())
                    .replace('_', " ");
                text = if text.is_empty() {
                    format!("[{action}]")
                } else {
                    format!("[{action}] {text}")
                };
            }
            for media in ["photo", "file", "media_type"] {
                if let Some(what) = text_of(m, media) {
                    let what = if what.starts_with('(') {
                        media.to_string()
                    } else {
                        what
                    };
                    text.push_str(&format!(" ({media}: {what})"));
                    break;
                }
            }
            if m.get("edited").is_some() {
                text.push_str(" (edited)");
            }
            let reply = text_of(m, "reply_to_message_id");
            messages.push(ChatMessage {
                at,
                zone: zone_label,
                actor,
                text,
                position: place,
                source: format!("telegram {name}"),
                dedupe_key: Some(format!("telegram:{name}:{id}")),
                thread: reply.map(|r| format!("telegram:{name}:{r}")),
            });
        }
    }
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
        "telegram",
        opts.now,
    );
    Ok(finish(evidence, messages, skipped, opts))
}
