//! Following up across post-mortems: action items by owner, open, overdue;
//! and lists restricted to what a reader may see.

use retrospect_domain::{ActionItem, ActionStatus, Kind, Participant, PostMortem, Visibility};
use retrospect_store::{ActionFilter, ListFilter, Reader};

use crate::fixtures::{day, simple};
use crate::harness::Ctx;

fn action(text: &str, owner: Option<&str>, due: Option<&str>, status: ActionStatus) -> ActionItem {
    let mut a = ActionItem::new(text).unwrap_or_else(|e| panic!("{e}"));
    a.owner = owner.map(str::to_string);
    a.due = due.map(day);
    a.status = status;
    a
}

fn with_actions(title: &str, actions: Vec<ActionItem>) -> PostMortem {
    let mut pm = simple(title);
    let cause = pm
        .add_cause(None, "The alert threshold was too high", None)
        .unwrap_or_else(|e| panic!("{e}"));
    for mut a in actions {
        a.causes = vec![cause];
        pm.add_action(a).unwrap_or_else(|e| panic!("{e}"));
    }
    pm
}

pub async fn actions_across_postmortems(ctx: &Ctx) {
    use ActionStatus::*;
    let first = with_actions(
        "Search outage",
        vec![
            action(
                "Add a canary for the indexer",
                Some("Zoë"),
                Some("2024-03-01"),
                Open,
            ),
            action(
                "Write the runbook for reindexing",
                Some("Sam"),
                Some("2024-05-01"),
                InProgress,
            ),
            action("Remove the old cluster", Some("zoë"), None, Done),
        ],
    );
    let second = with_actions(
        "Login slowdown",
        vec![
            action(
                "Cap the session table size",
                Some("ZOË"),
                Some("2024-04-01"),
                InProgress,
            ),
            action("Drop the legacy hash", None, Some("2024-01-15"), WontDo),
            action(
                "Alert on p99 login latency",
                Some("Sam"),
                Some("2024-02-01"),
                Open,
            ),
        ],
    );
    let saved = ctx
        .store
        .create_many(&[first, second])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let texts = |filter: ActionFilter| {
        let store = ctx.store.clone();
        async move {
            let rows = store
                .actions(&filter)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            rows.into_iter().map(|r| r.action.text).collect::<Vec<_>>()
        }
    };

    // Everything, oldest due date first, those without a date last.
    let all = ctx
        .store
        .actions(&ActionFilter::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let dues: Vec<_> = all
        .iter()
        .map(|r| r.action.due.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dues,
        [
            Some("2024-01-15"),
            Some("2024-02-01"),
            Some("2024-03-01"),
            Some("2024-04-01"),
            Some("2024-05-01"),
            None
        ]
        .map(|d| d.map(str::to_string))
    );
    let row = all
        .iter()
        .find(|r| r.action.text.starts_with("Cap the session"))
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(
        (row.postmortem_id, row.postmortem_title.as_str()),
        (saved[1].id, "Login slowdown")
    );
    assert_eq!(
        &row.action,
        saved[1].action(1).unwrap_or_else(|e| panic!("{e}")),
        "the whole action, causes included"
    );

    // Owners match ignoring case, beyond ASCII too.
    assert_eq!(
        texts(ActionFilter {
            owner: Some("zoë".into()),
            ..Default::default()
        })
        .await,
        [
            "Add a canary for the indexer",
            "Cap the session table size",
            "Remove the old cluster"
        ]
    );
    assert_eq!(
        texts(ActionFilter {
            owner: Some("Zoë".into()),
            open_only: true,
            ..Default::default()
        })
        .await,
        ["Add a canary for the indexer", "Cap the session table size"]
    );
    // Overdue: open or in progress, due strictly before the day.
    assert_eq!(
        texts(ActionFilter {
            overdue_on: Some(day("2024-04-01")),
            ..Default::default()
        })
        .await,
        ["Alert on p99 login latency", "Add a canary for the indexer"]
    );
    assert_eq!(
        texts(ActionFilter {
            owner: Some("sam".into()),
            overdue_on: Some(day("2024-06-01")),
            open_only: true
        })
        .await,
        [
            "Alert on p99 login latency",
            "Write the runbook for reindexing"
        ]
    );
    assert!(
        texts(ActionFilter {
            owner: Some("nobody".into()),
            ..Default::default()
        })
        .await
        .is_empty()
    );
}

/// A post-mortem for the visibility matrix.
fn visible(
    title: &str,
    kind: Kind,
    visibility: Visibility,
    author: &str,
    team: Option<&str>,
    participants: &[&str],
) -> PostMortem {
    let mut pm = simple(title);
    pm.kind = kind;
    pm.visibility = visibility;
    pm.author = Some(author.into());
    pm.team = team.map(str::to_string);
    pm.participants = participants
        .iter()
        .map(|p| Participant {
            name: p.to_string(),
            role: None,
        })
        .collect();
    pm.add_action(action(
        &format!("Action of {title}"),
        Some("Sam"),
        None,
        ActionStatus::Open,
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    pm
}

pub async fn readers_list_only_what_they_may_read(ctx: &Ctx) {
    use Kind::*;
    use Visibility::*;
    let pms = vec![
        visible(
            "ana personal",
            Personal,
            Organisation,
            "ana",
            Some("payments"),
            &["sam"],
        ),
        visible("ana team", Incident, Team, "Ana", Some("Payments"), &[]),
        visible(
            "bo private",
            Incident,
            Participants,
            "bo",
            Some("payments"),
            &["Sam"],
        ),
        visible("bo org", Project, Organisation, "bo", None, &[]),
        visible("cy team search", Incident, Team, "cy", Some("search"), &[]),
        visible("cy team none", Other, Team, "cy", None, &["ana"]),
    ];
    ctx.store
        .create_many(&pms)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let readers = [
        Reader::new("ana", &["payments".into()]),
        Reader::new("SAM", &[]),
        Reader::new("cy", &["PAYMENTS".into(), "search".into()]),
        Reader::new("dee", &["search".into()]),
        Reader::new("", &[]),
        Reader::new("root", &["payments".into(), "search".into()]),
    ];
    let expected_for = |reader: &Reader| {
        let mut titles: Vec<String> = pms
            .iter()
            .filter(|pm| reader.can_read(pm))
            .map(|pm| pm.title.clone())
            .collect();
        titles.sort();
        titles
    };
    for reader in &readers {
        let listed = ctx
            .store
            .list_readable(&ListFilter::default(), reader)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut titles: Vec<String> = listed.into_iter().map(|s| s.title).collect();
        titles.sort();
        assert_eq!(
            titles,
            expected_for(reader),
            "[{}] list for {reader:?}",
            ctx.backend()
        );

        let actions = ctx
            .store
            .actions_readable(&ActionFilter::default(), reader)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut from: Vec<String> = actions.into_iter().map(|r| r.postmortem_title).collect();
        from.sort();
        assert_eq!(
            from,
            expected_for(reader),
            "[{}] actions for {reader:?}",
            ctx.backend()
        );
    }
    // The rule itself, spelled out for the readers above.
    assert_eq!(
        expected_for(&readers[0]),
        ["ana personal", "ana team", "bo org", "cy team none"]
    );
    assert_eq!(expected_for(&readers[1]), ["bo org", "bo private"]);
    assert_eq!(
        expected_for(&readers[2]),
        ["ana team", "bo org", "cy team none", "cy team search"]
    );
    assert_eq!(expected_for(&readers[4]), ["bo org"]);
    assert_eq!(
        expected_for(&readers[5]),
        ["ana team", "bo org", "cy team search"]
    );
    // Filters still apply.
    let filtered = ctx
        .store
        .list_readable(
            &ListFilter {
                kind: Some(Incident),
                ..Default::default()
            },
            &readers[0],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        filtered.into_iter().map(|s| s.title).collect::<Vec<_>>(),
        ["ana team"]
    );
}
