mod common;

use common::samples;
use proptest::prelude::*;
use retrospect_render::{FishboneLayout, fishbone_layout, fishbone_svg};

fn check_layout(layout: &FishboneLayout) {
    let boxes = layout.text_boxes();
    common::assert_no_overlaps(&boxes, 2.0);
    common::assert_lines_clear_boxes(&layout.segments(), &boxes);
    common::assert_text_fits(&boxes, layout.width, layout.height);
}

#[test]
fn snapshots_for_fixed_post_mortems() {
    for n in [0, 1, 3, 12, 30] {
        let svg = fishbone_svg(&samples::with_causes(n));
        common::parse_xml(&svg);
        common::assert_snapshot(&format!("fishbone_{n}.svg"), &svg);
    }
}

#[test]
fn fixed_samples_have_no_overlaps() {
    for n in 0..=30 {
        check_layout(&fishbone_layout(&samples::with_causes(n)));
    }
}

#[test]
fn only_bones_with_causes_are_drawn_and_every_cause_appears_once() {
    let pm = samples::with_causes(3);
    let layout = fishbone_layout(&pm);
    let bones: Vec<&str> = layout.bones.iter().map(|b| b.category.as_str()).collect();
    assert_eq!(bones, vec!["Process", "Equipment/Tools"]);
    let mut ids: Vec<u32> = layout
        .bones
        .iter()
        .flat_map(|b| b.causes.iter().map(|c| c.id))
        .collect();
    ids.sort();
    assert_eq!(ids, vec![1, 2, 3]);
    // The categories list still names the empty categories.
    let legend = &layout.legend.full_text;
    assert!(
        legend.contains("People\u{a0}(none)") && legend.contains("Process\u{a0}(1)"),
        "{legend}"
    );
}

#[test]
fn bones_alternate_above_and_below() {
    let layout = fishbone_layout(&samples::with_causes(12));
    for (i, b) in layout.bones.iter().enumerate() {
        assert_eq!(b.above, i % 2 == 0);
        let spine_y = layout.spine.y1;
        for c in &b.causes {
            if b.above {
                assert!(c.text.rect.bottom() < spine_y);
            } else {
                assert!(c.text.rect.y > spine_y);
            }
        }
    }
}

#[test]
fn a_why_hangs_under_its_parent_indented() {
    let layout = fishbone_layout(&samples::with_causes(3));
    let bone = &layout.bones[1];
    let (parent, child) = (&bone.causes[0], &bone.causes[1]);
    assert_eq!(
        (parent.id, parent.depth, child.id, child.depth),
        (2, 1, 3, 2)
    );
    assert!(child.text.rect.y > parent.text.rect.bottom());
    assert!(child.text.rect.right() < parent.text.rect.right());
}

#[test]
fn absurdly_long_text_is_cut_with_the_full_text_in_a_tooltip() {
    let long = "very long cause text ".repeat(200);
    let pm = samples::with_cause_texts(&[long.trim().to_string()], &[Some(0)], &[None]);
    let layout = fishbone_layout(&pm);
    let cause = &layout.bones[0].causes[0].text;
    assert!(cause.truncated);
    assert!(cause.lines.len() <= 5);
    assert!(
        cause
            .lines
            .last()
            .is_some_and(|l| l.text.ends_with('\u{2026}'))
    );
    let svg = fishbone_svg(&pm);
    assert!(svg.contains(&format!("<title>C1: {}</title>", long.trim())));
}

#[test]
fn svg_is_accessible_and_well_formed() {
    let svg = fishbone_svg(&samples::with_causes(5));
    let doc = common::parse_xml(&svg);
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("fishbone-7-title fishbone-7-desc")
    );
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or("");
    assert!(title.contains("Checkout outage"));
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or("");
    assert!(
        desc.contains("C1: The deploy pipeline skipped the canary stage"),
        "{desc}"
    );
    for text in root.descendants().filter(|n| n.has_tag_name("text")) {
        let size: f64 = text
            .attribute("font-size")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0.0);
        assert!(size >= 12.0);
    }
}

