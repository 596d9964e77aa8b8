//! End-to-end tests of the `retrospect` binary, run as a new user would run it,
//! each on a fresh SQLite file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Sandbox;

#[test]
fn a_whole_post_mortem_from_the_command_line() {
    let s = Sandbox::new();
    let created = s.json(&[
        "new",
        "Checkout errors after deploy",
        "--severity",
        "SEV2",
        "--participant",
        "Dana",
    ]);
    assert_eq!(created["id"], 1);
    assert_eq!(created["severity"], "SEV2");

    s.ok(&[
        "moment",
        "set",
        "1",
        "started",
        "2026-11-25 14:00",
        "--zone",
        "Europe/Berlin",
    ]);
    s.ok(&["moment", "set", "1", "detected", "2026-11-25T13:07:00Z"]);
    let d = s.json(&[
        "moment",
        "set",
        "1",
        "resolved",
        "2026-11-25 14:45",
        "--zone",
        "+01:00",
    ]);
    assert_eq!(d["time_to_detect_seconds"], 7 * 60);
    assert_eq!(d["time_to_resolve_seconds"], 45 * 60);

    s.ok(&[
        "entry",
        "add",
        "1",
        "2026-11-25T13:05:00Z",
        "Error rate rises to 12%",
        "--actor",
        "monitoring",
    ]);
    s.ok(&[
        "entry",
        "add",
        "1",
        "2026-11-25T13:02:00Z",
        "Deploy 4411 starts",
    ]);
    s.ok(&["cause", "add", "1", "Checkout returned errors"]);
    s.ok(&[
        "cause",
        "add",
        "1",
        "The database ran out of connections",
        "--under",
        "C1",
        "--category",
        "equipment/tools",
    ]);
    s.ok(&["cause", "cite", "1", "C2", "--entry", "T1"]);
    s.ok(&[
        "lesson",
        "add",
        "1",
        "lucky",
        "It happened during office hours",
    ]);
    s.ok(&[
        "action",
        "add",
        "1",
        "Add an alert when the pool is 90% full",
        "--owner",
        "dana",
        "--due",
        "2026-12-15",
        "--type",
        "detect",
        "--cause",
        "C2",
        "--success",
        "the alert fires in the staging load test",
    ]);
    s.ok(&[
        "comment",
        "add",
        "1",
        "Good catch on the pool size",
        "--on",
        "C2",
    ]);

    let pm = s.json(&["show", "1"]);
    let timeline = pm["timeline"].as_array().unwrap();
    assert_eq!(
        timeline[0]["text"], "Deploy 4411 starts",
        "timeline is kept in time order"
    );
    assert_eq!(pm["causes"][1]["parent"], 1);
    assert_eq!(pm["causes"][1]["category"], "Equipment/Tools");
    assert_eq!(pm["causes"][1]["timeline_refs"][0], 1);
    assert_eq!(pm["actions"][0]["causes"][0], 2);
    assert_eq!(pm["key_moments"][0]["zone"], "Europe/Berlin");
    assert_eq!(pm["comments"][0]["author"], "tester");

    let human = s.ok(&["show", "1"]);
    assert!(human.contains("time to detect    7m 00s"), "{human}");
    assert!(
        human.contains("C2 why? The database ran out of connections  [Equipment/Tools]"),
        "{human}"
    );

    let tracked = s.json(&["actions", "--owner", "dana"]);
    assert_eq!(
        tracked[0]["postmortem_title"],
        "Checkout errors after deploy"
    );
    s.ok(&["action", "done", "1", "A1"]);
    s.ok(&["action", "review", "1", "A1", "not-effective"]);
    let pm = s.json(&["show", "1"]);
    assert_eq!(
        pm["actions"][0]["status"], "open",
        "a fix that did not work reopens the loop"
    );
}

