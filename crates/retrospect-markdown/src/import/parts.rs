//! Reading each recognised section into parts of the post-mortem. Every
//! reader returns the lines it did not use, which become a free section.

use retrospect_domain::{EntryState, Lesson, LessonKind, Participant, TimelineEntry};

use super::Report;
use super::action_text::action_from_text;
use super::draft::{Draft, Parent, Part};
use super::foreign_tables;
use super::headings::{Role, lesson_kind, normalise};
use super::lists::walk;
use super::sections::Section;
use super::tables::scan;
use crate::own::{actions, causes, evidence, lessons, timeline};
use crate::timeline::{self as tl, Context};

pub(crate) type Lines<'a> = Vec<&'a str>;

pub(crate) fn timeline<'a>(
    sec: &Section<'a>,
    context: Context,
    draft: &mut Draft,
    report: &mut Report,
) -> Lines<'a> {
    let s = scan(&sec.body, timeline::HEADER, |cells, line| {
        let entry = timeline::parse_row(cells)?;
        draft.timeline.push(Part {
            explicit_id: Some(entry.id),
            value: entry,
            line,
        });
        Ok(())
    });
    report.warnings.extend(s.warnings);
    let parsed = tl::parse(&s.rest, context);
    for e in &parsed.entries {
        let entry = TimelineEntry {
            id: 0,
            at: e.at,
            zone: e.zone.clone(),
            text: e.text.clone(),
            actor: e.actor.clone(),
            source: String::new(),
            evidence: None,
            key_moment: None,
            hidden: false,
            state: EntryState::Accepted,
        };
        draft.timeline.push(Part {
            explicit_id: None,
            value: entry,
            line: e.line,
        });
    }
    if !parsed.entries.is_empty() {
        draft.sort_timeline = true;
    }
    let total = s.rows + parsed.entries.len();
    if total > 0 {
        let mut note = format!("timeline: {total} {}", plural(total, "entry", "entries"));
        if !parsed.zones.is_empty() {
            note.push_str(&format!(" (times in {})", parsed.zones.join(", ")));
        }
        if parsed.rollovers > 0 {
            note.push_str(&format!(
                "; {} past midnight, moved to the next day",
                parsed.rollovers
            ));
        }
        report.recognised.push(note);
    }
    if parsed.assumed_utc > 0 {
        report.warnings.push(format!(
            "{} timeline {} no time zone stated; read as UTC (say \"All times in …\" above the timeline, or pass a default zone)",
            parsed.assumed_utc,
            plural(parsed.assumed_utc, "entry has", "entries have")
        ));
    }
    report.warnings.extend(parsed.warnings);
    let mut left = s.kept_rows;
    left.extend(parsed.leftover);
    left
}

pub(crate) fn root_causes<'a>(
    sec: &Section<'a>,
    draft: &mut Draft,
    report: &mut Report,
) -> Lines<'a> {
    let w = walk(&sec.body, true, &|_| false);
    let mut left = w.leftover;
    let mut index_of: Vec<Option<usize>> = Vec::with_capacity(w.items.len());
    let mut count = 0;
    let mut deepest = 0;
    for item in &w.items {
        // The nearest enclosing item that became a cause.
        let mut parent_item = item.parent;
        let parent = loop {
            match parent_item {
                None => break Parent::Root,
                Some(p) => match index_of.get(p).copied().flatten() {
                    Some(idx) => break Parent::Index(idx),
                    None => parent_item = w.items.get(p).and_then(|i| i.parent),
                },
            }
        };
        match causes::parse_item(item.content) {
            Some(Ok(parsed)) => {
                let mut cause = parsed.cause;
                if !item.more.is_empty() {
                    let more: Vec<&str> = item.more.iter().map(String::as_str).collect();
                    cause.text = format!("{}\n{}", cause.text, crate::lines::join_trimmed(&more));
                }
                let parent = parsed.explicit_parent.map_or(parent, Parent::Id);
                let id = cause.id;
                draft.causes.push((
                    Part {
                        explicit_id: Some(id),
                        value: cause,
                        line: item.line,
                    },
                    parent,
                ));
            }
            Some(Err(why)) => {
                report.warnings.push(format!(
                    "line {}: {why}; the item is kept as text",
                    item.line
                ));
                left.extend(&item.raw);
                index_of.push(None);
                continue;
            }
            None => {
                let text = item.text();
                if text.is_empty() {
                    index_of.push(None);
                    continue;
                }
                let cause = retrospect_domain::Cause {
                    id: 0,
                    parent: None,
                    text,
                    category: None,
                    timeline_refs: Vec::new(),
                    evidence_refs: Vec::new(),
                };
                draft.causes.push((
                    Part {
                        explicit_id: None,
                        value: cause,
                        line: item.line,
                    },
                    parent,
                ));
            }
        }
        index_of.push(Some(draft.causes.len() - 1));
        count += 1;
        deepest = deepest.max(item.depth + 1);
    }
    if count > 0 {
        report.recognised.push(format!(
            "root causes: {count} {} ({deepest} {} deep)",
            plural(count, "cause", "causes"),
            plural(deepest, "level", "levels")
        ));
    }
    if w.flattened {
        report.warnings.push(format!(
            "the cause list under '{}' is nested more than {} levels deep; deeper causes were attached to the deepest level",
            sec.heading.unwrap_or(""),
            super::lists::MAX_DEPTH
        ));
    }
    left
}

