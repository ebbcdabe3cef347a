//! Item lifecycle beyond create and read: keyset pages of lists, re-queueing failed items,
//! and purging items for good (on request and by the retention sweep).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{JobRecord, MatchRecord, ResumeRecord, StoreError};

/// One page of a list, newest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPage {
    /// Rows to return at most; `None` returns every row.
    pub limit: Option<u32>,
    /// Return only rows older than this `(created_at, id)` position (the last row of the
    /// previous page).
    pub before: Option<(DateTime<Utc>, Uuid)>,
}

/// Kind of a user-owned item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A resume (`resumes`).
    Resume,
    /// A job description (`job_descriptions`).
    Job,
    /// A match request (`match_jobs`).
    Match,
}

/// Outcome of re-queueing a failed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequeueOutcome {
    /// The item was failed and is `queued` again.
    Requeued,
    /// The item exists but is not failed; nothing changed.
    NotFailed,
    /// The user has no such item.
    NotFound,
}

/// An item purged for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgedItem {
    /// Object key of its uploaded file, which the caller deletes from the blob store.
    pub storage_path: Option<String>,
}

/// An item older than the retention cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiredItem {
    /// Resume or job.
    pub kind: ItemKind,
    /// Owner.
    pub user_id: Uuid,
    /// Row id.
    pub id: Uuid,
}

/// Pages, re-queueing and purging.
#[async_trait]
pub trait LifecycleStore: Send + Sync {
    /// Lists a page of a user's resumes, newest first.
    async fn resume_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<ResumeRecord>, StoreError>;
    /// Lists a page of a user's jobs, newest first.
    async fn job_page(&self, user_id: Uuid, page: ListPage) -> Result<Vec<JobRecord>, StoreError>;
    /// Lists a page of a user's match requests, newest first.
    async fn match_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<MatchRecord>, StoreError>;
    /// Sets a failed item of a user back to `queued`, clearing its error, in one conditional
    /// update.
    async fn requeue_failed(
        &self,
        kind: ItemKind,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<RequeueOutcome, StoreError>;
    /// Deletes a resume of a user (deleted or not) with its skills and every match that used
    /// it. Returns `None` when the user has no such resume.
    async fn purge_resume(&self, user_id: Uuid, id: Uuid)
    -> Result<Option<PurgedItem>, StoreError>;
    /// Deletes a job of a user (deleted or not) with its requirements, soft skills and every
    /// match that used it. Returns `None` when the user has no such job.
    async fn purge_job(&self, user_id: Uuid, id: Uuid) -> Result<Option<PurgedItem>, StoreError>;
    /// Returns up to `limit` resumes and jobs created before `cutoff`, deleted or not.
    async fn expired_items(
        &self,
        cutoff: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ExpiredItem>, StoreError>;
}