#[test]
fn a_stale_version_is_refused_and_changes_nothing() {
    let s = Sandbox::new();
    s.ok(&["new", "Disk full on db-2"]);
    s.ok(&["edit", "1", "--summary", "first"]);
    let err = s.fails(&["edit", "1", "--summary", "second", "--expect-version", "1"]);
    assert!(err.contains("changed by someone else"), "{err}");
    assert!(err.contains("version 1") && err.contains("2"), "{err}");
    assert_eq!(s.json(&["show", "1"])["summary"], "first");
}

#[test]
fn mistakes_get_kind_errors_and_a_non_zero_exit() {
    let s = Sandbox::new();
    s.ok(&["new", "Queue backlog"]);
    let err = s.fails(&["show", "42"]);
    assert!(err.contains("post-mortem 42 was not found"), "{err}");
    let err = s.fails(&["cause", "add", "1", "x", "--under", "C9"]);
    assert!(err.contains("no cause with id 9"), "{err}");
    let err = s.fails(&["action", "add", "1", "x", "--due", "ASAP"]);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let err = s.fails(&["new", "x", "--kind", "disaster"]);
    assert!(err.contains("incident, project, personal, other"), "{err}");
    let err = s.fails(&["moment", "set", "1", "started", "yesterday-ish"]);
    assert!(err.contains("not a time I can read"), "{err}");
}

#[test]
fn export_then_import_gives_the_same_post_mortem() {
    let s = Sandbox::new();
    s.ok(&[
        "new",
        "Cache stampede",
        "--template",
        "sre",
        "--summary",
        "Pages were slow | very slow",
    ]);
    s.ok(&[
        "entry",
        "add",
        "1",
        "2026-11-25T10:00:00.123456Z",
        "Hit ratio drops",
        "--actor",
        "grafana",
    ]);
    s.ok(&["cause", "add", "1", "Keys expired together"]);
    for (format, file) in [("markdown", "pm.md"), ("json", "pm.json")] {
        let path = s.path(file);
        s.ok(&[
            "export",
            "1",
            "--format",
            format,
            "--output",
            path.to_str().unwrap(),
        ]);
        let before = s.count();
        s.ok(&["import", path.to_str().unwrap()]);
        assert_eq!(s.count(), before + 1);
        let original = s.json(&["show", "1"]);
        let copy = s.json(&["show", &(before + 1).to_string()]);
        for field in [
            "title", "summary", "timeline", "causes", "sections", "kind", "template",
        ] {
            assert_eq!(original[field], copy[field], "{format}: {field} differs");
        }
    }
}

