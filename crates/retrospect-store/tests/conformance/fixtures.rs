//! Post-mortems to store: one with every part and every enum value, plain
//! ones, and helpers to compare what comes back with what went in.

use retrospect_domain::{
    Acknowledgement, ActionItem, ActionKind, ActionStatus, Cause, Comment, Date, EntryState,
    Evidence, EvidenceKind, EvidenceRef, FreeSection, KeyMoment, Kind, Lesson, LessonKind,
    LogTemplate, MomentKind, PartRef, Participant, PostMortem, Severity, Status, TimelineEntry,
    Timestamp, Visibility,
};
use retrospect_domain::{Effectiveness, EnumName};

/// An instant with nanoseconds, which the store keeps to the microsecond.
pub fn instant(seconds: i64) -> Timestamp {
    Timestamp::new(seconds, 123_456_789).unwrap_or_else(|e| panic!("bad test instant: {e}"))
}

pub fn day(text: &str) -> Date {
    text.parse()
        .unwrap_or_else(|e| panic!("bad test date {text}: {e}"))
}

pub fn simple(title: &str) -> PostMortem {
    PostMortem::new(title, Kind::Incident, instant(1_700_000_000))
        .unwrap_or_else(|e| panic!("a valid title was refused: {e}"))
}

fn severity(level: u8) -> Severity {
    Severity::new(level).unwrap_or_else(|e| panic!("bad test severity: {e}"))
}

/// Cycles through every value of an enum, so that a list of n parts uses them all.
fn nth<T: EnumName>(i: usize) -> T {
    T::ALL[i % T::ALL.len()]
}

