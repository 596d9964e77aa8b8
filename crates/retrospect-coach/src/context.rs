//! What the coach knows about the text it lints: who took part, which section the
//! text is in, and the team's configuration.

use crate::finding::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The part of a post-mortem a text belongs to. Severity and some rules depend on it:
/// a person named in a cause slot is worse than in a timeline, "should" is fine in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    #[default]
    Unknown,
    Summary,
    Timeline,
    /// 5 Whys, root cause, contributing factors.
    Why,
    Lesson,
    Action,
    Comment,
}

impl Section {
    /// Parses a section name as written in JSON input or a heading.
    pub fn parse(s: &str) -> Section {
        let s = s.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        let s = s.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        match s {
            "summary" | "impact" | "overview" | "description" | "background" => Section::Summary,
            "timeline" | "time line" | "chronology" | "events" => Section::Timeline,
            "why"
            | "whys"
            | "5 whys"
            | "five whys"
            | "root cause"
            | "root causes"
            | "cause"
            | "causes"
            | "contributing factors"
            | "analysis" => Section::Why,
            "lesson" | "lessons" | "lessons learned" | "lessons learnt" | "learnings"
            | "what went well" | "what went wrong" | "where we got lucky" | "went well"
            | "went wrong" | "lucky" => Section::Lesson,
            "action" | "actions" | "action items" | "follow ups" | "followups" | "action plan"
            | "next steps" | "remediation" => Section::Action,
            "comment" | "comments" | "discussion" | "note" | "notes" => Section::Comment,
            _ => Section::Unknown,
        }
    }
}

/// Team configuration: allowed terms, rule severities and extra names.
///
/// The file format is a small TOML subset (documented in the README):
///
/// ```toml
/// # .retrospect-coach.toml
/// names = ["Dave", "Priya"]          # extra known participant names
/// allow = ["blast radius", "YOLO"]    # terms never linted
/// [rules]
/// minimising = "off"                  # off | info | warning | error
/// hindsight = "info"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    pub allow: Vec<String>,
    pub names: Vec<String>,
    /// Rule id or category name → severity; `None` disables the rule.
    pub rules: BTreeMap<String, Option<Severity>>,
}

/// A line of the config file that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the TOML subset: `key = "string"`, `key = ["a", "b"]` (one line),
    /// `[rules]` / `[coach]` tables, `#` comments. Unknown keys are errors so typos
    /// do not silently disable nothing.
    pub fn from_toml_str(src: &str) -> Result<Config, ConfigError> {
        let mut cfg = Config::default();
        let mut table = String::new();
        for (i, raw) in src.lines().enumerate() {
            let line_no = i + 1;
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: &str| ConfigError {
                line: line_no,
                message: message.to_string(),
            };
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                table = name.trim().to_string();
                if !matches!(table.as_str(), "rules" | "coach") {
                    return Err(err("unknown table (expected [coach] or [rules])"));
                }
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| err("expected key = value"))?;
            let key = unquote(key.trim()).unwrap_or(key.trim()).to_string();
            let value = value.trim();
            if table == "rules" {
                let v = unquote(value).ok_or_else(|| err("rule value must be a quoted string"))?;
                let sev =
                    match v {
                        "off" | "false" | "disabled" | "none" => None,
                        other => Some(Severity::parse(other).ok_or_else(|| {
                            err("rule severity must be off, info, warning or error")
                        })?),
                    };
                cfg.rules.insert(key, sev);
                continue;
            }
            let list = parse_list(value).ok_or_else(|| err("expected a list of quoted strings"))?;
            match key.as_str() {
                "allow" | "allowed_terms" | "accept" => cfg.allow.extend(list),
                "names" | "known_names" | "participants" => cfg.names.extend(list),
                _ => return Err(err("unknown key (expected allow or names)")),
            }
        }
        Ok(cfg)
    }

    /// The configured severity for a rule: `Some(None)` means disabled, `None` means
    /// "use the default". A rule id wins over its category name.
    pub fn override_for(&self, rule: &str, category: &str) -> Option<Option<Severity>> {
        self.rules
            .get(rule)
            .or_else(|| self.rules.get(category))
            .copied()
    }
}

fn strip_comment(line: &str) -> &str {
    // A '#' inside quotes is content, not a comment.
    let mut in_quote = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            '#' if !in_quote => return &line[..i],
            _ => {}
        }
    }
    line
}

fn unquote(s: &str) -> Option<&str> {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
}

fn parse_list(value: &str) -> Option<Vec<String>> {
    if let Some(single) = unquote(value) {
        return Some(vec![single.to_string()]);
    }
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| unquote(s).map(str::to_string))
        .collect()
}

/// Everything the linter needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Participant names (first names, full names or handles).
    pub names: Vec<String>,
    /// The section of the text; Markdown headings override it per block.
    pub section: Section,
    pub config: Config,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    pub fn with_names<I, S>(mut self, names: I) -> Context
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.names.extend(names.into_iter().map(Into::into));
        self
    }

    pub fn with_section(mut self, section: Section) -> Context {
        self.section = section;
        self
    }

    pub fn with_config(mut self, config: Config) -> Context {
        self.config = config;
        self
    }

    /// Known names from the roster and the config, lowercased, split into words so
    /// "Priya Raman" matches "Priya" and "Raman".
    pub(crate) fn known_name_words(&self) -> Vec<String> {
        self.names
            .iter()
            .chain(&self.config.names)
            .flat_map(|n| n.split_whitespace())
            .map(|w| w.trim_start_matches('@').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_config_subset() {
        let cfg = Config::from_toml_str(
            "# team config\nnames = [\"Dave\", \"Priya Raman\"]\nallow = \"kill switch\"\n\n[rules]\nminimising = \"off\"\nhindsight = \"info\" # quieter\n",
        )
        .unwrap();
        assert_eq!(cfg.names, vec!["Dave", "Priya Raman"]);
        assert_eq!(cfg.allow, vec!["kill switch"]);
        assert_eq!(cfg.override_for("x", "minimising"), Some(None));
        assert_eq!(
            cfg.override_for("hindsight", "hindsight"),
            Some(Some(Severity::Info))
        );
        assert_eq!(cfg.override_for("x", "y"), None);
    }

    #[test]
    fn rejects_bad_config() {
        assert_eq!(
            Config::from_toml_str("colour = [\"x\"]").unwrap_err().line,
            1
        );
        assert!(Config::from_toml_str("[rules]\nx = \"loud\"").is_err());
        assert!(Config::from_toml_str("[other]").is_err());
    }

    #[test]
    fn parses_sections() {
        assert_eq!(Section::parse("Timeline"), Section::Timeline);
        assert_eq!(Section::parse("5 Whys"), Section::Why);
        assert_eq!(Section::parse("Action items"), Section::Action);
        assert_eq!(Section::parse("whatever"), Section::Unknown);
    }
}
