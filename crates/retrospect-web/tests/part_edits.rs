//! Editing existing parts (causes, lessons, actions and their follow-through)
//! from the API and the page, and what a second person sees when their edit
//! was made on a version someone else has already changed.

mod common;

use common::{Client, TestApp};
use serde_json::{Value, json};

fn version(pm: &Value) -> i64 {
    pm["version"].as_i64().unwrap()
}

/// Posts a change over the API and returns the saved post-mortem.
async fn saved(client: &Client, path: &str, body: Value) -> Value {
    let r = client.post_json(path, &body).await;
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn current(client: &Client, id: i64) -> Value {
    let full: Value = client
        .get(&format!("/api/v1/postmortems/{id}"))
        .await
        .json()
        .await
        .unwrap();
    full["postmortem"].clone()
}

/// A post-mortem with causes C1 > C2 > C3, lesson L1 and action A1.
async fn seeded(client: &Client) -> (i64, Value) {
    let pm = client.create_pm("Disk full on db-1", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let api = |tail: &str| format!("/api/v1/postmortems/{id}/{tail}");
    let mut pm = pm;
    for (parent, text) in [
        (None, "The disk filled up"),
        (Some("C1"), "Debug logging was left on"),
        (Some("C2"), "The flag has no expiry"),
    ] {
        pm = saved(
            client,
            &api("causes"),
            json!({ "version": version(&pm), "parent": parent, "text": text }),
        )
        .await;
    }
    pm = saved(
        client,
        &api("lessons"),
        json!({ "version": version(&pm), "kind": "learned", "text": "Flags need an owner" }),
    )
    .await;
    pm = saved(
        client,
        &api("actions"),
        json!({ "version": version(&pm), "text": "Expire debug flags", "owner": "ada", "due": "2031-01-01" }),
    )
    .await;
    (id, pm)
}

#[tokio::test]
async fn each_part_is_edited_over_the_api_and_the_audit_says_what_changed() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let (id, pm) = seeded(&admin).await;
    let api = |tail: &str| format!("/api/v1/postmortems/{id}/{tail}");

    // A cause: text, category and parent (C3 moves up to answer why about C1).
    let pm = saved(
        &admin,
        &api("causes/3"),
        json!({ "version": version(&pm), "text": "Flags are set by hand, with no expiry", "category": "process", "parent": "C1" }),
    )
    .await;
    let c3 = &pm["causes"][2];
    assert_eq!(c3["text"], "Flags are set by hand, with no expiry");
    assert_eq!(
        c3["category"], "Process",
        "the category is matched to the list"
    );
    assert_eq!(c3["parent"], 1);
    // Leaving a field out leaves it as it is; null clears it.
    let pm = saved(
        &admin,
        &api("causes/3"),
        json!({ "version": version(&pm), "parent": null }),
    )
    .await;
    let c3 = &pm["causes"][2];
    assert_eq!(c3["text"], "Flags are set by hand, with no expiry");
    assert_eq!(c3["category"], "Process");
    assert!(
        c3.get("parent").is_none_or(Value::is_null),
        "now a root: {c3}"
    );

    // A lesson: kind and text.
    let pm = saved(
        &admin,
        &api("lessons/1"),
        json!({ "version": version(&pm), "kind": "went-right", "text": "The on-call noticed the trend early" }),
    )
    .await;
    assert_eq!(pm["lessons"][0]["kind"], "went-right");
    assert_eq!(
        pm["lessons"][0]["text"],
        "The on-call noticed the trend early"
    );

    // An action: every field, and the cause it addresses.
    let pm = saved(
        &admin,
        &api("actions/1/edit"),
        json!({
            "version": version(&pm), "text": "Give every debug flag an expiry date",
            "owner": "grace", "due": "2031-03-31", "kind": "prevent",
            "success_criterion": "No flag older than 7 days in the weekly report", "cause": "C3"
        }),
    )
    .await;
    let a1 = &pm["actions"][0];
    assert_eq!(a1["text"], "Give every debug flag an expiry date");
    assert_eq!(a1["owner"], "grace");
    assert_eq!(a1["due"], "2031-03-31");
    assert_eq!(a1["kind"], "prevent");
    assert_eq!(
        a1["success_criterion"],
        "No flag older than 7 days in the weekly report"
    );
    assert_eq!(a1["causes"], json!([3]));
    assert_eq!(a1["status"], "open", "editing does not touch the status");

    // Follow-through: whether it worked waits until it is done …
    let early = admin
        .post_json(
            &api("actions/1/review"),
            &json!({ "version": version(&pm), "effectiveness": "effective" }),
        )
        .await;
    assert_eq!(early.status(), 422);
    let body: Value = early.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("not marked done yet"), "{message}");
    // … a review date can be set any time …
    let pm = saved(
        &admin,
        &api("actions/1/review"),
        json!({ "version": version(&pm), "review_date": "2031-05-01" }),
    )
    .await;
    assert_eq!(pm["actions"][0]["review_date"], "2031-05-01");
    // … and "not effective" opens the action again, as in the domain.
    let pm = saved(
        &admin,
        &api("actions/1"),
        json!({ "version": version(&pm), "status": "done" }),
    )
    .await;
    let pm = saved(
        &admin,
        &api("actions/1/review"),
        json!({ "version": version(&pm), "effectiveness": "not-effective" }),
    )
    .await;
    assert_eq!(pm["actions"][0]["effectiveness"], "not-effective");
    assert_eq!(pm["actions"][0]["status"], "open", "reopened");
    assert_eq!(pm["actions"][0]["review_date"], "2031-05-01");

    let audit = admin.get(&api("audit")).await.text().await.unwrap();
    for said in [
        "cause C3 edited",
        "lesson L1 edited",
        "action A1 edited",
        "action A1 review: review date 2031-05-01",
        "action A1 review: not-effective",
    ] {
        assert!(audit.contains(said), "the audit says {said:?}: {audit}");
    }
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_409_and_changes_nothing() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let (id, pm) = seeded(&admin).await;
    let stale = version(&pm);
    // Someone else saves first.
    let pm = saved(
        &admin,
        &format!("/api/v1/postmortems/{id}/event"),
        json!({ "version": stale, "title": "Disk full on db-1 (renamed)" }),
    )
    .await;
    let before = current(&admin, id).await;
    assert_eq!(version(&before), version(&pm));
    for (tail, body) in [
        (
            "causes/2",
            json!({ "version": stale, "text": "Overwritten?" }),
        ),
        (
            "lessons/1",
            json!({ "version": stale, "text": "Overwritten?" }),
        ),
        (
            "actions/1/edit",
            json!({ "version": stale, "text": "Overwritten?", "owner": "mallory" }),
        ),
        (
            "actions/1/review",
            json!({ "version": stale, "review_date": "2040-01-01" }),
        ),
    ] {
        let r = admin
            .post_json(&format!("/api/v1/postmortems/{id}/{tail}"), &body)
            .await;
        assert_eq!(r.status(), 409, "{tail}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "conflict");
        assert_eq!(body["current"]["version"], version(&pm), "{tail}");
        assert_eq!(
            body["current"]["causes"][1]["text"],
            "Debug logging was left on"
        );
    }
    assert_eq!(current(&admin, id).await, before, "nothing changed");
}

#[tokio::test]
async fn a_stale_cause_edit_on_the_page_shows_both_texts_to_choose_from() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let (id, pm) = seeded(&admin).await;
    let stale = version(&pm).to_string();

    // The page offers an Edit disclosure, pre-filled, with labels tied to fields.
    let page = admin.get(&format!("/pm/{id}")).await.text().await.unwrap();
    assert!(page.contains(&format!("action=\"/pm/{id}/causes/2\"")));
    assert!(page.contains("<summary>Edit<span class=\"visually-hidden\"> C2</span></summary>"));
    assert!(page.contains("<label for=\"ce-text-2\">"));
    assert!(page.contains(">Debug logging was left on</textarea>"));
    assert!(page.contains("data-coach=\"why\" aria-describedby=\"ce-text-2-hints\""));
    assert!(page.contains(&format!("action=\"/pm/{id}/lessons/1\"")));
    assert!(page.contains(&format!("action=\"/pm/{id}/actions/1/edit\"")));
    assert!(page.contains(&format!("action=\"/pm/{id}/actions/1/review\"")));
    assert!(page.contains("id=\"ae-owner-1\" name=\"owner\" value=\"ada\""));
    // C1 cannot be moved under C2 or C3 (its own branch): they are not offered.
    let c1_parent = &page[page.find("id=\"ce-parent-1\"").unwrap()..];
    let c1_parent = &c1_parent[..c1_parent.find("</select>").unwrap()];
    assert!(!c1_parent.contains("value=\"C2\"") && !c1_parent.contains("value=\"C3\""));

    // Someone else rewords C2 first.
    saved(
        &admin,
        &format!("/api/v1/postmortems/{id}/causes/2"),
        json!({ "version": version(&pm), "text": "Debug logging stayed on after the incident drill" }),
    )
    .await;
    // The second person's edit, made on the old page, is refused with both versions.
    let r = admin
        .post_form(
            &format!("/pm/{id}/causes/2"),
            &[
                ("version", &stale),
                ("text", "Nobody turned debug logging off"),
                ("category", "Process"),
                ("parent", "C1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("Nobody turned debug logging off"), "{html}");
    assert!(
        html.contains("Debug logging stayed on after the incident drill"),
        "the current text of the same cause is shown: {html}"
    );
    assert!(html.contains("Cause C2: your change beside the current version"));
    assert!(html.contains("Apply my change to the current version"));
    assert!(html.contains("Keep the current version"));
    assert!(html.contains(&format!("href=\"/pm/{id}#C2\"")));
    let unchanged = current(&admin, id).await;
    assert_eq!(
        unchanged["causes"][1]["text"],
        "Debug logging stayed on after the incident drill"
    );

    // Choosing "apply" sends the same change on the current version.
    let r = admin
        .post_form(
            &format!("/pm/{id}/causes/2"),
            &[
                ("version", &version(&unchanged).to_string()),
                ("text", "Nobody turned debug logging off"),
                ("category", "Process"),
                ("parent", "C1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/pm/{id}#C2").as_str());
    let now = current(&admin, id).await;
    assert_eq!(now["causes"][1]["text"], "Nobody turned debug logging off");
    assert_eq!(now["causes"][1]["category"], "Process");

    // A part removed meanwhile is named kindly, and nothing is offered to apply.
    let stale = version(&now).to_string();
    saved(
        &admin,
        &format!("/api/v1/postmortems/{id}/lessons/1/remove"),
        json!({ "version": version(&now) }),
    )
    .await;
    let r = admin
        .post_form(
            &format!("/pm/{id}/lessons/1"),
            &[
                ("version", &stale),
                ("kind", "learned"),
                ("text", "Flags need an owner and an end date"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("Lesson L1 was removed while you were working on it"));
    assert!(html.contains("Flags need an owner and an end date"));
    assert!(!html.contains("Apply my change"));
}

#[tokio::test]
async fn a_cause_cannot_move_under_its_own_child() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let (id, pm) = seeded(&admin).await;
    let before = current(&admin, id).await;

    for parent in ["C3", "C1"] {
        let r = admin
            .post_json(
                &format!("/api/v1/postmortems/{id}/causes/1"),
                &json!({ "version": version(&pm), "parent": parent }),
            )
            .await;
        assert_eq!(r.status(), 422, "C1 under {parent}");
        let body: Value = r.json().await.unwrap();
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("Nothing was changed"), "{message}");
        assert!(
            message.contains("direct cause"),
            "it says what to do instead: {message}"
        );
        if parent == "C3" {
            assert!(message.contains("C1 cannot go under C3"), "{message}");
            assert!(message.contains("circle"), "{message}");
        } else {
            assert!(message.contains("about itself"), "{message}");
        }
    }
    // The page says it on a calm page, too.
    let r = admin
        .post_form(
            &format!("/pm/{id}/causes/1"),
            &[
                ("version", &version(&pm).to_string()),
                ("text", "The disk filled up"),
                ("category", ""),
                ("parent", "C2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("C1 cannot go under C2"), "{html}");
    assert_eq!(current(&admin, id).await, before, "nothing changed");
}

#[tokio::test]
async fn a_viewer_cannot_edit_parts() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let (id, pm) = seeded(&admin).await;
    let pm = saved(
        &admin,
        &format!("/api/v1/postmortems/{id}/event"),
        json!({ "version": version(&pm), "title": "Disk full on db-1", "visibility": "organisation" }),
    )
    .await;
    let viewer = app.user(&admin, "vera", "viewer").await;
    let page = viewer.get(&format!("/pm/{id}")).await.text().await.unwrap();
    assert!(
        page.contains("Debug logging was left on"),
        "a viewer reads it"
    );
    assert!(
        !page.contains("<summary>Edit"),
        "but is offered no Edit forms"
    );
    let before = current(&admin, id).await;
    for (tail, body) in [
        ("causes/2", json!({ "version": version(&pm), "text": "x" })),
        ("lessons/1", json!({ "version": version(&pm), "text": "x" })),
        (
            "actions/1/edit",
            json!({ "version": version(&pm), "text": "x" }),
        ),
        (
            "actions/1/review",
            json!({ "version": version(&pm), "review_date": "2031-01-01" }),
        ),
    ] {
        let r = viewer
            .post_json(&format!("/api/v1/postmortems/{id}/{tail}"), &body)
            .await;
        assert_eq!(r.status(), 403, "{tail}");
    }
    let r = viewer
        .post_form(
            &format!("/pm/{id}/causes/2"),
            &[("version", &version(&pm).to_string()), ("text", "x")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(current(&admin, id).await, before, "nothing changed");
}
