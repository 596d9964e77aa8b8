//! Culprit questions: "who did this?", "whose fault", "why didn't you…". Factual
//! questions ("who was paged first?") and "why" about systems are fine.

use super::catalog::Rule;
use super::{Doc, Hit, tok_at};
use crate::agent::np_after;
use crate::lexicon::ROLE_NOUNS;
use regex::Regex;
use std::sync::LazyLock;

static WHO: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\bwho(?:['’]s|\s+the\s+hell|\s+exactly|\s+here|\s+(?:on|in|from)\s+(?:the\s+|our\s+)?[\w-]+(?:\s+team)?)?\s+(?:broke|pushed|merged|approved|caused|did\s+(?:this|that|it)|screwed|messed|forgot|missed|ignored|dropped|let\s+(?:this|that|it)|wrote\s+(?:this|that)|signed\s+off|touched|deleted|disabled|silenced|misconfigured|nuked|wiped|is\s+(?:responsible|to\s+blame|at\s+fault|accountable)|was\s+(?:responsible|to\s+blame|at\s+fault|accountable)|(?:responsible|to\s+blame|at\s+fault)|should\s+(?:we|i)\s+blame|do\s+we\s+blame|made\s+(?:the|this|that)\s+(?:mistake|change|call)|thought\s+(?:it|this|that)\s+(?:was|would\s+be)\s+a\s+good\s+idea|(?:deploys|pushes|merges|ships)\s+(?:on\s+a\s+friday|to\s+prod|straight|directly|without)|does\s+(?:this|that)|would\s+(?:do|deploy|push|merge|ship)\s+(?:this|that|on|without|to)|(?:was|were)\s+(?:supposed\s+to\s+be\s+)?(?:watching|minding|asleep)|keeps?\s+(?:deploying|pushing|merging|breaking|shipping|forgetting|ignoring|skipping|committing|doing\s+this|doing\s+that))\b",
        r"|\b(?:explain|justify)\s+(?:themselves|himself|herself|yourself|yourselves)\b",
        r"|\b(?:expect|want|need|require|asked?)\s+(?:everyone|everybody|all\s+of\s+you|each\s+of\s+you|you|them|the\s+(?:team|engineers?|people|staff|on-?call|reviewers?)|those)(?:\s+(?:involved|responsible|concerned))?\s+to\s+(?:explain|justify|account\s+for)\b",
        r"|\bnames?\s+of\s+(?:everyone|everybody|whoever|the\s+(?:people|person|engineers?|developers?|reviewers?)|those|anyone)\s+(?:who|that)\s+(?:approved|pushed|merged|broke|deployed|signed\s+off|caused|touched|shipped)\b",
        r"|\bwhich\s+(?:engineer|developer|dev|person|one\s+of\s+(?:you|us)|of\s+you|team|sre|admin|reviewer|operator|dba|contractor|intern)\s+(?:broke|pushed|merged|approved|caused|did|deployed|forgot|missed|ignored|ran|made|shipped|deleted|disabled|dropped|removed|silenced|changed|misconfigured|killed|wiped|nuked|skipped|keeps?\s+(?:deploying|pushing|merging|breaking|shipping|forgetting|ignoring|skipping|committing))\b",
        r"|\bwho\s+(?:is|was)\s+(?:the\s+(?:person|people|engineer|one|guy|individual|developer|dev)|it)\s+(?:that|who)\s+(?:changed|broke|pushed|deployed|deleted|disabled|merged|approved|made|caused|removed|dropped|touched|misconfigured|forgot|missed|ignored|skipped|wrote|shipped|ran)\b",
        r"|\bwhose\s+(?:fault|idea|mistake|responsibility|bright\s+idea|change|commit|pr|deploy|push)\b",
        r"|\bwhat\s+(?:were|was)\s+(?:you|they|he|she|[A-Z][a-z]+|the\s+[\w-]+(?:\s+[\w-]+)?)\s+thinking\b",
        r"|\b(?:find|found|figure\s+out|track\s+down|identify|know|ask|asking|determine)\s+(?:out\s+)?(?:who|the\s+person\s+who|the\s+engineer\s+who|whoever)\s+(?:broke|pushed|caused|did|is\s+responsible|was\s+responsible|made|approved|merged|deployed|ran|wrote|changed|shipped|released|touched|forgot|missed|ignored|deleted|disabled|dropped|removed|silenced|misconfigured|killed|wiped|nuked|skipped)\b"
    ))
    .unwrap()
});

/// "why didn't Dave…", "how could you miss…": a fault question when the subject is a person.
static WHY_HOW: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:why(?:\s+(?:on\s+earth|the\s+(?:hell|heck|fuck|f\*+k)|tf|exactly|again))?\s+(?:didn['’]?t|did\s+not|wasn['’]?t|weren['’]?t|hadn['’]?t|haven['’]?t|hasn['’]?t|couldn['’]?t|wouldn['’]?t|did|would|was|were)|how\s+(?:could|did|can|come|on\s+earth\s+did))\s+").unwrap()
});

static FAULT_VERBS: &[&str] = &[
    "skip", "ignore", "forget", "miss", "overlook", "bypass", "override", "push", "deploy",
    "merge", "approve", "break", "let", "allow", "disable", "delete", "drop", "not", "never",
    "check", "test", "notice", "see", "read", "follow", "escalate", "page", "roll", "revert",
    "think", "do", "run", "wait", "ask", "tell", "catch", "verify", "bother", "choose", "decide",
    "go", "touch", "leave",
];

