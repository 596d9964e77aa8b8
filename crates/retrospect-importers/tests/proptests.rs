//! The email, mbox and CSV readers never panic, whatever bytes they are given.

mod common;

use std::io::BufReader;

use proptest::prelude::*;
use retrospect_importers::email::mbox::MboxReader;
use retrospect_importers::email::{read_mail, summarize};
use retrospect_importers::{SourceKind, detect_bytes, import_as};

/// Bytes that look a little like mail, so the parsers get past their first checks.
fn mailish() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        Just(b"From: a@b\n".to_vec()),
        Just(b"Subject: Re: x\n".to_vec()),
        Just(b"Date: Tue, 5 Mar 2024 10:00:00 +0200\n".to_vec()),
        Just(b"Content-Type: multipart/mixed; boundary=\"b\"\n".to_vec()),
        Just(b"--b\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"From - Tue Mar  5 10:00:00 2024\n".to_vec()),
        Just(b">From quoted\n".to_vec()),
        Just(b"Content-Length: 12\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..40),
    ];
    proptest::collection::vec(line, 0..40).prop_map(|lines| lines.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mail_reading_never_panics(bytes in prop_oneof![proptest::collection::vec(any::<u8>(), 0..2000), mailish()]) {
        let _ = read_mail(&bytes);
        let _ = summarize(&bytes);
        let _ = detect_bytes(std::path::Path::new("x"), &bytes);
    }

    #[test]
    fn mbox_reading_never_panics_and_loses_no_separator(bytes in mailish()) {
        let mut reader = MboxReader::new(BufReader::new(&bytes[..]), 1 << 16);
        let mut total = 0usize;
        let mut count = 0;
        while let Some(message) = reader.next_message().expect("reading memory cannot fail") {
            total += message.bytes.len();
            count += 1;
            prop_assert!(count <= bytes.len() + 1);
        }
        prop_assert!(total <= bytes.len());
    }

    #[test]
    fn files_of_any_bytes_import_or_are_refused(bytes in prop_oneof![proptest::collection::vec(any::<u8>(), 0..1500), mailish()]) {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("input");
        std::fs::write(&path, &bytes).expect("write");
        for kind in [SourceKind::Email, SourceKind::Mbox, SourceKind::GenericTimeline] {
            if let Ok(batch) = import_as(&path, &kind, &common::opts(), &mut common::no_progress()) {
                for item in batch {
                    prop_assert_eq!(item.entries.len(), item.dedupe_keys.len());
                    prop_assert_eq!(item.entries.len(), item.threads.len());
                }
            }
        }
    }

    #[test]
    fn csv_of_any_rows_never_panics(rows in proptest::collection::vec("[^\n\r]{0,60}", 0..30)) {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("t.csv");
        let text = format!("time,text,actor\n{}", rows.join("\n"));
        std::fs::write(&path, text).expect("write");
        let batch = import_as(&path, &SourceKind::GenericTimeline, &common::opts(), &mut common::no_progress())
            .expect("a table with a header imports");
        let item = &batch[0];
        let non_empty = rows.iter().filter(|r| !r.split(',').all(|f| f.trim().is_empty())).count();
        prop_assert!(item.entries.len() + item.skipped.len() <= non_empty + 1);
    }
}
