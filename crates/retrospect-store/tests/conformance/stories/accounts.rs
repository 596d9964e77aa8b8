//! Accounts: users, teams, sessions, API tokens, sign-in rate limiting, audit.

use std::sync::Arc;

use retrospect_domain::{DomainError, Timestamp};
use retrospect_store::{
    NewApiToken, NewAuditEntry, NewSession, NewUser, Role, StoreError, StoreWithAccounts,
};

use crate::fixtures::simple;
use crate::harness::Ctx;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_720_000_000 + seconds).unwrap_or_else(|e| panic!("{e}"))
}

fn new_user(username: &str, role: Role) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: format!("{username} (display)"),
        email: Some(format!("{username}@example.org")),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        role,
    }
}

async fn user(ctx: &Ctx, username: &str) -> retrospect_store::User {
    ctx.store
        .create_user(&new_user(username, Role::Contributor))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

pub async fn users_are_unique_ignoring_case(ctx: &Ctx) {
    assert_eq!(ctx.store.user_count().await.ok(), Some(0));
    let ana = ctx
        .store
        .create_user(&new_user("Ána", Role::Administrator))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (ana.username.as_str(), ana.role, ana.disabled),
        ("Ána", Role::Administrator, false)
    );
    assert_eq!(ana.email.as_deref(), Some("Ána@example.org"));
    for taken in ["ána", "ÁNA", "  Ána  "] {
        match ctx.store.create_user(&new_user(taken, Role::Viewer)).await {
            Err(StoreError::AlreadyExists {
                what: "username", ..
            }) => {}
            other => panic!("[{}] '{taken}' should be taken: {other:?}", ctx.backend()),
        }
    }
    assert!(matches!(
        ctx.store.create_user(&new_user("   ", Role::Viewer)).await,
        Err(StoreError::Invalid(DomainError::Empty {
            field: "username"
        }))
    ));
    let mut plain = new_user("bo", Role::Viewer);
    plain.display_name = " ".into();
    plain.email = None;
    let bo = ctx
        .store
        .create_user(&plain)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (bo.display_name.as_str(), bo.email.as_deref()),
        ("bo", None)
    );

    assert_eq!(ctx.store.user_count().await.ok(), Some(2));
    assert_eq!(
        ctx.store.user_by_username("ÁNA").await.ok().flatten(),
        Some(ana.clone())
    );
    assert_eq!(
        ctx.store.user_by_id(ana.id).await.ok().flatten(),
        Some(ana.clone())
    );
    assert_eq!(ctx.store.user_by_id(9_999).await.ok().flatten(), None);
    assert_eq!(
        ctx.store.user_by_username("nobody").await.ok().flatten(),
        None
    );
    let names: Vec<String> = ctx
        .store
        .list_users()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(
        names,
        ["bo", "Ána"].map(String::from),
        "code point order of the lower-cased names"
    );

    ctx.store
        .set_user_role(bo.id, Role::Facilitator)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ctx.store
        .set_password_hash(bo.id, "new-hash")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ctx.store
        .set_user_disabled(bo.id, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let changed = ctx
        .store
        .user_by_id(bo.id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("bo vanished"));
    assert_eq!(
        (
            changed.role,
            changed.password_hash.as_str(),
            changed.disabled
        ),
        (Role::Facilitator, "new-hash", true)
    );
    assert!(matches!(
        ctx.store.set_user_role(9_999, Role::Viewer).await,
        Err(StoreError::Missing { what: "user", .. })
    ));
    assert!(matches!(
        ctx.store.set_password_hash(9_999, "x").await,
        Err(StoreError::Missing { .. })
    ));
    let json = serde_json::to_string(&changed).unwrap_or_default();
    assert!(
        !json.contains("new-hash"),
        "the password hash must never be serialised: {json}"
    );
}

pub async fn only_one_first_user_is_ever_created(ctx: &Ctx) {
    let other = ctx
        .another_instance()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let barrier = Arc::new(tokio::sync::Barrier::new(2));
    let race = |store: Arc<dyn StoreWithAccounts>, name: &'static str| {
        let barrier = barrier.clone();
        tokio::spawn(async move {
            barrier.wait().await;
            store
                .create_first_user(&new_user(name, Role::Administrator))
                .await
        })
    };
    let (a, b) = (race(ctx.store.clone(), "first-a"), race(other, "first-b"));
    let results = [a.await, b.await];
    let created = results
        .iter()
        .map(|r| match r {
            Ok(Ok(created)) => created.is_some(),
            other => panic!(
                "[{}] creating the first user failed: {other:?}",
                ctx.backend()
            ),
        })
        .filter(|&c| c)
        .count();
    assert_eq!(created, 1, "[{}] exactly one first user", ctx.backend());
    assert_eq!(ctx.store.user_count().await.ok(), Some(1));
    assert_eq!(
        ctx.store
            .create_first_user(&new_user("late", Role::Administrator))
            .await
            .ok(),
        Some(None)
    );
}

