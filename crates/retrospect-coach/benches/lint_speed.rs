//! Prints how long linting a 10,000-line post-mortem takes (bar: under 100 ms).
//! Run with `cargo bench -p retrospect-coach`.

use retrospect_coach::{Context, lint_markdown};
use std::time::Instant;

fn build_doc(lines: usize) -> String {
    let pool = [
        "- 14:02 Dave failed to check the replica lag before promoting the standby.",
        "- 14:05 The health check failed to detect the hung worker process.",
        "- 14:07 Priya rolled back the release and the error rate dropped.",
        "The deploy tool did not ask for confirmation before targeting production.",
        "Just after 02:14 the error rate on checkout began to climb, as `kubectl get pods` showed.",
        "Alice said: \"who broke this?\" and then opened the deploy log.",
        "We burned 40% of the monthly error budget in one afternoon; root cause: human error.",
        "",
        "## Contributing factors",
        "Obviously the retry storm was going to overwhelm the database, and Bob broke prod.",
        "We should add an alert on replication lag and a runbook for failover.",
        "```",
        "rm -rf /var/lib/thing # someone should have checked",
        "```",
    ];
    let mut doc = String::from("---\ntitle: Checkout outage\n---\n# Timeline\n");
    for i in 0..lines {
        doc.push_str(pool[i % pool.len()]);
        doc.push('\n');
    }
    doc
}

/// About 10,000 lines of real post-mortems from the shared test data (read in place,
/// never copied), repeated as needed; `None` when the data is absent.
fn real_doc(lines: usize) -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/postmortems/icco-postmortems/data");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        return None;
    }
    let mut doc = String::new();
    let mut n = 0;
    'fill: loop {
        for t in &texts {
            for line in t.lines() {
                doc.push_str(line);
                doc.push('\n');
                n += 1;
                if n >= lines {
                    break 'fill;
                }
            }
        }
    }
    Some(doc)
}

fn measure(label: &str, doc: &str, ctx: &Context) {
    // Warm up: compiles the regexes once.
    let warm = lint_markdown(doc, ctx);
    // Each run timed on its own: on a shared 2-core machine the median shows the
    // typical cost and the minimum what the code needs when it has the cores.
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..15 {
        let start = Instant::now();
        n = lint_markdown(doc, ctx).len();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "lint_markdown ({label}): {} lines, {} bytes, {} findings: median {:.1} ms, min {:.1} ms per run (bar: 100 ms)",
        doc.lines().count(),
        doc.len(),
        n.max(warm.len()),
        times[times.len() / 2],
        times[0]
    );
}

fn main() {
    let ctx = Context::new().with_names(["Dave", "Priya", "Alice", "Bob"]);
    measure("synthetic", &build_doc(10_000), &ctx);
    match real_doc(10_000) {
        Some(doc) => measure("real post-mortems", &doc, &Context::new()),
        None => eprintln!("SKIPPED: real post-mortems not found; synthetic figure only"),
    }
}
