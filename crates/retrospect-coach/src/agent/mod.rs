//! Who or what a cue is about. This is the core difficulty of blame detection: "failed
//! to" is blame with "Dave" as the subject and a plain fact with "the health check".
//! We do not parse; we find the noun phrase in subject position with a few
//! English-specific walks and classify its head word.

mod word;

use crate::lexicon::{
    ADVERSARY_NOUNS, DETERMINERS, NP_STOP, PERSON_PRONOUNS, ROLE_NOUNS, SKIP_LEFT, SYSTEM_NOUNS,
};
use crate::names::is_common_name;
use crate::text::tokens::Tok;
use word::{Place, classify_word};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentKind {
    /// A named or role-described individual, or a personal pronoun.
    Person,
    /// "we", "the team", "ops": people as a group.
    Group,
    /// Customers and users: people the incident happened to. "Most users did not
    /// notice" is a fact; "the user made an error" still blames.
    Bystander,
    /// Attackers: they act on purpose; the coach does not grade their conduct.
    Adversary,
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
    pub(crate) fn unknown() -> Agent {
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
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.0.iter().any(|n| n == w)
    }
}

/// Prepositions after which an unknown capitalised word is a place, a day or a
/// product rather than a person ("in Accesspoints", "on Tuesday").
fn is_place_preposition(t: &Tok) -> bool {
    t.word
        && matches!(
            t.norm.as_str(),
            "in" | "on"
                | "at"
                | "of"
                | "from"
                | "for"
                | "into"
                | "across"
                | "within"
                | "over"
                | "during"
                | "via"
                | "inside"
                | "onto"
                | "throughout"
        )
}

/// Classifies the phrase `toks[s..e]`, using the token before it for context.
fn classify_span(toks: &[Tok], s: usize, e: usize, names: &Names) -> Agent {
    let place = Place {
        // A list bullet or a quote mark before the phrase still opens the sentence.
        sentence_initial: toks[..s].iter().all(|t| !t.word),
        after_preposition: s > 0 && is_place_preposition(&toks[s - 1]),
    };
    classify_np(&toks[s..e], place, names)
}

/// The index range of `np` inside `toks` (it is always a sub-slice).
fn span_of(toks: &[Tok], np: &[Tok]) -> (usize, usize) {
    let s = np
        .first()
        .and_then(|f| toks.iter().position(|t| t.start == f.start))
        .unwrap_or(0);
    (s, s + np.len())
}

