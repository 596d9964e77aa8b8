//! Minimising: "just restart it", "simply roll back", "all he had to do was". Temporal
//! "just" ("just after 02:14") and "simply" describing an effect ("the request simply
//! timed out") are fine.

use super::catalog::Rule;
use super::{Doc, Hit, in_compound, tok_at};
use crate::agent::{AgentKind, subject_of};
use crate::lexicon::{BASE_VERBS, PERSON_PRONOUNS, TIME_AFTER_JUST};
use regex::Regex;
use std::sync::LazyLock;

static ADVERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:just|simply|merely|only)\s+([a-z][a-z-]*)").unwrap()
});

static PHRASES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:(?:only|just|simply|merely)\s+(?:had|needed|has|have|needs|need)\s+to|all\s+(?:\w+\s+){1,2}(?:had|needed|has|have|needs)\s+to\s+do\s+(?:was|is)",
        r"|(?:merely|simply|just)\s+[a-z]+ing\b[^.;]{0,60}\bwould\s+have|(?:a\s+)?(?:simple|trivial|quick|easy)\s+matter\s+of|(?:just|only|simply|merely)\s+a\s+(?:simple\s+)?matter\s+of\s+[a-z]+ing|(?:only\s+|just\s+)?takes?\s+(?:two|a\s+few|a\s+couple\s+of|five|ten|one|\d+)\s+(?:seconds?|secs?|minutes?|mins?|clicks?)\s+to\s+(?:check|verify|read|look|confirm|double-check|test|glance|ask|see|spot|notice)|(?:a\s+)?no[- ]brainer|not\s+rocket\s+science|trivially|(?:it|this|that)(?:\s+was|\s+is|['’]s)\s+(?:so\s+|really\s+|pretty\s+)?(?:easy|trivial|simple)\s+to\s+(?:avoid|prevent|catch|fix|spot|see|check|notice|verify|test|read)",
        r"|(?:a\s+)?(?:simple|trivial|basic|easy)\s+(?:check|step|thing)\s+(?:that\s+)?(?:anyone|everyone|they|he|she|you|we)",
        r"|any\s+(?:competent|decent|good|reasonable|careful|experienced|half-decent|half-awake|half-competent|awake|sane|sensible|junior|first-year|self-respecting)\s+(?:engineer|developer|dev|person|operator|sre|admin|reviewer|human|on-?call(?:er)?|dba|sysadmin|responder|programmer|tester|intern)|why\s+not\s+(?:just|simply)\s+[a-z]+",
        r"|(?:trivial|basic|rookie|silly|elementary|schoolboy|beginner['’]?s?|amateur)\s+(?:mistake|error|slip|oversight|blunder)s?|anyone\s+could\s+(?:have\s+)?(?:do|done|fix|fixed|handle|handled|catch|caught|avoid|avoided)\s+(?:it|this|that)",
        r"|(?:literally|just|only|simply)\s+(?:one|a\s+single|1)\s+(?:command|click|line|button|flag|setting)\s+to\s+[a-z]+[^.;]{0,40}?\b(?:not\s+sure|no\s+idea|(?:i\s+)?(?:don['’]t|do\s+not)\s+(?:know|get|see))\s+why|(?:not\s+sure|no\s+idea|(?:i\s+)?(?:don['’]t|do\s+not)\s+(?:know|get|see))\s+why\s+(?:it|this|that|they|he|she)\s+took\s+(?:so\s+long|\d+|[a-z]+\s+(?:min|mins|minutes|hours?))",
        r"|(?:simply|just|only|merely)\s+[a-z]+[^.;]{0,60}?\b(?:not\s+(?:a|that|such\s+a)\s+big\s+(?:a\s+)?deal|no\s+big\s+deal)",
        r"|(?:all|it)\s+(?:it\s+)?(?:took|takes)\s+(?:was|is)\s+(?:one|a|two|a\s+single)\s+(?:command|click|line|second|minute))\b"
    ))
    .unwrap()
});

