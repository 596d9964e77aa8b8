//! Batch mode: one JSON object per line in, one per line out, in order. Used by the
//! evaluation harness and by scripts.

use crate::context::{Context, Section};
use crate::finding::Finding;
use crate::lint::lint_text;
use crate::output::finding_json;
use crate::smart::{ActionItem, check_action};
use serde_json::{Value, json};
use std::io::{self, BufRead, Write};

/// Counts of what a batch run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonlSummary {
    pub lines: usize,
    pub texts: usize,
    pub actions: usize,
    pub errors: usize,
}

/// Reads JSON lines and writes one JSON line per non-blank input line.
///
/// - `{"id", "text", "section"?, "names"?}` → `{"id", "findings": [...]}`
/// - `{"id", "action": {"text", "owner", "due", "causes", "success_criterion"?}}` →
///   `{"id", "smart": {"ok", "fails", "reasons"}, "findings": [...]}`
/// - anything else → `{"id": null|id, "error": "line N: ..."}`, and processing continues.
pub fn run_jsonl(
    input: impl BufRead,
    mut output: impl Write,
    ctx: &Context,
) -> io::Result<JsonlSummary> {
    let mut summary = JsonlSummary::default();
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        summary.lines += 1;
        let out = match handle_line(&line, ctx) {
            Ok((v, is_action)) => {
                if is_action {
                    summary.actions += 1;
                } else {
                    summary.texts += 1;
                }
                v
            }
            Err((id, msg)) => {
                summary.errors += 1;
                json!({"id": id, "error": format!("line {}: {msg}", i + 1)})
            }
        };
        serde_json::to_writer(&mut output, &out)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(summary)
}

fn findings_json(f: &[Finding]) -> Value {
    Value::Array(f.iter().map(finding_json).collect())
}

fn line_context(v: &Value, ctx: &Context) -> Result<Context, String> {
    let mut local = ctx.clone();
    if let Some(s) = v.get("section").filter(|s| !s.is_null()) {
        let s = s.as_str().ok_or("\"section\" must be a string")?;
        local.section = Section::parse(s);
    }
    if let Some(names) = v
        .get("names")
        .or_else(|| v.get("known_names"))
        .and_then(Value::as_array)
    {
        local
            .names
            .extend(names.iter().filter_map(Value::as_str).map(str::to_string));
    }
    Ok(local)
}

fn handle_line(line: &str, ctx: &Context) -> Result<(Value, bool), (Value, String)> {
    let v: Value =
        serde_json::from_str(line).map_err(|e| (Value::Null, format!("invalid JSON: {e}")))?;
    if !v.is_object() {
        return Err((Value::Null, "expected a JSON object".into()));
    }
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let local = line_context(&v, ctx).map_err(|e| (id.clone(), e))?;
    if let Some(action) = v.get("action") {
        let mut item: ActionItem = serde_json::from_value(action.clone())
            .map_err(|e| (id.clone(), format!("invalid action: {e}")))?;
        item.text = item.text.trim().to_string();
        let mut local = local.with_section(Section::Action);
        if let Some(o) = &item.owner {
            local.names.push(o.clone());
        }
        let smart = check_action(&item, &local);
        let mut findings = lint_text(&item.text, &local);
        // The lint may already report the same person-aimed phrase; keep one.
        for f in &smart.findings {
            let dup = findings
                .iter()
                .any(|g| g.rule == f.rule && g.start < f.end && f.start < g.end);
            if !dup {
                findings.push(f.clone());
            }
        }
        findings.sort_by_key(|f| (f.start, f.end));
        let out = json!({
            "id": id,
            "smart": {"ok": smart.ok, "fails": smart.fails, "reasons": smart.reasons},
            "findings": findings_json(&findings),
        });
        return Ok((out, true));
    }
    match v.get("text") {
        Some(Value::String(t)) => Ok((
            json!({"id": id, "findings": findings_json(&lint_text(t, &local))}),
            false,
        )),
        Some(_) => Err((id, "\"text\" must be a string".into())),
        None => Err((id, "expected a \"text\" or an \"action\" field".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_in_order_with_errors() {
        let input = concat!(
            "{\"id\":\"a\",\"text\":\"Dave failed to check.\",\"section\":\"timeline\"}\n",
            "not json\n",
            "\n",
            "{\"id\":\"b\",\"action\":{\"text\":\"Improve monitoring\",\"owner\":null,\"due\":\"ASAP\"}}\n",
            "{\"id\":7}\n",
        );
        let mut out = Vec::new();
        let s = run_jsonl(input.as_bytes(), &mut out, &Context::new()).unwrap();
        assert_eq!(
            s,
            JsonlSummary {
                lines: 4,
                texts: 1,
                actions: 1,
                errors: 2
            }
        );
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["findings"][0]["rule"], "counterfactual-person");
        assert_eq!(
            lines[1]["error"].as_str().unwrap().split(':').next(),
            Some("line 2")
        );
        assert!(lines[1]["id"].is_null());
        assert_eq!(lines[2]["smart"]["fails"], json!(["S", "M", "A", "R", "T"]));
        assert_eq!(lines[3]["id"], 7);
    }
}