pub async fn teams_and_their_members(ctx: &Ctx) {
    let (ana, bo) = (user(ctx, "ana").await, user(ctx, "bo").await);
    let payments = ctx
        .store
        .create_team("Payments")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let search = ctx
        .store
        .create_team(" Search ")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search.name, "Search");
    assert!(matches!(
        ctx.store.create_team("PAYMENTS").await,
        Err(StoreError::AlreadyExists {
            what: "team name",
            ..
        })
    ));
    assert_eq!(
        ctx.store.team_by_name("payments").await.ok().flatten(),
        Some(payments.clone())
    );
    for _ in 0..2 {
        ctx.store
            .add_team_member(payments.id, ana.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    ctx.store
        .add_team_member(search.id, ana.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ctx.store
        .add_team_member(payments.id, bo.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ctx.store.teams_of_user(ana.id).await.ok(),
        Some(vec![payments.clone(), search.clone()])
    );
    let members: Vec<String> = ctx
        .store
        .team_members(payments.id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(members, ["ana", "bo"].map(String::from));
    ctx.store
        .remove_team_member(payments.id, ana.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ctx.store.teams_of_user(ana.id).await.ok(),
        Some(vec![search.clone()])
    );
    assert_eq!(
        ctx.store.list_teams().await.ok(),
        Some(vec![payments.clone(), search])
    );
    assert!(matches!(
        ctx.store.add_team_member(payments.id, 9_999).await,
        Err(StoreError::Missing { .. })
    ));
}

pub async fn sessions_expire_and_can_be_ended(ctx: &Ctx) {
    let (ana, bo) = (user(ctx, "ana").await, user(ctx, "bo").await);
    let session = |hash: &str, user_id: i64, expires: i64| NewSession {
        token_hash: hash.into(),
        user_id,
        csrf_secret: format!("csrf-{hash}"),
        created_at: at(0),
        expires_at: at(expires),
    };
    let short = ctx
        .store
        .create_session(&session("h-short", ana.id, 60))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (short.created_at, short.last_seen_at, short.expires_at),
        (at(0), at(0), at(60))
    );
    ctx.store
        .create_session(&session("h-long", ana.id, 3600))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ctx.store
        .create_session(&session("h-bo", bo.id, 3600))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        ctx.store.create_session(&session("h-bo", bo.id, 10)).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    assert!(matches!(
        ctx.store
            .create_session(&session("h-ghost", 9_999, 10))
            .await,
        Err(StoreError::Missing { .. })
    ));

    let found = ctx
        .store
        .session_by_token_hash("h-short")
        .await
        .ok()
        .flatten();
    assert_eq!(found.as_ref(), Some(&short));
    assert!(!short.is_expired(at(59)) && short.is_expired(at(60)));
    assert_eq!(
        ctx.store
            .session_by_token_hash("unknown")
            .await
            .ok()
            .flatten(),
        None
    );

    // Activity slides the expiry.
    assert_eq!(
        ctx.store
            .touch_session("h-short", at(50), at(110))
            .await
            .ok(),
        Some(true)
    );
    let touched = ctx
        .store
        .session_by_token_hash("h-short")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("gone"));
    assert_eq!(
        (touched.last_seen_at, touched.expires_at),
        (at(50), at(110))
    );
    assert_eq!(
        ctx.store
            .touch_session("unknown", at(50), at(110))
            .await
            .ok(),
        Some(false)
    );

    assert_eq!(
        ctx.store.delete_expired_sessions(at(109)).await.ok(),
        Some(0)
    );
    assert_eq!(
        ctx.store.delete_expired_sessions(at(110)).await.ok(),
        Some(1)
    );
    assert_eq!(
        ctx.store
            .session_by_token_hash("h-short")
            .await
            .ok()
            .flatten(),
        None
    );
    ctx.store
        .delete_session("h-long")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ctx.store
            .session_by_token_hash("h-long")
            .await
            .ok()
            .flatten(),
        None
    );
    assert_eq!(ctx.store.delete_sessions_of_user(bo.id).await.ok(), Some(1));
    assert_eq!(
        ctx.store.session_by_token_hash("h-bo").await.ok().flatten(),
        None
    );
}

