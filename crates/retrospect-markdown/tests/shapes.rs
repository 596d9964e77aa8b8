//! Shapes of post-mortem that people write by hand, each in a small document:
//! heading synonyms at any level, timeline tables and lists, dates in
//! headings, stated zones, action items with owners, nested causes.

use retrospect_domain::{ActionKind, ActionStatus, Date, LessonKind, Timestamp};
use retrospect_markdown::{from_markdown_at, timeline_from_text, to_markdown};

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn read(text: &str) -> retrospect_markdown::MarkdownImport {
    from_markdown_at(text, Timestamp::UNIX_EPOCH, None).unwrap()
}

#[test]
fn a_timeline_table_with_dates_and_times() {
    let doc = "# Payments outage\n\n## TL;DR\n\nCard payments failed for 40 minutes.\n\n\
               ### Timeline of events\n\nAll times are Pacific.\n\n\
               | Time | Who | What happened |\n|---|---|---|\n\
               | 2021-07-02 07:32 | Dana | Deploy 4.2 starts |\n\
               | 07:45 | Lee | Error rate alert fires |\n\
               | 08:12 | | Rollback complete |\n";
    let import = read(doc);
    let pm = &import.postmortem;
    assert_eq!(pm.title, "Payments outage");
    assert_eq!(pm.summary, "Card payments failed for 40 minutes.");
    assert_eq!(pm.timeline.len(), 3);
    assert_eq!(pm.timeline[0].at, at("2021-07-02T14:32:00Z"));
    assert_eq!(pm.timeline[0].actor.as_deref(), Some("Dana"));
    assert_eq!(pm.timeline[0].text, "Deploy 4.2 starts");
    assert_eq!(pm.timeline[1].at, at("2021-07-02T14:45:00Z"));
    assert_eq!(pm.timeline[2].zone.as_deref(), Some("America/Los_Angeles"));
    assert!(
        import
            .recognised
            .contains(&"timeline: 3 entries (times in America/Los_Angeles)".to_string()),
        "{:?}",
        import.recognised
    );
}

#[test]
fn list_timelines_in_several_spellings() {
    let doc = "## Detailed timeline (PDT)\n\n### On July 2nd, 2021\n\n\
               - 23:50: deploy starts\n\
               * **23:58** - alerts fire\n\
               - 00:10 UTC+2: a colleague in Berlin joins\n\
               - 00:20: rollback\n\n\
               2021-07-05 14:02: follow-up review\n";
    let pm = read(doc).postmortem;
    let find = |s: &str| {
        pm.timeline
            .iter()
            .find(|t| t.text.starts_with(s))
            .unwrap_or_else(|| panic!("{s}: {:#?}", pm.timeline))
    };
    assert_eq!(find("deploy starts").at, at("2021-07-03T06:50:00Z"));
    assert_eq!(find("alerts fire").at, at("2021-07-03T06:58:00Z"));
    // Its own zone; still after midnight local, so on the 3rd.
    let berlin = find("a colleague in Berlin joins");
    assert_eq!(
        (berlin.at, berlin.zone.as_deref()),
        (at("2021-07-02T22:10:00Z"), Some("+02:00"))
    );
    assert_eq!(find("rollback").at, at("2021-07-03T07:20:00Z"));
    assert_eq!(find("follow-up review").at, at("2021-07-05T21:02:00Z"));
}

#[test]
fn action_items_with_owners_in_lists_and_tables() {
    let doc = "# x\n\n## Follow-ups\n\n\
               - [ ] Add an alert on disk usage above 90% (@alice, due 2024-05-01)\n\
               - [x] Write the runbook for restoring backups. Owner: Bob Smith\n\n\
               ## Corrective actions\n\n\
               | Task | Assignee | Due date | Status | Priority |\n|---|---|---|---|---|\n\
               | Rate-limit uploads per user | carol | 2024-06-30 | in progress | high |\n";
    let import = read(doc);
    let a = &import.postmortem.actions;
    assert_eq!(a.len(), 3);
    assert_eq!(
        (a[0].owner.as_deref(), a[0].due, a[0].status, a[0].kind),
        (
            Some("alice"),
            Some(Date::constant(2024, 5, 1)),
            ActionStatus::Open,
            ActionKind::Detect
        )
    );
    assert_eq!(
        a[0].text,
        "Add an alert on disk usage above 90% (@alice, due 2024-05-01)"
    );
    assert_eq!(
        (a[1].owner.as_deref(), a[1].status, a[1].kind),
        (Some("Bob Smith"), ActionStatus::Done, ActionKind::Process)
    );
    assert_eq!(
        (a[2].owner.as_deref(), a[2].due, a[2].status),
        (
            Some("carol"),
            Some(Date::constant(2024, 6, 30)),
            ActionStatus::InProgress
        )
    );
    // A column with no field of its own stays in the text.
    assert_eq!(a[2].text, "Rate-limit uploads per user\nPriority: high");
}

