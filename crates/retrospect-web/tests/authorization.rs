//! Every route × role × visibility. The route list comes from the router's
//! own table, so a new route is tested the moment it exists. What is allowed
//! works; everything else is refused (a post-mortem one may not read answers
//! 404 exactly like a missing one) and no refusal, list or search names a
//! post-mortem its reader may not see.
//!
//! The expected answers are written out here from the product rules, not
//! computed with the application's own access module.

mod common;

use std::collections::HashMap;

use common::{Client, TestApp};
use reqwest::Method;
use retrospect_domain::{Kind, Participant, PostMortem, Visibility};
use retrospect_web::{Rule, route_table};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Author,
    Member(&'static str),
    Outsider(&'static str),
    Participant,
    Admin,
}

impl Who {
    fn role(self) -> &'static str {
        match self {
            Who::Author => "contributor",
            Who::Member(r) | Who::Outsider(r) => r,
            Who::Participant => "viewer",
            Who::Admin => "administrator",
        }
    }
    fn rank(self) -> u8 {
        match self.role() {
            "viewer" => 0,
            "contributor" => 1,
            "facilitator" => 2,
            _ => 3,
        }
    }
    fn username(self) -> String {
        match self {
            Who::Author => "author".into(),
            Who::Member(r) => format!("member-{r}"),
            Who::Outsider(r) => format!("outsider-{r}"),
            Who::Participant => "pat".into(),
            Who::Admin => "admin".into(),
        }
    }
}

const ROLES: [&str; 4] = ["viewer", "contributor", "facilitator", "administrator"];

fn everyone() -> Vec<Who> {
    let mut all = vec![Who::Author, Who::Participant, Who::Admin];
    for r in ROLES {
        all.push(Who::Member(r));
        all.push(Who::Outsider(r));
    }
    all
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Personal,
    Participants,
    Team,
    Organisation,
}

/// The product rules, written out.
fn readable(shape: Shape, who: Who) -> bool {
    match (shape, who) {
        (_, Who::Author) => true,
        (Shape::Personal, _) => false,
        (_, Who::Participant) => true,
        (Shape::Organisation, _) => true,
        (Shape::Team, Who::Member(_)) => true,
        _ => false,
    }
}

fn allowed(rule: Rule, shape: Shape, who: Who) -> bool {
    if !readable(shape, who) {
        return false;
    }
    let personal_author = shape == Shape::Personal && who == Who::Author;
    match rule {
        Rule::Read => true,
        Rule::Edit | Rule::Comment | Rule::Move => personal_author || who.rank() >= 1,
        Rule::Acknowledge => personal_author || who.rank() >= 2,
        Rule::Audit => matches!(who, Who::Author | Who::Participant) || who.rank() >= 2,
        Rule::Delete => personal_author || who == Who::Admin || who.rank() == 3,
        other => panic!("{other:?} is not a post-mortem rule"),
    }
}

struct Fixture {
    app: TestApp,
    clients: HashMap<String, Client>,
    pms: Vec<(Shape, PostMortem)>,
    keys: HashMap<i64, String>,
}

