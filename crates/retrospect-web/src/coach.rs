//! The blameless-language coach applied to a whole post-mortem, and the
//! publish gate: publishing waits until every finding of warning strength or
//! more is reworded or acknowledged by a facilitator with a reason.
//!
//! Acknowledgements live in the post-mortem (`PostMortem::acknowledgements`)
//! keyed by the coach's fingerprint id (rule + flagged words), exactly as the
//! CLI's `retrospect ack` records them, so both surfaces agree.

use retrospect_coach::{Context, Finding, Section, Severity, lint_text};
use retrospect_domain::{PartRef, PostMortem};
use serde::Serialize;

/// A finding in one text of the post-mortem.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedFinding {
    /// Which text: `summary`, `impact`, `T3`, `C2`, `L1`, `A4`, `comment 5`, a section heading.
    pub place: String,
    /// The fingerprint id an acknowledgement refers to.
    pub key: String,
    pub part: Option<String>,
    pub finding: Finding,
    /// Blocks publishing until reworded or acknowledged.
    pub blocking: bool,
    pub acknowledged: Option<Acknowledged>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Acknowledged {
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
    for c in &pm.comments {
        out.push((format!("comment {}", c.id), c.on, Section::Comment, &c.text));
    }
    for sec in &pm.sections {
        out.push((sec.heading.clone(), None, Section::Summary, &sec.body));
    }
    out
}

/// All findings in the post-mortem, with their acknowledgement if any.
pub fn review(pm: &PostMortem) -> Vec<PlacedFinding> {
    let names = pm.known_names();
    let mut out = Vec::new();
    for (place, part, section, text) in texts(pm) {
        if text.trim().is_empty() {
            continue;
        }
        for finding in lint(text, section, &names) {
            let key = finding.fingerprint().id();
            let acknowledged = pm
                .acknowledgements
                .iter()
                .find(|a| a.fingerprint == key)
                .map(|a| Acknowledged {
                    by: a.by.clone(),
                    reason: a.reason.clone(),
                });
            out.push(PlacedFinding {
                blocking: finding.severity >= Severity::Warning,
                acknowledged,
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
    use retrospect_domain::{Acknowledgement, Kind, Timestamp};

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
            .map(|f| (*f).clone())
            .expect("a blocking finding");
        pm.acknowledge(Acknowledgement {
            fingerprint: first.key.clone(),
            rule: first.finding.rule.clone(),
            excerpt: first.finding.text.clone(),
            by: "facilitator".into(),
            reason: "quoting the chat".into(),
            at: Timestamp::UNIX_EPOCH,
        })
        .expect("acknowledged");
        let findings = review(&pm);
        assert!(
            findings
                .iter()
                .any(|f| f.key == first.key && f.acknowledged.is_some())
        );
    }
}
