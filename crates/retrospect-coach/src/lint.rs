//! Plain-text linting and the step shared with Markdown: turning rule hits into
//! findings with positions, messages and configured severities.

use crate::context::{Context, Section};
use crate::finding::{Finding, Suggestion};
use crate::rules::catalog::Rule;
use crate::rules::{Doc, Hit, scan};
use crate::text::lines::LineIndex;
use crate::text::mask::{allow_regex, mask_plain};

/// Lints one piece of plain text (a timeline entry, a why, a comment). Quoted speech,
/// code spans and allowed vocabulary are not linted. Offsets are bytes into `text`.
pub fn lint_text(text: &str, ctx: &Context) -> Vec<Finding> {
    let allow = allow_regex(&ctx.config.allow);
    let masked = mask_plain(text, allow.as_ref());
    let doc = Doc::new(&masked, ctx.known_name_words());
    let hits = scan(&doc);
    finalize(text, hits, ctx, |_| ctx.section, |_, _| false)
}

/// Builds findings from hits: section severity, config overrides, ignore filter,
/// positions and messages.
pub(crate) fn finalize(
    text: &str,
    hits: Vec<Hit>,
    ctx: &Context,
    section_at: impl Fn(usize) -> Section,
    ignored: impl Fn(&Hit, &str) -> bool,
) -> Vec<Finding> {
    let lines = LineIndex::new(text);
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let rule = hit.rule;
        let mut severity = rule.severity_in(section_at(hit.start), hit.severity);
        match ctx.config.override_for(rule.id(), rule.category().as_str()) {
            Some(None) => continue,
            // An override sets the level of real findings; hints stay hints.
            Some(Some(s)) if hit.severity >= crate::Severity::Warning => severity = s,
            _ => {}
        }
        if ignored(&hit, rule.id()) {
            continue;
        }
        out.push(make_finding(text, &lines, &hit, rule, severity));
    }
    out
}

fn make_finding(
    text: &str,
    lines: &LineIndex,
    hit: &Hit,
    rule: Rule,
    severity: crate::Severity,
) -> Finding {
    let start = lines.position(hit.start);
    let end = lines.position(hit.end);
    let matched = &text[hit.start..hit.end];
    Finding {
        rule: rule.id().to_string(),
        category: rule.category(),
        severity,
        start: hit.start,
        end: hit.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        text: matched.to_string(),
        message: rule.message(matched, &hit.agent),
        suggestions: vec![
            Suggestion {
                kind: "reframe".into(),
                text: rule.reframe(&hit.agent),
            },
            Suggestion {
                kind: "question".into(),
                text: rule.question(&hit.agent),
            },
        ],
    }
}
