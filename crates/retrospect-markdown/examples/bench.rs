//! Times export and import of large documents (run in release):
//! `cargo run --release -p retrospect-markdown --example bench`.

use std::time::Instant;

use retrospect_domain::{Kind, PostMortem, TimelineEntry, Timestamp};
use retrospect_markdown::{from_bytes, from_markdown_at, to_markdown};

fn main() {
    // Our own format: 20,000 timeline entries (the limit) with long texts.
    let mut pm =
        PostMortem::new("Large post-mortem", Kind::Incident, Timestamp::UNIX_EPOCH).expect("title");
    let entries: Vec<TimelineEntry> = (0..20_000i64)
        .map(|i| {
            let mut e = TimelineEntry::new(
                Timestamp::from_second(1_700_000_000 + i * 7).expect("time"),
                &format!("entry {i}: upstream | refused connection; pool {i} of 64 in use, retrying with backoff and jitter until the circuit opens"),
            )
            .expect("text");
            e.zone = Some("Europe/Berlin".into());
            e
        })
        .collect();
    pm.add_entries(entries).expect("entries");
    pm.summary = "A paragraph of summary text. ".repeat(20_000);
    let started = Instant::now();
    let markdown = to_markdown(&pm);
    let export = started.elapsed();
    let started = Instant::now();
    let back = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None).expect("import");
    let import = started.elapsed();
    assert_eq!(back.postmortem, pm);
    println!(
        "own format: {:.1} MiB, {} entries: export {:?}, import {:?} ({:.0} MiB/s)",
        markdown.len() as f64 / 1048576.0,
        pm.timeline.len(),
        export,
        import,
        markdown.len() as f64 / 1048576.0 / import.as_secs_f64()
    );

    // A foreign document near the 20 MiB limit: a long list timeline and prose.
    let mut doc =
        String::from("# Big outage\n\n## Timeline\n\nAll times are in UTC.\n\n### 2024-03-05\n\n");
    let mut i = 0u64;
    while i < 19_000 {
        doc.push_str(&format!("- {:02}:{:02} UTC: step {i} of the rollout reached another region, and the dashboards were checked by the on-call engineer\n", (i / 60) % 24, i % 60));
        i += 1;
    }
    doc.push_str("\n## Background\n\n");
    while doc.len() < 19 * 1024 * 1024 {
        doc.push_str(
            "Prose that nobody structured, kept verbatim as a free section of the post-mortem. ",
        );
        if doc.len() % 7 == 0 {
            doc.push('\n');
        }
    }
    let started = Instant::now();
    let result = from_bytes("big.md", doc.as_bytes());
    let elapsed = started.elapsed();
    match result {
        Ok(import) => println!(
            "foreign: {:.1} MiB: {} entries in {:?} ({:.0} MiB/s)",
            doc.len() as f64 / 1048576.0,
            import.postmortem.timeline.len(),
            elapsed,
            doc.len() as f64 / 1048576.0 / elapsed.as_secs_f64()
        ),
        Err(e) => println!(
            "foreign: {:.1} MiB refused in {elapsed:?}: {e}",
            doc.len() as f64 / 1048576.0
        ),
    }
}
