//! Normative judgements: "careless", "sloppy", "negligent", "poor judgement".
//! Technical compounds ("sloppy quorum", "lazy loading") are masked as vocabulary
//! before this runs; a few words that also describe systems need a person nearby.

use super::catalog::Rule;
use super::{Doc, Hit, in_compound, negated_before, tok_at};
use crate::agent::{AgentKind, clause_subject, np_after, sentence_subject, subject_of};
use crate::lexicon::SYSTEM_NOUNS;
use regex::Regex;
use std::sync::LazyLock;

/// Words that judge whoever they touch.
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:careless(?:ly|ness)?|sloppy|sloppily|sloppiness|reckless(?:ly|ness)?|negligen(?:t|tly|ce)|lazy|laziness|incompeten(?:t|tly|ce)|unprofessional(?:ly|ism)?|irresponsib(?:le|ly|ility)|inexcusabl[ey]|complacen(?:t|cy|ce)|clueless|stupid(?:ity)?|idiot(?:s|ic)?|foolish(?:ly|ness)?|thoughtless(?:ly|ness)?|inattentive|dereliction|amateurish|cavalier|slapdash|lackadaisical|half-hearted(?:ly)?",
        r"|(?:poor|bad|questionable|terrible|awful)\s+(?:judg(?:e)?ment|decision(?:-making)?s?|calls?|choices?|work|practices?|discipline|communication\s+by)",
        r"|lapse\s+(?:in|of)\s+judg(?:e)?ment|rookie\s+(?:mistake|error|move)|yolo(?:['’]d|ed)?|rubber[- ]stamp(?:ed|ing|s)?|without\s+thinking|expected\s+(?:more|better)\s+(?:from|of)|(?:didn['’]t|did\s+not|doesn['’]t|does\s+not)\s+(?:really\s+|fully\s+)?(?:understand|know)\s+(?:[\w-]+\s+){0,4}?(?:well\s+enough|what\s+(?:he|she|they|you|i)\s+(?:was|were|am|is|are)\s+doing)|(?:poorly|badly|sloppily|hastily|carelessly)\s+(?:executed|handled|managed|planned|communicated|coordinated|run|led|done|prepared)|caught\s+napping|asleep\s+at\s+the\s+switch|(?:should\s+be\s+)?ashamed|(?:should|ought\s+to)\s+(?:have|of|['’]?ve)\s+known\s+better|shame\s+on|shameful|disgraceful|a\s+disgrace|(?:stop|keep|kept|keeps)\s+making\s+(?:these\s+|such\s+|the\s+same\s+|silly\s+|basic\s+|stupid\s+|careless\s+)?mistakes|make\s+fewer\s+mistakes|(?:should|ought\s+to)\s+know\s+better|knows\s+better|by\s+mistake|cowboy(?:ed|ing)?(?:\s+(?:deploy|change|coding|fix|move))?|dropped\s+the\s+ball|asleep\s+at\s+the\s+wheel",
        r"|cut(?:ting)?\s+corners|half-assed|botched|mishandled|mismanaged|screwed\s+up|messed\s+up|knew\s+better|should\s+have\s+known\s+better|(?:couldn|can)['’]t\s+be\s+bothered|(?:went|gone|going)\s+rogue|(?:not|\w+n['’]t)\s+paying\s+(?:enough\s+|any\s+)?attention",
        r"|(?:failure|lapse)\s+(?:of|in)\s+(?:basic\s+|due\s+|professional\s+)?(?:diligence|care|attention|judg(?:e)?ment|ownership|discipline|professionalism)|usual\s+suspects|(?:threw|throw|throws|throwing|thrown|tossed|tossing)\s+(?:it|this|them|things|stuff|the\s+[\w-]+)\s+over\s+the\s+wall|carless(?:ly|ness)?",
        r"|lack\s+of\s+(?:basic\s+|proper\s+|due\s+|sufficient\s+|any\s+|real\s+|simple\s+)?(?:diligence|attention|care|ownership|discipline|accountability|rigou?r|professionalism|competence|effort|judg(?:e)?ment|responsibility|common\s+sense|awareness|focus)",
        r"|no\s+excuse|without\s+(?:a\s+)?(?:second\s+)?thought)\b"
    ))
    .unwrap()
});

/// Adverbs that grade a person's action as wrong ("Dave mistakenly ran…").
static WRONGLY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(
        r"(?i)\b(?:mistakenly|wrongly|incorrectly|erroneously|wrongfully)(?:\s+[a-z]+|,)",
    )
    .unwrap()
});

