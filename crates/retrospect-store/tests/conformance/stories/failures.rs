//! Saves that fail: refused up front, or failing halfway through the writing.
//! Either way the database must look as if they were never tried.

use retrospect_domain::{DomainError, LogTemplate, PostMortem};
use retrospect_store::{ListFilter, StoreError};

use crate::fixtures::{full, simple};
use crate::harness::Ctx;

async fn count(ctx: &Ctx) -> usize {
    ctx.store
        .list(&ListFilter::default())
        .await
        .map(|l| l.len())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A post-mortem the domain accepts but the database refuses late: two log
/// templates with the same id, found only when the last part table is written.
fn fails_late() -> PostMortem {
    let mut pm = full();
    let copy = pm.log_templates[0].clone();
    pm.log_templates.push(copy);
    pm.validate()
        .unwrap_or_else(|e| panic!("the domain should accept this: {e}"));
    pm
}

/// A log template pointing at evidence that does not exist. The domain
/// refuses it before anything is written (the database's deferred foreign
/// keys would refuse it at COMMIT too); either way nothing may change.
fn dangling_reference() -> PostMortem {
    let mut pm = full();
    pm.log_templates.push(LogTemplate {
        evidence: 99,
        template_id: 1,
        pattern: "from evidence that does not exist".into(),
        count: 1,
        first_seen: None,
        last_seen: None,
        level: None,
        examples: Vec::new(),
    });
    assert!(
        pm.validate().is_err(),
        "the domain checks template references"
    );
    pm
}

fn invalid() -> PostMortem {
    let mut pm = simple("Second, broken");
    pm.add_cause(None, "A cause", None)
        .unwrap_or_else(|e| panic!("{e}"));
    pm.causes[0].parent = Some(77);
    pm
}

pub async fn create_many_is_all_or_nothing(ctx: &Ctx) {
    let refused = ctx
        .store
        .create_many(&[simple("First, fine"), invalid()])
        .await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Invalid(DomainError::NotFound {
                part: "cause",
                id: 77
            }))
        ),
        "[{}] {refused:?}",
        ctx.backend()
    );
    assert_eq!(count(ctx).await, 0);

    let failed = ctx
        .store
        .create_many(&[simple("First, fine"), full(), fails_late()])
        .await;
    assert!(
        matches!(failed, Err(StoreError::Database(_))),
        "[{}] {failed:?}",
        ctx.backend()
    );
    assert_eq!(
        count(ctx).await,
        0,
        "nothing of a failed create_many may remain"
    );

    let failed = ctx
        .store
        .create_many(&[simple("First, fine"), dangling_reference()])
        .await;
    assert!(
        failed.is_err(),
        "[{}] a dangling reference must be refused",
        ctx.backend()
    );
    assert_eq!(count(ctx).await, 0);

    let saved = ctx
        .store
        .create_many(&[simple("First, fine"), full()])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.len(), 2);
    assert_eq!(
        count(ctx).await,
        2,
        "the store still works after the failures"
    );
}

pub async fn an_update_failing_halfway_leaves_the_previous_state(ctx: &Ctx) {
    let original = ctx
        .store
        .create(&full())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for broken in [fails_late(), dangling_reference()] {
        let mut attempt = broken;
        attempt.id = original.id;
        attempt.version = original.version;
        attempt.title = "Half-written title".into();
        attempt.timeline.clear();
        attempt
            .causes
            .iter_mut()
            .for_each(|c| c.timeline_refs.clear());
        let result = ctx.store.update(&attempt).await;
        assert!(
            result.is_err(),
            "[{}] the broken update was accepted",
            ctx.backend()
        );
        let now = ctx
            .store
            .get(original.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            now,
            original,
            "[{}] a failed update must leave everything as it was",
            ctx.backend()
        );
    }
    let fine = ctx
        .store
        .update(&original)
        .await
        .unwrap_or_else(|e| panic!("the store is stuck: {e}"));
    assert_eq!(fine.version, 2);
}

pub async fn invalid_input_is_refused_with_a_clear_error(ctx: &Ctx) {
    let mut nul = simple("Contains a NUL");
    nul.summary = "before\0after".into();
    let refused = ctx.store.create(&nul).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "[{}] {refused:?}",
        ctx.backend()
    );

    let mut huge = full();
    huge.evidence[0].size = u64::MAX;
    let refused = ctx.store.create(&huge).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "[{}] {refused:?}",
        ctx.backend()
    );
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("evidence size"), "{message}");

    let mut empty_title = simple("Will be emptied");
    empty_title.title = "   ".into();
    assert!(matches!(
        ctx.store.create(&empty_title).await,
        Err(StoreError::Invalid(DomainError::Empty { field: "title" }))
    ));

    let stored = ctx
        .store
        .create(&simple("Valid"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut broken = invalid();
    broken.id = stored.id;
    broken.version = stored.version;
    assert!(matches!(
        ctx.store.update(&broken).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(ctx.store.get(stored.id).await.ok(), Some(stored));
    assert_eq!(count(ctx).await, 1);
}
