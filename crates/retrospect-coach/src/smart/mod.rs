//! The SMART check on action items. Letters, in order: S specific, M measurable,
//! A achievable/assignable, R relevant, T time-bound. The README documents each rule.

mod due;
mod flex;
mod inline;
mod owner;
pub(crate) mod wording;

use crate::agent::{AgentKind, Names, np_after};
use crate::context::Context;
use crate::finding::{Finding, Severity, Suggestion};
use crate::rules::catalog::Rule;
use crate::text::lines::LineIndex;
use crate::text::tokens::tokenize;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A SMART letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Letter {
    S,
    M,
    A,
    R,
    T,
}

/// An action item as stored or sent by the editor. Absent and `null` fields are the same.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub text: String,
    /// One owner. A JSON list of names is accepted and joined ("Alice, Bob").
    #[serde(default, deserialize_with = "flex::owner")]
    pub owner: Option<String>,
    #[serde(default, deserialize_with = "flex::due")]
    pub due: Option<String>,
    /// Linked cause ids or texts. Any JSON values (a single string or number is a
    /// one-item list); null and empty strings do not count.
    #[serde(default, deserialize_with = "flex::causes")]
    pub causes: Option<Vec<Value>>,
    /// "How will we know it worked?"
    #[serde(
        default,
        alias = "success",
        alias = "success_criteria",
        alias = "done_when"
    )]
    pub success_criterion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmartResult {
    pub ok: bool,
    /// Failing letters in S, M, A, R, T order.
    pub fails: Vec<Letter>,
    /// One kind sentence per failing letter: which, why, how to fix.
    pub reasons: Vec<String>,
    /// Weak-action and person-aimed findings on the action text.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub findings: Vec<Finding>,
}

