//! Fills a database for the load benchmark: a "bench" administrator with an
//! API token, and COUNT organisation-wide post-mortems of realistic size.
//! `cargo run --release -p retrospect-web --example seed -- DATABASE_URL COUNT`
//! prints `TOKEN=… PM=…` (a post-mortem in the middle) on its last line.

use retrospect_domain::{
    ActionItem, Kind, LessonKind, PostMortem, TimelineEntry, Timestamp, Visibility,
};
use retrospect_store::{NewApiToken, NewUser, Role};
use sha2::{Digest, Sha256};

fn postmortem(n: usize, now: Timestamp) -> anyhow::Result<PostMortem> {
    let mut pm = PostMortem::new(
        &format!("Checkout latency incident #{n}"),
        Kind::Incident,
        now,
    )?;
    pm.author = Some("bench".into());
    pm.visibility = Visibility::Organisation;
    pm.summary = "Between 14:02 and 14:51 UTC the checkout service answered slowly; about 4% of orders timed out. \
                  A connection pool limit that was lowered in a configuration change met the evening traffic peak."
        .into();
    pm.impact = "About 1,900 customers saw errors at checkout; no data was lost.".into();
    for i in 0..20 {
        let at = now - jiff::SignedDuration::from_mins(60 - i * 2);
        pm.add_entry(TimelineEntry::new(
            at,
            &format!(
                "Step {i}: the dashboard showed p99 latency at {} ms",
                200 + i * 40
            ),
        )?)?;
    }
    let root = pm.add_cause(
        None,
        "The connection pool ran out under peak load",
        Some("Equipment"),
    )?;
    let why = pm.add_cause(
        Some(root),
        "The pool limit had been lowered from 200 to 50 in a config change",
        Some("Process"),
    )?;
    pm.add_cause(
        Some(why),
        "The config review did not show the effective values",
        Some("Process"),
    )?;
    pm.add_cause(
        Some(root),
        "No alert watched pool saturation",
        Some("Measurement"),
    )?;
    pm.add_lesson(
        LessonKind::WentRight,
        "Paging reached the on-call engineer within two minutes",
    )?;
    pm.add_lesson(
        LessonKind::Learned,
        "Effective configuration values need to be visible in review",
    )?;
    for i in 0..5 {
        let mut a = ActionItem::new(&format!(
            "Add an alert when pool use exceeds 80% on service {i}"
        ))?;
        a.owner = Some("bench".into());
        a.due = Some(jiff::civil::date(2031, 1, 1 + i as i8));
        a.success_criterion = Some("The alert fires in the staging load test".into());
        a.causes = vec![root];
        pm.add_action(a)?;
    }
    pm.add_comment("bench", now, None, "Thanks for the clear timeline.")?;
    Ok(pm)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: seed DATABASE_URL COUNT"))?;
    let count: usize = args.next().unwrap_or_else(|| "10000".into()).parse()?;
    let store = retrospect_web::open_store(&url).await?;
    let now = Timestamp::now();
    let user = match store.user_by_username("bench").await? {
        Some(u) => u,
        None => {
            let hash = retrospect_web::hash_password("bench password, not secret")?;
            store
                .create_user(&NewUser {
                    username: "bench".into(),
                    display_name: "Bench".into(),
                    email: None,
                    password_hash: hash,
                    role: Role::Administrator,
                })
                .await?
        }
    };
    let token = retrospect_web::random_token()?;
    store
        .create_api_token(&NewApiToken {
            token_hash: hex::encode(Sha256::digest(token.as_bytes())),
            user_id: user.id,
            name: "load benchmark".into(),
            created_at: now,
            expires_at: None,
        })
        .await?;
    let existing = store
        .list(&retrospect_store::ListFilter::default())
        .await?
        .len();
    let mut ids = Vec::new();
    let mut made = existing;
    while made < count {
        let batch: Vec<PostMortem> = (made..(made + 500).min(count))
            .map(|n| postmortem(n, now))
            .collect::<anyhow::Result<_>>()?;
        made += batch.len();
        ids.extend(store.create_many(&batch).await?.into_iter().map(|p| p.id));
        eprintln!("{made} post-mortems stored");
    }
    let all = store.list(&retrospect_store::ListFilter::default()).await?;
    let middle = all.get(all.len() / 2).map(|s| s.id).unwrap_or(0);
    println!("TOKEN={token} PM={middle} COUNT={}", all.len());
    Ok(())
}
