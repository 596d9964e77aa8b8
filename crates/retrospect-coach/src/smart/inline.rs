//! Owners and due dates written inside the action text, used when the structured
//! fields are empty: "TODO(alice): …", "Alice to add …", "Action: Bob - …",
//! "(owner: @carol, due 2026-12-01)", "… by 2026-12-01".

use regex::Regex;
use std::sync::LazyLock;

/// "TODO(alice):", "FIXME(@bob)".
static TAGGED: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:todo|fixme|action|ai|task)\s*\(\s*(@?[\w.-]+)\s*\)\s*:?")
        .unwrap()
});

/// "owner: @carol", "assigned to Priya", "DRI = bob".
static OWNER_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:owner|assignee|dri|who)\s*[:=]\s*(@?[\w.-]+(?:\s*(?:,|and|&|/)\s*(?-i:@[\w.-]+|[A-Z][\w.-]*))*)|\b(?:owned\s+by|assigned\s+to)\s+(@[\w.-]+|[A-Z][\w-]+)").unwrap()
});

/// A person named first: "Alice to add …", "Action: Bob - add …", "@carol: add …".
static LEAD_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"^(?:\s*(?:\[\s*[x ]?\s*\]|[-*+]|\d+[.)]|(?i:action|ai|todo))\s*:?\s*)*(@[\w.-]+|[A-Z][a-z'’-]+)\s*(?:[-–—:]\s*|\s+(?:to|will)\s+)([a-z])").unwrap()
});

/// A lone @handle anywhere ("… for billing-db @dina").
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::compile(r"(?:^|[\s(\[,])(@[A-Za-z][\w.-]*)").unwrap());

/// "due 2026-12-01", "by Dec 1", "deadline: EOW".
static DUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:due(?:\s+(?:on|by|date))?|by|before|deadline|eta)\s*[:=]?\s*",
        r"(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4}",
        r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s+\d{4})?",
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?",
        r"|q[1-4](?:\s*\d{4})?|eo[dwmqy]|end\s+of\s+(?:the\s+)?(?:day|week|month|quarter|sprint|year)",
        r"|next\s+(?:week|sprint|month|quarter)|(?:mon|tues|wednes|thurs|fri)day|tomorrow|asap)\b"
    ))
    .unwrap()
});

/// What the text says about who and when, and the text without those markers.
pub struct Inline {
    pub owner: Option<String>,
    pub due: Option<String>,
    /// The action with owner and date markers removed, for the wording checks.
    pub text: String,
}

/// `is_name` says whether a capitalised word is a person (roster or common name);
/// "Investigate: …" must not become an owner.
pub fn extract(text: &str, is_name: impl Fn(&str) -> bool) -> Inline {
    let mut owner = None;
    let mut cleaned = text.to_string();
    if let Some(c) = TAGGED.captures(text) {
        owner = Some(c[1].to_string());
        cleaned = cleaned.replacen(&c[0], "", 1);
    }
    if owner.is_none()
        && let Some(c) = OWNER_FIELD.captures(&cleaned)
    {
        owner = c.get(1).or(c.get(2)).map(|m| {
            m.as_str()
                .trim()
                .trim_end_matches(['.', ',', ';'])
                .to_string()
        });
        let whole = c[0].to_string();
        cleaned = cleaned.replacen(&whole, "", 1);
    }
    if owner.is_none()
        && let Some(c) = LEAD_OWNER.captures(&cleaned)
    {
        let who = c[1].to_string();
        if who.starts_with('@') || is_name(&who) {
            let verb_at = c.get(2).map_or(0, |m| m.start());
            owner = Some(who);
            cleaned = cleaned[verb_at..].to_string();
        }
    }
    if owner.is_none() {
        let handles: Vec<&str> = HANDLE
            .captures_iter(&cleaned)
            .filter_map(|c| c.get(1).map(|m| m.as_str()))
            .collect();
        if !handles.is_empty() {
            owner = Some(handles.join(", "));
        }
    }
    let mut due = None;
    if let Some(c) = DUE.captures(&cleaned) {
        due = Some(c[1].to_string());
        let whole = c[0].to_string();
        cleaned = cleaned.replacen(&whole, "", 1);
    }
    let text = tidy(&cleaned);
    Inline { owner, due, text }
}

/// Drops the empty brackets and dangling punctuation left after removing markers.
fn tidy(s: &str) -> String {
    let mut t = s.replace("()", "").replace("( )", "").replace("(, )", "");
    for pat in ["(,", ", )", ",)"] {
        t = t.replace(pat, if pat.starts_with('(') { "(" } else { ")" });
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .trim_end_matches(['(', '-'])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(w: &str) -> bool {
        matches!(w, "Alice" | "Bob")
    }

    #[test]
    fn owners_and_dates_in_text() {
        let i = extract("TODO(bob): pin the base image", names);
        assert_eq!(i.owner.as_deref(), Some("bob"));
        assert_eq!(i.text, "pin the base image");
        let i = extract("Alice to add a dashboard panel for replica lag", names);
        assert_eq!(i.owner.as_deref(), Some("Alice"));
        assert_eq!(i.text, "add a dashboard panel for replica lag");
        let i = extract("Action: Bob - add a liveness probe", names);
        assert_eq!(i.owner.as_deref(), Some("Bob"));
        let i = extract(
            "Add a panel for queue depth (owner: @alice, due 2026-12-01)",
            names,
        );
        assert_eq!(i.owner.as_deref(), Some("@alice"));
        assert_eq!(i.due.as_deref(), Some("2026-12-01"));
        assert_eq!(i.text, "Add a panel for queue depth");
        let i = extract("Owner: @carol. Add a canary stage. Due 2026-12-01.", names);
        assert_eq!(i.owner.as_deref(), Some("@carol"));
        assert_eq!(i.due.as_deref(), Some("2026-12-01"));
        let i = extract("Investigate: the cache stampede", names);
        assert_eq!(i.owner, None);
        let i = extract("Ensure backups are tested by adding a restore job", names);
        assert_eq!(i.due, None);
        let i = extract("Add an owner field to all alert rules", names);
        assert_eq!(i.owner, None);
    }
}
