//! Slack exports: the real one from slack-export-viewer (folder and zip), and
//! generated ones with threads, edits, files, bots and filters.

mod common;

use std::io::Write;
use std::path::Path;

use retrospect_domain::{EntryState, Timestamp};
use retrospect_importers::{Imported, SourceKind, detect, import};
use serde_json::{Value, json};

/// Messages per channel, counted straight from the JSON files.
fn count_messages(root: &Path) -> (usize, usize, Vec<String>) {
    let mut total = 0;
    let mut bots = 0;
    let mut channels = Vec::new();
    for file in common::files_under(root) {
        let rel = file.strip_prefix(root).expect("under root");
        if rel.components().count() != 2 {
            continue;
        }
        let channel = rel
            .components()
            .next()
            .expect("a folder")
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        if !channels.contains(&channel) {
            channels.push(channel);
        }
        let list: Vec<Value> =
            serde_json::from_slice(&std::fs::read(&file).expect("readable")).expect("JSON");
        total += list.len();
        // Posted by a bot: a bot_message, or a bot id with no human user
        // (a person adding an integration, "bot_add", carries both).
        bots += list
            .iter()
            .filter(|m| {
                m["subtype"] == "bot_message"
                    || (m["bot_id"].is_string() && m.get("user").is_none())
            })
            .count();
    }
    (total, bots, channels)
}

fn user_ids(root: &Path) -> Vec<String> {
    let users: Vec<Value> =
        serde_json::from_slice(&std::fs::read(root.join("users.json")).expect("users"))
            .expect("JSON");
    users
        .iter()
        .filter_map(|u| u["id"].as_str().map(str::to_string))
        .collect()
}

fn check_real_export(imported: &Imported, root: &Path) {
    let (total, bots, _) = count_messages(root);
    assert_eq!(total, 158, "the export holds 158 messages");
    assert_eq!(bots, 94, "94 of them were posted by bots");
    assert_eq!(
        imported.entries.len(),
        total,
        "every message is on the timeline: {:?}",
        imported.skipped
    );
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let ids = user_ids(root);
    for e in &imported.entries {
        let actor = e.actor.as_deref().expect("every message has an actor");
        for id in &ids {
            assert!(
                !actor.contains(id.as_str()),
                "raw user id {id} left in actor {actor}"
            );
            assert!(
                !e.text.contains(&format!("<@{id}")),
                "raw mention of {id} left in {}",
                e.text
            );
        }
        assert_eq!(e.state, EntryState::Proposed);
        assert!(e.source.starts_with("slack #"));
        assert!(!e.text.trim().is_empty());
    }
    let marked = imported
        .entries
        .iter()
        .filter(|e| e.actor.as_deref().is_some_and(|a| a.ends_with("(bot)")))
        .count();
    assert_eq!(marked, bots, "every bot message is marked, and only those");
    let keys: std::collections::HashSet<_> = imported.dedupe_keys.iter().flatten().collect();
    assert_eq!(keys.len(), total, "each message has its own dedupe key");
}

#[test]
fn the_real_export_imports_from_its_folder_and_its_zip() {
    let Some(base) = common::data("chat/slack-export-viewer") else {
        return;
    };
    let folder = base.join("testarchive");
    let zip = base.join("testarchive.zip");
    assert_eq!(detect(&folder).expect("detect"), SourceKind::SlackExport);
    assert_eq!(detect(&zip).expect("detect"), SourceKind::SlackExport);
    let from_folder = common::import_one(&folder);
    let from_zip = common::import_one(&zip);
    check_real_export(&from_folder, &folder);
    check_real_export(&from_zip, &folder);
    let texts = |i: &Imported| {
        i.entries
            .iter()
            .map(|e| (e.at, e.text.clone(), e.actor.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&from_folder),
        texts(&from_zip),
        "the zip and the folder give the same timeline"
    );
    assert_eq!(
        from_zip.evidence.checksum,
        retrospect_importers::checksum_file(&zip)
            .expect("checksum")
            .0,
        "a zip's checksum is the zip file's"
    );
    assert!(
        from_zip
            .entries
            .iter()
            .any(|e| e.text.contains("100_cities.js")),
        "shared files are named"
    );
    assert!(
        from_zip
            .entries
            .iter()
            .any(|e| e.text.ends_with("(edited)")),
        "edits are shown"
    );
}

#[test]
fn channel_filter_and_time_window_narrow_the_import() {
    let Some(base) = common::data("chat/slack-export-viewer/testarchive") else {
        return;
    };
    let mut opts = common::opts();
    opts.channels = vec!["#Enrique".into()];
    let batch = import(&base, &opts, &mut common::no_progress()).expect("imports");
    let enrique = base.join("enrique");
    let expected: usize = common::files_under(&enrique)
        .iter()
        .map(|f| {
            serde_json::from_slice::<Vec<Value>>(&std::fs::read(f).expect("read"))
                .expect("JSON")
                .len()
        })
        .sum();
    assert_eq!(batch[0].entries.len(), expected);
    assert!(
        batch[0]
            .entries
            .iter()
            .all(|e| e.source == "slack #enrique")
    );

    let mut opts = common::opts();
    opts.from = Some("2016-03-01T00:00:00Z".parse().expect("instant"));
    opts.to = Some("2016-03-26T23:59:59Z".parse().expect("instant"));
    let batch = import(&base, &opts, &mut common::no_progress()).expect("imports");
    let entries = &batch[0].entries;
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| opts.in_window(e.at)));
    assert!(
        batch[0].skipped.iter().any(|s| s.place == "time window"),
        "the left-out messages are counted"
    );
}

fn write_json(path: &Path, value: &Value) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, serde_json::to_vec_pretty(value).expect("JSON")).expect("write");
}

