//! Counterfactuals about people: "should have", "failed to", "if X had", "never
//! checked". The same words about systems ("the script should have exited non-zero")
//! are facts about design, and plans ("we should add an alert") look forward.

use super::catalog::Rule;
use super::{Doc, Hit, tok_at};
use crate::agent::{
    Agent, AgentKind, Names, clause_subject, np_after, sentence_subject, subject_of,
};
use crate::finding::Severity;
use crate::text::tokens::{Tok, tokenize};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static MODAL_PERFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(should|could|must|ought\s+to)(?:\s+not|n['’]t|\s+never)?\s+have\s+(been\s+)?([a-z][a-z-]*)|\b(should|could|must)['’]ve\s+(been\s+)?([a-z][a-z-]*)").unwrap()
});

static OMISSION_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:failed|fails|neglected|forgot|forgets|omitted|didn['’]t\s+bother|did\s+not\s+bother|never\s+bothered|bothered|was\s+supposed|were\s+supposed)\s+to\b").unwrap()
});

/// A choice not to do the duty: "chose to ignore", "decided not to escalate".
static CHOSE_NOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:chose|decided|opted|elected)\s+(?:not\s+to\s+(?:check|test|verify|escalate|page|wait|read|follow|review|roll\s+back|revert|notify|tell|ask)|to\s+(?:ignore|skip|bypass|disregard|override|silence))\b").unwrap()
});

/// "Neither of the reviewers checked", "nobody tested": an omission by people.
static NOBODY_DID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:neither|none|nobody|no\s+one|no-one)(?:\s+of\s+(?:the\s+|us|them|our\s+|their\s+)?(?:[a-z0-9-]+\s+){0,2}?([a-z-]+))?\s+(?:ever\s+|actually\s+)?(checked|tested|verified|validated|reviewed|noticed|escalated|read|followed|confirmed|monitored|caught|acknowledged|bothered|thought)\b").unwrap()
});

static OMISSION_PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:overlooked|ignored|missed|disregarded|skipped|forgot|neglected|bypassed|misread|misjudged|misinterpreted|slept\s+through)\b").unwrap()
});

static DID_NOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:did\s+not|didn['’]t|never|don['’]t|do\s+not|doesn['’]t|does\s+not)\s+(?:even\s+|properly\s+|actually\s+|always\s+|bother\s+to\s+)?([a-z-]+)",
    )
    .unwrap()
});

/// "developers not testing", "deployed without testing": an omission framed as such.
static WITHOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:without\s+(?:first\s+|even\s+|properly\s+|ever\s+)?|not\s+(?:even\s+|properly\s+)?)(?:testing|checking|verifying|validating|reviewing|reading|asking|telling|notifying|informing|running\s+the\s+tests|looking\s+at|waiting\s+for|confirming|double-checking|consulting|following)\b").unwrap()
});

static IF_HAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:if|had)\b").unwrap());

/// Base verbs whose omission reads as a duty not done ("did not check").
static DUTY_BASE: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "check test verify validate read follow run review escalate notice look wait confirm communicate notify tell inform ask page monitor consider think bother catch realize realise double-check roll revert acknowledge ack respond document announce coordinate investigate reply answer heed pay watch update backup back lock drain rollback restart loop include involve warn alert".split_whitespace().collect()
});

static DUTY_PAST: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "checked tested verified validated followed reviewed escalated noticed looked waited confirmed communicated notified told informed asked paged monitored considered bothered caught realized realised acknowledged responded documented announced investigated replied answered heeded double-checked".split_whitespace().collect()
});

/// Irregular participles; regular ones end in -ed.
static IRREGULAR: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "known seen caught run had been made read sent built kept left set put spent told thought brought taught found got gotten let shut hit cut done gone given taken written spoken chosen woken driven ridden shown drawn understood held stood lost won begun rung sung thrown flown grown forgotten noticed paid said laid heard meant sold dealt felt met slept bent lent bitten hidden beaten broken frozen stolen eaten fallen forgiven risen shaken mistaken overtaken undertaken withdrawn blown sworn worn torn come become overcome hung struck stuck dug spun fought sought bought led fed fled sped spread hurt cost split quit upset cast burst misunderstood withheld overseen foreseen bound wound slid hid lit rebuilt rerun redone overridden rewritten undone".split_whitespace().collect()
});

fn is_participle(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w.ends_with("ed") || IRREGULAR.contains(w.as_str())
}

