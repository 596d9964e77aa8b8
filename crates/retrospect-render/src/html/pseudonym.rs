//! Pseudonymising a post-mortem for sharing: every person's name becomes a
//! stable "Person A", "Person B" … in the order people first appear, wherever
//! the name is written (fields and free text alike).

use retrospect_domain::PostMortem;

/// A copy of `pm` in which every known person's name is replaced by a
/// pseudonym. Known names are participants, the author, comment authors,
/// action owners and timeline actors; inside texts the full names, and the
/// capitalised parts of multi-word names ("Alice" of "Alice Martin"), are replaced.
pub fn pseudonymise(pm: &PostMortem) -> PostMortem {
    let map = NameMap::new(pm);
    let mut out = pm.clone();
    let t = |s: &mut String| *s = map.text(s);
    let n = |s: &mut String| *s = map.name(s);
    for p in &mut out.participants {
        n(&mut p.name);
        if let Some(role) = &mut p.role {
            t(role);
        }
    }
    if let Some(a) = &mut out.author {
        n(a);
    }
    t(&mut out.title);
    t(&mut out.summary);
    t(&mut out.impact);
    out.tags.iter_mut().for_each(t);
    for m in &mut out.key_moments {
        if let Some(note) = &mut m.note {
            t(note);
        }
    }
    for e in &mut out.evidence {
        t(&mut e.name);
        t(&mut e.source);
    }
    for l in &mut out.log_templates {
        t(&mut l.pattern);
        l.examples.iter_mut().for_each(t);
    }
    for e in &mut out.timeline {
        t(&mut e.text);
        t(&mut e.source);
        if let Some(a) = &mut e.actor {
            n(a);
        }
    }
    out.causes.iter_mut().for_each(|c| t(&mut c.text));
    out.lessons.iter_mut().for_each(|l| t(&mut l.text));
    for a in &mut out.actions {
        t(&mut a.text);
        if let Some(o) = &mut a.owner {
            n(o);
        }
        if let Some(c) = &mut a.success_criterion {
            t(c);
        }
    }
    for c in &mut out.comments {
        n(&mut c.author);
        t(&mut c.text);
    }
    for s in &mut out.sections {
        t(&mut s.heading);
        t(&mut s.body);
    }
    out
}

/// "A" … "Z", "AA", "AB" …
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

struct NameMap {
    /// (lower-cased full name, pseudonym), in order of appearance.
    people: Vec<(String, String)>,
    /// Text patterns, longest first: (pattern, replacement, case-sensitive).
    patterns: Vec<(Vec<char>, String, bool)>,
}

/// Parts of names shared by two people cannot say who is meant.
const AMBIGUOUS: &str = "[a person]";

impl NameMap {
    fn new(pm: &PostMortem) -> Self {
        let mut people: Vec<(String, String)> = Vec::new();
        let mut originals: Vec<String> = Vec::new();
        let names = pm
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .chain(pm.author.as_deref())
            .chain(pm.comments.iter().map(|c| c.author.as_str()))
            .chain(pm.actions.iter().filter_map(|a| a.owner.as_deref()))
            .chain(pm.timeline.iter().filter_map(|t| t.actor.as_deref()));
        for name in names {
            let clean = crate::escape::collapse_whitespace(name);
            let key = clean.to_lowercase();
            if key.is_empty() || people.iter().any(|(k, _)| *k == key) {
                continue;
            }
            people.push((key, format!("Person {}", letters(people.len()))));
            originals.push(clean);
        }
        let mut patterns: Vec<(Vec<char>, String, bool)> = Vec::new();
        for (original, (_, pseudonym)) in originals.iter().zip(&people) {
            patterns.push((original.chars().collect(), pseudonym.clone(), false));
        }
        // Capitalised parts of multi-word names, matched as written.
        let mut parts: Vec<(String, String)> = Vec::new();
        for (original, (_, pseudonym)) in originals.iter().zip(&people) {
            let words: Vec<&str> = original.split(' ').collect();
            if words.len() < 2 {
                continue;
            }
            for w in words {
                let capitalised = w.chars().next().is_some_and(char::is_uppercase);
                if w.chars().count() < 3 || !capitalised || !w.chars().all(char::is_alphabetic) {
                    continue;
                }
                match parts.iter_mut().find(|(p, _)| p == w) {
                    Some((_, who)) if who != pseudonym => *who = AMBIGUOUS.to_string(),
                    Some(_) => {}
                    None => parts.push((w.to_string(), pseudonym.clone())),
                }
            }
        }
        for (part, who) in parts {
            if !patterns
                .iter()
                .any(|(p, _, _)| p.iter().collect::<String>().eq_ignore_ascii_case(&part))
            {
                patterns.push((part.chars().collect(), who, true));
            }
        }
        patterns.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
        Self { people, patterns }
    }

    /// The pseudonym for a name field; a name we do not know is treated as text.
    fn name(&self, name: &str) -> String {
        let key = crate::escape::collapse_whitespace(name).to_lowercase();
        match self.people.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => p.clone(),
            None => self.text(name),
        }
    }

    /// Replaces every known name in free text, at word boundaries.
    fn text(&self, text: &str) -> String {
        if self.patterns.is_empty() {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let at_boundary = i == 0 || !is_word(chars[i - 1]);
            let found = at_boundary
                .then(|| {
                    self.patterns.iter().find(|(p, _, exact)| {
                        let end = i + p.len();
                        end <= chars.len()
                            && (end == chars.len() || !is_word(chars[end]))
                            && chars[i..end]
                                .iter()
                                .zip(p)
                                .all(|(a, b)| same(*a, *b, *exact))
                    })
                })
                .flatten();
            match found {
                Some((p, replacement, _)) => {
                    out.push_str(replacement);
                    i += p.len();
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

fn same(a: char, b: char, exact: bool) -> bool {
    a == b || (!exact && a.to_lowercase().eq(b.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::{Kind, Participant, Timestamp};

    fn pm() -> PostMortem {
        let mut pm = PostMortem::new(
            "Alice Martin's deploy",
            Kind::Incident,
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        pm.participants = vec![
            Participant {
                name: "Alice Martin".into(),
                role: None,
            },
            Participant {
                name: "Bob Okafor".into(),
                role: Some("helped Alice".into()),
            },
            Participant {
                name: "Alex Martin".into(),
                role: None,
            },
            Participant {
                name: "will".into(),
                role: None,
            },
        ];
        pm.author = Some("bob okafor".into());
        pm.summary = "ALICE MARTIN paged Bob; Okafor's fix will ship. Alice-approved. Malice is not a name. Martin said".into();
        pm
    }

    #[test]
    fn names_become_stable_pseudonyms_everywhere() {
        let out = pseudonymise(&pm());
        let names: Vec<&str> = out.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Person A", "Person B", "Person C", "Person D"]);
        assert_eq!(out.author.as_deref(), Some("Person B"));
        assert_eq!(out.title, "Person A's deploy");
        assert_eq!(out.participants[1].role.as_deref(), Some("helped Person A"));
        assert_eq!(
            out.summary,
            "Person A paged Person B; Person B's fix Person D ship. Person A-approved. Malice is not a name. [a person] said"
        );
    }

    #[test]
    fn letters_continue_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
