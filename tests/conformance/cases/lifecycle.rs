//! Keyset pages, re-queueing, purging and the retention listing.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use layer1::store::{
    DocumentKind, DocumentStatus, DocumentVectors, ExpiredItem, ItemKind, ListPage, MatchStatus,
    PurgedItem, RequeueOutcome, Store,
};
use serde_json::json;
use uuid::Uuid;

use crate::conformance::fixtures::{
    at_minute, job, match_request, now, requirement, resume, resume_job_and_match, skill,
    soft_skill, user,
};

/// Walks a list in pages of `limit` rows, each starting after the last row of the previous
/// one, until a page comes back short. Returns the ids of every page.
async fn walk<T, F, Fut>(
    limit: u32,
    mut fetch: F,
    key: impl Fn(&T) -> (DateTime<Utc>, Uuid),
) -> Vec<Vec<Uuid>>
where
    F: FnMut(ListPage) -> Fut,
    Fut: std::future::Future<Output = Vec<T>>,
{
    let mut pages = Vec::new();
    let mut before = None;
    loop {
        let page = fetch(ListPage {
            limit: Some(limit),
            before,
        })
        .await;
        pages.push(page.iter().map(|row| key(row).1).collect::<Vec<_>>());
        match page.last() {
            Some(last) if page.len() == limit as usize => before = Some(key(last)),
            _ => return pages,
        }
    }
}

pub(crate) async fn pages_walk_newest_first(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let resumes: Vec<_> = (0..5)
        .map(|minute| resume(owner.id, at_minute(minute)))
        .collect();
    for record in &resumes {
        store.insert_resume(record).await.unwrap();
    }
    let jobs: Vec<_> = (0..3)
        .map(|minute| job(owner.id, at_minute(minute)))
        .collect();
    for record in &jobs {
        store.insert_job(record).await.unwrap();
    }
    let requests: Vec<_> = (0..3)
        .map(|minute| match_request(owner.id, resumes[0].id, jobs[0].id, at_minute(minute)))
        .collect();
    for record in &requests {
        store.insert_match(record).await.unwrap();
    }

    let resume_pages = walk(
        2,
        |page| {
            let store = store.clone();
            async move { store.resume_page(owner.id, page).await.unwrap() }
        },
        |record| (record.created_at, record.id),
    )
    .await;
    let job_pages = walk(
        2,
        |page| {
            let store = store.clone();
            async move { store.job_page(owner.id, page).await.unwrap() }
        },
        |record| (record.created_at, record.id),
    )
    .await;
    let match_pages = walk(
        2,
        |page| {
            let store = store.clone();
            async move { store.match_page(owner.id, page).await.unwrap() }
        },
        |record| (record.created_at, record.id),
    )
    .await;
    let everything = store
        .resume_page(owner.id, ListPage::default())
        .await
        .unwrap();

    assert_eq!(
        resume_pages,
        [
            vec![resumes[4].id, resumes[3].id],
            vec![resumes[2].id, resumes[1].id],
            vec![resumes[0].id],
        ]
    );
    assert_eq!(job_pages, [vec![jobs[2].id, jobs[1].id], vec![jobs[0].id]]);
    assert_eq!(
        match_pages,
        [vec![requests[2].id, requests[1].id], vec![requests[0].id]]
    );
    let all: Vec<Uuid> = everything.iter().map(|record| record.id).collect();
    assert_eq!(
        all,
        resumes
            .iter()
            .rev()
            .map(|record| record.id)
            .collect::<Vec<_>>()
    );
    let other = user(&*store, "auth0|other", 10).await;
    let foreign = store
        .resume_page(other.id, ListPage::default())
        .await
        .unwrap();
    assert!(foreign.is_empty());
}

pub(crate) async fn pages_with_equal_times_return_each_row_once(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let jobs: Vec<_> = (0..7).map(|_| job(owner.id, at_minute(0))).collect();
    for record in &jobs {
        store.insert_job(record).await.unwrap();
    }

    let pages = walk(
        3,
        |page| {
            let store = store.clone();
            async move { store.job_page(owner.id, page).await.unwrap() }
        },
        |record| (record.created_at, record.id),
    )
    .await;

    let lengths: Vec<usize> = pages.iter().map(Vec::len).collect();
    assert_eq!(lengths, [3, 3, 1]);
    let seen: HashSet<Uuid> = pages.iter().flatten().copied().collect();
    let expected: HashSet<Uuid> = jobs.iter().map(|record| record.id).collect();
    assert_eq!(seen, expected);
}

