//! Who or what a cue is about. This is the core difficulty of blame detection: "failed
//! to" is blame with "Dave" as the subject and a plain fact with "the health check".
//! We do not parse; we find the noun phrase in subject position with a few
//! English-specific walks and classify its head word.

use crate::lexicon::{
    DETERMINERS, NP_STOP, OPERATOR_TECH, PERSON_PRONOUNS, ROLE_NOUNS, SKIP_LEFT, SYSTEM_NOUNS,
    TECH_NAMES, THING_PRONOUNS,
};
use crate::names::is_common_name;
use crate::text::tokens::Tok;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentKind {
    /// A named or role-described individual, or a personal pronoun.
    Person,
    /// "we", "the team", "ops": people as a group.
    Group,
    System,
    Unknown,
}

impl AgentKind {
    pub fn is_people(self) -> bool {
        matches!(self, AgentKind::Person | AgentKind::Group)
    }
}

#[derive(Debug, Clone)]
pub struct Agent {
    pub kind: AgentKind,
    /// The subject as written ("the on-call engineer"), for messages.
    pub text: String,
    /// True when the head is possessed by a person ("Maria's change").
    pub person_possessor: bool,
    /// An unknown capitalised word opening the sentence: a name we do not know
    /// ("Tomás") or a product ("Checkout"). Rules accept it only with verbs that
    /// only people do ("forgot", "misread").
    pub maybe_name: bool,
}

impl Agent {
    fn unknown() -> Agent {
        Agent {
            kind: AgentKind::Unknown,
            text: String::new(),
            person_possessor: false,
            maybe_name: false,
        }
    }
}

/// Roster names, lowercased words.
pub struct Names<'a>(pub &'a [String]);

impl Names<'_> {
    fn contains(&self, w: &str) -> bool {
        self.0.iter().any(|n| n == w)
    }
}

/// Classifies one word as a head noun.
fn classify_word(t: &Tok, np: &[Tok], sentence_initial: bool, names: &Names) -> AgentKind {
    let w = t.norm.as_str();
    let singular = w.strip_suffix('s').unwrap_or(w);
    if w.starts_with('@') || names.contains(w.trim_start_matches('@')) {
        return AgentKind::Person;
    }
    if matches!(w, "we" | "us" | "everyone" | "everybody") {
        return AgentKind::Group;
    }
    if PERSON_PRONOUNS.contains(w) {
        return AgentKind::Person;
    }
    if THING_PRONOUNS.contains(w) {
        return AgentKind::System;
    }
    if w == "operator" || w == "operators" {
        // A Kubernetes operator is a controller; a bare operator is a person.
        let tech = np.iter().any(|m| {
            m.start < t.start
                && (OPERATOR_TECH.contains(m.norm.as_str())
                    || TECH_NAMES.contains(m.norm.as_str())
                    || (m.capitalised()
                        && !is_common_name(&m.norm)
                        && !DETERMINERS.contains(m.norm.as_str())))
        });
        return if tech {
            AgentKind::System
        } else {
            AgentKind::Person
        };
    }
    if matches!(
        w,
        "team" | "teams" | "ops" | "squad" | "crew" | "management" | "leadership" | "engineering"
    ) {
        return AgentKind::Group;
    }
    if ROLE_NOUNS.contains(w) {
        // "engineers", "developers": people as a group.
        let plural = w.ends_with('s') && ROLE_NOUNS.contains(singular)
            || matches!(w, "people" | "staff" | "folks");
        return if plural {
            AgentKind::Group
        } else {
            AgentKind::Person
        };
    }
    if SYSTEM_NOUNS.contains(w) || SYSTEM_NOUNS.contains(singular) || TECH_NAMES.contains(w) {
        return AgentKind::System;
    }
    if t.capitalised() && is_common_name(w) {
        return AgentKind::Person;
    }
    // An unknown capitalised bare word in subject position, not opening the sentence,
    // is most often a person's name ("then Zoltan failed to…"); with a determiner it is
    // a product ("the Checkout failed to").
    let has_det = np.iter().any(|m| DETERMINERS.contains(m.norm.as_str()));
    if t.capitalised()
        && !has_det
        && np.len() == 1
        && !sentence_initial
        && !w.contains(['-', '.', '_'])
    {
        return AgentKind::Person;
    }
    AgentKind::Unknown
}

