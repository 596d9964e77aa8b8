//! Precision on real writing: 242 public post-mortems and the incident reports in
//! `/work/shared/data`, read in place (their licences do not let us copy them; only
//! hashes and our own verdicts live in `tests/data`). Missing data is skipped with a
//! loud message, except under `CI=true`, where it fails.
//!
//! - `real_postmortems_whole_documents`: `lint_markdown` on every file. Each finding at
//!   warning or above was read and judged (`real_postmortems_reviewed.tsv`, keyed by
//!   fingerprint); a finding nobody reviewed counts as a false positive.
//! - `real_sentences_hand_labelled`: 424 sentences labelled by hand before the coach
//!   was run on them (`real_sentence_labels.tsv`, keyed by a hash of the sentence).

use retrospect_coach::{Context, Severity, lint_markdown, lint_text};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

fn data_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if root.join("postmortems/icco-postmortems/data").is_dir() {
        return Some(root);
    }
    let msg = format!(
        "SKIPPED: real post-mortems not found at {} (shared test data)",
        root.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{msg}; CI=true requires it");
    }
    eprintln!("\n*** {msg} ***\n");
    None
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// The corpus: the post-mortems, then the incident reports (templates left out), as
/// paths relative to the data root.
fn corpus(root: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    markdown_files(&root.join("postmortems/icco-postmortems/data"), &mut files);
    let mut timelines = Vec::new();
    markdown_files(&root.join("timelines"), &mut timelines);
    files.extend(
        timelines
            .into_iter()
            .filter(|p| !p.to_string_lossy().contains("template")),
    );
    let mut out: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            (rel, p)
        })
        .collect();
    out.sort();
    out
}

/// Rows of a tab-separated file in `tests/data`, comments skipped.
fn tsv(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn real_postmortems_whole_documents() {
    let Some(root) = data_root() else { return };
    let reviewed: HashMap<(String, String), String> = tsv("real_postmortems_reviewed.tsv")
        .into_iter()
        .map(|r| ((r[0].clone(), r[1].clone()), r[2].clone()))
        .collect();
    let files = corpus(&root);
    assert!(
        files.len() >= 260,
        "expected the full corpus, found {}",
        files.len()
    );
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    let mut files_with_findings = 0;
    let mut blame_seen = std::collections::HashSet::new();
    for (rel, path) in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let findings: Vec<_> = lint_markdown(&text, &Context::new())
            .into_iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        files_with_findings += usize::from(!findings.is_empty());
        for f in findings {
            let fp = f.fingerprint().to_string();
            let verdict = reviewed
                .get(&(rel.clone(), fp.clone()))
                .map_or("unreviewed", String::as_str);
            if verdict == "blame" {
                blame_seen.insert((rel.clone(), fp.clone()));
            }
            if verdict == "false-positive" || verdict == "unreviewed" {
                println!(
                    "  {verdict}: {rel}:{}:{} {} '{}'",
                    f.line, f.column, f.rule, f.text
                );
            }
            *verdicts.entry(verdict.to_string()).or_default() += 1;
        }
    }
    let count = |k: &str| verdicts.get(k).copied().unwrap_or(0);
    let false_positives = count("false-positive") + count("unreviewed");
    let blame_total = reviewed.values().filter(|v| *v == "blame").count();
    let precision = count("blame") as f64 / (count("blame") + false_positives).max(1) as f64;
    println!(
        "real post-mortems: {} files, {files_with_findings} with findings; {verdicts:?}; precision (borderline excluded) {precision:.3}; reviewed blame still found {}/{blame_total}",
        files.len(),
        blame_seen.len()
    );
    assert!(
        false_positives <= MAX_WHOLE_DOC_FALSE_POSITIVES,
        "{false_positives} false or unreviewed findings on real post-mortems (see above); review them in real_postmortems_reviewed.tsv or fix the rule"
    );
    assert!(
        blame_seen.len() as f64 >= MIN_KNOWN_BLAME_FOUND * blame_total as f64,
        "known blame on real post-mortems no longer found"
    );
}

