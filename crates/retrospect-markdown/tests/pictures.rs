//! An export with pictures reads back to the same post-mortem: the Pictures
//! section is recognised as generated and left out, while a Pictures section
//! that someone wrote in is kept as they wrote it.

mod common;

use proptest::prelude::*;
use retrospect_domain::{Cause, FreeSection, Kind, PostMortem, Timestamp};
use retrospect_markdown::{Picture, from_markdown_at, to_markdown, to_markdown_with_pictures};

fn picture(alt: &str, path: &str) -> Picture {
    Picture {
        alt: alt.into(),
        path: path.into(),
    }
}

fn sample() -> PostMortem {
    let mut pm = PostMortem::new("Checkout errors", Kind::Incident, Timestamp::UNIX_EPOCH)
        .expect("a valid title");
    pm.summary = "One checkout in five failed.".into();
    pm.causes.push(Cause {
        id: 1,
        parent: None,
        text: "The gateway refused connections".into(),
        category: Some("Equipment/Tools".into()),
        timeline_refs: Vec::new(),
        evidence_refs: Vec::new(),
    });
    pm.sections.push(FreeSection {
        heading: "Supporting information".into(),
        body: "- Dashboard".into(),
    });
    pm
}

fn read(text: &str) -> retrospect_markdown::MarkdownImport {
    from_markdown_at(text, Timestamp::UNIX_EPOCH, None)
        .unwrap_or_else(|e| panic!("{e}\n---\n{text}"))
}

#[test]
fn pictures_follow_the_causes_and_are_left_out_on_import() {
    let pm = sample();
    let pictures = [
        picture("Timeline of Checkout errors", "pm-timeline.svg"),
        picture("Fishbone diagram of Checkout errors", "pm-fishbone.svg"),
    ];
    let with = to_markdown_with_pictures(&pm, &pictures);
    let plain = to_markdown(&pm);
    assert!(with.contains(
        "## Root causes\n\n- **C1** (Equipment/Tools): The gateway refused connections\n\n\
         ## Pictures\n\n![Timeline of Checkout errors](pm-timeline.svg)\n\n\
         ![Fishbone diagram of Checkout errors](pm-fishbone.svg)\n\n<!-- retrospect:free-sections"
    ));

    let imported = read(&with);
    assert_eq!(imported.postmortem, pm);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert!(
        imported
            .recognised
            .iter()
            .any(|r| r.starts_with("pictures: 2 (")),
        "{:?}",
        imported.recognised
    );
    assert_eq!(to_markdown(&imported.postmortem), plain);
}

#[test]
fn no_pictures_is_the_plain_export() {
    let pm = sample();
    assert_eq!(to_markdown_with_pictures(&pm, &[]), to_markdown(&pm));
}

#[test]
fn a_pictures_section_someone_wrote_in_is_kept() {
    let pm = sample();
    let with = to_markdown_with_pictures(&pm, &[picture("Timeline", "pm-timeline.svg")]);
    let edited = with.replace(
        "![Timeline](pm-timeline.svg)\n",
        "![Timeline](pm-timeline.svg)\n\nThe gap at 15:05 is the failover.\n",
    );
    assert_ne!(edited, with);
    let imported = read(&edited);
    let kept = imported
        .postmortem
        .sections
        .iter()
        .find(|s| s.heading == "Pictures")
        .expect("the edited Pictures section is kept");
    assert_eq!(
        kept.body,
        "![Timeline](pm-timeline.svg)\n\nThe gap at 15:05 is the failover."
    );
    assert!(
        !imported
            .recognised
            .iter()
            .any(|r| r.starts_with("pictures")),
        "{:?}",
        imported.recognised
    );
    // Everything else still reads back as it was.
    let mut without = imported.postmortem.clone();
    without.sections.retain(|s| s.heading != "Pictures");
    assert_eq!(without, pm);
}

#[test]
fn pictures_in_documents_written_elsewhere_are_kept() {
    let doc =
        "# Outage\n\n## Summary\n\nIt broke.\n\n## Pictures\n\n![Our whiteboard](board.png)\n";
    let imported = read(doc);
    let kept = imported
        .postmortem
        .sections
        .iter()
        .find(|s| s.heading == "Pictures")
        .expect("a foreign Pictures section is someone's writing");
    assert_eq!(kept.body, "![Our whiteboard](board.png)");
}

#[test]
fn a_free_section_called_pictures_stays_free() {
    let mut pm = sample();
    pm.sections.push(FreeSection {
        heading: "Pictures".into(),
        body: "![Our whiteboard](board.png)".into(),
    });
    let with = to_markdown_with_pictures(&pm, &[picture("Fishbone", "pm-fishbone.svg")]);
    let imported = read(&with);
    assert_eq!(imported.postmortem, pm);
    assert_eq!(to_markdown(&imported.postmortem), to_markdown(&pm));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any post-mortem with any pictures reads back to the same post-mortem,
    /// whose plain export is the plain export of the original.
    #[test]
    fn an_export_with_pictures_round_trips(
        pm in common::postmortem(),
        pictures in prop::collection::vec((common::text(), common::text()), 1..4),
    ) {
        let pictures: Vec<Picture> = pictures
            .into_iter()
            .map(|(alt, path)| Picture { alt, path })
            .collect();
        let markdown = to_markdown_with_pictures(&pm, &pictures);
        let imported = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None)
            .map_err(|e| TestCaseError::fail(format!("{e}\n---\n{markdown}")))?;
        prop_assert_eq!(&imported.postmortem, &pm, "markdown was:\n{}", markdown);
        prop_assert!(imported.warnings.is_empty(), "warnings: {:?}\n{}", imported.warnings, markdown);
        prop_assert_eq!(to_markdown(&imported.postmortem), to_markdown(&pm));
    }
}