fn classify_np(np: &[Tok], sentence_initial: bool, names: &Names) -> Agent {
    let Some(head) = np.last() else {
        return Agent::unknown();
    };
    let mut kind = classify_word(head, np, sentence_initial && np.len() == 1, names);
    let person_possessor = np[..np.len() - 1].iter().any(|m| {
        m.possessive && classify_word(m, &np[..1], false, names).is_people()
            || matches!(
                m.norm.as_str(),
                "his" | "her" | "their" | "my" | "your" | "our"
            )
    });
    if kind == AgentKind::Unknown {
        // "the payments on-call" / "the DB team lead": look at the other NP words.
        if let Some(k) = np
            .iter()
            .rev()
            .skip(1)
            .map(|m| classify_word(m, np, false, names))
            .find(|k| *k != AgentKind::Unknown)
        {
            if k.is_people() && !head.possessive {
                kind = AgentKind::Unknown;
            } else if k == AgentKind::System {
                kind = AgentKind::System;
            }
        }
    }
    // "14:02 Dave" → "Dave": timestamps are not part of who.
    let text = np
        .iter()
        .filter(|t| !t.norm.starts_with(|c: char| c.is_ascii_digit()))
        .map(|t| t.raw)
        .collect::<Vec<_>>()
        .join(" ");
    let maybe_name = kind == AgentKind::Unknown
        && np.len() == 1
        && head.capitalised()
        && !head.norm.contains(['-', '.', '_'])
        && !head.norm.chars().any(|c| c.is_ascii_digit());
    // Accented capitalised words are far more often names than products.
    if maybe_name && !head.raw.is_ascii() {
        kind = AgentKind::Person;
    }
    Agent {
        kind,
        text,
        person_possessor,
        maybe_name,
    }
}

fn is_np_word(t: &Tok) -> bool {
    t.word && !NP_STOP.contains(t.norm.as_str())
}

/// Collects the noun phrase that ends at `head` (inclusive), walking left.
fn np_ending_at<'t, 'a>(toks: &'t [Tok<'a>], head: usize) -> &'t [Tok<'a>] {
    let mut s = head;
    while s > 0
        && head - s < 4
        && is_np_word(&toks[s - 1])
        && !toks[s - 1].norm.ends_with("ed")
        && !SKIP_LEFT.contains(toks[s - 1].norm.as_str())
    {
        s -= 1;
    }
    &toks[s..=head]
}

/// The start of the clause that contains token `i`.
fn clause_start(toks: &[Tok], i: usize) -> usize {
    let mut k = i;
    while k > 0 {
        let t = &toks[k - 1];
        if !t.word && (t.is_punct(';') || t.is_punct(':') || t.is_punct('—') || t.is_punct('(')) {
            break;
        }
        if t.word
            && matches!(
                t.norm.as_str(),
                "because"
                    | "since"
                    | "when"
                    | "while"
                    | "although"
                    | "though"
                    | "whereas"
                    | "unless"
                    | "after"
                    | "before"
                    | "if"
            )
        {
            break;
        }
        k -= 1;
    }
    k
}

/// The first noun phrase of a clause, skipping timestamps and introductory phrases
/// ("At 14:02, Dave …", "During the incident, the on-call …").
fn first_np<'t, 'a>(toks: &'t [Tok<'a>], from: usize, to: usize) -> (&'t [Tok<'a>], bool) {
    let mut i = from;
    // Skip an introductory phrase that ends in a comma before `to`.
    if let Some(c) = toks[from..to].iter().position(|t| t.is_punct(',')) {
        let intro = &toks[from..from + c];
        let is_intro = intro.first().is_some_and(|t| {
            NP_STOP.contains(t.norm.as_str())
                || SKIP_LEFT.contains(t.norm.as_str())
                || t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
                || t.norm.ends_with("ly")
        });
        if is_intro {
            i = from + c + 1;
        }
    }
    while i < to {
        let t = &toks[i];
        let skip = !t.word
            || t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
            || matches!(
                t.norm.as_str(),
                "at" | "around"
                    | "about"
                    | "approx"
                    | "approximately"
                    | "utc"
                    | "am"
                    | "pm"
                    | "then"
                    | "so"
                    | "and"
                    | "but"
                    | "later"
                    | "finally"
                    | "meanwhile"
                    | "t"
                    | "t+"
                    | "~"
            );
        if !skip {
            break;
        }
        i += 1;
    }
    let start = i;
    while i < to
        && is_np_word(&toks[i])
        && !SKIP_LEFT.contains(toks[i].norm.as_str())
        && i - start < 5
    {
        if toks[i].possessive && i + 1 < to && !is_np_word(&toks[i + 1]) {
            break;
        }
        i += 1;
        if toks[i - 1].norm.ends_with("ed") && i - start > 1 {
            i -= 1;
            break;
        }
        // "Jonah ran the script": a name or role followed by a lowercase word that
        // is not a noun ends the phrase (the word is the verb).
        let cur = &toks[i - 1];
        let names_like = cur.capitalised() && !cur.possessive && i - 1 > start
            || is_common_name(&cur.norm)
            || PERSON_PRONOUNS.contains(cur.norm.as_str())
            || ROLE_NOUNS.contains(cur.norm.as_str());
        if let Some(next) = toks.get(i).filter(|_| i < to) {
            let next_is_noun = ROLE_NOUNS.contains(next.norm.as_str())
                || SYSTEM_NOUNS.contains(next.norm.as_str())
                || next.capitalised()
                || next.possessive;
            if (names_like || cur.capitalised() && !cur.possessive) && next.word && !next_is_noun {
                break;
            }
        }
    }
    (&toks[start..i], start == 0)
}

