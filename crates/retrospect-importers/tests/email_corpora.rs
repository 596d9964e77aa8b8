//! Other people's mail test corpora (ruby-mail, MimeKit, SpamScope): every
//! file imports or gets a clear per-file message, never a panic; mbox message
//! counts match MimeKit's offset files; the Outlook .msg is refused clearly.

mod common;

use std::path::Path;

use retrospect_importers::{ImportError, SourceKind, detect, import};
use serde_json::Value;

/// Detects and imports every file under a folder; returns (imported, refused).
fn sweep(root: &Path) -> (usize, usize) {
    let mut imported = 0;
    let mut refused = 0;
    for file in common::files_under(root) {
        let name = file.display().to_string();
        let kind = detect(&file).unwrap_or_else(|e| panic!("{name}: detection failed: {e}"));
        match import(&file, &common::opts(), &mut common::no_progress()) {
            Ok(batch) => {
                for item in &batch {
                    assert!(!item.evidence.checksum.is_empty(), "{name}");
                    if matches!(kind, SourceKind::Email) {
                        assert!(
                            item.entries.len() + item.skipped.len() >= 1,
                            "{name}: an email gives an entry or says why not"
                        );
                    }
                    for skip in &item.skipped {
                        assert!(
                            !skip.place.is_empty() && !skip.reason.is_empty(),
                            "{name}: {skip:?}"
                        );
                    }
                }
                imported += 1;
            }
            Err(e) => {
                let message = e.to_string();
                assert!(
                    message.contains(&*file.file_name().expect("a name").to_string_lossy()),
                    "{message}"
                );
                assert!(
                    matches!(
                        e,
                        ImportError::Unsupported { .. } | ImportError::LogFile { .. }
                    ),
                    "{name}: {message}"
                );
                refused += 1;
            }
        }
    }
    (imported, refused)
}

#[test]
fn ruby_mail_fixtures_import_or_are_refused_clearly() {
    let Some(root) = common::data("email/ruby-mail/spec/fixtures/emails") else {
        return;
    };
    let (imported, refused) = sweep(&root);
    eprintln!("ruby-mail: {imported} imported, {refused} refused with a reason");
    assert!(imported >= 90, "{imported}");
}

#[test]
fn mimekit_messages_import_or_are_refused_clearly() {
    let Some(root) = common::data("email/mimekit/UnitTests/TestData") else {
        return;
    };
    let (imported, refused) = sweep(&root);
    eprintln!("mimekit: {imported} imported, {refused} refused with a reason");
    assert!(imported >= 40, "{imported}");
}

#[test]
fn spamscope_mails_import_or_are_refused_clearly() {
    let Some(root) = common::data("email/spamscope-mail-parser/tests/mails") else {
        return;
    };
    let (imported, refused) = sweep(&root);
    eprintln!("spamscope: {imported} imported, {refused} refused with a reason");
    assert!(imported >= 20, "{imported}");
    assert!(refused >= 1, "the Outlook message is refused");
}

#[test]
fn the_outlook_msg_is_refused_with_what_to_do() {
    let Some(msg) = common::data("email/spamscope-mail-parser/tests/mails/mail_outlook_1") else {
        return;
    };
    let SourceKind::Unsupported(reason) = detect(&msg).expect("detect") else {
        panic!("an Outlook .msg must be refused")
    };
    assert!(
        reason.contains("Outlook") && reason.contains(".eml"),
        "{reason}"
    );
    let err = import(&msg, &common::opts(), &mut common::no_progress()).expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("mail_outlook_1") && text.contains("Outlook"),
        "{text}"
    );
}

fn offsets(path: &Path) -> usize {
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("offsets file")).expect("JSON");
    json.as_array().expect("a list of messages").len()
}

/// Subjects listed in a MimeKit summary file, one per message.
fn summary_subjects(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("summary file")
        .lines()
        .filter_map(|l| l.strip_prefix("Subject: "))
        .map(|s| s.trim().to_string())
        .collect()
}

#[test]
fn mbox_message_counts_match_mimekit_offsets() {
    let Some(dir) = common::data("email/mimekit/UnitTests/TestData/mbox") else {
        return;
    };
    let cases = [
        (
            "content-length.mbox.txt",
            Some("content-length.unix-offsets.json"),
            Some("content-length-summary.txt"),
            29,
        ),
        (
            "issue1189.mbox.txt",
            Some("issue1189.unix-offsets.json"),
            Some("issue1189-summary.txt"),
            4,
        ),
        ("simple.mbox.txt", None, None, 3),
        ("unmunged.mbox.txt", None, None, 2),
    ];
    for (file, offsets_file, summary, expected) in cases {
        let path = dir.join(file);
        assert_eq!(detect(&path).expect("detect"), SourceKind::Mbox, "{file}");
        if let Some(o) = offsets_file {
            assert_eq!(offsets(&dir.join(o)), expected, "{o} lists the messages");
        }
        let imported = common::import_one(&path);
        let count = imported.entries.len() + imported.skipped.len();
        assert_eq!(
            count,
            expected,
            "{file}: entries {:?} skipped {:?}",
            imported.entries.len(),
            imported.skipped
        );
        if let Some(s) = summary {
            let subjects = summary_subjects(&dir.join(s));
            assert_eq!(subjects.len(), expected, "{s}");
            for entry in &imported.entries {
                assert!(
                    subjects
                        .iter()
                        .any(|subj| entry.text.starts_with(subj.as_str())),
                    "{file}: {} is not among the summary's subjects",
                    entry.text
                );
            }
        }
        assert_eq!(
            imported.evidence.size,
            std::fs::metadata(&path).expect("meta").len()
        );
    }
}
