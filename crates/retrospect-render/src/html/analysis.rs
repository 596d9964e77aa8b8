//! Steps 2 to 4 (causes, lessons, actions) and the discussion and free notes.

use std::fmt::Write;

use retrospect_domain::{EnumName, LessonKind, PostMortem};

use super::{figure, paragraph, table};
use crate::cause_tree::preorder;
use crate::escape::escape_xml as esc;
use crate::markdown::markdown_to_safe_html_nested;
use crate::time_fmt::utc_datetime;

pub(super) fn causes_section(pm: &PostMortem) -> String {
    if pm.causes.is_empty() {
        return "<p class=\"muted\">No causes recorded yet.</p>\n".to_string();
    }
    let mut out = String::new();
    out.push_str(&figure(
        "5 Whys tree",
        &crate::whys_tree_svg(pm),
        "The 5 Whys as a tree: each box answers \u{201c}why?\u{201d} about the box to its left.",
    ));
    out.push_str(&figure(
        "Fishbone diagram",
        &crate::fishbone_svg(pm),
        "The same causes as a fishbone (Ishikawa) diagram, grouped by category; whys hang under the cause they explain.",
    ));
    out.push_str("<h3>Causes as a list</h3>\n");
    out.push_str(&cause_list(pm));
    out
}

/// The cause tree as nested lists, the text alternative to both pictures.
fn cause_list(pm: &PostMortem) -> String {
    let nodes = preorder(&pm.causes);
    let mut out = String::from("<ul class=\"causes\">\n");
    let mut depth = 1;
    for (i, n) in nodes.iter().enumerate() {
        while depth < n.depth {
            out.push_str("<ul>\n");
            depth += 1;
        }
        while depth > n.depth {
            out.push_str("</li>\n</ul>\n");
            depth -= 1;
        }
        if i > 0 && nodes[i - 1].depth >= n.depth {
            out.push_str("</li>\n");
        }
        let c = n.cause;
        let _ = write!(
            out,
            "<li id=\"cause-{}\"><span class=\"id\">C{}</span> ",
            c.id, c.id
        );
        if let Some(cat) = c.category.as_deref().filter(|c| !c.trim().is_empty()) {
            let _ = write!(out, "<span class=\"tag\">{}</span> ", esc(cat));
        }
        out.push_str(&esc(&c.text));
        let cites: Vec<String> = c
            .timeline_refs
            .iter()
            .map(|t| format!("<a href=\"#entry-{t}\">T{t}</a>"))
            .chain(
                c.evidence_refs
                    .iter()
                    .map(|e| format!("<a href=\"#evidence-{e}\">E{e}</a>")),
            )
            .collect();
        if !cites.is_empty() {
            let _ = write!(
                out,
                " <span class=\"muted\">(supported by {})</span>",
                cites.join(", ")
            );
        }
    }
    out.push_str("</li>\n");
    while depth > 1 {
        out.push_str("</ul>\n</li>\n");
        depth -= 1;
    }
    out.push_str("</ul>\n");
    out
}

pub(super) fn lessons_section(pm: &PostMortem) -> String {
    if pm.lessons.is_empty() {
        return "<p class=\"muted\">No lessons recorded yet.</p>\n".to_string();
    }
    let mut out = String::new();
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
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(kind.heading()));
        for l in items {
            let _ = writeln!(
                out,
                "<li id=\"lesson-{}\"><span class=\"id\">L{}</span> {}</li>",
                l.id,
                l.id,
                esc(&l.text)
            );
        }
        out.push_str("</ul>\n");
    }
    out
}

pub(super) fn actions_section(pm: &PostMortem) -> String {
    if pm.actions.is_empty() {
        return "<p class=\"muted\">No actions recorded yet.</p>\n".to_string();
    }
    let dash = || "<span class=\"muted\">\u{2014}</span>".to_string();
    let rows: Vec<(Option<String>, Vec<String>)> = pm
        .actions
        .iter()
        .map(|a| {
            let causes: Vec<String> = a
                .causes
                .iter()
                .map(|c| format!("<a href=\"#cause-{c}\">C{c}</a>"))
                .collect();
            let review = match (a.review_date, a.effectiveness) {
                (_, Some(e)) => esc(e.name()),
                (Some(d), None) => format!("due {}", esc(&d.to_string())),
                (None, None) => dash(),
            };
            (
                Some(format!("action-{}", a.id)),
                vec![
                    format!("<span class=\"id\">A{}</span>", a.id),
                    esc(&a.text),
                    esc(a.kind.name()),
                    a.owner
                        .as_deref()
                        .map(esc)
                        .unwrap_or_else(|| "<span class=\"muted\">no owner yet</span>".into()),
                    a.due
                        .map(|d| format!("<span class=\"nowrap\">{}</span>", esc(&d.to_string())))
                        .unwrap_or_else(dash),
                    esc(a.status.name()),
                    a.success_criterion.as_deref().map(esc).unwrap_or_else(dash),
                    if causes.is_empty() {
                        dash()
                    } else {
                        causes.join(", ")
                    },
                    review,
                ],
            )
        })
        .collect();
    table(
        "Actions, each with one owner, a due date and how we will know it worked",
        &[
            "ID",
            "Action",
            "Type",
            "Owner",
            "Due",
            "Status",
            "How we will know it worked",
            "Addresses",
            "Effectiveness review",
        ],
        &rows,
    )
}

pub(super) fn comments_section(pm: &PostMortem) -> String {
    let mut comments: Vec<_> = pm.comments.iter().collect();
    comments.sort_by_key(|c| (c.at, c.id));
    let mut out = String::new();
    for c in comments {
        let on = c.on.map(|p| {
            let anchor = match p {
                retrospect_domain::PartRef::Entry(id) => format!("entry-{id}"),
                retrospect_domain::PartRef::Cause(id) => format!("cause-{id}"),
                retrospect_domain::PartRef::Action(id) => format!("action-{id}"),
                retrospect_domain::PartRef::Lesson(id) => format!("lesson-{id}"),
                retrospect_domain::PartRef::Evidence(id) => format!("evidence-{id}"),
            };
            format!(" \u{b7} on <a href=\"#{anchor}\">{p}</a>")
        });
        let _ = write!(
            out,
            "<article class=\"comment\">\n<h3>{} <span class=\"muted\">\u{b7} {}{}</span></h3>\n<div class=\"markdown\">\n{}</div>\n</article>\n",
            esc(&c.author),
            esc(&utc_datetime(c.at)),
            on.unwrap_or_default(),
            markdown_to_safe_html_nested(&c.text, 4)
        );
    }
    out
}

pub(super) fn free_sections(pm: &PostMortem) -> String {
    let mut out = String::new();
    for s in &pm.sections {
        let heading = if s.heading.trim().is_empty() {
            "Notes"
        } else {
            s.heading.trim()
        };
        let _ = writeln!(out, "<h3>{}</h3>", esc(heading));
        if s.body.trim().is_empty() {
            out.push_str(&paragraph("(empty)"));
        } else {
            let _ = write!(
                out,
                "<div class=\"markdown\">\n{}</div>\n",
                markdown_to_safe_html_nested(&s.body, 4)
            );
        }
    }
    out
}
