//! PostgreSQL implementation of [`JobStore`]: job descriptions, requirements and soft skills.

use async_trait::async_trait;
use chrono::Utc;
use sqlx::Row;
use uuid::Uuid;

use super::text::{clean_json, clean_text};
use super::{PostgresStore, job_from_row, to_i32};
use crate::store::{DocumentStatus, JobRecord, JobStore, RequirementRow, SoftSkillRow, StoreError};

#[async_trait]
impl JobStore for PostgresStore {
    async fn insert_job(&self, job: &JobRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO job_descriptions (id, user_id, title, source, filename, mime_type,
                storage_path, raw_text, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(job.id)
        .bind(job.user_id)
        .bind(clean_text(&job.title))
        .bind(&job.source)
        .bind(job.filename.as_deref().map(clean_text))
        .bind(&job.mime_type)
        .bind(&job.storage_path)
        .bind(job.raw_text.as_deref().map(clean_text))
        .bind(&job.status)
        .bind(job.created_at)
        .bind(job.updated_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn job(&self, user_id: Uuid, id: Uuid) -> Result<Option<JobRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT * FROM job_descriptions WHERE id = $1 AND user_id = $2 AND NOT is_deleted",
        )
        .bind(id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn job_by_id(&self, id: Uuid) -> Result<Option<JobRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM job_descriptions WHERE id = $1 AND NOT is_deleted")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn list_jobs(&self, user_id: Uuid) -> Result<Vec<JobRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM job_descriptions WHERE user_id = $1 AND NOT is_deleted
             ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(job_from_row).collect()
    }

    async fn set_job_status(
        &self,
        id: Uuid,
        status: DocumentStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE job_descriptions SET status = $2, error_message = $3, updated_at = $4
             WHERE id = $1",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(error.map(clean_text))
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn complete_job(
        &self,
        id: Uuid,
        parsed: &serde_json::Value,
        requirements: &[RequirementRow],
        soft_skills: &[SoftSkillRow],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        // The row lock waits for a purge under way, and a purged job has no row left to lock.
        let exists = sqlx::query("SELECT 1 FROM job_descriptions WHERE id = $1 FOR NO KEY UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(());
        }

        for statement in [
            "DELETE FROM requirements WHERE job_id = $1",
            "DELETE FROM job_soft_skills WHERE job_id = $1",
        ] {
            sqlx::query(statement).bind(id).execute(&mut *tx).await?;
        }

        for (position, requirement) in requirements.iter().enumerate() {
            sqlx::query(
                "INSERT INTO requirements (id, job_id, skill, skill_id, importance, inferred,
                    position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(requirement.id)
            .bind(id)
            .bind(clean_text(&requirement.skill))
            .bind(&requirement.skill_id)
            .bind(requirement.importance)
            .bind(requirement.inferred)
            .bind(to_i32("requirements.position", position)?)
            .bind(requirement.created_at)
            .execute(&mut *tx)
            .await?;
        }

        for (position, soft) in soft_skills.iter().enumerate() {
            sqlx::query(
                "INSERT INTO job_soft_skills (id, job_id, skill, value, position, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(soft.id)
            .bind(id)
            .bind(clean_text(&soft.skill))
            .bind(soft.value)
            .bind(to_i32("job_soft_skills.position", position)?)
            .bind(soft.created_at)
            .execute(&mut *tx)
            .await?;
        }

        sqlx::query(
            "UPDATE job_descriptions SET status = 'ready', parsed_summary = $2,
                error_message = NULL, updated_at = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(clean_json(parsed))
        .bind(Utc::now())
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(())
    }

    async fn job_requirements(&self, id: Uuid) -> Result<Vec<RequirementRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM requirements WHERE job_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(RequirementRow {
                    id: row.try_get("id")?,
                    skill: row.try_get("skill")?,
                    skill_id: row.try_get("skill_id")?,
                    importance: row.try_get("importance")?,
                    inferred: row.try_get("inferred")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn job_soft_skills(&self, id: Uuid) -> Result<Vec<SoftSkillRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM job_soft_skills WHERE job_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(SoftSkillRow {
                    id: row.try_get("id")?,
                    skill: row.try_get("skill")?,
                    value: row.try_get("value")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn delete_job(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE job_descriptions SET is_deleted = TRUE, deleted_at = $3, updated_at = $3
             WHERE id = $1 AND user_id = $2 AND NOT is_deleted",
        )
        .bind(id)
        .bind(user_id)
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}
