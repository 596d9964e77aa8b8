//! A person as the cause, in shapes without a cause word in front of them: passives
//! ("the value was entered by an operator, causing the outage"), clefts ("it was the
//! contractor again"), "the intern did it", and choosing "the wrong" thing ("ran the
//! job with the wrong region flag"); damage done "by" a person ("was taken down by a
//! contractor"); a why-answer ending at a person ("Because Victor restarted every
//! node"); and blame behind a disclaimer ("not to point fingers, but raj pushed it").

use super::catalog::Rule;
use super::counterfactual::is_participle;
use super::{Doc, Hit, tok_at};
use crate::agent::{AgentKind, np_after, sentence_subject, subject_of};
use regex::Regex;
use std::sync::LazyLock;

/// A passive whose agent is a person: "introduced by a network engineer".
static DONE_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:introduced|made|entered|pushed|deployed|applied|run|executed|typed|committed|merged|triggered|initiated|started|performed|done|caused|changed|set|deleted|removed|edited|configured|misconfigured|added|created|modified|updated|written|shipped|released|rolled\s+out)\s+by\s+").unwrap()
});

/// What a passive "by <person>" led to.
static OUTCOME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:causing|caused|leading\s+to|led\s+to|resulting\s+in|resulted\s+in|triggering|which\s+broke|(?:which\s+)?(?:took|knocked|brought)\s+(?:[\w-]+\s+){0,3}?(?:down|offline)|bringing\s+down|taking\s+down)\b").unwrap()
});

/// A cause statement around a faulty thing: "the root cause was a config error …".
static CAUSE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:root\s+cause|cause\s+was|caused\s+by|trigger(?:ed)?\s+(?:was|by)|due\s+to|because\s+of|contributing\s+factor)\b[^.;]*\b(?:error|mistake|misconfiguration|typo|wrong|incorrect|bad|faulty|broken|bug)\b").unwrap()
});

/// "it was the contractor (again)", "it wasn't the system, it was the people".
static CLEFT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\bit\s+(?:was|is|['’]s)\s+(?:(?:all|just|clearly|obviously|always|probably|definitely|once\s+again)\s+)?").unwrap()
});

/// "the intern did it", "Dave did this again".
static DID_IT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\bdid\s+(?:it|this|that)(?:\s+again)?\s*(?:[.!?]|$)").unwrap()
});

/// A person choosing "the wrong" thing: "ran the cleanup job with the wrong flag".
static WRONG_CHOICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:ran|runs|used|uses|picked|picks|chose|chooses|selected|selects|entered|enters|typed|types|deployed|deploys|applied|applies|pushed|pushes|restarted|restarts|rebooted|reboots|deleted|deletes|targeted|targets|edited|edits|restored|restores|merged|merges|promoted|promotes|killed|kills|dropped|drops|configured|configures|modified|modifies|rolled\s+back|failed\s+over)\s+(?:[\w/-]+\s+){0,5}?(?:the\s+|a\s+)?wrong\b").unwrap()
});

/// Damage in a passive with a person as its agent: "was taken down by a contractor".
/// Group 1: verbs that always describe damage; group 2: destructive verbs that are
/// also routine ("the old indexes were dropped by the DBA"), counted only with a sign
/// that it was unintended.
static DAMAGED_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:was|were|got|been|being)\s+(?:\w+ly\s+)?(?:(taken\s+down|brought\s+down|knocked\s+(?:over|out|offline)|broken|crashed|wiped(?:\s+out)?|corrupted|misconfigured|nuked|destroyed|trashed|hosed|borked)|(deleted|dropped|overwritten|truncated|killed|removed|erased))\s+(?:accidentally\s+|inadvertently\s+)?by\s+").unwrap()
});

/// A why-answer that opens with "Because": the reason given for the failure.
static BECAUSE_OPENING: LazyLock<Regex> =
    LazyLock::new(|| crate::text::compile(r"(?i)\bbecause\s+").unwrap());

/// Past verbs in a why-answer that give the person's view or a good act, not a
/// faulty one ("Because the on-call followed the runbook", "Because Dave assumed …").
const ANSWER_NEUTRAL: &[&str] = &[
    "followed",
    "thought",
    "believed",
    "assumed",
    "expected",
    "understood",
    "knew",
    "saw",
    "read",
    "was",
    "were",
    "had",
    "been",
    "fixed",
    "restored",
    "mitigated",
    "recovered",
    "noticed",
    "caught",
    "reported",
    "asked",
    "told",
    "trusted",
    "used",
    "relied",
    "found",
    "saved",
    "prevented",
    "stopped",
];

/// A disclaimer that introduces blame: "not to point fingers, but raj pushed it".
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:not\s+to|(?:i\s+)?(?:don['’]?t|do\s+not)\s+want\s+to|(?:i['’]?m|i\s+am)\s+not(?:\s+trying\s+to)?)\s+(?:point(?:ing)?\s+(?:any\s+)?fingers|blam(?:e|ing)\s+(?:anyone|anybody)|nam(?:e|ing)\s+names|throw(?:ing)?\s+\w+\s+under\s+the\s+bus)\s*,?\s+but\s+").unwrap()
});

