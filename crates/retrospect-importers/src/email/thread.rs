//! Threading: which conversation each message belongs to. References and
//! In-Reply-To link messages (a missing ancestor still links its descendants,
//! since they name the same id); a message whose ancestors are all absent, or
//! that names none, falls back to its subject with Re:/Fwd:/AW:/SV: and list
//! tags stripped.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use retrospect_domain::Timestamp;

/// What threading needs to know about one message.
#[derive(Debug, Clone)]
pub struct ThreadInput {
    pub id: Option<String>,
    /// Ancestors named by References and In-Reply-To.
    pub parents: Vec<String>,
    pub subject: String,
    pub at: Option<Timestamp>,
}

fn reply_prefix() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:(?:re|fw|fwd|aw|sv|vs|wg|antw|antwort|réf|ref|tr|rif|r|enc|odp|ynt|vb|res)(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:：]|\[[^\]]{1,40}\])\s*",
        )
        .expect("the reply prefix pattern is a valid regex")
    })
}

/// The subject a whole thread shares: reply and forward prefixes (in several
/// languages) and mailing-list tags removed, spaces collapsed, lower case.
pub fn normalise_subject(subject: &str) -> String {
    let mut s = subject.trim();
    while let Some(m) = reply_prefix().find(s) {
        if m.end() == 0 || m.end() >= s.len() {
            break;
        }
        s = &s[m.end()..];
    }
    let s = s.trim_end();
    let s = s.strip_suffix("(fwd)").unwrap_or(s);
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when a subject carries a reply or forward prefix.
pub fn is_reply_subject(subject: &str) -> bool {
    reply_prefix()
        .find(subject)
        .is_some_and(|m| !subject[..m.end()].trim_start().starts_with('['))
}

struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new() -> Self {
        Self { parent: Vec::new() }
    }
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// One thread key per message. The key is the Message-ID of the earliest
/// message present in the thread; when none has an id, the oldest ancestor
/// named, or else `subject:<normalised subject>`.
pub fn thread_keys(messages: &[ThreadInput]) -> Vec<String> {
    let mut sets = Sets::new();
    let message_nodes: Vec<usize> = messages.iter().map(|_| sets.add()).collect();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, m) in messages.iter().enumerate() {
        if let Some(id) = m.id.as_deref() {
            match by_id.get(id) {
                // The same message seen twice is one node of the thread.
                Some(&other) => sets.union(other, message_nodes[i]),
                None => {
                    by_id.insert(id, message_nodes[i]);
                }
            }
        }
    }
    let mut missing: HashMap<&str, usize> = HashMap::new();
    let mut orphan = vec![true; messages.len()];
    for (i, m) in messages.iter().enumerate() {
        for parent in &m.parents {
            let node = match by_id.get(parent.as_str()) {
                Some(&n) => {
                    orphan[i] = false;
                    n
                }
                None => *missing.entry(parent.as_str()).or_insert_with(|| sets.add()),
            };
            sets.union(message_nodes[i], node);
        }
    }
    // Subject fallback for messages none of whose ancestors are here.
    let mut order: Vec<usize> = (0..messages.len()).collect();
    order.sort_by_key(|&i| (messages[i].at, i));
    let mut by_subject: HashMap<String, usize> = HashMap::new();
    for i in order {
        if !orphan[i] {
            continue;
        }
        let norm = normalise_subject(&messages[i].subject);
        if norm.is_empty() {
            continue;
        }
        match by_subject.get(&norm) {
            Some(&node) => {
                // A second root with the same plain subject ("Weekly report") is a
                // new conversation; a reply or forward joins the existing one.
                if is_reply_subject(&messages[i].subject) || !messages[i].parents.is_empty() {
                    sets.union(message_nodes[i], node);
                }
            }
            None => {
                by_subject.insert(norm, message_nodes[i]);
            }
        }
    }
    let mut root_key: HashMap<usize, (Option<Timestamp>, usize, String)> = HashMap::new();
    for (i, m) in messages.iter().enumerate() {
        let root = sets.find(message_nodes[i]);
        let candidate =
            m.id.clone()
                .or_else(|| m.parents.first().cloned())
                .unwrap_or_else(|| format!("subject:{}", normalise_subject(&m.subject)));
        // Messages with an id beat ancestors' ids; among them the earliest wins.
        let rank = (
            m.at.or(Some(Timestamp::MAX)),
            if m.id.is_some() { 0 } else { 1 },
        );
        let entry = root_key
            .entry(root)
            .or_insert((rank.0, rank.1, candidate.clone()));
        if (rank.1, rank.0) < (entry.1, entry.0) {
            *entry = (rank.0, rank.1, candidate);
        }
    }
    message_nodes
        .iter()
        .map(|&n| {
            let root = sets.find(n);
            root_key.get(&root).map(|k| k.2.clone()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_lose_their_prefixes() {
        assert_eq!(normalise_subject("Re: RE: Fwd: Disk full"), "disk full");
        assert_eq!(normalise_subject("AW: SV: Re[2]: Disk  full"), "disk full");
        assert_eq!(normalise_subject("[ops] Re: Disk full"), "disk full");
        assert_eq!(normalise_subject("Re:"), "re:");
        assert!(is_reply_subject("Re: x"));
        assert!(!is_reply_subject("[ops] x"));
    }
}