pub(crate) async fn requeue_only_requeues_failures(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let (resume, job, request) = resume_job_and_match(&*store, &owner).await;

    let queued = store
        .requeue_failed(ItemKind::Resume, owner.id, resume.id)
        .await
        .unwrap();
    store
        .set_resume_status(resume.id, DocumentStatus::Error, Some("unreadable"))
        .await
        .unwrap();
    let foreign = store
        .requeue_failed(ItemKind::Resume, other.id, resume.id)
        .await
        .unwrap();
    let requeued = store
        .requeue_failed(ItemKind::Resume, owner.id, resume.id)
        .await
        .unwrap();

    assert_eq!(queued, RequeueOutcome::NotFailed);
    assert_eq!(foreign, RequeueOutcome::NotFound);
    assert_eq!(requeued, RequeueOutcome::Requeued);
    let stored = store.resume_by_id(resume.id).await.unwrap().unwrap();
    assert_eq!(stored.status, "queued");
    assert_eq!(stored.error_message, None);
    let missing = store
        .requeue_failed(ItemKind::Job, owner.id, Uuid::new_v4())
        .await
        .unwrap();
    assert_eq!(missing, RequeueOutcome::NotFound);

    store
        .set_job_status(job.id, DocumentStatus::Error, Some("empty"))
        .await
        .unwrap();
    let job_requeued = store
        .requeue_failed(ItemKind::Job, owner.id, job.id)
        .await
        .unwrap();
    assert_eq!(job_requeued, RequeueOutcome::Requeued);
    assert_eq!(
        store.job_by_id(job.id).await.unwrap().unwrap().status,
        "queued"
    );

    store
        .set_match_status(request.id, MatchStatus::Running, None)
        .await
        .unwrap();
    let running = store
        .requeue_failed(ItemKind::Match, owner.id, request.id)
        .await
        .unwrap();
    store
        .set_match_status(request.id, MatchStatus::Failed, Some("timed out"))
        .await
        .unwrap();
    let match_requeued = store
        .requeue_failed(ItemKind::Match, owner.id, request.id)
        .await
        .unwrap();
    assert_eq!(running, RequeueOutcome::NotFailed);
    assert_eq!(match_requeued, RequeueOutcome::Requeued);
    let stored = store.match_by_id(request.id).await.unwrap().unwrap();
    assert_eq!(stored.status, "queued");
    assert_eq!(stored.error_message, None);

    store
        .set_job_status(job.id, DocumentStatus::Error, Some("empty"))
        .await
        .unwrap();
    store.delete_job(owner.id, job.id).await.unwrap();
    let deleted = store
        .requeue_failed(ItemKind::Job, owner.id, job.id)
        .await
        .unwrap();
    assert_eq!(
        deleted,
        RequeueOutcome::NotFound,
        "a deleted job is not requeued"
    );
}

fn vectors_of(texts: &[&str]) -> DocumentVectors {
    DocumentVectors {
        model_id: "test-model".to_owned(),
        profile: vec![0.6, 0.8],
        items: texts
            .iter()
            .map(|text| ((*text).to_owned(), vec![1.0, 0.0]))
            .collect(),
    }
}

pub(crate) async fn purge_resume_removes_everything(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let (resume, job, request) = resume_job_and_match(&*store, &owner).await;
    let skills = [skill("rust", 3.0, 0.7)];
    store
        .complete_resume(resume.id, &json!({"profile": {}}), &skills)
        .await
        .unwrap();
    store
        .put_vectors(DocumentKind::Resume, resume.id, &vectors_of(&["rust"]))
        .await
        .unwrap();
    store
        .put_vectors(DocumentKind::Job, job.id, &vectors_of(&["go"]))
        .await
        .unwrap();
    let result = store
        .complete_match(request.id, 0.5, &json!({"overall_match_score": 0.5}))
        .await
        .unwrap();

    let by_other = store.purge_resume(other.id, resume.id).await.unwrap();
    assert_eq!(by_other, None);
    assert!(store.resume_by_id(resume.id).await.unwrap().is_some());

    store.delete_resume(owner.id, resume.id).await.unwrap();
    let purged = store.purge_resume(owner.id, resume.id).await.unwrap();
    let again = store.purge_resume(owner.id, resume.id).await.unwrap();

    assert_eq!(
        purged,
        Some(PurgedItem {
            storage_path: Some(resume.storage_path.clone())
        }),
        "a soft-deleted resume is purged too"
    );
    assert_eq!(again, None);
    assert!(store.resume_skills(resume.id).await.unwrap().is_empty());
    let vectors = store
        .vectors(DocumentKind::Resume, resume.id)
        .await
        .unwrap();
    assert!(vectors.is_none());
    assert!(store.match_by_id(request.id).await.unwrap().is_none());
    assert!(store.match_result(result).await.unwrap().is_none());
    assert!(store.list_matches(owner.id).await.unwrap().is_empty());
    assert!(
        store.job_by_id(job.id).await.unwrap().is_some(),
        "the job stays"
    );
    let job_vectors = store.vectors(DocumentKind::Job, job.id).await.unwrap();
    assert_eq!(job_vectors, Some(vectors_of(&["go"])));
}

