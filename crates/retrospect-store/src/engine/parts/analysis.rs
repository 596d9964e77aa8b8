//! The analysis: causes (the 5 Whys tree and fishbone) with their citations,
//! lessons, and action items with the causes they address.

use retrospect_domain::{ActionItem, Cause, Lesson, LocalId, PostMortem};

use super::{Select, TableRows};
use crate::StoreError;
use crate::engine::backend::{Backend, Value, args};
use crate::engine::convert::{Cells, date_text, fold_opt};

pub(super) const CAUSES: Select = Select::new(
    "causes",
    "SELECT local_id, parent_id, text, category \
     FROM causes WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const CAUSE_TIMELINE_REFS: Select = Select::new(
    "cause_timeline_refs",
    "SELECT cause_id AS owner_id, entry_id AS target_id \
     FROM cause_timeline_refs WHERE postmortem_id = $1 ORDER BY cause_id, position",
);
pub(super) const CAUSE_EVIDENCE_REFS: Select = Select::new(
    "cause_evidence_refs",
    "SELECT cause_id AS owner_id, evidence_id AS target_id \
     FROM cause_evidence_refs WHERE postmortem_id = $1 ORDER BY cause_id, position",
);
pub(super) const LESSONS: Select = Select::new(
    "lessons",
    "SELECT local_id, kind, text FROM lessons WHERE postmortem_id = $1 ORDER BY position",
);
/// The columns of an action as [`action`] reads them; also used to list
/// actions across post-mortems, with another WHERE.
macro_rules! action_columns {
    () => {
        "a.postmortem_id, a.local_id, a.text, a.owner, a.due, a.kind, a.success_criterion, \
         a.status, a.review_date, a.effectiveness"
    };
}
pub(crate) use action_columns;
pub(super) const ACTIONS: Select = Select::new(
    "actions",
    concat!(
        "SELECT ",
        action_columns!(),
        " FROM actions a WHERE a.postmortem_id = $1 ORDER BY a.position"
    ),
);
pub(super) const ACTION_CAUSES: Select = Select::new(
    "action_causes",
    "SELECT action_id AS owner_id, cause_id AS target_id \
     FROM action_causes WHERE postmortem_id = $1 ORDER BY action_id, position",
);

pub(super) fn encode(pm: &PostMortem) -> Vec<TableRows> {
    vec![
        TableRows::new(
            "INSERT INTO causes (postmortem_id, local_id, position, parent_id, text, category)",
            pm.causes.iter().enumerate().map(|(i, c)| {
                args![
                    c.id as i64,
                    i as i64,
                    c.parent.map(i64::from),
                    &c.text,
                    c.category.as_ref()
                ]
            }),
        ),
        TableRows::new(
            "INSERT INTO cause_timeline_refs (postmortem_id, cause_id, position, entry_id)",
            links(pm.causes.iter().map(|c| (c.id, &c.timeline_refs))),
        ),
        TableRows::new(
            "INSERT INTO cause_evidence_refs (postmortem_id, cause_id, position, evidence_id)",
            links(pm.causes.iter().map(|c| (c.id, &c.evidence_refs))),
        ),
        TableRows::new(
            "INSERT INTO lessons (postmortem_id, local_id, position, kind, text)",
            pm.lessons
                .iter()
                .enumerate()
                .map(|(i, l)| args![l.id as i64, i as i64, l.kind.to_string(), &l.text]),
        ),
        TableRows::new(
            "INSERT INTO actions (postmortem_id, local_id, position, text, owner, owner_folded, due, \
             kind, success_criterion, status, review_date, effectiveness)",
            pm.actions.iter().enumerate().map(|(i, a)| {
                args![
                    a.id as i64,
                    i as i64,
                    &a.text,
                    a.owner.as_ref(),
                    fold_opt(a.owner.as_ref()),
                    a.due.map(date_text),
                    a.kind.to_string(),
                    a.success_criterion.as_ref(),
                    a.status.to_string(),
                    a.review_date.map(date_text),
                    a.effectiveness.map(|e| e.to_string()),
                ]
            }),
        ),
        TableRows::new(
            "INSERT INTO action_causes (postmortem_id, action_id, position, cause_id)",
            links(pm.actions.iter().map(|a| (a.id, &a.causes))),
        ),
    ]
}

/// Rows of a link table: (owner, position, target) for every target of every owner.
fn links<'a>(
    owners: impl Iterator<Item = (LocalId, &'a Vec<LocalId>)>,
) -> impl Iterator<Item = Vec<Value>> {
    owners.flat_map(|(owner, targets)| {
        targets
            .iter()
            .enumerate()
            .map(move |(i, &target)| args![owner as i64, i as i64, target as i64])
    })
}

/// One row of a link table read back: `owner_id` cites `target_id`.
pub(super) fn link<DB: Backend>(c: &Cells<'_, DB>) -> Result<(LocalId, LocalId), StoreError> {
    Ok((c.local_id("owner_id")?, c.local_id("target_id")?))
}

/// Gives each owner its targets, in the order they were read.
pub(super) fn attach<T>(
    owners: &mut [T],
    links: Vec<(LocalId, LocalId)>,
    id_of: impl Fn(&T) -> LocalId,
    targets_of: impl Fn(&mut T) -> &mut Vec<LocalId>,
    what: &str,
) -> Result<(), StoreError> {
    for (owner, target) in links {
        let found = owners
            .iter_mut()
            .find(|o| id_of(o) == owner)
            .ok_or_else(|| {
                StoreError::Corrupt(format!("{what}: a link from {owner}, which does not exist"))
            })?;
        targets_of(found).push(target);
    }
    Ok(())
}

pub(super) fn cause<DB: Backend>(c: &Cells<'_, DB>) -> Result<Cause, StoreError> {
    Ok(Cause {
        id: c.local_id("local_id")?,
        parent: c.opt_local_id("parent_id")?,
        text: c.text("text")?,
        category: c.opt_text("category")?,
        timeline_refs: Vec::new(),
        evidence_refs: Vec::new(),
    })
}

pub(super) fn lesson<DB: Backend>(c: &Cells<'_, DB>) -> Result<Lesson, StoreError> {
    Ok(Lesson {
        id: c.local_id("local_id")?,
        kind: c.named("kind")?,
        text: c.text("text")?,
    })
}

/// An action read with [`action_columns`]; its causes are attached separately.
pub(crate) fn action<DB: Backend>(c: &Cells<'_, DB>) -> Result<ActionItem, StoreError> {
    Ok(ActionItem {
        id: c.local_id("local_id")?,
        text: c.text("text")?,
        owner: c.opt_text("owner")?,
        due: c.opt_date("due")?,
        kind: c.named("kind")?,
        success_criterion: c.opt_text("success_criterion")?,
        status: c.named("status")?,
        review_date: c.opt_date("review_date")?,
        effectiveness: c.opt_named("effectiveness")?,
        causes: Vec::new(),
    })
}
