//! Two `retrospect serve` instances on one PostgreSQL database behave as one
//! system: a session made on one works on the other, a change made on one is
//! seen by the other and guards against stale saves there, failed sign-ins
//! count across both, and signing out on one signs out on both.
//!
//! Needs `RETROSPECT_TEST_DATABASE_URL` (a server where databases can be
//! created); without it the test says so loudly and passes, except under
//! `CI=true`, where it fails.

mod common;

use std::sync::Arc;

use common::Client;
use retrospect_web::{AppOptions, WebStore};
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection};

const PG_URL_VAR: &str = "RETROSPECT_TEST_DATABASE_URL";

/// A database of its own on the test server, dropped at the end.
struct ScratchDatabase {
    server: String,
    name: String,
}

impl ScratchDatabase {
    async fn create(server: &str) -> ScratchDatabase {
        let name = format!("retrospect_web_two_{}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(server)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {PG_URL_VAR}: {e}"));
        // Two statements, because neither may run inside a transaction block.
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            sqlx::raw_sql(AssertSqlSafe(sql))
                .execute(&mut admin)
                .await
                .unwrap_or_else(|e| panic!("cannot create {name}: {e}"));
        }
        ScratchDatabase {
            server: server.to_string(),
            name,
        }
    }

    /// The server URL with this database's name in place of the one given.
    fn url(&self) -> String {
        let (base, query) = self.server.split_once('?').unwrap_or((&self.server, ""));
        let scheme_end = base.find("://").map_or(0, |i| i + 3);
        let host = base[scheme_end..].split('/').next().unwrap_or_default();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        format!("{}{host}/{}{query}", &base[..scheme_end], self.name)
    }

    async fn drop_now(self) {
        if let Ok(mut admin) = sqlx::PgConnection::connect(&self.server).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            let _ = sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut admin).await;
        }
    }
}

/// One instance: its own connection pool and router, on its own port.
async fn instance(url: &str) -> (String, Arc<dyn WebStore>) {
    let store = retrospect_web::open_store(url)
        .await
        .expect("open PostgreSQL");
    let router = retrospect_web::app(store.clone(), AppOptions::default()).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(retrospect_web::serve_on(listener, router));
    (base, store)
}

/// The same browser (cookie jar) talking to another instance, as behind a
/// load balancer.
fn on(base: &str, client: &Client) -> Client {
    Client {
        http: client.http.clone(),
        base: base.to_string(),
        csrf: client.csrf.clone(),
    }
}

fn fresh_browser(base: &str) -> Client {
    Client {
        http: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        base: base.to_string(),
        csrf: String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgresql_database_are_one_system() {
    let Some(server) = std::env::var(PG_URL_VAR).ok().filter(|v| !v.is_empty()) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {PG_URL_VAR} is not set: the two-instance test must run in CI");
        }
        eprintln!(
            "\n*** SKIPPED (PostgreSQL): set {PG_URL_VAR} to run the two-instance test ***\n"
        );
        return;
    };
    let database = ScratchDatabase::create(&server).await;
    let url = database.url();
    let (a, _store_a) = instance(&url).await;
    let (b, _store_b) = instance(&url).await;

    // The first administrator is created on A ...
    let mut on_a = fresh_browser(&a);
    on_a.refresh_csrf("/setup").await;
    let r = on_a
        .post_form(
            "/setup",
            &[
                ("username", "ada"),
                ("display_name", "Ada"),
                ("password", "correct horse battery"),
                ("confirm", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    on_a.refresh_csrf("/").await;
    // ... and B knows there is one, and knows her session and its CSRF secret.
    let setup_on_b = fresh_browser(&b).get("/setup").await;
    assert_eq!(setup_on_b.status(), 303, "B sends people to sign in");
    let on_b = on(&b, &on_a);
    assert_eq!(on_b.get("/").await.status(), 200, "the session works on B");

    // A post-mortem made on A is read and changed on B.
    let pm = on_a
        .create_pm("Search latency after the reindex", "sre")
        .await;
    let id = pm["id"].as_i64().unwrap();
    let first = pm["version"].as_i64().unwrap();
    let page = on_b.get(&format!("/pm/{id}")).await.text().await.unwrap();
    assert!(page.contains("Search latency after the reindex"));
    let r = on_b
        .post_json(
            &format!("/api/v1/postmortems/{id}/event"),
            &json!({"version": first, "title": "Search latency after the nightly reindex"}),
        )
        .await;
    assert_eq!(r.status(), 200);

    // A save on A from the old version is refused; both versions come back.
    let stale = on_a
        .post_json(
            &format!("/api/v1/postmortems/{id}/event"),
            &json!({"version": first, "title": "Slow search"}),
        )
        .await;
    assert_eq!(stale.status(), 409);
    let body: Value = stale.json().await.unwrap();
    assert_eq!(
        body["current"]["title"],
        "Search latency after the nightly reindex"
    );
    let saved: Value = on_a
        .get(&format!("/api/v1/postmortems/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        saved["postmortem"]["title"],
        "Search latency after the nightly reindex"
    );

    // A session started on B and ended on B is over on A too (the cookie is
    // sent by hand so that nothing but the database can forget it).
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut login = fresh_browser(&b);
    login.refresh_csrf("/login").await;
    let r = login
        .post_form(
            "/login",
            &[("username", "ada"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("retrospect_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_string();
    let home = |base: &str| {
        plain
            .get(format!("{base}/"))
            .header("cookie", &cookie)
            .send()
    };
    assert_eq!(
        home(&a).await.unwrap().status(),
        200,
        "B's session works on A"
    );
    let page = home(&b).await.unwrap().text().await.unwrap();
    let csrf = common::csrf_in(&page).expect("a CSRF token on the home page");
    let r = plain
        .post(format!("{b}/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        home(&a).await.unwrap().status(),
        303,
        "signed out on A as well"
    );

    // Failed sign-ins on A count on B.
    let mut guesser = fresh_browser(&a);
    guesser.refresh_csrf("/login").await;
    for _ in 0..5 {
        let r = guesser
            .post_form("/login", &[("username", "ada"), ("password", "guess")])
            .await;
        assert_eq!(r.status(), 401);
    }
    let mut guesser_b = on(&b, &guesser);
    guesser_b.refresh_csrf("/login").await;
    let limited = guesser_b
        .post_form(
            "/login",
            &[("username", "ada"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(
        limited.status(),
        429,
        "the limit is shared by both instances"
    );

    for base in [&a, &b] {
        let health = fresh_browser(base).get("/healthz").await;
        assert_eq!(health.status(), 200);
    }
    database.drop_now().await;
}
