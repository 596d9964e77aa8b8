//! Classifying one head word: a person, a group of people, a bystander (customers,
//! attackers), a system, or unknown. The walks in the parent module find the word.

use super::{AgentKind, Names};
use crate::lexicon::{
    ADVERSARY_NOUNS, AMBIGUOUS_ROLES, BYSTANDER_NOUNS, CALENDAR_WORDS, DETERMINERS, OPERATOR_TECH,
    PERSON_PRONOUNS, ROLE_NOUNS, SYSTEM_NOUNS, TECH_NAMES, THING_PRONOUNS,
};
use crate::names::{is_common_name, is_lowercase_name};
use crate::text::tokens::Tok;

/// Where the word sits, for the capitalised-unknown-word guess.
#[derive(Clone, Copy, Default)]
pub struct Place {
    /// The phrase opens the sentence.
    pub sentence_initial: bool,
    /// The phrase follows a preposition ("in Accesspoints", "on Tuesday").
    pub after_preposition: bool,
}

/// "LaunchDarkly", "DropletWorkflow": a capital inside a word after three or more
/// lower-case letters is a product name; "McKenzie", "DeShawn" keep short prefixes.
pub fn is_camel_case(raw: &str) -> bool {
    let mut lower_run = 0;
    let mut seen_first = false;
    for c in raw.chars() {
        if c.is_uppercase() {
            if seen_first && lower_run >= 3 {
                return true;
            }
            lower_run = 0;
        } else if c.is_lowercase() {
            lower_run += 1;
        } else {
            lower_run = 0;
        }
        seen_first = true;
    }
    false
}

/// An all-caps acronym or a product-like token ("DWFM", "EBS", "S3").
fn is_acronym(raw: &str) -> bool {
    raw.len() >= 2
        && raw.chars().any(|c| c.is_ascii_uppercase())
        && !raw.chars().any(char::is_lowercase)
}

/// A modifier that makes the head a product: "the DropletWorkflow Manager", "the AWS
/// Certificate Manager", "the EBS operator".
fn product_modifier(m: &Tok) -> bool {
    let w = m.norm.as_str();
    // "the Release Manager", "the Incident Commander" are people's titles.
    let title = matches!(
        w,
        "release"
            | "incident"
            | "engineering"
            | "product"
            | "program"
            | "project"
            | "account"
            | "delivery"
            | "change"
            | "service"
            | "site"
            | "support"
            | "security"
            | "operations"
            | "ops"
            | "team"
            | "test"
            | "qa"
            | "community"
            | "shift"
            | "duty"
    );
    is_camel_case(m.raw)
        || TECH_NAMES.contains(w)
        || is_acronym(m.raw) && !ROLE_NOUNS.contains(w)
        || m.capitalised() && SYSTEM_NOUNS.contains(w) && !title
}

/// "operater", "enginer": a one-letter slip in a role word still names a role. Only
/// for longer ASCII words, and not for verb forms ("operate", "reviewed").
fn misspelt_role(w: &str) -> bool {
    if w.len() < 6 || !w.is_ascii() || w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ate")
    {
        return false;
    }
    // Real words one letter from a role are not slips: "analysis"/"analyses" (from
    // "analysts"), and a verb's "-s" where the role ends in "-r" ("the job manages …").
    if w.ends_with("sis") || w.ends_with("ses") {
        return false;
    }
    if let Some(stem) = w.strip_suffix('s')
        && ROLE_NOUNS.contains(format!("{stem}r").as_str())
    {
        return false;
    }
    LONG_ROLES
        .iter()
        .filter(|r| r.len().abs_diff(w.len()) <= 1)
        .any(|r| within_one_edit(w.as_bytes(), r.as_bytes()))
}

/// Role words long enough for the typo check, computed once.
static LONG_ROLES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    ROLE_NOUNS
        .iter()
        .copied()
        .filter(|r| r.len() >= 6 && r.is_ascii())
        .collect()
});

fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < short.len() && j < long.len() {
        if short[i] == long[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if short.len() == long.len() {
            i += 1;
        }
        j += 1;
    }
    edits + (long.len() - j) + (short.len() - i) <= 1
}

