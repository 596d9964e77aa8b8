//! A person as the cause, in shapes without a cause word in front of them: passives
//! ("the value was entered by an operator, causing the outage"), clefts ("it was the
//! contractor again"), "the intern did it", and choosing "the wrong" thing ("ran the
//! job with the wrong region flag").

use super::catalog::Rule;
use super::{Doc, Hit, tok_at};
use crate::agent::{np_after, subject_of};
use crate::finding::Severity;
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

fn hit(out: &mut Vec<Hit>, start: usize, end: usize, agent: String) {
    out.push(Hit {
        rule: Rule::PersonAsCause,
        start,
        end,
        severity: Severity::Warning,
        agent,
    });
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
}
