//! Action items written as prose: "Add disk alerts (@alice, due 2024-05-01)",
//! "- [x] Rotate the token — Owner: bob". The text is kept as written; the
//! owner, due date, status and type are read from it where they are stated.

use std::sync::LazyLock;

use regex::Regex;
use retrospect_domain::{ActionItem, ActionKind, ActionStatus, Date};

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!("empty regex")))
}

static MENTION: LazyLock<Regex> = LazyLock::new(|| regex(r"\(\s*@([A-Za-z0-9][\w.\-]*)"));
static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:owner|owners|assignee|assigned to|responsible)\s*[:=]\s*@?([^,;()\[\]\n|]{1,60}?)\s*(?:[,;()\[\]\n|]|$)",
    )
});
static DUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(?:due|deadline|by|before|eta)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b")
});
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:\(\s*(?:\*\*)?\s*(?:done|completed|fixed|resolved)\b|\bdone as of\b|\[(?:done|closed)\])",
    )
});
static IN_PROGRESS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\((?:\*\*)?\s*(?:in progress|wip|ongoing)\b"));

/// Builds an action from the text of a list item or table row.
pub(crate) fn action_from_text(text: &str) -> ActionItem {
    let (status, text) = checkbox(text);
    let owner = MENTION
        .captures(text)
        .or_else(|| OWNER.captures(text))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().trim_start_matches('@').to_string())
        .filter(|o| !o.is_empty());
    let due = DUE
        .captures(text)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse::<Date>().ok());
    let status = status.unwrap_or_else(|| {
        if DONE.is_match(text) {
            ActionStatus::Done
        } else if IN_PROGRESS.is_match(text) {
            ActionStatus::InProgress
        } else {
            ActionStatus::Open
        }
    });
    ActionItem {
        id: 0,
        text: text.to_string(),
        owner,
        due,
        kind: guess_kind(text),
        success_criterion: None,
        status,
        review_date: None,
        effectiveness: None,
        causes: Vec::new(),
    }
}

/// `[ ]` and `[x]` task-list boxes become the status.
fn checkbox(text: &str) -> (Option<ActionStatus>, &str) {
    let t = text.trim_start();
    for (mark, status) in [
        ("[ ]", ActionStatus::Open),
        ("[x]", ActionStatus::Done),
        ("[X]", ActionStatus::Done),
    ] {
        if let Some(rest) = t.strip_prefix(mark) {
            return (Some(status), rest.trim_start());
        }
    }
    (None, text)
}

/// The type an action most likely has, from its wording. People correct it
/// in review; a sensible first guess saves them most of the clicks.
pub(crate) fn guess_kind(text: &str) -> ActionKind {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "alert",
        "monitor",
        "dashboard",
        "detect",
        "paging",
        "page the",
        "metric",
        "logging",
        "log ",
    ]) {
        ActionKind::Detect
    } else if has(&[
        "rollback",
        "roll back",
        "failover",
        "fallback",
        "rate limit",
        "rate-limit",
        "circuit breaker",
        "mitigat",
    ]) {
        ActionKind::Mitigate
    } else if has(&[
        "document",
        "runbook",
        "process",
        "policy",
        "checklist",
        "training",
        "on-call",
        "on call",
        "rotation",
        "review",
    ]) {
        ActionKind::Process
    } else {
        ActionKind::Prevent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_owner_due_and_status() {
        let a = action_from_text("Add disk alerts (@alice, due 2024-05-01)");
        assert_eq!(a.owner.as_deref(), Some("alice"));
        assert_eq!(a.due, Some(jiff::civil::date(2024, 5, 1)));
        assert_eq!(a.kind, ActionKind::Detect);
        let a = action_from_text("[x] Rotate the token. Owner: Bob Smith");
        assert_eq!(
            (a.status, a.owner.as_deref(), a.text.as_str()),
            (
                ActionStatus::Done,
                Some("Bob Smith"),
                "Rotate the token. Owner: Bob Smith"
            )
        );
        let a = action_from_text(
            "Set up CloudWatch alarms for database resources. **(Done during this incident)**",
        );
        assert_eq!(a.status, ActionStatus::Done);
        let a = action_from_text("Document how to build manually ([#294][issue-294]).");
        assert_eq!((a.owner, a.kind), (None, ActionKind::Process));
    }
}
