//! Evidence and pictures end to end, on the real data in ../shared/data.

mod common;

use common::{Sandbox, shared_data};

#[test]
fn logs_chat_and_mail_become_evidence_and_proposed_entries() {
    let Some(data) = shared_data() else { return };
    let s = Sandbox::new();
    s.ok(&["new", "Login failures", "--participant", "Ana"]);
    s.ok(&["moment", "set", "1", "started", "2026-12-10 06:55"]);
    s.ok(&["moment", "set", "1", "resolved", "2026-12-10 09:00"]);
    let log = data.join("loghub/OpenSSH/OpenSSH_2k.log");
    let slack = data.join("chat/slack-export-viewer/testarchive.zip");
    let mbox = data.join("email/mimekit/UnitTests/TestData/mbox/simple.mbox.txt");
    let summary = s.json(&[
        "evidence",
        "add",
        "1",
        log.to_str().unwrap(),
        slack.to_str().unwrap(),
        mbox.to_str().unwrap(),
        "--quiet",
    ]);
    let files = summary["files"].as_array().unwrap();
    assert_eq!(files[0]["kind"], "log");
    assert!(
        files[0]["entries"].as_u64().unwrap() > 0,
        "the log proposes entries inside the window"
    );
    assert!(files[0]["templates"].as_u64().unwrap() > 10);
    assert_eq!(files[1]["kind"], "slack");
    assert_eq!(files[1]["entries"], 158, "every Slack message is present");
    assert_eq!(files[2]["kind"], "mbox");

    let pm = s.json(&["show", "1"]);
    assert_eq!(pm["evidence"].as_array().unwrap().len(), 3);
    assert_eq!(pm["evidence"][0]["checksum"].as_str().unwrap().len(), 64);
    assert!(pm["log_templates"].as_array().unwrap().len() > 10);
    let proposed: Vec<&serde_json::Value> = pm["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["state"] == "proposed")
        .collect();
    assert!(proposed.len() >= 158);
    let first_log = proposed
        .iter()
        .find(|t| t["source"] == "OpenSSH_2k.log")
        .expect("a log proposal");
    assert!(
        first_log["evidence"]["position"]
            .as_str()
            .unwrap()
            .starts_with("line ")
    );

    // A person accepts one proposal; it joins the visible timeline.
    let id = first_log["id"].as_u64().unwrap().to_string();
    s.ok(&["entry", "accept", "1", &format!("T{id}")]);
    let visible = s.json(&["timeline", "1"]);
    assert_eq!(visible.as_array().unwrap().len(), 1);

    // Importing the same export again adds no duplicates.
    let again = s.json(&["evidence", "add", "1", slack.to_str().unwrap(), "--quiet"]);
    assert_eq!(again["proposed_entries_added"], 0);
    assert_eq!(again["duplicates_skipped"], 158);
}

#[test]
fn unreadable_evidence_is_reported_by_name_and_the_rest_is_kept() {
    let Some(data) = shared_data() else { return };
    let s = Sandbox::new();
    s.ok(&["new", "Mail outage"]);
    let msg = data.join("email/spamscope-mail-parser/tests/mails/mail_outlook_1");
    let eml = s.path("note.eml");
    std::fs::write(&eml, "From: ana@example.com\r\nTo: ops@example.com\r\nSubject: db down\r\nDate: Tue, 10 Dec 2026 07:01:00 +0100\r\nMessage-ID: <a1@example.com>\r\n\r\nThe primary stopped answering.\r\n").unwrap();
    let out = s.run(&[
        "evidence",
        "add",
        "1",
        msg.to_str().unwrap(),
        eml.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        !out.status.success(),
        "a refused file makes the exit code non-zero"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("mail_outlook_1") && stdout.contains("Outlook"),
        "{stdout}"
    );
    let pm = s.json(&["show", "1"]);
    assert_eq!(
        pm["evidence"].as_array().unwrap().len(),
        1,
        "the good file is still imported"
    );
    assert_eq!(pm["timeline"][0]["at"], "2026-12-10T06:01:00Z");
    assert_eq!(pm["timeline"][0]["zone"], "+01:00");
}

#[test]
fn logs_mine_prints_one_row_per_line() {
    let Some(data) = shared_data() else { return };
    let s = Sandbox::new();
    let log = data.join("loghub/Apache/Apache_2k.log");
    let csv = s.ok(&["logs", "mine", log.to_str().unwrap(), "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("line,timestamp,template_id,template"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2000);
    assert!(rows[0].starts_with("1,2005-12-04T04:47:44"), "{}", rows[0]);
    let templates = s.ok(&["logs", "templates", log.to_str().unwrap()]);
    assert!(
        templates.lines().count() > 3 && templates.lines().count() < 60,
        "{templates}"
    );
}

#[test]
fn pictures_and_the_html_export() {
    let s = Sandbox::new();
    s.ok(&["new", "Checkout errors", "--participant", "Dana Smith"]);
    s.ok(&["cause", "add", "1", "Checkout returned errors"]);
    s.ok(&[
        "cause",
        "add",
        "1",
        "Pool exhausted <script>alert(1)</script>",
        "--under",
        "C1",
        "--category",
        "Equipment/Tools",
    ]);
    s.ok(&[
        "entry",
        "add",
        "1",
        "2026-11-25T10:00:00Z",
        "Dana Smith restarted the pool",
        "--actor",
        "Dana Smith",
    ]);
    let fishbone = s.path("fishbone.svg");
    s.ok(&["fishbone", "1", "--svg", fishbone.to_str().unwrap()]);
    let svg = std::fs::read_to_string(&fishbone).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Equipment/Tools"));
    assert!(!svg.contains("<script>"), "text is escaped");
    let tree = s.ok(&["fishbone", "1"]);
    assert!(tree.contains("C2"), "{tree}");
    let timeline = s.path("timeline.svg");
    s.ok(&["timeline", "1", "--svg", timeline.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&timeline).unwrap().contains("<svg"));
    let html = s.ok(&["export", "1", "--format", "html"]);
    assert!(html.contains("<!DOCTYPE html>") || html.contains("<!doctype html>"));
    assert!(html.contains("Dana Smith"));
    let shared = s.ok(&["export", "1", "--format", "html", "--pseudonymise"]);
    assert!(
        !shared.contains("Dana Smith"),
        "pseudonymised exports hide names"
    );
    assert!(shared.contains("Person A"));
}

#[test]
fn logs_honour_a_named_zone() {
    let s = Sandbox::new();
    let log = s.path("app.log");
    std::fs::write(
        &log,
        "2026-07-01 10:00:00 INFO service started\n2026-07-01 10:00:05 ERROR disk full on /var\n",
    )
    .unwrap();
    let csv = s.ok(&[
        "logs",
        "mine",
        log.to_str().unwrap(),
        "--tz",
        "Europe/Berlin",
    ]);
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.starts_with("1,2026-07-01T08:00:00"),
        "10:00 in Berlin's summer is 08:00 UTC: {first}"
    );
}
