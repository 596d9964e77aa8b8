//! Measures the store on a realistic post-mortem (20 timeline entries, 6
//! causes, 5 actions, 4 lessons, 3 comments): create, update, get and list,
//! on SQLite (a temporary file) and, when `RETROSPECT_BENCH_DATABASE_URL` is
//! set, on that PostgreSQL database (which must be empty or disposable).
//!
//!     cargo run --release -p retrospect-store --example store_bench

use std::time::{Duration, Instant};

use retrospect_domain::{
    ActionItem, Kind, LessonKind, MomentKind, PartRef, PostMortem, TimelineEntry, Timestamp,
};
use retrospect_store::{ListFilter, Store, StoreError};

fn postmortem(n: usize) -> Result<PostMortem, retrospect_domain::DomainError> {
    let t0 = Timestamp::from_second(1_710_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
    let at = |s: i64| Timestamp::from_second(1_710_000_000 + s).unwrap_or(t0);
    let mut pm = PostMortem::new(
        &format!("Checkout latency incident #{n}"),
        Kind::Incident,
        t0,
    )?;
    pm.summary = "Checkout requests timed out for 40 minutes after a config change.".repeat(5);
    pm.impact = "About 3% of orders failed; no data was lost.".into();
    pm.author = Some("ana".into());
    pm.team = Some("payments".into());
    for i in 0..20 {
        let id = pm.add_entry(TimelineEntry::new(
            at(60 * i),
            &format!("Step {i} of the response"),
        )?)?;
        if i == 3 {
            pm.mark_entry_as_moment(id, MomentKind::Detected)?;
        }
    }
    let root = pm.add_cause(
        None,
        "Requests to the payment provider timed out",
        Some("Equipment/Tools"),
    )?;
    let mut parent = root;
    for why in [
        "The pool was too small",
        "The limit came from an old default",
        "No review of defaults",
    ] {
        parent = pm.add_cause(Some(parent), why, Some("Process"))?;
    }
    pm.add_cause(Some(root), "Retries multiplied the load", None)?;
    pm.add_cause(None, "The alert fired late", Some("Measurement"))?;
    for i in 0..5 {
        let mut action = ActionItem::new(&format!("Raise the pool limit and alert at 80% ({i})"))?;
        action.owner = Some(["ana", "bo", "cy"][i % 3].into());
        action.causes = vec![parent];
        pm.add_action(action)?;
    }
    for kind in [
        LessonKind::WentWrong,
        LessonKind::WentRight,
        LessonKind::Lucky,
        LessonKind::Learned,
    ] {
        pm.add_lesson(kind, "A lesson worth keeping")?;
    }
    for i in 0..3 {
        pm.add_comment(
            "bo",
            at(5000 + i),
            Some(PartRef::Cause(root)),
            "What made this hard to see?",
        )?;
    }
    Ok(pm)
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    let total: Duration = times.iter().sum();
    println!(
        "  {label:<32} n={:<5} median {:>9.3?}  p99 {:>9.3?}  ({:.0}/s)",
        times.len(),
        pick(0.5),
        pick(0.99),
        times.len() as f64 / total.as_secs_f64()
    );
}

async fn bench(name: &str, store: &dyn Store) -> Result<(), StoreError> {
    println!("{name}:");
    let mut created = Vec::new();
    let mut times = Vec::new();
    for n in 0..200 {
        let pm = postmortem(n)?;
        let start = Instant::now();
        created.push(store.create(&pm).await?);
        times.push(start.elapsed());
    }
    report("create", times);

    let mut current = created[0].clone();
    let mut times = Vec::new();
    for i in 0..300 {
        current.summary = format!("Revision {i}");
        let start = Instant::now();
        current = store.update(&current).await?;
        times.push(start.elapsed());
    }
    report("update (all parts rewritten)", times);

    let mut times = Vec::new();
    for pm in created.iter().cycle().take(1000) {
        let start = Instant::now();
        store.get(pm.id).await?;
        times.push(start.elapsed());
    }
    report("get (whole post-mortem)", times);

    let mut times = Vec::new();
    for _ in 0..100 {
        let start = Instant::now();
        store.list(&ListFilter::default()).await?;
        times.push(start.elapsed());
    }
    report("list (200 summaries)", times);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let sqlite = retrospect_store::sqlite::SqliteStore::open(dir.path().join("bench.db")).await?;
    bench("sqlite (WAL, synchronous=FULL)", &sqlite).await?;
    if let Ok(url) = std::env::var("RETROSPECT_BENCH_DATABASE_URL") {
        let pg = retrospect_store::postgres::PgStore::connect(&url).await?;
        bench("postgres", &pg).await?;
    }
    Ok(())
}