/// Shipping work judged as unfinished: needs a person subject ("developers keep
/// shipping untested code"), not a pipeline.
static UNTESTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:shipp?(?:ed|ing|s)?|push(?:ed|ing|es)?|deploy(?:ed|ing|s)?|merg(?:ed|ing|es|e)|committ?(?:ed|ing|s)?|releas(?:ed|ing|es|e))\s+(?:\w+\s+)?(?:untested|unreviewed|half-baked|sloppy)\b").unwrap()
});

/// Person-only states and acts graded as failings: "wasn't careful enough",
/// "panicked", "abused his access". Needs a person subject ("the kernel panicked").
static PERSON_FAILING: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:(?:not|\w+n['’]?t)\s+(?:enough\s+|very\s+|sufficiently\s+|being\s+)?(?:careful|thorough|diligent|attentive|vigilant|cautious)\b|(?:not|\w+n['’]?t|never)\s+(?:really\s+)?tak(?:e|ing|en)\s+(?:[\w-]+\s+){0,4}?seriously|strikes?\s+again|struck\s+again|(?:not|\w+n['’]t)\s+(?:careful|thorough|diligent|attentive|vigilant|cautious|rigorous|experienced|skilled|competent|fast|quick|responsive)\s+enough|insufficiently\s+(?:careful|thorough|diligent)|panicked|panicking|freaked\s+out|lost\s+(?:his|her|their)\s+(?:head|cool|nerve)|abused)\b").unwrap()
});

/// "too slow to react": graded against a norm set afterwards; needs a person subject.
static TOO_SLOW: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:was|were|is|are)\s+(?:far\s+|much\s+|way\s+)?too\s+(?:slow|late|hasty|quick|eager|careless|complacent|relaxed|casual)\b").unwrap()
});

/// Mocking a person by name: "classic Dave", "another Kevin special", "this has Greg
/// written all over it". Group 1 or 2 is the person.
static NAMED_MOCKERY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:classic|typical)\s+(@?[A-Za-z][\w'’-]*)\s*(?:[.!?,;]|$)|\b(?:a|an|another|the|classic|typical)\s+(@?[A-Za-z][\w'’-]*)\s+special\b|\bhas\s+(@?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+)?)\s+written\s+all\s+over\s+it|\b(?:classic|typical)\s+(?:[\w-]+\s+){0,3}?(?:from|by)\s+(@?[A-Za-z][\w'’-]*)").unwrap()
});

/// Lateness graded afterwards: "finally notices the disk alert, 25 min late".
static LATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:\d+\s*(?:min(?:ute)?s?|m|h|hrs?|hours?)\s+(?:too\s+)?late|finally\s+(?:notices|noticed|acks|acked|acknowledges|acknowledged|responds|responded|escalates|escalated|reacts|reacted|wakes\s+up|woke\s+up|looks|looked|checks|checked|reads|read|picks\s+up|picked\s+up))\b").unwrap()
});

/// Words that judge people but can describe systems ("an inappropriate timeout").
static CONTEXTUAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:inappropriate(?:ly)?|improper(?:ly)?|unacceptabl[ey]|careless|sloppy|lax|negligible|dumb|blindly|wrong\s+call|sluggish|disorgani[sz]ed)\b").unwrap()
});

fn idioms(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&NAMED_MOCKERY) {
        let m = c.get(0).unwrap();
        let Some(who) = c.get(1).or(c.get(2)).or(c.get(3)).or(c.get(4)) else {
            continue;
        };
        let (agent, _) = np_after(toks, tok_at(toks, who.start()), &doc.names());
        if agent.kind.is_people() || agent.maybe_name {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                agent.text,
            ));
        }
    }
    for (c, _, toks) in doc.matches(&LATE) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let subject = if m.as_str().to_ascii_lowercase().starts_with("finally") {
            subject_of(toks, i, &doc.names())
        } else {
            clause_subject(toks, i, &doc.names())
        };
        // "Secondary finally wakes up and acks": waking up and acking are things
        // only people do, so an unknown subject is a person.
        let person_only = ["wake", "woke", "ack"]
            .iter()
            .any(|w| m.as_str().to_ascii_lowercase().contains(w));
        let people = subject.kind.is_people()
            || subject.maybe_name
            || person_only && subject.kind == AgentKind::Unknown;
        if people {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                subject.text,
            ));
        }
    }
    norms_and_sarcasm(doc, out);
}

/// Conduct graded against a rule: "acted contrary to the change policy", "violated
/// the freeze". Needs a person subject ("the job violated the SLO" is a fact).
static NORM_BREACH: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:(?:acted|acting|acts|worked|went|operated)\s+(?:directly\s+|clearly\s+)?(?:contrary\s+to|in\s+(?:breach|violation|contravention)\s+of|against|outside)|(?:violated|violates|breached|breaches|contravened|flouted|flouts|circumvented|disobeyed))\s+(?:the\s+|our\s+|their\s+|his\s+|her\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:polic(?:y|ies)|procedures?|process|rules?|instructions?|guidance|guidelines?|runbook|freeze|checklist|standards?|protocols?|orders?)\b").unwrap()
});

