//! The `postmortems` row: the event record's scalar fields and the version
//! that guards every save.

use retrospect_domain::{PostMortem, Severity};

use super::backend::{Backend, Value, args};
use super::convert::{Cells, fold, fold_opt, micros};
use crate::{StoreError, Summary};

pub(crate) const INSERT: &str = "INSERT INTO postmortems (title, title_folded, kind, status, \
     visibility, severity, summary, impact, author, author_folded, team, team_folded, template, \
     created_at, updated_at, version) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1) RETURNING id";

/// Applies only if nobody saved since `version` was read: the heart of
/// "concurrent edits never silently overwrite each other".
pub(crate) const UPDATE: &str = "UPDATE postmortems SET title = $1, title_folded = $2, kind = $3, \
     status = $4, visibility = $5, severity = $6, summary = $7, impact = $8, author = $9, \
     author_folded = $10, team = $11, team_folded = $12, template = $13, created_at = $14, \
     updated_at = $15, version = version + 1 \
     WHERE id = $16 AND version = $17";

pub(crate) const DELETE: &str = "DELETE FROM postmortems WHERE id = $1 AND version = $2";

pub(crate) const SELECT_VERSION: &str = "SELECT version FROM postmortems WHERE id = $1";

pub(crate) const SELECT: &str = "SELECT id, title, kind, status, visibility, severity, summary, \
     impact, author, team, template, created_at, updated_at, version \
     FROM postmortems WHERE id = $1";

/// The columns of a [`Summary`]; the FROM and WHERE are added by the caller.
pub(crate) const SELECT_SUMMARIES: &str = "SELECT pm.id, pm.title, pm.kind, pm.status, \
     pm.visibility, pm.severity, pm.author, pm.team, pm.created_at, pm.updated_at, pm.version, \
     (SELECT COUNT(*) FROM actions a WHERE a.postmortem_id = pm.id \
      AND a.status IN ('open', 'in-progress')) AS open_actions \
     FROM postmortems pm";

/// Values for `$1` to `$15` of [`INSERT`] and [`UPDATE`].
pub(crate) fn values(pm: &PostMortem) -> Vec<Value> {
    args![
        &pm.title,
        fold(&pm.title),
        pm.kind.to_string(),
        pm.status.to_string(),
        pm.visibility.to_string(),
        pm.severity.map(|s| i64::from(s.level())),
        &pm.summary,
        &pm.impact,
        pm.author.as_ref(),
        fold_opt(pm.author.as_ref()),
        pm.team.as_ref(),
        fold_opt(pm.team.as_ref()),
        pm.template.as_ref(),
        micros(pm.created_at),
        micros(pm.updated_at),
    ]
}

fn severity<DB: Backend>(c: &Cells<'_, DB>) -> Result<Option<Severity>, StoreError> {
    c.opt_int("severity")?
        .map(|level| {
            u8::try_from(level)
                .ok()
                .and_then(|l| Severity::new(l).ok())
                .ok_or_else(|| {
                    StoreError::Corrupt(format!(
                        "postmortems.severity: {level} is not SEV1 to SEV5"
                    ))
                })
        })
        .transpose()
}

/// A post-mortem with its scalar fields read and every part still empty.
pub(crate) fn decode<DB: Backend>(c: &Cells<'_, DB>) -> Result<PostMortem, StoreError> {
    Ok(PostMortem {
        id: c.int("id")?,
        title: c.text("title")?,
        kind: c.named("kind")?,
        status: c.named("status")?,
        visibility: c.named("visibility")?,
        severity: severity(c)?,
        summary: c.text("summary")?,
        impact: c.text("impact")?,
        author: c.opt_text("author")?,
        team: c.opt_text("team")?,
        participants: Vec::new(),
        tags: Vec::new(),
        template: c.opt_text("template")?,
        created_at: c.timestamp("created_at")?,
        updated_at: c.timestamp("updated_at")?,
        version: c.int("version")?,
        fishbone_categories: Vec::new(),
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

pub(crate) fn summary<DB: Backend>(c: &Cells<'_, DB>) -> Result<Summary, StoreError> {
    Ok(Summary {
        id: c.int("id")?,
        title: c.text("title")?,
        kind: c.named("kind")?,
        status: c.named("status")?,
        visibility: c.named("visibility")?,
        severity: severity(c)?.map(|s| s.to_string()),
        author: c.opt_text("author")?,
        team: c.opt_text("team")?,
        created_at: c.timestamp("created_at")?,
        updated_at: c.timestamp("updated_at")?,
        version: c.int("version")?,
        open_actions: c.int("open_actions")?,
    })
}