/// An indirect question about a person's fault: "I want to understand how the team
/// allowed …", "can someone tell me why Priya skipped …".
static INDIRECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:understand|know|tell\s+(?:me|us)|ask|asking|asked|wonder|wondering|find\s+out|figure\s+out|curious|explain|clarify|hear)\s+(?:exactly\s+)?(?:how|why)\s+").unwrap()
});

/// Past-tense verbs that make an indirect "how/why <person> …" a culprit question.
static INDIRECT_FAULT: &[&str] = &[
    "allowed",
    "let",
    "missed",
    "ignored",
    "skipped",
    "approved",
    "merged",
    "pushed",
    "forgot",
    "failed",
    "overlooked",
    "bypassed",
    "broke",
    "deployed",
    "shipped",
    "didn't",
    "didnt",
    "did",
    "chose",
    "decided",
    "thought",
];

/// Verbs after "how could you …" that accuse rather than explore.
static HOW_FAULT: &[&str] = &[
    "miss", "forget", "not", "never", "let", "ignore", "skip", "overlook", "break", "push",
    "deploy", "merge", "approve", "delete", "drop", "be", "screw", "mess",
];

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&INDIRECT) {
        let m = c.get(0).unwrap();
        let (agent, e) = np_after(toks, tok_at(toks, m.end()), &doc.names());
        let verb = toks.get(e).map(|t| t.norm.as_str()).unwrap_or("");
        if agent.kind.is_people() && INDIRECT_FAULT.contains(&verb) {
            let end = toks.get(e).map_or(m.end(), |t| t.end);
            out.push(Hit::warning(
                Rule::CulpritQuestion,
                m.start(),
                end,
                agent.text,
            ));
        }
    }
    for (c, r, toks) in doc.matches(&WHO) {
        let m = c.get(0).unwrap();
        // "the engineer who pushed the change" is a relative clause, not a question.
        let i = tok_at(toks, m.start());
        let relative = m.as_str().to_ascii_lowercase().starts_with("who")
            && i > 0
            && toks[i - 1].word
            && (ROLE_NOUNS.contains(toks[i - 1].norm.as_str())
                || toks[i - 1].capitalised()
                || matches!(
                    toks[i - 1].norm.as_str(),
                    "person" | "one" | "someone" | "anyone" | "those" | "people" | "everyone"
                ))
            && !doc.masked[r.clone()].trim_end().ends_with('?');
        if relative {
            continue;
        }
        // "who is responsible for external communications": a question about roles.
        let lower = m.as_str().to_ascii_lowercase();
        if lower.contains("responsible") || lower.contains("accountable") {
            let after = doc.masked[m.end()..r.end].to_ascii_lowercase();
            let about_failure = [
                "outage", "incident", "failure", "mess", "break", "broke", "downtime", "bug",
                "mistake", "problem", "this", "that", "it",
            ]
            .iter()
            .any(|w| {
                after
                    .split(|c: char| !c.is_alphanumeric())
                    .take(6)
                    .any(|x| x == *w)
            });
            if after.trim_start().starts_with("for") && !about_failure {
                continue;
            }
        }
        out.push(Hit::warning(
            Rule::CulpritQuestion,
            m.start(),
            m.end(),
            String::new(),
        ));
    }
    for (c, _, toks) in doc.matches(&WHY_HOW) {
        let m = c.get(0).unwrap();
        let lower_lead = m.as_str().to_ascii_lowercase();
        let negative = lower_lead.contains("n't")
            || lower_lead.contains("n’t")
            || lower_lead.contains(" not")
            || lower_lead
                .split_whitespace()
                .any(|w| w.ends_with("nt") && w.len() > 4);
        let i = tok_at(toks, m.end());
        let (agent, e) = np_after(toks, i, &doc.names());
        if !agent.kind.is_people() {
            continue; // "why did the pipeline treat a skip as a pass?"
        }
        let verb = toks.get(e).map(|t| t.norm.as_str()).unwrap_or("");
        let lead = m.as_str().to_ascii_lowercase();
        // "Why didn't the on-call get paged?", "Why wasn't Priya paged?": the person
        // is on the receiving end; the question is about the system.
        let receiving = matches!(
            verb,
            "get" | "receive" | "see" | "hear" | "have" | "know" | "be"
        ) || (lead.contains("was") || lead.contains("were"))
            && verb.ends_with("ed");
        if receiving {
            continue;
        }
        let how = lead.starts_with("how");
        let faulty = if how {
            // "How could we make this visible sooner?" is the question we want.
            HOW_FAULT.contains(&verb)
                || matches!(
                    agent.text.to_ascii_lowercase().as_str(),
                    "nobody" | "no one" | "no-one" | "none"
                )
                || verb == "do"
                    && toks
                        .get(e + 1)
                        .is_some_and(|t| matches!(t.norm.as_str(), "that" | "this" | "something"))
        } else {
            negative
                || ["earth", "hell", "heck", "fuck", "f*", " tf"]
                    .iter()
                    .any(|w| lead.contains(w))
                || FAULT_VERBS.contains(&verb)
        };
        if faulty && (lead.starts_with("how") || lead.starts_with("why")) {
            let end = toks.get(e).map_or(m.end(), |t| t.end);
            out.push(Hit::warning(
                Rule::CulpritQuestion,
                m.start(),
                end,
                agent.text,
            ));
        }
    }
}
