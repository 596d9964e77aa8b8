//! The stalwart mail-parser corpus: subject, sender and date we extract equal
//! the expected parse beside each `.eml`; malformed mails give a clear
//! per-file message while the rest of the batch imports; the maildir imports.

mod common;

use std::path::Path;

use retrospect_importers::email::summarize;
use retrospect_importers::time::from_fields;
use retrospect_importers::{SourceKind, detect, import};
use serde_json::Value;

#[derive(Debug, Default)]
struct Expected {
    subject: Option<String>,
    from: Option<String>,
    /// (UTC instant as text, offset), or None when the expected date is "Empty".
    date: Option<Option<(String, String)>>,
}

/// The expected values as mail-parser reports them: the last header of each
/// name wins (as `Message::subject()` and friends do).
fn expected(json: &Value) -> Expected {
    let mut out = Expected::default();
    let headers = json["parts"][0]["headers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for h in headers {
        let value = &h["value"];
        match h["name"].as_str() {
            Some("subject") => out.subject = value["Text"].as_str().map(|s| s.trim().to_string()),
            Some("from") => {
                let first = value["Address"]["List"].get(0).or_else(|| {
                    value["Address"]["Group"]
                        .get(0)
                        .and_then(|g| g["addresses"].get(0))
                });
                out.from = first.and_then(|a| {
                    let name = a["name"].as_str().map(str::trim).filter(|n| !n.is_empty());
                    let addr = a["address"]
                        .as_str()
                        .map(str::trim)
                        .filter(|n| !n.is_empty());
                    match (name, addr) {
                        (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
                        (Some(n), None) => Some(n.to_string()),
                        (None, Some(a)) => Some(a.to_string()),
                        (None, None) => None,
                    }
                });
            }
            Some("date") => {
                let d = &value["DateTime"];
                out.date = Some(if d.is_object() {
                    let n = |k: &str| d[k].as_i64().expect("numeric date field");
                    let sign = if d["tz_before_gmt"].as_bool() == Some(true) {
                        -1
                    } else {
                        1
                    };
                    let offset = sign * (n("tz_hour") * 3600 + n("tz_minute") * 60);
                    from_fields(
                        [
                            n("year"),
                            n("month"),
                            n("day"),
                            n("hour"),
                            n("minute"),
                            n("second"),
                        ],
                        offset as i32,
                    )
                    .map(|(at, zone)| (at.to_string(), zone))
                } else {
                    None
                });
            }
            _ => {}
        }
    }
    out
}

#[test]
fn subject_sender_and_date_match_the_expected_parse() {
    let Some(root) = common::data("email/stalwart-mail-parser/resources/eml") else {
        return;
    };
    let mut pairs = 0;
    let mut compared = 0;
    let mut fields_checked = 0;
    for eml in common::files_under(&root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
    {
        let json_path = eml.with_extension("json");
        let Ok(json_text) = std::fs::read_to_string(&json_path) else {
            continue;
        };
        pairs += 1;
        let json: Value = serde_json::from_str(&json_text).expect("expected parse is JSON");
        let want = expected(&json);
        if want.subject.is_none() && want.from.is_none() && want.date.is_none() {
            continue;
        }
        compared += 1;
        let raw = std::fs::read(&eml).expect("readable eml");
        let got = summarize(&raw).unwrap_or_else(|e| panic!("{}: {e}", eml.display()));
        let name = eml.display();
        if let Some(subject) = &want.subject {
            assert_eq!(got.subject.as_ref(), Some(subject), "subject of {name}");
            fields_checked += 1;
        }
        if want.from.is_some() {
            assert_eq!(got.from, want.from, "sender of {name}");
            fields_checked += 1;
        }
        if let Some(date) = &want.date {
            match date {
                Some((at, zone)) => {
                    assert_eq!(
                        got.date.map(|d| d.to_string()).as_ref(),
                        Some(at),
                        "date of {name}"
                    );
                    assert_eq!(got.zone.as_ref(), Some(zone), "zone of {name}");
                }
                None => assert!(got.date_problem.is_some() || got.date.is_some(), "{name}"),
            }
            fields_checked += 1;
        }
    }
    eprintln!(
        "stalwart: {pairs} mails with an expected parse, {compared} with subject/sender/date, {fields_checked} fields equal"
    );
    assert_eq!(
        pairs, 107,
        "every .eml in the corpus has its expected parse beside it"
    );
    assert_eq!(
        compared, 83,
        "mails whose expected parse has a subject, sender or date"
    );
    assert!(
        fields_checked >= 200,
        "only {fields_checked} fields compared"
    );
}

#[test]
fn every_corpus_mail_imports_or_says_why_per_file() {
    let Some(root) = common::data("email/stalwart-mail-parser/resources/eml") else {
        return;
    };
    let mut with_entry = 0;
    let mut explained = 0;
    for eml in common::files_under(&root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
    {
        assert_eq!(
            detect(&eml).expect("detect"),
            SourceKind::Email,
            "{} is an email",
            eml.display()
        );
        let imported = common::import_one(&eml);
        assert_eq!(
            imported.evidence.size,
            std::fs::metadata(&eml).expect("meta").len()
        );
        assert_eq!(imported.evidence.checksum.len(), 64);
        match imported.entries.len() {
            1 => with_entry += 1,
            0 => {
                let skip = imported
                    .skipped
                    .first()
                    .unwrap_or_else(|| panic!("{} gives neither entry nor reason", eml.display()));
                assert!(
                    skip.reason.contains("Date") || skip.reason.contains("date"),
                    "{}: {}",
                    eml.display(),
                    skip.reason
                );
                explained += 1;
            }
            n => panic!("{} gave {n} entries", eml.display()),
        }
    }
    eprintln!("stalwart: {with_entry} mails on the timeline, {explained} explained");
    assert_eq!(with_entry + explained, 107);
    assert!(with_entry >= 60, "{with_entry}");
}

#[test]
fn malformed_batch_imports_with_a_message_per_bad_file() {
    let Some(folder) = common::data("email/stalwart-mail-parser/resources/eml/malformed") else {
        return;
    };
    let batch =
        import(&folder, &common::opts(), &mut common::no_progress()).expect("the batch imports");
    let mails: Vec<_> = batch
        .iter()
        .filter(|i| i.evidence.name.ends_with(".eml"))
        .collect();
    // The expected-parse JSON files beside the mails are not evidence: each is named with its reason.
    let refused = &batch[0].skipped;
    assert_eq!(
        refused
            .iter()
            .filter(|s| s.place.ends_with(".json"))
            .count(),
        23,
        "{refused:?}"
    );
    assert_eq!(mails.len(), 23, "one evidence item per malformed mail");
    let mut messages = 0;
    for mail in &mails {
        if mail.entries.is_empty() {
            let skip = mail
                .skipped
                .iter()
                .find(|s| s.place.ends_with(".eml"))
                .expect("a per-file message");
            assert!(!skip.place.is_empty() && skip.reason.len() > 20, "{skip:?}");
            assert!(
                skip.place.ends_with(".eml"),
                "the message names the file: {skip:?}"
            );
            messages += 1;
        }
    }
    eprintln!(
        "malformed: {} on the timeline, {messages} with a message",
        mails.len() - messages
    );
    assert!(messages > 0 && messages < 23);
}

#[test]
fn the_maildir_imports_every_message_file() {
    let Some(maildir) = common::data("email/stalwart-mail-parser/resources/maildir") else {
        return;
    };
    assert_eq!(detect(&maildir).expect("detect"), SourceKind::Maildir);
    let message_files: Vec<_> = common::files_under(&maildir)
        .into_iter()
        .filter(|p| {
            let parent = p
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned());
            matches!(parent.as_deref(), Some("cur" | "new"))
        })
        .collect();
    let files = message_files.len();
    let total: u64 = message_files
        .iter()
        .map(|p| std::fs::metadata(p).expect("meta").len())
        .sum();
    let imported = common::import_one(&maildir);
    assert_eq!(
        files, 6,
        "the maildir and its two maildir++ folders hold six message files"
    );
    // These message files are placeholders ("b", "d"), not mails: each must be
    // reported by its path inside the maildir, and nothing may be lost.
    assert_eq!(
        imported.entries.len() + imported.skipped.len(),
        files,
        "{:?}",
        imported.skipped
    );
    for skip in &imported.skipped {
        assert!(
            skip.place.contains("cur/") || skip.place.contains("new/"),
            "{skip:?}"
        );
        assert!(!skip.reason.is_empty());
    }
    assert_eq!(
        imported.evidence.size, total,
        "the evidence size is the sum of the message files"
    );
}
