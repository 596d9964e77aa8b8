//! Measures the coach on the labelled development sets and fails below the level
//! reached. Run with `--nocapture` to see the figures and every disagreement.
//!
//! `*_dev.jsonl` was used while tuning; `*_holdout.jsonl` was written at the same
//! time but not tuned on, to estimate how the rules generalise.

use retrospect_coach::{ActionItem, Context, Letter, Section, Severity, check_action, lint_text};
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}")))
        .collect()
}

struct Pr {
    precision: f64,
    recall: f64,
    n: usize,
}

fn sentence_scores(name: &str) -> Pr {
    let rows = load(name);
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for row in &rows {
        let text = row["text"].as_str().unwrap();
        let section = row["section"]
            .as_str()
            .map_or(Section::Unknown, Section::parse);
        let ctx = Context::new().with_section(section);
        let findings = lint_text(text, &ctx);
        let predicted = findings.iter().any(|f| f.severity >= Severity::Warning);
        let expected = row["blameful"].as_bool().unwrap();
        match (predicted, expected) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
                println!(
                    "  FP [{}] {text}  -> {rules:?}",
                    row["trap"].as_str().unwrap_or("")
                );
            }
            (false, true) => {
                fneg += 1;
                println!("  FN [{}] {text}", row["category"].as_str().unwrap_or(""));
            }
            _ => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "{name}: n={} precision={precision:.3} recall={recall:.3} (tp={tp} fp={fp} fn={fneg})",
        rows.len()
    );
    Pr {
        precision,
        recall,
        n: rows.len(),
    }
}

fn letters(v: &Value) -> Vec<Letter> {
    let mut out: Vec<Letter> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| serde_json::from_value(l.clone()).unwrap())
        .collect();
    out.sort();
    out
}

fn smart_agreement(name: &str) -> (f64, usize) {
    let rows = load(name);
    let mut agree = 0;
    let ctx = Context::new();
    for row in &rows {
        let item: ActionItem = serde_json::from_value(row["action"].clone()).unwrap();
        let got = check_action(&item, &ctx).fails;
        let want = letters(&row["fails"]);
        if got == want {
            agree += 1;
        } else {
            println!("  SMART {:?}: got {got:?} want {want:?}", item.text);
        }
    }
    let rate = agree as f64 / rows.len().max(1) as f64;
    println!("{name}: n={} exact letter agreement={rate:.3}", rows.len());
    (rate, rows.len())
}

#[test]
fn sentence_dev_set() {
    let pr = sentence_scores("sentences_dev.jsonl");
    assert!(pr.n >= 300);
    assert!(
        pr.precision >= DEV_PRECISION && pr.recall >= DEV_RECALL,
        "dev set regressed"
    );
}

#[test]
fn sentence_holdout_set() {
    let pr = sentence_scores("sentences_holdout.jsonl");
    assert!(
        pr.precision >= HOLDOUT_PRECISION && pr.recall >= HOLDOUT_RECALL,
        "holdout regressed"
    );
}

#[test]
fn smart_dev_set() {
    let (rate, n) = smart_agreement("actions_dev.jsonl");
    assert!(n >= 100);
    assert!(rate >= SMART_DEV, "SMART dev agreement regressed");
}

#[test]
fn smart_holdout_set() {
    let (rate, _) = smart_agreement("actions_holdout.jsonl");
    assert!(rate >= SMART_HOLDOUT, "SMART holdout agreement regressed");
}

// The levels reached when this test was last tuned (see README); a drop fails CI.
// Reached: dev 1.000/1.000, holdout 1.000/0.976, SMART dev 1.000, holdout 1.000.
const DEV_PRECISION: f64 = 0.99;
const DEV_RECALL: f64 = 0.99;
const HOLDOUT_PRECISION: f64 = 0.98;
const HOLDOUT_RECALL: f64 = 0.96;
const SMART_DEV: f64 = 0.99;
const SMART_HOLDOUT: f64 = 0.98;