/// A post-mortem with every part filled, every enum value used somewhere,
/// text in many scripts, and optional fields both set and empty.
pub fn full() -> PostMortem {
    let t0 = 1_710_000_000;
    let moments = [
        MomentKind::Started,
        MomentKind::Detected,
        MomentKind::Mitigated,
        MomentKind::Resolved,
        MomentKind::Custom("Customers notified — 客户通知".into()),
    ];
    let mut pm = simple(
        "Checkout 🛒 outage: «paiement» échoué; 決済が失敗; الدفع; '; DROP TABLE postmortems; --",
    );
    pm.kind = Kind::Incident;
    pm.status = Status::InReview;
    pm.visibility = Visibility::Organisation;
    pm.severity = Some(severity(2));
    pm.summary =
        "Line one\nLine two with \"quotes\", back\\slashes, 100% and under_scores\n\tTabbed."
            .into();
    pm.impact = "Zalgo: Z̷͉̈a̸̟͝l̴̰̅g̵̣̈́o̶̰͂; combining é vs é; RTL ‏עברית‏; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢".into();
    pm.author = Some("Ana Núñez".into());
    pm.team = Some("Payments".into());
    pm.template = Some("google-sre".into());
    pm.participants = vec![
        Participant {
            name: "Ana Núñez".into(),
            role: Some("incident commander".into()),
        },
        Participant {
            name: "Björn".into(),
            role: None,
        },
        Participant {
            name: "李雷".into(),
            role: Some("scribe".into()),
        },
    ];
    pm.tags = vec!["payments".into(), "database".into(), "タグ".into()];
    pm.fishbone_categories = vec![
        "People".into(),
        "Process".into(),
        "Tools".into(),
        "Environment".into(),
    ];
    pm.key_moments = moments
        .iter()
        .enumerate()
        .map(|(i, kind)| KeyMoment {
            kind: kind.clone(),
            at: instant(t0 + 60 * i as i64),
            zone: (i % 2 == 0).then(|| "Europe/Paris".to_string()),
            note: (i % 3 == 0).then(|| format!("note {i}")),
        })
        .collect();
    pm.evidence = (0..EvidenceKind::ALL.len())
        .map(|i| Evidence {
            id: i as u32 + 1,
            kind: nth(i),
            name: format!("file-{i}.log"),
            size: if i == 0 { 0 } else { 1 << (i * 8) },
            checksum: format!("{:064x}", i * 0xdead_beef),
            imported_at: instant(t0 + 7200 + i as i64),
            source: if i == 1 {
                String::new()
            } else {
                format!("/var/log/app/{i}")
            },
        })
        .collect();
    pm.log_templates = vec![
        LogTemplate {
            evidence: 1,
            template_id: 7,
            pattern: "Connection to <*> refused after <*> ms".into(),
            count: 123_456,
            first_seen: Some(instant(t0)),
            last_seen: Some(instant(t0 + 90)),
            level: Some("ERROR".into()),
            examples: vec![
                "Connection to db-1 refused after 30 ms".into(),
                "ünïcödé \"quoted\"".into(),
            ],
        },
        LogTemplate {
            evidence: 1,
            template_id: 3,
            pattern: "heartbeat".into(),
            count: 0,
            first_seen: None,
            last_seen: None,
            level: None,
            examples: Vec::new(),
        },
    ];
    pm.timeline = (0..9)
        .map(|i| TimelineEntry {
            id: 9 - i as u32, // ids need not follow time order
            at: instant(t0 + 30 * i as i64),
            zone: (i % 2 == 1).then(|| "-07:00".to_string()),
            text: format!("Entry {i}: «{}»", "x".repeat(i)),
            actor: (i % 3 == 0).then(|| "deploy-bot".to_string()),
            source: if i % 2 == 0 {
                "manual".into()
            } else {
                String::new()
            },
            evidence: match i % 3 {
                0 => None,
                1 => Some(EvidenceRef {
                    evidence: 1,
                    position: Some(format!("line {i}")),
                }),
                _ => Some(EvidenceRef {
                    evidence: 2,
                    position: None,
                }),
            },
            key_moment: moments.get(i).cloned(),
            hidden: i == 4,
            state: nth::<EntryState>(i),
        })
        .collect();
    pm.causes = vec![
        Cause {
            id: 4, // a child listed before its parent
            parent: Some(1),
            text: "What made testing this hard? No staging copy of the payment provider.".into(),
            category: Some("Environment".into()),
            timeline_refs: vec![9, 3],
            evidence_refs: vec![2],
        },
        Cause {
            id: 1,
            parent: None,
            text: "Checkout requests timed out".into(),
            category: None,
            timeline_refs: Vec::new(),
            evidence_refs: vec![1, 3],
        },
        Cause {
            id: 2,
            parent: Some(4),
            text: "Sandbox credentials expire monthly".into(),
            category: Some("Process".into()),
            timeline_refs: vec![5],
            evidence_refs: Vec::new(),
        },
    ];
    pm.lessons = (0..LessonKind::ALL.len())
        .map(|i| Lesson {
            id: i as u32 + 1,
            kind: nth(i),
            text: format!("Lesson {i} 🙂"),
        })
        .collect();
    pm.actions = (0..ActionStatus::ALL.len().max(ActionKind::ALL.len()))
        .map(|i| ActionItem {
            id: i as u32 + 1,
            text: format!("Add an alert on checkout latency above {i}00 ms"),
            owner: if i == 0 {
                None
            } else {
                Some(["Björn", "李雷", "ana núñez"][i % 3].into())
            },
            due: (i != 1).then(|| day(&format!("2024-0{}-1{}", i + 1, i))),
            kind: nth::<ActionKind>(i),
            success_criterion: (i % 2 == 0).then(|| "p99 alert fires in the game day".into()),
            status: nth::<ActionStatus>(i),
            review_date: (i == 2).then(|| day("2024-12-31")),
            effectiveness: match i {
                0 => None,
                n => Some(nth::<Effectiveness>(n)),
            },
            causes: match i {
                0 => vec![2, 4],
                1 => vec![1],
                _ => Vec::new(),
            },
        })
        .collect();
    pm.comments = [
        None,
        Some(PartRef::Entry(3)),
        Some(PartRef::Cause(4)),
        Some(PartRef::Action(1)),
        Some(PartRef::Lesson(2)),
        Some(PartRef::Evidence(1)),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, on)| Comment {
        id: i as u32 + 1,
        author: ["Ana Núñez", "Björn"][i % 2].into(),
        at: instant(t0 + 86_400 + i as i64),
        on,
        text: format!("Comment {i}: could we ask what made this hard? ✔"),
    })
    .collect();
    pm.sections = vec![
        FreeSection {
            heading: "Appendix — raw notes".into(),
            body: "```\ncode block\n```".into(),
        },
        FreeSection {
            heading: "Empty".into(),
            body: String::new(),
        },
    ];
    pm.acknowledgements = vec![Acknowledgement {
        fingerprint: "counterfactual:should have".into(),
        rule: "counterfactual".into(),
        excerpt: "the script should have".into(),
        by: "Björn".into(),
        reason: "It is about the script, not a person".into(),
        at: instant(t0 + 90_000),
    }];
    pm
}