fn classify_np(np: &[Tok], place: Place, names: &Names) -> Agent {
    let Some(head) = np.last() else {
        return Agent::unknown();
    };
    let head_place = Place {
        sentence_initial: place.sentence_initial && np.len() == 1,
        ..place
    };
    let mut kind = classify_word(head, np, head_place, names);
    let person_possessor = np[..np.len() - 1].iter().any(|m| {
        m.possessive && classify_word(m, &np[..1], Place::default(), names).is_people()
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
            .map(|m| classify_word(m, np, Place::default(), names))
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
    // A name we cannot be sure of: an unknown capitalised word, a lower-case name
    // that is also a word ("mark should've escalated"), or initials ("DK pushed …").
    // Rules trust it only with verbs that only people do.
    let name_shaped = head.capitalised()
        || head.raw.chars().all(char::is_lowercase) && is_common_name(&head.norm)
        || (2..=3).contains(&head.raw.len()) && head.raw.chars().all(|c| c.is_ascii_uppercase());
    let maybe_name = kind == AgentKind::Unknown
        && np.len() == 1
        && name_shaped
        && !place.after_preposition
        && !head.norm.contains(['-', '.', '_'])
        && !head.norm.chars().any(|c| c.is_ascii_digit());
    // Accented capitalised words are far more often names than products.
    if maybe_name && !head.raw.is_ascii() && head.capitalised() {
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
/// ("At 14:02, Dave …", "During the incident, the on-call …"). Returns its token range.
fn first_np(toks: &[Tok], from: usize, to: usize) -> (usize, usize) {
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
                    // Sentence adverbs before the subject: "Once again the mobile
                    // team ships …", "Frankly, the DBA team …".
                    | "once"
                    | "again"
                    | "yet"
                    | "sadly"
                    | "unfortunately"
                    | "honestly"
                    | "frankly"
                    | "apparently"
                    | "predictably"
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
        // is not a noun ends the phrase (the word is the verb). A determiner never
        // ends it ("The pull request …").
        let cur = &toks[i - 1];
        if DETERMINERS.contains(cur.norm.as_str()) {
            continue;
        }
        let names_like = cur.capitalised() && !cur.possessive && i - 1 > start
            || is_common_name(&cur.norm)
            || PERSON_PRONOUNS.contains(cur.norm.as_str())
            || ROLE_NOUNS.contains(cur.norm.as_str());
        if let Some(next) = toks.get(i).filter(|_| i < to) {
            let next_is_noun = (is_noun_like(next) && !present_verb_after(cur, next))
                || next.capitalised()
                || next.possessive;
            if (names_like || cur.capitalised() && !cur.possessive) && next.word && !next_is_noun {
                break;
            }
        }
    }
    (start, i)
}

/// "Jonas deploys", "the on-call pages the DB team": after one person, a plural-looking
/// system noun is a present-tense verb.
fn present_verb_after(cur: &Tok, next: &Tok) -> bool {
    let w = cur.norm.as_str();
    let singular_person = (cur.capitalised() && !DETERMINERS.contains(w))
        || is_common_name(w)
        || matches!(w, "he" | "she" | "it")
        || ROLE_NOUNS.contains(w) && !w.ends_with('s');
    singular_person
        && !cur.possessive
        && !next.capitalised()
        && VERB_LIKE_NOUNS.contains(next.norm.as_str())
}

/// Plural nouns that are also third-person verbs ("deploys", "pages", "checks");
/// "environments" or "servers" are only nouns.
const VERB_LIKE: &str = "deploys builds checks tests alerts pages logs calls changes updates releases restarts requests queries patches fixes merges commits pushes runs schedules locks drains scales monitors tags labels routes caches indexes flags reviews approves rollbacks reverts promotes pings retries backups fails crashes";

static VERB_LIKE_NOUNS: std::sync::LazyLock<std::collections::HashSet<&str>> =
    std::sync::LazyLock::new(|| VERB_LIKE.split_whitespace().collect());

/// A word the lexicons know as a role or system noun, singular or plural.
fn is_noun_like(t: &Tok) -> bool {
    let w = t.norm.as_str();
    let singular = w.strip_suffix('s').unwrap_or(w);
    ROLE_NOUNS.contains(w)
        || SYSTEM_NOUNS.contains(w)
        || SYSTEM_NOUNS.contains(singular)
        || ROLE_NOUNS.contains(singular)
}

/// The first noun phrase of the clause ending before token `end`. A clause that
/// opens with "but" right after a dash ("responded at once — but missed …")
/// continues the clause before the dash.
fn clause_first_np(toks: &[Tok], end: usize) -> (usize, usize) {
    let cs = clause_start(toks, end);
    let (s, e) = first_np(toks, cs, end);
    if s == e && cs > 0 && (toks[cs - 1].is_punct('—') || toks[cs - 1].is_punct(';')) {
        let cs2 = clause_start(toks, cs - 1);
        return first_np(toks, cs2, cs - 1);
    }
    (s, e)
}

/// Pronouns that, after an attacker is mentioned in the sentence, refer to the
/// attacker ("since the attacker was in the middle, they could have captured …").
fn adversary_pronoun(toks: &[Tok], agent: &Agent, before: usize) -> bool {
    matches!(
        agent.text.to_ascii_lowercase().as_str(),
        "they" | "he" | "she" | "them"
    ) && toks[..before.min(toks.len())]
        .iter()
        .any(|t| ADVERSARY_NOUNS.contains(t.norm.as_str()))
}

/// The subject of the verb phrase whose first token is `cue`.
pub fn subject_of(toks: &[Tok], cue: usize, names: &Names) -> Agent {
    let mut agent = subject_walk(toks, cue, names);
    if adversary_pronoun(toks, &agent, cue) {
        agent.kind = AgentKind::Adversary;
    }
    agent
}

fn subject_walk(toks: &[Tok], cue: usize, names: &Names) -> Agent {
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
                // "the dev (sorry, Ravi) forgot": a bracket closes at its opener.
                let open = if t.is_punct(')') {
                    toks[..i - 1].iter().rposition(|x| x.is_punct('('))
                } else {
                    toks[..i - 1]
                        .iter()
                        .rposition(|x| x.is_punct(',') || x.is_punct('(') || x.is_punct('—'))
                };
                if let Some(o) = open {
                    skipped_paren = true;
                    i = o;
                    continue;
                }
            }
            if t.is_punct(',') || t.is_punct('-') || t.is_punct('–') {
                // A list-like or timestamp prefix: take the first NP of the clause.
                let (s, e) = clause_first_np(toks, i - 1);
                return classify_span(toks, s, e, names);
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
                    let (s, e) = span_of(toks, np_ending_at(toks, i - 2));
                    classify_span(toks, s, e, names)
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
                let (s, e) = clause_first_np(toks, i - 1);
                classify_span(toks, s, e, names)
            }
            _ if NP_STOP.contains(t.norm.as_str()) => Agent::unknown(),
            _ => head_before(toks, i, names),
        };
    }
}

