//! What the post-mortem page shows, computed once from the post-mortem: the
//! durations, the cause tree in display order, the coach's findings by text,
//! the SMART hints of each action, the pictures, and what this person may do.

use std::collections::HashMap;

use retrospect_domain::{
    ActionItem, Cause, EntryState, MomentKind, PostMortem, Status, TimelineEntry, human_duration,
};
use serde::Serialize;

use crate::access::{self, Person};
use crate::coach::{self, PlacedFinding};

#[derive(Serialize)]
pub struct Moment {
    pub kind: &'static str,
    pub label: &'static str,
    /// `YYYY-MM-DDTHH:MM` for a datetime-local field, in UTC.
    pub input: String,
    pub shown: Option<String>,
}

#[derive(Serialize)]
pub struct Duration {
    pub label: &'static str,
    pub value: Option<String>,
}

#[derive(Serialize)]
pub struct CauseRow<'a> {
    pub cause: &'a Cause,
    pub depth: usize,
    /// "Why?" number in its chain, shown as "Why 2".
    pub why: usize,
    /// The causes below this one: it cannot move under them (the tree would loop).
    pub below: Vec<u32>,
}

#[derive(Serialize)]
pub struct EntryRow<'a> {
    pub entry: &'a TimelineEntry,
    pub at: String,
}

#[derive(Serialize)]
pub struct ActionRow<'a> {
    pub action: &'a ActionItem,
    pub hints: Vec<SmartHint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmartHint {
    pub letter: String,
    pub message: String,
}

#[derive(Serialize)]
pub struct Permissions {
    pub edit: bool,
    pub comment: bool,
    pub acknowledge: bool,
    pub audit: bool,
    pub to_review: bool,
    pub to_draft: bool,
    pub publish: bool,
    pub close: bool,
    pub delete: bool,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub pm: &'a PostMortem,
    pub status: &'static str,
    pub moments: Vec<Moment>,
    pub durations: Vec<Duration>,
    pub warnings: Vec<String>,
    pub proposed: Vec<EntryRow<'a>>,
    pub timeline: Vec<EntryRow<'a>>,
    pub hidden_count: usize,
    pub causes: Vec<CauseRow<'a>>,
    pub actions: Vec<ActionRow<'a>>,
    pub findings: Vec<PlacedFinding>,
    /// Findings by place ("summary", "C2") for hints beside each text.
    pub findings_by_place: HashMap<String, Vec<PlacedFinding>>,
    pub blocking_count: usize,
    pub fishbone_svg: String,
    pub permissions: Permissions,
    pub participants: String,
    pub parts: Vec<(String, String)>,
}

pub fn utc(at: retrospect_domain::Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string()
}

fn input_value(at: retrospect_domain::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

const MOMENTS: [(MomentKind, &str, &str); 4] = [
    (MomentKind::Started, "started", "Impact started"),
    (MomentKind::Detected, "detected", "Detected"),
    (MomentKind::Mitigated, "mitigated", "Mitigated"),
    (MomentKind::Resolved, "resolved", "Resolved"),
];

fn cause_rows(pm: &PostMortem) -> Vec<CauseRow<'_>> {
    fn walk<'a>(
        pm: &'a PostMortem,
        parent: Option<u32>,
        depth: usize,
        out: &mut Vec<CauseRow<'a>>,
    ) {
        if depth > pm.causes.len() {
            return;
        }
        for c in pm.cause_children(parent) {
            let at = out.len();
            out.push(CauseRow {
                cause: c,
                depth,
                why: depth + 1,
                below: Vec::new(),
            });
            walk(pm, Some(c.id), depth + 1, out);
            let below = out[at + 1..].iter().map(|r| r.cause.id).collect();
            out[at].below = below;
        }
    }
    let mut out = Vec::new();
    walk(pm, None, 0, &mut out);
    out
}

