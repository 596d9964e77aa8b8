//! A person as the cause ("Bob broke prod", "caused by Dave", "Root cause: Maria's
//! change") and "human error" as the cause. Naming people is fine in a timeline when
//! the verb is neutral ("Priya rolled back the release"); the verb or slot must denote
//! failure or causation.

use super::catalog::Rule;
use super::{Doc, Hit, in_compound, negated_before, tok_at};
use crate::agent::{AgentKind, np_after, subject_of};
use crate::lexicon::PERSON_ARTIFACTS;
use regex::Regex;
use std::sync::LazyLock;

/// Failure verbs with a person as subject.
static FAILURE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:broke|breaks|(?:has|have|had)\s+broken|took\s+down|brought\s+down|(?:took|brought|knocked)\s+(?:[\w-]+\s+){1,3}?(?:down|offline)|crashed|(?:crashes|wipes|nukes)\s+(?:the|a|an|our|prod|production|staging)|takes\s+down|brings\s+down|wiped|misconfigured|misconfigures|borked|nuked|trashed|fumbled|bungled|flubbed|goofed(?:\s+up)?|hosed|bricked|caused|causes|introduced\s+(?:the|a|this)\s+(?:bug|regression|outage|incident|problem|issue)|made\s+(?:a|an|the|this|that)\s+(?:\w+\s+)?(?:mistake|error|blunder|typo|slip)s?|made\s+(?:\w+\s+)?(?:mistakes?|blunders?)|(?:is|was|are|were)\s+(?:solely\s+|entirely\s+|directly\s+)?responsible\s+for\s+(?:the|this|that)\s+(?:[\w-]+\s+)?(?:outage|incident|failure|downtime|breakage|loss|corruption|breach|leak|regression|damage|mess|crash|disruption)|(?:pushed|deployed|shipped|merged|applied|committed|rolled\s+out|released)\s+(?:a|an|the|this|that|his|her|their)\s+(?:broken|bad|faulty|buggy|wrong|untested|incorrect|bogus)|(?:is|was|are|were)\s+(?:to\s+blame|at\s+fault|the\s+(?:root\s+)?cause|the\s+culprit|the\s+reason))\b").unwrap()
});

/// Cause slots followed by the thing that caused.
static CAUSE_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:caused\s+by|due\s+to|(?:was|is|comes|came|boils|boiled|all)\s+(?:entirely\s+|all\s+|squarely\s+|largely\s+|mostly\s+)?down\s+to|because\s+of|(?:the\s+)?result\s+of|attributed\s+to|attributable\s+to|blame\s+(?:lies|rests)\s+with|fault\s+(?:lies|rests)\s+with|(?:root\s+|primary\s+|main\s+|proximate\s+|underlying\s+|immediate\s+)?cause(?:\s+of\s+(?:the|this|that)\s+(?:[\w-]+\s+)?(?:outage|incident|failure|downtime|problem|issue|loss|breach))?\s*(?:was|is|:)(?:\s+(?:identified|determined|found|traced|confirmed|judged)\s+(?:as|to\s+be))?|(?:responsibility|accountability|blame)(?:\s+for\s+(?:the|this)\s+[\w-]+)?\s+(?:lies|rests|sits|falls|lands)\s+(?:squarely\s+|entirely\s+|solely\s+)?(?:with|on)|(?:the\s+)?fault\s+(?:of|is\s+with|was\s+with)|contributing\s+factors?\s*(?:was|were|is|:)|trigger\s*:|culprit\s*(?:was|is|:)|(?:we|i)\s+blame|blame\s+(?:goes\s+to|belongs\s+to))\s+").unwrap()
});

/// "X's fault", "my fault".
static FAULT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b([A-Za-z0-9_@\u00C0-\u024F]+)(?:['’]s)?[ \t]+fault\b").unwrap()
});

/// A mistake owned by a person: "Dave's mistake", "a mistake by the on-call".
static PERSON_MISTAKE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:([A-Za-z0-9_@\u00C0-\u024F]+)['’]s[ \t]+(?:[a-z-]+[ \t]+)?(?:mistake|blunder|screw-?up|oversight|slip|lapse|typo|negligence|carelessness)s?|(?:mistake|error|blunder|oversight|slip|lapse|typo|misstep|misconfiguration|misjudg(?:e)?ment)s?\s+(?:(?:were|was)\s+)?(?:made\s+)?(?:by|on\s+the\s+part\s+of)\s+|\b(?:the\s+)?(?:mistake|blunder)\s+of\s+)").unwrap()
});