#[test]
fn nested_contributing_factors_become_a_tree_and_prose_is_kept() {
    let doc = "# x\n\n## Contributing factors\n\nWe asked why five times.\n\n\
               - The disk filled up\n  - Nothing purged the temporary directory\n    - The purge job was never configured for it\n  - No alert on disk usage\n\n\
               ## Where we got lucky\n\n- Two people with access were online\n\n\
               ## Background\n\nSome history.\n\n### Details\n\nMore.\n";
    let import = read(doc);
    let pm = &import.postmortem;
    let texts: Vec<(&str, Option<u32>)> = pm
        .causes
        .iter()
        .map(|c| (c.text.as_str(), c.parent))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("The disk filled up", None),
            ("Nothing purged the temporary directory", Some(1)),
            ("The purge job was never configured for it", Some(2)),
            ("No alert on disk usage", Some(1)),
        ]
    );
    assert_eq!(pm.lessons.len(), 1);
    assert_eq!(pm.lessons[0].kind, LessonKind::Lucky);
    let headings: Vec<(&str, &str)> = pm
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.body.as_str()))
        .collect();
    assert_eq!(
        headings,
        vec![
            ("Contributing factors", "We asked why five times."),
            ("Background", "Some history.\n\n### Details\n\nMore.")
        ]
    );
}

#[test]
fn no_text_is_dropped_from_an_unrecognised_document() {
    let doc = "Just some notes, no headings.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n## not a heading\n```\n";
    let import = read(doc);
    let pm = &import.postmortem;
    assert_eq!(pm.summary, doc.trim_end());
    assert_eq!(pm.title, "Just some notes, no headings");
    let again = read(&to_markdown(pm)).postmortem;
    assert_eq!(&again, pm);
}

#[test]
fn times_without_a_zone_use_the_default_zone_or_utc_with_a_warning() {
    let doc = "# x\n\n## Timeline\n\n### 2024-03-05\n\n- 14:02 deploy\n";
    let utc = from_markdown_at(doc, Timestamp::UNIX_EPOCH, None).unwrap();
    assert_eq!(utc.postmortem.timeline[0].at, at("2024-03-05T14:02:00Z"));
    assert_eq!(utc.postmortem.timeline[0].zone, None);
    assert!(
        utc.warnings.iter().any(|w| w.contains("read as UTC")),
        "{:?}",
        utc.warnings
    );
    let berlin = from_markdown_at(doc, Timestamp::UNIX_EPOCH, Some("Europe/Berlin")).unwrap();
    assert_eq!(berlin.postmortem.timeline[0].at, at("2024-03-05T13:02:00Z"));
    assert!(berlin.warnings.is_empty());
}

#[test]
fn times_with_no_date_anywhere_are_kept_as_text() {
    let doc = "# Outage\n\n## Timeline\n\n- 14:02 deploy\n- 14:10 rollback\n";
    let import = read(doc);
    assert!(import.postmortem.timeline.is_empty());
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.starts_with("line 5: '- 14:02 deploy' has a time but no date")),
        "{:?}",
        import.warnings
    );
    let kept = &import.postmortem.sections[0];
    assert_eq!(
        (kept.heading.as_str(), kept.body.as_str()),
        ("Timeline", "- 14:02 deploy\n- 14:10 rollback")
    );
}

#[test]
fn timeline_from_text_reads_a_plain_document() {
    let text = "Notes from the call (all times UTC)\n\n2020-09-02 14:02: pager fires\n14:05 - Sam acknowledges\n";
    let entries = timeline_from_text(text, None, None);
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0].at, entries[0].line),
        (at("2020-09-02T14:02:00Z"), 3)
    );
    assert_eq!(
        (entries[1].at, entries[1].text.as_str()),
        (at("2020-09-02T14:05:00Z"), "Sam acknowledges")
    );
    let with_reference = timeline_from_text(
        "- 09:00 standup",
        Some("PST"),
        Some(Date::constant(2024, 1, 10)),
    );
    assert_eq!(with_reference[0].at, at("2024-01-10T17:00:00Z"));
    assert_eq!(
        with_reference[0].zone.as_deref(),
        Some("America/Los_Angeles")
    );
}

#[test]
fn a_top_level_section_heading_is_not_taken_for_the_title() {
    let import = read(
        "# Summary\n\nThe queue stalled for an hour.\n\n# Action items\n\n- Alert on queue age\n",
    );
    let pm = &import.postmortem;
    assert_eq!(pm.summary, "The queue stalled for an hour.");
    assert_eq!(pm.title, "The queue stalled for an hour");
    assert_eq!(pm.actions.len(), 1);
    assert!(
        import.warnings.iter().any(|w| w.contains("no title")),
        "{:?}",
        import.warnings
    );
}
