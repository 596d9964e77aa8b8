//! What only the PostgreSQL store has: a server to reach, with credentials
//! that must never appear in a message.

use retrospect_store::StoreError;
use retrospect_store::postgres::PgStore;

use crate::harness::PG_URL_VAR;

fn describe(result: Result<PgStore, StoreError>) -> (String, String) {
    match result {
        Err(StoreError::Open { location, reason }) => (location, reason),
        Err(other) => panic!("expected a clear refusal to open, got {other}"),
        Ok(_) => panic!("the connection should have been refused"),
    }
}

#[tokio::test]
async fn errors_name_the_server_but_never_the_password() {
    let Ok(url) = std::env::var(PG_URL_VAR) else {
        // The harness's stories already say loudly that PostgreSQL is skipped.
        return;
    };
    let (_, rest) = url.split_once("://").unwrap_or(("", &url));
    let host_and_db = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let wrong = format!("postgres://postgres:hunter2-secret@{host_and_db}");
    let (location, reason) = describe(PgStore::connect(&wrong).await);
    assert!(location.starts_with("postgres://postgres@"), "{location}");
    assert!(
        !location.contains("hunter2") && !reason.contains("hunter2"),
        "{location}: {reason}"
    );

    let (location, reason) =
        describe(PgStore::connect("postgres://user:hunter2-secret@[bad").await);
    assert!(
        !location.contains("hunter2") && !reason.contains("hunter2"),
        "{location}: {reason}"
    );
    assert!(reason.contains("postgres://user:password@host"), "{reason}");
}
