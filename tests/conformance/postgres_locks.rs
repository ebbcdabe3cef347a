//! PostgreSQL-only behaviour: row locks make a purge wait for a worker that is completing the
//! same document, the way SQLite's write lock does.

use std::time::Duration;

use layer1::store::{JobStore, LifecycleStore, UserStore};
use serde_json::json;
use sqlx::Connection;

use super::backends::postgres_store;
use super::fixtures::{at_minute, job, requirement};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn purge_waits_for_open_completion() {
    let Some((store, cleanup)) = postgres_store().await else {
        return;
    };
    let owner = store.ensure_user("auth0|owner", 10).await.unwrap();
    let record = job(owner.id, at_minute(0));
    store.insert_job(&record).await.unwrap();
    store
        .complete_job(
            record.id,
            &json!({}),
            &[requirement("rust", 1.0, false)],
            &[],
        )
        .await
        .unwrap();

    // Another connection holds the lock that a completion takes, as a worker would.
    let mut worker = store.pool().acquire().await.unwrap().detach();
    let mut completion = worker.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM job_descriptions WHERE id = $1 FOR NO KEY UPDATE")
        .bind(record.id)
        .execute(&mut *completion)
        .await
        .unwrap();
    let purge = tokio::spawn({
        let store = store.clone();
        async move { store.purge_job(owner.id, record.id).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let waited = !purge.is_finished();
    completion.commit().await.unwrap();
    let purged = purge.await.unwrap().unwrap();
    let requirements = store.job_requirements(record.id).await.unwrap();
    drop(worker);
    drop(store);
    cleanup.await;

    assert!(waited, "the purge waits for the row lock");
    assert!(purged.is_some());
    assert!(requirements.is_empty());
}
