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