/// The subject of the verb phrase whose first token is `cue`.
pub fn subject_of(toks: &[Tok], cue: usize, names: &Names) -> Agent {
    let mut i = cue;
    let mut skipped_paren = false;
    loop {
        while i > 0 && toks[i - 1].word && SKIP_LEFT.contains(toks[i - 1].norm.as_str()) {
            i -= 1;
        }
        if i == 0 {
            return Agent::unknown();
        }
        let t = &toks[i - 1];
        if !t.word {
            if (t.is_punct(',') || t.is_punct('—') || t.is_punct('(') || t.is_punct(')'))
                && !skipped_paren
            {
                // "Dave, who was on call, failed to…": skip the parenthetical.
                let open = toks[..i - 1]
                    .iter()
                    .rposition(|x| x.is_punct(',') || x.is_punct('(') || x.is_punct('—'));
                if let Some(o) = open {
                    skipped_paren = true;
                    i = o;
                    continue;
                }
            }
            if t.is_punct(',') || t.is_punct('-') || t.is_punct('–') {
                // A list-like or timestamp prefix: take the first NP of the clause.
                let cs = clause_start(toks, i - 1);
                let (np, initial) = first_np(toks, cs, i - 1);
                return classify_np(np, initial, names);
            }
            return Agent::unknown();
        }
        return match t.norm.as_str() {
            "who" => Agent {
                kind: AgentKind::Person,
                text: "who".into(),
                person_possessor: false,
                maybe_name: false,
            },
            "that" | "which" => {
                // Relative clause: the antecedent is the NP before "that".
                if i >= 2 && is_np_word(&toks[i - 2]) {
                    let np = np_ending_at(toks, i - 2);
                    classify_np(np, np[0].start == toks[0].start, names)
                } else {
                    Agent {
                        kind: AgentKind::System,
                        text: t.raw.into(),
                        person_possessor: false,
                        maybe_name: false,
                    }
                }
            }
            "and" | "but" | "or" | "then" | "so" | "yet" => {
                // Coordinated predicate: "Dave restarted the pod but failed to …".
                let cs = clause_start(toks, i - 1);
                let (np, initial) = first_np(toks, cs, i - 1);
                classify_np(np, initial, names)
            }
            _ if NP_STOP.contains(t.norm.as_str()) => Agent::unknown(),
            _ => {
                let np = np_ending_at(toks, i - 1);
                let mut agent = classify_np(np, np[0].start == toks[0].start, names);
                // "The person running the failover should have…": a reduced relative
                // clause; the subject is the noun before the "-ing" word.
                if !agent.kind.is_people() {
                    let first = i - np.len();
                    for k in (0..i.saturating_sub(1)).rev().take(8) {
                        let next = &toks[k + 1];
                        if k + 1 > first + np.len() || !toks[k].word {
                            continue;
                        }
                        if next.norm.len() > 4 && next.norm.ends_with("ing") {
                            let cand = classify_np(&toks[k..=k], false, names);
                            if cand.kind.is_people() {
                                agent = cand;
                            }
                            break;
                        }
                    }
                }
                // "The SRE on duty", "the engineer from payments": the head is
                // before the prepositional phrase.
                let s = i - np.len();
                // "the engineer on call": "call" is not the subject.
                let on_duty = s >= 1
                    && toks[s - 1].is("on")
                    && np.len() == 1
                    && matches!(
                        np[0].norm.as_str(),
                        "call" | "duty" | "shift" | "rotation" | "pager" | "watch"
                    );
                if (agent.kind == AgentKind::Unknown || on_duty)
                    && s >= 2
                    && matches!(
                        toks[s - 1].norm.as_str(),
                        "on" | "from" | "in" | "at" | "of" | "for" | "with"
                    )
                    && is_np_word(&toks[s - 2])
                {
                    let np2 = np_ending_at(toks, s - 2);
                    let a2 = classify_np(np2, np2[0].start == toks[0].start, names);
                    if a2.kind != AgentKind::Unknown {
                        return a2;
                    }
                }
                agent
            }
        };
    }
}

