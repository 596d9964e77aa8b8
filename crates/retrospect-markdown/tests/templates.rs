//! The built-in templates survive both file formats unchanged.

use retrospect_domain::{Kind, Timestamp};
use retrospect_markdown::{from_json, from_markdown_at, templates, to_json, to_markdown};

#[test]
fn built_in_templates_survive_markdown_and_json() {
    for name in templates::names() {
        let pm =
            templates::instantiate(name, "Checkout outage on 2024-03-05", Timestamp::UNIX_EPOCH)
                .unwrap();
        let markdown = to_markdown(&pm);
        let back = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None).unwrap();
        assert_eq!(back.postmortem, pm, "{name}:\n{markdown}");
        assert!(back.warnings.is_empty(), "{name}: {:?}", back.warnings);
        assert_eq!(from_json("t.json", to_json(&pm).as_bytes()).unwrap(), pm);
    }
}

#[test]
fn a_personal_post_mortem_offers_self_compassion_prompts() {
    let pm = templates::instantiate(
        "personal",
        "The talk I was not ready for",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    assert_eq!(pm.kind, Kind::Personal);
    let markdown = to_markdown(&pm);
    assert!(markdown.contains("visibility: participants"));
    assert!(markdown.contains("## What would you say to a friend who made this mistake?"));
}
