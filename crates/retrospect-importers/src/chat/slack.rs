//! A Slack workspace export, as its zip or unpacked: `users.json` names the
//! people, `channels.json` (and `groups.json`, `mpims.json`, `dms.json`) the
//! conversations, and each conversation folder has one JSON file per day.
//! Users are resolved to names, bots marked "(bot)", thread replies placed
//! right after their parent, edits and shared files shown.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use retrospect_domain::{EvidenceKind, Timestamp};
use serde_json::Value;

use super::slack_text::readable;
use super::{ChatMessage, finish, parse_json};
use crate::evidence::{checksum_file, checksum_folder, record};
use crate::zipsafe::{SafeZip, is_zip};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

/// Where the export's files come from.
enum Files {
    Folder {
        root: PathBuf,
        names: Vec<String>,
    },
    Zip {
        zip: Box<SafeZip>,
        prefix: String,
        names: Vec<String>,
    },
}

impl Files {
    fn names(&self) -> &[String] {
        match self {
            Files::Folder { names, .. } | Files::Zip { names, .. } => names,
        }
    }

    fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        match self {
            Files::Folder { root, .. } => super::read_limited(&root.join(name)),
            Files::Zip { zip, prefix, .. } => zip.read(&format!("{prefix}{name}")),
        }
    }
}

fn folder_files(root: &Path) -> Result<Vec<String>, ImportError> {
    let mut names = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| ImportError::io(&dir, e))? {
            let entry = entry.map_err(|e| ImportError::io(&dir, e))?;
            let kind = entry
                .file_type()
                .map_err(|e| ImportError::io(&entry.path(), e))?;
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "json") {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                names.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    names.sort();
    Ok(names)
}

fn open(path: &Path) -> Result<Files, ImportError> {
    if path.is_dir() {
        return Ok(Files::Folder {
            root: path.to_path_buf(),
            names: folder_files(path)?,
        });
    }
    let zip = SafeZip::open(path)?;
    // The export may sit inside one top folder of the zip.
    let prefix = zip
        .names()
        .iter()
        .filter(|n| n.ends_with("channels.json") || n.ends_with("users.json"))
        .map(|n| n[..n.len() - n.rsplit('/').next().unwrap_or("").len()].to_string())
        .min_by_key(|p| p.len())
        .unwrap_or_default();
    let mut names: Vec<String> = zip
        .names()
        .iter()
        .filter(|n| n.starts_with(&prefix) && n.ends_with(".json"))
        .map(|n| n[prefix.len()..].to_string())
        .collect();
    names.sort();
    Ok(Files::Zip {
        zip: Box::new(zip),
        prefix,
        names,
    })
}

