//! Log evidence uploaded after the key moments are set: the log engine's
//! proposals inside that window become proposed timeline entries.

mod common;

use common::TestApp;
use serde_json::json;

/// A heartbeat every 10 s from 10:00 to 10:35; a new error pattern (a
/// burst, too) every 10 s from 10:30 on. Lines are numbered from 1.
fn synthetic_log() -> String {
    let mut out = String::new();
    for s in (0..60 * 60).step_by(10) {
        let (m, sec) = (s / 60, s % 60);
        if m < 35 {
            out.push_str(&format!(
                "2024-05-01T10:{m:02}:{sec:02}Z INFO heartbeat ok\n"
            ));
        }
        if m >= 30 {
            out.push_str(&format!(
                "2024-05-01T10:{m:02}:{sec:02}Z ERROR disk /var is full\n"
            ));
        }
    }
    out
}

#[tokio::test]
async fn log_upload_proposes_the_engines_findings_within_the_key_moments() {
    let app = TestApp::start().await;
    let admin = app.admin().await;
    let pm = admin.create_pm("Disk full on the build host", "sre").await;
    let id = pm["id"].as_i64().unwrap();
    let mut version = pm["version"].as_i64().unwrap();
    for (kind, at) in [
        ("started", "2024-05-01T10:20:00Z"),
        ("resolved", "2024-05-01T10:55:00Z"),
    ] {
        let r = admin
            .post_json(
                &format!("/api/v1/postmortems/{id}/moments"),
                &json!({ "version": version, "kind": kind, "at": at }),
            )
            .await;
        assert_eq!(r.status(), 200);
        version = r.json::<serde_json::Value>().await.unwrap()["version"]
            .as_i64()
            .unwrap();
    }
    let upload = reqwest::multipart::Form::new()
        .text("version", version.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(synthetic_log().into_bytes()).file_name("build.log"),
        );
    let r = admin
        .http
        .post(format!("{}/api/v1/postmortems/{id}/evidence", admin.base))
        .header("X-CSRF-Token", &admin.csrf)
        .multipart(upload)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "upload: {}", r.text().await.unwrap());
    let full: serde_json::Value = admin
        .get(&format!("/api/v1/postmortems/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let pm = if full["timeline"].is_array() {
        &full
    } else {
        &full["postmortem"]
    };
    let proposed: Vec<&serde_json::Value> = pm["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["state"] == "proposed")
        .collect();
    let new_pattern = proposed
        .iter()
        .find(|e| {
            e["text"]
                .as_str()
                .unwrap()
                .starts_with("First time this appears: \"disk")
        })
        .unwrap_or_else(|| panic!("a new-pattern proposal: {proposed:#?}"));
    assert_eq!(new_pattern["at"], "2024-05-01T10:30:00Z");
    // Line 2 of 10:30 is the first error: 180 heartbeats come before it.
    assert_eq!(new_pattern["evidence"]["position"], "line 182");
    assert_eq!(new_pattern["source"], "build.log");
    assert!(
        proposed.iter().any(|e| e["text"]
            .as_str()
            .unwrap()
            .contains("warnings or errors in")),
        "the burst of errors is proposed: {proposed:#?}"
    );
    for e in &proposed {
        let text = e["text"].as_str().unwrap();
        assert!(!text.contains("/tmp"), "no temporary path shown: {text}");
        assert!(
            e["evidence"]["position"]
                .as_str()
                .unwrap()
                .starts_with("line ")
        );
    }
    assert!(
        pm["log_templates"].as_array().unwrap().len() >= 2,
        "the templates are kept"
    );
}
