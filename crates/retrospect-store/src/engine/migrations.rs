//! The schema migrations of each backend, embedded in the binary at compile time.
//!
//! They are listed here rather than found by `sqlx::migrate!` because that
//! macro needs sqlx's `macros` feature, which builds both database drivers
//! (and the bundled SQLite C library) a second time for the proc-macro: minutes
//! of CI time on two cores for a file list. A unit test checks that this list
//! matches the `migrations/` directories exactly. sqlx's `Migrator` applies
//! them and records them in `_sqlx_migrations` as usual, so applying them again
//! is a no-op and a changed migration is detected.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migrate, MigrateError, Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{Acquire, SqlSafeStr};

/// One migration: its version, a description, and its SQL.
pub(crate) type Embedded = (i64, &'static str, &'static str);

pub(crate) const SQLITE_MIGRATIONS: &[Embedded] = &[
    (
        1,
        "postmortems",
        include_str!("../../migrations/sqlite/0001_postmortems.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../../migrations/sqlite/0002_accounts.sql"),
    ),
    (
        3,
        "reference_indexes",
        include_str!("../../migrations/sqlite/0003_reference_indexes.sql"),
    ),
];

pub(crate) const POSTGRES_MIGRATIONS: &[Embedded] = &[
    (
        1,
        "postmortems",
        include_str!("../../migrations/postgres/0001_postmortems.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../../migrations/postgres/0002_accounts.sql"),
    ),
    (
        3,
        "reference_indexes",
        include_str!("../../migrations/postgres/0003_reference_indexes.sql"),
    ),
];

#[derive(Debug)]
struct EmbeddedSource(&'static [Embedded]);

impl<'s> MigrationSource<'s> for EmbeddedSource {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 's>> {
        let migrations = self
            .0
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect();
        Box::pin(std::future::ready(Ok(migrations)))
    }
}

/// Brings the schema up to date. Safe to run on every start, by several
/// instances at once: sqlx takes a lock while it migrates.
pub(crate) async fn migrate<'a, A>(
    list: &'static [Embedded],
    connection: A,
) -> Result<(), MigrateError>
where
    A: Acquire<'a>,
    <A::Connection as std::ops::Deref>::Target: Migrate,
{
    Migrator::new(EmbeddedSource(list))
        .await?
        .run(connection)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_matches_directory(list: &[Embedded], dir: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(dir);
        let mut files: Vec<_> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()))
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .collect();
        files.sort();
        assert_eq!(
            files.len(),
            list.len(),
            "every file in {} must be listed",
            path.display()
        );
        for (file, &(version, description, sql)) in files.iter().zip(list) {
            let name = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            assert_eq!(name, format!("{version:04}_{description}"));
            let on_disk = std::fs::read_to_string(file).unwrap_or_default();
            assert_eq!(
                on_disk,
                sql,
                "{} differs from the embedded copy",
                file.display()
            );
        }
    }

    #[test]
    fn embedded_migrations_match_the_directories() {
        check_matches_directory(SQLITE_MIGRATIONS, "sqlite");
        check_matches_directory(POSTGRES_MIGRATIONS, "postgres");
    }

    #[test]
    fn both_backends_have_the_same_migration_versions() {
        let versions = |list: &[Embedded]| list.iter().map(|m| (m.0, m.1)).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE_MIGRATIONS), versions(POSTGRES_MIGRATIONS));
    }
}
