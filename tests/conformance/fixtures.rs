//! Records and comparisons shared by the cases.

use chrono::{DateTime, Duration, Utc};
use layer1::store::{
    JobRecord, MatchRecord, RequirementRow, ResumeRecord, SkillRow, SoftSkillRow, Store, User,
};
use uuid::Uuid;

/// Returns the current time cut to whole microseconds, the precision every backend stores.
pub(crate) fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_micros(Utc::now().timestamp_micros()).unwrap()
}

/// Returns a fixed time in the past, `minute` minutes after a common start.
pub(crate) fn at_minute(minute: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(1_780_000_000_000_000).unwrap() + Duration::minutes(minute)
}

/// Creates a user with the given annual limit.
pub(crate) async fn user(store: &dyn Store, sub: &str, annual_limit: i64) -> User {
    store.ensure_user(sub, annual_limit).await.unwrap()
}

/// A queued resume created at `created_at`, with the `as_of` date a client sent.
pub(crate) fn resume(user_id: Uuid, created_at: DateTime<Utc>) -> ResumeRecord {
    let id = Uuid::new_v4();
    ResumeRecord {
        id,
        user_id,
        filename: "cv.pdf".to_owned(),
        mime_type: "application/pdf".to_owned(),
        storage_path: format!("resumes/{id}"),
        status: "queued".to_owned(),
        parsed_summary: Some(serde_json::json!({ "as_of": "2024-06-30" })),
        error_message: None,
        created_at,
        updated_at: created_at,
    }
}

/// A queued job description sent as text, created at `created_at`.
pub(crate) fn job(user_id: Uuid, created_at: DateTime<Utc>) -> JobRecord {
    JobRecord {
        id: Uuid::new_v4(),
        user_id,
        title: "Backend engineer".to_owned(),
        source: "text".to_owned(),
        filename: None,
        mime_type: None,
        storage_path: None,
        raw_text: Some("Rust and PostgreSQL required; Kubernetes is a plus.".to_owned()),
        status: "queued".to_owned(),
        parsed_summary: None,
        error_message: None,
        created_at,
        updated_at: created_at,
    }
}

/// A queued match request created at `created_at`.
pub(crate) fn match_request(
    user_id: Uuid,
    resume_id: Uuid,
    job_id: Uuid,
    created_at: DateTime<Utc>,
) -> MatchRecord {
    MatchRecord {
        id: Uuid::new_v4(),
        user_id,
        resume_id,
        job_id,
        status: "queued".to_owned(),
        result_id: None,
        error_message: None,
        created_at,
        updated_at: created_at,
    }
}

/// Inserts a resume, a job and a match request between them for `user`.
pub(crate) async fn resume_job_and_match(
    store: &dyn Store,
    user: &User,
) -> (ResumeRecord, JobRecord, MatchRecord) {
    let resume = resume(user.id, at_minute(0));
    let job = job(user.id, at_minute(0));
    let request = match_request(user.id, resume.id, job.id, at_minute(1));
    store.insert_resume(&resume).await.unwrap();
    store.insert_job(&job).await.unwrap();
    store.insert_match(&request).await.unwrap();
    (resume, job, request)
}

/// A skill row with every optional field set.
pub(crate) fn skill(name: &str, years: f64, proficiency: f64) -> SkillRow {
    SkillRow {
        id: Uuid::new_v4(),
        skill: name.to_owned(),
        skill_id: Some(format!("skill:{name}")),
        experience_years: Some(years),
        proficiency: Some(proficiency),
        created_at: at_minute(5),
    }
}

/// A skill row without the optional fields.
pub(crate) fn bare_skill(name: &str) -> SkillRow {
    SkillRow {
        id: Uuid::new_v4(),
        skill: name.to_owned(),
        skill_id: None,
        experience_years: None,
        proficiency: None,
        created_at: at_minute(5),
    }
}

/// A requirement row.
pub(crate) fn requirement(name: &str, importance: f64, inferred: bool) -> RequirementRow {
    RequirementRow {
        id: Uuid::new_v4(),
        skill: name.to_owned(),
        skill_id: inferred.then(|| format!("skill:{name}")),
        importance,
        inferred,
        created_at: at_minute(5),
    }
}

