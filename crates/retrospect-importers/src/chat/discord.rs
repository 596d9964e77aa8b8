//! DiscordChatExporter JSON: one channel per file, times in RFC 3339 with
//! their offset, authors with nicknames and a bot flag, replies by reference.

use std::path::Path;

use retrospect_domain::EvidenceKind;
use serde_json::Value;

use super::{ChatMessage, finish, parse_json};
use crate::email::human_size;
use crate::evidence::{record, sha256_hex};
use crate::time::{DefaultZone, parse_time_text};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub fn import_discord(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let zone = DefaultZone::from_options(opts)?;
    let data = super::read_limited(path)?;
    let export: Value = parse_json(path, "the export", &data)?;
    let channel = export
        .get("channel")
        .and_then(|c| text_of(c, "name"))
        .unwrap_or_else(|| "channel".into());
    let guild = export.get("guild").and_then(|g| text_of(g, "name"));
    if !opts.wants_channel(&channel) {
        let evidence = record(
            path,
            EvidenceKind::Chat,
            sha256_hex(&data),
            data.len() as u64,
            "discord",
            opts.now,
        );
        return Ok(finish(
            evidence,
            Vec::new(),
            vec![Skipped::new(
                "channel filter",
                format!("#{channel} is not among the channels asked for"),
            )],
            opts,
        ));
    }
    let source = match &guild {
        Some(g) if g != "Direct Messages" => format!("discord {g} #{channel}"),
        _ => format!("discord #{channel}"),
    };
    let list = export
        .get("messages")
        .and_then(Value::as_array)
        .ok_or_else(|| ImportError::malformed(path, "the export", "it has no \"messages\" list"))?;
    let mut messages = Vec::with_capacity(list.len());
    let mut skipped = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let id = text_of(m, "id").unwrap_or_else(|| format!("#{}", i + 1));
        let place = format!("message {id}");
        let Some((at, zone_label)) =
            text_of(m, "timestamp").and_then(|t| parse_time_text(&t, &zone))
        else {
            skipped.push(Skipped::new(
                place,
                "its timestamp is missing or can't be read",
            ));
            continue;
        };
        let author = m.get("author").cloned().unwrap_or(Value::Null);
        let name = text_of(&author, "nickname").or_else(|| text_of(&author, "name"));
        let is_bot = author
            .get("isBot")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let actor = name.map(|n| if is_bot { format!("{n} (bot)") } else { n });
        let mut text = text_of(m, "content").unwrap_or_default();
        let kind = text_of(m, "type").unwrap_or_default();
        if kind != "Default" && kind != "Reply" && !kind.is_empty() {
            text = format!("[{kind}] {text}");
        }
        let attachments: Vec<String> = m
            .get("attachments")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|f| {
                        let name = text_of(f, "fileName").unwrap_or_else(|| "a file".into());
                        match f.get("fileSizeBytes").and_then(Value::as_u64) {
                            Some(size) => format!("{name}, {}", human_size(size as usize)),
                            None => name,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !attachments.is_empty() {
            text.push_str(&format!(" (attachments: {})", attachments.join("; ")));
        }
        if m.get("timestampEdited").is_some_and(|e| !e.is_null()) {
            text.push_str(" (edited)");
        }
        let reply_to = m.get("reference").and_then(|r| text_of(r, "messageId"));
        if reply_to.is_some() {
            text = format!("↳ reply: {text}");
        }
        messages.push(ChatMessage {
            at,
            zone: zone_label,
            actor,
            text,
            position: place,
            source: source.clone(),
            dedupe_key: Some(format!("discord:{id}")),
            thread: reply_to.map(|r| format!("discord:{r}")),
        });
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
        "discord",
        opts.now,
    );
    Ok(finish(evidence, messages, skipped, opts))
}
