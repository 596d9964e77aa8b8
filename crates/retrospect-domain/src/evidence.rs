//! Evidence: the files a post-mortem's facts come from.

use serde::{Deserialize, Serialize};

use crate::postmortem::next_id;
use crate::{DomainError, LocalId, PostMortem, Timestamp, named_enum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    Log,
    Email,
    Chat,
    Document,
    Timeline,
    Other,
}
named_enum!(EvidenceKind, "evidence kind", {
    Log => "log" | "logs",
    Email => "email" | "mail" | "mbox" | "eml",
    Chat => "chat" | "slack",
    Document => "document" | "doc" | "markdown",
    Timeline => "timeline" | "csv" | "jsonl",
    Other => "other",
});

/// One imported file, kept with where it came from and a checksum so that
/// anyone can later confirm it is the file the timeline was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: LocalId,
    pub kind: EvidenceKind,
    pub name: String,
    pub size: u64,
    /// SHA-256 of the original bytes, lower-case hex.
    pub checksum: String,
    pub imported_at: Timestamp,
    /// Free-form origin details: the path it was read from, a channel name, a mailbox.
    #[serde(default)]
    pub source: String,
}

/// A pointer from a timeline entry into its evidence, with the place inside it
/// (a line number, a message id) when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub evidence: LocalId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

impl PostMortem {
    /// Adds evidence and returns its new local id.
    pub fn add_evidence(&mut self, mut evidence: Evidence) -> LocalId {
        evidence.id = next_id(self.evidence.iter().map(|e| e.id));
        let id = evidence.id;
        self.evidence.push(evidence);
        id
    }

    /// Removes evidence together with the timeline entries that were proposed
    /// from it and not yet accepted; accepted entries keep their text but lose the link.
    pub fn remove_evidence(&mut self, id: LocalId) -> Result<Evidence, DomainError> {
        let pos = self
            .evidence
            .iter()
            .position(|e| e.id == id)
            .ok_or(DomainError::NotFound {
                part: "evidence",
                id,
            })?;
        let linked =
            |t: &crate::TimelineEntry| t.evidence.as_ref().is_some_and(|r| r.evidence == id);
        let dropped: Vec<LocalId> = self
            .timeline
            .iter()
            .filter(|t| linked(t) && t.state != crate::EntryState::Accepted)
            .map(|t| t.id)
            .collect();
        self.timeline.retain(|t| !dropped.contains(&t.id));
        for t in &mut self.timeline {
            if linked(t) {
                t.evidence = None;
            }
        }
        for c in &mut self.causes {
            c.evidence_refs.retain(|&e| e != id);
            c.timeline_refs.retain(|t| !dropped.contains(t));
        }
        self.log_templates.retain(|t| t.evidence != id);
        Ok(self.evidence.remove(pos))
    }
}

/// A pattern mined from log evidence: a million lines become a few hundred of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogTemplate {
    /// The evidence (log file) it was mined from.
    pub evidence: LocalId,
    /// The miner's id for the pattern, stable inside one evidence file.
    pub template_id: u32,
    pub pattern: String,
    pub count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// A few example lines, as they appeared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}
