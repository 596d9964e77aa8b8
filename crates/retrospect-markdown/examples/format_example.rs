//! Prints the full example used in docs/format.md: a post-mortem with every
//! part filled in, as `to_markdown` writes it.

use retrospect_domain::{
    ActionItem, ActionKind, ActionStatus, Effectiveness, EntryState, Evidence, EvidenceKind,
    EvidenceRef, FreeSection, KeyMoment, Kind, LessonKind, LogTemplate, MomentKind, PartRef,
    Participant, PostMortem, Severity, Status, TimelineEntry, Timestamp,
};

fn at(s: &str) -> Timestamp {
    s.parse().expect("a valid example time")
}

fn main() {
    let mut pm = PostMortem::new(
        "Checkout errors after the 2.14 deploy",
        Kind::Incident,
        at("2024-03-05T16:00:00Z"),
    )
    .expect("title");
    pm.id = 42;
    pm.status = Status::InReview;
    pm.severity = Some(Severity::new(2).expect("severity"));
    pm.author = Some("Dana Reyes".into());
    pm.team = Some("Payments".into());
    pm.participants = vec![
        Participant {
            name: "Dana Reyes".into(),
            role: Some("facilitator".into()),
        },
        Participant {
            name: "Lee Chen".into(),
            role: Some("incident commander".into()),
        },
    ];
    pm.tags = vec!["checkout".into(), "deploy".into()];
    pm.template = Some("sre".into());
    pm.updated_at = at("2024-03-06T09:30:12.123456Z");
    pm.version = 7;
    pm.summary =
        "For 41 minutes one checkout in five failed with a 502. The 2.14 release changed the\n\
                  connection pool size, and the payment gateway refused the extra connections.\n\n\
                  Rolling back to 2.13 restored checkout."
            .into();
    pm.impact = "About 1,900 failed checkouts (20% of attempts) between 15:02 and 15:43 CET.\n\
                 No payment was taken twice."
        .into();
    let log = Evidence {
        id: 0,
        kind: EvidenceKind::Log,
        name: "gateway.log.gz".into(),
        size: 48_213_377,
        checksum: "9f2c4e0d1b7a55c3e8f6a2d4c1b0e9f8a7d6c5b4e3f2a1d0c9b8a7e6f5d4c3b2".into(),
        imported_at: at("2024-03-05T17:12:40Z"),
        source: "ops-bastion:/var/log/gateway/".into(),
    };
    let e1 = pm.add_evidence(log);
    pm.log_templates.push(LogTemplate {
        evidence: e1,
        template_id: 17,
        pattern: "upstream refused connection: pool <*> of <*> in use".into(),
        count: 18_311,
        first_seen: Some(at("2024-03-05T14:02:11Z")),
        last_seen: Some(at("2024-03-05T14:43:02Z")),
        level: Some("ERROR".into()),
        examples: vec!["upstream refused connection: pool 64 of 64 in use".into()],
    });
    let entry = |time: &str, text: &str, actor: Option<&str>| {
        let mut e = TimelineEntry::new(at(time), text).expect("text");
        e.zone = Some("Europe/Berlin".into());
        e.actor = actor.map(str::to_string);
        e
    };
    let t1 = pm
        .add_entry(entry(
            "2024-03-05T14:00:00Z",
            "Release 2.14 rolls out to all regions",
            Some("deploy bot"),
        ))
        .expect("entry");
    let t2 = pm
        .add_entry(entry(
            "2024-03-05T14:02:11Z",
            "First 'upstream refused connection' errors | pool 64 of 64",
            None,
        ))
        .expect("entry");
    let mut proposed = entry("2024-03-05T14:05:00Z", "Burst of 502s on /checkout", None);
    proposed.state = EntryState::Proposed;
    proposed.source = "gateway.log.gz".into();
    proposed.evidence = Some(EvidenceRef {
        evidence: e1,
        position: Some("line 88213".into()),
    });
    pm.add_entry(proposed).expect("entry");
    let t4 = pm
        .add_entry(entry(
            "2024-03-05T14:09:00Z",
            "Checkout error-rate alert pages Lee",
            Some("alerting"),
        ))
        .expect("entry");
    let t5 = pm
        .add_entry(entry(
            "2024-03-05T14:43:00Z",
            "Rollback to 2.13 completes;\nerror rate back to normal",
            Some("Lee Chen"),
        ))
        .expect("entry");
    pm.mark_entry_as_moment(t1, MomentKind::Started)
        .expect("moment");
    pm.mark_entry_as_moment(t4, MomentKind::Detected)
        .expect("moment");
    pm.mark_entry_as_moment(t5, MomentKind::Resolved)
        .expect("moment");
    pm.set_moment(KeyMoment {
        kind: MomentKind::Custom("customers notified".into()),
        at: at("2024-03-05T14:30:00Z"),
        zone: Some("Europe/Berlin".into()),
        note: Some("status page update".into()),
    });
    let c1 = pm
        .add_cause(
            None,
            "The gateway refused connections beyond its per-client limit of 64",
            Some("Equipment/Tools"),
        )
        .expect("cause");
    pm.cite(c1, Some(t2), Some(e1)).expect("cite");
    let c2 = pm
        .add_cause(
            Some(c1),
            "Release 2.14 raised our pool size from 32 to 96",
            Some("process"),
        )
        .expect("cause");
    pm.cite(c2, Some(t1), None).expect("cite");
    let c3 = pm
        .add_cause(
            Some(c2),
            "The gateway's connection limit is not written down where the pool is configured",
            None,
        )
        .expect("cause");
    pm.add_cause(
        Some(c2),
        "Staging talks to a gateway sandbox with no connection limit",
        Some("environment"),
    )
    .expect("cause");
    pm.add_lesson(
        LessonKind::WentWrong,
        "Seven minutes passed between the first errors and the page.",
    )
    .expect("lesson");
    pm.add_lesson(
        LessonKind::WentRight,
        "The rollback was one command and took four minutes.",
    )
    .expect("lesson");
    pm.add_lesson(
        LessonKind::Lucky,
        "It happened on a Tuesday afternoon, not during the weekend sale.",
    )
    .expect("lesson");
    pm.add_lesson(
        LessonKind::Learned,
        "Limits of a dependency belong next to the setting that can exceed them.",
    )
    .expect("lesson");
    let mut a1 = ActionItem::new(
        "Add a check in CI that the pool size stays under the gateway's connection limit",
    )
    .expect("action");
    a1.owner = Some("Lee Chen".into());
    a1.due = Some("2024-03-22".parse().expect("date"));
    a1.success_criterion = Some("A pull request raising the pool above 64 fails CI".into());
    a1.causes = vec![c3];
    a1.status = ActionStatus::Done;
    a1.review_date = Some("2024-06-01".parse().expect("date"));
    a1.effectiveness = Some(Effectiveness::Effective);
    pm.add_action(a1).expect("action");
    let mut a2 =
        ActionItem::new("Alert on gateway connection refusals above 1% of requests for 2 minutes")
            .expect("action");
    a2.kind = ActionKind::Detect;
    a2.owner = Some("Dana Reyes".into());
    a2.due = Some("2024-03-29".parse().expect("date"));
    a2.causes = vec![c1];
    pm.add_action(a2).expect("action");
    pm.add_comment(
        "Lee Chen",
        at("2024-03-06T08:15:00Z"),
        Some(PartRef::Cause(c3)),
        "The limit is in the gateway contract, section 4.2.",
    )
    .expect("comment");
    pm.sections.push(FreeSection {
        heading: "Supporting information".into(),
        body: "- Dashboard: https://grafana.example/d/checkout\n- Gateway contract, section 4.2"
            .into(),
    });
    print!("{}", retrospect_markdown::to_markdown(&pm));
}
