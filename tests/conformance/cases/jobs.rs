//! Job descriptions, requirements and soft skills.

use std::sync::Arc;

use layer1::store::{DocumentStatus, ListPage, Store};
use serde_json::json;
use uuid::Uuid;

use crate::conformance::fixtures::{
    assert_same_job, assert_same_requirements, assert_same_soft_skills, at_minute, job, now,
    requirement, soft_skill, user,
};

pub(crate) async fn job_round_trips(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let text_job = job(owner.id, at_minute(0));
    let mut file_job = job(owner.id, at_minute(1));
    file_job.source = "file".to_owned();
    file_job.filename = Some("posting.docx".to_owned());
    file_job.mime_type =
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_owned());
    file_job.storage_path = Some(format!("jobs/{}", file_job.id));
    file_job.raw_text = None;

    store.insert_job(&text_job).await.unwrap();
    store.insert_job(&file_job).await.unwrap();

    for expected in [&text_job, &file_job] {
        let stored = store.job(owner.id, expected.id).await.unwrap().unwrap();
        assert_same_job(&stored, expected);
        let by_id = store.job_by_id(expected.id).await.unwrap().unwrap();
        assert_same_job(&by_id, expected);
        assert!(store.job(other.id, expected.id).await.unwrap().is_none());
    }
    assert!(store.job(owner.id, Uuid::new_v4()).await.unwrap().is_none());
    assert!(store.job_by_id(Uuid::new_v4()).await.unwrap().is_none());
}

pub(crate) async fn jobs_list_newest_first(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let oldest = job(owner.id, at_minute(0));
    let middle = job(owner.id, at_minute(1));
    let newest = job(owner.id, at_minute(2));
    let foreign = job(other.id, at_minute(3));
    for record in [&newest, &oldest, &foreign, &middle] {
        store.insert_job(record).await.unwrap();
    }

    let listed = store.list_jobs(owner.id).await.unwrap();

    let ids: Vec<Uuid> = listed.iter().map(|record| record.id).collect();
    assert_eq!(ids, [newest.id, middle.id, oldest.id]);
    assert_same_job(&listed[2], &oldest);
    let foreign_ids: Vec<Uuid> = store
        .list_jobs(other.id)
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(foreign_ids, [foreign.id]);
}

pub(crate) async fn job_status_changes(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let record = job(owner.id, at_minute(0));
    store.insert_job(&record).await.unwrap();
    let before = now();

    store
        .set_job_status(record.id, DocumentStatus::Processing, None)
        .await
        .unwrap();
    let processing = store.job_by_id(record.id).await.unwrap().unwrap();
    store
        .set_job_status(record.id, DocumentStatus::Error, Some("empty description"))
        .await
        .unwrap();
    let failed = store.job_by_id(record.id).await.unwrap().unwrap();

    assert_eq!(processing.status, "processing");
    assert_eq!(processing.error_message, None);
    assert!(processing.updated_at >= before, "updated_at moves forward");
    assert_eq!(failed.status, "error");
    assert_eq!(failed.error_message.as_deref(), Some("empty description"));
}

pub(crate) async fn complete_job_twice_keeps_same_rows(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let record = job(owner.id, at_minute(0));
    store.insert_job(&record).await.unwrap();
    let parsed = json!({"title": "Backend engineer", "requirements": 3, "seniority": null});
    let requirements = [
        requirement("rust", 1.0, false),
        requirement("postgresql", 0.85, false),
        requirement("kubernetes", 0.72, true),
    ];
    let soft_skills = [
        soft_skill("communication", 0.6),
        soft_skill("ownership", 0.4),
    ];

    for _ in 0..2 {
        store
            .complete_job(record.id, &parsed, &requirements, &soft_skills)
            .await
            .unwrap();
    }

    let stored = store.job(owner.id, record.id).await.unwrap().unwrap();
    assert_eq!(stored.status, "ready");
    assert_eq!(stored.parsed_summary, Some(parsed));
    assert_eq!(stored.error_message, None);
    let stored_requirements = store.job_requirements(record.id).await.unwrap();
    assert_same_requirements(&stored_requirements, &requirements);
    let stored_soft_skills = store.job_soft_skills(record.id).await.unwrap();
    assert_same_soft_skills(&stored_soft_skills, &soft_skills);

    let fewer = [requirement("go", 0.9, false)];
    store
        .complete_job(record.id, &json!({"title": "Go"}), &fewer, &[])
        .await
        .unwrap();
    let replaced = store.job_requirements(record.id).await.unwrap();
    assert_same_requirements(&replaced, &fewer);
    assert!(store.job_soft_skills(record.id).await.unwrap().is_empty());
}

pub(crate) async fn deleted_job_is_hidden(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let kept = job(owner.id, at_minute(0));
    let deleted = job(owner.id, at_minute(1));
    store.insert_job(&kept).await.unwrap();
    store.insert_job(&deleted).await.unwrap();

    let by_other = store.delete_job(other.id, deleted.id).await.unwrap();
    assert!(!by_other, "another user cannot delete it");
    assert!(store.job_by_id(deleted.id).await.unwrap().is_some());

    let by_owner = store.delete_job(owner.id, deleted.id).await.unwrap();
    let again = store.delete_job(owner.id, deleted.id).await.unwrap();

    assert!(by_owner);
    assert!(!again, "a deleted job is not deleted twice");
    assert!(store.job(owner.id, deleted.id).await.unwrap().is_none());
    assert!(store.job_by_id(deleted.id).await.unwrap().is_none());
    let listed: Vec<Uuid> = store
        .list_jobs(owner.id)
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(listed, [kept.id]);
    let paged: Vec<Uuid> = store
        .job_page(owner.id, ListPage::default())
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(paged, [kept.id]);
}

pub(crate) async fn text_with_nul_characters_is_stored(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let mut record = job(owner.id, at_minute(0));
    record.title = "Data\0 engineer".to_owned();
    record.raw_text = Some("Python\0 and SQL".to_owned());
    store.insert_job(&record).await.unwrap();
    let parsed = json!({"text": "Py\u{0}thon", "skills\u{0}": ["sql"]});

    store
        .complete_job(
            record.id,
            &parsed,
            &[requirement("py\0thon", 1.0, false)],
            &[],
        )
        .await
        .unwrap();

    // SQLite keeps NUL characters and PostgreSQL drops them. The rest of the text stays.
    let stored = store.job_by_id(record.id).await.unwrap().unwrap();
    assert_eq!(stored.title.replace('\0', ""), "Data engineer");
    let raw_text = stored.raw_text.unwrap();
    assert_eq!(raw_text.replace('\0', ""), "Python and SQL");
    let summary = stored.parsed_summary.unwrap().to_string();
    let without_nul: serde_json::Value =
        serde_json::from_str(&summary.replace("\\u0000", "")).unwrap();
    assert_eq!(without_nul, json!({"text": "Python", "skills": ["sql"]}));
    let requirements = store.job_requirements(record.id).await.unwrap();
    assert_eq!(requirements[0].skill.replace('\0', ""), "python");
}
