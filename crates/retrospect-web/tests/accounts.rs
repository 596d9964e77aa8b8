//! Looking after accounts after they exist: a person changes their password
//! (every other session ends), revokes an API token (it stops at once); an
//! administrator removes someone from a team (team post-mortems close to them),
//! pauses an account (sessions and tokens stop) and sets a new first password.

mod common;

use common::TestApp;
use serde_json::{Value, json};

const PASSWORD: &str = "a long enough password";

#[tokio::test]
async fn a_new_password_ends_every_other_session_and_the_old_one_stops_working() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let _phone = app.user(&admin, "rosa", "contributor").await;
    let mut laptop = app.login("rosa", PASSWORD).await;
    let phone = app.login("rosa", PASSWORD).await;
    assert_eq!(phone.get("/").await.status(), 200);

    // A wrong current password is refused and changes nothing.
    laptop.refresh_csrf("/account").await;
    let wrong = laptop
        .post_form(
            "/account/password",
            &[
                ("current", "not my password"),
                ("password", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 400);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("That is not your current password")
    );
    assert_eq!(phone.get("/").await.status(), 200, "nothing changed yet");

    // Two different new passwords are refused too.
    let mismatch = laptop
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "a brand new passphrase"),
                ("confirm", "another new passphrase"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), 400);

    let changed = laptop
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(
        changed.headers()["location"].to_str().unwrap(),
        "/account?changed=1"
    );
    // The browser that changed it stays signed in (with a new session) ...
    let page = laptop.get("/account?changed=1").await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Your password is changed")
    );
    // ... every other session is over.
    let other = phone.get("/").await;
    assert_eq!(other.status(), 303, "the phone is asked to sign in again");

    // The old password no longer signs in; the new one does.
    let mut c = app.client();
    c.refresh_csrf("/login").await;
    let old = c
        .post_form("/login", &[("username", "rosa"), ("password", PASSWORD)])
        .await;
    assert_eq!(old.status(), 401);
    app.login("rosa", "a brand new passphrase").await;
}

#[tokio::test]
async fn guessing_the_current_password_is_rate_limited() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let rosa = app.user(&admin, "rosa", "contributor").await;
    let mut last = 0;
    for _ in 0..6 {
        let r = rosa
            .post_json(
                "/api/v1/me/password",
                &json!({"current": "guess", "password": "xxxxxxxxxxxx", "confirm": "xxxxxxxxxxxx"}),
            )
            .await;
        last = r.status().as_u16();
    }
    assert_eq!(last, 429, "the sixth guess is refused without checking");
}

