//! Hostile input and session safety: script and HTML typed into any text
//! field render inert; state changes without a valid CSRF token are refused
//! and change nothing; the session token changes at sign-in; sign-in is rate
//! limited; API tokens work without CSRF tokens.

mod common;

use common::{TestApp, csrf_in};
use serde_json::json;

const PAYLOAD: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

fn assert_inert(page: &str, body: &str) {
    assert!(
        !body.contains("<script>alert(1)"),
        "{page} runs injected script"
    );
    assert!(!body.contains("<img src=x"), "{page} renders injected HTML");
}

#[tokio::test]
async fn script_typed_into_any_field_renders_inert() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let r = admin
        .post_form(
            "/admin/users",
            &[
                ("username", "mallory"),
                ("display_name", PAYLOAD),
                ("password", "a long enough password"),
                ("role", "facilitator"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        admin
            .post_form("/admin/teams", &[("name", PAYLOAD)])
            .await
            .status(),
        303
    );
    let pm = admin.create_pm(PAYLOAD, "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let mut version = pm["version"].as_i64().unwrap();
    let steps = [
        (
            "event",
            json!({ "title": PAYLOAD, "summary": PAYLOAD, "impact": PAYLOAD, "team": PAYLOAD, "participants": format!("admin, {PAYLOAD}") }),
        ),
        (
            "timeline",
            json!({ "at": "2024-05-01T10:00:00Z", "text": PAYLOAD, "actor": PAYLOAD }),
        ),
        ("causes", json!({ "text": PAYLOAD, "category": "Process" })),
        (
            "causes",
            json!({ "text": format!("Bob was careless {PAYLOAD}"), "parent": "C1" }),
        ),
        ("lessons", json!({ "kind": "learned", "text": PAYLOAD })),
        (
            "actions",
            json!({ "text": PAYLOAD, "owner": PAYLOAD, "success_criterion": PAYLOAD, "cause": "C1" }),
        ),
        ("comments", json!({ "text": PAYLOAD, "on": "C1" })),
    ];
    for (path, mut body) in steps {
        body["version"] = json!(version);
        let r = admin
            .post_json(&format!("/api/v1/postmortems/{id}/{path}"), &body)
            .await;
        assert_eq!(r.status(), 200, "{path}: {}", r.text().await.unwrap());
        version = r.json::<serde_json::Value>().await.unwrap()["version"]
            .as_i64()
            .unwrap();
    }
    let full: serde_json::Value = admin
        .get(&format!("/api/v1/postmortems/{id}"))
        .await
        .json()
        .await
        .unwrap();
    if let Some(key) = full["coach"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["blocking"] == true)
    {
        let r = admin
            .post_json(
                &format!("/api/v1/postmortems/{id}/acknowledgements"),
                &json!({ "version": version, "key": key["key"], "reason": PAYLOAD }),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let upload = reqwest::multipart::Form::new()
        .text("version", (version + 1).to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(
                format!("2024-05-01T10:00:00Z ERROR {PAYLOAD}\n").into_bytes(),
            )
            .file_name(PAYLOAD),
        );
    let r = admin
        .http
        .post(format!("{}/pm/{id}/evidence", admin.base))
        .header("X-CSRF-Token", &admin.csrf)
        .multipart(upload)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "upload: {}", r.status());

    for page in [
        format!("/pm/{id}"),
        format!("/pm/{id}/export.html"),
        format!("/pm/{id}/audit"),
        "/".into(),
        "/search?q=script".into(),
        "/admin".into(),
    ] {
        let body = admin.get(&page).await.text().await.unwrap();
        assert_inert(&page, &body);
        assert!(
            body.contains("&lt;script&gt;alert(1)") || page == "/admin" && body.contains("&lt;img"),
            "{page} shows the text escaped"
        );
    }
    // A stale form shows both versions: still inert.
    let r = admin
        .post_form(
            &format!("/pm/{id}/lessons"),
            &[("version", "1"), ("kind", "learned"), ("text", PAYLOAD)],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_inert("conflict page", &r.text().await.unwrap());
}

#[tokio::test]
async fn state_changes_without_a_valid_csrf_token_are_refused() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let pm = admin.create_pm("Cache stampede", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let url = format!("{}/pm/{id}/lessons", admin.base);
    let fields = [
        ("version", "1"),
        ("kind", "learned"),
        ("text", "Caches need jitter"),
    ];

    let none = admin.http.post(&url).form(&fields).send().await.unwrap();
    assert_eq!(none.status(), 403);
    let mut wrong = fields.to_vec();
    wrong.push(("csrf", "0000"));
    assert_eq!(
        admin
            .http
            .post(&url)
            .form(&wrong)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let api = admin
        .http
        .post(format!("{}/api/v1/postmortems/{id}/lessons", admin.base))
        .json(&json!({ "version": 1, "kind": "learned", "text": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["error"]["code"], "csrf");
    let logout = admin
        .http
        .post(format!("{}/logout", admin.base))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 403, "even signing out needs the token");
    assert_eq!(
        app.store.get(id).await.unwrap().version,
        1,
        "nothing changed"
    );

    // The right token works.
    assert_eq!(
        admin
            .post_form(&format!("/pm/{id}/lessons"), &fields)
            .await
            .status(),
        303
    );

    // A sign-in form posted from elsewhere (no pre-session cookie) is refused.
    let stranger = app.client();
    let r = stranger
        .http
        .post(format!("{}/login", stranger.base))
        .form(&[
            ("username", "admin"),
            ("password", "correct horse battery"),
            ("csrf", "guess"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("retrospect_session=") && !v.starts_with("retrospect_session=;"))
        .map(str::to_string)
}

#[tokio::test]
async fn the_session_token_changes_at_sign_in_and_attempts_are_limited() {
    let app = TestApp::start().await;
    let _admin = app.admin().await;
    let mut c = app.client();
    c.refresh_csrf("/login").await;
    let first = c
        .post_form(
            "/login",
            &[("username", "admin"), ("password", "correct horse battery")],
        )
        .await;
    let first_cookie = session_cookie(&first).expect("a session cookie");
    assert!(
        first_cookie.contains("HttpOnly") && first_cookie.contains("SameSite=Lax"),
        "{first_cookie}"
    );
    // Signing in again from the same browser gives a new token and ends the old one.
    c.refresh_csrf("/").await;
    let page = c.get("/login").await;
    assert_eq!(page.status(), 303, "already signed in");
    let again = c
        .post_form(
            "/login",
            &[("username", "admin"), ("password", "correct horse battery")],
        )
        .await;
    let second_cookie = session_cookie(&again).expect("a new session cookie");
    assert_ne!(first_cookie, second_cookie);
    let old_token = first_cookie.split(';').next().unwrap().to_string();
    let with_old = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = with_old
        .get(format!("{}/", c.base))
        .header("cookie", &old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["location"],
        "/login",
        "the old session no longer works"
    );

    // Five failures from one place, then even the right password waits.
    let mut m = app.client();
    m.refresh_csrf("/login").await;
    for _ in 0..5 {
        let r = m
            .post_form(
                "/login",
                &[("username", "admin"), ("password", "wrong password")],
            )
            .await;
        assert_eq!(r.status(), 401);
        assert!(csrf_in(&r.text().await.unwrap()).is_some());
    }
    let r = m
        .post_form(
            "/login",
            &[("username", "admin"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(r.status(), 429);
    assert!(session_cookie(&r).is_none());
}

#[tokio::test]
async fn api_tokens_work_without_csrf_and_errors_have_one_shape() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let page = admin.post_form("/tokens", &[("name", "CI")]).await;
    assert_eq!(page.status(), 201);
    let html = page.text().await.unwrap();
    let at = html.find("id=\"new-token\">").expect("token shown once") + "id=\"new-token\">".len();
    let token = &html[at..at + html[at..].find('<').unwrap()];
    let api = reqwest::Client::new();
    let me: serde_json::Value = api
        .get(format!("{}/api/v1/me", admin.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin");
    let created = api
        .post(format!("{}/api/v1/postmortems", admin.base))
        .bearer_auth(token)
        .json(&json!({ "title": "From CI", "template": "project" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let bad = api
        .get(format!("{}/api/v1/me", admin.base))
        .bearer_auth("rt_not_a_token")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let body: serde_json::Value = bad.json().await.unwrap();
    assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string());
    let unknown = api
        .get(format!("{}/api/v1/nothing-here", admin.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let body: serde_json::Value = unknown.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}
