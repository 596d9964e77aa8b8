//! Remedies aimed at a person ("retrain Dave", "discipline the engineer", "put him on
//! a PIP"), wherever they are written. The SMART check reports the same phrases on
//! action items; here they are blame language in any text.

use super::catalog::Rule;
use super::{Doc, Hit, tok_at};
use crate::agent::np_after;
use crate::smart::wording::{AT_PERSON, FEEDBACK_TO};
use crate::text::tokens::tokenize;

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    for re in [&*AT_PERSON, &*FEEDBACK_TO] {
        for (c, _, toks) in doc.matches(re) {
            let m = c.get(0).unwrap();
            // Supportive moves are weak actions for SMART, but not blame language.
            let lead = m.as_str().to_ascii_lowercase();
            if [
                "pair",
                "mentor",
                "supervise",
                "check in",
                "follow up",
                "provide feedback",
                "restrict",
                "remove",
            ]
            .iter()
            .any(|v| lead.starts_with(v))
            {
                continue;
            }
            let agent = match c.get(1) {
                Some(target) => {
                    if crate::smart::wording::is_reader(target.as_str()) {
                        continue;
                    }
                    let t = tokenize(target.as_str(), 0);
                    let (a, _) = np_after(&t, 0, &doc.names());
                    if !(a.kind == crate::agent::AgentKind::Person || a.maybe_name) {
                        continue;
                    }
                    a.text
                }
                None => String::new(),
            };
            // Past tense narration ("we talked to Dave") is not matched by the
            // imperative patterns; a negation ("no one was disciplined") is fine.
            let i = tok_at(toks, m.start());
            if super::negated_before(toks, i, 3) {
                continue;
            }
            out.push(Hit::warning(
                Rule::ActionTargetsPerson,
                m.start(),
                m.end(),
                agent,
            ));
        }
    }
}
