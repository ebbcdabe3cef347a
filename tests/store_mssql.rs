//! SQL Server store against a real server: migrations, then the repository contract (quota,
//! soft delete, exact round trips, pages, completion, purge, vectors, embedding cache).
//!
//! Runs only where `AZURE_SQL_SERVER` (with `AZURE_SQL_DATABASE`, `AZURE_SQL_USER`,
//! `AZURE_SQL_PASSWORD`) points at a server; otherwise each test prints a skip line and passes.
//! The tests write into that database, each under its own random auth subjects and ids, so it
//! should be a scratch database.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use layer1::store::lifecycle::{ItemKind, LifecycleStore, ListPage, RequeueOutcome};
use layer1::store::mssql::settings::MssqlSettings;
use layer1::store::mssql::values::datetime2_precision;
use layer1::store::mssql::{MssqlStore, admin};
use layer1::store::vectors::{DocumentKind, DocumentVectors, EmbeddingStore, VectorStore};
use layer1::store::{
    DocumentStatus, JobRecord, JobStore, MatchRecord, MatchStatus, MatchStore, QuotaOutcome,
    RequirementRow, ResumeRecord, ResumeStore, SkillRow, SoftSkillRow, Store, StoreError,
    UserStore,
};
use serde_json::json;
use uuid::Uuid;

mod support;

/// Connects and migrates, or prints why the test is skipped.
async fn store() -> Option<MssqlStore> {
    let settings = MssqlSettings::from_env().unwrap();
    if !settings.is_configured() {
        support::report_skip("no SQL Server (AZURE_SQL_SERVER is not set)");
        return None;
    }
    let store = MssqlStore::connect(&settings).await.unwrap();
    store.migrate().await.unwrap();
    Some(store)
}

/// Cuts a time to whole microseconds, which every backend stores exactly.
fn micros(time: DateTime<Utc>) -> DateTime<Utc> {
    Utc.timestamp_micros(time.timestamp_micros()).unwrap()
}

fn subject(test: &str) -> String {
    format!("test|mssql-{test}-{}", Uuid::new_v4())
}

fn resume(user_id: Uuid, created_at: DateTime<Utc>) -> ResumeRecord {
    ResumeRecord {
        id: Uuid::new_v4(),
        user_id,
        filename: "Zoë Ünal – CV 😀.pdf".to_string(),
        mime_type: "application/pdf".to_string(),
        storage_path: format!("resumes/{}", Uuid::new_v4()),
        status: "queued".to_string(),
        parsed_summary: None,
        error_message: None,
        created_at,
        updated_at: created_at,
    }
}

fn job(user_id: Uuid, created_at: DateTime<Utc>) -> JobRecord {
    JobRecord {
        id: Uuid::new_v4(),
        user_id,
        title: "Backend engineer".to_string(),
        source: "text".to_string(),
        filename: None,
        mime_type: None,
        storage_path: None,
        raw_text: Some("Rust and SQL Server required. ".repeat(400)),
        status: "queued".to_string(),
        parsed_summary: None,
        error_message: None,
        created_at,
        updated_at: created_at,
    }
}

#[tokio::test]
async fn migrations_apply_once() {
    let Some(store) = store().await else { return };

    assert!(store.migrate().await.unwrap().is_empty());
    store.ping().await.unwrap();
}

