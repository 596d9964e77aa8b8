//! End-to-end throughput of `analyze_file` (read, timestamps, mining):
//! `logs-bench FILE...` prints MB/s, lines/s and templates per file.
//! `LOGS_BENCH_THREADS=N` sets the number of workers.

use std::path::PathBuf;
use std::time::Instant;

use retrospect_logs::{Options, analyze_file};

fn main() {
    let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        eprintln!("usage: logs-bench FILE...");
        std::process::exit(2);
    }
    // LOGS_BENCH_THREADS=N pins the worker count (default: one per core).
    let threads = std::env::var("LOGS_BENCH_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let opts = Options {
        threads,
        ..Options::default()
    };
    for f in files {
        let size = std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        let start = Instant::now();
        match analyze_file(&f, &opts, &mut |_| {}) {
            Ok(a) => {
                let secs = start.elapsed().as_secs_f64();
                println!(
                    "{}\t{:.1} MB/s\t{:.0} lines/s\t{} lines\t{} templates\t{:.2} s",
                    f.display(),
                    size as f64 / 1e6 / secs,
                    a.lines as f64 / secs,
                    a.lines,
                    a.templates.len(),
                    secs
                );
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
}
