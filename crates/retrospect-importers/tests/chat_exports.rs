//! Discord, Telegram, WhatsApp and Messenger exports from chat-analytics'
//! samples: every message present, authors named, zones as written.

mod common;

use retrospect_importers::{SourceKind, detect, import};
use serde_json::Value;

fn json(path: &std::path::Path) -> Value {
    let bytes = std::fs::read(path).expect("readable");
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(bytes).expect("JSON")
}

#[test]
fn discord_exports_keep_every_message_with_its_offset() {
    let Some(dir) = common::data("chat/chat-analytics-samples/discord") else {
        return;
    };
    let mut files = 0;
    for file in common::files_under(&dir) {
        assert_eq!(
            detect(&file).expect("detect"),
            SourceKind::Discord,
            "{}",
            file.display()
        );
        let expected = json(&file)["messages"].as_array().expect("messages").len();
        let imported = common::import_one(&file);
        assert_eq!(
            imported.entries.len(),
            expected,
            "{}: {:?}",
            file.display(),
            imported.skipped
        );
        for e in &imported.entries {
            assert_eq!(e.zone.as_deref(), Some("+00:00"));
            assert!(e.actor.is_some() && e.source.starts_with("discord"));
        }
        files += 1;
    }
    assert_eq!(files, 3);
    let sv = common::import_one(&dir.join("SV_5A_5M.json"));
    assert!(
        sv.entries
            .iter()
            .any(|e| e.text.contains("(attachments: unknown.png, 161 KB)")),
        "{:?}",
        sv.entries
    );
    assert!(sv.entries.iter().any(|e| e.text.ends_with("(edited)")));
}

#[test]
fn telegram_exports_read_unix_times_and_styled_text() {
    let Some(dir) = common::data("chat/chat-analytics-samples/telegram") else {
        return;
    };
    for name in ["DM_2A_7M.json", "BIG_20A_5475M.json"] {
        let file = dir.join(name);
        assert_eq!(detect(&file).expect("detect"), SourceKind::Telegram);
        let expected = json(&file)["messages"].as_array().expect("messages").len();
        let imported = common::import_one(&file);
        assert_eq!(
            imported.entries.len(),
            expected,
            "{name}: {:?}",
            imported.skipped
        );
    }
    let dm = common::import_one(&dir.join("DM_2A_7M.json"));
    assert!(
        dm.entries.iter().any(|e| e.text == "https://google.com 👀"),
        "{:?}",
        dm.entries
    );
    assert!(
        dm.entries
            .iter()
            .any(|e| e.text.contains("[joined telegram]"))
    );
    assert!(dm.entries.iter().all(|e| e.actor.is_some()));
}

#[test]
fn whatsapp_chats_import_from_text_and_zip() {
    let Some(dir) = common::data("chat/chat-analytics-samples/whatsapp") else {
        return;
    };
    let txt = dir.join("4A_11M.txt");
    let zip = dir.join("4A_11M.zip");
    assert_eq!(detect(&txt).expect("detect"), SourceKind::WhatsApp);
    assert_eq!(detect(&zip).expect("detect"), SourceKind::WhatsApp);
    let from_txt = common::import_one(&txt);
    let from_zip = common::import_one(&zip);
    let lines = std::fs::read_to_string(&txt).expect("text");
    let starts = lines
        .lines()
        .filter(|l| {
            l.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '[')
        })
        .count();
    assert_eq!(from_txt.entries.len(), starts);
    let texts = |i: &retrospect_importers::Imported| {
        i.entries
            .iter()
            .map(|e| (e.at, e.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&from_txt), texts(&from_zip));
    let two = common::import_one(&dir.join("2A_5M.txt"));
    assert_eq!(two.entries.len(), 5);
    assert_eq!(two.entries[0].actor.as_deref(), Some("A"));
    assert_eq!(
        two.entries[0].at.to_string(),
        "2021-01-01T12:00:00Z",
        "zone-less times are UTC without --tz"
    );

    let mut opts = common::opts();
    opts.default_zone = Some("Europe/Madrid".into());
    let batch = import(&dir.join("2A_5M.txt"), &opts, &mut common::no_progress()).expect("imports");
    assert_eq!(batch[0].entries[0].at.to_string(), "2021-01-01T11:00:00Z");
    assert_eq!(batch[0].entries[0].zone.as_deref(), Some("Europe/Madrid"));
}

#[test]
fn messenger_exports_are_put_in_time_order() {
    let Some(file) = common::data("chat/chat-analytics-samples/messenger/2A_7M.json") else {
        return;
    };
    assert_eq!(detect(&file).expect("detect"), SourceKind::Messenger);
    let imported = common::import_one(&file);
    assert_eq!(
        imported.entries.len(),
        json(&file)["messages"].as_array().expect("list").len()
    );
    assert!(imported.entries.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(
        imported
            .entries
            .iter()
            .any(|e| e.text.contains("blabla.docx"))
    );
}
