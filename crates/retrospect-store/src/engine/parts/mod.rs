//! The parts of a post-mortem, one table each: how they are written (rows of
//! values) and read back (in the order they had), identically on both backends.

mod analysis;
mod event;
mod evidence;
mod review;

pub(crate) use analysis::{action, action_columns};

use retrospect_domain::PostMortem;
use sqlx::SqlSafeStr;

use super::backend::{Backend, Tx, Value, args};
use super::convert::Cells;
use super::sql::SqlBuilder;
use crate::StoreError;
use analysis::attach;

/// Rows for one part table. The post-mortem id is not in `rows`: it is only
/// known once the post-mortem row exists, and goes first in every row.
pub(crate) struct TableRows {
    /// `INSERT INTO table (postmortem_id, ...)`, without VALUES.
    insert: &'static str,
    rows: Vec<Vec<Value>>,
}

impl TableRows {
    fn new(insert: &'static str, rows: impl IntoIterator<Item = Vec<Value>>) -> Self {
        Self {
            insert,
            rows: rows.into_iter().collect(),
        }
    }
}

/// Every part of `pm` as rows, or why it cannot be stored.
pub(crate) fn encode(pm: &PostMortem) -> Result<Vec<TableRows>, StoreError> {
    let mut tables = event::encode(pm);
    tables.extend(evidence::encode(pm)?);
    tables.extend(analysis::encode(pm));
    tables.extend(review::encode(pm));
    Ok(tables)
}

/// Removes every part of a post-mortem (before writing its new parts). The
/// references between parts are checked at commit, so the order is free.
const DELETE_PARTS: &[&str] = &[
    "DELETE FROM participants WHERE postmortem_id = $1",
    "DELETE FROM tags WHERE postmortem_id = $1",
    "DELETE FROM fishbone_categories WHERE postmortem_id = $1",
    "DELETE FROM free_sections WHERE postmortem_id = $1",
    "DELETE FROM key_moments WHERE postmortem_id = $1",
    "DELETE FROM acknowledgements WHERE postmortem_id = $1",
    "DELETE FROM comments WHERE postmortem_id = $1",
    "DELETE FROM action_causes WHERE postmortem_id = $1",
    "DELETE FROM actions WHERE postmortem_id = $1",
    "DELETE FROM lessons WHERE postmortem_id = $1",
    "DELETE FROM cause_evidence_refs WHERE postmortem_id = $1",
    "DELETE FROM cause_timeline_refs WHERE postmortem_id = $1",
    "DELETE FROM causes WHERE postmortem_id = $1",
    "DELETE FROM timeline_entries WHERE postmortem_id = $1",
    "DELETE FROM log_templates WHERE postmortem_id = $1",
    "DELETE FROM evidence WHERE postmortem_id = $1",
];

pub(crate) async fn delete<DB: Backend>(
    tx: &mut Tx<DB>,
    postmortem_id: i64,
) -> Result<(), StoreError> {
    for sql in DELETE_PARTS {
        DB::execute(&mut **tx, sql.into_sql_str(), args![postmortem_id]).await?;
    }
    Ok(())
}

pub(crate) async fn insert<DB: Backend>(
    tx: &mut Tx<DB>,
    postmortem_id: i64,
    tables: Vec<TableRows>,
) -> Result<(), StoreError> {
    for table in tables {
        let Some(first) = table.rows.first() else {
            continue;
        };
        let rows_per_statement = (DB::VALUES_PER_INSERT / (first.len() + 1)).max(1);
        let mut rows = table.rows.into_iter().peekable();
        while rows.peek().is_some() {
            let mut sql = SqlBuilder::new(table.insert);
            sql.push(" VALUES ");
            for (i, row) in rows.by_ref().take(rows_per_statement).enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind_list(std::iter::once(Value::from(postmortem_id)).chain(row));
            }
            let (sql, values) = sql.finish();
            DB::execute(&mut **tx, sql, values).await?;
        }
    }
    Ok(())
}

/// A query for the rows of one part table of one post-mortem (`$1`), in the
/// order they were saved.
pub(crate) struct Select {
    table: &'static str,
    sql: &'static str,
}

impl Select {
    const fn new(table: &'static str, sql: &'static str) -> Self {
        Self { table, sql }
    }
}

/// Reads the parts of one post-mortem inside one transaction.
struct PartReader<'t, DB: Backend> {
    tx: &'t mut Tx<DB>,
    postmortem_id: i64,
}

impl<DB: Backend> PartReader<'_, DB> {
    async fn all<T>(
        &mut self,
        select: &Select,
        decode: impl Fn(&Cells<'_, DB>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let args = args![self.postmortem_id];
        let found = DB::fetch_all(&mut **self.tx, select.sql.into_sql_str(), args).await?;
        found
            .iter()
            .map(|row| decode(&Cells::new(select.table, row)))
            .collect()
    }
}

/// Reads every part of `pm` (whose header is already read) in saved order.
pub(crate) async fn read<DB: Backend>(
    tx: &mut Tx<DB>,
    pm: &mut PostMortem,
) -> Result<(), StoreError> {
    let mut part = PartReader {
        tx,
        postmortem_id: pm.id,
    };
    pm.participants = part.all(&event::PARTICIPANTS, event::participant).await?;
    pm.tags = part.all(&event::TAGS, event::tag).await?;
    pm.fishbone_categories = part.all(&event::CATEGORIES, event::category).await?;
    pm.sections = part.all(&event::SECTIONS, event::section).await?;
    pm.key_moments = part.all(&event::MOMENTS, event::moment).await?;
    pm.evidence = part.all(&evidence::EVIDENCE, evidence::evidence).await?;
    pm.log_templates = part
        .all(&evidence::LOG_TEMPLATES, evidence::log_template)
        .await?;
    pm.timeline = part
        .all(&evidence::TIMELINE, evidence::timeline_entry)
        .await?;
    pm.causes = part.all(&analysis::CAUSES, analysis::cause).await?;
    let cited = part
        .all(&analysis::CAUSE_TIMELINE_REFS, analysis::link)
        .await?;
    attach(
        &mut pm.causes,
        cited,
        |c| c.id,
        |c| &mut c.timeline_refs,
        "cause_timeline_refs",
    )?;
    let cited = part
        .all(&analysis::CAUSE_EVIDENCE_REFS, analysis::link)
        .await?;
    attach(
        &mut pm.causes,
        cited,
        |c| c.id,
        |c| &mut c.evidence_refs,
        "cause_evidence_refs",
    )?;
    pm.lessons = part.all(&analysis::LESSONS, analysis::lesson).await?;
    pm.actions = part.all(&analysis::ACTIONS, analysis::action).await?;
    let addressed = part.all(&analysis::ACTION_CAUSES, analysis::link).await?;
    attach(
        &mut pm.actions,
        addressed,
        |a| a.id,
        |a| &mut a.causes,
        "action_causes",
    )?;
    pm.comments = part.all(&review::COMMENTS, review::comment).await?;
    pm.acknowledgements = part
        .all(&review::ACKNOWLEDGEMENTS, review::acknowledgement)
        .await?;
    Ok(())
}
