//! Comments on a post-mortem or on one of its parts.

use serde::{Deserialize, Serialize};

use crate::postmortem::{next_id, remove_by_id};
use crate::text::required;
use crate::{DomainError, LocalId, PostMortem, Timestamp};

/// The part a comment is about, written as in the CLI: `T3`, `C2`, `A1`, `L4`, `E1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartRef {
    Entry(LocalId),
    Cause(LocalId),
    Action(LocalId),
    Lesson(LocalId),
    Evidence(LocalId),
}

impl std::fmt::Display for PartRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartRef::Entry(id) => write!(f, "T{id}"),
            PartRef::Cause(id) => write!(f, "C{id}"),
            PartRef::Action(id) => write!(f, "A{id}"),
            PartRef::Lesson(id) => write!(f, "L{id}"),
            PartRef::Evidence(id) => write!(f, "E{id}"),
        }
    }
}

impl std::str::FromStr for PartRef {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let invalid = || DomainError::Invalid {
            what: "part reference",
            value: s.to_string(),
            hint: "write T3 (timeline), C2 (cause), A1 (action), L4 (lesson) or E1 (evidence)"
                .into(),
        };
        let mut chars = t.chars();
        let prefix = chars.next().ok_or_else(invalid)?.to_ascii_uppercase();
        let id: LocalId = chars.as_str().parse().map_err(|_| invalid())?;
        Ok(match prefix {
            'T' => PartRef::Entry(id),
            'C' => PartRef::Cause(id),
            'A' => PartRef::Action(id),
            'L' => PartRef::Lesson(id),
            'E' => PartRef::Evidence(id),
            _ => return Err(invalid()),
        })
    }
}

impl Serialize for PartRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: LocalId,
    pub author: String,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<PartRef>,
    pub text: String,
}

impl PostMortem {
    fn part_exists(&self, part: PartRef) -> bool {
        match part {
            PartRef::Entry(id) => self.timeline.iter().any(|t| t.id == id),
            PartRef::Cause(id) => self.causes.iter().any(|c| c.id == id),
            PartRef::Action(id) => self.actions.iter().any(|a| a.id == id),
            PartRef::Lesson(id) => self.lessons.iter().any(|l| l.id == id),
            PartRef::Evidence(id) => self.evidence.iter().any(|e| e.id == id),
        }
    }

    pub fn add_comment(
        &mut self,
        author: &str,
        at: Timestamp,
        on: Option<PartRef>,
        text: &str,
    ) -> Result<LocalId, DomainError> {
        let text = required("comment", text, 20_000)?;
        let author = required("comment author", author, 200)?;
        if let Some(part) = on
            && !self.part_exists(part)
        {
            return Err(DomainError::Invalid {
                what: "part reference",
                value: part.to_string(),
                hint: "that part does not exist in this post-mortem".into(),
            });
        }
        let id = next_id(self.comments.iter().map(|c| c.id));
        self.comments.push(Comment {
            id,
            author,
            at,
            on,
            text,
        });
        Ok(id)
    }

    pub fn remove_comment(&mut self, id: LocalId) -> Result<Comment, DomainError> {
        remove_by_id(&mut self.comments, id, "comment", |c| c.id)
    }
}
