//! Human-readable printing of post-mortems and their parts.

use retrospect_domain::{
    ActionStatus, Date, EntryState, LessonKind, PostMortem, TimelineEntry, Timestamp,
    human_duration,
};
use retrospect_store::ActionRow;

use crate::timeparse::show_time;

pub fn when(at: Timestamp, zone: Option<&str>) -> String {
    show_time(at, zone)
}

pub fn print_postmortem(pm: &PostMortem) {
    println!(
        "# {}  (post-mortem {}, version {})",
        pm.title, pm.id, pm.version
    );
    let severity = pm
        .severity
        .map(|s| s.to_string())
        .unwrap_or_else(|| "-".into());
    println!(
        "{} · {} · visible to {} · severity {}",
        pm.kind, pm.status, pm.visibility, severity
    );
    if let Some(t) = &pm.template {
        println!("template: {t}");
    }
    if !pm.participants.is_empty() {
        let names: Vec<&str> = pm.participants.iter().map(|p| p.name.as_str()).collect();
        println!("participants: {}", names.join(", "));
    }
    section("Summary", &pm.summary);
    section("Impact", &pm.impact);
    if !pm.key_moments.is_empty() {
        println!("\n## Key moments");
        print_moments(pm);
        print_durations(pm);
    }
    if !pm.evidence.is_empty() {
        println!("\n## Evidence");
        for e in &pm.evidence {
            println!(
                "  E{}  {}  {}  {} bytes  sha256:{}",
                e.id,
                e.kind,
                e.name,
                e.size,
                short(&e.checksum)
            );
        }
    }
    let proposed = pm
        .timeline
        .iter()
        .filter(|t| t.state == EntryState::Proposed)
        .count();
    let visible: Vec<&TimelineEntry> = pm.visible_timeline().collect();
    if !visible.is_empty() || proposed > 0 {
        println!("\n## Timeline");
        print_timeline(&visible);
        if proposed > 0 {
            println!(
                "  ({proposed} proposed entries wait for review: retrospect timeline {} --all)",
                pm.id
            );
        }
    }
    if !pm.causes.is_empty() {
        println!("\n## Causes (5 Whys)");
        print_cause_tree(pm);
    }
    if !pm.lessons.is_empty() {
        println!("\n## Lessons");
        print_lessons(pm);
    }
    if !pm.actions.is_empty() {
        println!("\n## Action items");
        print_actions(pm);
    }
    for s in &pm.sections {
        section(&s.heading, &s.body);
    }
    if !pm.comments.is_empty() {
        println!("\n## Comments");
        print_comments(pm);
    }
}

fn section(heading: &str, body: &str) {
    if !body.trim().is_empty() {
        println!("\n## {heading}\n{}", body.trim_end());
    }
}

fn short(checksum: &str) -> &str {
    checksum.get(..12).unwrap_or(checksum)
}

pub fn print_moments(pm: &PostMortem) {
    for m in &pm.key_moments {
        let note = m
            .note
            .as_deref()
            .map(|n| format!("  ({n})"))
            .unwrap_or_default();
        println!(
            "  {:<10} {}{note}",
            m.kind.to_string(),
            when(m.at, m.zone.as_deref())
        );
    }
}

pub fn print_durations(pm: &PostMortem) {
    let d = pm.durations();
    let show = |label: &str, v: Option<i64>| {
        if let Some(s) = v {
            println!("  {label:<17} {}", human_duration(s));
        }
    };
    show("time to detect", d.time_to_detect_seconds);
    show("time to mitigate", d.time_to_mitigate_seconds);
    show("time to resolve", d.time_to_resolve_seconds);
    for w in pm.moment_warnings() {
        println!("  note: {}", w.message);
    }
}