/// "The outage is on Priya", "a lack of training for the on-call engineer".
static ON_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:(?:is|was|['’]s)\s+(?:all\s+|entirely\s+|squarely\s+|totally\s+)?on|lack\s+of\s+(?:training|experience|knowledge|understanding|skills?|competence|expertise)\s+(?:for|of|by|on\s+the\s+part\s+of|among|in))\s+").unwrap()
});

/// Sarcastic credit: "Thanks to Luis, we were down for two hours."
static THANKS_TO: LazyLock<Regex> =
    LazyLock::new(|| crate::text::compile(r"(?i)\b(?:thanks\s+to|courtesy\s+of)\s+").unwrap());

/// Mechanistic reasoning: a person's attribute as the explanation.
static MECHANISTIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\bbecause\s+(.{1,40}?)\s+(?:was|were|is|wasn['’]t|weren['’]t|was\s+not|were\s+not)\s+(?:too\s+|very\s+|still\s+)?(?:new|inexperienced|junior|untrained|unfamiliar|tired|distracted|rushing|rushed|careless|overconfident|sloppy|lazy|not\s+(?:properly\s+|adequately\s+|sufficiently\s+)?(?:trained|paying\s+attention|careful|experienced|familiar|focused|thinking))\b").unwrap()
});

static HUMAN_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:(?:human|operator|user|pilot|personnel|staff|engineer|developer|manual)\s+(?:errors?|mistakes?|failures?)|(?:operational|operations|procedural)\s+(?:errors?|mistakes?)|pebkac|pebcak|picnic|id10t|id-10-t|layer[- ]?8(?:\s+(?:issue|problem|error))?|between\s+(?:the\s+)?keyboard\s+and\s+(?:the\s+)?chair|wetware|(?:wrong|accidental|mistaken|erroneous|unintended|unintentional)\s+(?:push|press|click|keystroke|key\s+stroke|keypress)(?:\s+of\s+(?:a|the)\s+(?:button|key))?|(?:pressed|pushed|hit|clicked)\s+the\s+wrong\s+(?:button|key)|fat[- ]?finger(?:ed|ing|s)?|(?:lost|loss\s+of|lack\s+of)\s+situational\s+awareness|failure\s+to\s+follow\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:procedure|process|runbook|protocol|policy|instructions|documentation|checklist)|non-?compliance|inattention|lack\s+of\s+attention|(?:simple|silly|stupid|dumb)\s+(?:mistake|typo|error)|(?:category|classification|type|label)\s*:\s*human\b|human\s*[-–—:]\s*(?:procedure|error|mistake|action|oversight|performance|training|communication|knowledge|skill|rule|slip|lapse|violation)|(?:procedures?|process|runbook|policy|checklist|protocol|instructions)\s+(?:was\s+|were\s+)?not\s+followed)\b").unwrap()
});

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    failure_verbs(doc, out);
    cause_slots(doc, out);
    human_error(doc, out);
    bare_why_answer(doc, out);
}

/// A 5-whys step answered by a person or role alone: "5th why: the engineer.",
/// "Why 5 - ops". The chain stops at a person instead of the system around them.
static WHY_STEP: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|last|final)\s+why|why\s*#?\s*\d+)\s*[:\-–—]\s*").unwrap()
});

fn bare_why_answer(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&WHY_STEP) {
        let m = c.get(0).unwrap();
        let start = tok_at(toks, m.end());
        let (agent, end) = np_after(toks, start, &doc.names());
        let only_np = end > start && toks[end..].iter().all(|t| !t.word);
        if only_np && agent.kind.is_people() {
            let stop = toks[end - 1].end;
            hit(out, Rule::PersonAsCause, m.start(), stop, agent.text);
        }
    }
}

fn hit(out: &mut Vec<Hit>, rule: Rule, start: usize, end: usize, agent: String) {
    out.push(Hit::warning(rule, start, end, agent));
}

