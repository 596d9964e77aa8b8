//! Reading: one post-mortem whole, summaries for lists, and action items
//! across post-mortems. Each request reads one consistent snapshot.

use retrospect_domain::{EnumName, Kind, PostMortem, Visibility};
use sqlx::{SqlSafeStr, SqlStr};

use super::backend::{Backend, Value, args};
use super::convert::{Cells, date_text, fold};
use super::sql::SqlBuilder;
use super::{SqlStore, header, parts};
use crate::{ActionFilter, ActionRow, ListFilter, Reader, StoreError, Summary};

/// Action statuses that still need work: open and in progress.
const OPEN_STATUSES: &str = "('open', 'in-progress')";

impl<DB: Backend> SqlStore<DB> {
    pub(crate) async fn read_postmortem(&self, id: i64) -> Result<PostMortem, StoreError> {
        let mut tx = self.read.begin_with(DB::BEGIN_READ).await?;
        let found = DB::fetch_all(&mut *tx, header::SELECT.into_sql_str(), args![id]).await?;
        let row = found.first().ok_or(StoreError::NotFound(id))?;
        let mut pm = header::decode(&Cells::<DB>::new("postmortems", row))?;
        parts::read(&mut tx, &mut pm).await?;
        tx.commit().await?;
        Ok(pm)
    }

    pub(crate) async fn read_version(&self, id: i64) -> Result<i64, StoreError> {
        let mut conn = self.read.acquire().await?;
        let found =
            DB::fetch_all(&mut *conn, header::SELECT_VERSION.into_sql_str(), args![id]).await?;
        let row = found.first().ok_or(StoreError::NotFound(id))?;
        Cells::<DB>::new("postmortems", row).int("version")
    }

    pub(crate) async fn summaries(
        &self,
        filter: &ListFilter,
        reader: Option<&Reader>,
    ) -> Result<Vec<Summary>, StoreError> {
        let mut sql = SqlBuilder::new(header::SELECT_SUMMARIES);
        sql.push(" WHERE 1 = 1");
        if let Some(kind) = filter.kind {
            sql.push(" AND pm.kind = ").bind(kind.name());
        }
        if let Some(status) = filter.status {
            sql.push(" AND pm.status = ").bind(status.name());
        }
        if let Some(text) = &filter.title_contains {
            sql.push(" AND pm.title_folded LIKE ")
                .bind(like_pattern(text))
                .push(" ESCAPE '\\'");
        }
        if let Some(reader) = reader {
            readable_by(&mut sql, reader);
        }
        sql.push(" ORDER BY pm.created_at DESC, pm.id DESC");
        if let Some(limit) = filter.limit {
            sql.push(" LIMIT ").bind(limit.max(0));
        }
        let (sql, values) = sql.finish();
        let mut conn = self.read.acquire().await?;
        let found = DB::fetch_all(&mut *conn, sql, values).await?;
        found
            .iter()
            .map(|row| header::summary(&Cells::<DB>::new("postmortems", row)))
            .collect()
    }

    pub(crate) async fn action_rows(
        &self,
        filter: &ActionFilter,
        reader: Option<&Reader>,
    ) -> Result<Vec<ActionRow>, StoreError> {
        let (actions_sql, actions_values) = action_query(
            concat!(
                "SELECT ",
                parts::action_columns!(),
                ", pm.title AS postmortem_title"
            ),
            " FROM actions a",
            filter,
            reader,
            " ORDER BY a.due IS NULL, a.due, a.postmortem_id, a.position",
        );
        let (links_sql, links_values) = action_query(
            "SELECT ac.postmortem_id, ac.action_id, ac.cause_id",
            " FROM action_causes ac JOIN actions a \
             ON a.postmortem_id = ac.postmortem_id AND a.local_id = ac.action_id",
            filter,
            reader,
            " ORDER BY ac.postmortem_id, ac.action_id, ac.position",
        );
        let mut tx = self.read.begin_with(DB::BEGIN_READ).await?;
        let action_rows = DB::fetch_all(&mut *tx, actions_sql, actions_values).await?;
        let link_rows = DB::fetch_all(&mut *tx, links_sql, links_values).await?;
        tx.commit().await?;

        let mut rows = action_rows
            .iter()
            .map(|row| {
                let c = Cells::<DB>::new("actions", row);
                Ok(ActionRow {
                    postmortem_id: c.int("postmortem_id")?,
                    postmortem_title: c.text("postmortem_title")?,
                    action: parts::action(&c)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut index = std::collections::HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            index.insert((row.postmortem_id, row.action.id), i);
        }
        for row in &link_rows {
            let c = Cells::<DB>::new("action_causes", row);
            let key = (c.int("postmortem_id")?, c.local_id("action_id")?);
            if let Some(&i) = index.get(&key) {
                rows[i].action.causes.push(c.local_id("cause_id")?);
            }
        }
        Ok(rows)
    }
}

/// A query over actions (alias `a`) joined to their post-mortem (alias `pm`),
/// restricted by the filter and, when given, to what the reader may see.
fn action_query(
    select: &'static str,
    from: &'static str,
    filter: &ActionFilter,
    reader: Option<&Reader>,
    order: &'static str,
) -> (SqlStr, Vec<Value>) {
    let mut sql = SqlBuilder::new(select);
    sql.push(from)
        .push(" JOIN postmortems pm ON pm.id = a.postmortem_id WHERE 1 = 1");
    if let Some(owner) = &filter.owner {
        sql.push(" AND a.owner_folded = ").bind(fold(owner));
    }
    if filter.open_only {
        sql.push(" AND a.status IN ").push(OPEN_STATUSES);
    }
    if let Some(day) = filter.overdue_on {
        sql.push(" AND a.status IN ")
            .push(OPEN_STATUSES)
            .push(" AND a.due < ")
            .bind(date_text(day));
    }
    if let Some(reader) = reader {
        readable_by(&mut sql, reader);
    }
    sql.push(order);
    sql.finish()
}

/// `AND <the reader may see pm>`: the SQL form of [`Reader::can_read`].
fn readable_by(sql: &mut SqlBuilder, reader: &Reader) {
    let personal = Kind::Personal.name();
    sql.push(" AND (");
    if let Some(me) = reader.folded_name() {
        sql.push("pm.author_folded = ")
            .bind(me.clone())
            .push(" OR ");
        sql.push("(pm.kind <> ").bind(personal);
        sql.push(" AND EXISTS (SELECT 1 FROM participants p WHERE p.postmortem_id = pm.id AND p.name_folded = ")
            .bind(me)
            .push(")) OR ");
    }
    sql.push("(pm.kind <> ").bind(personal);
    sql.push(" AND (pm.visibility = ")
        .bind(Visibility::Organisation.name());
    let teams = reader.folded_teams();
    if !teams.is_empty() {
        sql.push(" OR (pm.visibility = ")
            .bind(Visibility::Team.name())
            .push(" AND pm.team_folded IN ")
            .bind_list(teams.into_iter().map(Value::from))
            .push(")");
    }
    sql.push(")))");
}

/// A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for ch in fold(text).chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::ActionStatus;

    #[test]
    fn open_statuses_are_the_domain_names() {
        let expected = format!(
            "('{}', '{}')",
            ActionStatus::Open.name(),
            ActionStatus::InProgress.name()
        );
        assert_eq!(OPEN_STATUSES, expected);
    }

    #[test]
    fn like_pattern_escapes_wildcards_and_folds_case() {
        assert_eq!(like_pattern("50%_Off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(like_pattern(" Straße "), "%straße%");
    }
}
