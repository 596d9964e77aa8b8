//! The complete example in docs/format.md is what the exporter writes, and it
//! reads back without a warning.

use retrospect_domain::{MomentKind, Timestamp};
use retrospect_markdown::{from_markdown_at, to_markdown};

fn documented_example() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/format.md");
    let doc = std::fs::read_to_string(path).expect("docs/format.md is part of the repository");
    let start = doc.find("````markdown\n").expect("the example block") + "````markdown\n".len();
    let end = start
        + doc[start..]
            .find("\n````")
            .expect("the end of the example block");
    format!("{}\n", &doc[start..end])
}

#[test]
fn the_documented_example_round_trips_exactly() {
    let example = documented_example();
    let import = from_markdown_at(&example, Timestamp::UNIX_EPOCH, None).unwrap();
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
    let pm = &import.postmortem;
    assert_eq!(pm.id, 42);
    assert_eq!(pm.timeline.len(), 5);
    assert_eq!(pm.causes.len(), 4);
    assert_eq!(pm.causes[3].parent, Some(2));
    assert_eq!(pm.durations().time_to_resolve_seconds, Some(43 * 60));
    assert_eq!(
        pm.moment(&MomentKind::Detected).unwrap().zone.as_deref(),
        Some("Europe/Berlin")
    );
    assert_eq!(
        pm.timeline[1].text,
        "First 'upstream refused connection' errors | pool 64 of 64"
    );
    assert_eq!(to_markdown(pm), example);
}