/// "engineers broke the dependency between the queue and alerting", "took the
/// billing system offline to prevent further charges": a mitigation done on purpose.
fn deliberate(verb: &str, rest: &str) -> bool {
    let rest = rest.to_ascii_lowercase();
    let object = rest
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let broke_a_link = verb.starts_with("broke")
        && [
            "dependency",
            "dependencies",
            "link",
            "cycle",
            "loop",
            "deadlock",
            "tie",
            "connection",
            "glass",
            "circuit",
        ]
        .iter()
        .any(|w| object.contains(w));
    let purpose = [
        " to prevent",
        " to stop",
        " to protect",
        " to limit",
        " to contain",
        " to avoid",
        " to allow",
        " to restore",
        " to mitigate",
        " to drain",
        " to reduce",
        " to repair",
        " to recover",
        " to apply",
        " to perform",
        " to upgrade",
        " to patch",
        " to investigate",
        " in order to",
        " so that",
        ", allowing",
        " for maintenance",
        " as a precaution",
    ];
    let took_down_on_purpose =
        (verb.starts_with("took") || verb.starts_with("brought") || verb.starts_with("knocked"))
            && purpose.iter().any(|p| rest.contains(p));
    broke_a_link || took_down_on_purpose || verb.starts_with("broke") && rest.contains(", allowing")
}

