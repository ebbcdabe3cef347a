//! Persistence: users, resumes, jobs, requirements, skills and matches.
//!
//! The traits are the repository contract; [`sqlite::SqliteStore`] implements them on the
//! embedded default database and [`postgres::PostgresStore`] on PostgreSQL.

pub mod embedding_cache;
pub mod lifecycle;
pub mod mssql;
pub mod postgres;
pub mod sqlite;
pub mod vectors;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use lifecycle::{ExpiredItem, ItemKind, LifecycleStore, ListPage, PurgedItem, RequeueOutcome};
pub use vectors::{DocumentKind, DocumentVectors, EmbeddingStore, ProfileScan, VectorStore};

/// Error of a storage call.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database returned an error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A SQL Server request failed.
    #[error(transparent)]
    Mssql(#[from] mssql::error::MssqlError),
    /// A stored value could not be decoded.
    #[error("stored {column} value is invalid: {reason}")]
    Corrupt {
        /// Column name.
        column: &'static str,
        /// Description of the problem.
        reason: String,
    },
}

/// Processing status of a resume or a job description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentStatus {
    /// Waiting for a worker.
    Queued,
    /// A worker is parsing it.
    Processing,
    /// Parsed.
    Ready,
    /// Parsing failed, and `error_message` contains the reason.
    Error,
}

impl DocumentStatus {
    /// Returns the stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Queued => "queued",
            DocumentStatus::Processing => "processing",
            DocumentStatus::Ready => "ready",
            DocumentStatus::Error => "error",
        }
    }
}

/// Processing status of a match request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchStatus {
    /// Waiting for a worker.
    Queued,
    /// A worker is scoring it.
    Running,
    /// Scored; `result_id` points at the match result.
    Completed,
    /// Scoring failed, and `error_message` contains the reason.
    Failed,
}

impl MatchStatus {
    /// Returns the stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchStatus::Queued => "queued",
            MatchStatus::Running => "running",
            MatchStatus::Completed => "completed",
            MatchStatus::Failed => "failed",
        }
    }
}

/// A user, created on first sight of an auth subject.
#[derive(Debug, Clone)]
pub struct User {
    /// Row id.
    pub id: Uuid,
    /// Auth subject (`sub` claim).
    pub auth0_sub: String,
    /// Match requests allowed per window.
    pub annual_limit: i64,
    /// Match requests used in the current window.
    pub annual_usage_count: i64,
    /// Start of the current window.
    pub annual_period_start: Option<DateTime<Utc>>,
}