#[tokio::test]
async fn quota_counts_to_limit_and_resets() {
    let Some(store) = store().await else { return };
    let sub = subject("quota");
    let user = store.ensure_user(&sub, 2).await.unwrap();
    let again = store.ensure_user(&sub, 50).await.unwrap();
    let now = Utc::now();

    assert_eq!(again.id, user.id);
    assert_eq!(again.annual_limit, 2);
    assert_eq!(
        store.consume_quota(user.id, now).await.unwrap(),
        QuotaOutcome::Counted
    );
    assert_eq!(
        store.consume_quota(user.id, now).await.unwrap(),
        QuotaOutcome::Counted
    );
    assert_eq!(
        store.consume_quota(user.id, now).await.unwrap(),
        QuotaOutcome::Exhausted
    );
    store.refund_quota(user.id).await.unwrap();
    assert_eq!(
        store
            .user(user.id)
            .await
            .unwrap()
            .unwrap()
            .annual_usage_count,
        1
    );

    let next_year = now + TimeDelta::days(366);
    assert_eq!(
        store.consume_quota(user.id, next_year).await.unwrap(),
        QuotaOutcome::Counted
    );
    let renewed = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(renewed.annual_usage_count, 1);
    assert_eq!(
        renewed.annual_period_start,
        Some(datetime2_precision(next_year))
    );

    let reset = store
        .reset_quota(&user.id.to_string(), now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reset.annual_usage_count, 0);
    assert!(
        store
            .reset_quota(&subject("nobody"), now)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn resumes_round_trip_and_soft_delete() {
    let Some(store) = store().await else { return };
    let user = store.ensure_user(&subject("resumes"), 10).await.unwrap();
    let base = micros(Utc::now());
    let older = resume(user.id, base - TimeDelta::seconds(5));
    let newer = resume(user.id, base);
    store.insert_resume(&older).await.unwrap();
    store.insert_resume(&newer).await.unwrap();

    let read = store.resume(user.id, older.id).await.unwrap().unwrap();
    assert_eq!(read.filename, older.filename);
    assert_eq!(read.created_at, older.created_at);
    let listed: Vec<Uuid> = store
        .list_resumes(user.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, vec![newer.id, older.id]);

    let skills = vec![
        SkillRow {
            id: Uuid::new_v4(),
            skill: "c++".to_string(),
            skill_id: Some("cpp".to_string()),
            experience_years: Some(3.5),
            proficiency: Some(0.8734),
            created_at: base,
        },
        SkillRow {
            id: Uuid::new_v4(),
            skill: "ansible".to_string(),
            skill_id: None,
            experience_years: None,
            proficiency: None,
            created_at: base,
        },
    ];
    let parsed = json!({"profile": {"name": "Zoë", "total_experience_years": 3.5}});
    store
        .complete_resume(older.id, &parsed, &skills)
        .await
        .unwrap();
    store
        .complete_resume(older.id, &parsed, &skills)
        .await
        .unwrap();

    let stored = store.resume_skills(older.id).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].skill, "c++");
    assert_eq!(stored[0].experience_years, Some(3.5));
    assert_eq!(stored[0].proficiency, Some(0.8734));
    assert_eq!(stored[1].skill_id, None);
    let ready = store.resume_by_id(older.id).await.unwrap().unwrap();
    assert_eq!(ready.status, "ready");
    assert_eq!(ready.parsed_summary, Some(parsed));

    store
        .set_resume_status(newer.id, DocumentStatus::Error, Some("unreadable"))
        .await
        .unwrap();
    let failed = store.resume_by_id(newer.id).await.unwrap().unwrap();
    assert_eq!(failed.error_message.as_deref(), Some("unreadable"));

    assert!(store.delete_resume(user.id, older.id).await.unwrap());
    assert!(!store.delete_resume(user.id, older.id).await.unwrap());
    assert!(store.resume(user.id, older.id).await.unwrap().is_none());
    assert_eq!(store.list_resumes(user.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn pages_run_newest_first_with_ties() {
    let Some(store) = store().await else { return };
    let user = store.ensure_user(&subject("pages"), 10).await.unwrap();
    let base = micros(Utc::now());
    let mut tied = [resume(user.id, base), resume(user.id, base)];
    let oldest = resume(user.id, base - TimeDelta::minutes(1));
    for record in tied.iter().chain([&oldest]) {
        store.insert_resume(record).await.unwrap();
    }
    tied.sort_by_key(|record| std::cmp::Reverse(record.id));

    let first = store
        .resume_page(
            user.id,
            ListPage {
                limit: Some(2),
                before: None,
            },
        )
        .await
        .unwrap();
    let ids: Vec<Uuid> = first.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![tied[0].id, tied[1].id]);

    let last = first.last().unwrap();
    let rest = store
        .resume_page(
            user.id,
            ListPage {
                limit: Some(2),
                before: Some((last.created_at, last.id)),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        rest.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![oldest.id]
    );
}

#[tokio::test]
async fn jobs_and_matches_complete_once() {
    let Some(store) = store().await else { return };
    let user = store.ensure_user(&subject("matches"), 10).await.unwrap();
    let now = micros(Utc::now());
    let resume = resume(user.id, now);
    let job = job(user.id, now);
    store.insert_resume(&resume).await.unwrap();
    store.insert_job(&job).await.unwrap();

    let requirements: Vec<RequirementRow> = (0..300)
        .map(|index| RequirementRow {
            id: Uuid::new_v4(),
            skill: format!("skill {index}"),
            skill_id: Some(format!("s{index}")),
            importance: 0.123_456 + f64::from(index) / 1_000.0,
            inferred: index % 2 == 0,
            created_at: now,
        })
        .collect();
    let soft = vec![SoftSkillRow {
        id: Uuid::new_v4(),
        skill: "teamwork".to_string(),
        value: 0.555,
        created_at: now,
    }];
    store
        .complete_job(job.id, &json!({"title": "Backend"}), &requirements, &soft)
        .await
        .unwrap();
    let stored = store.job_requirements(job.id).await.unwrap();
    assert_eq!(stored.len(), 300);
    assert_eq!(stored[7].skill, "skill 7");
    assert_eq!(stored[7].importance, requirements[7].importance);
    assert!(!stored[7].inferred);
    assert_eq!(store.job_soft_skills(job.id).await.unwrap()[0].value, 0.555);
    assert_eq!(
        store.job(user.id, job.id).await.unwrap().unwrap().raw_text,
        job.raw_text
    );

    let request = MatchRecord {
        id: Uuid::new_v4(),
        user_id: user.id,
        resume_id: resume.id,
        job_id: job.id,
        status: "queued".to_string(),
        result_id: None,
        error_message: None,
        created_at: now,
        updated_at: now,
    };
    store.insert_match(&request).await.unwrap();
    store
        .set_match_status(request.id, MatchStatus::Running, None)
        .await
        .unwrap();
    let first = store
        .complete_match(request.id, 0.8123, &json!({"a": 1}))
        .await
        .unwrap();
    let second = store
        .complete_match(request.id, 0.9, &json!({"a": 2}))
        .await
        .unwrap();
    assert_eq!(first, second);
    let result = store.match_result(first).await.unwrap().unwrap();
    assert_eq!(result.score, 0.9);
    assert_eq!(result.summary, json!({"a": 2}));
    let record = store
        .match_record(user.id, request.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.status, "completed");
    assert_eq!(record.result_id, Some(first));

    let purged = store.purge_job(user.id, job.id).await.unwrap().unwrap();
    assert_eq!(purged.storage_path, None);
    assert!(store.match_by_id(request.id).await.unwrap().is_none());
    assert!(store.match_result(first).await.unwrap().is_none());
    store
        .complete_job(job.id, &json!({}), &requirements, &[])
        .await
        .unwrap();
    assert!(store.job_by_id(job.id).await.unwrap().is_none());
    assert!(store.job_requirements(job.id).await.unwrap().is_empty());
    assert!(store.purge_job(user.id, job.id).await.unwrap().is_none());
}

#[tokio::test]
async fn requeue_and_retention() {
    let Some(store) = store().await else { return };
    let user = store.ensure_user(&subject("lifecycle"), 10).await.unwrap();
    let long_ago = Utc.with_ymd_and_hms(2001, 3, 4, 5, 6, 7).unwrap();
    let record = resume(user.id, long_ago);
    store.insert_resume(&record).await.unwrap();

    let outcome = store
        .requeue_failed(ItemKind::Resume, user.id, record.id)
        .await
        .unwrap();
    assert_eq!(outcome, RequeueOutcome::NotFailed);
    store
        .set_resume_status(record.id, DocumentStatus::Error, Some("bad file"))
        .await
        .unwrap();
    let outcome = store
        .requeue_failed(ItemKind::Resume, user.id, record.id)
        .await
        .unwrap();
    assert_eq!(outcome, RequeueOutcome::Requeued);
    let outcome = store
        .requeue_failed(ItemKind::Job, user.id, record.id)
        .await
        .unwrap();
    assert_eq!(outcome, RequeueOutcome::NotFound);

    let expired = store
        .expired_items(long_ago + TimeDelta::seconds(1), 10_000)
        .await
        .unwrap();
    assert!(
        expired
            .iter()
            .any(|item| item.id == record.id && item.kind == ItemKind::Resume)
    );
    let purged = store
        .purge_resume(user.id, record.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(purged.storage_path, Some(record.storage_path));
    assert!(
        store
            .purge_resume(user.id, record.id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn vectors_and_cache_round_trip() {
    let Some(store) = store().await else { return };
    let user = store.ensure_user(&subject("vectors"), 10).await.unwrap();
    let record = resume(user.id, micros(Utc::now()));
    store.insert_resume(&record).await.unwrap();
    store
        .complete_resume(record.id, &json!({}), &[])
        .await
        .unwrap();

    let model = format!("model-{}", Uuid::new_v4());
    let scan = store
        .profiles(DocumentKind::Resume, user.id, &model)
        .await
        .unwrap();
    assert_eq!(scan.missing, vec![record.id]);
    let vectors = DocumentVectors {
        model_id: model.clone(),
        profile: vec![0.6, -0.8, f32::MIN_POSITIVE],
        items: vec![("rust".to_string(), vec![1.0, 0.0, -0.0])],
    };
    store
        .put_vectors(DocumentKind::Resume, record.id, &vectors)
        .await
        .unwrap();
    assert_eq!(
        store
            .vectors(DocumentKind::Resume, record.id)
            .await
            .unwrap(),
        Some(vectors.clone())
    );
    let scan = store
        .profiles(DocumentKind::Resume, user.id, &model)
        .await
        .unwrap();
    assert_eq!(scan.profiles, vec![(record.id, vectors.profile.clone())]);
    assert!(scan.missing.is_empty());

    let long_key = "k".repeat(3_000);
    let entries = vec![
        (long_key.clone(), vec![0.25_f32, 0.5]),
        ("python".to_string(), vec![1.5_f32]),
    ];
    store.put_embeddings(&model, &entries).await.unwrap();
    store
        .put_embeddings(&model, &[("python".to_string(), vec![9.0_f32])])
        .await
        .unwrap();
    let found = store
        .cached_embeddings(
            &model,
            &[long_key, "python".to_string(), "absent".to_string()],
        )
        .await
        .unwrap();
    assert_eq!(found, vec![Some(vec![0.25, 0.5]), Some(vec![1.5]), None]);

    store
        .purge_resume(user.id, record.id)
        .await
        .unwrap()
        .unwrap();
    assert!(
        store
            .vectors(DocumentKind::Resume, record.id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn fresh_database_is_created_and_dropped() {
    let settings = MssqlSettings::from_env().unwrap();
    if !settings.is_configured() {
        support::report_skip("no SQL Server (AZURE_SQL_SERVER is not set)");
        return;
    }
    let name = format!("layer1_test_{}", Uuid::new_v4().simple());
    match admin::create_database(&settings, &name).await {
        Ok(()) => {}
        // CREATE DATABASE permission denied (error 262).
        Err(StoreError::Mssql(error)) if error.server_code() == Some(262) => {
            support::report_skip("the SQL Server login may not create databases");
            return;
        }
        Err(error) => panic!("failed to create {name}: {error}"),
    }

    let mut scoped = settings.clone();
    scoped.azure_sql_database = Some(name.clone());
    let store = MssqlStore::connect(&scoped).await.unwrap();
    let applied = store.migrate().await.unwrap();
    let user = store.ensure_user("test|fresh", 3).await.unwrap();
    let listed = store.list_resumes(user.id).await.unwrap();
    store.close().await;
    drop(store);
    admin::drop_database(&settings, &name).await.unwrap();

    assert_eq!(applied, ["001_schema.sql", "002_layer1.sql"]);
    assert_eq!(user.annual_limit, 3);
    assert!(listed.is_empty());
}
