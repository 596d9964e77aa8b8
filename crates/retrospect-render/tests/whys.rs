mod common;

use common::samples;
use proptest::prelude::*;
use retrospect_render::{WhysLayout, whys_tree_layout, whys_tree_svg, whys_tree_text};

fn check_layout(layout: &WhysLayout) {
    let boxes = layout.text_boxes();
    common::assert_no_overlaps(&boxes, 2.0);
    common::assert_lines_clear_boxes(&layout.edges, &boxes);
    common::assert_text_fits(&boxes, layout.width, layout.height);
}

#[test]
fn snapshots_for_fixed_post_mortems() {
    for n in [0, 3, 12] {
        let pm = samples::with_causes(n);
        let svg = whys_tree_svg(&pm);
        common::parse_xml(&svg);
        common::assert_snapshot(&format!("whys_{n}.svg"), &svg);
        common::assert_snapshot(&format!("whys_{n}.txt"), &whys_tree_text(&pm));
    }
}

#[test]
fn whys_sit_one_column_right_of_what_they_explain() {
    let pm = samples::with_causes(12);
    let layout = whys_tree_layout(&pm);
    for n in &layout.nodes {
        let cause = pm.cause(n.id).expect("cause exists");
        let parent_right = match cause.parent {
            Some(p) => layout
                .nodes
                .iter()
                .find(|m| m.id == p)
                .map(|m| m.text.rect.right())
                .unwrap_or(0.0),
            None => layout.problem.rect.right(),
        };
        assert!(
            n.text.rect.x > parent_right,
            "C{} is not right of its parent",
            n.id
        );
    }
    check_layout(&layout);
}

#[test]
fn fixed_samples_have_no_overlaps() {
    for n in 0..=30 {
        check_layout(&whys_tree_layout(&samples::with_causes(n)));
    }
}

#[test]
fn a_long_chain_of_whys_stays_clear() {
    let texts: Vec<String> = (0..30)
        .map(|i| format!("why number {i} because of the previous answer"))
        .collect();
    let parents: Vec<Option<usize>> = (0..30).map(|i: usize| i.checked_sub(1)).collect();
    let pm = samples::with_cause_texts(&texts, &[], &parents);
    let layout = whys_tree_layout(&pm);
    assert_eq!(layout.nodes.iter().map(|n| n.depth).max(), Some(30));
    check_layout(&layout);
}

#[test]
fn hostile_text_renders_inert() {
    let texts: Vec<String> = common::HOSTILE.iter().map(|s| s.to_string()).collect();
    let mut pm =
        samples::with_cause_texts(&texts, &[], &[None, Some(0), Some(1), None, Some(3), None]);
    pm.title = common::HOSTILE[1].into();
    let svg = whys_tree_svg(&pm);
    let doc = common::parse_xml(&svg);
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(!["script", "img"].contains(&name), "element {name} leaked");
        assert!(node.attributes().all(|a| !a.name().starts_with("on")));
    }
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
        1
    );
    let text = whys_tree_text(&pm);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{0}'));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_overlaps_for_any_1_to_30_causes(
        causes in prop::collection::vec(("[a-zA-Z ]{1,200}", prop::option::of(0usize..7), prop::option::of(0usize..30)), 1..=30),
    ) {
        let texts: Vec<String> = causes.iter().map(|c| if c.0.trim().is_empty() { "x".into() } else { c.0.clone() }).collect();
        let cats: Vec<Option<usize>> = causes.iter().map(|c| c.1).collect();
        let parents: Vec<Option<usize>> = causes.iter().map(|c| c.2).collect();
        let layout = whys_tree_layout(&samples::with_cause_texts(&texts, &cats, &parents));
        check_layout(&layout);
        prop_assert_eq!(layout.nodes.len(), texts.len());
    }
}
