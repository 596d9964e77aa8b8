//! Mailboxes written here: multi-level threads with missing parents, subject
//! fallback, mixed zones, quotes, attachments, undated mail, maildir layout,
//! time windows and de-duplication across an mbox and an `.eml`.

mod common;

use std::collections::HashMap;
use std::path::Path;

use retrospect_importers::{Imported, SourceKind, dedupe, detect, import};

struct Mail<'a> {
    id: &'a str,
    date: Option<&'a str>,
    from: &'a str,
    subject: &'a str,
    headers: &'a str,
    body: &'a str,
}

fn render(m: &Mail<'_>) -> String {
    let mut s = format!(
        "From: {}\nSubject: {}\nMessage-ID: <{}>\n",
        m.from, m.subject, m.id
    );
    if let Some(d) = m.date {
        s.push_str(&format!("Date: {d}\n"));
    }
    s.push_str(m.headers);
    s.push('\n');
    s.push_str(m.body);
    s
}

fn mails() -> Vec<Mail<'static>> {
    vec![
        Mail {
            id: "a@x",
            date: Some("Tue, 05 Mar 2024 10:00:00 +0200"),
            from: "Ana <ana@x>",
            subject: "Database outage",
            headers: "",
            body: "Primary is down.\n\n-- \nAna\n",
        },
        Mail {
            id: "b@x",
            date: Some("Tue, 05 Mar 2024 01:05:00 -0700"),
            from: "Bo <bo@x>",
            subject: "Re: Database outage",
            headers: "In-Reply-To: <a@x>\nReferences: <a@x>\n",
            body: "Failing over now.\n\nOn Tue, Ana wrote:\n> Primary is down.\n",
        },
        Mail {
            id: "c@x",
            date: Some("Tue, 05 Mar 2024 08:10:00 +0000"),
            from: "Cy <cy@x>",
            subject: "Re: Re: Database outage",
            headers: "References: <a@x> <m-missing@x>\nIn-Reply-To: <m-missing@x>\n",
            body: "Replica promoted.\n",
        },
        Mail {
            id: "d@x",
            date: Some("Tue, 05 Mar 2024 17:20:00 +0900"),
            from: "Di <di@x>",
            subject: "RE: Database outage",
            headers: "In-Reply-To: <gone@x>\n",
            body: "Customers see errors.\n",
        },
        Mail {
            id: "e@x",
            date: Some("Tue, 05 Mar 2024 09:30:00 +0100"),
            from: "Ed <ed@x>",
            subject: "AW: SV: Database outage",
            headers: "",
            body: "Status page updated.\n",
        },
        Mail {
            id: "f@x",
            date: Some("Mon, 04 Mar 2024 09:00:00 +0000"),
            from: "Fi <fi@x>",
            subject: "Weekly report",
            headers: "",
            body: "All quiet.\n",
        },
        Mail {
            id: "g@x",
            date: Some("Mon, 11 Mar 2024 09:00:00 +0000"),
            from: "Fi <fi@x>",
            subject: "Weekly report",
            headers: "",
            body: "One outage.\n",
        },
        Mail {
            id: "h@x",
            date: Some("Tue, 05 Mar 2024 12:00:00 +0530"),
            from: "Hu <hu@x>",
            subject: "Something else",
            headers: "In-Reply-To: <h-parent@x>\n",
            body: "A side question.\n",
        },
        Mail {
            id: "i@x",
            date: Some("Tue, 05 Mar 2024 12:30:00 +0530"),
            from: "Io <io@x>",
            subject: "Re: Something else",
            headers: "In-Reply-To: <h@x>\n",
            body: "Answered.\n>From a quoted mbox line\n",
        },
        Mail {
            id: "j@x",
            date: None,
            from: "Jo <jo@x>",
            subject: "No date here",
            headers: "",
            body: "Lost in time.\n",
        },
        Mail {
            id: "k@x",
            date: Some("Tue, 05 Mar 2024 11:00:00 +0000"),
            from: "Ana <ana@x>",
            subject: "Re: Database outage",
            headers: "References: <a@x> <b@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"XX\"\n",
            body: "--XX\nContent-Type: text/plain\n\nPostmortem draft attached.\n\nThanks,\nAna\n--XX\nContent-Type: application/pdf; name=\"report.pdf\"\nContent-Disposition: attachment; filename=\"report.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\n--XX--\n",
        },
    ]
}

