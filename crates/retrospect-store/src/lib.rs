//! Storage for Retrospect: one [`Store`] trait with an embedded SQLite
//! implementation (the default) and a PostgreSQL one for organisations that run
//! several instances. Both pass the same conformance suite.
//!
//! A post-mortem is saved as a whole, in one transaction, guarded by its
//! version: a write based on a stale version is refused with
//! [`StoreError::Conflict`], never applied over someone else's change.

use async_trait::async_trait;
use retrospect_domain::{ActionItem, Date, Kind, PostMortem, Status, Timestamp, Visibility};
use serde::Serialize;

mod access;
mod accounts;
mod engine;
mod error;
pub mod postgres;
pub mod sqlite;

pub use access::Reader;
pub use accounts::{
    AccountStore, ApiToken, AuditEntry, NewApiToken, NewAuditEntry, NewSession, NewUser, Role,
    Session, Team, User,
};
pub use engine::{Backend, SqlStore};
pub use error::StoreError;
pub use sqlite::default_database_path;

/// One row of `retrospect list`: enough to choose a post-mortem without loading it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub id: i64,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    pub visibility: Visibility,
    pub severity: Option<String>,
    pub author: Option<String>,
    pub team: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
    pub open_actions: i64,
}

/// Filters for listing post-mortems. Empty means "all".
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    /// Case-insensitive substring of the title.
    pub title_contains: Option<String>,
    pub limit: Option<i64>,
}

/// An action item together with the post-mortem it belongs to, for tracking
/// actions across post-mortems ("mine", "overdue", "by age").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRow {
    pub postmortem_id: i64,
    pub postmortem_title: String,
    pub action: ActionItem,
}

#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    pub owner: Option<String>,
    /// Only open or in-progress actions.
    pub open_only: bool,
    /// Only open or in-progress actions whose due date is before this date.
    pub overdue_on: Option<Date>,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Saves a new post-mortem (its `id` and `version` are ignored) and returns
    /// it as stored, with its new id and version 1.
    async fn create(&self, pm: &PostMortem) -> Result<PostMortem, StoreError>;

    /// Saves several new post-mortems in one transaction: all or none.
    async fn create_many(&self, pms: &[PostMortem]) -> Result<Vec<PostMortem>, StoreError>;

    async fn get(&self, id: i64) -> Result<PostMortem, StoreError>;

    /// The current version of post-mortem `id` (one small query), so a caller
    /// holding a copy can tell whether it is still current without reading
    /// every part again.
    async fn version(&self, id: i64) -> Result<i64, StoreError>;

    /// Every post-mortem matching `filter`, newest first, whoever may read it:
    /// for the CLI on one's own database and for administration tasks.
    async fn list(&self, filter: &ListFilter) -> Result<Vec<Summary>, StoreError>;

    /// Like [`Store::list`], but only the post-mortems `reader` may read
    /// (the rule is on [`Reader`]); the web layer lists with this.
    async fn list_readable(
        &self,
        filter: &ListFilter,
        reader: &Reader,
    ) -> Result<Vec<Summary>, StoreError>;

    /// Replaces the stored post-mortem with `pm` if the stored version still
    /// equals `pm.version`; returns it with the version bumped and `updated_at` set.
    async fn update(&self, pm: &PostMortem) -> Result<PostMortem, StoreError>;

    /// Deletes a post-mortem if its version still equals `expected_version`.
    async fn delete(&self, id: i64, expected_version: i64) -> Result<(), StoreError>;

    /// Action items across all post-mortems, oldest due date first.
    async fn actions(&self, filter: &ActionFilter) -> Result<Vec<ActionRow>, StoreError>;

    /// Like [`Store::actions`], but only from post-mortems `reader` may read.
    async fn actions_readable(
        &self,
        filter: &ActionFilter,
        reader: &Reader,
    ) -> Result<Vec<ActionRow>, StoreError>;

    /// Which backend this is ("sqlite" or "postgres"), for logs and `/healthz`.
    fn backend(&self) -> &'static str;
}

/// Everything one database holds, for callers that need it all (the web
/// application). Both backends implement it.
pub trait StoreWithAccounts: Store + AccountStore {}

impl<T: Store + AccountStore + ?Sized> StoreWithAccounts for T {}

/// Opens the store a URL names: `sqlite://path` (created if missing),
/// `postgres://…`, or a plain file path (SQLite). Migrations are applied.
pub async fn open(url: &str) -> Result<Box<dyn Store>, StoreError> {
    Ok(open_with_accounts(url).await?)
}

/// Like [`open`], with the accounts too (for the web application).
pub async fn open_with_accounts(url: &str) -> Result<Box<dyn StoreWithAccounts>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Box::new(postgres::PgStore::connect(url).await?))
    } else {
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        Ok(Box::new(sqlite::SqliteStore::open(path).await?))
    }
}
