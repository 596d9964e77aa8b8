//! Retrospect's blameless-language coach and SMART action check.
//!
//! Pure functions over text: the web editor, the CLI and CI all call the same code.
//! The only I/O lives in [`run_jsonl`] and the output writers, which take a
//! `BufRead`/`Write`.
//!
//! ```
//! use retrospect_coach::{lint_text, Context, Section};
//! let ctx = Context::new().with_names(["Dave"]).with_section(Section::Why);
//! let findings = lint_text("Dave failed to check the replica lag.", &ctx);
//! assert_eq!(findings[0].rule, "counterfactual-person");
//! assert!(lint_text("The health check failed to detect the lag.", &ctx).is_empty());
//! ```

mod agent;
mod context;
mod finding;
mod jsonl;
mod lexicon;
mod lint;
mod markdown;
mod names;
mod output;
mod rules;
mod smart;
mod text;
mod whys;

pub use context::{Config, ConfigError, Context, Section};
pub use finding::{Category, Finding, Fingerprint, Position, Severity, Suggestion};
pub use jsonl::{JsonlSummary, run_jsonl};
pub use lint::lint_text;
pub use markdown::lint_markdown;
pub use output::{exit_code, fails_at, to_human, to_json, to_sarif};
pub use smart::{ActionItem, Letter, SmartResult, check_action};
pub use whys::human_question_for_person_chain;

/// Every rule id the coach can report, for config validation and documentation.
pub fn rule_ids() -> Vec<&'static str> {
    rules::catalog::ALL_RULES.iter().map(|r| r.id()).collect()
}