/// "Dave did not escalate because the runbook said to wait": the author already
/// explains the omission by the situation, so it is only a hint. A reason that is
/// again about the person ("because she had muted her phone") does not soften it.
fn explains_reason(toks: &[Tok], after: usize, names: &Names) -> bool {
    let rest = &toks[after.min(toks.len())..];
    let Some(k) = rest.iter().position(|t| {
        matches!(
            t.norm.as_str(),
            "because" | "since" | "as" | "given" | "due"
        )
    }) else {
        return false;
    };
    let clause = &rest[k + 1..];
    // "because we thought it was a network issue": the person's view at the time is
    // exactly the local rationality a blameless account gives.
    let rationale = clause.iter().take(6).any(|t| {
        matches!(
            t.norm.as_str(),
            "thought"
                | "believed"
                | "assumed"
                | "expected"
                | "understood"
                | "saw"
                | "told"
                | "followed"
                | "knew"
                | "considered"
                | "judged"
                | "read"
                | "trusted"
                | "had"
        )
    }) && !clause.iter().take(6).any(|t| {
        matches!(
            t.norm.as_str(),
            "muted" | "silenced" | "forgotten" | "ignored" | "asleep" | "lazy"
        )
    });
    if rationale {
        return true;
    }
    let skip = clause
        .iter()
        .take_while(|t| matches!(t.norm.as_str(), "of" | "to" | "that"))
        .count();
    !sentence_subject(&clause[skip..], names).kind.is_people()
}

fn push(
    out: &mut Vec<Hit>,
    rule: Rule,
    start: usize,
    end: usize,
    severity: Severity,
    agent: &Agent,
) {
    out.push(Hit {
        rule,
        start,
        end,
        severity,
        agent: agent.text.clone(),
    });
}

/// Who did it in a passive: "was ignored by Dave".
fn by_agent(toks: &[Tok], after: usize, doc: &Doc) -> Option<Agent> {
    if toks.get(after).is_some_and(|t| t.is("by")) {
        let (a, _) = np_after(toks, after + 1, &doc.names());
        return a.kind.is_people().then_some(a);
    }
    None
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    modal_perfect(doc, out);
    omissions(doc, out);
    conditionals(doc, out);
}