pub(crate) async fn purge_job_removes_everything(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let (resume, job, request) = resume_job_and_match(&*store, &owner).await;
    let skills = [skill("rust", 3.0, 0.7)];
    store
        .complete_resume(resume.id, &json!({}), &skills)
        .await
        .unwrap();
    store
        .complete_job(
            job.id,
            &json!({"title": "Backend"}),
            &[requirement("rust", 1.0, false)],
            &[soft_skill("communication", 0.5)],
        )
        .await
        .unwrap();
    store
        .put_vectors(DocumentKind::Job, job.id, &vectors_of(&["rust"]))
        .await
        .unwrap();
    let result = store
        .complete_match(request.id, 0.9, &json!({"overall_match_score": 0.9}))
        .await
        .unwrap();

    let by_other = store.purge_job(other.id, job.id).await.unwrap();
    assert_eq!(by_other, None);
    assert!(store.job_by_id(job.id).await.unwrap().is_some());

    let purged = store.purge_job(owner.id, job.id).await.unwrap();
    let again = store.purge_job(owner.id, job.id).await.unwrap();

    assert_eq!(purged, Some(PurgedItem { storage_path: None }));
    assert_eq!(again, None);
    assert!(store.job_by_id(job.id).await.unwrap().is_none());
    assert!(store.job_requirements(job.id).await.unwrap().is_empty());
    assert!(store.job_soft_skills(job.id).await.unwrap().is_empty());
    assert!(
        store
            .vectors(DocumentKind::Job, job.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.match_by_id(request.id).await.unwrap().is_none());
    assert!(store.match_result(result).await.unwrap().is_none());
    assert!(
        store.resume_by_id(resume.id).await.unwrap().is_some(),
        "the resume stays"
    );
    assert_eq!(store.resume_skills(resume.id).await.unwrap().len(), 1);
}

pub(crate) async fn completing_purged_documents_writes_nothing(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let resume = resume(owner.id, at_minute(0));
    let job = job(owner.id, at_minute(0));
    store.insert_resume(&resume).await.unwrap();
    store.insert_job(&job).await.unwrap();
    store
        .purge_resume(owner.id, resume.id)
        .await
        .unwrap()
        .unwrap();
    store.purge_job(owner.id, job.id).await.unwrap().unwrap();

    store
        .complete_resume(resume.id, &json!({}), &[skill("rust", 1.0, 0.5)])
        .await
        .unwrap();
    store
        .complete_job(job.id, &json!({}), &[requirement("rust", 1.0, false)], &[])
        .await
        .unwrap();

    assert!(store.resume_by_id(resume.id).await.unwrap().is_none());
    assert!(store.resume_skills(resume.id).await.unwrap().is_empty());
    assert!(store.job_by_id(job.id).await.unwrap().is_none());
    assert!(store.job_requirements(job.id).await.unwrap().is_empty());
}

pub(crate) async fn expired_items_lists_old_documents(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let now = now();
    let old = now - Duration::days(100);
    let old_resume = resume(owner.id, old);
    let old_deleted_resume = resume(other.id, old);
    let new_resume = resume(owner.id, now);
    let old_job = job(owner.id, old);
    let new_job = job(other.id, now);
    for record in [&old_resume, &old_deleted_resume, &new_resume] {
        store.insert_resume(record).await.unwrap();
    }
    store.insert_job(&old_job).await.unwrap();
    store.insert_job(&new_job).await.unwrap();
    store
        .delete_resume(other.id, old_deleted_resume.id)
        .await
        .unwrap();
    let cutoff = now - Duration::days(30);

    let expired = store.expired_items(cutoff, 100).await.unwrap();
    let limited = store.expired_items(cutoff, 2).await.unwrap();
    let none = store
        .expired_items(old - Duration::seconds(1), 100)
        .await
        .unwrap();

    let expected: HashSet<(&str, Uuid, Uuid)> = [
        ("resume", owner.id, old_resume.id),
        ("resume", other.id, old_deleted_resume.id),
        ("job", owner.id, old_job.id),
    ]
    .into_iter()
    .collect();
    let key = |item: &ExpiredItem| {
        let kind = match item.kind {
            ItemKind::Resume => "resume",
            ItemKind::Job => "job",
            ItemKind::Match => "match",
        };
        (kind, item.user_id, item.id)
    };
    let found: HashSet<_> = expired.iter().map(key).collect();
    assert_eq!(expired.len(), 3);
    assert_eq!(found, expected);
    assert_eq!(limited.len(), 2);
    assert!(limited.iter().all(|item| expected.contains(&key(item))));
    assert!(none.is_empty());
}
