//! The embedded SQLite store: zero configuration, one file.
//!
//! Durability: WAL journal with `synchronous = FULL`. In WAL mode, NORMAL
//! already survives a crash or kill of the process, but a power cut or kernel
//! panic can lose the last commits, because the WAL is only synced at
//! checkpoints. FULL syncs the WAL at every commit, so a save that returned
//! is on disk. Saves are a few per minute per person; the cost (one fsync
//! per commit, measured in the README) is worth "nothing committed is lost".
//!
//! Concurrency: every write goes through one connection and starts with
//! `BEGIN IMMEDIATE`, so writers queue in the application, and a writer in
//! another process (the CLI next to the server) waits up to the busy timeout
//! instead of failing with SQLITE_BUSY. Readers use their own connections and
//! see a consistent snapshot while a write is in progress.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::Sqlite;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;
use crate::engine::{SQLITE_MIGRATIONS, SqlStore, migrate};

/// The SQLite store: `SqliteStore::open(path)`.
pub type SqliteStore = SqlStore<Sqlite>;

/// How long a write waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections for reading; writes use one more.
const READERS: u32 = 4;

/// Where the database lives when nobody says otherwise:
/// `$RETROSPECT_DATA_DIR/retrospect.db`, else `$XDG_DATA_HOME/retrospect/retrospect.db`,
/// else `~/.local/share/retrospect/retrospect.db`, else `./retrospect.db`.
/// Empty and relative values of the XDG variable are ignored, as its spec asks.
pub fn default_database_path() -> PathBuf {
    database_path_from(|name| std::env::var_os(name))
}

/// [`default_database_path`] with the environment given, for testing.
fn database_path_from(env: impl Fn(&str) -> Option<OsString>) -> PathBuf {
    let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var("RETROSPECT_DATA_DIR") {
        return dir.join("retrospect.db");
    }
    let data_home = var("XDG_DATA_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|home| home.join(".local").join("share")));
    match data_home {
        Some(dir) => dir.join("retrospect").join("retrospect.db"),
        None => PathBuf::from("retrospect.db"),
    }
}

impl SqlStore<Sqlite> {
    /// Opens (creating it and its folder if missing) the database file at
    /// `path` and brings its schema up to date.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let failed = |reason: String| StoreError::Open {
            location: path.display().to_string(),
            reason,
        };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| {
                failed(format!(
                    "could not create the folder {}: {e}",
                    folder.display()
                ))
            })?;
        }
        let common = SqliteConnectOptions::new()
            .filename(path)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let writer = common
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(writer)
            .await
            .map_err(|e| failed(e.to_string()))?;
        migrate(SQLITE_MIGRATIONS, &write)
            .await
            .map_err(|e| failed(format!("{e} (is this a Retrospect database?)")))?;
        let read = SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(common.read_only(true))
            .await
            .map_err(|e| failed(e.to_string()))?;
        Ok(Self::from_pools(write, read))
    }

    /// A private database in memory, gone when the store is dropped: for tests.
    /// It has a single connection, shared by reads and writes.
    pub async fn in_memory() -> Result<Self, StoreError> {
        let failed = |reason: String| StoreError::Open {
            location: "memory".into(),
            reason,
        };
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(|e| failed(e.to_string()))?
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(|e| failed(e.to_string()))?;
        migrate(SQLITE_MIGRATIONS, &pool)
            .await
            .map_err(|e| failed(e.to_string()))?;
        Ok(Self::from_pools(pool.clone(), pool))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_with(vars: &[(&str, &str)]) -> PathBuf {
        database_path_from(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn the_default_path_follows_the_documented_order() {
        let all = [
            ("RETROSPECT_DATA_DIR", "/srv/retro"),
            ("XDG_DATA_HOME", "/xdg"),
            ("HOME", "/home/ana"),
        ];
        assert_eq!(path_with(&all), PathBuf::from("/srv/retro/retrospect.db"));
        assert_eq!(
            path_with(&all[1..]),
            PathBuf::from("/xdg/retrospect/retrospect.db")
        );
        assert_eq!(
            path_with(&all[2..]),
            PathBuf::from("/home/ana/.local/share/retrospect/retrospect.db")
        );
        assert_eq!(path_with(&[]), PathBuf::from("retrospect.db"));
    }

    #[test]
    fn empty_and_relative_values_are_ignored() {
        let vars = [
            ("RETROSPECT_DATA_DIR", ""),
            ("XDG_DATA_HOME", "relative/dir"),
            ("HOME", "/home/ana"),
        ];
        assert_eq!(
            path_with(&vars),
            PathBuf::from("/home/ana/.local/share/retrospect/retrospect.db")
        );
    }
}
