//! SQLite store under concurrent writers: a purge that reads before it writes must wait for
//! another connection's write instead of failing, and a worker that finishes parsing a job
//! purged in the meantime must not bring it back.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::time::Duration;

use chrono::Utc;
use layer1::store::sqlite::{SqliteStore, connect, migrate};
use layer1::store::{JobRecord, JobStore, LifecycleStore, UserStore};
use sqlx::Connection;
use uuid::Uuid;

async fn open_store(dir: &std::path::Path) -> (SqliteStore, String) {
    let url = format!("sqlite://{}", dir.join("layer1.db").display());
    let pool = connect(&url).await.unwrap();
    migrate(&pool).await.unwrap();
    (SqliteStore::new(pool), url)
}

fn job(user_id: Uuid, title: &str) -> JobRecord {
    let now = Utc::now();
    JobRecord {
        id: Uuid::new_v4(),
        user_id,
        title: title.to_owned(),
        source: "text".to_owned(),
        filename: None,
        mime_type: None,
        storage_path: None,
        raw_text: Some("Rust and PostgreSQL required.".to_owned()),
        status: "queued".to_owned(),
        parsed_summary: None,
        error_message: None,
        created_at: now,
        updated_at: now,
    }
}

#[tokio::test]
async fn purge_waits_for_a_concurrent_writer() {
    let dir = tempfile::tempdir().unwrap();
    let (store, url) = open_store(dir.path()).await;
    let user = store.ensure_user("auth0|purge-race", 10).await.unwrap();
    let target = job(user.id, "Target");
    let other = job(user.id, "Other");
    store.insert_job(&target).await.unwrap();
    store.insert_job(&other).await.unwrap();

    // Another connection holds the write lock and commits while the purge is under way.
    let mut writer = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut writer)
        .await
        .unwrap();
    sqlx::query("UPDATE job_descriptions SET title = 'Renamed' WHERE id = ?1")
        .bind(other.id.to_string())
        .execute(&mut writer)
        .await
        .unwrap();
    let purge = tokio::spawn({
        let store = store.clone();
        async move { store.purge_job(user.id, target.id).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    sqlx::query("COMMIT").execute(&mut writer).await.unwrap();

    let purged = purge.await.unwrap().expect("purge waits for the lock");
    assert!(purged.is_some(), "the job existed");
    assert!(store.job_by_id(target.id).await.unwrap().is_none());
    assert_eq!(
        store.job_by_id(other.id).await.unwrap().unwrap().title,
        "Renamed"
    );
}

#[tokio::test]
async fn completing_a_purged_job_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open_store(dir.path()).await;
    let user = store.ensure_user("auth0|purge-complete", 10).await.unwrap();
    let record = job(user.id, "Gone");
    store.insert_job(&record).await.unwrap();
    store.purge_job(user.id, record.id).await.unwrap().unwrap();

    store
        .complete_job(record.id, &serde_json::json!({"title": "Gone"}), &[], &[])
        .await
        .expect("completing a purged job is not an error");

    assert!(store.job_by_id(record.id).await.unwrap().is_none());
    assert!(store.job_requirements(record.id).await.unwrap().is_empty());
}