/// Sentences as the labelling script cut them: front matter and code fences dropped,
/// paragraphs joined into one line with list and quote markers stripped, split after
/// `.`, `!` or `?` when the next word starts with a capital, a digit, a quote or `(`;
/// only sentences of five words or more.
fn sentences(raw: &str) -> Vec<String> {
    let mut t = raw.replace("\r\n", "\n").replace('\r', "\n");
    if t.starts_with("---")
        && let Some(e) = t[3..].find("\n---").map(|e| e + 3)
        && e > 0
    {
        t = t[e + 4..].to_string();
    }
    while let Some(a) = t.find("```") {
        let Some(b) = t[a + 3..].find("```") else {
            break;
        };
        t.replace_range(a..a + 3 + b + 3, "");
    }
    let paragraph_break = regex::Regex::new(r"\n\s*\n").expect("regex");
    let mut out = Vec::new();
    for para in paragraph_break.split(&t) {
        let joined = para
            .lines()
            .map(|l| {
                l.trim()
                    .trim_start_matches(['-', '*', '>', '#', '|'])
                    .trim()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let chars: Vec<char> = joined.chars().collect();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() && i > 0 && matches!(chars[i - 1], '.' | '!' | '?') {
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if chars.get(j).is_some_and(|c| {
                    c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '(')
                }) {
                    out.push(chars[start..i].iter().collect::<String>());
                    start = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        out.push(chars[start..].iter().collect::<String>());
    }
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| s.split_whitespace().count() >= 5)
        .collect()
}

fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[test]
fn real_sentences_hand_labelled() {
    let Some(root) = data_root() else { return };
    let labels: HashMap<(String, String), String> = tsv("real_sentence_labels.tsv")
        .into_iter()
        .map(|r| ((r[0].clone(), r[1].clone()), r[2].clone()))
        .collect();
    let mut found = std::collections::HashSet::new();
    let (mut tp, mut fp, mut fneg, mut tn, mut borderline_flagged) = (0, 0, 0, 0, 0);
    for (rel, path) in corpus(&root) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for s in sentences(&text) {
            let key = (rel.clone(), fnv1a(&s));
            let Some(label) = labels.get(&key) else {
                continue;
            };
            if !found.insert(key) {
                continue; // the same sentence twice in one file counts once
            }
            let predicted = lint_text(&s, &Context::new())
                .iter()
                .any(|f| f.severity >= Severity::Warning);
            match (label.as_str(), predicted) {
                ("borderline", p) => borderline_flagged += usize::from(p),
                ("blameful", true) => tp += 1,
                ("blameful", false) => {
                    fneg += 1;
                    println!("  FN {rel}: {s}");
                }
                (_, true) => {
                    fp += 1;
                    println!("  FP {rel}: {s}");
                }
                (_, false) => tn += 1,
            }
        }
    }
    assert_eq!(
        found.len(),
        labels.len(),
        "some labelled sentences were not found: the shared data or the sentence splitter changed"
    );
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "real sentences: n={} precision={precision:.3} recall={recall:.3} (tp={tp} fp={fp} fn={fneg} tn={tn}; borderline flagged {borderline_flagged})",
        labels.len()
    );
    assert!(
        precision >= REAL_SENTENCE_PRECISION,
        "precision on real sentences regressed"
    );
    assert!(
        recall >= REAL_SENTENCE_RECALL,
        "recall on real sentences regressed"
    );
}

// Levels reached (README has the first measurements, before the rules saw this text).
const MAX_WHOLE_DOC_FALSE_POSITIVES: usize = 1;
const MIN_KNOWN_BLAME_FOUND: f64 = 1.0;
const REAL_SENTENCE_PRECISION: f64 = 0.99;
const REAL_SENTENCE_RECALL: f64 = 0.99;