#[tokio::test]
async fn a_revoked_token_stops_at_once_and_only_its_owner_can_revoke_it() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let rosa = app.user(&admin, "rosa", "contributor").await;
    let made = rosa
        .post_json("/api/v1/tokens", &json!({"name": "deploy script"}))
        .await;
    assert_eq!(made.status(), 201);
    let made: Value = made.json().await.unwrap();
    let token = made["token"].as_str().unwrap().to_string();
    let id = made["id"].as_i64().unwrap();

    let bearer = reqwest::Client::new();
    let me = |t: String| {
        bearer
            .get(app.url("/api/v1/me"))
            .header("Authorization", format!("Bearer {t}"))
            .send()
    };
    assert_eq!(me(token.clone()).await.unwrap().status(), 200);

    // The list names the token and never carries a secret or its hash.
    let listed = rosa.get("/api/v1/tokens").await.text().await.unwrap();
    assert!(listed.contains("deploy script"));
    assert!(!listed.contains(&token) && !listed.contains("token_hash"));

    // Someone else cannot revoke it (and is not told whose it is).
    let other = admin
        .post_json("/api/v1/tokens/revoke", &json!({"id": id}))
        .await;
    assert_eq!(other.status(), 200);
    assert_eq!(other.json::<Value>().await.unwrap()["revoked"], false);
    assert_eq!(me(token.clone()).await.unwrap().status(), 200);

    // Its owner revokes it from the account page.
    let mut rosa = rosa;
    rosa.refresh_csrf("/account").await;
    let page = rosa.get("/account").await.text().await.unwrap();
    assert!(page.contains("Revoke the token deploy script"));
    let r = rosa
        .post_form("/tokens/revoke", &[("id", &id.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(me(token).await.unwrap().status(), 401);
    let page = rosa.get("/account").await.text().await.unwrap();
    assert!(!page.contains("deploy script"));
}

#[tokio::test]
async fn removing_someone_from_a_team_closes_its_post_mortems_to_them() {
    let app = TestApp::start().await;
    let mut admin = app.admin().await;
    let rosa = app.user(&admin, "rosa", "viewer").await;
    for (path, fields) in [
        ("/admin/teams", vec![("name", "payments")]),
        (
            "/admin/members",
            vec![("team", "payments"), ("username", "rosa")],
        ),
    ] {
        assert_eq!(admin.post_form(path, &fields).await.status(), 303);
    }
    let pm = admin.create_pm("Card declines at checkout", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let r = admin
        .post_json(
            &format!("/api/v1/postmortems/{id}/event"),
            &json!({"version": pm["version"], "title": "Card declines at checkout",
                    "visibility": "team", "team": "payments"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(rosa.get(&format!("/pm/{id}")).await.status(), 200);

    admin.refresh_csrf("/admin").await;
    let page = admin.get("/admin").await.text().await.unwrap();
    assert!(page.contains("Remove rosa from payments"));
    let r = admin
        .post_form(
            "/admin/members/remove",
            &[("team", "payments"), ("username", "rosa")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(rosa.get(&format!("/pm/{id}")).await.status(), 404);
    let list = rosa.get("/api/v1/postmortems").await.text().await.unwrap();
    assert!(!list.contains("Card declines"), "not listed either: {list}");

    let people: Value = admin
        .get("/api/v1/admin/people")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(people["teams"][0]["members"], json!([]));
    assert!(!people.to_string().contains("argon2"), "no password hashes");
}

#[tokio::test]
async fn a_paused_account_is_signed_out_everywhere_and_its_tokens_stop() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let rosa = app.user(&admin, "rosa", "contributor").await;
    let made: Value = rosa
        .post_json("/api/v1/tokens", &json!({"name": "ci"}))
        .await
        .json()
        .await
        .unwrap();
    let token = made["token"].as_str().unwrap().to_string();
    let bearer = reqwest::Client::new();
    let with_token = || {
        bearer
            .get(app.url("/api/v1/me"))
            .header("Authorization", format!("Bearer {token}"))
            .send()
    };

    let refused = admin
        .post_json(
            "/api/v1/admin/users/disable",
            &json!({"username": "admin", "disabled": true}),
        )
        .await;
    assert_eq!(
        refused.status(),
        400,
        "an administrator cannot pause themself"
    );

    let r = admin
        .post_form(
            "/admin/users/disable",
            &[("username", "rosa"), ("disabled", "true")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(rosa.get("/").await.status(), 303, "signed out");
    assert_eq!(with_token().await.unwrap().status(), 401);
    let mut c = app.client();
    c.refresh_csrf("/login").await;
    let login = c
        .post_form("/login", &[("username", "rosa"), ("password", PASSWORD)])
        .await;
    assert_eq!(login.status(), 401);

    let r = admin
        .post_json(
            "/api/v1/admin/users/disable",
            &json!({"username": "rosa", "disabled": false}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(with_token().await.unwrap().status(), 200, "restored");
    app.login("rosa", PASSWORD).await;

    // A new first password from an administrator ends the sessions it had.
    let rosa = app.login("rosa", PASSWORD).await;
    let r = admin
        .post_json(
            "/api/v1/admin/users/password",
            &json!({"username": "rosa", "password": "given by the admin"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(rosa.get("/").await.status(), 303);
    app.login("rosa", "given by the admin").await;
}