#[test]
fn the_drawn_boxes_are_the_layout_boxes() {
    let pm = samples::with_causes(12);
    let layout = fishbone_layout(&pm);
    let svg = fishbone_svg(&pm);
    let doc = common::parse_xml(&svg);
    let drawn: Vec<(f64, f64, f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("cause"))
        .filter_map(|g| g.children().find(|n| n.has_tag_name("rect")))
        .map(|r| {
            let f = |a: &str| {
                r.attribute(a)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(f64::NAN)
            };
            (f("x"), f("y"), f("width"), f("height"))
        })
        .collect();
    let laid: Vec<(f64, f64, f64, f64)> = layout
        .bones
        .iter()
        .flat_map(|b| b.causes.iter().map(|c| c.text.rect))
        .map(|r| (r.x, r.y, r.width, r.height))
        .collect();
    assert_eq!(drawn.len(), laid.len());
    for (d, l) in drawn.iter().zip(&laid) {
        assert!(
            (d.0 - l.0).abs() < 0.06 && (d.1 - l.1).abs() < 0.06 && (d.2 - l.2).abs() < 0.06,
            "{d:?} {l:?}"
        );
    }
    // Parsed from the SVG itself: no two drawn cause boxes overlap.
    for (i, a) in drawn.iter().enumerate() {
        for b in &drawn[i + 1..] {
            let apart =
                a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn hostile_text_renders_inert() {
    let texts: Vec<String> = common::HOSTILE.iter().map(|s| s.to_string()).collect();
    let mut pm = samples::with_cause_texts(
        &texts,
        &[Some(0), None, Some(1), Some(2), None, Some(3)],
        &[None; 6],
    );
    pm.title = common::HOSTILE[0].into();
    pm.fishbone_categories.push("<b onclick=x>cat</b>".into());
    pm.causes[0].category = Some("<b onclick=x>cat</b>".into());
    let svg = fishbone_svg(&pm);
    let doc = common::parse_xml(&svg);
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "img", "foreignObject", "b"].contains(&name),
            "element {name} leaked"
        );
        for attr in node.attributes() {
            assert!(
                !attr.name().starts_with("on"),
                "event attribute {} leaked",
                attr.name()
            );
        }
    }
    assert!(!svg.contains("<script") && !svg.contains("<img"));
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,12}( [a-zA-Z]{1,14}){0,6}",
        "[A-Z ]{1,60}",
        "[a-zA-Z0-9/._-]{30,140}",
        "(word ){0,120}",
        "[\u{4e00}-\u{4e50}]{1,40}",
    ]
    .prop_map(|s| {
        if s.trim().is_empty() {
            "x".to_string()
        } else {
            s
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_overlaps_for_any_1_to_30_causes(
        causes in prop::collection::vec((arb_text(), prop::option::of(0usize..8), prop::option::of(0usize..30)), 1..=30),
        title in arb_text(),
    ) {
        let texts: Vec<String> = causes.iter().map(|c| c.0.clone()).collect();
        let cats: Vec<Option<usize>> = causes.iter().map(|c| c.1).collect();
        let parents: Vec<Option<usize>> = causes.iter().map(|c| c.2).collect();
        let mut pm = samples::with_cause_texts(&texts, &cats, &parents);
        pm.title = title;
        let layout = fishbone_layout(&pm);
        check_layout(&layout);
        let drawn: usize = layout.bones.iter().map(|b| b.causes.len()).sum();
        prop_assert_eq!(drawn, texts.len());
    }
}

#[test]
fn a_crowded_category_spreads_over_several_bones() {
    let texts: Vec<String> = samples::CAUSE_TEXTS.iter().map(|t| t.to_string()).collect();
    let pm = samples::with_cause_texts(&texts, &[Some(1); 30], &[None, Some(0), Some(1)]);
    let layout = fishbone_layout(&pm);
    assert!(layout.bones.len() > 2, "{} bones", layout.bones.len());
    assert!(layout.bones.iter().all(|b| b.category == "Process"));
    let parts = layout.bones.len();
    assert_eq!(
        layout.bones[0].label.full_text,
        format!("Process (1 of {parts})")
    );
    // A cause's whys stay on its bone.
    assert_eq!(
        layout.bones[0]
            .causes
            .iter()
            .map(|c| c.depth)
            .collect::<Vec<_>>()[..3],
        [1, 2, 3]
    );
    assert!(
        layout.legend.full_text.contains("Process\u{a0}(30)"),
        "{}",
        layout.legend.full_text
    );
    check_layout(&layout);
}
