//! Match requests and results.

use std::sync::Arc;

use layer1::store::{MatchStatus, Store};
use serde_json::json;
use uuid::Uuid;

use crate::conformance::fixtures::{
    assert_same_match, at_minute, match_request, now, resume_job_and_match, user,
};

pub(crate) async fn match_round_trips_with_ownership(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let (resume, job, older) = resume_job_and_match(&*store, &owner).await;
    let newer = match_request(owner.id, resume.id, job.id, at_minute(2));
    store.insert_match(&newer).await.unwrap();

    let stored = store
        .match_record(owner.id, older.id)
        .await
        .unwrap()
        .unwrap();
    let by_id = store.match_by_id(newer.id).await.unwrap().unwrap();
    let listed = store.list_matches(owner.id).await.unwrap();

    assert_same_match(&stored, &older);
    assert_same_match(&by_id, &newer);
    assert!(
        store
            .match_record(other.id, older.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.match_by_id(Uuid::new_v4()).await.unwrap().is_none());
    let ids: Vec<Uuid> = listed.iter().map(|record| record.id).collect();
    assert_eq!(ids, [newer.id, older.id]);
    assert!(store.list_matches(other.id).await.unwrap().is_empty());
}

pub(crate) async fn match_status_changes(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let (_, _, request) = resume_job_and_match(&*store, &owner).await;
    let before = now();

    store
        .set_match_status(request.id, MatchStatus::Running, None)
        .await
        .unwrap();
    let running = store.match_by_id(request.id).await.unwrap().unwrap();
    store
        .set_match_status(request.id, MatchStatus::Failed, Some("model missing"))
        .await
        .unwrap();
    let failed = store.match_by_id(request.id).await.unwrap().unwrap();

    assert_eq!(running.status, "running");
    assert_eq!(running.error_message, None);
    assert!(running.updated_at >= before, "updated_at moves forward");
    assert_eq!(failed.status, "failed");
    assert_eq!(failed.error_message.as_deref(), Some("model missing"));
    assert_eq!(failed.result_id, None);
}

pub(crate) async fn complete_match_twice_keeps_one_result(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let (_, _, request) = resume_job_and_match(&*store, &owner).await;
    let first_summary = json!({"overall_match_score": 0.75, "strengths": ["rust"]});
    let second_summary = json!({"overall_match_score": 0.5, "strengths": []});
    let before = now();

    let first = store
        .complete_match(request.id, 0.75, &first_summary)
        .await
        .unwrap();
    let completed = store.match_by_id(request.id).await.unwrap().unwrap();
    let first_result = store.match_result(first).await.unwrap().unwrap();
    store
        .set_match_status(request.id, MatchStatus::Failed, Some("redelivered"))
        .await
        .unwrap();
    let second = store
        .complete_match(request.id, 0.5, &second_summary)
        .await
        .unwrap();
    let recompleted = store.match_by_id(request.id).await.unwrap().unwrap();
    let second_result = store.match_result(second).await.unwrap().unwrap();

    assert_eq!(completed.status, "completed");
    assert_eq!(completed.result_id, Some(first));
    assert_eq!(completed.error_message, None);
    assert_eq!(first_result.id, first);
    assert_eq!(first_result.score, 0.75);
    assert_eq!(first_result.summary, first_summary);
    assert!(first_result.completed_at >= before);
    assert_eq!(second, first, "a second delivery reuses the result row");
    assert_eq!(recompleted.status, "completed");
    assert_eq!(recompleted.result_id, Some(first));
    assert_eq!(recompleted.error_message, None);
    assert_eq!(second_result.score, 0.5);
    assert_eq!(second_result.summary, second_summary);
    assert!(store.match_result(Uuid::new_v4()).await.unwrap().is_none());
}

pub(crate) async fn completing_unknown_match_fails(store: Arc<dyn Store>) {
    let result = store.complete_match(Uuid::new_v4(), 0.5, &json!({})).await;

    assert!(result.is_err(), "{result:?}");
}