/// A small export with a thread split over two days, an edit, a file, a bot,
/// a user missing from users.json and a second channel.
fn generated_export(root: &Path) {
    write_json(
        &root.join("users.json"),
        &json!([
            {"id": "U100", "name": "ana", "real_name": "Ana Lima"},
            {"id": "U200", "name": "bo", "profile": {"display_name": "Bo"}},
            {"id": "U300", "name": "deploybot", "is_bot": true, "real_name": "Deploy Bot"}
        ]),
    );
    write_json(
        &root.join("channels.json"),
        &json!([
            {"id": "C1", "name": "incident"}, {"id": "C2", "name": "random"}
        ]),
    );
    write_json(
        &root.join("incident/2024-03-05.json"),
        &json!([
            {"type": "message", "user": "U100", "text": "db is down <@U200>", "ts": "1709630000.000100", "thread_ts": "1709630000.000100"},
            {"type": "message", "user": "U200", "text": "unrelated chatter", "ts": "1709630060.000200"},
            {"type": "message", "user": "U200", "text": "looking", "ts": "1709630120.000300", "thread_ts": "1709630000.000100", "edited": {"user": "U200", "ts": "1709630130.000000"}},
            {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "pagerduty", "text": "", "attachments": [{"pretext": "Triggered", "text": "DB primary unreachable"}], "ts": "1709630180.000400"},
            {"type": "message", "user": "U300", "text": "rolled back build 42", "ts": "1709630240.000500"}
        ]),
    );
    write_json(
        &root.join("incident/2024-03-06.json"),
        &json!([
            {"type": "message", "user": "U999", "text": "late reply from a guest", "ts": "1709683200.000100", "thread_ts": "1709630000.000100"},
            {"type": "message", "subtype": "file_share", "user": "U100", "text": "<@U100> uploaded a file", "files": [{"name": "graph.png"}], "ts": "1709683260.000200"}
        ]),
    );
    write_json(
        &root.join("random/2024-03-05.json"),
        &json!([
            {"type": "message", "user": "U200", "text": "lunch?", "ts": "1709630100.000000"}
        ]),
    );
}

#[test]
fn threads_stay_together_and_people_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    generated_export(dir.path());
    let imported = common::import_one(dir.path());
    let incident: Vec<_> = imported
        .entries
        .iter()
        .zip(&imported.threads)
        .filter(|(e, _)| e.source == "slack #incident")
        .collect();
    let texts: Vec<&str> = incident.iter().map(|(e, _)| e.text.as_str()).collect();
    assert_eq!(texts.len(), 7);
    assert_eq!(texts[0], "db is down @Bo");
    assert_eq!(texts[1], "↳ in thread: looking (edited)");
    assert_eq!(
        texts[2], "↳ in thread: late reply from a guest",
        "a reply from the next day follows its parent"
    );
    assert_eq!(texts[3], "unrelated chatter");
    assert_eq!(texts[4], "Triggered DB primary unreachable");
    assert!(texts[6].contains("graph.png"));
    let thread = incident[0].1.clone().expect("the parent starts a thread");
    assert_eq!(incident[1].1.as_ref(), Some(&thread));
    assert_eq!(incident[2].1.as_ref(), Some(&thread));
    assert_eq!(incident[3].1, &None);
    let actors: Vec<Option<&str>> = incident.iter().map(|(e, _)| e.actor.as_deref()).collect();
    assert_eq!(actors[0], Some("Ana Lima"));
    assert_eq!(actors[1], Some("Bo"));
    assert_eq!(
        actors[2],
        Some("U999"),
        "a user missing from users.json keeps the id we have"
    );
    assert_eq!(actors[4], Some("pagerduty (bot)"));
    assert_eq!(actors[5], Some("Deploy Bot (bot)"));
    assert_eq!(
        incident[0].0.at,
        Timestamp::new(1_709_630_000, 100_000).expect("instant"),
        "Slack ts keeps its microseconds"
    );
    assert_eq!(imported.entries.len(), 8);
}

#[test]
fn a_zipped_export_inside_a_top_folder_imports_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("export");
    generated_export(&export);
    let zip_path = dir.path().join("export.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for file in common::files_under(&export) {
        let rel = file
            .strip_prefix(dir.path())
            .expect("under")
            .to_string_lossy()
            .replace('\\', "/");
        writer.start_file(rel, options).expect("start");
        writer
            .write_all(&std::fs::read(&file).expect("read"))
            .expect("write");
    }
    writer.finish().expect("finish");
    let from_zip = common::import_one(&zip_path);
    let from_folder = common::import_one(&export);
    let texts = |i: &Imported| i.entries.iter().map(|e| e.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&from_zip), texts(&from_folder));
}

#[test]
fn a_broken_day_file_is_refused_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    generated_export(dir.path());
    std::fs::write(
        dir.path().join("random/2024-03-06.json"),
        b"[{\"ts\": \"1\",\n  oops",
    )
    .expect("write");
    let err =
        import(dir.path(), &common::opts(), &mut common::no_progress()).expect_err("refused whole");
    let text = err.to_string();
    assert!(
        text.contains("random/2024-03-06.json") && text.contains("line 2"),
        "{text}"
    );
}

#[test]
fn an_export_imported_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    generated_export(dir.path());
    let mut first = common::import_one(dir.path());
    // People correct entries after accepting them, so the text no longer matches;
    // the post-mortem keeps no dedupe keys, so the key is read back from the evidence position.
    for e in &mut first.entries {
        e.text = format!("{} (corrected)", e.text);
    }
    let mut again = vec![common::import_one(dir.path())];
    assert_eq!(
        retrospect_importers::dedupe(&first.entries, &mut again),
        first.entries.len()
    );
    assert!(again[0].entries.is_empty());
}
