//! The diagnostic shape shared by the editor, the CLI and CI.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How strongly a finding should be surfaced. Ordered so `>=` means "at least as serious".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning`/`warn`, `error`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "info" | "note" | "hint" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The family of blaming language a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Counterfactual,
    Judgement,
    PersonAsCause,
    HumanError,
    CulpritQuestion,
    Hindsight,
    Minimising,
    /// Action items: weak actions and actions aimed at a person.
    ActionStrength,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Counterfactual => "counterfactual",
            Category::Judgement => "judgement",
            Category::PersonAsCause => "person-as-cause",
            Category::HumanError => "human-error",
            Category::CulpritQuestion => "culprit-question",
            Category::Hindsight => "hindsight",
            Category::Minimising => "minimising",
            Category::ActionStrength => "action-strength",
        }
    }
}

/// A 1-based line and column (column counted in characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A suggestion attached to a finding. Never an auto-fix: a good reframe needs facts
/// the tool does not have, so we offer a pattern and a question to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// `reframe` (a systemic rewrite pattern) or `question` (for the facilitator).
    pub kind: String,
    pub text: String,
}

/// One piece of blaming language found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// Byte offsets into the linted input, `start..end`.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The flagged text, verbatim.
    pub text: String,
    pub message: String,
    pub suggestions: Vec<Suggestion>,
}

impl Finding {
    pub fn reframe(&self) -> Option<&str> {
        self.suggestion("reframe")
    }

    pub fn question(&self) -> Option<&str> {
        self.suggestion("question")
    }

    fn suggestion(&self, kind: &str) -> Option<&str> {
        self.suggestions
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.text.as_str())
    }

    /// A fingerprint stable across edits elsewhere in the document.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::new(&self.rule, &self.text)
    }
}

/// Identifies a finding by rule and normalised text, not by position, so that a
/// facilitator's acknowledgement still matches after lines move (publish gate).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint {
    pub rule: String,
    /// Lowercased, whitespace-collapsed, with typographic quotes folded.
    pub normalised: String,
}

impl Fingerprint {
    pub fn new(rule: &str, text: &str) -> Fingerprint {
        let mut normalised = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !normalised.is_empty() {
                normalised.push(' ');
            }
            for c in word.chars() {
                let c = match c {
                    '\u{2019}' | '\u{2018}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c,
                };
                normalised.extend(c.to_lowercase());
            }
        }
        Fingerprint {
            rule: rule.to_string(),
            normalised,
        }
    }

    /// A short stable hex id (FNV-1a 64), handy for storage keys and URLs.
    pub fn id(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self
            .rule
            .bytes()
            .chain([0u8])
            .chain(self.normalised.bytes())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.rule, self.id())
    }
}
