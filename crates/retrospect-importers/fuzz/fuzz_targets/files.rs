//! A file of any bytes, detected and imported as each kind we read: never a
//! panic, and entries always come with their parallel keys and threads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use retrospect_importers::{ImportOptions, SourceKind, detect, import_as};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("retrospect-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let opts = ImportOptions::new(retrospect_domain::Timestamp::UNIX_EPOCH);
    let _ = detect(&path);
    for kind in [
        SourceKind::Email,
        SourceKind::Mbox,
        SourceKind::GenericTimeline,
        SourceKind::WhatsApp,
        SourceKind::Discord,
        SourceKind::Telegram,
        SourceKind::Messenger,
        SourceKind::SlackExport,
        SourceKind::Document,
    ] {
        if let Ok(batch) = import_as(&path, &kind, &opts, &mut |_| {}) {
            for item in batch {
                assert_eq!(item.entries.len(), item.dedupe_keys.len());
                assert_eq!(item.entries.len(), item.threads.len());
            }
        }
    }
});
