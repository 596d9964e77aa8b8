//! A fresh database per test: a temporary SQLite file, or a new PostgreSQL
//! database created on the server `RETROSPECT_TEST_DATABASE_URL` names and
//! dropped afterwards (even when the test fails), so tests run in parallel.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use retrospect_store::postgres::PgStore;
use retrospect_store::sqlite::SqliteStore;
use retrospect_store::{StoreError, StoreWithAccounts};
use sqlx::{AssertSqlSafe, Connection};

pub const PG_URL_VAR: &str = "RETROSPECT_TEST_DATABASE_URL";

/// The store a story runs against, with a way to open another instance on the
/// same database (a second server process, or the CLI beside the server).
pub struct Ctx {
    pub store: Arc<dyn StoreWithAccounts>,
    /// Declared after `store`, so the database outlives the store's connections.
    database: Database,
}

enum Database {
    Sqlite {
        path: PathBuf,
        _dir: tempfile::TempDir,
    },
    Postgres {
        url: String,
        _dropped_at_end: TemporaryDatabase,
    },
}

impl Ctx {
    pub async fn sqlite() -> Ctx {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
        // A folder that does not exist yet: opening must create it.
        let path = dir.path().join("data").join("retrospect.db");
        let store = SqliteStore::open(&path)
            .await
            .unwrap_or_else(|e| panic!("could not open {}: {e}", path.display()));
        Ctx {
            store: Arc::new(store),
            database: Database::Sqlite { path, _dir: dir },
        }
    }

    /// None (after saying so loudly) when no PostgreSQL server is configured;
    /// under CI a missing server is a failure, not a skip.
    pub async fn postgres() -> Option<Ctx> {
        let Some(admin_url) = std::env::var(PG_URL_VAR).ok().filter(|v| !v.is_empty()) else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but {PG_URL_VAR} is not set: the PostgreSQL half of the conformance suite must run in CI"
                );
            }
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                loud(&format!(
                    "SKIPPED (PostgreSQL): set {PG_URL_VAR} (e.g. postgres://postgres@localhost:5432/postgres) \
                     to run the conformance stories on PostgreSQL; the postgres::* tests pass without running"
                ))
            });
            return None;
        };
        let name = unique_database_name();
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {PG_URL_VAR}: {e}"));
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        // From here on the database is dropped again whatever happens.
        let temporary = TemporaryDatabase { admin_url, name };
        let store = PgStore::connect(&url)
            .await
            .unwrap_or_else(|e| panic!("could not connect to the test database: {e}"));
        Some(Ctx {
            store: Arc::new(store),
            database: Database::Postgres {
                url,
                _dropped_at_end: temporary,
            },
        })
    }

    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    /// Opens another store on the same database, as a second process would.
    /// Opening runs the migrations again, which must change nothing.
    pub async fn another_instance(&self) -> Result<Arc<dyn StoreWithAccounts>, StoreError> {
        Ok(match &self.database {
            Database::Sqlite { path, .. } => Arc::new(SqliteStore::open(path).await?),
            Database::Postgres { url, .. } => Arc::new(PgStore::connect(url).await?),
        })
    }
}

/// A PostgreSQL test database, dropped when this is. The drop runs on its own
/// thread with its own runtime, because it can happen while a test unwinds.
struct TemporaryDatabase {
    admin_url: String,
    name: String,
}

impl Drop for TemporaryDatabase {
    fn drop(&mut self) {
        let admin_url = std::mem::take(&mut self.admin_url);
        let name = std::mem::take(&mut self.name);
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut admin = sqlx::PgConnection::connect(&admin_url).await?;
                sqlx::raw_sql(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await?;
                admin.close().await
            })?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: a PostgreSQL test database could not be dropped: {dropped:?}");
        }
    }
}

/// Writes straight to the process's stderr, past the test harness's capture,
/// so that a skip is seen even when the test passes.
pub fn loud(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "\n*** {message} ***\n");
}

fn unique_database_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "retrospect_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The same server URL with another database name.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_and_path = &base[after_scheme..];
    let host = host_and_path.split('/').next().unwrap_or(host_and_path);
    format!("{}{host}/{database}{query}", &base[..after_scheme])
}

/// Runs each named story (an `async fn(&Ctx)` in `stories`) once on SQLite
/// and once on PostgreSQL, as the tests `sqlite::<story>` and `postgres::<story>`.
macro_rules! on_both_backends {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let ctx = $crate::harness::Ctx::sqlite().await;
                    $crate::stories::$story(&ctx).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let Some(ctx) = $crate::harness::Ctx::postgres().await else { return };
                    $crate::stories::$story(&ctx).await;
                }
            )*
        }
    };
}
pub(crate) use on_both_backends;

#[test]
fn database_name_replaces_the_one_in_the_url() {
    assert_eq!(
        with_database("postgres://postgres@localhost:5432/postgres", "x"),
        "postgres://postgres@localhost:5432/x"
    );
    assert_eq!(
        with_database("postgresql://u:p@db/main?sslmode=disable", "x"),
        "postgresql://u:p@db/x?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://localhost", "x"),
        "postgres://localhost/x"
    );
}