pub(crate) fn lessons<'a>(sec: &Section<'a>, draft: &mut Draft, report: &mut Report) -> Lines<'a> {
    let default = match sec.role {
        Some(Role::Lessons(Some(kind))) => kind,
        _ => LessonKind::Learned,
    };
    let w = walk(&sec.body, false, &|t| lesson_kind(&normalise(t)).is_some());
    let mut counts: Vec<(LessonKind, usize)> = Vec::new();
    for item in &w.items {
        let kind = item
            .context
            .and_then(|c| lesson_kind(&normalise(c)))
            .unwrap_or(default);
        let (explicit_id, text) = match lessons::parse_item(item.content) {
            Some((id, text)) if item.more.is_empty() => (Some(id), text),
            Some((id, text)) => {
                let more: Vec<&str> = item.more.iter().map(String::as_str).collect();
                (
                    Some(id),
                    format!("{text}\n{}", crate::lines::join_trimmed(&more)),
                )
            }
            None => (None, item.text()),
        };
        if text.is_empty() && explicit_id.is_none() {
            continue;
        }
        draft.lessons.push(Part {
            explicit_id,
            value: Lesson { id: 0, kind, text },
            line: item.line,
        });
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    if !counts.is_empty() {
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {}", k.heading().to_lowercase()))
            .collect();
        report
            .recognised
            .push(format!("lessons: {}", parts.join(", ")));
    }
    w.leftover
}

pub(crate) fn action_items<'a>(
    sec: &Section<'a>,
    draft: &mut Draft,
    report: &mut Report,
) -> Lines<'a> {
    let first_new = draft.actions.len();
    let s = scan(&sec.body, actions::ACTION_HEADER, |cells, line| {
        let action = actions::parse_action(cells)?;
        draft.actions.push(Part {
            explicit_id: Some(action.id),
            value: action,
            line,
        });
        Ok(())
    });
    report.warnings.extend(s.warnings);
    let mut found = s.rows;
    let (rest, from_tables) = foreign_tables::actions(&s.rest, draft, report);
    found += from_tables;
    let w = walk(&rest, false, &|_| false);
    for item in &w.items {
        let text = item.text();
        if text.is_empty() {
            continue;
        }
        draft.actions.push(Part {
            explicit_id: None,
            value: action_from_text(&text),
            line: item.line,
        });
        found += 1;
    }
    if found > 0 {
        let owned = draft.actions[first_new..]
            .iter()
            .filter(|a| a.value.owner.is_some())
            .count();
        report
            .recognised
            .push(format!("action items: {found} ({owned} with an owner)"));
    }
    let mut left = s.kept_rows;
    left.extend(w.leftover);
    left
}

pub(crate) fn participants<'a>(
    sec: &Section<'a>,
    out: &mut Vec<Participant>,
    report: &mut Report,
) -> Lines<'a> {
    let w = walk(&sec.body, false, &|_| false);
    let mut left = w.leftover;
    let before = out.len();
    for item in &w.items {
        let name = item.text();
        let looks_like_a_name =
            !name.contains('\n') && name.chars().count() <= 80 && !name.is_empty();
        if !looks_like_a_name {
            left.extend(&item.raw);
            continue;
        }
        let name = name.trim_start_matches('@').to_string();
        if !out.iter().any(|p| p.name == name) {
            out.push(Participant { name, role: None });
        }
    }
    if out.len() > before {
        report
            .recognised
            .push(format!("participants: {}", out.len() - before));
    }
    left
}

/// Sections that only our own format writes: evidence, log patterns, comments.
pub(crate) fn own_only<'a>(
    sec: &Section<'a>,
    role: Role,
    draft: &mut Draft,
    report: &mut Report,
) -> Lines<'a> {
    let s = match role {
        Role::Evidence => scan(&sec.body, evidence::EVIDENCE_HEADER, |cells, line| {
            let e = evidence::parse_evidence(cells)?;
            draft.evidence.push(Part {
                explicit_id: Some(e.id),
                value: e,
                line,
            });
            Ok(())
        }),
        Role::LogPatterns => scan(&sec.body, evidence::PATTERN_HEADER, |cells, line| {
            draft
                .log_templates
                .push((evidence::parse_pattern(cells)?, line));
            Ok(())
        }),
        _ => scan(&sec.body, actions::COMMENT_HEADER, |cells, line| {
            let c = actions::parse_comment(cells)?;
            draft.comments.push(Part {
                explicit_id: Some(c.id),
                value: c,
                line,
            });
            Ok(())
        }),
    };
    report.warnings.extend(s.warnings);
    if s.rows > 0 {
        report
            .recognised
            .push(format!("{}: {}", role.name(), s.rows));
    }
    let mut left = s.kept_rows;
    left.extend(s.rest.into_iter().map(|(_, l)| l));
    left
}

pub(crate) fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}
