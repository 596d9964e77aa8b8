//! Evidence, the log templates mined from it, and the timeline built from it.

use retrospect_domain::{Evidence, EvidenceRef, LogTemplate, PostMortem, TimelineEntry};

use super::event::moment_kind;
use super::{Select, TableRows};
use crate::StoreError;
use crate::engine::backend::{Backend, args};
use crate::engine::convert::{Cells, count_value, micros};

pub(super) const EVIDENCE: Select = Select::new(
    "evidence",
    "SELECT local_id, kind, name, size, checksum, imported_at, source \
     FROM evidence WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const LOG_TEMPLATES: Select = Select::new(
    "log_templates",
    "SELECT evidence_id, template_id, pattern, count, \
     first_seen, last_seen, level, examples \
     FROM log_templates WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const TIMELINE: Select = Select::new(
    "timeline_entries",
    "SELECT local_id, at, zone, text, actor, source, evidence_id, \
     evidence_position, key_moment, hidden, state \
     FROM timeline_entries WHERE postmortem_id = $1 ORDER BY position",
);

pub(super) fn encode(pm: &PostMortem) -> Result<Vec<TableRows>, StoreError> {
    let evidence = pm
        .evidence
        .iter()
        .enumerate()
        .map(|(i, e)| {
            Ok(args![
                e.id as i64,
                i as i64,
                e.kind.to_string(),
                &e.name,
                count_value("evidence size", e.size)?,
                &e.checksum,
                micros(e.imported_at),
                &e.source,
            ])
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let templates = pm
        .log_templates
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let examples = serde_json::to_string(&t.examples)
                .map_err(|e| StoreError::Corrupt(format!("log template examples: {e}")))?;
            Ok(args![
                t.evidence as i64,
                t.template_id as i64,
                i as i64,
                &t.pattern,
                count_value("log template count", t.count)?,
                t.first_seen.map(micros),
                t.last_seen.map(micros),
                t.level.as_ref(),
                examples,
            ])
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(vec![
        TableRows::new(
            "INSERT INTO evidence (postmortem_id, local_id, position, kind, name, size, checksum, \
             imported_at, source)",
            evidence,
        ),
        TableRows::new(
            "INSERT INTO log_templates (postmortem_id, evidence_id, template_id, position, pattern, \
             count, first_seen, last_seen, level, examples)",
            templates,
        ),
        TableRows::new(
            "INSERT INTO timeline_entries (postmortem_id, local_id, position, at, zone, text, actor, \
             source, evidence_id, evidence_position, key_moment, hidden, state)",
            pm.timeline.iter().enumerate().map(|(i, t)| {
                args![
                    t.id as i64,
                    i as i64,
                    micros(t.at),
                    t.zone.as_ref(),
                    &t.text,
                    t.actor.as_ref(),
                    &t.source,
                    t.evidence.as_ref().map(|r| r.evidence as i64),
                    t.evidence.as_ref().and_then(|r| r.position.as_ref()),
                    t.key_moment.as_ref().map(|k| k.name()),
                    t.hidden,
                    t.state.to_string(),
                ]
            }),
        ),
    ])
}

pub(super) fn evidence<DB: Backend>(c: &Cells<'_, DB>) -> Result<Evidence, StoreError> {
    Ok(Evidence {
        id: c.local_id("local_id")?,
        kind: c.named("kind")?,
        name: c.text("name")?,
        size: c.count("size")?,
        checksum: c.text("checksum")?,
        imported_at: c.timestamp("imported_at")?,
        source: c.text("source")?,
    })
}

pub(super) fn log_template<DB: Backend>(c: &Cells<'_, DB>) -> Result<LogTemplate, StoreError> {
    let examples = c.text("examples")?;
    Ok(LogTemplate {
        evidence: c.local_id("evidence_id")?,
        template_id: c.small("template_id")?,
        pattern: c.text("pattern")?,
        count: c.count("count")?,
        first_seen: c.opt_timestamp("first_seen")?,
        last_seen: c.opt_timestamp("last_seen")?,
        level: c.opt_text("level")?,
        examples: serde_json::from_str(&examples).map_err(|e| {
            StoreError::Corrupt(format!(
                "log_templates.examples: not a JSON list of text: {e}"
            ))
        })?,
    })
}

pub(super) fn timeline_entry<DB: Backend>(c: &Cells<'_, DB>) -> Result<TimelineEntry, StoreError> {
    let evidence = match c.opt_local_id("evidence_id")? {
        Some(evidence) => Some(EvidenceRef {
            evidence,
            position: c.opt_text("evidence_position")?,
        }),
        None => None,
    };
    Ok(TimelineEntry {
        id: c.local_id("local_id")?,
        at: c.timestamp("at")?,
        zone: c.opt_text("zone")?,
        text: c.text("text")?,
        actor: c.opt_text("actor")?,
        source: c.text("source")?,
        evidence,
        key_moment: c.opt_text("key_moment")?.map(moment_kind),
        hidden: c.flag("hidden")?,
        state: c.named("state")?,
    })
}
