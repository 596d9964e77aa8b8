//! The main paths over HTTP without a browser: set-up, sign-in, a post-mortem
//! through the five steps, the publish gate, conflicts.

mod common;

use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn a_post_mortem_from_first_visit_to_published() {
    let app = TestApp::start().await;
    let first = app.client().get("/").await;
    assert_eq!(first.headers()["location"], "/setup");
    let admin = app.admin().await;
    let home = admin.get("/").await;
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Hello, Ada Admin"));

    let pm = admin.create_pm("Checkout errors after deploy", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let page = admin.get(&format!("/pm/{id}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Checkout errors after deploy"));

    let v = |pm: &serde_json::Value| pm["version"].as_i64().unwrap();
    let mut version = v(&pm);
    for (kind, at) in [
        ("started", "2024-05-01T10:00:00Z"),
        ("detected", "2024-05-01T10:07:30Z"),
        ("resolved", "2024-05-01T11:02:00Z"),
    ] {
        let r = admin
            .post_json(
                &format!("/api/v1/postmortems/{id}/moments"),
                &json!({ "version": version, "kind": kind, "at": at }),
            )
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        version = v(&r.json().await.unwrap());
    }
    let html = admin.get(&format!("/pm/{id}")).await.text().await.unwrap();
    assert!(html.contains("7m 30s"), "time to detect shown");
    assert!(html.contains("1h 02m"), "time to resolve shown");

    let r = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/causes"),
            &json!({ "version": version, "text": "The disk filled up", "category": "Equipment" }),
        )
        .await;
    assert_eq!(r.status(), 200);
    version = v(&r.json().await.unwrap());
    let r = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/causes"),
            &json!({ "version": version, "parent": "C1", "text": "Bob failed to rotate the logs" }),
        )
        .await;
    let saved: serde_json::Value = r.json().await.unwrap();
    version = v(&saved);
    let page = admin.get(&format!("/pm/{id}")).await;
    let status = page.status();
    let html = page.text().await.unwrap();
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<svg"), "the fishbone is drawn inline");

    // A stale save is refused with both versions, never applied.
    let stale = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/lessons"),
            &json!({ "version": version - 1, "kind": "learned", "text": "x" }),
        )
        .await;
    assert_eq!(stale.status(), 409);
    let body: serde_json::Value = stale.json().await.unwrap();
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(body["current"]["version"], version);

    let r = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/status"),
            &json!({ "version": version, "to": "in-review" }),
        )
        .await;
    assert_eq!(r.status(), 200);
    version = v(&r.json().await.unwrap());
    let gate = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/status"),
            &json!({ "version": version, "to": "published" }),
        )
        .await;
    assert_eq!(gate.status(), 422, "blame language blocks publishing");
    let body: serde_json::Value = gate.json().await.unwrap();
    assert_eq!(body["error"]["code"], "publish_gate");

    let full: serde_json::Value = admin
        .get(&format!("/api/v1/postmortems/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let keys: Vec<String> = full["coach"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["blocking"] == true)
        .map(|f| f["key"].as_str().unwrap().to_string())
        .collect();
    assert!(!keys.is_empty(), "{full}");
    for key in keys {
        let r = admin
            .post_json(
                &format!("/api/v1/postmortems/{id}/acknowledgements"),
                &json!({ "version": version, "key": key, "reason": "quoted from the chat log" }),
            )
            .await;
        assert_eq!(r.status(), 200);
        version = v(&r.json().await.unwrap());
    }
    let r = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/status"),
            &json!({ "version": version, "to": "published" }),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let published: serde_json::Value = r.json().await.unwrap();
    assert_eq!(published["status"], "published");

    let audit: serde_json::Value = admin
        .get(&format!("/api/v1/postmortems/{id}/audit"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "viewed")
    );
    let export = admin.get(&format!("/pm/{id}/export.html")).await;
    assert_eq!(export.status(), 200);
    let shared = export.text().await.unwrap();
    assert!(shared.contains("The disk filled up"));
    assert!(
        shared.contains("admin"),
        "the author is named in a plain export"
    );
    let anonymous = admin
        .get(&format!("/pm/{id}/export.html?pseudonymise=1"))
        .await;
    assert_eq!(anonymous.status(), 200);
    let anonymous = anonymous.text().await.unwrap();
    assert!(anonymous.contains("The disk filled up"));
    assert!(
        anonymous.contains("Person A"),
        "the author gets a pseudonym"
    );
    let metrics = app.client().get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("route=\"/pm/{id}\""));
    let health = app.client().get("/healthz").await;
    assert_eq!(health.status(), 200);
    let openapi = openapi_of(&app).await;
    assert_eq!(openapi["openapi"], "3.1.0");
    assert!(openapi["paths"]["/api/v1/postmortems/{id}/causes"]["post"].is_object());
}

/// The OpenAPI document describes every API route that exists, with each of
/// its path parameters, and the query parameters of search and export.
#[tokio::test]
async fn the_openapi_document_lists_every_api_route() {
    let app = TestApp::start().await;
    let openapi = openapi_of(&app).await;
    let mut described = 0;
    for spec in retrospect_web::route_table() {
        if !spec.path.starts_with("/api/v1/") {
            continue;
        }
        let method = spec.method.as_str().to_ascii_lowercase();
        let op = &openapi["paths"][spec.path][&method];
        assert!(op.is_object(), "{method} {} is not described", spec.path);
        let names: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for segment in spec.path.split('/') {
            if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                assert!(names.contains(&name), "{} lacks {name}", spec.path);
            }
        }
        described += 1;
    }
    assert!(described >= 40, "only {described} API routes described");
    let export = &openapi["paths"]["/api/v1/postmortems/{id}/export.html"]["get"]["parameters"];
    assert!(export.to_string().contains("pseudonymise"));
    assert!(
        openapi["paths"]["/api/v1/postmortems/{id}/lessons/{lesson}/remove"]["post"].is_object()
    );
    assert!(openapi["paths"]["/api/v1/tokens/revoke"]["post"].is_object());
}

async fn openapi_of(app: &TestApp) -> serde_json::Value {
    let r = app.client().get("/api/openapi.json").await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// A file Retrospect cannot read is refused by its own name (not a private
/// temporary path) and the post-mortem stays as it was.
#[tokio::test]
async fn an_unreadable_upload_is_refused_by_name_and_changes_nothing() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let pm = admin.create_pm("Disk full on db-1", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let version = pm["version"].as_i64().unwrap();
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    let form = reqwest::multipart::Form::new()
        .text("version", version.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("export.dat"),
        );
    let r = admin
        .http
        .post(app.url(&format!("/api/v1/postmortems/{id}/evidence")))
        .header("X-CSRF-Token", &admin.csrf)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("export.dat"), "{message}");
    assert!(!message.contains("/tmp"), "{message}");
    let now: serde_json::Value = admin
        .get(&format!("/api/v1/postmortems/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now["postmortem"]["version"], version);
    assert_eq!(now["postmortem"]["evidence"], json!([]));
}
