//! What is saved stays saved: across a reopen, across migrations run again.

use retrospect_store::ListFilter;

use crate::fixtures::{full, simple};
use crate::harness::Ctx;

pub async fn reopening_keeps_everything(ctx: &Ctx) {
    let saved = ctx
        .store
        .create_many(&[full(), simple("Second")])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let updated = ctx
        .store
        .update(&saved[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ctx.store
        .delete(saved[1].id, 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // A brand-new instance on the same database: for SQLite this reopens the
    // file (the first store is still open, as the server would be while the
    // CLI runs); for PostgreSQL it is a second server.
    let reopened = ctx
        .another_instance()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened.get(updated.id).await.ok(), Some(updated.clone()));
    let listed = reopened
        .list(&ListFilter::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        [updated.id]
    );
}

pub async fn migrations_applied_again_change_nothing(ctx: &Ctx) {
    let saved = ctx
        .store
        .create(&full())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..3 {
        let again = ctx
            .another_instance()
            .await
            .unwrap_or_else(|e| panic!("migrating again failed: {e}"));
        assert_eq!(again.get(saved.id).await.ok(), Some(saved.clone()));
    }
    let after = ctx
        .store
        .create(&simple("After migrating again"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(after.id > saved.id);
}