/// Words that make the following verb an instruction or an expectation.
fn expects_action(prev: &str) -> bool {
    PERSON_PRONOUNS.contains(prev)
        || matches!(
            prev,
            "could"
                | "can"
                | "should"
                | "would"
                | "to"
                | "must"
                | "might"
                | "have"
                | "had"
                | "need"
                | "needed"
                | "needs"
                | "do"
                | "please"
                | "was"
                | "is"
                | "fix"
                | "then"
                | "time"
                | "future"
                | "forward"
                | "instead"
                | ","
                | ":"
                | "-"
                | "–"
                | "—"
                | "and"
                | "or"
        )
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&ADVERB) {
        let m = c.get(0).unwrap();
        let adv = m
            .as_str()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let verb = c.get(1).unwrap().as_str().to_ascii_lowercase();
        if in_compound(doc.masked, m.start(), m.start() + adv.len())
            || TIME_AFTER_JUST.contains(verb.as_str())
        {
            continue;
        }
        if adv == "only" || !BASE_VERBS.contains(verb.as_str()) {
            continue; // "the service just restarted" is a description, not advice
        }
        let i = tok_at(toks, m.start());
        let prev = if i == 0 {
            ","
        } else {
            toks[i - 1].norm.as_str()
        };
        // "the request simply timed out" never reaches here (timed is not base form);
        // "we just restart it" in a timeline is descriptive present only after a
        // subject, so demand an instruction-like context.
        let imperative = i == 0 || expects_action(prev);
        // "better to fix it properly than to simply revert": weighing options.
        let before: Vec<&str> = toks[i.saturating_sub(3)..i]
            .iter()
            .map(|t| t.norm.as_str())
            .collect();
        let comparing = before.contains(&"than") || before.ends_with(&["instead", "of"]);
        // "the threshold was just set too high": a passive participle, not advice.
        let passive = matches!(
            prev,
            "was" | "were" | "is" | "are" | "been" | "be" | "being" | "got"
        ) && matches!(
            verb.as_str(),
            "set"
                | "put"
                | "cut"
                | "run"
                | "hit"
                | "read"
                | "let"
                | "shut"
                | "spread"
                | "split"
                | "reset"
                | "cast"
        );
        if comparing || passive {
            continue;
        }
        let was_subject_start = i > 0
            && toks[..i]
                .iter()
                .all(|t| !t.word || t.norm.chars().next().is_some_and(|c| c.is_ascii_digit()));
        // "Customers could simply retry": describes what users could do, not what
        // a responder was expected to do.
        let subject = subject_of(toks, i, &doc.names());
        let about_users = subject.kind == AgentKind::System
            && matches!(prev, "could" | "can" | "would" | "will" | "may" | "might")
            || subject.text.split_whitespace().last().is_some_and(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "customers" | "users" | "clients" | "customer" | "user" | "client" | "callers"
                )
            });
        if (imperative || was_subject_start) && !about_users {
            out.push(Hit::warning(
                Rule::Minimising,
                m.start(),
                c.get(1).unwrap().end(),
                String::new(),
            ));
        }
    }
    for (c, _, toks) in doc.matches(&PHRASES) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let lower = m.as_str().to_ascii_lowercase();
        if i > 0 && toks[i - 1].is("we") && (lower.contains("need") || lower.contains("have")) {
            continue; // "we just need to add a canary stage" is a plan
        }
        // "The team only had to wait", "all we had to do was wait": the group
        // describing its own situation, not an expectation aimed at someone.
        let group_subject = if lower.starts_with("all ") {
            toks.get(i + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "we" | "us"))
        } else {
            subject_of(toks, i, &doc.names()).kind == AgentKind::Group
        };
        // "All the script had to do was exit non-zero": a system's job, not a person's.
        let system_subject = lower.starts_with("all ")
            && !lower.starts_with("all it ")
            && crate::agent::np_after(toks, i + 1, &doc.names()).0.kind == AgentKind::System;
        if group_subject || system_subject {
            continue;
        }
        out.push(Hit::warning(
            Rule::Minimising,
            m.start(),
            m.end(),
            String::new(),
        ));
    }
}
