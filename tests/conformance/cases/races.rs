//! Concurrent writers: purges racing workers, and repeated deliveries of one match.

use std::sync::Arc;

use layer1::store::Store;
use serde_json::json;

use crate::conformance::fixtures::{
    at_minute, job, match_request, requirement, resume, resume_job_and_match, skill, soft_skill,
    user,
};

/// Rounds per race. Each round starts the writers at once.
const ROUNDS: usize = 10;

pub(crate) async fn purge_and_complete_document_race(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    for _ in 0..ROUNDS {
        let resume = resume(owner.id, at_minute(0));
        let job = job(owner.id, at_minute(0));
        store.insert_resume(&resume).await.unwrap();
        store.insert_job(&job).await.unwrap();

        let complete_resume = tokio::spawn({
            let store = store.clone();
            async move {
                let skills = [skill("rust", 2.0, 0.5), skill("sql", 1.0, 0.4)];
                store.complete_resume(resume.id, &json!({}), &skills).await
            }
        });
        let complete_job = tokio::spawn({
            let store = store.clone();
            async move {
                let requirements = [requirement("rust", 1.0, false)];
                let soft_skills = [soft_skill("communication", 0.5)];
                store
                    .complete_job(job.id, &json!({}), &requirements, &soft_skills)
                    .await
            }
        });
        let purge_resume = tokio::spawn({
            let store = store.clone();
            async move { store.purge_resume(owner.id, resume.id).await }
        });
        let purge_job = tokio::spawn({
            let store = store.clone();
            async move { store.purge_job(owner.id, job.id).await }
        });

        complete_resume.await.unwrap().unwrap();
        complete_job.await.unwrap().unwrap();
        assert!(purge_resume.await.unwrap().unwrap().is_some());
        assert!(purge_job.await.unwrap().unwrap().is_some());
        assert!(store.resume_by_id(resume.id).await.unwrap().is_none());
        assert!(store.resume_skills(resume.id).await.unwrap().is_empty());
        assert!(store.job_by_id(job.id).await.unwrap().is_none());
        assert!(store.job_requirements(job.id).await.unwrap().is_empty());
        assert!(store.job_soft_skills(job.id).await.unwrap().is_empty());
    }
}

pub(crate) async fn purge_and_complete_match_race(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    for _ in 0..ROUNDS {
        let (resume, _, request) = resume_job_and_match(&*store, &owner).await;

        let complete = tokio::spawn({
            let store = store.clone();
            async move {
                store
                    .complete_match(request.id, 0.5, &json!({"overall_match_score": 0.5}))
                    .await
            }
        });
        let purge = tokio::spawn({
            let store = store.clone();
            async move { store.purge_resume(owner.id, resume.id).await }
        });

        let purged = purge.await.unwrap().unwrap();
        let completed = complete.await.unwrap();
        assert!(purged.is_some());
        assert!(store.match_by_id(request.id).await.unwrap().is_none());
        // A completion that ran first wrote a result that the purge removed. One that ran
        // second found no request and failed.
        if let Ok(result_id) = completed {
            assert!(store.match_result(result_id).await.unwrap().is_none());
        }
    }
}

pub(crate) async fn concurrent_purges_of_shared_matches(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    for _ in 0..ROUNDS {
        let (resume, job, first) = resume_job_and_match(&*store, &owner).await;
        let mut requests = vec![first];
        for minute in 2..5 {
            let request = match_request(owner.id, resume.id, job.id, at_minute(minute));
            store.insert_match(&request).await.unwrap();
            requests.push(request);
        }
        let mut results = Vec::new();
        for request in &requests[..2] {
            let result = store
                .complete_match(request.id, 0.4, &json!({}))
                .await
                .unwrap();
            results.push(result);
        }

        let purge_resume = tokio::spawn({
            let store = store.clone();
            async move { store.purge_resume(owner.id, resume.id).await }
        });
        let purge_job = tokio::spawn({
            let store = store.clone();
            async move { store.purge_job(owner.id, job.id).await }
        });

        assert!(purge_resume.await.unwrap().unwrap().is_some());
        assert!(purge_job.await.unwrap().unwrap().is_some());
        for request in &requests {
            assert!(store.match_by_id(request.id).await.unwrap().is_none());
        }
        for result in results {
            assert!(store.match_result(result).await.unwrap().is_none());
        }
    }
}

pub(crate) async fn concurrent_completions_keep_one_result(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let (_, _, request) = resume_job_and_match(&*store, &owner).await;

    let deliveries: Vec<_> = (0..6)
        .map(|delivery| {
            let store = store.clone();
            tokio::spawn(async move {
                let score = f64::from(delivery) / 10.0;
                store
                    .complete_match(request.id, score, &json!({"delivery": delivery}))
                    .await
            })
        })
        .collect();
    let mut result_ids = Vec::new();
    for delivery in deliveries {
        result_ids.push(delivery.await.unwrap().unwrap());
    }

    let stored = store.match_by_id(request.id).await.unwrap().unwrap();
    assert_eq!(stored.status, "completed");
    let result_id = stored.result_id.unwrap();
    assert!(
        result_ids.iter().all(|id| *id == result_id),
        "every delivery wrote the same result row: {result_ids:?}"
    );
    assert!(store.match_result(result_id).await.unwrap().is_some());
}
