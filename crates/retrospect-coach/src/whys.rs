//! 5 Whys support: when a chain stops at a person, ask about the system around them.

use crate::agent::{Names, sentence_subject};
use crate::text::tokens::tokenize;

/// Topic words → the systemic question to ask next. First match wins.
const TOPICS: &[(&[&str], &str)] = &[
    (
        &["test", "tests", "tested", "testing"],
        "What made testing this hard or easy to skip?",
    ),
    (
        &["review", "reviewed", "reviewer", "approve", "approved"],
        "What did the review process show the reviewer, and what did it make easy to miss?",
    ),
    (
        &[
            "runbook",
            "procedure",
            "checklist",
            "process",
            "documentation",
            "docs",
        ],
        "What made the documented steps hard to find, follow or trust at that moment?",
    ),
    (
        &[
            "alert",
            "alerts",
            "page",
            "paged",
            "dashboard",
            "monitoring",
            "notice",
            "noticed",
            "see",
            "saw",
        ],
        "What did the alerts and dashboards show at that moment, and what competed for attention?",
    ),
    (
        &[
            "trained",
            "training",
            "new",
            "inexperienced",
            "junior",
            "unfamiliar",
            "know",
            "knew",
        ],
        "How does someone new learn this today, and what in the tools assumes knowledge they could not have had?",
    ),
    (
        &[
            "deploy", "deployed", "push", "pushed", "release", "merge", "merged", "rollout",
        ],
        "What in the deploy path allowed this change through without a safety check?",
    ),
    (
        &[
            "command",
            "typo",
            "typed",
            "ran",
            "run",
            "console",
            "prod",
            "production",
        ],
        "What made the risky command easy to run, and what would have made its effect visible first?",
    ),
    (
        &[
            "rushed",
            "rushing",
            "hurry",
            "tired",
            "late",
            "pressure",
            "busy",
            "distracted",
        ],
        "What workload or time pressure shaped this, and where did it come from?",
    ),
    (
        &[
            "communicate",
            "communicated",
            "tell",
            "told",
            "escalate",
            "escalated",
            "handoff",
            "handover",
        ],
        "What made it hard to share or escalate this at the time?",
    ),
];

/// When a 5 Whys cause text ends at a person ("the engineer did not write enough
/// tests"), returns the next question about the system around them. Returns `None`
/// when the cause is already about a system.
pub fn human_question_for_person_chain(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let toks = tokenize(text, 0);
    let skip = toks
        .iter()
        .take_while(|t| {
            !t.word || matches!(t.norm.as_str(), "because" | "since" | "as" | "why" | "so")
        })
        .count();
    let person = sentence_subject(&toks[skip..], &Names(&[]))
        .kind
        .is_people()
        || lower.contains("human error")
        || lower.contains("operator error")
        || lower.contains("user error");
    if !person {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (keys, q) in TOPICS {
        if words.iter().any(|w| keys.contains(w)) {
            return Some((*q).to_string());
        }
    }
    Some("What about the situation made this action make sense at the time, and what would make the safe path the easy one?".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_about_the_system() {
        assert_eq!(
            human_question_for_person_chain("The engineer did not write enough tests").as_deref(),
            Some("What made testing this hard or easy to skip?")
        );
        assert!(human_question_for_person_chain("Dave was not trained on the tool").is_some());
        assert!(human_question_for_person_chain("Human error").is_some());
        assert_eq!(
            human_question_for_person_chain("The migration locked the users table"),
            None
        );
        assert!(human_question_for_person_chain("Because Dave pushed without review").is_some());
    }
}
