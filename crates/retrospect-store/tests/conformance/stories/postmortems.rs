//! Saving and reading post-mortems: round trips, lists, versions, conflicts.

use retrospect_domain::{ActionStatus, Kind, LessonKind, PostMortem, Status, TimelineEntry};
use retrospect_store::{ListFilter, StoreError};

use crate::fixtures::{at_stored_precision, every_header_value, full, instant, simple};
use crate::harness::Ctx;

async fn create(ctx: &Ctx, pm: &PostMortem) -> PostMortem {
    ctx.store
        .create(pm)
        .await
        .unwrap_or_else(|e| panic!("[{}] could not create '{}': {e}", ctx.backend(), pm.title))
}

async fn get(ctx: &Ctx, id: i64) -> PostMortem {
    ctx.store
        .get(id)
        .await
        .unwrap_or_else(|e| panic!("[{}] could not read post-mortem {id}: {e}", ctx.backend()))
}

fn expected_after_create(pm: &PostMortem, id: i64) -> PostMortem {
    let mut expected = at_stored_precision(pm);
    expected.id = id;
    expected.version = 1;
    expected
}

pub async fn full_postmortem_round_trips(ctx: &Ctx) {
    let original = full();
    let created = create(ctx, &original).await;
    assert!(created.id > 0);
    assert_eq!(created, expected_after_create(&original, created.id));
    assert_eq!(
        get(ctx, created.id).await,
        created,
        "get must return exactly what create returned"
    );

    // The id and version given to create are ignored.
    let mut again = original.clone();
    again.id = 999;
    again.version = 42;
    let second = create(ctx, &again).await;
    assert_ne!(second.id, created.id);
    assert_eq!(second.version, 1);
}

pub async fn every_header_value_and_empty_parts_round_trip(ctx: &Ctx) {
    let originals = every_header_value();
    let created = ctx
        .store
        .create_many(&originals)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.len(), originals.len());
    for (original, stored) in originals.iter().zip(&created) {
        assert_eq!(stored, &expected_after_create(original, stored.id));
        assert_eq!(&get(ctx, stored.id).await, stored);
    }
    let mut bare = simple("Nothing else yet");
    bare.summary = String::new();
    bare.fishbone_categories = Vec::new();
    let stored = create(ctx, &bare).await;
    assert_eq!(
        get(ctx, stored.id).await,
        expected_after_create(&bare, stored.id)
    );
}

pub async fn missing_postmortems_are_not_found(ctx: &Ctx) {
    assert!(matches!(
        ctx.store.get(424_242).await,
        Err(StoreError::NotFound(424_242))
    ));
    let mut ghost = simple("Never saved");
    ghost.id = 424_242;
    ghost.version = 1;
    assert!(matches!(
        ctx.store.update(&ghost).await,
        Err(StoreError::NotFound(424_242))
    ));
    assert!(matches!(
        ctx.store.delete(424_242, 1).await,
        Err(StoreError::NotFound(424_242))
    ));
}

