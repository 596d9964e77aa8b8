//! Removing a lesson over the API: it goes, and a removal made on a stale
//! version is refused without removing anything.

mod common;

use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn a_lesson_is_removed_and_a_stale_removal_is_refused() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let pm = admin.create_pm("Queue backlog", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let version = pm["version"].as_i64().unwrap();
    let mut lessons = Vec::new();
    let mut latest = version;
    for text in [
        "Backlog alerts fire too late",
        "The runbook covered the replay",
    ] {
        let r = admin
            .post_json(
                &format!("/api/v1/postmortems/{id}/lessons"),
                &json!({ "version": latest, "kind": "learned", "text": text }),
            )
            .await;
        assert_eq!(r.status(), 200);
        let saved: serde_json::Value = r.json().await.unwrap();
        latest = saved["version"].as_i64().unwrap();
        lessons = saved["lessons"].as_array().unwrap().clone();
    }
    assert_eq!(lessons.len(), 2);
    let first = lessons[0]["id"].as_i64().unwrap();

    let stale = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/lessons/{first}/remove"),
            &json!({ "version": version }),
        )
        .await;
    assert_eq!(
        stale.status(),
        409,
        "a removal on an old version is refused"
    );

    let r = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/lessons/{first}/remove"),
            &json!({ "version": latest }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let saved: serde_json::Value = r.json().await.unwrap();
    let left = saved["lessons"].as_array().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["text"], "The runbook covered the replay");

    // The page offers the same removal as a form.
    let page = admin.get(&format!("/pm/{id}")).await.text().await.unwrap();
    let second = left[0]["id"].as_i64().unwrap();
    assert!(page.contains(&format!("/pm/{id}/lessons/{second}/remove")));
    let r = admin
        .post_form(
            &format!("/pm/{id}/lessons/{second}/remove"),
            &[("version", &saved["version"].to_string())],
        )
        .await;
    assert_eq!(r.status(), 303);

    let again = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/lessons/{first}/remove"),
            &json!({ "version": saved["version"].as_i64().unwrap() + 1 }),
        )
        .await;
    assert!(
        again.status().is_client_error(),
        "removing it twice is a clear error: {}",
        again.status()
    );
}

#[tokio::test]
async fn a_post_mortem_is_deleted_only_on_purpose_and_by_someone_allowed() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let mut rosa = app.user(&admin, "rosa", "contributor").await;

    // Rosa's own personal post-mortem: only she may delete it, and only on purpose.
    let mine = rosa
        .create_pm("The week I said yes to everything", "personal")
        .await;
    let id = mine["id"].as_i64().unwrap();
    let version = mine["version"].as_i64().unwrap().to_string();
    rosa.refresh_csrf(&format!("/pm/{id}")).await;
    let page = rosa.get(&format!("/pm/{id}")).await.text().await.unwrap();
    assert!(page.contains("Delete this post-mortem"));
    let unticked = rosa
        .post_form(&format!("/pm/{id}/delete"), &[("version", &version)])
        .await;
    assert_eq!(unticked.status(), 400, "the box must be ticked");
    let stale = rosa
        .post_form(
            &format!("/pm/{id}/delete"),
            &[("version", "0"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(stale.status(), 409, "a stale page deletes nothing");
    assert_eq!(rosa.get(&format!("/pm/{id}")).await.status(), 200);
    let r = rosa
        .post_form(
            &format!("/pm/{id}/delete"),
            &[("version", &version), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(rosa.get(&format!("/pm/{id}")).await.status(), 404);
    let list = rosa.get("/api/v1/postmortems").await.text().await.unwrap();
    assert!(!list.contains("said yes to everything"));
    // The audit remembers that it was deleted and by whom, not what it said.
    let audit = app.store.list_audit(id, 100).await.unwrap();
    let deleted = audit
        .iter()
        .find(|e| e.action == "deleted")
        .expect("audited");
    assert_eq!(deleted.username, "rosa");
    assert!(audit.iter().all(|e| !e.detail.contains("said yes")));

    // A team post-mortem: a contributor may not delete it, an administrator may.
    let shared = admin
        .create_pm("Checkout errors after the CDN change", "sre")
        .await;
    let id = shared["id"].as_i64().unwrap();
    let opened: serde_json::Value = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/event"),
            &json!({ "version": shared["version"], "title": "Checkout errors after the CDN change",
                     "visibility": "organisation" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let body = json!({ "version": opened["version"] });
    let refused = rosa
        .post_json(&format!("/api/v1/postmortems/{id}/delete"), &body)
        .await;
    assert_eq!(refused.status(), 403);
    let page = rosa.get(&format!("/pm/{id}")).await.text().await.unwrap();
    assert!(
        !page.contains("Delete this post-mortem"),
        "not offered either"
    );
    let r = admin
        .post_json(&format!("/api/v1/postmortems/{id}/delete"), &body)
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        admin
            .get(&format!("/api/v1/postmortems/{id}"))
            .await
            .status(),
        404
    );
}
