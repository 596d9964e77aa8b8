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

fn main() {
    let doc = build_doc(10_000);
    let ctx = Context::new().with_names(["Dave", "Priya", "Alice", "Bob"]);
    // Warm up: compiles the regexes once.
    let warm = lint_markdown(&doc, &ctx);
    let runs = 10;
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..runs {
        n = lint_markdown(&doc, &ctx).len();
    }
    let per = start.elapsed() / runs;
    println!(
        "lint_markdown: {} lines, {} bytes, {} findings: {:.1} ms per run (bar: 100 ms)",
        doc.lines().count(),
        doc.len(),
        n.max(warm.len()),
        per.as_secs_f64() * 1000.0
    );
}