/// Checks one action item. `ctx` supplies known names (for "retrain Dave").
pub fn check_action(item: &ActionItem, ctx: &Context) -> SmartResult {
    let mut names = ctx.known_name_words();
    if let Some(o) = &item.owner {
        names.extend(
            o.split_whitespace()
                .map(|w| w.trim_start_matches('@').to_lowercase()),
        );
    }
    let person_at = |s: &str| {
        // "Follow up with AWS support": a vendor's desk, not a person to change.
        let first = s.split_whitespace().next().unwrap_or("");
        if crate::lexicon::TECH_NAMES.contains(first.to_ascii_lowercase().as_str()) {
            return false;
        }
        let toks = tokenize(s, 0);
        let (agent, _) = np_after(&toks, 0, &Names(&names));
        // "Talk to Eve": an unknown capitalised word after these verbs is a name.
        agent.kind == AgentKind::Person || agent.maybe_name
    };
    // Owners and dates written in the text count when the fields are empty.
    let inline = inline::extract(item.text.trim(), |w| {
        let toks = tokenize(w, 0);
        np_after(&toks, 0, &Names(&names)).0.kind == AgentKind::Person
    });
    let owner = item
        .owner
        .as_deref()
        .filter(|o| !o.trim().is_empty())
        .or(inline.owner.as_deref());
    let due = item
        .due
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .or(inline.due.as_deref());
    let text = inline.text.as_str();
    let w = wording::analyse(text, person_at);
    let mut fails: Vec<(Letter, String)> = Vec::new();
    let mut findings = Vec::new();

    // S: a concrete verb and object.
    if let Some(p) = &w.at_person {
        fails.push((Letter::S, format!("S (specific): '{p}' is aimed at a person, not at the system. Name the tool, check or process that will change, e.g. 'Add a presubmit check that rejects schema changes without a migration'.")));
        findings.push(action_finding(
            item.text.trim(),
            p,
            Rule::ActionTargetsPerson,
            ctx,
        ));
    } else if let Some(p) = &w.weak {
        fails.push((Letter::S, format!("S (specific): '{p}' asks people to try harder instead of changing something concrete. Name the change to a tool or process, e.g. 'Add a confirmation prompt to the deploy tool for prod'.")));
        findings.push(action_finding(item.text.trim(), p, Rule::WeakAction, ctx));
    } else if let Some((class, verb)) = &w.vague_lead {
        // A success criterion that says what will exist makes the action specific.
        let criterion_specific = item.success_criterion.as_deref().is_some_and(|c| {
            let a = wording::analyse(c, |_| false);
            a.checkable
                || wording::has_deliverable(c)
                || a.concrete_verb
                || c.split_whitespace().count() >= 4
        });
        let rescued = criterion_specific
            || match *class {
                "improve" => w.checkable && !w.vague_object,
                "investigate" => wording::has_deliverable(text),
                "ensure" => wording::has_deliverable(text) || text.contains('`'),
                _ => false,
            };
        if !rescued {
            fails.push((Letter::S, format!("S (specific): '{verb}' names an activity, not a result. Say what will exist or be different when it is done, e.g. 'Add an alert on replica lag over 30 s for db-main'.")));
        }
    } else if w.vague_object {
        fails.push((Letter::S, "S (specific): the action does not name a concrete thing to change. Name the service, alert, runbook or setting, e.g. 'Add a runbook section for failing over db-main'.".to_string()));
    }

    // M: something checkable says when it is done.
    let has_criterion = item
        .success_criterion
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty());
    let m_fail = if w.at_person.is_some() || w.weak.is_some() {
        Some("it depends on people's behaviour, which nobody can check off".to_string())
    } else if let Some(p) = &w.never_again {
        Some(format!(
            "'{p}' is an absolute goal that can never be confirmed as done"
        ))
    } else if let Some(p) = w.open_goal.as_ref().filter(|_| !has_criterion) {
        Some(format!(
            "'{p}' states a hope rather than a result you can check"
        ))
    } else if let Some(p) = w.escape_hatch.as_ref().filter(|_| !has_criterion) {
        Some(format!("'{p}' leaves it open when it is finished"))
    } else if let Some(p) = w
        .capability
        .as_ref()
        .filter(|_| !has_criterion && !w.checkable)
    {
        Some(format!("'{p}' names a capability, not a done state"))
    } else if has_criterion
        || w.checkable
        // "… and file a ticket for each leak": the deliverable is the done state.
        || matches!(w.vague_lead, Some(("investigate", _))) && wording::has_deliverable(text)
    {
        None
    } else if let Some(p) = &w.comparative {
        Some(format!("'{p}' has no baseline or target"))
    } else if w.directional {
        Some("it says which way to move but not how far".to_string())
    } else if let Some(p) = &w.open_rework {
        Some(format!(
            "'{p}' names the work but not its end state (a version, a target, a test)"
        ))
    } else if w.vague_lead.is_some() || w.vague_object || !w.concrete_verb {
        Some("nothing in it says how we will know it is done".to_string())
    } else {
        None
    };
    if let Some(why) = m_fail {
        fails.push((Letter::M, format!("M (measurable): {why}. Add a done criterion: a threshold, a trigger ('alert fires when lag > 30 s') or the artifact that will exist.")));
    }

    // A: one named owner, and a scope that can be done.
    if let Some(why) = owner::problem(owner) {
        fails.push((
            Letter::A,
            format!("A (assignable): {why}. Pick one person who will drive it; others can help."),
        ));
    } else if let Some(p) = &w.never_again {
        fails.push((Letter::A, format!("A (achievable): '{p}' cannot be achieved by any one action. Scope it to the change this action makes.")));
    }

    // R: linked to a cause of this incident.
    let linked = item.causes.as_ref().is_some_and(|cs| {
        cs.iter().any(|c| match c {
            Value::Null => false,
            Value::String(s) => !s.trim().is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        })
    });
    if !linked {
        fails.push((Letter::R, "R (relevant): it is not linked to any cause. Link it to the contributing factor it addresses, or reconsider whether it belongs here.".to_string()));
    } else if w.at_person.is_some() {
        fails.push((Letter::R, "R (relevant): changing one person does not address the conditions that made the slip possible; the same trap is waiting for the next person.".to_string()));
    }

    // T: a real date.
    match due::classify(due) {
        due::Due::Date => {}
        // The issue: "a real date, not 'ASAP' or 'Q3'". A quarter or month, even with
        // its year, leaves the day open, so nobody is late until it is over.
        due::Due::Period => fails.push((Letter::T, format!("T (time-bound): '{}' is a period, not a date; nobody is late until it is over. Pick the calendar day, e.g. 2027-09-30.", due.unwrap_or("").trim()))),
        due::Due::Missing => fails.push((Letter::T, "T (time-bound): there is no due date. Pick a calendar date, e.g. 2026-12-01.".to_string())),
        due::Due::Vague => fails.push((Letter::T, format!("T (time-bound): '{}' is not a date anyone can be late for. Pick a calendar date, e.g. 2026-12-01.", due.unwrap_or("").trim()))),
    }

    fails.sort_by_key(|(l, _)| *l);
    fails.dedup_by_key(|(l, _)| *l);
    SmartResult {
        ok: fails.is_empty(),
        fails: fails.iter().map(|(l, _)| *l).collect(),
        reasons: fails.into_iter().map(|(_, r)| r).collect(),
        findings,
    }
}

fn action_finding(text: &str, phrase: &str, rule: Rule, ctx: &Context) -> Finding {
    let start = text.find(phrase).unwrap_or(0);
    let end = (start + phrase.len()).min(text.len());
    let lines = LineIndex::new(text);
    let (s, e) = (lines.position(start), lines.position(end));
    let severity = match ctx.config.override_for(rule.id(), rule.category().as_str()) {
        Some(Some(sev)) => sev,
        _ => Severity::Warning,
    };
    Finding {
        rule: rule.id().into(),
        category: rule.category(),
        severity,
        start,
        end,
        line: s.line,
        column: s.column,
        end_line: e.line,
        end_column: e.column,
        text: text[start..end].to_string(),
        message: rule.message(&text[start..end], ""),
        suggestions: vec![
            Suggestion {
                kind: "reframe".into(),
                text: rule.reframe(""),
            },
            Suggestion {
                kind: "question".into(),
                text: rule.question(""),
            },
        ],
    }
}
