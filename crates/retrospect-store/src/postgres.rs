//! The PostgreSQL store, for organisations running several instances behind a
//! load balancer: every instance connects to the same database, and the
//! version check in each save keeps their edits from overwriting each other.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Postgres;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::StoreError;
use crate::engine::{POSTGRES_MIGRATIONS, SqlStore, migrate};

/// The PostgreSQL store: `PgStore::connect("postgres://user@host/db")`.
pub type PgStore = SqlStore<Postgres>;

/// Connections per instance. PostgreSQL's default limit is 100 in total.
const CONNECTIONS: u32 = 10;
/// How long a request waits for a free connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

impl SqlStore<Postgres> {
    /// Connects to the database `url` names and brings its schema up to date.
    /// Errors name the server and database but never the password.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(|e| StoreError::Open {
            location: "the PostgreSQL URL".into(),
            reason: format!("it could not be understood ({e}); expected postgres://user:password@host:5432/database"),
        })?;
        let location = format!(
            "postgres://{}@{}:{}/{}",
            options.get_username(),
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap_or(options.get_username())
        );
        let failed = |reason: String| StoreError::Open {
            location: location.clone(),
            reason,
        };
        let pool = PgPoolOptions::new()
            .max_connections(CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| failed(e.to_string()))?;
        migrate(POSTGRES_MIGRATIONS, &pool)
            .await
            .map_err(|e| failed(e.to_string()))?;
        Ok(Self::from_pools(pool.clone(), pool))
    }
}
