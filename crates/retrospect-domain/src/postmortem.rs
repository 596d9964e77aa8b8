//! The post-mortem aggregate: the event record plus every playbook part.

use serde::{Deserialize, Serialize};

use crate::text::required;
use crate::{
    Acknowledgement, ActionItem, Cause, Comment, DEFAULT_FISHBONE_CATEGORIES, DomainError,
    Evidence, KeyMoment, Lesson, LocalId, LogTemplate, TimelineEntry, Timestamp, named_enum,
};

/// What kind of thing went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    #[default]
    Incident,
    Project,
    Personal,
    Other,
}
named_enum!(Kind, "kind", {
    Incident => "incident" | "outage",
    Project => "project" | "retrospective" | "retro",
    Personal => "personal",
    Other => "other",
});

/// Where a post-mortem is in the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Published,
    Closed,
}
named_enum!(Status, "status", {
    Draft => "draft",
    InReview => "in-review" | "review",
    Published => "published",
    Closed => "closed",
});

/// Who may read a post-mortem. Personal post-mortems are always private to
/// their author whatever this says; the store and the web layer enforce that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    Participants,
    #[default]
    Team,
    Organisation,
}
named_enum!(Visibility, "visibility", {
    Participants => "participants" | "private",
    Team => "team",
    Organisation => "organisation" | "organization" | "org" | "public",
});

/// Severity as most incident processes number it: SEV1 is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Severity(u8);

impl Severity {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(level: u8) -> Result<Self, DomainError> {
        if (Self::MIN..=Self::MAX).contains(&level) {
            Ok(Self(level))
        } else {
            Err(DomainError::Invalid {
                what: "severity",
                value: level.to_string(),
                hint: "use SEV1 (worst) to SEV5 (least)".into(),
            })
        }
    }

    pub fn level(self) -> u8 {
        self.0
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SEV{}", self.0)
    }
}

impl std::str::FromStr for Severity {
    type Err = DomainError;
    /// Accepts `SEV2`, `sev-2`, `S2`, `P2` and `2`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let digits =
            t.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-' || c == ' ');
        let invalid = || DomainError::Invalid {
            what: "severity",
            value: s.to_string(),
            hint: "use SEV1 (worst) to SEV5 (least)".into(),
        };
        let level: u8 = digits.parse().map_err(|_| invalid())?;
        Severity::new(level).map_err(|_| invalid())
    }
}

impl Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Someone who took part in the event or the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A section of an imported document that Retrospect did not recognise. It is
/// kept verbatim so that nothing a person wrote is ever dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSection {
    pub heading: String,
    pub body: String,
}

/// One post-mortem and everything in it. Parts carry local ids (C1, A2 …)
/// that are unique inside the post-mortem (the next one is the largest plus one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostMortem {
    /// Store-assigned id; 0 until the post-mortem is first saved.
    #[serde(default)]
    pub id: i64,
    pub title: String,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub visibility: Visibility,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub impact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Bumped by every saved change; a write based on an older version is refused.
    #[serde(default)]
    pub version: i64,
    #[serde(default = "default_categories")]
    pub fishbone_categories: Vec<String>,
    #[serde(default)]
    pub key_moments: Vec<KeyMoment>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log_templates: Vec<LogTemplate>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub causes: Vec<Cause>,
    #[serde(default)]
    pub lessons: Vec<Lesson>,
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub sections: Vec<FreeSection>,
    /// Coach findings a facilitator chose to keep, with the reason (publish gate).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
}

