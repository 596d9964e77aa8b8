//! The streaming path (`write_mine_csv`: reader thread, parallel workers,
//! chunked mining) must give every line the same timestamp and the same
//! grouping as mining the whole text in memory (`mine_text`), whatever the
//! thread count and however the file is cut into chunks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use retrospect_logs::{Options, mine_text, write_mine_csv};

const SYSTEMS: [&str; 10] = [
    "Apache",
    "BGL",
    "HDFS",
    "Hadoop",
    "HealthApp",
    "Linux",
    "Mac",
    "OpenSSH",
    "Spark",
    "Zookeeper",
];

fn loghub() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/loghub");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "shared test data missing at {} (required under CI)",
            dir.display()
        );
    }
    eprintln!(
        "\n!!! SKIPPED: streaming vs memory check: {} not found !!!\n",
        dir.display()
    );
    None
}

/// (timestamp, template id) per line from the CSV rows.
fn rows(csv: &str) -> Vec<(String, String)> {
    csv.lines()
        .skip(1)
        .map(|r| {
            let mut f = r.splitn(4, ',');
            let _line = f.next();
            let ts = f.next().unwrap_or("").to_string();
            let id = f.next().unwrap_or("").to_string();
            (ts, id)
        })
        .collect()
}

/// Two labelings describe the same partition of the lines.
fn same_partition<A: std::hash::Hash + Eq + Clone, B: std::hash::Hash + Eq + Clone>(
    a: &[A],
    b: &[B],
) -> bool {
    let mut ab: HashMap<A, B> = HashMap::new();
    let mut ba: HashMap<B, A> = HashMap::new();
    a.iter().zip(b).all(|(x, y)| {
        ab.entry(x.clone()).or_insert_with(|| y.clone()) == y
            && ba.entry(y.clone()).or_insert_with(|| x.clone()) == x
    })
}

fn check(path: &Path, threads: usize) {
    let data = std::fs::read(path).unwrap();
    let opts = Options {
        year: Some(2005),
        threads,
        ..Options::default()
    };
    let mem = mine_text(&data, &opts);
    let mut out = Vec::new();
    let summary = write_mine_csv(&[path.to_path_buf()], &opts, &mut out).unwrap();
    let streamed = rows(&String::from_utf8(out).unwrap());
    assert_eq!(streamed.len(), mem.lines.len(), "{}", path.display());
    assert_eq!(summary.lines, mem.lines.len() as u64);
    for (s, m) in streamed.iter().zip(&mem.lines) {
        let want = m.timestamp.map(|t| t.to_string()).unwrap_or_default();
        assert_eq!(s.0, want, "{} line {}", path.display(), m.line);
    }
    let ids: Vec<&String> = streamed.iter().map(|r| &r.1).collect();
    let mem_ids: Vec<u32> = mem.lines.iter().map(|l| l.template).collect();
    assert!(
        same_partition(&ids, &mem_ids),
        "{}: grouping differs",
        path.display()
    );
}

#[test]
fn every_system_streams_like_memory() {
    let Some(dir) = loghub() else { return };
    for sys in [
        "Apache",
        "BGL",
        "HDFS",
        "Hadoop",
        "HealthApp",
        "Linux",
        "Mac",
        "OpenSSH",
        "Spark",
        "Zookeeper",
    ] {
        check(&dir.join(sys).join(format!("{sys}_2k.log")), 2);
    }
}

#[test]
fn mixed_layouts_across_chunks_agree() {
    let Some(dir) = loghub() else { return };
    // The ten logs one after another, four times (about 10 MB): the
    // layout changes every 2,000 lines and chunks start mid-run.
    let mut all = Vec::new();
    for sys in SYSTEMS {
        all.extend(std::fs::read(dir.join(sys).join(format!("{sys}_2k.log"))).unwrap());
        all.push(b'\n');
    }
    let tmp = std::env::temp_dir().join(format!("retrospect-logs-mixed-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let path = tmp.join("mixed.log");
    std::fs::write(&path, all.repeat(4)).unwrap();
    check(&path, 2);
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn many_chunks_and_thread_counts_agree() {
    let Some(dir) = loghub() else { return };
    // About 9.5 MB: three reader chunks, so chunk boundaries and the
    // per-chunk sequence tables are exercised.
    let one = std::fs::read(dir.join("Mac").join("Mac_2k.log")).unwrap();
    let tmp = std::env::temp_dir().join(format!("retrospect-logs-chunks-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let path = tmp.join("mac30.log");
    std::fs::write(&path, one.repeat(30)).unwrap();
    for threads in [1, 2, 3] {
        check(&path, threads);
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
