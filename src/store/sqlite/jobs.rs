//! SQLite implementation of [`JobStore`]: job descriptions, requirements and soft skills.

use async_trait::async_trait;
use chrono::Utc;
use sqlx::Row;
use uuid::Uuid;

use super::{SqliteStore, get_ts, get_uuid, job_from_row, ts};
use crate::store::{DocumentStatus, JobRecord, JobStore, RequirementRow, SoftSkillRow, StoreError};

#[async_trait]
impl JobStore for SqliteStore {
    async fn insert_job(&self, job: &JobRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO job_descriptions (id, user_id, title, source, filename, mime_type,
                storage_path, raw_text, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .bind(job.id.to_string())
        .bind(job.user_id.to_string())
        .bind(&job.title)
        .bind(&job.source)
        .bind(&job.filename)
        .bind(&job.mime_type)
        .bind(&job.storage_path)
        .bind(&job.raw_text)
        .bind(&job.status)
        .bind(ts(job.created_at))
        .bind(ts(job.updated_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn job(&self, user_id: Uuid, id: Uuid) -> Result<Option<JobRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT * FROM job_descriptions WHERE id = ?1 AND user_id = ?2 AND is_deleted = 0",
        )
        .bind(id.to_string())
        .bind(user_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn job_by_id(&self, id: Uuid) -> Result<Option<JobRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM job_descriptions WHERE id = ?1 AND is_deleted = 0")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn list_jobs(&self, user_id: Uuid) -> Result<Vec<JobRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM job_descriptions WHERE user_id = ?1 AND is_deleted = 0
             ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id.to_string())
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
            "UPDATE job_descriptions SET status = ?2, error_message = ?3, updated_at = ?4
             WHERE id = ?1",
        )
        .bind(id.to_string())
        .bind(status.as_str())
        .bind(error)
        .bind(ts(Utc::now()))
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
        let mut tx = self.begin_write().await?;
        let exists = sqlx::query("SELECT 1 FROM job_descriptions WHERE id = ?1")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(());
        }

        for statement in [
            "DELETE FROM requirements WHERE job_id = ?1",
            "DELETE FROM job_soft_skills WHERE job_id = ?1",
        ] {
            sqlx::query(statement)
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        }

        for (position, requirement) in requirements.iter().enumerate() {
            sqlx::query(
                "INSERT INTO requirements (id, job_id, skill, skill_id, importance, inferred,
                    position, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .bind(requirement.id.to_string())
            .bind(id.to_string())
            .bind(&requirement.skill)
            .bind(&requirement.skill_id)
            .bind(requirement.importance)
            .bind(requirement.inferred)
            .bind(position as i64)
            .bind(ts(requirement.created_at))
            .execute(&mut *tx)
            .await?;
        }

        for (position, soft) in soft_skills.iter().enumerate() {
            sqlx::query(
                "INSERT INTO job_soft_skills (id, job_id, skill, value, position, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(soft.id.to_string())
            .bind(id.to_string())
            .bind(&soft.skill)
            .bind(soft.value)
            .bind(position as i64)
            .bind(ts(soft.created_at))
            .execute(&mut *tx)
            .await?;
        }

        sqlx::query(
            "UPDATE job_descriptions SET status = 'ready', parsed_summary = ?2,
                error_message = NULL, updated_at = ?3 WHERE id = ?1",
        )
        .bind(id.to_string())
        .bind(parsed.to_string())
        .bind(ts(Utc::now()))
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(())
    }

    async fn job_requirements(&self, id: Uuid) -> Result<Vec<RequirementRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM requirements WHERE job_id = ?1 ORDER BY position")
            .bind(id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(RequirementRow {
                    id: get_uuid(row, "id")?,
                    skill: row.try_get("skill")?,
                    skill_id: row.try_get("skill_id")?,
                    importance: row.try_get("importance")?,
                    inferred: row.try_get("inferred")?,
                    created_at: get_ts(row, "created_at")?,
                })
            })
            .collect()
    }

    async fn job_soft_skills(&self, id: Uuid) -> Result<Vec<SoftSkillRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM job_soft_skills WHERE job_id = ?1 ORDER BY position")
            .bind(id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(SoftSkillRow {
                    id: get_uuid(row, "id")?,
                    skill: row.try_get("skill")?,
                    value: row.try_get("value")?,
                    created_at: get_ts(row, "created_at")?,
                })
            })
            .collect()
    }

    async fn delete_job(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let now = ts(Utc::now());
        let result = sqlx::query(
            "UPDATE job_descriptions SET is_deleted = 1, deleted_at = ?3, updated_at = ?3
             WHERE id = ?1 AND user_id = ?2 AND is_deleted = 0",
        )
        .bind(id.to_string())
        .bind(user_id.to_string())
        .bind(&now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}