fn default_categories() -> Vec<String> {
    DEFAULT_FISHBONE_CATEGORIES
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The longest title we accept: long enough for any real one, short enough for lists.
pub const MAX_TITLE: usize = 300;

impl PostMortem {
    /// Starts a draft post-mortem created at `now`.
    pub fn new(title: &str, kind: Kind, now: Timestamp) -> Result<Self, DomainError> {
        let title = required("title", title, MAX_TITLE)?;
        let visibility = if kind == Kind::Personal {
            Visibility::Participants
        } else {
            Visibility::Team
        };
        Ok(Self {
            id: 0,
            title,
            kind,
            status: Status::Draft,
            visibility,
            severity: None,
            summary: String::new(),
            impact: String::new(),
            author: None,
            team: None,
            participants: Vec::new(),
            tags: Vec::new(),
            template: None,
            created_at: now,
            updated_at: now,
            version: 0,
            fishbone_categories: default_categories(),
            key_moments: Vec::new(),
            evidence: Vec::new(),
            log_templates: Vec::new(),
            timeline: Vec::new(),
            causes: Vec::new(),
            lessons: Vec::new(),
            actions: Vec::new(),
            comments: Vec::new(),
            sections: Vec::new(),
            acknowledgements: Vec::new(),
        })
    }

    pub fn set_title(&mut self, title: &str) -> Result<(), DomainError> {
        self.title = required("title", title, MAX_TITLE)?;
        Ok(())
    }

    /// Personal post-mortems are private to their author whatever the visibility says.
    pub fn is_personal(&self) -> bool {
        self.kind == Kind::Personal
    }

    /// Names of everyone known to take part: the blame coach uses these to tell a
    /// person from a system.
    pub fn known_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.participants.iter().map(|p| p.name.clone()).collect();
        names.extend(self.author.iter().cloned());
        names.extend(self.actions.iter().filter_map(|a| a.owner.clone()));
        names.extend(self.timeline.iter().filter_map(|t| t.actor.clone()));
        names.sort();
        names.dedup();
        names
    }

    /// Checks every cross-reference and the cause tree. Importers and the store
    /// call this so that a post-mortem never enters the system broken.
    pub fn validate(&self) -> Result<(), DomainError> {
        required("title", &self.title, MAX_TITLE)?;
        crate::causes::validate_tree(&self.causes)?;
        // Sets, not scans: an imported file may hold tens of thousands of parts.
        let ids =
            |it: &mut dyn Iterator<Item = LocalId>| it.collect::<std::collections::HashSet<_>>();
        let entries = ids(&mut self.timeline.iter().map(|t| t.id));
        let evidence = ids(&mut self.evidence.iter().map(|e| e.id));
        let causes = ids(&mut self.causes.iter().map(|c| c.id));
        let has_entry = |id: LocalId| entries.contains(&id);
        let has_evidence = |id: LocalId| evidence.contains(&id);
        let has_cause = |id: LocalId| causes.contains(&id);
        for c in &self.causes {
            for &t in &c.timeline_refs {
                if !has_entry(t) {
                    return Err(DomainError::NotFound {
                        part: "timeline entry",
                        id: t,
                    });
                }
            }
            for &e in &c.evidence_refs {
                if !has_evidence(e) {
                    return Err(DomainError::NotFound {
                        part: "evidence",
                        id: e,
                    });
                }
            }
        }
        for t in &self.timeline {
            if let Some(r) = &t.evidence
                && !has_evidence(r.evidence)
            {
                return Err(DomainError::NotFound {
                    part: "evidence",
                    id: r.evidence,
                });
            }
        }
        for t in &self.log_templates {
            if !has_evidence(t.evidence) {
                return Err(DomainError::NotFound {
                    part: "evidence",
                    id: t.evidence,
                });
            }
        }
        for a in &self.actions {
            for &c in &a.causes {
                if !has_cause(c) {
                    return Err(DomainError::NotFound {
                        part: "cause",
                        id: c,
                    });
                }
            }
        }
        check_unique("timeline entry", self.timeline.iter().map(|t| t.id))?;
        check_unique("cause", self.causes.iter().map(|c| c.id))?;
        check_unique("evidence", self.evidence.iter().map(|e| e.id))?;
        check_unique("lesson", self.lessons.iter().map(|l| l.id))?;
        check_unique("action", self.actions.iter().map(|a| a.id))?;
        check_unique("comment", self.comments.iter().map(|c| c.id))?;
        Ok(())
    }

    /// Sorts the timeline by instant, keeping the insertion order of ties.
    pub fn sort_timeline(&mut self) {
        self.timeline.sort_by_key(|t| (t.at, t.id));
    }
}

fn check_unique(part: &'static str, ids: impl Iterator<Item = LocalId>) -> Result<(), DomainError> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(DomainError::Invalid {
                what: part,
                value: id.to_string(),
                hint: "two parts share this id".into(),
            });
        }
    }
    Ok(())
}

/// The next free local id: one more than the largest used so far.
pub(crate) fn next_id(ids: impl Iterator<Item = LocalId>) -> LocalId {
    ids.max().unwrap_or(0) + 1
}

/// Removes the part with `id` from `items`, or says which part is missing.
pub(crate) fn remove_by_id<T>(
    items: &mut Vec<T>,
    id: LocalId,
    part: &'static str,
    id_of: impl Fn(&T) -> LocalId,
) -> Result<T, DomainError> {
    let pos = items
        .iter()
        .position(|item| id_of(item) == id)
        .ok_or(DomainError::NotFound { part, id })?;
    Ok(items.remove(pos))
}