pub async fn list_filters_and_orders(ctx: &Ctx) {
    let mut specs = Vec::new();
    for (i, (title, kind, status)) in [
        (
            "Database failover took 40 minutes",
            Kind::Incident,
            Status::Draft,
        ),
        (
            "Launch of the new onboarding flow",
            Kind::Project,
            Status::Published,
        ),
        ("My first on-call week", Kind::Personal, Status::Draft),
        ("ÉCHOUÉ: le paiement", Kind::Incident, Status::Closed),
        (
            "Discount of 100% applied to every_cart",
            Kind::Incident,
            Status::InReview,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut pm = simple(title);
        pm.kind = kind;
        pm.status = status;
        pm.created_at = instant(1_700_000_000 + i as i64 * 3600);
        pm.updated_at = pm.created_at;
        specs.push(pm);
    }
    let mut with_actions = full();
    with_actions.created_at = instant(1_600_000_000);
    specs.push(with_actions);
    let created = ctx
        .store
        .create_many(&specs)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let all = ctx
        .store
        .list(&ListFilter::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let titles: Vec<&str> = all.iter().map(|s| s.title.as_str()).collect();
    let mut newest_first: Vec<&PostMortem> = created.iter().collect();
    newest_first.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    assert_eq!(
        titles,
        newest_first
            .iter()
            .map(|p| p.title.as_str())
            .collect::<Vec<_>>()
    );

    let summary = all
        .iter()
        .find(|s| s.id == created[5].id)
        .unwrap_or_else(|| panic!("missing"));
    let open = created[5]
        .actions
        .iter()
        .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress))
        .count();
    assert_eq!(summary.open_actions, open as i64);
    assert_eq!(summary.severity.as_deref(), Some("SEV2"));
    assert_eq!(summary.author, created[5].author);
    assert_eq!(summary.team, created[5].team);
    assert_eq!(
        (summary.version, summary.created_at, summary.updated_at),
        (1, created[5].created_at, created[5].updated_at)
    );

    let ids = |filter: ListFilter| {
        let store = ctx.store.clone();
        async move {
            let found = store.list(&filter).await.unwrap_or_else(|e| panic!("{e}"));
            found.iter().map(|s| s.title.clone()).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        ids(ListFilter {
            kind: Some(Kind::Project),
            ..Default::default()
        })
        .await,
        ["Launch of the new onboarding flow"]
    );
    assert_eq!(
        ids(ListFilter {
            status: Some(Status::Draft),
            kind: Some(Kind::Personal),
            ..Default::default()
        })
        .await,
        ["My first on-call week"]
    );
    // Case-insensitive, including beyond ASCII; LIKE wildcards are plain characters.
    assert_eq!(
        ids(ListFilter {
            title_contains: Some("échoué: LE".into()),
            ..Default::default()
        })
        .await,
        ["ÉCHOUÉ: le paiement"]
    );
    assert_eq!(
        ids(ListFilter {
            title_contains: Some("ÉCHOUÉ".into()),
            ..Default::default()
        })
        .await
        .len(),
        2
    );
    assert_eq!(
        ids(ListFilter {
            title_contains: Some("100%".into()),
            ..Default::default()
        })
        .await,
        ["Discount of 100% applied to every_cart"]
    );
    assert!(
        ids(ListFilter {
            title_contains: Some("y_c".into()),
            ..Default::default()
        })
        .await
        .len()
            == 1
    );
    assert!(
        ids(ListFilter {
            title_contains: Some("%".into()),
            ..Default::default()
        })
        .await
        .len()
            == 1
    );
    assert_eq!(
        ids(ListFilter {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .len(),
        2
    );
    assert!(
        ids(ListFilter {
            limit: Some(0),
            ..Default::default()
        })
        .await
        .is_empty()
    );
}

pub async fn update_bumps_the_version_and_replaces_every_part(ctx: &Ctx) {
    let first = create(ctx, &full()).await;
    let mut changed = first.clone();
    changed.title = "Checkout outage (reviewed)".into();
    changed.status = Status::Published;
    changed.severity = None;
    changed.author = None;
    changed.tags.reverse();
    changed.participants.pop();
    changed.timeline.retain(|t| t.id != 5);
    changed
        .causes
        .iter_mut()
        .for_each(|c| c.timeline_refs.retain(|&t| t != 5));
    changed.timeline.push(
        TimelineEntry::new(instant(1_710_009_999), "Post-incident review held")
            .unwrap_or_else(|e| panic!("{e}")),
    );
    if let Some(last) = changed.timeline.last_mut() {
        last.id = 10;
    }
    changed
        .add_lesson(LessonKind::Lucky, "The retry budget held")
        .unwrap_or_else(|e| panic!("{e}"));
    changed.actions.swap(0, 2);
    changed.comments.clear();
    changed.sections.clear();
    changed.log_templates.truncate(1);
    changed.acknowledgements.clear();

    let before = retrospect_domain::Timestamp::now();
    let second = ctx
        .store
        .update(&changed)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(second.version, 2);
    assert!(second.updated_at.as_microsecond() >= before.as_microsecond());
    assert!(second.updated_at > first.updated_at);
    let mut expected = at_stored_precision(&changed);
    expected.version = 2;
    expected.updated_at = second.updated_at;
    assert_eq!(second, expected);
    assert_eq!(get(ctx, first.id).await, second);

    let third = ctx
        .store
        .update(&second)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(third.version, 3);
    assert_eq!(get(ctx, first.id).await, third);
}

pub async fn a_stale_update_is_refused_and_changes_nothing(ctx: &Ctx) {
    let original = create(ctx, &full()).await;
    let mut mine = original.clone();
    mine.summary = "Mine".into();
    let mut theirs = original.clone();
    theirs.summary = "Theirs".into();
    let saved = ctx
        .store
        .update(&theirs)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    match ctx.store.update(&mine).await {
        Err(StoreError::Conflict { id, yours, current }) => {
            assert_eq!((id, yours, current), (original.id, 1, 2));
        }
        other => panic!("[{}] expected a conflict, got {other:?}", ctx.backend()),
    }
    let message = ctx
        .store
        .update(&mine)
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("version 1") && message.contains("now at 2"),
        "{message}"
    );
    assert_eq!(
        get(ctx, original.id).await,
        saved,
        "the refused update must change nothing"
    );
}

pub async fn a_stale_delete_is_refused(ctx: &Ctx) {
    let original = create(ctx, &full()).await;
    let version = |id| ctx.store.version(id);
    assert_eq!(version(original.id).await.ok(), Some(1));
    let saved = ctx
        .store
        .update(&original)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        version(original.id).await.ok(),
        Some(2),
        "the version follows every update"
    );
    assert!(matches!(
        ctx.store.delete(original.id, 1).await,
        Err(StoreError::Conflict {
            yours: 1,
            current: 2,
            ..
        })
    ));
    assert_eq!(get(ctx, original.id).await, saved);
    ctx.store
        .delete(original.id, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        ctx.store.get(original.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        version(original.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        ctx.store.delete(original.id, 2).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        ctx.store.update(&saved).await,
        Err(StoreError::NotFound(_))
    ));
    // Its id is never given to another post-mortem.
    let next = create(ctx, &simple("After the deletion")).await;
    assert!(next.id > original.id);
}
