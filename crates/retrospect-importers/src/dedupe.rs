//! Showing the same message once, however many times it was imported: an
//! email found both in an mbox and as an `.eml`, a Slack export imported
//! twice. Two entries are the same when they share a dedupe key (an email's
//! Message-ID, a chat message's id) or, failing that, the same instant, the
//! same actor and the same text once case and spacing are ignored.

use std::collections::HashSet;

use retrospect_domain::TimelineEntry;

use crate::Imported;

/// The key an entry already in a post-mortem carries implicitly in its
/// evidence position ("message <id>" from email, "… message <ts>" from Slack).
pub fn derived_key(entry: &TimelineEntry) -> Option<String> {
    let position = entry.evidence.as_ref()?.position.as_deref()?;
    if entry.source == "email" {
        let id = position.strip_prefix("message <")?.strip_suffix('>')?;
        return Some(format!("email:{id}"));
    }
    if let Some(channel) = entry.source.strip_prefix("slack #") {
        let ts = position.rsplit_once(" message ")?.1;
        return Some(format!("slack:{channel}:{ts}"));
    }
    if entry.source.starts_with("discord") {
        let id = position.strip_prefix("message ")?;
        return Some(format!("discord:{id}"));
    }
    None
}

/// Same instant, same actor, same words: the fallback identity of an entry.
pub fn content_key(entry: &TimelineEntry) -> String {
    let text: Vec<String> = entry
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let actor = entry.actor.as_deref().unwrap_or("").trim().to_lowercase();
    format!("{}|{actor}|{}", entry.at.as_nanosecond(), text.join(" "))
}

/// Removes from `batches` every entry that is already in `existing` or that
/// appeared earlier in the batches (in order). Returns how many were removed.
/// Evidence is never removed: each file stays attached even when all its
/// messages were already known.
pub fn dedupe(existing: &[TimelineEntry], batches: &mut [Imported]) -> usize {
    let mut keys: HashSet<String> = existing.iter().filter_map(derived_key).collect();
    let mut contents: HashSet<String> = existing.iter().map(content_key).collect();
    let mut removed = 0;
    for batch in batches.iter_mut() {
        let mut keep = Vec::with_capacity(batch.entries.len());
        for (entry, key) in batch.entries.iter().zip(&batch.dedupe_keys) {
            let key = key.clone().or_else(|| derived_key(entry));
            let content = content_key(entry);
            let seen =
                key.as_ref().is_some_and(|k| keys.contains(k)) || contents.contains(&content);
            keep.push(!seen);
            if let Some(k) = key {
                keys.insert(k);
            }
            contents.insert(content);
        }
        removed += keep.iter().filter(|k| !**k).count();
        batch.retain_indices(|i| keep.get(i).copied().unwrap_or(true));
    }
    removed
}
