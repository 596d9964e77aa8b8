//! The storage engine shared by both backends. The SQL text is the same on
//! SQLite and PostgreSQL (`$n` placeholders, `RETURNING`, standard joins);
//! only [`Backend`] and the migrations differ.

mod accounts;
pub mod backend;
mod convert;
mod header;
mod migrations;
mod parts;
mod read;
mod sql;
mod write;

use async_trait::async_trait;
use retrospect_domain::PostMortem;
use sqlx::Pool;

pub use backend::Backend;
pub(crate) use convert::fold;
pub(crate) use migrations::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, migrate};

use crate::{ActionFilter, ActionRow, ListFilter, Reader, Store, StoreError, Summary};

/// A store on one database. Use it through its backend's name:
/// [`crate::sqlite::SqliteStore`] or [`crate::postgres::PgStore`].
#[derive(Debug, Clone)]
pub struct SqlStore<DB: Backend> {
    /// Connections that write. For SQLite this is a single connection, so that
    /// writes queue in the application instead of contending for the file lock.
    write: Pool<DB>,
    /// Connections that only read (the same pool as `write` on PostgreSQL).
    read: Pool<DB>,
}

impl<DB: Backend> SqlStore<DB> {
    pub(crate) fn from_pools(write: Pool<DB>, read: Pool<DB>) -> Self {
        Self { write, read }
    }

    /// Closes every connection, waiting for work in progress to finish.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

#[async_trait]
impl<DB: Backend> Store for SqlStore<DB> {
    async fn create(&self, pm: &PostMortem) -> Result<PostMortem, StoreError> {
        let mut saved = self.insert_all(std::slice::from_ref(pm)).await?;
        saved
            .pop()
            .ok_or_else(|| StoreError::Corrupt("the new post-mortem was not returned".into()))
    }

    async fn create_many(&self, pms: &[PostMortem]) -> Result<Vec<PostMortem>, StoreError> {
        self.insert_all(pms).await
    }

    async fn get(&self, id: i64) -> Result<PostMortem, StoreError> {
        self.read_postmortem(id).await
    }

    async fn version(&self, id: i64) -> Result<i64, StoreError> {
        self.read_version(id).await
    }

    async fn list(&self, filter: &ListFilter) -> Result<Vec<Summary>, StoreError> {
        self.summaries(filter, None).await
    }

    async fn list_readable(
        &self,
        filter: &ListFilter,
        reader: &Reader,
    ) -> Result<Vec<Summary>, StoreError> {
        self.summaries(filter, Some(reader)).await
    }

    async fn update(&self, pm: &PostMortem) -> Result<PostMortem, StoreError> {
        self.replace(pm).await
    }

    async fn delete(&self, id: i64, expected_version: i64) -> Result<(), StoreError> {
        self.remove(id, expected_version).await
    }

    async fn actions(&self, filter: &ActionFilter) -> Result<Vec<ActionRow>, StoreError> {
        self.action_rows(filter, None).await
    }

    async fn actions_readable(
        &self,
        filter: &ActionFilter,
        reader: &Reader,
    ) -> Result<Vec<ActionRow>, StoreError> {
        self.action_rows(filter, Some(reader)).await
    }

    fn backend(&self) -> &'static str {
        DB::LABEL
    }
}