pub async fn api_tokens_are_found_by_hash_and_revoked(ctx: &Ctx) {
    let (ana, bo) = (user(ctx, "ana").await, user(ctx, "bo").await);
    let token = |hash: &str, created: i64, expires: Option<i64>| NewApiToken {
        token_hash: hash.into(),
        user_id: ana.id,
        name: format!("token {hash}"),
        created_at: at(created),
        expires_at: expires.map(at),
    };
    let ci = ctx
        .store
        .create_api_token(&token("t-ci", 0, None))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let laptop = ctx
        .store
        .create_api_token(&token("t-laptop", 10, Some(1000)))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (ci.last_used_at, ci.expires_at, laptop.expires_at),
        (None, None, Some(at(1000)))
    );
    assert_eq!(
        ctx.store.api_token_by_hash("t-ci").await.ok().flatten(),
        Some(ci.clone())
    );
    ctx.store
        .touch_api_token("t-ci", at(99))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let used = ctx
        .store
        .api_token_by_hash("t-ci")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("gone"));
    assert_eq!(used.last_used_at, Some(at(99)));
    let listed: Vec<i64> = ctx
        .store
        .list_api_tokens(ana.id)
        .await
        .unwrap_or_default()
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, [laptop.id, ci.id], "newest first");
    assert_eq!(
        ctx.store.delete_api_token(bo.id, ci.id).await.ok(),
        Some(false),
        "not bo's token"
    );
    assert_eq!(
        ctx.store.delete_api_token(ana.id, ci.id).await.ok(),
        Some(true)
    );
    assert_eq!(
        ctx.store.api_token_by_hash("t-ci").await.ok().flatten(),
        None
    );
}

pub async fn failed_sign_ins_are_counted_in_a_window(ctx: &Ctx) {
    let store = &ctx.store;
    for (name, address, ok, second) in [
        ("Ana", "10.0.0.1", false, 0),
        ("ana", "10.0.0.1", false, 10),
        ("ANA", "10.0.0.1", false, 20),
        ("ana", "10.0.0.2", false, 25),
        ("bo", "10.0.0.1", false, 30),
    ] {
        store
            .record_login_attempt(name, address, ok, at(second))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let count = |name: &'static str, address: &'static str, since: i64| {
        let store = store.clone();
        async move {
            store
                .count_failed_logins(name, address, at(since))
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };
    assert_eq!(count("ana", "10.0.0.1", 0).await, 3);
    assert_eq!(
        count("ana", "10.0.0.1", 10).await,
        2,
        "the window starts at `since`"
    );
    assert_eq!(count("ana", "10.0.0.2", 0).await, 1);
    assert_eq!(count("bo", "10.0.0.1", 0).await, 1);
    // A success clears the failures before it, not those after it.
    store
        .record_login_attempt("ana", "10.0.0.1", true, at(40))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count("ana", "10.0.0.1", 0).await, 0);
    store
        .record_login_attempt("ana", "10.0.0.1", false, at(50))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count("ana", "10.0.0.1", 0).await, 1);
    assert_eq!(
        count("ana", "10.0.0.2", 0).await,
        1,
        "other addresses are counted apart"
    );
    assert_eq!(
        store.delete_login_attempts_before(at(30)).await.ok(),
        Some(4)
    );
    assert_eq!(count("bo", "10.0.0.1", 0).await, 1);
}

pub async fn the_audit_outlives_the_postmortem(ctx: &Ctx) {
    let ana = user(ctx, "ana").await;
    let pm = ctx
        .store
        .create(&simple("Audited"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let other = ctx
        .store
        .create(&simple("Other"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let entry = |postmortem_id: Option<i64>, action: &str, second: i64| NewAuditEntry {
        postmortem_id,
        user_id: Some(ana.id),
        username: "ana".into(),
        action: action.into(),
        detail: format!("{action} at {second}"),
        at: at(second),
    };
    let created = ctx
        .store
        .append_audit(&entry(Some(pm.id), "created", 0))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (created.postmortem_id, created.user_id, created.at),
        (Some(pm.id), Some(ana.id), at(0))
    );
    for (action, second) in [("viewed", 5), ("changed", 9), ("viewed", 9)] {
        ctx.store
            .append_audit(&entry(Some(pm.id), action, second))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    ctx.store
        .append_audit(&entry(Some(other.id), "viewed", 7))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ctx.store
        .append_audit(&entry(None, "signed in", 1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut ghost = entry(Some(pm.id), "viewed", 3);
    ghost.user_id = Some(9_999);
    assert!(matches!(
        ctx.store.append_audit(&ghost).await,
        Err(StoreError::Missing { .. })
    ));

    let details = |entries: Vec<retrospect_store::AuditEntry>| {
        entries.into_iter().map(|e| e.detail).collect::<Vec<_>>()
    };
    let newest_first = ctx
        .store
        .list_audit(pm.id, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        details(newest_first),
        ["viewed at 9", "changed at 9", "viewed at 5", "created at 0"]
    );
    assert_eq!(
        ctx.store.list_audit(pm.id, 2).await.map(|e| e.len()).ok(),
        Some(2)
    );

    ctx.store
        .delete(pm.id, pm.version)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let kept = ctx
        .store
        .list_audit(pm.id, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        kept.len(),
        4,
        "deleting a post-mortem keeps the record of who saw it"
    );
    assert_eq!(kept.last(), Some(&created));
}