async fn fixture() -> Fixture {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let mut clients = HashMap::new();
    for who in everyone().into_iter().filter(|w| *w != Who::Admin) {
        let c = app.user(&admin, &who.username(), who.role()).await;
        clients.insert(who.username(), c);
    }
    assert_eq!(
        admin
            .post_form("/admin/teams", &[("name", "payments")])
            .await
            .status(),
        303
    );
    for who in everyone() {
        if matches!(who, Who::Member(_) | Who::Author) {
            let r = admin
                .post_form(
                    "/admin/members",
                    &[("team", "payments"), ("username", &who.username())],
                )
                .await;
            assert_eq!(r.status(), 303);
        }
    }
    clients.insert("admin".into(), admin);
    // Sign in again so that sessions see the new team memberships.
    for who in everyone().into_iter().filter(|w| *w != Who::Admin) {
        clients.insert(
            who.username(),
            app.login(&who.username(), "a long enough password").await,
        );
    }

    let now = jiff::Timestamp::now();
    let mut pms = Vec::new();
    for shape in [
        Shape::Personal,
        Shape::Participants,
        Shape::Team,
        Shape::Organisation,
    ] {
        let kind = if shape == Shape::Personal {
            Kind::Personal
        } else {
            Kind::Incident
        };
        let mut pm = PostMortem::new(
            &format!("Secret title {shape:?} zq{}", shape as u8),
            kind,
            now,
        )
        .unwrap();
        pm.author = Some("author".into());
        pm.team = Some("payments".into());
        pm.visibility = match shape {
            Shape::Participants | Shape::Personal => Visibility::Participants,
            Shape::Team => Visibility::Team,
            Shape::Organisation => Visibility::Organisation,
        };
        if shape != Shape::Personal {
            pm.participants = vec![Participant {
                name: "pat".into(),
                role: None,
            }];
        }
        pm.sections.push(retrospect_domain::FreeSection {
            heading: "Trigger".into(),
            body: "A deploy".into(),
        });
        pm.add_entry(retrospect_domain::TimelineEntry::new(now, "The alert fired").unwrap())
            .unwrap();
        pm.add_cause(None, "Bob was careless with the config", None)
            .unwrap();
        pm.add_action(retrospect_domain::ActionItem::new("Add a config linter to CI").unwrap())
            .unwrap();
        pm.add_lesson(
            retrospect_domain::LessonKind::Learned,
            "Config changes need a review",
        )
        .unwrap();
        let saved = app.store.create(&pm).await.unwrap();
        let stored = app.store.get(saved.id).await.unwrap();
        assert_eq!(saved, stored, "create returns what get reads back");
        pms.push((shape, saved));
    }
    let mut keys = HashMap::new();
    let author = &clients["author"];
    for (_, pm) in &pms {
        let full: serde_json::Value = author
            .get(&format!("/api/v1/postmortems/{}", pm.id))
            .await
            .json()
            .await
            .unwrap();
        let key = full["coach"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["blocking"] == true)
            .expect("a blocking finding");
        keys.insert(pm.id, key["key"].as_str().unwrap().to_string());
    }
    Fixture {
        app,
        clients,
        pms,
        keys,
    }
}

/// Puts a post-mortem back as it was (keeping the stored version), so every
/// request meets the same state.
async fn reset(f: &Fixture, original: &PostMortem) {
    let current = f.app.store.get(original.id).await.unwrap();
    let mut fresh = original.clone();
    fresh.version = current.version;
    f.app.store.update(&fresh).await.unwrap();
}

