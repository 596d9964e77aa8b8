mod common;

use common::samples;
use proptest::prelude::*;
use retrospect_domain::{EntryState, KeyMoment, MomentKind, PostMortem, TimelineEntry};
use retrospect_render::{MAX_LABELS, TimelineLayout, timeline_layout, timeline_svg};

fn check_layout(layout: &TimelineLayout, pm: &PostMortem) {
    let boxes = layout.text_boxes();
    common::assert_no_overlaps(&boxes, 2.0);
    common::assert_text_fits(&boxes, layout.width, layout.height);

    // Marks: inside their lane, never touching each other or any label.
    let labels: Vec<_> = layout.entry_labels().collect();
    for lane in &layout.lanes {
        for (i, m) in lane.marks.iter().enumerate() {
            assert!(
                lane.band.contains(&m.bounds()),
                "mark {:?} outside lane {:?}",
                m.bounds(),
                lane.band
            );
            for other in &lane.marks[i + 1..] {
                assert!(
                    (other.x - m.x).abs() >= m.radius + other.radius,
                    "marks touch: {m:?} {other:?}"
                );
            }
            for l in &labels {
                assert!(
                    !l.text.rect.overlaps(&m.bounds()),
                    "label {:?} covers a mark",
                    l.text.full_text
                );
            }
        }
    }
    // Leaders run from their mark to their label and cross no other text.
    for l in &labels {
        for b in &boxes {
            assert!(
                !l.leader.crosses(&b.rect),
                "leader of T{} crosses {:?}",
                l.entry,
                b.full_text
            );
        }
    }
    // Key moment lines cross no lane name, axis label, header or other moment label.
    let mut fixed: Vec<_> = vec![&layout.header];
    fixed.extend(layout.lanes.iter().map(|l| &l.label));
    fixed.extend(layout.axis_labels.iter());
    for m in &layout.moments {
        for b in fixed.iter().chain(
            layout
                .moments
                .iter()
                .map(|o| &o.label)
                .filter(|o| *o != &m.label)
                .collect::<Vec<_>>()
                .iter(),
        ) {
            assert!(
                !m.line.crosses(&b.rect),
                "moment {} line crosses {:?}",
                m.kind,
                b.full_text
            );
        }
    }
    // Exactly the visible entries are drawn, each once.
    let mut drawn: Vec<u32> = layout
        .lanes
        .iter()
        .flat_map(|l| l.marks.iter().flat_map(|m| m.entries.iter().copied()))
        .collect();
    drawn.sort();
    let mut expected: Vec<u32> = pm
        .timeline
        .iter()
        .filter(|t| !t.hidden && t.state != EntryState::Dismissed)
        .map(|t| t.id)
        .collect();
    expected.sort();
    assert_eq!(drawn, expected);
    assert!(labels.len() <= MAX_LABELS);
    assert_eq!(layout.moments.len(), pm.key_moments.len());
}

#[test]
fn snapshots_for_fixed_post_mortems() {
    for n in [0, 10, 500] {
        let pm = samples::with_timeline(n);
        let svg = timeline_svg(&pm);
        common::parse_xml(&svg);
        common::assert_snapshot(&format!("timeline_{n}.svg"), &svg);
    }
}

#[test]
fn readable_at_every_density() {
    for n in [0, 1, 2, 5, 10, 30, 60, 120, 250, 500, 1000] {
        let pm = samples::with_timeline(n);
        let layout = timeline_layout(&pm);
        check_layout(&layout, &pm);
        let marks: usize = layout.lanes.iter().map(|l| l.marks.len()).sum();
        // However many entries, a lane never holds more marks than fit side by side.
        assert!(
            marks <= layout.lanes.len() * (1000 / 13),
            "{n} entries drew {marks} marks"
        );
    }
}

#[test]
fn empty_timeline_says_so() {
    let pm = samples::with_causes(0);
    let layout = timeline_layout(&pm);
    assert!(layout.lanes.is_empty());
    assert_eq!(layout.header.full_text, "Timeline: no entries yet.");
    common::parse_xml(&timeline_svg(&pm));
}

#[test]
fn lanes_are_per_source_with_manual_first() {
    let pm = samples::with_timeline(40);
    let layout = timeline_layout(&pm);
    let names: Vec<&str> = layout.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names[0], "manual");
    assert!(names.contains(&"checkout-api.log.gz") && names.contains(&"status page"));
    assert_eq!(names.len(), 4);
}

