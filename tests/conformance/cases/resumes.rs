//! Resumes and their skills.

use std::sync::Arc;

use layer1::store::{DocumentStatus, ListPage, Store};
use serde_json::json;
use uuid::Uuid;

use crate::conformance::fixtures::{
    assert_same_resume, assert_same_skills, at_minute, bare_skill, now, resume, skill, user,
};

pub(crate) async fn resume_round_trips(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let record = resume(owner.id, at_minute(0));

    store.insert_resume(&record).await.unwrap();

    let stored = store.resume(owner.id, record.id).await.unwrap().unwrap();
    assert_same_resume(&stored, &record);
    let by_id = store.resume_by_id(record.id).await.unwrap().unwrap();
    assert_same_resume(&by_id, &record);
    assert!(store.resume(other.id, record.id).await.unwrap().is_none());
    assert!(
        store
            .resume(owner.id, Uuid::new_v4())
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.resume_by_id(Uuid::new_v4()).await.unwrap().is_none());
}

pub(crate) async fn resumes_list_newest_first(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let oldest = resume(owner.id, at_minute(0));
    let middle = resume(owner.id, at_minute(1));
    let newest = resume(owner.id, at_minute(2));
    let foreign = resume(other.id, at_minute(3));
    for record in [&middle, &foreign, &oldest, &newest] {
        store.insert_resume(record).await.unwrap();
    }

    let listed = store.list_resumes(owner.id).await.unwrap();

    let ids: Vec<Uuid> = listed.iter().map(|record| record.id).collect();
    assert_eq!(ids, [newest.id, middle.id, oldest.id]);
    assert_same_resume(&listed[0], &newest);
    let foreign_ids: Vec<Uuid> = store
        .list_resumes(other.id)
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(foreign_ids, [foreign.id]);
}

pub(crate) async fn resume_status_changes(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let record = resume(owner.id, at_minute(0));
    store.insert_resume(&record).await.unwrap();
    let before = now();

    store
        .set_resume_status(record.id, DocumentStatus::Processing, None)
        .await
        .unwrap();
    let processing = store.resume_by_id(record.id).await.unwrap().unwrap();
    store
        .set_resume_status(record.id, DocumentStatus::Error, Some("unreadable PDF"))
        .await
        .unwrap();
    let failed = store.resume_by_id(record.id).await.unwrap().unwrap();
    store
        .set_resume_status(record.id, DocumentStatus::Queued, None)
        .await
        .unwrap();
    let queued = store.resume_by_id(record.id).await.unwrap().unwrap();

    assert_eq!(processing.status, "processing");
    assert_eq!(processing.error_message, None);
    assert!(processing.updated_at >= before, "updated_at moves forward");
    assert_eq!(processing.created_at, record.created_at);
    assert_eq!(failed.status, "error");
    assert_eq!(failed.error_message.as_deref(), Some("unreadable PDF"));
    assert_eq!(queued.status, "queued");
    assert_eq!(queued.error_message, None);
}

pub(crate) async fn complete_resume_twice_keeps_same_rows(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let record = resume(owner.id, at_minute(0));
    store.insert_resume(&record).await.unwrap();
    store
        .set_resume_status(record.id, DocumentStatus::Error, Some("timed out"))
        .await
        .unwrap();
    let parsed = json!({
        "sections": {"experience": "Backend engineer, 2019-2025"},
        "profile": {"summary": "Backend engineer", "total_experience_years": 6.5},
        "statistics": {"words": 412, "ratio": 0.1}
    });
    let skills = [skill("rust", 4.5, 0.8), bare_skill("postgresql")];

    for _ in 0..2 {
        store
            .complete_resume(record.id, &parsed, &skills)
            .await
            .unwrap();
    }

    let stored = store.resume(owner.id, record.id).await.unwrap().unwrap();
    assert_eq!(stored.status, "ready");
    assert_eq!(stored.parsed_summary, Some(parsed));
    assert_eq!(stored.error_message, None);
    let stored_skills = store.resume_skills(record.id).await.unwrap();
    assert_same_skills(&stored_skills, &skills);
}

pub(crate) async fn complete_resume_replaces_skills(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let record = resume(owner.id, at_minute(0));
    store.insert_resume(&record).await.unwrap();
    let first = [
        skill("rust", 4.0, 0.7),
        skill("go", 1.0, 0.3),
        bare_skill("docker"),
    ];
    let second = [skill("kubernetes", 2.0, 0.5)];
    store
        .complete_resume(record.id, &json!({"version": 1}), &first)
        .await
        .unwrap();

    store
        .complete_resume(record.id, &json!({"version": 2}), &second)
        .await
        .unwrap();

    let stored = store.resume_by_id(record.id).await.unwrap().unwrap();
    assert_eq!(stored.parsed_summary, Some(json!({"version": 2})));
    let stored_skills = store.resume_skills(record.id).await.unwrap();
    assert_same_skills(&stored_skills, &second);
}

pub(crate) async fn deleted_resume_is_hidden(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let kept = resume(owner.id, at_minute(0));
    let deleted = resume(owner.id, at_minute(1));
    store.insert_resume(&kept).await.unwrap();
    store.insert_resume(&deleted).await.unwrap();

    let by_other = store.delete_resume(other.id, deleted.id).await.unwrap();
    assert!(!by_other, "another user cannot delete it");
    assert!(store.resume_by_id(deleted.id).await.unwrap().is_some());

    let by_owner = store.delete_resume(owner.id, deleted.id).await.unwrap();
    let again = store.delete_resume(owner.id, deleted.id).await.unwrap();

    assert!(by_owner);
    assert!(!again, "a deleted resume is not deleted twice");
    assert!(store.resume(owner.id, deleted.id).await.unwrap().is_none());
    assert!(store.resume_by_id(deleted.id).await.unwrap().is_none());
    let listed: Vec<Uuid> = store
        .list_resumes(owner.id)
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(listed, [kept.id]);
    let paged: Vec<Uuid> = store
        .resume_page(owner.id, ListPage::default())
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(paged, [kept.id]);
}