#[test]
fn bad_files_are_refused_by_name_and_change_nothing() {
    let s = Sandbox::new();
    s.ok(&["new", "Existing"]);
    let good = s.path("good.md");
    std::fs::write(&good, "---\ntitle: Fine\n---\n## Summary\nok\n").unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.md", Vec::new()),
        ("binary.md", vec![0u8, 159, 146, 150, 0, 1, 2, 3, 0xff, 0]),
        ("latin1.md", b"## Summary\ncaf\xe9 closed\n".to_vec()),
        ("bomb.md", alias_bomb().into_bytes()),
        (
            "deep.md",
            format!(
                "---\ntitle: {}x{}\n---\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let path = s.path(name);
        std::fs::write(&path, bytes).unwrap();
        let out = s.run(&["import", good.to_str().unwrap(), path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} was accepted");
        assert!(
            err.contains(name),
            "{name}: the error should name the file: {err}"
        );
        assert_eq!(
            s.count(),
            1,
            "{name}: nothing may be imported when one file is bad"
        );
    }
    let huge = s.path("huge.md");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let err = s.fails(&["import", huge.to_str().unwrap()]);
    assert!(err.contains("huge.md") && err.contains("MB"), "{err}");
    assert_eq!(s.count(), 1);
}

fn alias_bomb() -> String {
    let mut y = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, next) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        y.push_str(&format!("{next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    y.push_str("title: boom\n---\n");
    y
}

#[test]
fn killing_an_import_leaves_the_database_as_it_was() {
    let s = Sandbox::new();
    s.ok(&["new", "Before"]);
    let files: Vec<PathBuf> = (0..300)
        .map(|i| {
            let p = s.path(&format!("pm-{i}.md"));
            let mut body = format!(
                "---\ntitle: Imported {i}\n---\n## Timeline\n\n| Time | Event |\n|---|---|\n"
            );
            for m in 0..200 {
                body.push_str(&format!(
                    "| 2026-11-25 {:02}:{:02} | step {m} of import {i} |\n",
                    m / 60,
                    m % 60
                ));
            }
            std::fs::write(&p, body).unwrap();
            p
        })
        .collect();
    let mut args: Vec<&str> = vec!["import"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    // Time one whole import on a scratch database, then kill real ones at
    // points spread across parsing and the write itself.
    let scratch = s.path("scratch.db");
    let started = std::time::Instant::now();
    let out = s
        .cmd(&args)
        .env("RETROSPECT_DATABASE_URL", &scratch)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = started.elapsed();
    for fraction in [0.05, 0.3, 0.5, 0.7, 0.85, 0.95] {
        let mut child = s
            .cmd(&args)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        let n = s.count();
        assert!(
            n == 1 || (n - 1).is_multiple_of(300),
            "after a kill at {:.0}% of an import there are {n} post-mortems: a partial import",
            fraction * 100.0
        );
    }
    assert_integrity(&s.db());
}

fn assert_integrity(db: &Path) {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg("PRAGMA integrity_check;")
        .output();
    if let Ok(out) = out {
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
    }
}

#[test]
fn help_teaches_and_completions_are_printed() {
    let s = Sandbox::new();
    let help = s.ok(&["--help"]);
    assert!(
        help.contains("five-step playbook") && help.contains("retrospect new"),
        "{help}"
    );
    let cause_help = s.ok(&["cause", "add", "--help"]);
    assert!(cause_help.contains("--under C1"), "{cause_help}");
    let bash = s.ok(&["completions", "bash"]);
    assert!(bash.contains("retrospect"));
    let templates = s.ok(&["templates"]);
    assert!(
        templates.contains("sre") && templates.contains("personal"),
        "{templates}"
    );
}

#[test]
fn the_publish_gate_waits_for_blameless_wording_or_an_acknowledgement() {
    let s = Sandbox::new();
    s.ok(&["new", "Config push broke login", "--participant", "Dave"]);
    s.ok(&[
        "entry",
        "add",
        "1",
        "2026-11-25T10:00:00Z",
        "Dave should have checked the config before pushing it",
    ]);
    let err = s.fails(&["publish", "1"]);
    assert!(err.contains("finding"), "{err}");
    let id = err
        .lines()
        .find_map(|l| l.trim().strip_prefix('[').and_then(|r| r.split(']').next()))
        .expect("a finding id")
        .to_string();
    s.ok(&[
        "ack",
        "1",
        &id,
        "--reason",
        "quoted from the chat log on purpose",
        "--by",
        "facilitator",
    ]);
    s.ok(&["publish", "1"]);
    let pm = s.json(&["show", "1"]);
    assert_eq!(pm["status"], "published");
    assert_eq!(
        pm["acknowledgements"][0]["reason"],
        "quoted from the chat log on purpose"
    );
}

#[test]
fn lint_reports_positions_and_exit_codes() {
    let s = Sandbox::new();
    let file = s.path("review.md");
    std::fs::write(&file, "# Review\n\nThe health check failed to detect the outage.\n\nBob was careless with the deploy.\n").unwrap();
    let out = s.run(&["lint", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("review.md:5:"), "{stdout}");
    assert!(
        !stdout.contains("review.md:3:"),
        "a system failing to detect is not blame: {stdout}"
    );
    let clean = s.path("clean.md");
    std::fs::write(
        &clean,
        "The alert fired at 02:14 and the on-call acknowledged it.\n",
    )
    .unwrap();
    assert_eq!(
        s.run(&["lint", clean.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn a_why_that_stops_at_a_person_gets_a_question_about_the_system() {
    let s = Sandbox::new();
    s.ok(&[
        "new",
        "Release broke search",
        "--categories",
        "Code, Review,Tooling",
    ]);
    s.ok(&["cause", "add", "1", "Search returned no results"]);
    let added = s.json(&[
        "cause",
        "add",
        "1",
        "The engineer did not write enough tests",
        "--under",
        "C1",
        "--category",
        "review",
    ]);
    assert!(
        added["next_question"]
            .as_str()
            .is_some_and(|q| q.ends_with('?')),
        "{added}"
    );
    assert_eq!(added["category"], "Review");
    let system = s.json(&[
        "cause",
        "add",
        "1",
        "The test suite has no fixture for empty indexes",
        "--under",
        "C2",
    ]);
    assert!(system["next_question"].is_null(), "{system}");
    let err = s.fails(&["cause", "add", "1", "x", "--category", "People"]);
    assert!(err.contains("Code, Review, Tooling"), "{err}");
}

#[test]
fn import_reads_zone_less_times_in_the_zone_given() {
    let s = Sandbox::new();
    let doc = s.path("outage.md");
    std::fs::write(
        &doc,
        "# Search outage\n\n## Summary\nSearch was down.\n\n## Timeline\n\n### 2026-07-02\n\n- 14:02: alerts fire\n- 14:30: fix deployed\n",
    )
    .unwrap();
    let report = s.json(&[
        "import",
        doc.to_str().unwrap(),
        "--tz",
        "America/Los_Angeles",
    ]);
    assert!(
        report[0]["recognised"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("timeline"))
    );
    let pm = s.json(&["show", "1"]);
    assert_eq!(
        pm["timeline"][0]["at"], "2026-07-02T21:02:00Z",
        "14:02 PDT is 21:02 UTC"
    );
    let err = s.fails(&["import", doc.to_str().unwrap(), "--tz", "Mars/Olympus"]);
    assert!(err.contains("Mars/Olympus"), "{err}");
}

#[test]
fn markdown_export_to_a_file_writes_its_pictures_beside_it() {
    let s = Sandbox::new();
    s.ok(&["new", "Queue backlog", "--summary", "Jobs waited an hour"]);
    s.ok(&[
        "entry",
        "add",
        "1",
        "2026-11-25T10:00:00Z",
        "Backlog passes 10,000 jobs",
        "--actor",
        "grafana",
    ]);
    s.ok(&["cause", "add", "1", "Workers were scaled down by mistake"]);
    // A name with a space: the links must still point at the files.
    let path = s.path("queue backlog.md");
    let out = s.run(&[
        "export",
        "1",
        "--format",
        "markdown",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    let markdown = std::fs::read_to_string(&path).unwrap();
    for picture in ["timeline", "fishbone"] {
        let file = s.path(&format!("queue backlog-{picture}.svg"));
        let svg = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{picture}: {e}"));
        assert!(svg.contains("<svg"), "{picture} is not an SVG picture");
        assert!(said.contains(&file.display().to_string()), "{said}");
        assert!(
            markdown.contains(&format!("](queue%20backlog-{picture}.svg)")),
            "{markdown}"
        );
    }
    assert!(markdown.contains("\n## Pictures\n"), "{markdown}");
    assert!(!s.ok(&["export", "1"]).contains("## Pictures"));

    let imported = s.ok(&["import", path.to_str().unwrap()]);
    assert!(imported.contains("recognised pictures: 2"), "{imported}");
    let original = s.json(&["show", "1"]);
    let copy = s.json(&["show", "2"]);
    for field in [
        "title", "summary", "timeline", "causes", "sections", "kind", "template",
    ] {
        assert_eq!(original[field], copy[field], "{field} differs");
    }

    // Nothing to draw: no pictures, no Pictures section.
    s.ok(&["new", "A quiet one"]);
    let quiet = s.path("quiet.md");
    s.ok(&["export", "3", "--output", quiet.to_str().unwrap()]);
    assert!(
        !std::fs::read_to_string(&quiet)
            .unwrap()
            .contains("## Pictures")
    );
    assert!(!s.path("quiet-timeline.svg").exists());
    assert!(!s.path("quiet-fishbone.svg").exists());
}