/// Classifies one word as a head noun. `np` is the whole phrase (for modifiers).
pub fn classify_word(t: &Tok, np: &[Tok], place: Place, names: &Names) -> AgentKind {
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
    let modifiers = np.iter().filter(|m| m.start < t.start);
    if w == "operator" || w == "operators" {
        // A Kubernetes operator is a controller; a bare operator is a person.
        let tech = modifiers.clone().any(|m| {
            OPERATOR_TECH.contains(m.norm.as_str())
                || TECH_NAMES.contains(m.norm.as_str())
                || (m.capitalised()
                    && !is_common_name(&m.norm)
                    && !DETERMINERS.contains(m.norm.as_str()))
        });
        return if tech {
            AgentKind::System
        } else {
            AgentKind::Person
        };
    }
    if ADVERSARY_NOUNS.contains(w) {
        return AgentKind::Adversary;
    }
    if BYSTANDER_NOUNS.contains(w) {
        // Customers take part in incidents, but a blameless review is about the
        // responders and the system: "most users did not notice" is a fact.
        return AgentKind::Bystander;
    }
    // "the night shift", "the support agent": a shift of people, an agent who is a
    // person. A bare "shift" or "agent" stays a thing ("a shift in traffic").
    let prev = modifiers
        .clone()
        .next_back()
        .map_or("", |m| m.norm.as_str());
    if matches!(w, "shift" | "shifts")
        && matches!(
            prev,
            "night" | "day" | "morning" | "evening" | "late" | "early" | "weekend" | "overnight"
        )
    {
        return AgentKind::Group;
    }
    if matches!(w, "agent" | "agents")
        && matches!(
            prev,
            "support" | "service" | "sales" | "desk" | "helpdesk" | "human"
        )
    {
        return AgentKind::Person;
    }
    if matches!(
        w,
        "team" | "teams" | "ops" | "squad" | "crew" | "management" | "leadership" | "engineering"
    ) {
        return AgentKind::Group;
    }
    if ROLE_NOUNS.contains(w) {
        // "the DropletWorkflow Manager": a capitalised role word after a product name
        // is part of the product's name.
        if t.capitalised() && !place.sentence_initial && modifiers.clone().any(product_modifier) {
            return AgentKind::System;
        }
        // "cluster members", "a fileserver pair", "the NIC driver": role words that
        // are also technical words are people only next to a word for people ("team
        // member", "the on-call pair").
        if AMBIGUOUS_ROLES.contains(w)
            && modifiers
                .clone()
                .any(|m| m.word && !DETERMINERS.contains(m.norm.as_str()))
            && !modifiers.clone().any(|m| {
                ROLE_NOUNS.contains(m.norm.as_str())
                    || is_common_name(&m.norm)
                    || names.contains(&m.norm)
            })
        {
            return AgentKind::System;
        }
        // "engineers", "developers": people as a group.
        let plural = w.ends_with('s') && ROLE_NOUNS.contains(singular)
            || matches!(w, "people" | "staff" | "folks" | "ppl");
        return if plural {
            AgentKind::Group
        } else {
            AgentKind::Person
        };
    }
    if SYSTEM_NOUNS.contains(w) || SYSTEM_NOUNS.contains(singular) || TECH_NAMES.contains(w) {
        return AgentKind::System;
    }
    if CALENDAR_WORDS.contains(w) || is_camel_case(t.raw) {
        return AgentKind::System;
    }
    if !t.capitalised() && misspelt_role(w) {
        return AgentKind::Person;
    }
    // "Jenkins-Dave": a nickname built on a name.
    if t.capitalised() && w.contains('-') && w.split('-').any(is_common_name) {
        return AgentKind::Person;
    }
    // "rob's mistake": only a name takes a possessive, even a name that is a word.
    if (t.capitalised() || t.possessive) && is_common_name(w) {
        return AgentKind::Person;
    }
    // Chat is often lower case: "dave pushed the config".
    if t.raw.chars().all(|c| c.is_lowercase()) && is_lowercase_name(w) {
        return AgentKind::Person;
    }
    // An unknown capitalised bare word in subject position, not opening the sentence,
    // is most often a person's name ("then Zoltan failed to…"); with a determiner it is
    // a product ("the Checkout failed to"), after a preposition a place or a product
    // ("excessive logging in Accesspoints").
    let has_det = np.iter().any(|m| DETERMINERS.contains(m.norm.as_str()));
    if t.capitalised()
        && !has_det
        && np.len() == 1
        && !place.sentence_initial
        && !place.after_preposition
        && !w.contains(['-', '.', '_'])
    {
        return AgentKind::Person;
    }
    AgentKind::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_slips() {
        assert!(within_one_edit(b"operater", b"operator"));
        assert!(within_one_edit(b"enginer", b"engineer"));
        assert!(within_one_edit(b"engineers", b"engineer"));
        assert!(!within_one_edit(b"operate", b"operator"));
        assert!(misspelt_role("operater") && !misspelt_role("reviewed"));
        assert!(!misspelt_role("analysis") && !misspelt_role("manages"));
    }

    #[test]
    fn camel_case_is_a_product() {
        for p in ["LaunchDarkly", "DropletWorkflow", "PagerDuty", "RabbitMQ"] {
            assert!(is_camel_case(p), "{p}");
        }
        for n in ["McKenzie", "DeShawn", "MacDonald", "Dave", "O'Brien", "DNS"] {
            assert!(!is_camel_case(n), "{n}");
        }
    }
}