/// A person or bot as users.json describes them.
struct Person {
    name: String,
    is_bot: bool,
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn people(files: &mut Files, path: &Path) -> Result<HashMap<String, Person>, ImportError> {
    let mut map = HashMap::new();
    if !files.names().iter().any(|n| n == "users.json") {
        return Ok(map);
    }
    let users: Vec<Value> = parse_json(path, "users.json", &files.read("users.json")?)?;
    for u in users {
        let Some(id) = text_of(&u, "id") else {
            continue;
        };
        let profile = u.get("profile").cloned().unwrap_or(Value::Null);
        let name = text_of(&u, "real_name")
            .or_else(|| text_of(&profile, "real_name"))
            .or_else(|| text_of(&profile, "display_name"))
            .or_else(|| text_of(&u, "name"))
            .unwrap_or_else(|| id.clone());
        let is_bot = u.get("is_bot").and_then(Value::as_bool).unwrap_or(false);
        map.insert(id, Person { name, is_bot });
    }
    Ok(map)
}

/// Conversation folder names by id, from every conversation list present.
fn conversations(files: &mut Files, path: &Path) -> Result<Vec<(String, String)>, ImportError> {
    let mut list = Vec::new();
    for file in ["channels.json", "groups.json", "mpims.json", "dms.json"] {
        if !files.names().iter().any(|n| n == file) {
            continue;
        }
        let items: Vec<Value> = parse_json(path, file, &files.read(file)?)?;
        for c in items {
            let id = text_of(&c, "id").unwrap_or_default();
            let name = text_of(&c, "name").unwrap_or_else(|| id.clone());
            list.push((id, name));
        }
    }
    Ok(list)
}

pub fn import_slack(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let mut files = open(path)?;
    let people = people(&mut files, path)?;
    let convs = conversations(&mut files, path)?;
    let user_names: HashMap<String, String> = people
        .iter()
        .map(|(id, p)| (id.clone(), p.name.clone()))
        .collect();
    let channel_names: HashMap<String, String> = convs.iter().cloned().collect();
    // Every folder of day files is a conversation, listed or not.
    let mut folders: Vec<String> = files
        .names()
        .iter()
        .filter_map(|n| n.split_once('/').map(|(dir, _)| dir.to_string()))
        .collect();
    folders.dedup();
    let mut skipped = Vec::new();
    let mut messages = Vec::new();
    let ctx = Context {
        users: &people,
        user_names: &user_names,
        channel_names: &channel_names,
    };
    let mut read_files = 0u64;
    for folder in folders {
        if !opts.wants_channel(&folder) {
            continue;
        }
        let days: Vec<String> = files
            .names()
            .iter()
            .filter(|n| n.starts_with(&format!("{folder}/")))
            .cloned()
            .collect();
        let mut channel: Vec<(String, String, ChatMessage)> = Vec::new();
        for day in days {
            let items: Vec<Value> = parse_json(path, &day, &files.read(&day)?)?;
            for (i, m) in items.iter().enumerate() {
                match ctx.message(m, &folder, &day) {
                    Ok(row) => channel.push(row),
                    Err(reason) => {
                        skipped.push(Skipped::new(format!("{day}, message {}", i + 1), reason))
                    }
                }
            }
            read_files += 1;
            progress(Progress {
                path: path.to_path_buf(),
                bytes_done: 0,
                bytes_total: None,
                items: read_files,
            });
        }
        // Threads stay together: a reply sorts right after its parent and earlier replies.
        channel.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        messages.extend(channel.into_iter().map(|(_, _, m)| m));
    }
    let (checksum, size) = match &files {
        Files::Folder { root, names } => {
            let list: Vec<PathBuf> = names.iter().map(|n| root.join(n)).collect();
            checksum_folder(root, &list)?
        }
        Files::Zip { .. } => checksum_file(path)?,
    };
    let source = if is_zip_path(path) {
        "slack export (zip)"
    } else {
        "slack export"
    };
    let evidence = record(path, EvidenceKind::Chat, checksum, size, source, opts.now);
    Ok(finish(evidence, messages, skipped, opts))
}

fn is_zip_path(path: &Path) -> bool {
    fs::File::open(path)
        .ok()
        .and_then(|mut f| {
            let mut head = [0u8; 4];
            std::io::Read::read_exact(&mut f, &mut head)
                .ok()
                .map(|_| is_zip(&head))
        })
        .unwrap_or(false)
}

struct Context<'a> {
    users: &'a HashMap<String, Person>,
    user_names: &'a HashMap<String, String>,
    channel_names: &'a HashMap<String, String>,
}

/// Slack's `ts` ("1458980525.000012") as an instant; its sort key is the string itself,
/// padded so that "9.1" sorts before "10.1".
fn instant(ts: &str) -> Option<Timestamp> {
    let (secs, micros) = ts.split_once('.').unwrap_or((ts, "0"));
    let secs: i64 = secs.parse().ok()?;
    let micros: String = format!("{micros:0<6}").chars().take(6).collect();
    let micros: i32 = micros.parse().ok()?;
    Timestamp::new(secs, micros * 1000).ok()
}

fn sort_key(ts: &str) -> String {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, ""));
    format!("{secs:0>12}.{frac:0<6}")
}