pub fn print_timeline(entries: &[&TimelineEntry]) {
    if entries.is_empty() {
        println!("  (no entries)");
    }
    for e in entries {
        let actor = e
            .actor
            .as_deref()
            .map(|a| format!("{a}: "))
            .unwrap_or_default();
        let mut marks = Vec::new();
        if let Some(k) = &e.key_moment {
            marks.push(format!("★ {k}"));
        }
        match e.state {
            EntryState::Proposed => marks.push("proposed".into()),
            EntryState::Dismissed => marks.push("dismissed".into()),
            EntryState::Accepted => {}
        }
        if e.hidden {
            marks.push("hidden".into());
        }
        if !e.source.is_empty() && e.source != "manual" {
            marks.push(e.source.clone());
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("  [{}]", marks.join(", "))
        };
        println!(
            "  T{:<4} {}  {actor}{}{marks}",
            e.id,
            when(e.at, e.zone.as_deref()),
            e.text
        );
    }
}

pub fn print_cause_tree(pm: &PostMortem) {
    fn walk(pm: &PostMortem, parent: Option<u32>, depth: usize) {
        for c in pm.cause_children(parent) {
            let category = c
                .category
                .as_deref()
                .map(|c| format!("  [{c}]"))
                .unwrap_or_default();
            let cites: Vec<String> = c
                .timeline_refs
                .iter()
                .map(|t| format!("T{t}"))
                .chain(c.evidence_refs.iter().map(|e| format!("E{e}")))
                .collect();
            let cites = if cites.is_empty() {
                String::new()
            } else {
                format!("  (cites {})", cites.join(", "))
            };
            println!(
                "{}C{} why? {}{category}{cites}",
                "  ".repeat(depth + 1),
                c.id,
                c.text
            );
            walk(pm, Some(c.id), depth + 1);
        }
    }
    if pm.causes.is_empty() {
        println!("  (no causes yet: retrospect cause add {} \"...\")", pm.id);
    }
    walk(pm, None, 0);
}

pub fn print_lessons(pm: &PostMortem) {
    for kind in [
        LessonKind::WentWrong,
        LessonKind::WentRight,
        LessonKind::Lucky,
        LessonKind::Learned,
    ] {
        let items: Vec<_> = pm.lessons.iter().filter(|l| l.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        println!("  {}:", kind.heading());
        for l in items {
            println!("    L{}  {}", l.id, l.text);
        }
    }
}

pub fn print_actions(pm: &PostMortem) {
    for a in &pm.actions {
        let owner = a.owner.as_deref().unwrap_or("no owner yet");
        let due = a
            .due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "no date yet".into());
        let causes: Vec<String> = a.causes.iter().map(|c| format!("C{c}")).collect();
        println!(
            "  A{}  [{}] {}  ({}, {owner}, due {due})",
            a.id, a.status, a.text, a.kind
        );
        if let Some(s) = &a.success_criterion {
            println!("       done when: {s}");
        }
        if !causes.is_empty() {
            println!("       addresses: {}", causes.join(", "));
        }
        if let Some(e) = a.effectiveness {
            println!("       reviewed: {e}");
        }
    }
}

pub fn print_action_rows(rows: &[ActionRow], today: Date) {
    if rows.is_empty() {
        println!("No matching action items.");
        return;
    }
    println!(
        "{:>4} {:>4}  {:<11} {:<12} {:<16} ACTION",
        "PM", "ID", "STATUS", "DUE", "OWNER"
    );
    for r in rows {
        let a = &r.action;
        let due = a.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let late = if a.is_overdue(today) {
            " (overdue)"
        } else {
            ""
        };
        let status = if a.status == ActionStatus::Done {
            "done".to_string()
        } else {
            a.status.to_string()
        };
        println!(
            "{:>4} {:>4}  {:<11} {:<12} {:<16} {}{late}   — {}",
            r.postmortem_id,
            format!("A{}", a.id),
            status,
            due,
            a.owner.as_deref().unwrap_or("-"),
            a.text,
            r.postmortem_title
        );
    }
}

pub fn print_comments(pm: &PostMortem) {
    for c in &pm.comments {
        let on = c.on.map(|p| format!(" on {p}")).unwrap_or_default();
        println!(
            "  #{} {}{on}, {}: {}",
            c.id,
            c.author,
            when(c.at, None),
            c.text
        );
    }
}