/// An mboxrd mailbox: separators, and body lines starting "From " escaped.
fn write_mbox(path: &Path, mails: &[Mail<'_>]) {
    let mut out = String::new();
    for m in mails {
        out.push_str("From sender@x Tue Mar  5 10:00:00 2024\n");
        for line in render(m).lines() {
            let quoted = line.trim_start_matches('>');
            if quoted.starts_with("From ") {
                out.push('>');
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    std::fs::write(path, out).expect("write mbox");
}

fn by_actor(imported: &Imported) -> HashMap<String, (usize, String)> {
    imported
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let name = e
                .actor
                .clone()
                .expect("actor")
                .split(' ')
                .next()
                .expect("a name")
                .to_string();
            (
                name,
                (
                    i,
                    imported.threads[i]
                        .clone()
                        .expect("every mail is in a thread"),
                ),
            )
        })
        .collect()
}

#[test]
fn threads_hold_through_missing_parents_and_subject_fallback() {
    let dir = tempfile::tempdir().expect("temp");
    let mbox = dir.path().join("incident.mbox");
    write_mbox(&mbox, &mails());
    assert_eq!(detect(&mbox).expect("detect"), SourceKind::Mbox);
    let imported = common::import_one(&mbox);
    assert_eq!(imported.entries.len(), 10, "{:?}", imported.skipped);
    assert_eq!(imported.skipped.len(), 1);
    assert!(
        imported.skipped[0].reason.contains("no Date header"),
        "{:?}",
        imported.skipped
    );
    assert!(
        imported.skipped[0].place.starts_with("message 10 (byte "),
        "{:?}",
        imported.skipped
    );

    let t = by_actor(&imported);
    let outage = &t["Ana"].1;
    assert_eq!(outage, "a@x", "the thread is keyed by its first message");
    for who in ["Bo", "Cy", "Di", "Ed"] {
        assert_eq!(&t[who].1, outage, "{who} belongs to the outage thread");
    }
    assert_ne!(t["Fi"].1, *outage);
    let weekly: Vec<_> = imported
        .threads
        .iter()
        .zip(&imported.entries)
        .filter(|(_, e)| e.text.starts_with("Weekly"))
        .collect();
    assert_ne!(
        weekly[0].0, weekly[1].0,
        "two plain 'Weekly report' mails are two conversations"
    );
    assert_eq!(
        t["Hu"].1, t["Io"].1,
        "a reply joins a thread whose own parent is missing"
    );
    assert_eq!(t["Hu"].1, "h@x");
}

#[test]
fn zones_quotes_signatures_and_attachments() {
    let dir = tempfile::tempdir().expect("temp");
    let mbox = dir.path().join("incident.mbox");
    write_mbox(&mbox, &mails());
    let imported = common::import_one(&mbox);
    let entry = |who: &str| {
        imported
            .entries
            .iter()
            .find(|e| {
                e.actor.as_deref().is_some_and(|a| a.starts_with(who))
                    && !e.text.contains("report.pdf")
            })
            .expect("entry")
    };
    let ana = entry("Ana");
    assert_eq!(ana.at.to_string(), "2024-03-05T08:00:00Z");
    assert_eq!(ana.zone.as_deref(), Some("+02:00"));
    assert_eq!(ana.text, "Database outage: Primary is down.");
    let bo = entry("Bo");
    assert_eq!(bo.at.to_string(), "2024-03-05T08:05:00Z");
    assert_eq!(bo.zone.as_deref(), Some("-07:00"));
    assert_eq!(bo.text, "Re: Database outage: Failing over now.");
    assert_eq!(entry("Hu").zone.as_deref(), Some("+05:30"));
    assert_eq!(entry("Di").zone.as_deref(), Some("+09:00"));
    assert!(
        entry("Io").text.contains("Answered."),
        "{}",
        entry("Io").text
    );
    let with_pdf = imported
        .entries
        .iter()
        .find(|e| e.text.contains("report.pdf"))
        .expect("attachment listed");
    assert!(
        with_pdf.text.starts_with(
            "Re: Database outage: Postmortem draft attached. (attachments: report.pdf, "
        ),
        "{}",
        with_pdf.text
    );
    assert!(
        !with_pdf.text.contains("JVBER"),
        "attachments are listed, not inlined"
    );
    let position = ana.evidence.as_ref().and_then(|r| r.position.as_deref());
    assert_eq!(position, Some("message <a@x>"));
    assert_eq!(imported.dedupe_keys[0].as_deref(), Some("email:a@x"));
}

#[test]
fn the_same_mail_in_an_mbox_and_an_eml_is_shown_once() {
    let dir = tempfile::tempdir().expect("temp");
    let mbox = dir.path().join("box.mbox");
    write_mbox(&mbox, &mails());
    let eml = dir.path().join("b.eml");
    std::fs::write(&eml, render(&mails()[1])).expect("write eml");
    let mut batches = vec![common::import_one(&mbox), common::import_one(&eml)];
    let removed = dedupe(&[], &mut batches);
    assert_eq!(removed, 1);
    assert_eq!(batches[0].entries.len(), 10);
    assert!(
        batches[1].entries.is_empty(),
        "the .eml's only mail was already there"
    );
    assert_eq!(batches[1].dedupe_keys.len(), 0);

    // Against a post-mortem that already holds the mailbox's entries, nothing new comes in.
    let existing = common::import_one(&mbox).entries;
    let mut again = vec![common::import_one(&mbox)];
    assert_eq!(dedupe(&existing, &mut again), 10);
    assert!(again[0].entries.is_empty());
}

#[test]
fn a_maildir_skips_tmp_and_reads_cur_and_new() {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path().join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
    }
    let all = mails();
    std::fs::write(root.join("cur/1.host:2,S"), render(&all[0])).expect("write");
    std::fs::write(root.join("new/2.host"), render(&all[1])).expect("write");
    std::fs::write(root.join("tmp/3.host"), render(&all[2])).expect("write");
    assert_eq!(detect(&root).expect("detect"), SourceKind::Maildir);
    let imported = common::import_one(&root);
    assert_eq!(
        imported.entries.len(),
        2,
        "a delivery still in tmp/ is not read"
    );
    assert_eq!(imported.threads[0], imported.threads[1]);
}

#[test]
fn the_time_window_keeps_only_what_is_inside() {
    let dir = tempfile::tempdir().expect("temp");
    let mbox = dir.path().join("box.mbox");
    write_mbox(&mbox, &mails());
    let mut opts = common::opts();
    opts.from = Some("2024-03-05T00:00:00Z".parse().expect("instant"));
    opts.to = Some("2024-03-05T23:59:59Z".parse().expect("instant"));
    let batch = import(&mbox, &opts, &mut common::no_progress()).expect("imports");
    let imported = &batch[0];
    assert_eq!(
        imported.entries.len(),
        8,
        "the two weekly reports fall outside"
    );
    assert_eq!(imported.entries.len(), imported.threads.len());
    assert!(
        imported
            .skipped
            .iter()
            .any(|s| s.place == "time window" && s.reason.starts_with("2 messages"))
    );
}