/// One post-mortem per value of each header enum (kind, status, visibility,
/// severity), with optional fields empty.
pub fn every_header_value() -> Vec<PostMortem> {
    (0..5)
        .map(|i| {
            let mut pm = simple(&format!("Variant {i}"));
            pm.kind = nth(i);
            pm.status = nth(i);
            pm.visibility = nth(i);
            pm.severity = Some(severity(i as u8 + 1));
            pm.fishbone_categories = Vec::new();
            pm
        })
        .collect()
}

/// `pm` as the store hands it back: instants truncated to the microsecond.
pub fn at_stored_precision(pm: &PostMortem) -> PostMortem {
    let micro = |t: Timestamp| {
        Timestamp::from_microsecond(t.as_microsecond()).unwrap_or_else(|e| panic!("{e}"))
    };
    let mut pm = pm.clone();
    pm.created_at = micro(pm.created_at);
    pm.updated_at = micro(pm.updated_at);
    pm.key_moments.iter_mut().for_each(|m| m.at = micro(m.at));
    pm.evidence
        .iter_mut()
        .for_each(|e| e.imported_at = micro(e.imported_at));
    for t in &mut pm.log_templates {
        t.first_seen = t.first_seen.map(micro);
        t.last_seen = t.last_seen.map(micro);
    }
    pm.timeline.iter_mut().for_each(|t| t.at = micro(t.at));
    pm.comments.iter_mut().for_each(|c| c.at = micro(c.at));
    pm.acknowledgements
        .iter_mut()
        .for_each(|a| a.at = micro(a.at));
    pm
}

/// Every enum value the fixtures promise to cover is really in them.
#[test]
fn the_full_fixture_uses_every_enum_value() {
    let pm = full();
    pm.validate()
        .unwrap_or_else(|e| panic!("the fixture is invalid: {e}"));
    fn covers<T: EnumName + PartialEq>(found: impl Iterator<Item = T>) -> bool {
        let found: Vec<T> = found.collect();
        T::ALL.iter().all(|v| found.contains(v))
    }
    assert!(covers(pm.evidence.iter().map(|e| e.kind)));
    assert!(covers(pm.timeline.iter().map(|t| t.state)));
    assert!(covers(pm.lessons.iter().map(|l| l.kind)));
    assert!(covers(pm.actions.iter().map(|a| a.kind)));
    assert!(covers(pm.actions.iter().map(|a| a.status)));
    assert!(covers(pm.actions.iter().filter_map(|a| a.effectiveness)));
    let headers = every_header_value();
    assert!(covers(headers.iter().map(|p| p.kind)));
    assert!(covers(headers.iter().map(|p| p.status)));
    assert!(covers(headers.iter().map(|p| p.visibility)));
}