impl Context<'_> {
    /// One message: (thread sort key, own sort key, message).
    fn message(
        &self,
        m: &Value,
        channel: &str,
        day: &str,
    ) -> Result<(String, String, ChatMessage), String> {
        let ts = text_of(m, "ts").ok_or("it has no ts (time stamp)")?;
        let at =
            instant(&ts).ok_or_else(|| format!("its ts \"{ts}\" is not a Slack time stamp"))?;
        let subtype = text_of(m, "subtype").unwrap_or_default();
        let user = text_of(m, "user")
            .or_else(|| m.get("file").and_then(|f| text_of(f, "user")))
            .or_else(|| m.get("comment").and_then(|c| text_of(c, "user")));
        // A person adding an integration ("bot_add") carries the bot's id but is not a bot.
        let human_about_bot =
            matches!(subtype.as_str(), "bot_add" | "bot_remove") && user.is_some();
        let is_bot = (m.get("bot_id").is_some_and(|b| !b.is_null()) && !human_about_bot)
            || subtype == "bot_message"
            || user
                .as_deref()
                .and_then(|u| self.users.get(u))
                .is_some_and(|p| p.is_bot);
        let name = user
            .as_deref()
            .and_then(|u| self.users.get(u).map(|p| p.name.clone()))
            .or_else(|| text_of(m, "username"))
            .or_else(|| m.get("bot_profile").and_then(|b| text_of(b, "name")))
            .or_else(|| user.clone())
            .or_else(|| text_of(m, "bot_id").map(|b| format!("integration {b}")));
        let actor = name.map(|n| if is_bot { format!("{n} (bot)") } else { n });
        let mut text = readable(
            &text_of(m, "text").unwrap_or_default(),
            self.user_names,
            self.channel_names,
        );
        if text.is_empty() {
            text = self.attachment_text(m);
        }
        if let Some(file) = m.get("file") {
            let name = text_of(file, "name")
                .or_else(|| text_of(file, "title"))
                .unwrap_or_else(|| "a file".into());
            if !text.contains(&name) {
                text.push_str(&format!(" (file: {name})"));
            }
        }
        if let Some(files) = m.get("files").and_then(Value::as_array) {
            let names: Vec<String> = files
                .iter()
                .filter_map(|f| text_of(f, "name").or_else(|| text_of(f, "title")))
                .collect();
            if !names.is_empty() {
                text.push_str(&format!(" (files: {})", names.join(", ")));
            }
        }
        if m.get("edited").is_some_and(|e| !e.is_null()) {
            text.push_str(" (edited)");
        }
        let thread_ts = text_of(m, "thread_ts");
        let is_reply = thread_ts.as_deref().is_some_and(|t| t != ts);
        if is_reply {
            text = format!("↳ in thread: {text}");
        }
        let root = thread_ts.clone().unwrap_or_else(|| ts.clone());
        let message = ChatMessage {
            at,
            zone: None,
            actor,
            text,
            position: format!("{day} message {ts}"),
            source: format!("slack #{channel}"),
            dedupe_key: Some(format!("slack:{channel}:{ts}")),
            thread: thread_ts.map(|t| format!("slack:{channel}:{t}")),
        };
        Ok((sort_key(&root), sort_key(&ts), message))
    }

    /// Bots often send an empty text and put everything in attachments.
    fn attachment_text(&self, m: &Value) -> String {
        let Some(list) = m.get("attachments").and_then(Value::as_array) else {
            return String::new();
        };
        let parts: Vec<String> = list
            .iter()
            .filter_map(|a| {
                let pre = text_of(a, "pretext");
                let body = text_of(a, "text")
                    .or_else(|| text_of(a, "fallback"))
                    .or_else(|| text_of(a, "title"));
                let joined = match (pre, body) {
                    (Some(p), Some(b)) => format!("{p} {b}"),
                    (Some(p), None) => p,
                    (None, Some(b)) => b,
                    (None, None) => return None,
                };
                Some(readable(&joined, self.user_names, self.channel_names))
            })
            .collect();
        parts.join(" | ")
    }
}