/// A stored resume.
#[derive(Debug, Clone)]
pub struct ResumeRecord {
    /// Row id.
    pub id: Uuid,
    /// Owner.
    pub user_id: Uuid,
    /// Client file name.
    pub filename: String,
    /// Sniffed MIME type.
    pub mime_type: String,
    /// Object key of the uploaded bytes.
    pub storage_path: String,
    /// Processing status as stored.
    pub status: String,
    /// Parse result as JSON, once ready.
    pub parsed_summary: Option<serde_json::Value>,
    /// Reason of a parsing failure.
    pub error_message: Option<String>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A stored job description.
#[derive(Debug, Clone)]
pub struct JobRecord {
    /// Row id.
    pub id: Uuid,
    /// Owner.
    pub user_id: Uuid,
    /// Job title.
    pub title: String,
    /// `text` or `file`.
    pub source: String,
    /// Client file name when uploaded as a file.
    pub filename: Option<String>,
    /// Sniffed MIME type when uploaded as a file.
    pub mime_type: Option<String>,
    /// Object key when uploaded as a file.
    pub storage_path: Option<String>,
    /// Description text when sent as text.
    pub raw_text: Option<String>,
    /// Processing status as stored.
    pub status: String,
    /// Parse result as JSON, once ready.
    pub parsed_summary: Option<serde_json::Value>,
    /// Reason of a parsing failure.
    pub error_message: Option<String>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A skill row of a resume.
#[derive(Debug, Clone)]
pub struct SkillRow {
    /// Row id.
    pub id: Uuid,
    /// Canonical skill name.
    pub skill: String,
    /// Stable canonical skill id.
    pub skill_id: Option<String>,
    /// Years of experience with the skill.
    pub experience_years: Option<f64>,
    /// Proficiency in [0, 1].
    pub proficiency: Option<f64>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A requirement row of a job.
#[derive(Debug, Clone)]
pub struct RequirementRow {
    /// Row id.
    pub id: Uuid,
    /// Canonical skill name.
    pub skill: String,
    /// Stable canonical skill id.
    pub skill_id: Option<String>,
    /// Importance in [0, 1].
    pub importance: f64,
    /// True when inferred.
    pub inferred: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A soft-skill row of a job.
#[derive(Debug, Clone)]
pub struct SoftSkillRow {
    /// Row id.
    pub id: Uuid,
    /// Soft skill name.
    pub skill: String,
    /// Weight in [0, 1].
    pub value: f64,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A match request and, once completed, its result.
#[derive(Debug, Clone)]
pub struct MatchRecord {
    /// Row id of the request (`match_jobs`).
    pub id: Uuid,
    /// Owner.
    pub user_id: Uuid,
    /// Resume scored.
    pub resume_id: Uuid,
    /// Job scored against.
    pub job_id: Uuid,
    /// Processing status as stored.
    pub status: String,
    /// Result row id once completed.
    pub result_id: Option<Uuid>,
    /// Reason of a scoring failure.
    pub error_message: Option<String>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A completed match result.
#[derive(Debug, Clone)]
pub struct MatchResult {
    /// Row id (`matches`).
    pub id: Uuid,
    /// Overall score in [0, 1].
    pub score: f64,
    /// Match summary JSON.
    pub summary: serde_json::Value,
    /// Completion time.
    pub completed_at: DateTime<Utc>,
}

/// Outcome of a quota check-and-increment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaOutcome {
    /// One request was counted.
    Counted,
    /// The user is at the limit; nothing was counted.
    Exhausted,
}

/// Users and quotas.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Returns the user of an auth subject, creating it with `annual_limit` on first sight.
    async fn ensure_user(&self, sub: &str, annual_limit: i64) -> Result<User, StoreError>;
    /// Counts one match request unless the user is at the limit, resetting a window older
    /// than 365 days, in one conditional update.
    async fn consume_quota(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<QuotaOutcome, StoreError>;
    /// Gives back one counted request (used when queuing fails after counting).
    async fn refund_quota(&self, user_id: Uuid) -> Result<(), StoreError>;
    /// Returns a user by row id.
    async fn user(&self, user_id: Uuid) -> Result<Option<User>, StoreError>;
    /// Starts a fresh quota window (count 0, starting `now`) for the user whose auth subject
    /// or row id is `sub_or_id`. Returns the updated user, or `None` when there is none.
    async fn reset_quota(
        &self,
        sub_or_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError>;
}

/// Resumes and their skills.
#[async_trait]
pub trait ResumeStore: Send + Sync {
    /// Inserts a new queued resume.
    async fn insert_resume(&self, resume: &ResumeRecord) -> Result<(), StoreError>;
    /// Returns a resume of a user, unless deleted.
    async fn resume(&self, user_id: Uuid, id: Uuid) -> Result<Option<ResumeRecord>, StoreError>;
    /// Returns a resume by id for any owner, unless deleted (for workers).
    async fn resume_by_id(&self, id: Uuid) -> Result<Option<ResumeRecord>, StoreError>;
    /// Lists a user's resumes, newest first.
    async fn list_resumes(&self, user_id: Uuid) -> Result<Vec<ResumeRecord>, StoreError>;
    /// Sets the status (and error message) of a resume.
    async fn set_resume_status(
        &self,
        id: Uuid,
        status: DocumentStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Stores a parse result and its skills, replacing earlier ones, and marks it ready. A
    /// resume purged while it was being parsed stays purged: nothing is written.
    async fn complete_resume(
        &self,
        id: Uuid,
        parsed: &serde_json::Value,
        skills: &[SkillRow],
    ) -> Result<(), StoreError>;
    /// Returns the skills of a resume in stored order.
    async fn resume_skills(&self, id: Uuid) -> Result<Vec<SkillRow>, StoreError>;
    /// Soft-deletes a resume of a user; returns false when there was none.
    async fn delete_resume(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError>;
}

/// Job descriptions and their requirements.
#[async_trait]
pub trait JobStore: Send + Sync {
    /// Inserts a new queued job.
    async fn insert_job(&self, job: &JobRecord) -> Result<(), StoreError>;
    /// Returns a job of a user, unless deleted.
    async fn job(&self, user_id: Uuid, id: Uuid) -> Result<Option<JobRecord>, StoreError>;
    /// Returns a job by id for any owner, unless deleted (for workers).
    async fn job_by_id(&self, id: Uuid) -> Result<Option<JobRecord>, StoreError>;
    /// Lists a user's jobs, newest first.
    async fn list_jobs(&self, user_id: Uuid) -> Result<Vec<JobRecord>, StoreError>;
    /// Sets the status (and error message) of a job.
    async fn set_job_status(
        &self,
        id: Uuid,
        status: DocumentStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Stores a parse result with requirements and soft skills, replacing earlier ones, and
    /// marks it ready. A job purged while it was being parsed stays purged: nothing is written.
    async fn complete_job(
        &self,
        id: Uuid,
        parsed: &serde_json::Value,
        requirements: &[RequirementRow],
        soft_skills: &[SoftSkillRow],
    ) -> Result<(), StoreError>;
    /// Returns the requirements of a job in stored order.
    async fn job_requirements(&self, id: Uuid) -> Result<Vec<RequirementRow>, StoreError>;
    /// Returns the soft skills of a job in stored order.
    async fn job_soft_skills(&self, id: Uuid) -> Result<Vec<SoftSkillRow>, StoreError>;
    /// Soft-deletes a job of a user; returns false when there was none.
    async fn delete_job(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError>;
}

/// Match requests and results.
#[async_trait]
pub trait MatchStore: Send + Sync {
    /// Inserts a new queued match request.
    async fn insert_match(&self, record: &MatchRecord) -> Result<(), StoreError>;
    /// Returns a match request of a user.
    async fn match_record(
        &self,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<Option<MatchRecord>, StoreError>;
    /// Returns a match request by id (for workers).
    async fn match_by_id(&self, id: Uuid) -> Result<Option<MatchRecord>, StoreError>;
    /// Lists a user's match requests, newest first.
    async fn list_matches(&self, user_id: Uuid) -> Result<Vec<MatchRecord>, StoreError>;
    /// Sets the status (and error message) of a match request.
    async fn set_match_status(
        &self,
        id: Uuid,
        status: MatchStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Stores the result of a match request and marks it completed. A request that already
    /// has a result keeps a single result row.
    async fn complete_match(
        &self,
        id: Uuid,
        score: f64,
        summary: &serde_json::Value,
    ) -> Result<Uuid, StoreError>;
    /// Returns a match result by id.
    async fn match_result(&self, result_id: Uuid) -> Result<Option<MatchResult>, StoreError>;
}

/// Everything the service stores.
pub trait Store:
    UserStore + ResumeStore + JobStore + MatchStore + LifecycleStore + EmbeddingStore + VectorStore
{
    /// Checks that the database responds.
    fn ping(&self) -> futures::future::BoxFuture<'_, Result<(), StoreError>>;
}
