//! Size limits and a linear-time structural check for imported post-mortems.
//!
//! The domain's `PostMortem::validate` is the authority, but it compares
//! every reference against every part, which is quadratic: a hostile file
//! with a hundred thousand cited entries would take minutes. Files are
//! checked here first, in linear time and with limits on how many parts of
//! each kind one post-mortem may have; `validate` then runs on what passed.

use std::collections::{HashMap, HashSet};

use retrospect_domain::{LocalId, PostMortem};

use crate::{ImportError, ImportErrorKind};

/// Limits far above any real post-mortem (a large one has a few hundred
/// timeline entries) that keep every check fast.
pub(crate) const MAX_TIMELINE_ENTRIES: usize = 20_000;
pub(crate) const MAX_PARTS: usize = 2_000;
pub(crate) const MAX_CITATIONS: usize = 20_000;

pub(crate) fn check_structure(pm: &PostMortem) -> Result<(), ImportError> {
    // The domain's own rule for titles (trimmed, not empty, not too long).
    PostMortem::new(&pm.title, pm.kind, pm.created_at).map_err(|e| {
        ImportError::new(
            ImportErrorKind::Invalid,
            format!("this is not a valid post-mortem: {e}"),
        )
    })?;
    let too_many = |what: &str, n: usize, max: usize| {
        Err(ImportError::new(
            ImportErrorKind::TooLarge,
            format!(
                "the post-mortem has {n} {what}; Retrospect reads at most {max} in one post-mortem"
            ),
        ))
    };
    if pm.timeline.len() > MAX_TIMELINE_ENTRIES {
        return too_many("timeline entries", pm.timeline.len(), MAX_TIMELINE_ENTRIES);
    }
    for (what, n) in [
        ("causes", pm.causes.len()),
        ("lessons", pm.lessons.len()),
        ("action items", pm.actions.len()),
        ("comments", pm.comments.len()),
        ("pieces of evidence", pm.evidence.len()),
        ("key moments", pm.key_moments.len()),
        ("free sections", pm.sections.len()),
        ("participants", pm.participants.len()),
    ] {
        if n > MAX_PARTS {
            return too_many(what, n, MAX_PARTS);
        }
    }
    if pm.log_templates.len() > MAX_TIMELINE_ENTRIES {
        return too_many("log patterns", pm.log_templates.len(), MAX_TIMELINE_ENTRIES);
    }
    let citations: usize = pm
        .causes
        .iter()
        .map(|c| c.timeline_refs.len() + c.evidence_refs.len())
        .sum::<usize>()
        + pm.actions.iter().map(|a| a.causes.len()).sum::<usize>();
    if citations > MAX_CITATIONS {
        return too_many("citations and links", citations, MAX_CITATIONS);
    }

    let unique = |what: &str, ids: Vec<LocalId>| -> Result<HashSet<LocalId>, ImportError> {
        let mut set = HashSet::with_capacity(ids.len());
        for id in ids {
            if !set.insert(id) {
                return Err(invalid(format!("two {what} share the id {id}")));
            }
        }
        Ok(set)
    };
    let entries = unique(
        "timeline entries",
        pm.timeline.iter().map(|t| t.id).collect(),
    )?;
    let evidence = unique(
        "pieces of evidence",
        pm.evidence.iter().map(|e| e.id).collect(),
    )?;
    let causes = unique("causes", pm.causes.iter().map(|c| c.id).collect())?;
    unique("lessons", pm.lessons.iter().map(|l| l.id).collect())?;
    unique("actions", pm.actions.iter().map(|a| a.id).collect())?;
    unique("comments", pm.comments.iter().map(|c| c.id).collect())?;

    for t in &pm.timeline {
        if let Some(r) = &t.evidence
            && !evidence.contains(&r.evidence)
        {
            return Err(invalid(format!(
                "T{} points at evidence E{} that does not exist",
                t.id, r.evidence
            )));
        }
    }
    for c in &pm.causes {
        if let Some(p) = c.parent
            && !causes.contains(&p)
        {
            return Err(invalid(format!(
                "C{} sits under C{p}, which does not exist",
                c.id
            )));
        }
        if let Some(t) = c.timeline_refs.iter().find(|t| !entries.contains(t)) {
            return Err(invalid(format!(
                "C{} cites T{t}, which does not exist",
                c.id
            )));
        }
        if let Some(e) = c.evidence_refs.iter().find(|e| !evidence.contains(e)) {
            return Err(invalid(format!(
                "C{} cites E{e}, which does not exist",
                c.id
            )));
        }
    }
    for a in &pm.actions {
        if let Some(c) = a.causes.iter().find(|c| !causes.contains(c)) {
            return Err(invalid(format!(
                "A{} addresses C{c}, which does not exist",
                a.id
            )));
        }
    }
    check_no_cycles(pm)
}

/// Every chain of parents must end at a root.
fn check_no_cycles(pm: &PostMortem) -> Result<(), ImportError> {
    let parent: HashMap<LocalId, Option<LocalId>> =
        pm.causes.iter().map(|c| (c.id, c.parent)).collect();
    // 0 = unknown, 1 = on the current path, 2 = known to reach a root.
    let mut state: HashMap<LocalId, u8> = HashMap::new();
    for c in &pm.causes {
        let mut path = Vec::new();
        let mut current = Some(c.id);
        while let Some(id) = current {
            match state.get(&id).copied().unwrap_or(0) {
                2 => break,
                1 => {
                    return Err(invalid(format!(
                        "the causes loop back on themselves at C{id}: a cause cannot explain itself"
                    )));
                }
                _ => {
                    state.insert(id, 1);
                    path.push(id);
                    current = parent.get(&id).copied().flatten();
                }
            }
        }
        for id in path {
            state.insert(id, 2);
        }
    }
    Ok(())
}

fn invalid(message: String) -> ImportError {
    ImportError::new(ImportErrorKind::Invalid, message)
}

/// Runs the domain's own check when it is cheap enough to run: its cost
/// grows with the product of the sizes checked against each other.
pub(crate) fn domain_validate(pm: &PostMortem) -> Result<(), ImportError> {
    let depth_bound = pm.causes.len().min(64);
    let cost = pm.causes.len() * pm.causes.len() * depth_bound
        + pm.causes
            .iter()
            .map(|c| c.timeline_refs.len())
            .sum::<usize>()
            * pm.timeline.len()
        + pm.actions.iter().map(|a| a.causes.len()).sum::<usize>() * pm.causes.len();
    if cost > 50_000_000 {
        return Ok(());
    }
    pm.validate().map_err(|e| {
        ImportError::new(
            ImportErrorKind::Invalid,
            format!("this is not a valid post-mortem: {e}"),
        )
    })
}