async fn send(
    f: &Fixture,
    client: &Client,
    method: &Method,
    path: &str,
    example: Option<&str>,
    pm: Option<&PostMortem>,
) -> (u16, String) {
    let version = match pm {
        Some(pm) => f.app.store.get(pm.id).await.unwrap().version.to_string(),
        None => "0".into(),
    };
    let key = pm
        .and_then(|p| f.keys.get(&p.id))
        .cloned()
        .unwrap_or_default();
    let url = format!("{}{}", client.base, path);
    let api = path.starts_with("/api/");
    let request = if *method == Method::GET {
        client.http.get(url)
    } else if path.ends_with("/evidence") {
        let form = reqwest::multipart::Form::new()
            .text("version", version)
            .part(
                "file",
                reqwest::multipart::Part::bytes(
                    b"2024-05-01T10:00:00Z ERROR disk full on db-1\n".to_vec(),
                )
                .file_name("app.log"),
            );
        client
            .http
            .post(url)
            .header("X-CSRF-Token", &client.csrf)
            .multipart(form)
    } else {
        let body = example
            .unwrap_or("")
            .replace("{version}", &version)
            .replace("{key}", &key);
        if api {
            client
                .http
                .post(url)
                .header("X-CSRF-Token", &client.csrf)
                .header("content-type", "application/json")
                .body(body)
        } else {
            client
                .http
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("csrf={}&{body}", client.csrf))
        }
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

fn ok(status: u16) -> bool {
    (200..400).contains(&status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_every_role_every_visibility() {
    let f = fixture().await;
    let anonymous = f.app.client();
    let titles: Vec<&str> = f.pms.iter().map(|(_, p)| p.title.as_str()).collect();
    let mut checked = 0;
    let table = route_table();
    for spec in &table {
        let method = Method::from_bytes(spec.method.as_str().as_bytes()).unwrap();
        let is_pm_route = spec.path.contains("{id}");
        if !is_pm_route {
            if spec.path == "/logout" || spec.path == "/setup" || spec.path == "/login" {
                checked += 1;
                continue; // covered by the session tests
            }
            for who in everyone() {
                let client = &f.clients[&who.username()];
                let (status, body) = send(&f, client, &method, spec.path, spec.example, None).await;
                let expect_ok = match spec.rule {
                    Rule::Public | Rule::SignedIn => true,
                    Rule::Administer => who.rank() == 3,
                    Rule::Create => who.rank() >= 1,
                    other => panic!("{other:?} on {}", spec.path),
                };
                // Allowed means "not refused": a second "create the same team" may answer 409.
                let refused = matches!(status, 401 | 403 | 404) || status >= 500;
                assert_eq!(
                    !refused, expect_ok,
                    "{} {} as {who:?}: {status} {body}",
                    spec.method, spec.path
                );
                if !expect_ok {
                    assert_eq!(status, 403, "{} {} as {who:?}", spec.method, spec.path);
                }
                // Lists and search name only what this person may read.
                for (shape, pm) in &f.pms {
                    if body.contains(&pm.title) {
                        assert!(
                            readable(*shape, who),
                            "{} {} as {who:?} shows {:?}",
                            spec.method,
                            spec.path,
                            pm.title
                        );
                    }
                }
            }
            if spec.rule != Rule::Public {
                let (status, body) =
                    send(&f, &anonymous, &method, spec.path, spec.example, None).await;
                assert!(
                    matches!(status, 303 | 401 | 403),
                    "{} {} anonymous: {status}",
                    spec.method,
                    spec.path
                );
                assert!(titles.iter().all(|t| !body.contains(t)));
            }
            checked += 1;
            continue;
        }
        for (shape, pm) in &f.pms {
            let path = spec
                .path
                .replace("{id}", &pm.id.to_string())
                .replace("{entry}", "1")
                .replace("{action}", "1")
                .replace("{cause}", "1")
                .replace("{lesson}", "1");
            for who in everyone() {
                reset(&f, pm).await;
                let client = &f.clients[&who.username()];
                let (status, body) = send(&f, client, &method, &path, spec.example, Some(pm)).await;
                let expected = allowed(spec.rule, *shape, who);
                let context = format!("{} {path} on {shape:?} as {who:?}: {status}", spec.method);
                if expected && spec.rule == Rule::Delete {
                    // The example's version is stale on purpose: allowed means
                    // "past the permission check", which answers 409 here.
                    assert_eq!(
                        status, 409,
                        "{context} should reach the version check: {body}"
                    );
                } else if expected {
                    assert!(ok(status), "{context} should work: {body}");
                } else if readable(*shape, who) {
                    assert_eq!(status, 403, "{context} should be forbidden: {body}");
                } else {
                    assert_eq!(status, 404, "{context} should look missing: {body}");
                }
                if !readable(*shape, who) {
                    assert!(!body.contains(&pm.title), "{context} leaks the title");
                    assert!(
                        !body.contains("Bob was careless"),
                        "{context} leaks content"
                    );
                }
            }
            reset(&f, pm).await;
            let (status, body) = send(&f, &anonymous, &method, &path, spec.example, Some(pm)).await;
            assert!(
                matches!(status, 303 | 401 | 403),
                "{} {path} anonymous: {status}",
                spec.method
            );
            assert!(!body.contains(&pm.title));
        }
        checked += 1;
    }
    assert_eq!(checked, table.len());

    // Search and lists, with the titles' shared word: each person sees exactly what they may read.
    for who in everyone() {
        let client = &f.clients[&who.username()];
        for path in ["/search?q=Secret", "/api/v1/postmortems?q=Secret", "/"] {
            let body = client.get(path).await.text().await.unwrap();
            for (shape, pm) in &f.pms {
                assert_eq!(
                    body.contains(&pm.title),
                    readable(*shape, who),
                    "{path} as {who:?} for {shape:?}"
                );
            }
        }
        let counted: serde_json::Value = client
            .get("/api/v1/postmortems?q=Secret")
            .await
            .json()
            .await
            .unwrap();
        let expected = f.pms.iter().filter(|(s, _)| readable(*s, who)).count();
        assert_eq!(counted["count"], expected, "count as {who:?}");
    }
    // A post-mortem that does not exist answers like a forbidden one.
    let missing = f.clients["admin"].get("/api/v1/postmortems/999999").await;
    assert_eq!(missing.status(), 404);
    let personal = f
        .pms
        .iter()
        .find(|(s, _)| *s == Shape::Personal)
        .unwrap()
        .1
        .id;
    let forbidden = f.clients["admin"]
        .get(&format!("/api/v1/postmortems/{personal}"))
        .await;
    assert_eq!(forbidden.status(), 404);
    assert_eq!(
        forbidden.text().await.unwrap(),
        missing.text().await.unwrap()
    );
}