/// The subject when the word before the verb (`toks[i - 1]`) is part of a noun phrase.
fn head_before(toks: &[Tok], i: usize, names: &Names) -> Agent {
    let np = np_ending_at(toks, i - 1);
    let s = i - np.len();
    let mut agent = classify_span(toks, s, i, names);
    // "the engineers involved", "the people responsible": a participle or adjective
    // after the head noun.
    if np.len() > 1
        && matches!(
            np[np.len() - 1].norm.as_str(),
            "involved"
                | "responsible"
                | "concerned"
                | "assigned"
                | "affected"
                | "present"
                | "named"
                | "mentioned"
                | "above"
                | "in-charge"
                | "on-call"
                | "on-duty"
        )
    {
        let inner = classify_span(toks, s, i - 1, names);
        if inner.kind.is_people() {
            agent = inner;
        }
    }
    // "The developer who opened the pull request misjudged …": the subject is the
    // person before the relative clause.
    if !agent.kind.is_people()
        && let Some(w) = toks[s.saturating_sub(8)..s]
            .iter()
            .rposition(|t| t.is("who") || !t.word)
            .map(|k| k + s.saturating_sub(8))
            .filter(|&w| toks[w].is("who") && w > 0 && is_np_word(&toks[w - 1]))
    {
        let (s2, e2) = span_of(toks, np_ending_at(toks, w - 1));
        let cand = classify_span(toks, s2, e2, names);
        if cand.kind.is_people() {
            return cand;
        }
    }
    // "The person running the failover should have…": a reduced relative clause;
    // the subject is the noun before the lower-case "-ing" word. Only words known to
    // be people count ("Auto Scaling Groups", "Existing monitoring" are not).
    if !agent.kind.is_people() {
        for k in (s..i.saturating_sub(1)).rev() {
            let next = &toks[k + 1];
            if !toks[k].word {
                continue;
            }
            if next.norm.len() > 4
                && next.norm.ends_with("ing")
                && !next.capitalised()
                && !is_noun_like(next)
            {
                let known = Place {
                    sentence_initial: false,
                    after_preposition: true,
                };
                let cand = classify_np(&toks[k..=k], known, names);
                if cand.kind.is_people() {
                    agent = cand;
                }
                break;
            }
        }
    }
    // "The SRE on duty", "the engineer from payments": the head is before the
    // prepositional phrase. "the engineer on call": "call" is not the subject.
    let on_duty = s >= 1
        && toks[s - 1].is("on")
        && np.len() == 1
        && matches!(
            np[0].norm.as_str(),
            "call" | "duty" | "shift" | "rotation" | "pager" | "watch"
        );
    // "… engineers at 3am causes": a time is not a place people belong to.
    let time = np[0].norm.starts_with(|c: char| c.is_ascii_digit())
        || crate::lexicon::CALENDAR_WORDS.contains(np[0].norm.as_str());
    if (agent.kind == AgentKind::Unknown || on_duty)
        && !time
        && s >= 2
        && matches!(
            toks[s - 1].norm.as_str(),
            "on" | "from" | "in" | "at" | "of" | "for" | "with"
        )
        && is_np_word(&toks[s - 2])
    {
        let (s2, e2) = span_of(toks, np_ending_at(toks, s - 2));
        let a2 = classify_span(toks, s2, e2, names);
        if a2.kind != AgentKind::Unknown {
            return a2;
        }
    }
    agent
}

/// The subject of the clause containing token `i`: its first noun phrase.
pub fn clause_subject(toks: &[Tok], i: usize, names: &Names) -> Agent {
    let (s, e) = clause_first_np(toks, i);
    classify_span(toks, s, e, names)
}

/// The subject of a whole sentence: its first noun phrase.
pub fn sentence_subject(toks: &[Tok], names: &Names) -> Agent {
    let (s, e) = first_np(toks, 0, toks.len());
    classify_span(toks, s, e, names)
}

/// True when `cur`, an unknown capitalised word, is followed by a system noun within
/// three lower-case words: a product used as a modifier ("due to Riak write timeouts").
fn modifies_system_noun(toks: &[Tok], cur: usize, names: &Names) -> bool {
    let t = &toks[cur];
    let known = is_common_name(&t.norm) || names.contains(&t.norm);
    !known
        && t.capitalised()
        && toks[cur + 1..]
            .iter()
            .take(3)
            .take_while(|n| n.word && !n.capitalised() && !NP_STOP.contains(n.norm.as_str()))
            .any(|n| {
                let w = n.norm.as_str();
                SYSTEM_NOUNS.contains(w) || SYSTEM_NOUNS.contains(w.strip_suffix('s').unwrap_or(w))
            })
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
            // "due to the way we keep the table": a pronoun after a noun starts a
            // relative clause; it is not part of the phrase.
            if e - 1 > i {
                e -= 1;
            }
            break;
        }
        // "Dave skip the deploy", "the on-call engineer escalate": the phrase ends at
        // the person; a following verb or "-ing" participle is not part of it.
        let cur = &toks[e - 1];
        let place = Place {
            sentence_initial: false,
            after_preposition: e - 1 == i && i > 0 && is_place_preposition(&toks[i - 1]),
        };
        let people = classify_word(cur, &toks[i..e], place, names).is_people()
            && !modifies_system_noun(toks, e - 1, names);
        if let Some(next) = toks.get(e) {
            let next_is_noun =
                (is_noun_like(next) && !present_verb_after(cur, next)) || next.capitalised();
            if people && next.word && !next_is_noun {
                break;
            }
            // "the deploying engineer": after a determiner "-ing" is an adjective.
            if next.norm.len() > 5
                && next.norm.ends_with("ing")
                && !DETERMINERS.contains(cur.norm.as_str())
            {
                break;
            }
        }
    }
    if e == i {
        return (Agent::unknown(), e);
    }
    (classify_span(toks, i, e, names), e)
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
