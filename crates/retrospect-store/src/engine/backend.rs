//! The little that differs between SQLite and PostgreSQL once the SQL text is
//! shared: how a transaction begins, and how values are bound and read back.
//!
//! Everything else in the engine is written once against [`Backend`]. Its
//! methods are implemented for each driver by one macro over concrete types,
//! which keeps sqlx's generic trait bounds out of the shared code.

use async_trait::async_trait;
use sqlx::query::Query;
use sqlx::{Database, Encode, SqlStr, Type};

/// A value bound to a `$n` placeholder. Nulls carry their type because
/// PostgreSQL needs to know it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Flag(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&String>> for Value {
    fn from(v: Option<&String>) -> Self {
        Value::Text(v.cloned())
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_string))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Flag(v)
    }
}

/// `args![a, b, c]` is `vec![Value::from(a), Value::from(b), Value::from(c)]`.
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        vec![$($crate::engine::backend::Value::from($value)),*]
    };
}
pub(crate) use args;

/// A transaction on a backend's database.
pub(crate) type Tx<DB> = sqlx::Transaction<'static, DB>;

mod sealed {
    pub trait Sealed {}
    impl Sealed for sqlx::Sqlite {}
    impl Sealed for sqlx::Postgres {}
}

/// A database Retrospect can store post-mortems in: SQLite or PostgreSQL.
/// Sealed: the conformance suite is what makes a backend trustworthy.
#[async_trait]
pub trait Backend: Database + sealed::Sealed {
    /// "sqlite" or "postgres".
    const LABEL: &'static str;
    /// Starts a transaction that will write.
    const BEGIN_WRITE: &'static str;
    /// Starts a transaction that only reads, seeing one consistent snapshot.
    const BEGIN_READ: &'static str;
    /// Run first inside the transaction that creates the very first user, so that
    /// two instances starting at once cannot both create "the first" administrator.
    const LOCK_USERS: Option<&'static str>;
    /// How many values one INSERT binds at most (whole rows, at least one).
    const VALUES_PER_INSERT: usize;

    async fn execute(
        conn: &mut Self::Connection,
        sql: SqlStr,
        args: Vec<Value>,
    ) -> Result<u64, sqlx::Error>;

    async fn fetch_all(
        conn: &mut Self::Connection,
        sql: SqlStr,
        args: Vec<Value>,
    ) -> Result<Vec<Self::Row>, sqlx::Error>;

    fn int(row: &Self::Row, column: &str) -> Result<Option<i64>, sqlx::Error>;
    fn text(row: &Self::Row, column: &str) -> Result<Option<String>, sqlx::Error>;
    fn flag(row: &Self::Row, column: &str) -> Result<bool, sqlx::Error>;
}

/// A query with every value bound in order.
fn bound<DB: Database>(sql: SqlStr, args: Vec<Value>) -> Query<'static, DB, DB::Arguments>
where
    Option<i64>: for<'e> Encode<'e, DB> + Type<DB>,
    Option<String>: for<'e> Encode<'e, DB> + Type<DB>,
    bool: for<'e> Encode<'e, DB> + Type<DB>,
{
    args.into_iter()
        .fold(sqlx::query::<DB>(sql), |query, value| match value {
            Value::Int(v) => query.bind(v),
            Value::Text(v) => query.bind(v),
            Value::Flag(v) => query.bind(v),
        })
}

macro_rules! impl_backend {
    ($db:ty, label: $label:literal, write: $write:literal, read: $read:literal, lock_users: $lock:expr,
     values_per_insert: $values:expr) => {
        #[async_trait]
        impl Backend for $db {
            const LABEL: &'static str = $label;
            const BEGIN_WRITE: &'static str = $write;
            const BEGIN_READ: &'static str = $read;
            const LOCK_USERS: Option<&'static str> = $lock;
            const VALUES_PER_INSERT: usize = $values;

            async fn execute(
                conn: &mut <$db as Database>::Connection,
                sql: SqlStr,
                args: Vec<Value>,
            ) -> Result<u64, sqlx::Error> {
                Ok(bound::<$db>(sql, args).execute(conn).await?.rows_affected())
            }

            async fn fetch_all(
                conn: &mut <$db as Database>::Connection,
                sql: SqlStr,
                args: Vec<Value>,
            ) -> Result<Vec<<$db as Database>::Row>, sqlx::Error> {
                bound::<$db>(sql, args).fetch_all(conn).await
            }

            fn int(row: &<$db as Database>::Row, column: &str) -> Result<Option<i64>, sqlx::Error> {
                sqlx::Row::try_get(row, column)
            }

            fn text(
                row: &<$db as Database>::Row,
                column: &str,
            ) -> Result<Option<String>, sqlx::Error> {
                sqlx::Row::try_get(row, column)
            }

            fn flag(row: &<$db as Database>::Row, column: &str) -> Result<bool, sqlx::Error> {
                sqlx::Row::try_get(row, column)
            }
        }
    };
}

// SQLite: BEGIN IMMEDIATE takes the write lock up front, so a writer waits
// (busy_timeout) instead of failing with SQLITE_BUSY when it would otherwise
// upgrade a read lock that another process also holds. A plain BEGIN is a
// deferred, snapshot-consistent read in WAL mode.
// One row per INSERT: the prepared statement is reused from the cache, while
// multi-row statements get slower per row as they grow (a 2,000-entry
// timeline took 40-100 ms one row at a time, 0.9 s at 8,000 values per
// statement and 5 s at 30,000).
impl_backend!(sqlx::Sqlite,
    label: "sqlite",
    write: "BEGIN IMMEDIATE",
    read: "BEGIN",
    lock_users: None,
    values_per_insert: 1);

// PostgreSQL: writes run at READ COMMITTED; the version check in
// `UPDATE ... WHERE version = $n` re-reads the row after waiting for a
// concurrent writer's row lock, so exactly one of two racing saves succeeds.
// Reads of a whole post-mortem use one REPEATABLE READ snapshot so that the
// parts read by separate statements belong to the same version.
// Many rows per INSERT: each statement is a round trip to the server (the
// same timeline took 420 ms one row at a time, 150 ms at 200 or more values
// per statement). PostgreSQL accepts up to 65,535 values in one statement.
impl_backend!(sqlx::Postgres,
    label: "postgres",
    write: "BEGIN",
    read: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    lock_users: Some("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"),
    values_per_insert: 8_000);
