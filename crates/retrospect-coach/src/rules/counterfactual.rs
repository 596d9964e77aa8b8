//! Counterfactuals about people: "should have", "failed to", "if X had", "never
//! checked". The same words about systems ("the script should have exited non-zero")
//! are facts about design, and plans ("we should add an alert") look forward.

use super::catalog::Rule;
use super::{Doc, Hit, tok_at};
use crate::agent::{Agent, AgentKind, Names, np_after, sentence_subject, subject_of};
use crate::finding::Severity;
use crate::text::tokens::Tok;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static MODAL_PERFECT: LazyLock<Regex> = LazyLock::new(|| {
    // "should of", "shouldve", "shoulda" and a missing apostrophe are how people type
    // in chat; they mean the same as "should have".
    crate::text::compile(r"(?i)\b(should|could|must|ought\s+to)(?:\s+not|n['’]?t|\s+never)?\s+(?:have|of)\s+(been\s+)?([a-z][a-z-]*)|\b(should|could|must)(?:['’]?ve|a)\s+(been\s+)?([a-z][a-z-]*)").unwrap()
});

static IF_HAD: LazyLock<Regex> =
    LazyLock::new(|| crate::text::compile(r"(?i)\b(?:if|had)\b").unwrap());

/// After "could have", harm an actor was able to do: a possibility, not a duty.
static COULD_HARM: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "captured stolen exfiltrated exploited leaked exposed accessed compromised impersonated bypassed deleted corrupted lost damaged harmed affected abused hijacked installed downloaded intercepted tampered wiped destroyed overwritten erased dropped crashed killed".split_whitespace().collect()
});

/// Irregular participles; regular ones end in -ed.
static IRREGULAR: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "known seen caught run had been made read sent built kept left set put spent told thought brought taught found got gotten let shut hit cut done gone given taken written spoken chosen woken driven ridden shown drawn understood held stood lost won begun rung sung thrown flown grown forgotten noticed paid said laid heard meant sold dealt felt met slept bent lent bitten hidden beaten broken frozen stolen eaten fallen forgiven risen shaken mistaken overtaken undertaken withdrawn blown sworn worn torn come become overcome hung struck stuck dug spun fought sought bought led fed fled sped spread hurt cost split quit upset cast burst misunderstood withheld overseen foreseen bound wound slid hid lit rebuilt rerun redone overridden rewritten undone".split_whitespace().collect()
});

pub(super) fn is_participle(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w.ends_with("ed") || IRREGULAR.contains(w.as_str())
}

/// "Dave did not escalate because the runbook said to wait": the author already
/// explains the omission by the situation, so it is only a hint. A reason that is
/// again about the person ("because she had muted her phone") does not soften it.
pub(super) fn explains_reason(toks: &[Tok], after: usize, names: &Names) -> bool {
    let rest = &toks[after.min(toks.len())..];
    // A reason belongs to the omission, not to a relative clause after it ("…, which
    // meant every order since Monday …").
    let end = rest
        .windows(2)
        .position(|w| w[0].is_punct(',') && matches!(w[1].norm.as_str(), "which" | "who"))
        .unwrap_or(rest.len());
    let rest = &rest[..end];
    let Some(k) = rest.iter().enumerate().position(|(j, t)| {
        let next = rest.get(j + 1).map_or("", |n| n.norm.as_str());
        match t.norm.as_str() {
            "because" | "given" | "due" => true,
            // "since Monday", "as soon as": time, not a reason.
            "since" => !is_time_word(next),
            "as" => !matches!(
                next,
                "soon"
                    | "well"
                    | "part"
                    | "long"
                    | "usual"
                    | "of"
                    | "per"
                    | "such"
                    | "if"
                    | "though"
                    | "expected"
                    | "always"
                    | "a"
                    | "an"
                    | "much"
                    | "far"
            ),
            _ => false,
        }
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

/// Words that make "since" temporal: "since Monday", "since 02:00", "since then".
fn is_time_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || crate::lexicon::CALENDAR_WORDS.contains(w)
        || matches!(
            w,
            "then"
                | "yesterday"
                | "last"
                | "the"
                | "early"
                | "earlier"
                | "morning"
                | "midnight"
                | "noon"
                | "launch"
                | "deploy"
                | "startup"
                | "boot"
        )
}

pub(super) fn push(
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
pub(super) fn by_agent(toks: &[Tok], after: usize, doc: &Doc) -> Option<Agent> {
    if toks.get(after).is_some_and(|t| t.is("by")) {
        let (a, _) = np_after(toks, after + 1, &doc.names());
        return a.kind.is_people().then_some(a);
    }
    None
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    modal_perfect(doc, out);
    super::omission::scan(doc, out);
    conditionals(doc, out);
}

fn modal_perfect(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&MODAL_PERFECT) {
        let m = c.get(0).unwrap();
        let modal = c.get(1).or(c.get(4)).unwrap().as_str().to_ascii_lowercase();
        let passive = c.get(2).or(c.get(5)).is_some();
        let part = c.get(3).or(c.get(6)).unwrap();
        // "should have been more careful", "should have been watching": a state or
        // activity demanded of the subject, not a passive.
        let state = passive && !is_participle(part.as_str());
        // "should have load tested", "should have smoke tested": a compound verb.
        // A determiner is never the first half of a compound verb ("should have a
        // dedicated proxy" is an obligation).
        let compound = !is_participle(part.as_str())
            && !matches!(
                part.as_str().to_ascii_lowercase().as_str(),
                "a" | "an"
                    | "the"
                    | "this"
                    | "that"
                    | "some"
                    | "any"
                    | "no"
                    | "more"
                    | "one"
                    | "two"
            )
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
        // "someone could have deleted the bucket", "without paging we could have
        // noticed it much later": a possibility or a worse world, not a missed duty.
        if modal == "could" {
            let before = doc.masked[r.start..m.start()].to_ascii_lowercase();
            let rest = doc.masked[m.end()..r.end].to_ascii_lowercase();
            let worse_world = before.contains("without ")
                || [
                    "later than",
                    "much later",
                    "far later",
                    "way later",
                    "even later",
                    "much worse",
                    "far worse",
                    "even worse",
                ]
                .iter()
                .any(|w| rest.contains(w));
            if worse_world || COULD_HARM.contains(p.as_str()) {
                continue;
            }
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
                // "but instead kept debugging": the same person chose otherwise.
                let chose = rest.get(k + 1).is_some_and(|t| {
                    matches!(
                        t.norm.as_str(),
                        "instead" | "rather" | "chose" | "decided" | "opted"
                    )
                });
                // "but she was on leave", "but he had no access": a person, and
                // a state that stood in their way rather than a choice.
                let window = &rest[k + 1..(k + 5).min(rest.len())];
                let state = window.iter().enumerate().any(|(i, t)| {
                    matches!(t.norm.as_str(), "was" | "were" | "lacked")
                        || (matches!(t.norm.as_str(), "had" | "could" | "couldn")
                            && window
                                .get(i + 1)
                                .is_some_and(|n| matches!(n.norm.as_str(), "no" | "not" | "t")))
                });
                !chose
                    && (state
                        || !sentence_subject(&rest[k + 1..], &doc.names())
                            .kind
                            .is_people())
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
