//! Several writers at once, in one process (tasks) and across instances (a
//! second store on the same database, as a second server or the CLI would be).

use std::sync::Arc;

use retrospect_domain::PostMortem;
use retrospect_store::{StoreError, StoreWithAccounts};

use crate::fixtures::{full, simple};
use crate::harness::Ctx;

/// Two saves based on the same version race; returns how many succeeded and
/// how many were refused as conflicts (anything else fails the test).
async fn race(
    first: Arc<dyn StoreWithAccounts>,
    second: Arc<dyn StoreWithAccounts>,
    base: &PostMortem,
) -> (usize, usize) {
    let mut a = base.clone();
    a.summary = format!("{} / a", base.version);
    let mut b = base.clone();
    b.summary = format!("{} / b", base.version);
    let barrier = Arc::new(tokio::sync::Barrier::new(2));
    let spawn = |store: Arc<dyn StoreWithAccounts>, pm: PostMortem| {
        let barrier = barrier.clone();
        tokio::spawn(async move {
            barrier.wait().await;
            store.update(&pm).await
        })
    };
    let results = [spawn(first, a), spawn(second, b)];
    let (mut saved, mut conflicts) = (0, 0);
    for handle in results {
        match handle.await {
            Ok(Ok(pm)) => {
                assert_eq!(pm.version, base.version + 1);
                saved += 1;
            }
            Ok(Err(StoreError::Conflict { yours, current, .. })) => {
                assert_eq!((yours, current), (base.version, base.version + 1));
                conflicts += 1;
            }
            Ok(Err(other)) => {
                panic!("a racing save failed with something else than a conflict: {other}")
            }
            Err(panic) => panic!("a racing save panicked: {panic}"),
        }
    }
    (saved, conflicts)
}

async fn races(ctx: &Ctx, first: Arc<dyn StoreWithAccounts>, second: Arc<dyn StoreWithAccounts>) {
    let mut current = ctx
        .store
        .create(&full())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for round in 0..15 {
        let (saved, conflicts) = race(first.clone(), second.clone(), &current).await;
        assert_eq!(
            (saved, conflicts),
            (1, 1),
            "[{}] round {round}: exactly one save must win",
            ctx.backend()
        );
        current = ctx
            .store
            .get(current.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(current.version, round + 2);
        let winner = current.summary.clone();
        assert!(
            winner.ends_with(" / a") || winner.ends_with(" / b"),
            "{winner}"
        );
    }
}

pub async fn racing_updates_from_two_tasks_one_wins(ctx: &Ctx) {
    races(ctx, ctx.store.clone(), ctx.store.clone()).await;
}

pub async fn racing_updates_from_two_instances_one_wins(ctx: &Ctx) {
    let other = ctx
        .another_instance()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    races(ctx, ctx.store.clone(), other).await;
}

/// Many writers on different post-mortems, through two instances: every save
/// succeeds (no "database is locked"), and every one is kept.
pub async fn concurrent_writers_all_succeed(ctx: &Ctx) {
    let other = ctx
        .another_instance()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tasks = Vec::new();
    for writer in 0..8 {
        let store = if writer % 2 == 0 {
            ctx.store.clone()
        } else {
            other.clone()
        };
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..6 {
                let mut pm = store
                    .create(&simple(&format!("Writer {writer}, item {i}")))
                    .await?;
                pm.summary = "edited".into();
                pm.add_lesson(
                    retrospect_domain::LessonKind::Learned,
                    "Writes queue, they do not fail",
                )
                .map_err(StoreError::Invalid)?;
                let pm = store.update(&pm).await?;
                let _ = store.get(pm.id).await?;
                ids.push(pm.id);
            }
            Ok::<_, StoreError>(ids)
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(ids)) => all.extend(ids),
            Ok(Err(e)) => panic!("[{}] a concurrent writer failed: {e}", ctx.backend()),
            Err(e) => panic!("a writer panicked: {e}"),
        }
    }
    assert_eq!(all.len(), 48);
    for id in all {
        let pm = ctx.store.get(id).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (pm.version, pm.summary.as_str(), pm.lessons.len()),
            (2, "edited", 1)
        );
    }
}

/// A reader never sees half of a save: while one task keeps replacing every
/// part, another keeps reading, and each read is one whole version.
pub async fn readers_see_whole_versions(ctx: &Ctx) {
    let mut pm = full();
    pm.summary = "1".into();
    let created = ctx
        .store
        .create(&pm)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let writer_store = ctx.store.clone();
    let writer = tokio::spawn(async move {
        let mut current = created;
        for _ in 0..20 {
            current.summary = (current.version + 1).to_string();
            current.tags = vec![current.summary.clone(); current.version as usize % 4 + 1];
            current = writer_store.update(&current).await?;
        }
        Ok::<_, StoreError>(current.id)
    });
    let reader_store = ctx.store.clone();
    let id = ctx
        .store
        .list(&Default::default())
        .await
        .ok()
        .and_then(|l| l.first().map(|s| s.id))
        .unwrap_or(1);
    let reader = tokio::spawn(async move {
        for _ in 0..40 {
            let seen = reader_store.get(id).await?;
            assert_eq!(
                seen.summary,
                seen.version.to_string(),
                "a read mixed two versions"
            );
            if seen.version > 1 {
                assert_eq!(seen.tags.len(), (seen.version - 1) as usize % 4 + 1);
                assert!(
                    seen.tags.iter().all(|t| *t == seen.summary),
                    "a read mixed two versions"
                );
            }
        }
        Ok::<_, StoreError>(())
    });
    let (written, read) = (writer.await, reader.await);
    assert!(
        matches!(written, Ok(Ok(_))),
        "[{}] writer: {written:?}",
        ctx.backend()
    );
    assert!(
        matches!(read, Ok(Ok(()))),
        "[{}] reader: {read:?}",
        ctx.backend()
    );
}
