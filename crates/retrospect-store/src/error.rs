/// What went wrong talking to the database, phrased for the person who has to act on it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("post-mortem {0} was not found (it may have been deleted, or the id is mistyped)")]
    NotFound(i64),
    #[error(
        "post-mortem {id} was changed by someone else since you loaded it (you had version {yours}, it is now at {current}); reload it, then apply your change again"
    )]
    Conflict { id: i64, yours: i64, current: i64 },
    #[error("the post-mortem is not consistent: {0}")]
    Invalid(#[from] retrospect_domain::DomainError),
    #[error("{what} '{value}' is already taken; please choose another")]
    AlreadyExists { what: &'static str, value: String },
    #[error("there is no {what} {key} (it may have been removed)")]
    Missing { what: &'static str, key: String },
    #[error("could not open the database at {location}: {reason}")]
    Open { location: String, reason: String },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not apply the database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data could not be read back: {0}")]
    Corrupt(String),
}
