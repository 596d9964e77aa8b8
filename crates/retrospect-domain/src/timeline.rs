//! Timeline entries: what happened when, in UTC, with the zone it was written in.

use serde::{Deserialize, Serialize};

use crate::postmortem::{next_id, remove_by_id};
use crate::text::required;
use crate::{DomainError, EvidenceRef, LocalId, MomentKind, PostMortem, Timestamp, named_enum};

/// Entries proposed from evidence wait for a person to accept or dismiss them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EntryState {
    #[default]
    Accepted,
    Proposed,
    Dismissed,
}
named_enum!(EntryState, "entry state", {
    Accepted => "accepted",
    Proposed => "proposed",
    Dismissed => "dismissed",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: LocalId,
    pub at: Timestamp,
    /// The original UTC offset (`-07:00`) or zone name it was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Where the entry came from ("manual", "slack #ops", "syslog.log").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_moment: Option<MomentKind>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    #[serde(default)]
    pub state: EntryState,
}

/// The longest timeline text we accept.
pub const MAX_ENTRY_TEXT: usize = 20_000;

impl TimelineEntry {
    /// A manual, accepted entry.
    pub fn new(at: Timestamp, text: &str) -> Result<Self, DomainError> {
        Ok(Self {
            id: 0,
            at,
            zone: None,
            text: required("timeline text", text, MAX_ENTRY_TEXT)?,
            actor: None,
            source: String::new(),
            evidence: None,
            key_moment: None,
            hidden: false,
            state: EntryState::Accepted,
        })
    }
}

impl PostMortem {
    pub fn entry(&self, id: LocalId) -> Result<&TimelineEntry, DomainError> {
        self.timeline
            .iter()
            .find(|t| t.id == id)
            .ok_or(DomainError::NotFound {
                part: "timeline entry",
                id,
            })
    }

    pub fn entry_mut(&mut self, id: LocalId) -> Result<&mut TimelineEntry, DomainError> {
        self.timeline
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or(DomainError::NotFound {
                part: "timeline entry",
                id,
            })
    }

    /// Adds an entry in time order and returns its local id.
    pub fn add_entry(&mut self, entry: TimelineEntry) -> Result<LocalId, DomainError> {
        let ids = self.add_entries(vec![entry])?;
        Ok(ids.into_iter().next().unwrap_or_default())
    }

    /// Adds many entries at once (an import), sorting once at the end rather
    /// than per entry, and returns their new ids in input order.
    pub fn add_entries(
        &mut self,
        entries: Vec<TimelineEntry>,
    ) -> Result<Vec<LocalId>, DomainError> {
        let first = next_id(self.timeline.iter().map(|t| t.id));
        let mut ids = Vec::with_capacity(entries.len());
        for (next, mut entry) in (first..).zip(entries) {
            entry.text = required("timeline text", &entry.text, MAX_ENTRY_TEXT)?;
            if let Some(r) = &entry.evidence
                && !self.evidence.iter().any(|e| e.id == r.evidence)
            {
                return Err(DomainError::NotFound {
                    part: "evidence",
                    id: r.evidence,
                });
            }
            entry.id = next;
            ids.push(next);
            self.timeline.push(entry);
        }
        self.sort_timeline();
        Ok(ids)
    }

    /// Removes an entry and every cause's citation of it.
    pub fn remove_entry(&mut self, id: LocalId) -> Result<TimelineEntry, DomainError> {
        let removed = remove_by_id(&mut self.timeline, id, "timeline entry", |t| t.id)?;
        for c in &mut self.causes {
            c.timeline_refs.retain(|&t| t != id);
        }
        Ok(removed)
    }

    /// Marks an entry as a key moment, which also sets that moment's time.
    pub fn mark_entry_as_moment(
        &mut self,
        id: LocalId,
        kind: MomentKind,
    ) -> Result<Vec<crate::MomentWarning>, DomainError> {
        let entry = self.entry_mut(id)?;
        entry.key_moment = Some(kind.clone());
        entry.state = EntryState::Accepted;
        entry.hidden = false;
        let moment = crate::KeyMoment {
            kind,
            at: entry.at,
            zone: entry.zone.clone(),
            note: Some(format!("from timeline entry T{id}")),
        };
        Ok(self.set_moment(moment))
    }

    /// The entries people should see: accepted and not hidden, in time order.
    pub fn visible_timeline(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.timeline
            .iter()
            .filter(|t| t.state == EntryState::Accepted && !t.hidden)
    }
}