fn hit(out: &mut Vec<Hit>, start: usize, end: usize, agent: String) {
    out.push(Hit::warning(Rule::PersonAsCause, start, end, agent));
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&DONE_BY) {
        let m = c.get(0).unwrap();
        let (agent, e) = np_after(toks, tok_at(toks, m.end()), &doc.names());
        if !agent.kind.is_people() {
            continue;
        }
        let after = toks.get(e).map_or(r.end, |t| t.start);
        let outcome = OUTCOME_AFTER.is_match(&doc.masked[after..r.end]);
        let cause = CAUSE_CONTEXT.is_match(&doc.masked[r.start..m.start()]);
        if outcome || cause {
            let end = toks.get(e.saturating_sub(1)).map_or(m.end(), |t| t.end);
            hit(out, m.start(), end, agent.text);
        }
    }
    for (c, r, toks) in doc.matches(&CLEFT) {
        let m = c.get(0).unwrap();
        let (agent, e) = np_after(toks, tok_at(toks, m.end()), &doc.names());
        if !agent.kind.is_people() {
            continue;
        }
        // "It was Dave who noticed the lag" credits; "it was the contractor again",
        // "it was the people running it" blames. Ask for a blaming frame.
        let next = toks.get(e).map_or("", |t| t.norm.as_str());
        let ends = toks.get(e).is_none_or(|t| !t.word);
        let sentence = doc.masked[r.clone()].to_ascii_lowercase();
        let frame = next == "again"
            || next == "running"
            || next == "behind"
            || sentence.contains("all along")
            || sentence.contains("surprise")
            || sentence.contains("not the system")
            || sentence.contains("wasn't the system")
            || sentence.contains("wasn’t the system")
            || sentence.contains("as usual");
        if frame && (ends || matches!(next, "again" | "running" | "behind")) {
            let end = toks.get(e.saturating_sub(1)).map_or(m.end(), |t| t.end);
            hit(out, m.start(), end, agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&DID_IT) {
        let m = c.get(0).unwrap();
        let agent = subject_of(toks, tok_at(toks, m.start()), &doc.names());
        // "who did this?" is a culprit question, reported by its own rule.
        if agent.kind.is_people() && agent.text != "who" {
            hit(out, m.start(), m.end(), agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&WRONG_CHOICE) {
        let m = c.get(0).unwrap();
        let agent = subject_of(toks, tok_at(toks, m.start()), &doc.names());
        if agent.kind.is_people() {
            hit(out, m.start(), m.end(), agent.text);
        }
    }
    damage_and_answers(doc, out);
}

fn damage_and_answers(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&DAMAGED_BY) {
        let m = c.get(0).unwrap();
        let (agent, e) = np_after(toks, tok_at(toks, m.end()), &doc.names());
        if !agent.kind.is_people() {
            continue;
        }
        let sentence = doc.masked[r.clone()].to_ascii_lowercase();
        let unintended = [
            "wrong",
            "accidentally",
            "by mistake",
            "mistakenly",
            "inadvertently",
        ]
        .iter()
        .any(|w| sentence.contains(w));
        // "was taken down by Priya for maintenance, as planned": done on purpose.
        let planned = [
            "as planned",
            "for maintenance",
            "on purpose",
            "deliberately",
            "intentionally",
            "as intended",
            " to prevent",
            " to stop",
            " to protect",
            " to contain",
        ]
        .iter()
        .any(|w| sentence.contains(w));
        if (c.get(1).is_some() || unintended) && !planned {
            let end = toks.get(e.saturating_sub(1)).map_or(m.end(), |t| t.end);
            hit(out, m.start(), end, agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&BECAUSE_OPENING) {
        let m = c.get(0).unwrap();
        // Only an answer that opens its sentence (after a timestamp or "A:" at most):
        // "…, because Dave restarted it" inside a narrative is often just sequence.
        let i = tok_at(toks, m.start());
        if toks[..i]
            .iter()
            .any(|t| t.word && !t.norm.starts_with(|ch: char| ch.is_ascii_digit()))
        {
            continue;
        }
        let (agent, e) = np_after(toks, i + 1, &doc.names());
        // "Because we restarted …": a team owning its change.
        if agent.kind != AgentKind::Person || agent.text.eq_ignore_ascii_case("i") {
            continue;
        }
        let Some(verb) = toks.get(e) else { continue };
        // A fragment answer ends with its reason; "Because Dave restarted the pod,
        // traffic recovered" has a main clause and may well be credit.
        let fragment = !toks[e..].iter().any(|t| t.is_punct(','));
        if !verb.word
            || !fragment
            || !is_participle(verb.raw)
            || ANSWER_NEUTRAL.contains(&verb.norm.as_str())
        {
            continue;
        }
        hit(out, m.start(), verb.end, agent.text);
    }
    for (c, r, toks) in doc.matches(&DISCLAIMER) {
        let m = c.get(0).unwrap();
        let rest = &toks[tok_at(toks, m.end())..];
        let agent = sentence_subject(rest, &doc.names());
        if agent.kind.is_people() || agent.maybe_name {
            let end = rest.get(1).map_or(m.end(), |t| t.end).min(r.end);
            hit(out, m.start(), end, agent.text);
        }
    }
}