fn failure_verbs(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&FAILURE_VERB) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        if i > 0 && toks[i - 1].is("not") || negated_before(toks, i, 1) {
            continue;
        }
        // "the misconfigured rule", "a crashed pod": a participle after a determiner
        // is an adjective on a thing, not a verb with a subject.
        if i > 0 && crate::lexicon::DETERMINERS.contains(toks[i - 1].norm.as_str()) {
            continue;
        }
        let agent = subject_of(toks, i, &doc.names());
        if matches!(
            agent.text.to_ascii_lowercase().as_str(),
            "nobody" | "no one" | "no-one" | "none" | "noone"
        ) {
            continue; // "nobody is to blame"
        }
        // "If someone made a mistake, …": a hypothetical about anyone, not an account.
        let indefinite = matches!(
            agent.text.to_ascii_lowercase().as_str(),
            "someone" | "somebody" | "anyone" | "anybody" | "you" | "people" | "a person"
        );
        let hypothetical = toks[..i]
            .iter()
            .rev()
            .take(6)
            .any(|t| matches!(t.norm.as_str(), "if" | "when" | "whenever" | "unless"));
        if indefinite && hypothetical {
            continue;
        }
        let lower = m.as_str().to_ascii_lowercase();
        // "Thandiwe broke prod": breaking an environment is something people do.
        let env_object = toks
            .get(tok_at(toks, m.end())..(tok_at(toks, m.end()) + 2).min(toks.len()))
            .is_some_and(|w| {
                w.iter().any(|t| {
                    matches!(
                        t.norm.as_str(),
                        "prod"
                            | "production"
                            | "staging"
                            | "main"
                            | "master"
                            | "build"
                            | "everything"
                    )
                })
            });
        let personal = lower.starts_with("made")
            || lower.contains(" broken")
            || lower.contains(" bad ")
            || lower.starts_with("wiped")
            || (lower.starts_with("broke") || lower.starts_with("took")) && env_object;
        // "Dave's change took down checkout": the owner, not the change, is blamed.
        // A customer can be blamed too ("the user made an error").
        let blamable = agent.kind.is_people() || agent.kind == AgentKind::Bystander;
        // "Dave's change took down checkout" blames Dave; "a customer's telemetry data
        // caused slow queries" does not blame the customer.
        let owned_act = agent.person_possessor && {
            let head = agent.text.rsplit(' ').next().unwrap_or("").to_lowercase();
            PERSON_ARTIFACTS.contains(head.as_str())
        };
        // "we introduced a regression": a team owning its change, not a verdict.
        let own_change = lower.starts_with("introduced") && agent.text.eq_ignore_ascii_case("we");
        if (blamable || agent.maybe_name && personal || owned_act)
            && !own_change
            && !deliberate(&lower, &doc.masked[m.end()..r.end])
        {
            hit(out, Rule::PersonAsCause, m.start(), m.end(), agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&PERSON_MISTAKE) {
        let m = c.get(0).unwrap();
        let agent = match c.get(1) {
            Some(owner) => np_after(toks, tok_at(toks, owner.start()), &doc.names()).0,
            None => np_after(toks, tok_at(toks, m.end()), &doc.names()).0,
        };
        let owner_is_person = c.get(1).is_some_and(|o| {
            let w = o.as_str().to_lowercase();
            matches!(w.as_str(), "his" | "her" | "their" | "my" | "your" | "our")
                || toks
                    .get(tok_at(toks, o.start()))
                    .is_some_and(|t| t.possessive && subject_is_person_word(t, doc))
        });
        if owner_is_person || c.get(1).is_none() && agent.kind.is_people() {
            hit(out, Rule::PersonAsCause, m.start(), m.end(), agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&ON_PERSON) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let (agent, _) = np_after(toks, tok_at(toks, m.end()), &doc.names());
        let lower = m.as_str().to_ascii_lowercase();
        // "is on" needs a blame-shaped subject: "the outage is on Priya", not
        // "the focus is on the engineer's experience".
        let slot_ok = lower.starts_with("lack") || {
            let subject = subject_of(toks, i, &doc.names());
            // "It's on Dave", "this one's on Dave": the head without its "'s".
            let head = subject
                .text
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_ascii_lowercase()
                .replace('’', "'");
            let head = head.trim_end_matches("'s").to_string();
            // "the failure here is on …": a place adverb after the head.
            let head = if matches!(head.as_str(), "here" | "there" | "now" | "again") {
                subject
                    .text
                    .split_whitespace()
                    .rev()
                    .nth(1)
                    .unwrap_or("")
                    .to_ascii_lowercase()
            } else {
                head
            };
            matches!(
                head.as_str(),
                "outage"
                    | "incident"
                    | "this"
                    | "that"
                    | "it"
                    | "failure"
                    | "blame"
                    | "fault"
                    | "mistake"
                    | "problem"
                    | "downtime"
                    | "one"
            )
        };
        if slot_ok && agent.kind.is_people() {
            hit(out, Rule::PersonAsCause, m.start(), m.end(), agent.text);
        }
    }
    for (c, r, toks) in doc.matches(&THANKS_TO) {
        let m = c.get(0).unwrap();
        let (agent, _) = np_after(toks, tok_at(toks, m.end()), &doc.names());
        let rest = doc.masked[m.end()..r.end].to_ascii_lowercase();
        let bad = [
            "down ",
            "outage",
            "broke",
            "broken",
            "lost ",
            "offline",
            "unavailable",
            "crashed",
            "corrupt",
            "woke",
            "wasted",
            "downtime",
            "failed",
            "paged at",
        ]
        .iter()
        .any(|w| rest.contains(w));
        if agent.kind == AgentKind::Person && bad {
            hit(out, Rule::PersonAsCause, m.start(), m.end(), agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&MECHANISTIC) {
        let m = c.get(0).unwrap();
        let np = c.get(1).unwrap();
        let i = tok_at(toks, np.start());
        let (agent, _) = np_after(toks, i, &doc.names());
        if agent.kind.is_people() {
            hit(out, Rule::PersonAsCause, m.start(), m.end(), agent.text);
        }
    }
}

fn cause_slots(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&CAUSE_SLOT) {
        let m = c.get(0).unwrap();
        // "if a decision is needed, it comes down to the IC": authority, not cause.
        let lower = m.as_str().to_ascii_lowercase();
        if lower.contains("down to") {
            let before = doc.masked[r.start..m.start()].to_ascii_lowercase();
            if [
                "decision",
                "choice",
                "call",
                "judgement",
                "judgment",
                "up to",
            ]
            .iter()
            .any(|w| before.contains(w))
            {
                continue;
            }
        }
        let i = tok_at(toks, m.end());
        let (agent, e) = np_after(toks, i, &doc.names());
        let head_is_artifact = e > i && PERSON_ARTIFACTS.contains(toks[e - 1].norm.as_str());
        // "caused by a typo from the DBA": an act owned by a person.
        let from_person = head_is_artifact
            && toks
                .get(e)
                .is_some_and(|t| matches!(t.norm.as_str(), "from" | "by" | "of"))
            && np_after(toks, e + 1, &doc.names()).0.kind.is_people();
        let blamed =
            agent.kind.is_people() || (agent.person_possessor && head_is_artifact) || from_person;
        // "due to them being unable to confirm": a situation, not a verdict.
        let unable = toks[e.min(toks.len())..].iter().take(3).any(|t| {
            matches!(
                t.norm.as_str(),
                "unable" | "lacking" | "busy" | "away" | "unavailable"
            )
        });
        if blamed && !unable && !negated_before(toks, tok_at(toks, m.start()), 3) {
            let end = toks
                .get(e.saturating_sub(1))
                .map_or(m.end(), |t| t.end.max(m.end()));
            hit(out, Rule::PersonAsCause, m.start(), end, agent.text);
        }
    }
    for (c, _, toks) in doc.matches(&FAULT) {
        let m = c.get(0).unwrap();
        let owner = c.get(1).unwrap().as_str().to_lowercase();
        if matches!(
            owner.as_str(),
            "nobody" | "no-one" | "noone" | "no" | "not" | "one" | "anyone" | "anybody"
        ) {
            continue; // "it was nobody's fault", "no one's fault"
        }
        let i = tok_at(toks, m.start());
        let is_person = matches!(
            owner.as_str(),
            "my" | "his" | "her" | "their" | "your" | "our"
        ) || toks
            .get(i)
            .is_some_and(|t| t.possessive && subject_is_person_word(t, doc));
        // "it's our fault for having a system that allowed it": the organisation
        // owning the system, which is the blameless conclusion.
        let rest = doc.masked[m.end()..].to_ascii_lowercase();
        let owns_system = owner == "our"
            && [
                "for having",
                "for building",
                "for designing",
                "for allowing",
                "for letting",
                "for running",
                "for not having",
            ]
            .iter()
            .any(|p| rest.trim_start().starts_with(p));
        if is_person && !owns_system && !negated_before(toks, i, 2) {
            hit(
                out,
                Rule::PersonAsCause,
                m.start(),
                m.end(),
                c.get(1).unwrap().as_str().to_string(),
            );
        }
    }
}

fn subject_is_person_word(t: &crate::text::tokens::Tok, doc: &Doc) -> bool {
    let toks = [t.clone()];
    np_after(&toks, 0, &doc.names()).0.kind.is_people()
}

fn human_error(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&HUMAN_ERROR) {
        let m = c.get(0).unwrap();
        if in_compound(doc.masked, m.start(), m.end()) {
            continue;
        }
        let i = tok_at(toks, m.start());
        let j = tok_at(toks, m.end());
        let next = toks.get(j).map(|t| t.norm.as_str()).unwrap_or("");
        if matches!(
            next,
            "budget"
                | "budgets"
                | "rate"
                | "rates"
                | "message"
                | "messages"
                | "code"
                | "codes"
                | "page"
                | "pages"
                | "handling"
                | "response"
                | "responses"
                | "handler"
                | "dialog"
                | "toast"
                | "banner"
                | "field"
                | "category"
                | "label"
                | "checkbox"
                | "option"
                | "tag"
                | "box"
                | "taxonomy"
                | "classification"
        ) {
            continue; // a product or metric term, not an attribution
        }
        // "user errors became apparent": errors users saw, not errors they made.
        let lower = m.as_str().to_ascii_lowercase();
        if lower.starts_with("user") && lower.ends_with("errors") {
            let cause_before = toks[i.saturating_sub(4)..i].iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    "cause" | "caused" | "due" | "because" | "blame" | "as"
                )
            });
            if !cause_before {
                continue;
            }
        }
        // Meta text: "human error is never a root cause", "rather than human error".
        let before: Vec<&str> = toks[i.saturating_sub(4)..i]
            .iter()
            .map(|t| t.norm.as_str())
            .collect();
        let meta_before = negated_before(toks, i, 3)
            || before.iter().any(|w| {
                matches!(
                    *w,
                    "than"
                        | "understanding"
                        | "about"
                        | "guide"
                        | "book"
                        | "talk"
                        | "titled"
                        | "called"
                        | "instead"
                        | "beyond"
                        | "avoid"
                        | "avoiding"
                        | "removed"
                        | "label"
                        | "labelling"
                        | "labeling"
                        | "term"
                        | "blaming"
                        | "past"
                        | "stop"
                        | "stopped"
                )
            });
        let after: Vec<&str> = toks[j..(j + 3).min(toks.len())]
            .iter()
            .map(|t| t.norm.as_str())
            .collect();
        // "Human Error 101": a title.
        let title = after
            .first()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        // "Human error is a symptom, not a cause": the term discussed as a term.
        let meta_after = title
            || after.len() >= 2
                && matches!(after[0], "is" | "was" | "isn't" | "wasn't" | "are")
                && (matches!(after[1], "never" | "not" | "rarely" | "seldom")
                    || after.len() >= 3
                        && matches!(after[1], "a" | "an" | "the" | "just" | "only")
                        && matches!(
                            after[2],
                            "symptom"
                                | "label"
                                | "myth"
                                | "starting"
                                | "consequence"
                                | "shorthand"
                                | "misnomer"
                                | "effect"
                        ));
        if meta_before || meta_after {
            continue;
        }
        hit(out, Rule::HumanError, m.start(), m.end(), String::new());
    }
}
