//! Causes: one tree that is both the 5 Whys and the fishbone. A cause with a
//! parent answers "why?" about its parent; a cause's category places it on a
//! fishbone bone. Several children under one parent are contributing factors.

use serde::{Deserialize, Serialize};

use crate::postmortem::next_id;
use crate::text::required;
use crate::{DomainError, LocalId, PostMortem};

/// The classic Ishikawa categories, used unless a post-mortem chooses others.
pub const DEFAULT_FISHBONE_CATEGORIES: &[&str] = &[
    "People",
    "Process",
    "Equipment/Tools",
    "Environment",
    "Materials/Inputs",
    "Measurement",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    pub id: LocalId,
    /// The cause this one explains ("why did the parent happen?"); None for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<LocalId>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline_refs: Vec<LocalId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_refs: Vec<LocalId>,
}

/// Parents must exist in the same post-mortem and the tree must not loop.
pub(crate) fn validate_tree(causes: &[Cause]) -> Result<(), DomainError> {
    let parents: std::collections::HashMap<LocalId, Option<LocalId>> =
        causes.iter().map(|c| (c.id, c.parent)).collect();
    // Causes already known to reach a root; each chain is walked once, so the
    // check stays linear in the number of causes.
    let mut rooted = std::collections::HashSet::new();
    for cause in causes {
        let mut chain = std::collections::HashSet::from([cause.id]);
        let mut current = cause.parent;
        while let Some(parent) = current {
            if rooted.contains(&parent) {
                break;
            }
            if chain.contains(&parent) {
                return Err(DomainError::CauseCycle {
                    cause: cause.id,
                    parent,
                });
            }
            chain.insert(parent);
            current = *parents.get(&parent).ok_or(DomainError::NotFound {
                part: "cause",
                id: parent,
            })?;
        }
        rooted.extend(chain);
    }
    Ok(())
}

impl PostMortem {
    pub fn cause(&self, id: LocalId) -> Result<&Cause, DomainError> {
        self.causes
            .iter()
            .find(|c| c.id == id)
            .ok_or(DomainError::NotFound { part: "cause", id })
    }

    /// Adds a cause under `parent` (or as a root) and returns its id.
    pub fn add_cause(
        &mut self,
        parent: Option<LocalId>,
        text: &str,
        category: Option<&str>,
    ) -> Result<LocalId, DomainError> {
        let text = required("cause", text, 5_000)?;
        if let Some(p) = parent {
            self.cause(p)?;
        }
        let category = category.map(|c| self.resolve_category(c)).transpose()?;
        let id = next_id(self.causes.iter().map(|c| c.id));
        self.causes.push(Cause {
            id,
            parent,
            text,
            category,
            timeline_refs: Vec::new(),
            evidence_refs: Vec::new(),
        });
        Ok(id)
    }

    /// Changes a cause's text, category or parent, refusing a move that would loop.
    pub fn edit_cause(
        &mut self,
        id: LocalId,
        text: Option<&str>,
        category: Option<Option<&str>>,
        parent: Option<Option<LocalId>>,
    ) -> Result<(), DomainError> {
        let text = text.map(|t| required("cause", t, 5_000)).transpose()?;
        let category = match category {
            Some(Some(c)) => Some(Some(self.resolve_category(c)?)),
            Some(None) => Some(None),
            None => None,
        };
        let mut candidate = self.causes.clone();
        let cause = candidate
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or(DomainError::NotFound { part: "cause", id })?;
        if let Some(t) = text {
            cause.text = t;
        }
        if let Some(c) = category {
            cause.category = c;
        }
        if let Some(p) = parent {
            cause.parent = p;
        }
        validate_tree(&candidate)?;
        self.causes = candidate;
        Ok(())
    }

    /// Cites a timeline entry or evidence as support for a cause.
    pub fn cite(
        &mut self,
        id: LocalId,
        entry: Option<LocalId>,
        evidence: Option<LocalId>,
    ) -> Result<(), DomainError> {
        if let Some(t) = entry {
            self.entry(t)?;
        }
        if let Some(e) = evidence
            && !self.evidence.iter().any(|x| x.id == e)
        {
            return Err(DomainError::NotFound {
                part: "evidence",
                id: e,
            });
        }
        let cause = self
            .causes
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or(DomainError::NotFound { part: "cause", id })?;
        if let Some(t) = entry
            && !cause.timeline_refs.contains(&t)
        {
            cause.timeline_refs.push(t);
        }
        if let Some(e) = evidence
            && !cause.evidence_refs.contains(&e)
        {
            cause.evidence_refs.push(e);
        }
        Ok(())
    }

    /// Removes a cause. Its children move up to its parent so that no branch
    /// of the analysis is lost; actions stop pointing at it.
    pub fn remove_cause(&mut self, id: LocalId) -> Result<Cause, DomainError> {
        let pos = self
            .causes
            .iter()
            .position(|c| c.id == id)
            .ok_or(DomainError::NotFound { part: "cause", id })?;
        let removed = self.causes.remove(pos);
        for c in &mut self.causes {
            if c.parent == Some(id) {
                c.parent = removed.parent;
            }
        }
        for a in &mut self.actions {
            a.causes.retain(|&c| c != id);
        }
        Ok(removed)
    }

    /// The children of a cause (or the roots, for None), in id order.
    pub fn cause_children(&self, parent: Option<LocalId>) -> Vec<&Cause> {
        let mut children: Vec<&Cause> = self.causes.iter().filter(|c| c.parent == parent).collect();
        children.sort_by_key(|c| c.id);
        children
    }

    /// How deep a cause sits: a root is at depth 1 (the first "why").
    pub fn cause_depth(&self, id: LocalId) -> usize {
        let mut depth = 0;
        let mut current = Some(id);
        while let Some(c) = current.and_then(|i| self.causes.iter().find(|c| c.id == i)) {
            depth += 1;
            current = c.parent;
            if depth > self.causes.len() {
                break;
            }
        }
        depth
    }

    /// Matches a category against this post-mortem's categories ignoring case,
    /// so "process" files under "Process". Unknown categories are refused with the list.
    fn resolve_category(&self, wanted: &str) -> Result<String, DomainError> {
        let w = wanted.trim().to_lowercase();
        self.fishbone_categories
            .iter()
            .find(|c| {
                let c = c.to_lowercase();
                c == w || c.split('/').any(|part| part.trim() == w)
            })
            .cloned()
            .ok_or_else(|| DomainError::UnknownValue {
                what: "fishbone category",
                value: wanted.to_string(),
                choices: self.fishbone_categories.join(", "),
            })
    }
}