pub fn build<'a>(
    pm: &'a PostMortem,
    person: &Person,
    analysis: &crate::analysis::Analysis,
) -> PageView<'a> {
    let moments = MOMENTS
        .iter()
        .map(|(kind, name, label)| {
            let m = pm.moment(kind);
            Moment {
                kind: name,
                label,
                input: m.map(|m| input_value(m.at)).unwrap_or_default(),
                shown: m.map(|m| utc(m.at)),
            }
        })
        .collect();
    let d = pm.durations();
    let durations = vec![
        Duration {
            label: "Time to detect",
            value: d.time_to_detect_seconds.map(human_duration),
        },
        Duration {
            label: "Time to mitigate",
            value: d.time_to_mitigate_seconds.map(human_duration),
        },
        Duration {
            label: "Time to resolve",
            value: d.time_to_resolve_seconds.map(human_duration),
        },
    ];
    let row = |t: &'a TimelineEntry| EntryRow {
        entry: t,
        at: utc(t.at),
    };
    let proposed = pm
        .timeline
        .iter()
        .filter(|t| t.state == EntryState::Proposed)
        .map(row)
        .collect();
    let timeline = pm
        .timeline
        .iter()
        .filter(|t| t.state == EntryState::Accepted && !t.hidden)
        .map(row)
        .collect();
    let hidden_count = pm
        .timeline
        .iter()
        .filter(|t| t.state == EntryState::Accepted && t.hidden)
        .count();
    let findings = analysis.findings.clone();
    let blocking_count = coach::blocking(&findings).len();
    let mut findings_by_place: HashMap<String, Vec<PlacedFinding>> = HashMap::new();
    for f in &findings {
        findings_by_place
            .entry(f.place.clone())
            .or_default()
            .push(f.clone());
    }
    let permissions = Permissions {
        edit: access::can_edit(person, pm),
        comment: access::can_comment(person, pm),
        acknowledge: access::can_acknowledge(person, pm),
        audit: access::can_see_audit(person, pm),
        to_review: pm.status == Status::Draft && access::can_move(person, pm, Status::InReview),
        to_draft: pm.status != Status::Draft && access::can_move(person, pm, Status::Draft),
        publish: pm.status == Status::InReview && access::can_move(person, pm, Status::Published),
        close: pm.status == Status::Published && access::can_move(person, pm, Status::Closed),
        delete: access::can_delete(person, pm),
    };
    let mut parts: Vec<(String, String)> = Vec::new();
    for t in pm.visible_timeline() {
        parts.push((
            format!("T{}", t.id),
            format!("T{} {}", t.id, excerpt(&t.text)),
        ));
    }
    for c in &pm.causes {
        parts.push((
            format!("C{}", c.id),
            format!("C{} {}", c.id, excerpt(&c.text)),
        ));
    }
    for l in &pm.lessons {
        parts.push((
            format!("L{}", l.id),
            format!("L{} {}", l.id, excerpt(&l.text)),
        ));
    }
    for a in &pm.actions {
        parts.push((
            format!("A{}", a.id),
            format!("A{} {}", a.id, excerpt(&a.text)),
        ));
    }
    PageView {
        pm,
        status: status_label(pm.status),
        moments,
        durations,
        warnings: pm
            .moment_warnings()
            .into_iter()
            .map(|w| w.message)
            .collect(),
        proposed,
        timeline,
        hidden_count,
        causes: cause_rows(pm),
        actions: pm
            .actions
            .iter()
            .map(|a| ActionRow {
                action: a,
                hints: analysis.smart.get(&a.id).cloned().unwrap_or_default(),
            })
            .collect(),
        findings,
        findings_by_place,
        blocking_count,
        fishbone_svg: analysis.fishbone_svg.clone(),
        permissions,
        participants: pm
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        parts,
    }
}

pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Draft => "Draft",
        Status::InReview => "In review",
        Status::Published => "Published",
        Status::Closed => "Closed",
    }
}

fn excerpt(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}
