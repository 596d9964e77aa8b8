//! What only the embedded SQLite store has: a file on disk that must survive
//! being closed, killed mid-write, or being the wrong kind of file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use retrospect_domain::{LessonKind, PostMortem, TimelineEntry};
use retrospect_store::sqlite::SqliteStore;
use retrospect_store::{ListFilter, Store, StoreError};
use sqlx::Connection;

use crate::fixtures::{full, instant};

async fn open(path: &std::path::Path) -> SqliteStore {
    SqliteStore::open(path)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn closing_and_reopening_the_file_keeps_everything() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("a").join("b").join("retrospect.db");
    let store = open(&path).await;
    let saved = store
        .create(&full())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let updated = store.update(&saved).await.unwrap_or_else(|e| panic!("{e}"));
    store.close().await;
    drop(store);

    let reopened = open(&path).await;
    assert_eq!(reopened.get(saved.id).await.ok(), Some(updated));
    let mut raw = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mode: (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut raw)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mode.0, "wal");
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("notes.db");
    let content = b"These are my notes, not a database.\n".repeat(200);
    std::fs::write(&path, &content).unwrap_or_else(|e| panic!("{e}"));
    match SqliteStore::open(&path).await {
        Err(StoreError::Open { location, reason }) => {
            assert_eq!(location, path.display().to_string());
            assert!(reason.contains("not a database"), "{reason}");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|_| "a store")),
    }
    assert_eq!(
        std::fs::read(&path).ok(),
        Some(content),
        "the file must not be changed"
    );
}

#[tokio::test]
async fn a_folder_that_cannot_be_created_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let blocker = dir.path().join("plain-file");
    std::fs::write(&blocker, "x").unwrap_or_else(|e| panic!("{e}"));
    let path = blocker.join("retrospect.db");
    match SqliteStore::open(&path).await {
        Err(StoreError::Open { location, reason }) => {
            assert_eq!(location, path.display().to_string());
            assert!(reason.contains("could not create the folder"), "{reason}");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|_| "a store")),
    }
}

#[tokio::test]
async fn the_in_memory_store_works_for_tests() {
    let store = SqliteStore::in_memory()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let saved = store
        .create(&full())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.get(saved.id).await.ok(), Some(saved));
    assert_eq!(
        store
            .list(&ListFilter::default())
            .await
            .map(|l| l.len())
            .ok(),
        Some(1)
    );
}

const KILL_DB_VAR: &str = "RETROSPECT_KILL_TEST_DB";
const KILL_HELPER: &str = "sqlite_only::kill_helper_writes_until_killed";

/// What version `v` of the killed writer's post-mortem contains: a whole
/// version, or the test fails.
fn state_at(version: i64) -> (String, usize) {
    (version.to_string(), version as usize - 1)
}

fn check_whole(pm: &PostMortem) {
    let (summary, entries) = state_at(pm.version);
    assert_eq!(
        pm.summary, summary,
        "the summary belongs to another version"
    );
    assert_eq!(
        pm.timeline.len(),
        entries,
        "the timeline belongs to another version"
    );
    assert_eq!(
        pm.lessons.len(),
        entries,
        "the lessons belong to another version"
    );
}

/// Kills a writer process (SIGKILL, no chance to clean up) at arbitrary
/// moments of its saves, three times; every save it reported as committed must
/// be there afterwards, and what is there is always one whole version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committed_saves_survive_a_kill() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("killed.db");
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut reported = 0;
    for (round, kill_after) in [7, 23, 41].into_iter().enumerate() {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                KILL_HELPER,
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(KILL_DB_VAR, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the writer: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut seen_this_round = 0;
        let mut killed = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(version) = line
                .strip_prefix("committed ")
                .and_then(|v| v.trim().parse::<i64>().ok())
            {
                reported = reported.max(version);
                seen_this_round += 1;
                if seen_this_round >= kill_after && !killed {
                    child.kill().unwrap_or_else(|e| panic!("{e}"));
                    killed = true;
                }
            }
        }
        let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            killed,
            "round {round}: the writer stopped by itself ({status}) after {seen_this_round} saves"
        );

        let store = open(&path).await;
        let listed = store
            .list(&ListFilter::default())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(listed.len(), 1);
        let pm = store
            .get(listed[0].id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            pm.version == reported || pm.version == reported + 1,
            "round {round}: version {} stored, {reported} reported committed",
            pm.version
        );
        check_whole(&pm);
        store.close().await;
        let mut raw = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let check: (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(&mut raw)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check.0, "ok");
        let dangling: Vec<(String,)> = sqlx::query_as("PRAGMA foreign_key_check")
            .fetch_all(&mut raw)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(dangling.is_empty(), "{dangling:?}");
        reported = pm.version;
    }
}

/// The writer process of `committed_saves_survive_a_kill`: it saves as fast
/// as it can and prints each version once its save has returned.
#[tokio::test]
#[ignore = "a helper process started by committed_saves_survive_a_kill"]
async fn kill_helper_writes_until_killed() {
    let Some(path) = std::env::var_os(KILL_DB_VAR) else {
        eprintln!("this helper only runs inside committed_saves_survive_a_kill");
        return;
    };
    let store = open(std::path::Path::new(&path)).await;
    let listed = store
        .list(&ListFilter::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut pm = match listed.first() {
        Some(summary) => store
            .get(summary.id)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        None => {
            let mut first = full();
            first.timeline.clear();
            first.lessons.clear();
            first
                .causes
                .iter_mut()
                .for_each(|c| c.timeline_refs.clear());
            first.summary = state_at(1).0;
            let created = store.create(&first).await.unwrap_or_else(|e| panic!("{e}"));
            println!("committed {}", created.version);
            created
        }
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while std::time::Instant::now() < deadline {
        pm.summary = state_at(pm.version + 1).0;
        pm.add_entry(
            TimelineEntry::new(instant(1_700_000_000 + pm.version), "another minute passed")
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        pm.add_lesson(LessonKind::Learned, &format!("lesson {}", pm.version))
            .unwrap_or_else(|e| panic!("{e}"));
        pm = store.update(&pm).await.unwrap_or_else(|e| panic!("{e}"));
        println!("committed {}", pm.version);
    }
}