/// The subject of a whole sentence: its first noun phrase.
/// The subject of the clause containing token `i`: its first noun phrase.
pub fn clause_subject(toks: &[Tok], i: usize, names: &Names) -> Agent {
    let cs = clause_start(toks, i);
    let (np, initial) = first_np(toks, cs, i);
    classify_np(np, initial, names)
}

pub fn sentence_subject(toks: &[Tok], names: &Names) -> Agent {
    let (np, initial) = first_np(toks, 0, toks.len());
    classify_np(np, initial, names)
}

/// The noun phrase that starts at token `i` ("if Dave had", "caused by the on-call").
/// Returns the agent and the index of the first token after the phrase.
pub fn np_after(toks: &[Tok], i: usize, names: &Names) -> (Agent, usize) {
    let mut e = i;
    while e < toks.len()
        && e - i < 5
        && is_np_word(&toks[e])
        && !SKIP_LEFT.contains(toks[e].norm.as_str())
    {
        e += 1;
        if toks[e - 1].possessive {
            // "Maria's change": keep going to the owned noun.
            continue;
        }
        if PERSON_PRONOUNS.contains(toks[e - 1].norm.as_str())
            && !DETERMINERS.contains(toks[e - 1].norm.as_str())
        {
            break;
        }
        // "Dave skip the deploy", "the on-call engineer escalate": the phrase ends at
        // the person; a following verb or "-ing" participle is not part of it.
        let cur = &toks[e - 1];
        let people = classify_word(cur, &toks[i..e], false, names).is_people();
        if let Some(next) = toks.get(e) {
            let next_is_noun = ROLE_NOUNS.contains(next.norm.as_str())
                || SYSTEM_NOUNS.contains(next.norm.as_str())
                || next.capitalised();
            if people && next.word && !next_is_noun {
                break;
            }
            if next.norm.len() > 5 && next.norm.ends_with("ing") {
                break;
            }
        }
    }
    if e == i {
        return (Agent::unknown(), e);
    }
    (classify_np(&toks[i..e], i == 0, names), e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn subj(s: &str, cue: &str) -> AgentKind {
        let toks = tokenize(s, 0);
        let i = toks.iter().position(|t| t.norm == cue).unwrap();
        subject_of(&toks, i, &Names(&["zed".to_string()])).kind
    }

    #[test]
    fn finds_people_and_systems() {
        assert_eq!(
            subj("Dave failed to check the lag", "failed"),
            AgentKind::Person
        );
        assert_eq!(
            subj("The health check failed to detect it", "failed"),
            AgentKind::System
        );
        assert_eq!(
            subj("The on-call engineer never checked", "checked"),
            AgentKind::Person
        );
        assert_eq!(
            subj("At 14:02, Priya failed to page", "failed"),
            AgentKind::Person
        );
        assert_eq!(
            subj("Dave, who was on call, failed to page", "failed"),
            AgentKind::Person
        );
        assert_eq!(
            subj("Dave restarted the pod but failed to check", "failed"),
            AgentKind::Person
        );
        assert_eq!(
            subj("The Kubernetes operator failed to reconcile", "failed"),
            AgentKind::System
        );
        assert_eq!(
            subj("The operator failed to notice", "failed"),
            AgentKind::Person
        );
        assert_eq!(
            subj("the check that failed to fire", "failed"),
            AgentKind::System
        );
        assert_eq!(subj("We failed to notice", "failed"), AgentKind::Group);
        assert_eq!(subj("Zed failed to notice", "failed"), AgentKind::Person);
        assert_eq!(subj("Redis failed to evict", "failed"), AgentKind::System);
    }
}