/// A soft-skill row.
pub(crate) fn soft_skill(name: &str, value: f64) -> SoftSkillRow {
    SoftSkillRow {
        id: Uuid::new_v4(),
        skill: name.to_owned(),
        value,
        created_at: at_minute(5),
    }
}

/// Asserts that a stored resume has the fields of the inserted one.
pub(crate) fn assert_same_resume(stored: &ResumeRecord, expected: &ResumeRecord) {
    assert_eq!(stored.id, expected.id);
    assert_eq!(stored.user_id, expected.user_id);
    assert_eq!(stored.filename, expected.filename);
    assert_eq!(stored.mime_type, expected.mime_type);
    assert_eq!(stored.storage_path, expected.storage_path);
    assert_eq!(stored.status, expected.status);
    assert_eq!(stored.parsed_summary, expected.parsed_summary);
    assert_eq!(stored.error_message, expected.error_message);
    assert_eq!(stored.created_at, expected.created_at);
    assert_eq!(stored.updated_at, expected.updated_at);
}

/// Asserts that a stored job has the fields of the inserted one.
pub(crate) fn assert_same_job(stored: &JobRecord, expected: &JobRecord) {
    assert_eq!(stored.id, expected.id);
    assert_eq!(stored.user_id, expected.user_id);
    assert_eq!(stored.title, expected.title);
    assert_eq!(stored.source, expected.source);
    assert_eq!(stored.filename, expected.filename);
    assert_eq!(stored.mime_type, expected.mime_type);
    assert_eq!(stored.storage_path, expected.storage_path);
    assert_eq!(stored.raw_text, expected.raw_text);
    assert_eq!(stored.status, expected.status);
    assert_eq!(stored.parsed_summary, expected.parsed_summary);
    assert_eq!(stored.error_message, expected.error_message);
    assert_eq!(stored.created_at, expected.created_at);
    assert_eq!(stored.updated_at, expected.updated_at);
}

/// Asserts that a stored match request has the fields of the inserted one.
pub(crate) fn assert_same_match(stored: &MatchRecord, expected: &MatchRecord) {
    assert_eq!(stored.id, expected.id);
    assert_eq!(stored.user_id, expected.user_id);
    assert_eq!(stored.resume_id, expected.resume_id);
    assert_eq!(stored.job_id, expected.job_id);
    assert_eq!(stored.status, expected.status);
    assert_eq!(stored.result_id, expected.result_id);
    assert_eq!(stored.error_message, expected.error_message);
    assert_eq!(stored.created_at, expected.created_at);
    assert_eq!(stored.updated_at, expected.updated_at);
}

/// Asserts that stored skill rows equal the given ones, in order.
pub(crate) fn assert_same_skills(stored: &[SkillRow], expected: &[SkillRow]) {
    assert_eq!(stored.len(), expected.len(), "skill count");
    for (stored, expected) in stored.iter().zip(expected) {
        assert_eq!(stored.id, expected.id);
        assert_eq!(stored.skill, expected.skill);
        assert_eq!(stored.skill_id, expected.skill_id);
        assert_eq!(stored.experience_years, expected.experience_years);
        assert_eq!(stored.proficiency, expected.proficiency);
        assert_eq!(stored.created_at, expected.created_at);
    }
}

/// Asserts that stored requirement rows equal the given ones, in order.
pub(crate) fn assert_same_requirements(stored: &[RequirementRow], expected: &[RequirementRow]) {
    assert_eq!(stored.len(), expected.len(), "requirement count");
    for (stored, expected) in stored.iter().zip(expected) {
        assert_eq!(stored.id, expected.id);
        assert_eq!(stored.skill, expected.skill);
        assert_eq!(stored.skill_id, expected.skill_id);
        assert_eq!(stored.importance, expected.importance);
        assert_eq!(stored.inferred, expected.inferred);
        assert_eq!(stored.created_at, expected.created_at);
    }
}

/// Asserts that stored soft-skill rows equal the given ones, in order.
pub(crate) fn assert_same_soft_skills(stored: &[SoftSkillRow], expected: &[SoftSkillRow]) {
    assert_eq!(stored.len(), expected.len(), "soft skill count");
    for (stored, expected) in stored.iter().zip(expected) {
        assert_eq!(stored.id, expected.id);
        assert_eq!(stored.skill, expected.skill);
        assert_eq!(stored.value, expected.value);
        assert_eq!(stored.created_at, expected.created_at);
    }
}
