//! Test harness: the real application on 127.0.0.1:0 over a fresh SQLite file,
//! and an HTTP client that keeps cookies and knows its CSRF token.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;

use retrospect_web::{AppOptions, WebStore};

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Arc<dyn WebStore>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn start() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("retrospect.db");
        let store = retrospect_web::open_store(path.to_str().expect("utf-8 path"))
            .await
            .expect("open store");
        let router = retrospect_web::app(store.clone(), AppOptions::default()).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(retrospect_web::serve_on(listener, router));
        TestApp {
            addr,
            store,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn client(&self) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Client {
            http,
            base: format!("http://{}", self.addr),
            csrf: String::new(),
        }
    }

    /// Creates the first administrator through the set-up page and returns their client.
    pub async fn admin(&self) -> Client {
        let mut c = self.client();
        c.refresh_csrf("/setup").await;
        let r = c
            .post_form(
                "/setup",
                &[
                    ("username", "admin"),
                    ("display_name", "Ada Admin"),
                    ("password", "correct horse battery"),
                    ("confirm", "correct horse battery"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "setup should redirect");
        c.refresh_csrf("/").await;
        c
    }

    /// Adds a user with a role (through the admin page) and signs them in.
    pub async fn user(&self, admin: &Client, username: &str, role: &str) -> Client {
        let r = admin
            .post_form(
                "/admin/users",
                &[
                    ("username", username),
                    ("display_name", username),
                    ("password", "a long enough password"),
                    ("role", role),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "create user {username}");
        self.login(username, "a long enough password").await
    }

    pub async fn login(&self, username: &str, password: &str) -> Client {
        let mut c = self.client();
        c.refresh_csrf("/login").await;
        let r = c
            .post_form("/login", &[("username", username), ("password", password)])
            .await;
        assert_eq!(r.status(), 303, "login {username}");
        c.refresh_csrf("/").await;
        c
    }
}

pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub csrf: String,
}

/// The value of the first hidden `csrf` field in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

impl Client {
    pub async fn refresh_csrf(&mut self, page: &str) {
        let html = self.get(page).await.text().await.expect("body");
        if let Some(token) = csrf_in(&html) {
            self.csrf = token;
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        all.extend_from_slice(fields);
        self.http
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("X-CSRF-Token", &self.csrf)
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    /// Creates a post-mortem through the API and returns it.
    pub async fn create_pm(&self, title: &str, template: &str) -> serde_json::Value {
        let r = self
            .post_json(
                "/api/v1/postmortems",
                &serde_json::json!({ "title": title, "template": template }),
            )
            .await;
        assert_eq!(r.status(), 201, "create {title}");
        r.json().await.expect("json")
    }
}