fn modal_perfect(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&MODAL_PERFECT) {
        let m = c.get(0).unwrap();
        let modal = c.get(1).or(c.get(4)).unwrap().as_str().to_ascii_lowercase();
        let passive = c.get(2).or(c.get(5)).is_some();
        let part = c.get(3).or(c.get(6)).unwrap();
        // "should have been more careful", "should have been watching": a state or
        // activity demanded of the subject, not a passive.
        let state = passive && !is_participle(part.as_str());
        // "should have load tested", "should have smoke tested": a compound verb.
        let compound = !is_participle(part.as_str())
            && doc.masked[part.end()..]
                .split_whitespace()
                .next()
                .is_some_and(|w| {
                    w.trim_end_matches(|c: char| !c.is_alphanumeric())
                        .ends_with("ed")
                });
        if !(is_participle(part.as_str()) || state || compound) {
            continue; // "should have an owner" is a present obligation, not a counterfactual
        }
        let p = part.as_str().to_ascii_lowercase();
        if modal == "must"
            && !matches!(
                p.as_str(),
                "forgotten" | "missed" | "ignored" | "skipped" | "known" | "noticed" | "checked"
            )
        {
            continue; // "must have expired" is an inference, not a judgement
        }
        let i = tok_at(toks, m.start());
        let subject = subject_of(toks, i, &doc.names());
        let after = tok_at(toks, part.end());
        let agent = by_agent(toks, after, doc).unwrap_or(subject.clone());
        // An unknown capitalised word opening the sentence, with a verb only
        // people do ("Thandiwe should have escalated"), is a name we do not know.
        let people_verb = matches!(
            p.as_str(),
            "checked"
                | "escalated"
                | "noticed"
                | "asked"
                | "told"
                | "waited"
                | "read"
                | "known"
                | "paged"
                | "reviewed"
                | "verified"
                | "double-checked"
                | "looked"
                | "followed"
                | "called"
                | "communicated"
                | "informed"
                | "realised"
                | "realized"
                | "listened"
                | "warned"
        );
        let agent = if agent.maybe_name && people_verb && !passive {
            Agent {
                kind: AgentKind::Person,
                ..agent
            }
        } else {
            agent
        };
        let sev = match agent.kind {
            AgentKind::Person | AgentKind::Group if state => Some(Severity::Warning),
            _ if state => None,
            // "Dave could have been paged earlier": Dave is not the actor.
            AgentKind::Person if passive && subject.kind == AgentKind::Person => {
                Some(Severity::Info)
            }
            AgentKind::Person => Some(Severity::Warning),
            AgentKind::Group if p == "had" || p == "been" || passive => Some(Severity::Info),
            AgentKind::Group => Some(Severity::Warning),
            AgentKind::Unknown if passive => Some(Severity::Info),
            _ => None,
        };
        // "Dave could have rolled back, but the button was disabled": the author
        // already explains what stood in the way.
        let blocked = modal == "could" && {
            let rest = &toks[after.min(toks.len())..];
            rest.iter().position(|t| t.is("but")).is_some_and(|k| {
                !sentence_subject(&rest[k + 1..], &doc.names())
                    .kind
                    .is_people()
            })
        };
        let sev = if blocked {
            sev.map(|_| Severity::Info)
        } else {
            sev
        };
        if let Some(sev) = sev {
            let rule = if sev == Severity::Info {
                Rule::CounterfactualTeam
            } else {
                Rule::CounterfactualPerson
            };
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
}

fn omissions(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&CHOSE_NOT) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let agent = subject_of(toks, i, &doc.names());
        if agent.kind.is_people() || agent.maybe_name {
            let (rule, sev) = if explains_reason(toks, tok_at(toks, m.end()), &doc.names()) {
                (Rule::CounterfactualTeam, Severity::Info)
            } else {
                (Rule::CounterfactualPerson, Severity::Warning)
            };
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
    for (c, _, toks) in doc.matches(&WITHOUT) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let agent = if m.as_str().to_ascii_lowercase().starts_with("not") {
            subject_of(toks, i, &doc.names())
        } else {
            clause_subject(toks, i, &doc.names())
        };
        if agent.kind.is_people() && !explains_reason(toks, tok_at(toks, m.end()), &doc.names()) {
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
    for (c, _, toks) in doc.matches(&NOBODY_DID) {
        let m = c.get(0).unwrap();
        // "none of the tests checked" is about systems; "none of the reviewers" is not.
        let people = match c.get(1) {
            Some(noun) => {
                let t = tokenize(noun.as_str(), 0);
                np_after(&t, 0, &doc.names()).0.kind.is_people()
            }
            None => true,
        };
        // "…, which is why nobody checked": the reason comes first.
        let i = tok_at(toks, m.start());
        let reason_before = toks[i.saturating_sub(3)..i]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "why" | "so" | "therefore"));
        if people && !reason_before && !explains_reason(toks, tok_at(toks, m.end()), &doc.names()) {
            let agent = Agent {
                kind: AgentKind::Group,
                text: String::new(),
                person_possessor: false,
                maybe_name: false,
            };
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
    for (c, _, toks) in doc.matches(&OMISSION_TO) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let agent = subject_of(toks, i, &doc.names());
        let next = toks.get(tok_at(toks, m.end()));
        if next.is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "meet" | "hit" | "reach" | "achieve" | "make"
            )
        }) {
            continue; // "we failed to meet the SLO" reports a result, not an omission
        }
        let duty_next = next.is_some_and(|t| DUTY_BASE.contains(t.norm.as_str()));
        if agent.kind.is_people() || agent.maybe_name && duty_next {
            let end = next.map_or(m.end(), |t| t.end);
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                end,
                Severity::Warning,
                &agent,
            );
        }
    }
    for (c, _, toks) in doc.matches(&OMISSION_PAST) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let prev = i
            .checked_sub(1)
            .map(|k| toks[k].norm.as_str())
            .unwrap_or("");
        if matches!(
            prev,
            "the" | "a" | "an" | "any" | "no" | "this" | "of" | "with"
        ) {
            continue; // adjective use: "the missed alert"
        }
        let target = toks.get(i + 1..(i + 4).min(toks.len())).is_some_and(|w| {
            w.iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    "slo"
                        | "slos"
                        | "sla"
                        | "target"
                        | "targets"
                        | "deadline"
                        | "objective"
                        | "goal"
                        | "window"
                        | "estimate"
                        | "budget"
                )
            })
        });
        if toks[i].norm == "missed" && target {
            continue; // "we missed our SLO" reports a result
        }
        let agent = if matches!(prev, "was" | "were" | "been" | "being" | "got" | "get") {
            match by_agent(toks, i + 1, doc) {
                Some(a) => a,
                None => continue,
            }
        } else {
            subject_of(toks, i, &doc.names())
        };
        // Only people forget or misread; a product name can "miss" or "ignore".
        let personal = matches!(
            toks[i].norm.as_str(),
            "forgot"
                | "neglected"
                | "misread"
                | "misjudged"
                | "misinterpreted"
                | "overlooked"
                | "disregarded"
        );
        if agent.kind.is_people() || agent.maybe_name && personal {
            let (rule, sev) = if explains_reason(toks, i + 1, &doc.names()) {
                (Rule::CounterfactualTeam, Severity::Info)
            } else {
                (Rule::CounterfactualPerson, Severity::Warning)
            };
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
    for (c, _, toks) in doc.matches(&DID_NOT) {
        let m = c.get(0).unwrap();
        let verb = c.get(1).unwrap().as_str().to_ascii_lowercase();
        let lead = m.as_str().to_ascii_lowercase();
        let never = lead.starts_with("never");
        let present = lead.starts_with("do") && !lead.starts_with("did");
        let duty = if never {
            DUTY_PAST.contains(verb.as_str())
        } else {
            DUTY_BASE.contains(verb.as_str())
        };
        if !duty {
            continue; // "did not have access" is a state, not an omission
        }
        let i = tok_at(toks, m.start());
        let agent = subject_of(toks, i, &doc.names());
        // "We don't test restores" is a team describing its practice; "people don't
        // follow the process" grades others.
        let own_practice =
            agent.text.eq_ignore_ascii_case("we") || agent.text.eq_ignore_ascii_case("i");
        if present && own_practice {
            continue;
        }
        if agent.kind.is_people() || agent.maybe_name {
            let sev = if explains_reason(toks, tok_at(toks, m.end()), &doc.names()) {
                Severity::Info
            } else {
                Severity::Warning
            };
            let rule = if sev == Severity::Info {
                Rule::CounterfactualTeam
            } else {
                Rule::CounterfactualPerson
            };
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
}

/// "If Dave had checked…", "Had the on-call looked…".
/// Words that can sit inside "anyone on the platform team".
fn is_inverted_np_word(t: &Tok) -> bool {
    !matches!(
        t.norm.as_str(),
        "had" | "hadn't" | "would" | "could" | "should"
    )
}

fn conditionals(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&IF_HAD) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let is_if = toks[i].is("if");
        if !is_if && i > 0 && toks[i - 1].word {
            continue; // "had" inside a clause is not an inverted conditional
        }
        let mut s = i + 1;
        if toks.get(s).is_some_and(|t| t.is("only")) {
            s += 1;
        }
        let (agent, mut e) = np_after(toks, s, &doc.names());
        // "Had anyone on the platform team read …": skip a prepositional phrase.
        if toks
            .get(e)
            .is_some_and(|t| matches!(t.norm.as_str(), "on" | "in" | "from" | "at" | "of"))
        {
            let limit = (e + 6).min(toks.len());
            let stop = |t: &Tok| {
                !t.word || t.norm == "had" || t.norm == "hadn't" || !is_inverted_np_word(t)
            };
            e = (e + 1..limit)
                .find(|&j| stop(&toks[j]) || !is_if && is_participle(toks[j].raw))
                .unwrap_or(e);
        }
        let mut k = e;
        if is_if {
            if !toks.get(k).is_some_and(|t| t.is("had") || t.is("hadn't")) {
                continue;
            }
            k += 1;
        }
        while toks.get(k).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "not" | "just" | "only" | "actually" | "properly" | "simply" | "even"
            )
        }) {
            k += 1;
        }
        let Some(part) = toks.get(k) else { continue };
        if !part.word || !is_participle(part.raw) {
            continue;
        }
        let progressive =
            part.norm == "been" && toks.get(k + 1).is_some_and(|t| t.norm.ends_with("ing"));
        let sev = match agent.kind {
            AgentKind::Person if part.norm != "been" || progressive => Severity::Warning,
            AgentKind::Group if part.norm != "had" && part.norm != "been" => Severity::Warning,
            AgentKind::Person | AgentKind::Group => Severity::Info,
            _ => continue,
        };
        let rule = if sev == Severity::Info {
            Rule::CounterfactualTeam
        } else {
            Rule::CounterfactualPerson
        };
        push(out, rule, m.start(), part.end, sev, &agent);
    }
}