#[test]
fn hidden_and_dismissed_entries_are_left_out_and_proposed_ones_are_hollow() {
    let mut pm = samples::with_causes(0);
    for (i, state) in [
        EntryState::Accepted,
        EntryState::Proposed,
        EntryState::Dismissed,
        EntryState::Accepted,
    ]
    .into_iter()
    .enumerate()
    {
        let mut e =
            TimelineEntry::new(samples::at(i as i64 * 1800), &format!("entry {i}")).expect("entry");
        e.state = state;
        e.hidden = i == 3;
        pm.add_entry(e).expect("add");
    }
    let svg = timeline_svg(&pm);
    let doc = common::parse_xml(&svg);
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("entry"))
        .collect();
    assert_eq!(
        entries.len(),
        2,
        "only the accepted and the proposed entry are drawn"
    );
    let circle_of = |id: &str| {
        entries
            .iter()
            .find(|g| {
                g.children()
                    .any(|c| c.has_tag_name("title") && c.text().is_some_and(|t| t.starts_with(id)))
            })
            .and_then(|g| g.children().find(|c| c.has_tag_name("circle")))
            .expect("mark drawn")
    };
    assert_eq!(circle_of("T1 ").attribute("fill"), Some("#1e3a8a"));
    let proposed = circle_of("T2 ");
    assert_eq!(proposed.attribute("fill"), Some("#ffffff"));
    assert!(proposed.attribute("stroke-dasharray").is_some());
    assert!(!svg.contains("entry 2") && !svg.contains("entry 3"));
}

#[test]
fn key_moments_are_labelled_lines_across_all_lanes() {
    let pm = samples::with_timeline(60);
    let layout = timeline_layout(&pm);
    assert_eq!(layout.moments.len(), 5);
    for m in &layout.moments {
        assert!(m.line.y2 >= layout.plot.bottom() - 0.01 && m.line.y1 < layout.plot.y);
        assert!(m.label.full_text.starts_with(m.kind.name()));
    }
    let svg = timeline_svg(&pm);
    assert!(
        svg.contains("time to detect 15m 00s"),
        "durations are described for screen readers"
    );
}

#[test]
fn moments_at_the_same_instant_get_separate_labels() {
    let mut pm = samples::with_timeline(10);
    let t = samples::at(3_900);
    pm.set_moment(KeyMoment {
        kind: MomentKind::Resolved,
        at: t,
        zone: None,
        note: None,
    });
    pm.set_moment(KeyMoment {
        kind: MomentKind::Custom("all clear".into()),
        at: t,
        zone: None,
        note: None,
    });
    check_layout(&timeline_layout(&pm), &pm);
}

#[test]
fn hostile_text_renders_inert() {
    let mut pm = samples::with_timeline(12);
    for (i, e) in pm.timeline.iter_mut().enumerate() {
        e.text = common::HOSTILE[i % common::HOSTILE.len()].into();
        e.source = common::HOSTILE[(i + 1) % common::HOSTILE.len()].into();
        e.actor = Some(common::HOSTILE[(i + 2) % common::HOSTILE.len()].into());
        e.zone = Some(common::HOSTILE[1].into());
    }
    pm.title = common::HOSTILE[3].into();
    pm.set_moment(KeyMoment {
        kind: MomentKind::Custom(common::HOSTILE[0].into()),
        at: samples::at(60),
        zone: None,
        note: None,
    });
    let svg = timeline_svg(&pm);
    let doc = common::parse_xml(&svg);
    for node in doc.descendants().filter(|n| n.is_element()) {
        assert!(!["script", "img"].contains(&node.tag_name().name()));
        assert!(node.attributes().all(|a| !a.name().starts_with("on")));
    }
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
        1
    );
}

fn arb_timeline() -> impl Strategy<Value = PostMortem> {
    (
        prop::collection::vec(
            (0u32..1_000_000, 0usize..16, 0u8..10, "[a-zA-Z ]{1,80}"),
            0..400,
        ),
        prop::sample::select(vec![60i64, 3_600, 86_400, 30 * 86_400]),
        prop::collection::vec((0u32..1_000_000, 0usize..6), 0..6),
    )
        .prop_map(|(entries, span, moments)| {
            let mut pm = samples::with_causes(0);
            for (at, source, state, text) in entries {
                let second = i64::from(at) * span / 1_000_000;
                let text = if text.trim().is_empty() {
                    "x".to_string()
                } else {
                    text
                };
                let mut e = TimelineEntry::new(samples::at(second), &text).expect("entry");
                e.source = if source == 0 {
                    String::new()
                } else {
                    format!("source number {source}")
                };
                e.state = match state {
                    0 => EntryState::Proposed,
                    1 => EntryState::Dismissed,
                    _ => EntryState::Accepted,
                };
                e.hidden = state == 2;
                pm.add_entry(e).expect("entry");
            }
            let kinds = [
                MomentKind::Started,
                MomentKind::Detected,
                MomentKind::Mitigated,
                MomentKind::Resolved,
            ];
            for (at, kind) in moments {
                let kind = kinds
                    .get(kind)
                    .cloned()
                    .unwrap_or_else(|| MomentKind::Custom(format!("moment {kind}")));
                let second = i64::from(at) * span / 1_000_000;
                pm.set_moment(KeyMoment {
                    kind,
                    at: samples::at(second),
                    zone: None,
                    note: None,
                });
            }
            pm
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_timeline_is_laid_out_cleanly(pm in arb_timeline()) {
        check_layout(&timeline_layout(&pm), &pm);
    }
}
