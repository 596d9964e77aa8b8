//! The blameless-language coach applied to a whole post-mortem, and the
//! publish gate: publishing waits until every finding of warning strength or
//! more is reworded or acknowledged by a facilitator with a reason.
//!
//! Acknowledgements are stored as comments whose text starts with
//! [`ACK_PREFIX`] and the finding's key, so they travel with the post-mortem
//! (exports, Markdown, both databases) and are visible to everyone who reads it.

use std::collections::HashMap;

use retrospect_coach::{Context, Finding, Section, Severity, lint_text};
use retrospect_domain::{PartRef, PostMortem};
use serde::Serialize;

pub const ACK_PREFIX: &str = "[acknowledged coach finding ";

/// A finding in one text of the post-mortem.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedFinding {
    /// Which text: `summary`, `impact`, `T3`, `C2`, `L1`, `A4`, `comment 5`.
    pub place: String,
    /// The key an acknowledgement refers to: place plus the finding's fingerprint.
    pub key: String,
    pub part: Option<String>,
    pub finding: Finding,
    /// Blocks publishing until reworded or acknowledged.
    pub blocking: bool,
    pub acknowledged: Option<Acknowledgement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Acknowledgement {
    pub by: String,
    pub reason: String,
}

/// Lints one piece of text as the live hints do.
pub fn lint(text: &str, section: Section, names: &[String]) -> Vec<Finding> {
    let ctx = Context::new()
        .with_names(names.iter().cloned())
        .with_section(section);
    lint_text(text, &ctx)
}

/// Every text a person wrote in this post-mortem, with where it sits.
fn texts(pm: &PostMortem) -> Vec<(String, Option<PartRef>, Section, &str)> {
    let mut out = vec![
        (
            "summary".to_string(),
            None,
            Section::Summary,
            pm.summary.as_str(),
        ),
        (
            "impact".to_string(),
            None,
            Section::Summary,
            pm.impact.as_str(),
        ),
    ];
    for t in pm.visible_timeline() {
        out.push((
            format!("T{}", t.id),
            Some(PartRef::Entry(t.id)),
            Section::Timeline,
            &t.text,
        ));
    }
    for c in &pm.causes {
        out.push((
            format!("C{}", c.id),
            Some(PartRef::Cause(c.id)),
            Section::Why,
            &c.text,
        ));
    }
    for l in &pm.lessons {
        out.push((
            format!("L{}", l.id),
            Some(PartRef::Lesson(l.id)),
            Section::Lesson,
            &l.text,
        ));
    }
    for a in &pm.actions {
        out.push((
            format!("A{}", a.id),
            Some(PartRef::Action(a.id)),
            Section::Action,
            &a.text,
        ));
    }
    for c in pm
        .comments
        .iter()
        .filter(|c| !c.text.starts_with(ACK_PREFIX))
    {
        out.push((format!("comment {}", c.id), c.on, Section::Comment, &c.text));
    }
    out
}

/// Acknowledgements recorded so far, by finding key.
pub fn acknowledgements(pm: &PostMortem) -> HashMap<String, Acknowledgement> {
    pm.comments
        .iter()
        .filter_map(|c| {
            let rest = c.text.strip_prefix(ACK_PREFIX)?;
            let (key, reason) = rest.split_once(']')?;
            Some((
                key.to_string(),
                Acknowledgement {
                    by: c.author.clone(),
                    reason: reason.trim().to_string(),
                },
            ))
        })
        .collect()
}

/// The comment text that records an acknowledgement.
pub fn acknowledgement_text(key: &str, reason: &str) -> String {
    format!("{ACK_PREFIX}{key}] {}", reason.trim())
}

/// All findings in the post-mortem, with their acknowledgement if any.
pub fn review(pm: &PostMortem) -> Vec<PlacedFinding> {
    let names = pm.known_names();
    let acks = acknowledgements(pm);
    let mut out = Vec::new();
    for (place, part, section, text) in texts(pm) {
        if text.trim().is_empty() {
            continue;
        }
        for finding in lint(text, section, &names) {
            let key = format!("{}:{}", place.replace(' ', "-"), finding.fingerprint().id());
            out.push(PlacedFinding {
                blocking: finding.severity >= Severity::Warning,
                acknowledged: acks.get(&key).cloned(),
                part: part.map(|p| p.to_string()),
                place: place.clone(),
                key,
                finding,
            });
        }
    }
    out
}

/// Findings that still stand in the way of publishing.
pub fn blocking(findings: &[PlacedFinding]) -> Vec<&PlacedFinding> {
    findings
        .iter()
        .filter(|f| f.blocking && f.acknowledged.is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::{Kind, Timestamp};

    #[test]
    fn acknowledging_a_finding_clears_the_gate() {
        let mut pm =
            PostMortem::new("Outage", Kind::Incident, Timestamp::UNIX_EPOCH).expect("valid");
        pm.participants.push(retrospect_domain::Participant {
            name: "Dave".into(),
            role: None,
        });
        pm.add_cause(None, "Dave failed to check the replica lag.", None)
            .expect("cause");
        let findings = review(&pm);
        let first = blocking(&findings)
            .first()
            .map(|f| f.key.clone())
            .expect("a blocking finding");
        pm.add_comment(
            "facilitator",
            Timestamp::UNIX_EPOCH,
            None,
            &acknowledgement_text(&first, "quoting the chat"),
        )
        .expect("comment");
        let findings = review(&pm);
        assert!(
            findings
                .iter()
                .any(|f| f.key == first && f.acknowledged.is_some())
        );
    }
}
