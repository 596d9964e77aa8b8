//! Output formats: human lines, a JSON array, and SARIF 2.1.0 for code scanning.

use crate::finding::{Finding, Severity};
use crate::rules::catalog::ALL_RULES;
use serde_json::{Value, json};

/// `file:line:col: rule: message` then an indented `suggestion:` line (and the question).
pub fn to_human(path: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{path}:{}:{}: {}: {} [{}]\n",
            f.line, f.column, f.rule, f.message, f.severity
        ));
        if let Some(r) = f.reframe() {
            out.push_str(&format!("    suggestion: {r}\n"));
        }
        if let Some(q) = f.question() {
            out.push_str(&format!("    question: {q}\n"));
        }
    }
    out
}

/// A JSON array of `{rule, category, severity, line, column, end_line, end_column,
/// message, suggestions, text, fingerprint}`.
pub fn to_json(findings: &[Finding]) -> Value {
    Value::Array(findings.iter().map(finding_json).collect())
}

pub(crate) fn finding_json(f: &Finding) -> Value {
    json!({
        "rule": f.rule,
        "category": f.category.as_str(),
        "severity": f.severity,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "message": f.message,
        "suggestions": f.suggestions,
        "fingerprint": f.fingerprint().to_string(),
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// A SARIF 2.1.0 log with one run covering every file.
pub fn to_sarif(files: &[(&str, &[Finding])]) -> Value {
    let rules: Vec<Value> = ALL_RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": {"text": format!("Blameless language: {}", r.category().as_str())},
                "help": {"text": r.reframe("")},
                "properties": {"category": r.category().as_str()},
            })
        })
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|(path, findings)| {
            findings.iter().map(move |f| {
                json!({
                    "ruleId": f.rule,
                    "ruleIndex": ALL_RULES.iter().position(|r| r.id() == f.rule),
                    "level": sarif_level(f.severity),
                    "message": {"text": format!("{} Suggestion: {}", f.message, f.reframe().unwrap_or(""))},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": path},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                                "snippet": {"text": f.text},
                            }
                        }
                    }],
                    "partialFingerprints": {"retrospectFinding/v1": f.fingerprint().id()},
                })
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "retrospect-coach",
                "informationUri": "https://github.com/retrospect/retrospect",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }]
    })
}

/// True when any finding is at or above `fail_on`.
pub fn fails_at(findings: &[Finding], fail_on: Severity) -> bool {
    findings.iter().any(|f| f.severity >= fail_on)
}

/// Process exit code for `--fail-on`: 1 when a finding reaches the threshold, else 0.
/// `None` never fails.
pub fn exit_code(findings: &[Finding], fail_on: Option<Severity>) -> i32 {
    match fail_on {
        Some(s) if fails_at(findings, s) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, lint_text};

    #[test]
    fn formats() {
        let f = lint_text("Dave failed to check the lag.", &Context::new());
        let h = to_human("pm.md", &f);
        assert!(h.starts_with("pm.md:1:6: counterfactual-person: "), "{h}");
        assert!(h.contains("\n    suggestion: "));
        let j = to_json(&f);
        assert_eq!(j[0]["end_column"], 21);
        let s = to_sarif(&[("pm.md", &f)]);
        assert_eq!(s["version"], "2.1.0");
        assert_eq!(s["runs"][0]["results"][0]["level"], "warning");
        assert_eq!(exit_code(&f, Some(Severity::Warning)), 1);
        assert_eq!(exit_code(&f, Some(Severity::Error)), 0);
        assert_eq!(exit_code(&f, None), 0);
    }
}
