//! The JSON export: lossless, in an envelope, and strict about what it reads.

mod common;

use proptest::prelude::*;
use retrospect_domain::{Kind, PostMortem, Timestamp};
use retrospect_markdown::{ImportErrorKind, from_json, to_json};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn json_round_trip_is_lossless(pm in common::postmortem()) {
        let json = to_json(&pm);
        let back = from_json("pm.json", json.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &pm);
        prop_assert_eq!(to_json(&back), json);
    }
}

fn sample() -> PostMortem {
    let mut pm = PostMortem::new("Checkout outage", Kind::Incident, Timestamp::UNIX_EPOCH).unwrap();
    pm.add_cause(None, "The deploy skipped the canary", Some("process"))
        .unwrap();
    pm
}

#[test]
fn the_envelope_names_the_format_first() {
    let json = to_json(&sample());
    assert!(
        json.starts_with("{\n  \"format\": \"retrospect/1\",\n"),
        "{json}"
    );
}

#[test]
fn a_bare_post_mortem_without_the_envelope_is_accepted() {
    let bare = serde_json::to_string(&sample()).unwrap();
    assert_eq!(from_json("bare.json", bare.as_bytes()).unwrap(), sample());
}

#[test]
fn malformed_json_names_the_file_line_and_column() {
    let text = "{\n  \"format\": \"retrospect/1\",\n  \"title\": \"x\",\n  \"kind\": incident\n}";
    let err = from_json("broken.json", text.as_bytes()).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Json);
    assert_eq!((err.line, err.column), (Some(4), Some(11)));
    assert!(
        err.to_string()
            .starts_with("broken.json:4:11: the JSON is malformed"),
        "{err}"
    );
}

#[test]
fn a_missing_field_is_explained() {
    let err = from_json("x.json", br#"{"title": "x"}"#).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Json);
    assert!(err.message.contains("created_at"), "{err}");
}

#[test]
fn a_newer_format_is_refused_clearly() {
    let json = to_json(&sample()).replace("retrospect/1", "retrospect/2");
    let err = from_json("new.json", json.as_bytes()).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::UnsupportedFormat);
    assert!(err.message.contains("retrospect/2"));
}

#[test]
fn a_broken_reference_is_refused() {
    let mut pm = sample();
    pm.causes[0].timeline_refs.push(7);
    let err = from_json("bad.json", to_json(&pm).as_bytes()).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Invalid);
    assert!(err.to_string().starts_with("bad.json: "), "{err}");
    assert!(err.message.contains("T7"), "{err}");
}

#[test]
fn a_cause_loop_is_refused() {
    let mut pm = sample();
    pm.add_cause(Some(1), "why", None).unwrap();
    pm.causes[0].parent = Some(2);
    let err = from_json("loop.json", to_json(&pm).as_bytes()).unwrap_err();
    assert_eq!(err.kind, ImportErrorKind::Invalid);
}

#[test]
fn bytes_are_checked_before_parsing() {
    assert_eq!(
        from_json("e.json", b"").unwrap_err().kind,
        ImportErrorKind::Empty
    );
    assert_eq!(
        from_json("b.json", b"{\0}").unwrap_err().kind,
        ImportErrorKind::Binary
    );
    assert_eq!(
        from_json("u.json", b"{\"title\": \"\xff\"}")
            .unwrap_err()
            .kind,
        ImportErrorKind::InvalidUtf8
    );
}
