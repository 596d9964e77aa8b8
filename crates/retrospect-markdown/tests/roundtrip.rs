//! Export then import is lossless: for any valid post-mortem, reading back
//! what `to_markdown` wrote gives an equal post-mortem, and writing that again
//! gives the same bytes.

mod common;

use proptest::prelude::*;
use retrospect_domain::Timestamp;
use retrospect_markdown::{from_markdown_at, to_markdown};

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_round_trip_is_lossless(pm in common::postmortem()) {
        let markdown = to_markdown(&pm);
        let imported = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None)
            .map_err(|e| TestCaseError::fail(format!("{e}\n---\n{markdown}")))?;
        prop_assert_eq!(&imported.postmortem, &pm, "markdown was:\n{}", markdown);
        prop_assert!(imported.warnings.is_empty(), "warnings: {:?}\n{}", imported.warnings, markdown);
        prop_assert_eq!(to_markdown(&imported.postmortem), markdown);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever a document in another shape imports as, exporting it and
    /// reading it back gives the same post-mortem, and the same bytes again.
    #[test]
    fn any_imported_document_round_trips(lines in prop::collection::vec(document_line(), 0..30)) {
        let doc = lines.join("\n");
        let Ok(first) = from_markdown_at(&doc, Timestamp::UNIX_EPOCH, None) else { return Ok(()) };
        let markdown = to_markdown(&first.postmortem);
        let again = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None)
            .map_err(|e| TestCaseError::fail(format!("{e}\n--- from ---\n{doc}\n--- exported ---\n{markdown}")))?;
        prop_assert_eq!(&again.postmortem, &first.postmortem, "from:\n{}\nexported:\n{}", doc, markdown);
        prop_assert_eq!(to_markdown(&again.postmortem), markdown);
    }
}

/// Lines shaped like the post-mortems people write, with awkward text mixed in.
fn document_line() -> impl Strategy<Value = String> {
    let heading = prop::sample::select(vec![
        "# Outage",
        "## Summary",
        "## Impact",
        "### Timeline",
        "## Timeline (PDT)",
        "## Root causes",
        "## Contributing factors",
        "## Lessons learned",
        "### What went well",
        "### What went wrong",
        "## Action items",
        "## Follow-ups",
        "## Responders",
        "## Background",
        "### 2021-07-02",
        "### 2021-06-03 9:00",
        "## Resolution",
        "#",
        "##",
    ])
    .prop_map(String::from);
    let item = (
        prop::sample::select(vec![
            "- ", "* ", "  - ", "    - ", "1. ", "- [ ] ", "- [x] ",
        ]),
        common::text(),
    )
        .prop_map(|(m, t)| format!("{m}{t}"));
    let timed = (
        prop::sample::select(vec!["- ", "* ", "", "| "]),
        prop::sample::select(vec![
            "14:02",
            "23:58",
            "00:10",
            "2021-07-02 07:32",
            "**09:45**",
            "7:09 AM",
            "2020-09-02T14:02:00Z",
        ]),
        prop::sample::select(vec!["", " UTC", " PDT", " (EDT)", " UTC+2", " Pacific"]),
        prop::sample::select(vec![": ", " - ", " ", " | "]),
        common::text(),
    )
        .prop_map(|(m, t, z, s, text)| format!("{m}{t}{z}{s}{text}"));
    let table = prop::sample::select(vec![
        "| Time | Who | What |",
        "|---|---|---|",
        "| Action | Owner | Due |",
        "| a | b |",
        "| 08:00 | Sam | paged |",
    ])
    .prop_map(String::from);
    let front = prop::sample::select(vec![
        "---",
        "title: x",
        "tags: [a, b]",
        "start_time: 2021-07-02T07:00:00Z",
        "summary: s",
        "+++",
        "title = \"t\"",
    ])
    .prop_map(String::from);
    prop_oneof![3 => common::text(), 2 => heading, 2 => item, 2 => timed, 1 => table, 1 => front, 1 => Just(String::new())]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A file whose line endings were changed to CRLF (a Windows checkout)
    /// reads back to the same post-mortem.
    #[test]
    fn crlf_line_endings_read_the_same(pm in common::postmortem()) {
        let crlf = to_markdown(&pm).replace('\n', "\r\n");
        let imported = from_markdown_at(&crlf, Timestamp::UNIX_EPOCH, None)
            .map_err(|e| TestCaseError::fail(format!("{e}\n---\n{crlf}")))?;
        prop_assert_eq!(&imported.postmortem, &pm);
    }
}
