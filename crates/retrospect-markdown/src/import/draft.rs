//! Parts collected from a document before their ids are final. Parts from
//! our own format carry their ids; parts found in other shapes get the next
//! free ids, in document order, once everything has been read.

use std::collections::{HashMap, HashSet};

use retrospect_domain::{
    ActionItem, Cause, Comment, Evidence, Lesson, LocalId, LogTemplate, TimelineEntry,
};

use crate::{ImportError, ImportErrorKind};

/// A cause's parent: by id (written `under C2` or from our nested list), or
/// by position in the draft (an item nested in an item that has no id yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parent {
    Root,
    Id(LocalId),
    Index(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Part<T> {
    pub explicit_id: Option<LocalId>,
    pub value: T,
    pub line: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub timeline: Vec<Part<TimelineEntry>>,
    pub evidence: Vec<Part<Evidence>>,
    pub log_templates: Vec<(LogTemplate, usize)>,
    pub causes: Vec<(Part<Cause>, Parent)>,
    pub lessons: Vec<Part<Lesson>>,
    pub actions: Vec<Part<ActionItem>>,
    pub comments: Vec<Part<Comment>>,
    /// Foreign timeline entries are sorted by time; ours keep their order.
    pub sort_timeline: bool,
}

/// The parts with final ids, checked for duplicates and dangling references.
pub(crate) struct Finished {
    pub timeline: Vec<TimelineEntry>,
    pub evidence: Vec<Evidence>,
    pub log_templates: Vec<LogTemplate>,
    pub causes: Vec<Cause>,
    pub lessons: Vec<Lesson>,
    pub actions: Vec<ActionItem>,
    pub comments: Vec<Comment>,
}

impl Draft {
    pub(crate) fn finish(self) -> Result<Finished, ImportError> {
        let timeline_ids = assign(&self.timeline, "timeline entry", 'T')?;
        let evidence_ids = assign(&self.evidence, "evidence", 'E')?;
        let cause_parts: Vec<Part<Cause>> = self.causes.iter().map(|(p, _)| p.clone()).collect();
        let cause_ids = assign(&cause_parts, "cause", 'C')?;
        let lesson_ids = assign(&self.lessons, "lesson", 'L')?;
        let action_ids = assign(&self.actions, "action", 'A')?;
        let comment_ids = assign(&self.comments, "comment", '#')?;

        let known_t: HashSet<LocalId> = timeline_ids.iter().copied().collect();
        let known_e: HashSet<LocalId> = evidence_ids.iter().copied().collect();
        let known_c: HashSet<LocalId> = cause_ids.iter().copied().collect();

        let timeline_lines: Vec<usize> = self.timeline.iter().map(|t| t.line).collect();
        let mut timeline = with_ids(self.timeline, &timeline_ids, |t, id| t.id = id);
        for (t, &line) in timeline.iter().zip(&timeline_lines) {
            if let Some(r) = &t.evidence
                && !known_e.contains(&r.evidence)
            {
                return Err(dangling(
                    line,
                    format!("T{} points at evidence E{}", t.id, r.evidence),
                    "evidence",
                ));
            }
        }
        if self.sort_timeline {
            timeline.sort_by_key(|t| (t.at, t.id));
        }

        let mut causes = Vec::with_capacity(self.causes.len());
        for (i, (part, parent)) in self.causes.into_iter().enumerate() {
            let mut cause = part.value;
            cause.id = cause_ids[i];
            cause.parent = match parent {
                Parent::Root => None,
                Parent::Id(id) => Some(id),
                Parent::Index(idx) => cause_ids.get(idx).copied(),
            };
            if let Some(p) = cause.parent
                && !known_c.contains(&p)
            {
                return Err(dangling(
                    part.line,
                    format!("C{} sits under C{p}", cause.id),
                    "cause",
                ));
            }
            for &t in &cause.timeline_refs {
                if !known_t.contains(&t) {
                    return Err(dangling(
                        part.line,
                        format!("C{} cites T{t}", cause.id),
                        "timeline entry",
                    ));
                }
            }
            for &e in &cause.evidence_refs {
                if !known_e.contains(&e) {
                    return Err(dangling(
                        part.line,
                        format!("C{} cites E{e}", cause.id),
                        "evidence",
                    ));
                }
            }
            causes.push(cause);
        }
        causes.sort_by_key(|c| c.id);

        let lines: Vec<usize> = self.actions.iter().map(|a| a.line).collect();
        let actions = with_ids(self.actions, &action_ids, |a, id| a.id = id);
        for (a, line) in actions.iter().zip(lines) {
            for &c in &a.causes {
                if !known_c.contains(&c) {
                    return Err(dangling(line, format!("A{} addresses C{c}", a.id), "cause"));
                }
            }
        }
        for (t, line) in &self.log_templates {
            if !known_e.contains(&t.evidence) {
                return Err(dangling(
                    *line,
                    format!("a log pattern belongs to E{}", t.evidence),
                    "evidence",
                ));
            }
        }
        let mut lessons = with_ids(self.lessons, &lesson_ids, |l, id| l.id = id);
        lessons.sort_by_key(|l| l.id);
        Ok(Finished {
            timeline,
            evidence: with_ids(self.evidence, &evidence_ids, |e, id| e.id = id),
            log_templates: self.log_templates.into_iter().map(|(t, _)| t).collect(),
            causes,
            lessons,
            actions,
            comments: with_ids(self.comments, &comment_ids, |c, id| c.id = id),
        })
    }
}

/// Final ids: explicit ones as written (refused when repeated), then the
/// next free ids for parts that had none.
fn assign<T>(parts: &[Part<T>], what: &str, prefix: char) -> Result<Vec<LocalId>, ImportError> {
    let mut seen: HashMap<LocalId, usize> = HashMap::new();
    for p in parts {
        if let Some(id) = p.explicit_id
            && let Some(first) = seen.insert(id, p.line)
        {
            return Err(ImportError::new(
                ImportErrorKind::Structure,
                format!("{what} {prefix}{id} appears twice (first on line {first}); give one of them another id"),
            )
            .at_line(p.line));
        }
    }
    let mut next = seen.keys().max().copied().unwrap_or(0);
    Ok(parts
        .iter()
        .map(|p| {
            p.explicit_id.unwrap_or_else(|| {
                next = next.saturating_add(1);
                next
            })
        })
        .collect())
}

fn with_ids<T>(parts: Vec<Part<T>>, ids: &[LocalId], set: impl Fn(&mut T, LocalId)) -> Vec<T> {
    parts
        .into_iter()
        .zip(ids)
        .map(|(mut p, &id)| {
            set(&mut p.value, id);
            p.value
        })
        .collect()
}

fn dangling(line: usize, what: String, part: &str) -> ImportError {
    let err = ImportError::new(
        ImportErrorKind::Structure,
        format!(
            "{what}, but there is no such {part} in this file; fix the reference or add the {part}"
        ),
    );
    if line > 0 { err.at_line(line) } else { err }
}