/// Sarcastic credit after a failure: "Hotfix breaks checkout. Thanks a lot, Mike." Only
/// the curt form (the name ends the sentence): real thanks say what for.
static SARCASTIC_THANKS: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:thanks|thank\s+you|cheers)\s+(?:a\s+lot|a\s+bunch|for\s+nothing)\s*,?\s+(@?[A-Za-z][\w'’-]*)\s*(?:[.!]|$)").unwrap()
});

/// Failure words that make the credit that follows them sarcastic.
const FAILURE_WORDS: &[&str] = &[
    "breaks",
    "broke",
    "broken",
    "down",
    "outage",
    "crashed",
    "crashes",
    "failed",
    "fails",
    "lost",
    "deleted",
    "wiped",
    "corrupted",
    "again",
];

fn norms_and_sarcasm(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&NORM_BREACH) {
        let m = c.get(0).unwrap();
        let subject = subject_of(toks, tok_at(toks, m.start()), &doc.names());
        // "worked outside the runbook because it had no step for this": explained by
        // the situation, like an explained omission.
        let explained =
            super::counterfactual::explains_reason(toks, tok_at(toks, m.end()), &doc.names());
        if (subject.kind.is_people() || subject.maybe_name) && !explained {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                subject.text,
            ));
        }
    }
    for (c, r, toks) in doc.matches(&SARCASTIC_THANKS) {
        let m = c.get(0).unwrap();
        let who = c.get(1).unwrap();
        let (agent, _) = np_after(toks, tok_at(toks, who.start()), &doc.names());
        if !(agent.kind == AgentKind::Person || agent.maybe_name || who.as_str().starts_with('@')) {
            continue;
        }
        // "for nothing" is sarcastic on its own; other thanks need a failure in the
        // same or the previous sentence ("Priya restored it. Thanks a lot, Priya." is
        // real thanks).
        let prev_start = doc
            .sentences
            .iter()
            .rev()
            .find(|s| s.end <= r.start)
            .map_or(r.start, |s| s.start);
        let before = doc.masked[prev_start..m.start()].to_ascii_lowercase();
        let failure = m.as_str().to_ascii_lowercase().contains("nothing")
            || before
                .split(|ch: char| !ch.is_ascii_alphanumeric())
                .any(|w| FAILURE_WORDS.contains(&w));
        if failure {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                agent.text,
            ));
        }
    }
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    idioms(doc, out);
    for (c, _, toks) in doc.matches(&STRONG) {
        let m = c.get(0).unwrap();
        if in_compound(doc.masked, m.start(), m.end()) {
            continue;
        }
        let i = tok_at(toks, m.start());
        // "not careless", "never feel ashamed", "don't be reckless" (but "can't keep
        // cutting corners" still judges).
        let linked = i > 0
            && matches!(
                toks[i - 1].norm.as_str(),
                "be" | "feel" | "being" | "been" | "so" | "too" | "very" | "seem" | "look"
            );
        let negated = negated_before(toks, i, 1) || linked && negated_before(toks, i - 1, 1);
        if negated && !m.as_str().to_ascii_lowercase().starts_with("no ") {
            continue; // "not careless", "it was not negligence"
        }
        let word = m.as_str().to_ascii_lowercase();
        let before_system = toks.get(i + 1).is_some_and(|t| {
            SYSTEM_NOUNS.contains(t.norm.as_str())
                || SYSTEM_NOUNS.contains(t.norm.trim_end_matches('s'))
        });
        if word == "lazy" && before_system {
            continue; // "the lazy consumer", "a lazy replica": a design term
        }
        // "the queue consumer is lazy", "the old script was sloppy about errors": the
        // two words that also describe designs, said of a system.
        // Acts people perform stay judged ("the response was lazy", "the review was
        // sloppy") even where the lexicon also lists them as systems.
        let subject = subject_of(toks, i, &doc.names());
        let head = subject
            .text
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let act = matches!(
            head.as_str(),
            "response"
                | "handling"
                | "work"
                | "review"
                | "reviews"
                | "approach"
                | "attitude"
                | "effort"
                | "investigation"
                | "testing"
                | "job"
        );
        if matches!(word.as_str(), "lazy" | "sloppy") && subject.kind == AgentKind::System && !act {
            continue;
        }
        out.push(Hit::warning(
            Rule::Judgement,
            m.start(),
            m.end(),
            String::new(),
        ));
    }
    for (c, _, toks) in doc.matches(&UNTESTED) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let mut subject = subject_of(toks, i, &doc.names());
        if subject.kind == AgentKind::Unknown {
            subject = clause_subject(toks, i, &doc.names());
        }
        if subject.kind.is_people() {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                subject.text,
            ));
        }
    }
    for (c, _, toks) in doc.matches(&PERSON_FAILING) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let subject = subject_of(toks, i, &doc.names());
        // "not careful about quoting because the linter accepted both": explained by
        // the situation, the same softening the omission rules apply.
        let lower = m.as_str().to_ascii_lowercase();
        let explained = lower.contains("careful")
            && toks[tok_at(toks, m.end())..]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "because" | "since"))
            && !lower.contains("enough");
        if explained {
            continue;
        }
        if subject.kind.is_people() || subject.maybe_name {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                subject.text,
            ));
        }
    }
    for (c, _, toks) in doc.matches(&TOO_SLOW) {
        let m = c.get(0).unwrap();
        let subject = subject_of(toks, tok_at(toks, m.start()), &doc.names());
        if subject.kind.is_people() || subject.maybe_name {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                subject.text,
            ));
        }
    }
    for (c, _, toks) in doc.matches(&WRONGLY) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        // "Mistakenly, the operator ran …": the adverb opens the clause; the subject
        // follows the comma.
        let subject = if m.as_str().ends_with(',') {
            sentence_subject(&toks[tok_at(toks, m.end())..], &doc.names())
        } else {
            subject_of(toks, i, &doc.names())
        };
        if subject.kind.is_people() || subject.maybe_name {
            out.push(Hit::warning(
                Rule::Judgement,
                m.start(),
                m.end(),
                subject.text,
            ));
        }
    }
    for (c, _, toks) in doc.matches(&CONTEXTUAL) {
        let m = c.get(0).unwrap();
        let word = m.as_str().to_ascii_lowercase();
        if word == "negligible"
            || word == "careless"
            || word == "sloppy"
            || in_compound(doc.masked, m.start(), m.end())
        {
            continue; // handled above, or not a judgement
        }
        let i = tok_at(toks, m.start());
        if negated_before(toks, i, 2) {
            continue;
        }
        // "inappropriate timeout" describes a value; "acted inappropriately" a person.
        let next_is_system = toks.get(i + 1).is_some_and(|t| {
            SYSTEM_NOUNS.contains(t.norm.as_str())
                || SYSTEM_NOUNS.contains(t.norm.trim_end_matches('s'))
        });
        let subject = subject_of(toks, i, &doc.names());
        // "The shortcuts Aaron took … were unacceptable": the judged thing is an act.
        let acts = toks[..i].iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "shortcuts"
                    | "shortcut"
                    | "behaviour"
                    | "behavior"
                    | "conduct"
                    | "handling"
                    | "decision"
                    | "decisions"
                    | "choice"
                    | "choices"
                    | "actions"
                    | "response"
                    | "approach"
                    | "attitude"
                    | "work"
                    | "workmanship"
            )
        });
        // "It is unacceptable that the on-call took 45 minutes": the judged clause
        // follows; its subject is who is judged.
        let extraposed = subject.text.eq_ignore_ascii_case("it")
            && toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "that" | "how" | "for"))
            && {
                // "It is unacceptable that we had no alert": the team judging its own
                // setup, not a person.
                let a = np_after(toks, i + 2, &doc.names()).0;
                a.kind.is_people() && !a.text.eq_ignore_ascii_case("we")
            };
        // "sluggish", "disorganised" also describe APIs ("the API's response was
        // sluggish"): only a person, or a person's act, is judged.
        if matches!(word.as_str(), "sluggish" | "disorganised" | "disorganized") {
            // "The support lead's handling of the escalation was disorganised": an
            // act word owned by a person somewhere before the adjective.
            let owned_act = acts
                && toks[..i].iter().any(|t| {
                    t.possessive
                        && np_after(std::slice::from_ref(t), 0, &doc.names())
                            .0
                            .kind
                            .is_people()
                });
            if subject.kind.is_people() || subject.person_possessor || owned_act {
                out.push(Hit::warning(
                    Rule::Judgement,
                    m.start(),
                    m.end(),
                    subject.text,
                ));
            }
            continue;
        }
        let about_people = subject.kind.is_people()
            || extraposed
            || acts
            || toks.get(i + 1).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "behaviour"
                        | "behavior"
                        | "conduct"
                        | "response"
                        | "handling"
                        | "decision"
                        | "attitude"
                )
            });
        if next_is_system
            || !about_people
            || subject.kind == AgentKind::System && !acts && !extraposed
        {
            continue;
        }
        out.push(Hit::warning(
            Rule::Judgement,
            m.start(),
            m.end(),
            subject.text,
        ));
    }
}
