//! Helpers shared by the rule tables (`rules.rs`) and the pattern tests
//! (`patterns.rs`): the rules a sentence triggers at warning level, and
//! assertions over lists of sentences.

#![allow(dead_code)]

use retrospect_coach::{Context, Section, Severity, lint_text};

pub fn rules_for(text: &str, section: Section) -> Vec<String> {
    let ctx = Context::new()
        .with_names(["Dave", "Priya", "Marcus"])
        .with_section(section);
    lint_text(text, &ctx)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| f.rule)
        .collect()
}

pub fn assert_flags(rule: &str, cases: &[&str]) {
    for text in cases {
        let got = rules_for(text, Section::Unknown);
        assert!(
            got.iter().any(|r| r == rule),
            "expected {rule} on {text:?}, got {got:?}"
        );
    }
}

pub fn assert_clean(cases: &[&str], section: Section) {
    for text in cases {
        let got = rules_for(text, section);
        assert!(
            got.is_empty(),
            "expected no findings on {text:?}, got {got:?}"
        );
    }
}
