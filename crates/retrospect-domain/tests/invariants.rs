//! The domain's promises: what it accepts, what it refuses, what it derives.

use retrospect_domain::*;

fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

fn sample() -> PostMortem {
    PostMortem::new(
        "Checkout errors",
        Kind::Incident,
        ts("2026-11-25T10:00:00Z"),
    )
    .expect("valid")
}

#[test]
fn title_must_not_be_empty() {
    let err = PostMortem::new("   ", Kind::Incident, ts("2026-11-25T10:00:00Z")).unwrap_err();
    assert_eq!(err, DomainError::Empty { field: "title" });
}

#[test]
fn personal_post_mortems_start_private() {
    let pm = PostMortem::new(
        "My first on-call",
        Kind::Personal,
        ts("2026-11-25T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(pm.visibility, Visibility::Participants);
    assert!(pm.is_personal());
}

#[test]
fn durations_are_measured_from_the_start() {
    let mut pm = sample();
    for (kind, at) in [
        (MomentKind::Started, "2026-11-25T14:00:00Z"),
        (MomentKind::Detected, "2026-11-25T14:07:00Z"),
        (MomentKind::Mitigated, "2026-11-25T14:30:00Z"),
        (MomentKind::Resolved, "2026-11-25T15:45:30Z"),
    ] {
        assert!(
            pm.set_moment(KeyMoment {
                kind,
                at: ts(at),
                zone: None,
                note: None
            })
            .is_empty()
        );
    }
    let d = pm.durations();
    assert_eq!(d.time_to_detect_seconds, Some(7 * 60));
    assert_eq!(d.time_to_mitigate_seconds, Some(30 * 60));
    assert_eq!(d.time_to_resolve_seconds, Some(105 * 60 + 30));
    assert_eq!(human_duration(105 * 60 + 30), "1h 45m");
}

#[test]
fn moments_out_of_order_warn_but_are_kept() {
    let mut pm = sample();
    pm.set_moment(KeyMoment {
        kind: MomentKind::Started,
        at: ts("2026-11-25T14:00:00Z"),
        zone: None,
        note: None,
    });
    let warnings = pm.set_moment(KeyMoment {
        kind: MomentKind::Resolved,
        at: ts("2026-11-25T13:00:00Z"),
        zone: None,
        note: None,
    });
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("resolved"));
    assert_eq!(pm.key_moments.len(), 2);
}

#[test]
fn a_cause_parent_must_exist_in_the_same_post_mortem() {
    let mut pm = sample();
    let err = pm.add_cause(Some(7), "Disk filled up", None).unwrap_err();
    assert_eq!(
        err,
        DomainError::NotFound {
            part: "cause",
            id: 7
        }
    );
}

#[test]
fn moving_a_cause_under_its_own_child_is_refused() {
    let mut pm = sample();
    let c1 = pm.add_cause(None, "Checkout failed", None).unwrap();
    let c2 = pm
        .add_cause(
            Some(c1),
            "Database refused connections",
            Some("equipment/tools"),
        )
        .unwrap();
    let c3 = pm
        .add_cause(Some(c2), "Pool size was never load tested", Some("process"))
        .unwrap();
    let before = pm.causes.clone();
    let err = pm.edit_cause(c1, None, None, Some(Some(c3))).unwrap_err();
    assert!(matches!(err, DomainError::CauseCycle { .. }), "{err:?}");
    assert_eq!(pm.causes, before, "a refused edit changes nothing");
    assert_eq!(
        pm.cause(c2).unwrap().category.as_deref(),
        Some("Equipment/Tools")
    );
    assert_eq!(pm.cause_depth(c3), 3);
}

#[test]
fn unknown_fishbone_categories_list_the_choices() {
    let mut pm = sample();
    let err = pm.add_cause(None, "x", Some("Astrology")).unwrap_err();
    assert!(err.to_string().contains("People, Process"), "{err}");
}

#[test]
fn removing_a_cause_keeps_its_children_and_unlinks_actions() {
    let mut pm = sample();
    let c1 = pm.add_cause(None, "root", None).unwrap();
    let c2 = pm.add_cause(Some(c1), "middle", None).unwrap();
    let c3 = pm.add_cause(Some(c2), "leaf", None).unwrap();
    let mut action = ActionItem::new("Add an alert on pool saturation").unwrap();
    action.causes = vec![c2];
    pm.add_action(action).unwrap();
    pm.remove_cause(c2).unwrap();
    assert_eq!(pm.cause(c3).unwrap().parent, Some(c1));
    assert!(pm.actions[0].causes.is_empty());
    pm.validate().unwrap();
}

#[test]
fn an_action_cannot_address_a_missing_cause() {
    let mut pm = sample();
    let mut action = ActionItem::new("Add a runbook").unwrap();
    action.causes = vec![3];
    assert_eq!(
        pm.add_action(action).unwrap_err(),
        DomainError::NotFound {
            part: "cause",
            id: 3
        }
    );
}

#[test]
fn a_not_effective_review_reopens_the_action() {
    let mut pm = sample();
    let id = pm
        .add_action(ActionItem::new("Add a disk alert at 80%").unwrap())
        .unwrap();
    assert!(
        pm.review_action(id, Effectiveness::Effective).is_err(),
        "only done actions are reviewed"
    );
    pm.action_mut(id).unwrap().status = ActionStatus::Done;
    pm.review_action(id, Effectiveness::NotEffective).unwrap();
    let a = pm.action(id).unwrap();
    assert_eq!(a.status, ActionStatus::Open);
    assert_eq!(a.effectiveness, Some(Effectiveness::NotEffective));
}

#[test]
fn timeline_stays_in_time_order_and_marks_moments() {
    let mut pm = sample();
    let late = pm
        .add_entry(TimelineEntry::new(ts("2026-11-25T14:30:00Z"), "Rolled back").unwrap())
        .unwrap();
    let early = pm
        .add_entry(TimelineEntry::new(ts("2026-11-25T14:05:00Z"), "Alert fired").unwrap())
        .unwrap();
    assert_eq!(
        pm.timeline.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![early, late]
    );
    pm.mark_entry_as_moment(early, MomentKind::Detected)
        .unwrap();
    assert_eq!(
        pm.moment(&MomentKind::Detected).unwrap().at,
        ts("2026-11-25T14:05:00Z")
    );
}

#[test]
fn removing_evidence_drops_its_unreviewed_proposals_only() {
    let mut pm = sample();
    let e = pm.add_evidence(Evidence {
        id: 0,
        kind: EvidenceKind::Log,
        name: "app.log".into(),
        size: 10,
        checksum: "00".into(),
        imported_at: ts("2026-11-25T10:00:00Z"),
        source: String::new(),
    });
    for state in [EntryState::Proposed, EntryState::Accepted] {
        let mut entry = TimelineEntry::new(ts("2026-11-25T14:00:00Z"), "error burst").unwrap();
        entry.state = state;
        entry.evidence = Some(EvidenceRef {
            evidence: e,
            position: Some("line 4".into()),
        });
        pm.add_entry(entry).unwrap();
    }
    pm.remove_evidence(e).unwrap();
    assert_eq!(pm.timeline.len(), 1);
    assert_eq!(pm.timeline[0].state, EntryState::Accepted);
    assert!(pm.timeline[0].evidence.is_none());
    pm.validate().unwrap();
}

#[test]
fn comments_must_point_at_existing_parts() {
    let mut pm = sample();
    let err = pm
        .add_comment(
            "dana",
            ts("2026-11-25T10:00:00Z"),
            Some("C9".parse().unwrap()),
            "hm",
        )
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"));
    assert!("X1".parse::<PartRef>().is_err());
}

#[test]
fn enums_parse_names_and_aliases() {
    assert_eq!("In Review".parse::<Status>().unwrap(), Status::InReview);
    assert_eq!(
        "organization".parse::<Visibility>().unwrap(),
        Visibility::Organisation
    );
    assert_eq!("sev-2".parse::<Severity>().unwrap().to_string(), "SEV2");
    assert!("SEV9".parse::<Severity>().is_err());
    let err = "sometimes".parse::<ActionStatus>().unwrap_err().to_string();
    assert!(err.contains("open, in-progress, done, wont-do"), "{err}");
}

#[test]
fn json_round_trip_keeps_everything() {
    let mut pm = sample();
    let c = pm
        .add_cause(None, "Pool exhausted", Some("Equipment/Tools"))
        .unwrap();
    let mut a = ActionItem::new("Alert at 90% pool use").unwrap();
    a.causes = vec![c];
    a.due = Some("2026-12-15".parse().unwrap());
    pm.add_action(a).unwrap();
    pm.add_lesson(LessonKind::Lucky, "It happened in office hours")
        .unwrap();
    let json = serde_json::to_string(&pm).unwrap();
    let back: PostMortem = serde_json::from_str(&json).unwrap();
    assert_eq!(back, pm);
}

#[test]
fn a_very_deep_cause_chain_validates_and_a_loop_in_it_is_found() {
    let mut pm = sample();
    pm.causes = (1..=20_000u32)
        .map(|id| Cause {
            id,
            parent: (id > 1).then(|| id - 1),
            text: format!("why {id}"),
            category: None,
            timeline_refs: Vec::new(),
            evidence_refs: Vec::new(),
        })
        .collect();
    pm.validate().unwrap();
    pm.causes[0].parent = Some(20_000);
    assert!(matches!(pm.validate(), Err(DomainError::CauseCycle { .. })));
}
