//! Writing: every save of a post-mortem is one transaction that either
//! applies completely or not at all, and is refused when based on a stale version.

use retrospect_domain::{DomainError, PostMortem, Timestamp};
use sqlx::SqlSafeStr;

use super::backend::{Backend, Tx, args};
use super::convert::{Cells, to_stored_precision};
use super::{SqlStore, header, parts};
use crate::StoreError;

/// A post-mortem checked and turned into rows, ready to write.
struct Prepared {
    /// What `get` will return once written (id and version still to set).
    stored: PostMortem,
    parts: Vec<parts::TableRows>,
}

fn prepare(pm: &PostMortem) -> Result<Prepared, StoreError> {
    pm.validate()?;
    refuse_nul_characters(pm)?;
    Ok(Prepared {
        stored: as_stored(pm),
        parts: parts::encode(pm)?,
    })
}

/// PostgreSQL cannot store the NUL character in text; both backends refuse it
/// the same way, naming the field, before anything is written.
fn refuse_nul_characters(pm: &PostMortem) -> Result<(), StoreError> {
    let value = serde_json::to_value(pm).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    match path_of_nul(&value) {
        None => Ok(()),
        Some(path) => Err(StoreError::Invalid(DomainError::Invalid {
            what: "text",
            value: path,
            hint: "it contains a NUL character (\\0), which cannot be stored; it usually comes \
                   from binary data pasted as text, so please remove it"
                .into(),
        })),
    }
}

/// Where the first text containing NUL is, as `timeline[3].text`.
fn path_of_nul(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(text) => text.contains('\0').then(String::new),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            path_of_nul(item).map(|inner| format!("[{i}]{}", dotted(&inner)))
        }),
        Value::Object(fields) => fields.iter().find_map(|(name, item)| {
            path_of_nul(item).map(|inner| format!("{name}{}", dotted(&inner)))
        }),
        _ => None,
    }
}

fn dotted(inner: &str) -> String {
    if inner.is_empty() || inner.starts_with('[') {
        inner.to_string()
    } else {
        format!(".{inner}")
    }
}

/// `pm` as reading it back will give it: instants at microsecond precision.
fn as_stored(pm: &PostMortem) -> PostMortem {
    let mut pm = pm.clone();
    let at = to_stored_precision;
    pm.created_at = at(pm.created_at);
    pm.updated_at = at(pm.updated_at);
    for m in &mut pm.key_moments {
        m.at = at(m.at);
    }
    for e in &mut pm.evidence {
        e.imported_at = at(e.imported_at);
    }
    for t in &mut pm.log_templates {
        t.first_seen = t.first_seen.map(at);
        t.last_seen = t.last_seen.map(at);
    }
    for t in &mut pm.timeline {
        t.at = at(t.at);
    }
    for c in &mut pm.comments {
        c.at = at(c.at);
    }
    for a in &mut pm.acknowledgements {
        a.at = at(a.at);
    }
    pm
}

impl<DB: Backend> SqlStore<DB> {
    /// Saves new post-mortems in one transaction. Everything is checked before
    /// the first write, and any failure while writing undoes all of them.
    pub(crate) async fn insert_all(
        &self,
        pms: &[PostMortem],
    ) -> Result<Vec<PostMortem>, StoreError> {
        let prepared = pms.iter().map(prepare).collect::<Result<Vec<_>, _>>()?;
        let mut tx = self.write.begin_with(DB::BEGIN_WRITE).await?;
        let mut saved = Vec::with_capacity(prepared.len());
        for Prepared { mut stored, parts } in prepared {
            stored.version = 1;
            let inserted = DB::fetch_all(
                &mut *tx,
                header::INSERT.into_sql_str(),
                header::values(&stored),
            )
            .await?;
            let row = inserted
                .first()
                .ok_or_else(|| StoreError::Corrupt("the new post-mortem was given no id".into()))?;
            stored.id = Cells::<DB>::new("postmortems", row).int("id")?;
            parts::insert(&mut tx, stored.id, parts).await?;
            saved.push(stored);
        }
        tx.commit().await?;
        Ok(saved)
    }

    /// Replaces a post-mortem if it is still at `pm.version`.
    pub(crate) async fn replace(&self, pm: &PostMortem) -> Result<PostMortem, StoreError> {
        let Prepared { mut stored, parts } = prepare(pm)?;
        stored.updated_at = to_stored_precision(Timestamp::now());
        stored.version = pm.version + 1;
        let mut values = header::values(&stored);
        values.extend(args![pm.id, pm.version]);

        let mut tx = self.write.begin_with(DB::BEGIN_WRITE).await?;
        let changed = DB::execute(&mut *tx, header::UPDATE.into_sql_str(), values).await?;
        if changed == 0 {
            let refusal = self.refusal(&mut tx, pm.id, pm.version).await?;
            tx.rollback().await?;
            return Err(refusal);
        }
        parts::delete(&mut tx, pm.id).await?;
        parts::insert(&mut tx, pm.id, parts).await?;
        tx.commit().await?;
        Ok(stored)
    }

    pub(crate) async fn remove(&self, id: i64, expected_version: i64) -> Result<(), StoreError> {
        let mut tx = self.write.begin_with(DB::BEGIN_WRITE).await?;
        let values = args![id, expected_version];
        let deleted = DB::execute(&mut *tx, header::DELETE.into_sql_str(), values).await?;
        if deleted == 0 {
            let refusal = self.refusal(&mut tx, id, expected_version).await?;
            tx.rollback().await?;
            return Err(refusal);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Why a write guarded by `yours` changed nothing: the post-mortem is gone,
    /// or someone else saved it since.
    async fn refusal(
        &self,
        tx: &mut Tx<DB>,
        id: i64,
        yours: i64,
    ) -> Result<StoreError, StoreError> {
        let found =
            DB::fetch_all(&mut **tx, header::SELECT_VERSION.into_sql_str(), args![id]).await?;
        Ok(match found.first() {
            None => StoreError::NotFound(id),
            Some(row) => StoreError::Conflict {
                id,
                yours,
                current: Cells::<DB>::new("postmortems", row).int("version")?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_instants_drop_only_sub_microsecond_digits() {
        let now =
            Timestamp::from_nanosecond(1_700_000_000_123_456_789).unwrap_or(Timestamp::UNIX_EPOCH);
        let mut pm = PostMortem::new("Database failover", retrospect_domain::Kind::Incident, now)
            .unwrap_or_else(|e| panic!("a valid title was refused: {e}"));
        pm.add_comment("ana", now, None, "first look").ok();
        let stored = as_stored(&pm);
        assert_eq!(stored.created_at.as_nanosecond(), 1_700_000_000_123_456_000);
        assert_eq!(stored.comments[0].at.as_microsecond(), now.as_microsecond());
    }

    #[test]
    fn nul_characters_are_found_with_their_place() {
        let now = Timestamp::UNIX_EPOCH;
        let mut pm = PostMortem::new("Fine", retrospect_domain::Kind::Incident, now)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(refuse_nul_characters(&pm).is_ok());
        pm.add_lesson(retrospect_domain::LessonKind::Learned, "fine")
            .ok();
        pm.add_lesson(retrospect_domain::LessonKind::Learned, "also fine")
            .ok();
        pm.lessons[1].text = "a\0b".into();
        match refuse_nul_characters(&pm) {
            Err(StoreError::Invalid(DomainError::Invalid { value, .. })) => {
                assert_eq!(value, "lessons[1].text")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
