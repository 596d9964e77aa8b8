mod common;

use common::{Tag, assert_inert, attr, samples, start_tags};
use retrospect_domain::{FreeSection, KeyMoment, MomentKind, Participant, PostMortem};
use retrospect_render::{HtmlOptions, html_document};

#[test]
fn snapshot_of_the_complete_export() {
    let html = html_document(&samples::complete(), &HtmlOptions::default());
    common::assert_snapshot("postmortem.html", &html);
}

#[test]
fn every_step_is_there() {
    let html = html_document(&samples::complete(), &HtmlOptions::default());
    for needle in [
        "<h2 id=\"event-h\">1. The event</h2>",
        "Time to detect",
        "15m 00s",
        "55m 00s",
        "1h 37m",
        "<h3>Timeline</h3>",
        "aria-labelledby=\"timeline-7-title timeline-7-desc\"",
        "<h2 id=\"causes-h\">2. Causes</h2>",
        "aria-labelledby=\"whys-7-title whys-7-desc\"",
        "aria-labelledby=\"fishbone-7-title fishbone-7-desc\"",
        "<h2 id=\"lessons-h\">3. Lessons</h2>",
        "What went well",
        "<h2 id=\"actions-h\">4. Action plan</h2>",
        "A skipped stage pages the owning team",
        "<h2 id=\"discussion-h\">Discussion</h2>",
        "<h2 id=\"notes-h\">Additional notes</h2>",
        "<h4>Raw notes</h4>",
        "rel=\"noopener noreferrer\"",
        "not a performance evaluation",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn structure_is_accessible() {
    let html = html_document(&samples::complete(), &HtmlOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let tags = start_tags(&html);
    assert_eq!(tags.iter().filter(|t| t.name == "h1").count(), 1);
    // Heading levels never skip one on the way down.
    let mut level = 0;
    for t in tags
        .iter()
        .filter(|t| t.name.len() == 2 && t.name.starts_with('h'))
    {
        let l: i32 = t.name[1..].parse().unwrap_or(0);
        if l == 0 {
            continue;
        }
        assert!(l <= level + 1, "<{}> follows <h{level}>", t.name);
        level = l;
    }
    // Tables have captions and column headers with scope.
    // (Tables written in Markdown by people have no caption to give.)
    let markdown_tables = html.matches("<table>\n<thead>").count();
    assert_eq!(markdown_tables, 1);
    assert_eq!(
        tags.iter().filter(|t| t.name == "table").count(),
        tags.iter().filter(|t| t.name == "caption").count() + markdown_tables
    );
    assert!(
        tags.iter()
            .filter(|t| t.name == "th")
            .all(|t| attr(t, "scope") == Some("col"))
    );
    // Pictures are images with a title and description that exist.
    let ids: Vec<&str> = tags.iter().filter_map(|t| attr(t, "id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    let svgs: Vec<&Tag> = tags.iter().filter(|t| t.name == "svg").collect();
    assert_eq!(svgs.len(), 3);
    for svg in svgs {
        assert_eq!(attr(svg, "role"), Some("img"));
        for id in attr(svg, "aria-labelledby").unwrap_or("").split(' ') {
            assert!(ids.contains(&id), "missing {id}");
        }
    }
    // Internal links point at something.
    for a in tags.iter().filter(|t| t.name == "a") {
        if let Some(target) = attr(a, "href").and_then(|h| h.strip_prefix('#')) {
            assert!(ids.contains(&target), "dangling link #{target}");
        }
    }
    assert_inert(&html);
}

#[test]
fn print_stylesheet_breaks_pages_and_hides_navigation() {
    let html = html_document(&samples::complete(), &HtmlOptions::default());
    let print = &html[html.find("@media print").expect("print styles")..];
    assert!(print.contains("nav.toc, .skip { display: none; }"));
    assert!(print.contains("break-before: page"));
    assert!(print.contains("break-inside: avoid"));
}

#[test]
fn hidden_and_dismissed_entries_are_not_exported() {
    let pm = samples::with_timeline(40);
    let html = html_document(&pm, &HtmlOptions::default());
    for e in &pm.timeline {
        let row = format!("<tr id=\"entry-{}\">", e.id);
        let visible = !e.hidden && e.state != retrospect_domain::EntryState::Dismissed;
        assert_eq!(html.contains(&row), visible, "T{}", e.id);
    }
}

#[test]
fn pseudonymised_export_names_nobody() {
    let pm = samples::complete();
    let opts = HtmlOptions {
        pseudonymise: true,
        include_comments: true,
    };
    let html = html_document(&pm, &opts);
    for name in ["Alice", "Martin", "Bob", "Okafor", "Chen", "Wei"] {
        assert!(!html.contains(name), "{name} is still in the export");
    }
    assert!(html.contains("Person A (incident commander)"));
    assert!(html.contains("Person B found the flag"));
    assert!(html.contains("Names of people are replaced by pseudonyms"));
    // The same person has the same pseudonym everywhere.
    let again = html_document(&pm, &opts);
    assert_eq!(html, again);
}

#[test]
fn comments_can_be_left_out() {
    let pm = samples::complete();
    let html = html_document(
        &pm,
        &HtmlOptions {
            pseudonymise: false,
            include_comments: false,
        },
    );
    assert!(!html.contains("Discussion"));
    assert!(!html.contains("double-check the flag list"));
}

/// Puts hostile text into every text field of a post-mortem.
fn hostile(payload: &str) -> PostMortem {
    let mut pm = samples::complete();
    let p = payload.to_string();
    pm.title = p.clone();
    pm.summary = p.clone();
    pm.impact = p.clone();
    pm.author = Some(p.clone());
    pm.team = Some(p.clone());
    pm.participants.push(Participant {
        name: p.clone(),
        role: Some(p.clone()),
    });
    pm.tags.push(p.clone());
    pm.fishbone_categories.push(p.clone());
    pm.set_moment(KeyMoment {
        kind: MomentKind::Custom(p.clone()),
        at: samples::at(100),
        zone: Some(p.clone()),
        note: Some(p.clone()),
    });
    for e in &mut pm.evidence {
        e.name = p.clone();
        e.source = p.clone();
        e.checksum = p.clone();
    }
    for t in &mut pm.timeline {
        t.text = p.clone();
        t.source = p.clone();
        t.actor = Some(p.clone());
        t.zone = Some(p.clone());
        if let Some(r) = &mut t.evidence {
            r.position = Some(p.clone());
        }
    }
    for c in &mut pm.causes {
        c.text = p.clone();
        c.category = Some(p.clone());
    }
    for l in &mut pm.lessons {
        l.text = p.clone();
    }
    for a in &mut pm.actions {
        a.text = p.clone();
        a.owner = Some(p.clone());
        a.success_criterion = Some(p.clone());
    }
    for c in &mut pm.comments {
        c.author = p.clone();
        c.text = p.clone();
    }
    pm.sections.push(FreeSection {
        heading: p.clone(),
        body: p.clone(),
    });
    pm
}

#[test]
fn hostile_text_in_every_field_renders_inert() {
    for payload in common::HOSTILE.iter().chain(&[
        "[click](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "![img](x\" onerror=\"alert(1))",
        "<style>body{display:none}</style>",
        "<svg><script>alert(1)</script></svg>",
    ]) {
        for opts in [
            HtmlOptions::default(),
            HtmlOptions {
                pseudonymise: true,
                include_comments: true,
            },
        ] {
            let html = html_document(&hostile(payload), &opts);
            assert_inert(&html);
            assert_eq!(
                html.matches("<style>").count(),
                1,
                "only our own stylesheet"
            );
            assert!(!html.contains("<img"));
        }
    }
    let html = html_document(
        &hostile("<script>alert(1)</script>"),
        &HtmlOptions::default(),
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is shown, escaped"
    );
}
