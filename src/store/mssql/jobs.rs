//! SQL Server implementation of [`JobStore`]: job descriptions, requirements and soft skills.

use async_trait::async_trait;
use chrono::Utc;
use uuid::Uuid;

use super::values::{Param, RowReader, legacy_decimal};
use super::{MssqlStore, begin, commit, execute, insert_chunked, job_from_row, query_rows, sql};
use crate::store::{DocumentStatus, JobRecord, JobStore, RequirementRow, SoftSkillRow, StoreError};

/// Columns of a `requirements` insert, in [`requirement_params`] order.
const REQUIREMENT_COLUMNS: [&str; 9] = [
    "id",
    "job_id",
    "skill",
    "skill_id",
    "importance",
    "importance_exact",
    "inferred",
    "position",
    "created_at",
];

/// Columns of a `job_soft_skills` insert, in [`soft_skill_params`] order.
const SOFT_SKILL_COLUMNS: [&str; 7] = [
    "id",
    "job_id",
    "skill",
    "value",
    "value_exact",
    "position",
    "created_at",
];

fn position_param(position: usize) -> Param {
    Param::from(i64::try_from(position).unwrap_or(i64::MAX))
}

fn requirement_params(job_id: Uuid, position: usize, row: &RequirementRow) -> Vec<Param> {
    vec![
        Param::from(row.id),
        Param::from(job_id),
        Param::from(&row.skill),
        Param::from(&row.skill_id),
        Param::from(legacy_decimal(row.importance)),
        Param::from(row.importance),
        Param::from(row.inferred),
        position_param(position),
        Param::from(row.created_at),
    ]
}

fn soft_skill_params(job_id: Uuid, position: usize, row: &SoftSkillRow) -> Vec<Param> {
    vec![
        Param::from(row.id),
        Param::from(job_id),
        Param::from(&row.skill),
        Param::from(legacy_decimal(row.value)),
        Param::from(row.value),
        position_param(position),
        Param::from(row.created_at),
    ]
}

#[async_trait]
impl JobStore for MssqlStore {
    async fn insert_job(&self, job: &JobRecord) -> Result<(), StoreError> {
        self.execute(
            "insert_job",
            "INSERT INTO job_descriptions (id, user_id, title, source, filename, mime_type,
                storage_path, raw_text, status, created_at, updated_at, is_deleted)
             VALUES (@P1, @P2, @P3, @P4, @P5, @P6, @P7, @P8, @P9, @P10, @P11, 0)"
                .to_string(),
            vec![
                Param::from(job.id),
                Param::from(job.user_id),
                Param::from(&job.title),
                Param::from(&job.source),
                Param::from(&job.filename),
                Param::from(&job.mime_type),
                Param::from(&job.storage_path),
                Param::from(&job.raw_text),
                Param::from(&job.status),
                Param::from(job.created_at),
                Param::from(job.updated_at),
            ],
        )
        .await?;
        Ok(())
    }

    async fn job(&self, user_id: Uuid, id: Uuid) -> Result<Option<JobRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "job",
                "SELECT * FROM job_descriptions
                 WHERE id = @P1 AND user_id = @P2 AND is_deleted = 0"
                    .to_string(),
                vec![Param::from(id), Param::from(user_id)],
            )
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn job_by_id(&self, id: Uuid) -> Result<Option<JobRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "job_by_id",
                "SELECT * FROM job_descriptions WHERE id = @P1 AND is_deleted = 0".to_string(),
                vec![Param::from(id)],
            )
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn list_jobs(&self, user_id: Uuid) -> Result<Vec<JobRecord>, StoreError> {
        let rows = self
            .fetch_all(
                "list_jobs",
                format!(
                    "SELECT * FROM job_descriptions WHERE user_id = @P1 AND is_deleted = 0 {}",
                    sql::NEWEST_FIRST
                ),
                vec![Param::from(user_id)],
            )
            .await?;
        rows.iter().map(job_from_row).collect()
    }

    async fn set_job_status(
        &self,
        id: Uuid,
        status: DocumentStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.execute(
            "set_job_status",
            "UPDATE job_descriptions SET status = @P2, error_message = @P3, updated_at = @P4
             WHERE id = @P1"
                .to_string(),
            vec![
                Param::from(id),
                Param::from(status.as_str()),
                Param::from(error),
                Param::from(Utc::now()),
            ],
        )
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
        let parsed = parsed.to_string();
        let requirement_rows: Vec<Vec<Param>> = requirements
            .iter()
            .enumerate()
            .map(|(position, row)| requirement_params(id, position, row))
            .collect();
        let soft_rows: Vec<Vec<Param>> = soft_skills
            .iter()
            .enumerate()
            .map(|(position, row)| soft_skill_params(id, position, row))
            .collect();
        self.run("complete_job", move |connection| {
            let parsed = parsed.clone();
            let (requirement_rows, soft_rows) = (requirement_rows.clone(), soft_rows.clone());
            Box::pin(async move {
                begin(connection).await?;
                // The lock keeps a concurrent purge out until this commits.
                let exists = query_rows(
                    connection,
                    "SELECT 1 AS found FROM job_descriptions WITH (UPDLOCK, HOLDLOCK)
                     WHERE id = @P1",
                    &[Param::from(id)],
                )
                .await?;
                if exists.is_empty() {
                    return commit(connection).await;
                }
                execute(
                    connection,
                    "DELETE FROM requirements WHERE job_id = @P1;
                     DELETE FROM job_soft_skills WHERE job_id = @P1;",
                    &[Param::from(id)],
                )
                .await?;
                insert_chunked(
                    connection,
                    "requirements",
                    &REQUIREMENT_COLUMNS,
                    &requirement_rows,
                )
                .await?;
                insert_chunked(
                    connection,
                    "job_soft_skills",
                    &SOFT_SKILL_COLUMNS,
                    &soft_rows,
                )
                .await?;
                execute(
                    connection,
                    "UPDATE job_descriptions SET status = N'ready', parsed_summary = @P2,
                        error_message = NULL, updated_at = @P3 WHERE id = @P1",
                    &[
                        Param::from(id),
                        Param::from(parsed),
                        Param::from(Utc::now()),
                    ],
                )
                .await?;
                commit(connection).await
            })
        })
        .await
    }

    async fn job_requirements(&self, id: Uuid) -> Result<Vec<RequirementRow>, StoreError> {
        let rows = self
            .fetch_all(
                "job_requirements",
                "SELECT id, skill, skill_id, inferred, created_at,
                    COALESCE(importance_exact, CAST(importance AS FLOAT)) AS importance
                 FROM requirements WHERE job_id = @P1
                 ORDER BY position, created_at, CONVERT(CHAR(36), id)"
                    .to_string(),
                vec![Param::from(id)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let row = RowReader::new(row);
                Ok(RequirementRow {
                    id: row.uuid("id")?,
                    skill: row.text("skill")?,
                    skill_id: row.opt_text("skill_id")?,
                    importance: row.opt_f64("importance")?.unwrap_or_default(),
                    inferred: row.opt_bool("inferred")?.unwrap_or(false),
                    created_at: row.time("created_at")?,
                })
            })
            .collect()
    }

    async fn job_soft_skills(&self, id: Uuid) -> Result<Vec<SoftSkillRow>, StoreError> {
        let rows = self
            .fetch_all(
                "job_soft_skills",
                "SELECT id, skill, created_at,
                    COALESCE(value_exact, CAST(value AS FLOAT)) AS value
                 FROM job_soft_skills WHERE job_id = @P1
                 ORDER BY position, created_at, CONVERT(CHAR(36), id)"
                    .to_string(),
                vec![Param::from(id)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let row = RowReader::new(row);
                Ok(SoftSkillRow {
                    id: row.uuid("id")?,
                    skill: row.text("skill")?,
                    value: row.opt_f64("value")?.unwrap_or_default(),
                    created_at: row.time("created_at")?,
                })
            })
            .collect()
    }

    async fn delete_job(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "delete_job",
                "UPDATE job_descriptions SET is_deleted = 1, deleted_at = @P3, updated_at = @P3
                 WHERE id = @P1 AND user_id = @P2 AND is_deleted = 0"
                    .to_string(),
                vec![
                    Param::from(id),
                    Param::from(user_id),
                    Param::from(Utc::now()),
                ],
            )
            .await?;
        Ok(changed == 1)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn requirement_params_follow_column_order() {
        let job_id = Uuid::new_v4();
        let row = RequirementRow {
            id: Uuid::new_v4(),
            skill: "rust".to_string(),
            skill_id: Some("rust".to_string()),
            importance: 0.8734,
            inferred: true,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        };
        let params = requirement_params(job_id, 4, &row);

        assert_eq!(params.len(), REQUIREMENT_COLUMNS.len());
        assert_eq!(params[1], Param::from(job_id));
        assert_eq!(
            params[4],
            Param::from(0.87),
            "rounded for the DECIMAL(5,2) column"
        );
        assert_eq!(params[5], Param::from(0.8734), "exact copy");
        assert_eq!(params[6], Param::Bool(true));
        assert_eq!(params[7], Param::Int(Some(4)));
    }

    #[test]
    fn soft_skill_params_follow_column_order() {
        let row = SoftSkillRow {
            id: Uuid::new_v4(),
            skill: "teamwork".to_string(),
            value: 0.555,
            created_at: Utc::now(),
        };
        let params = soft_skill_params(Uuid::new_v4(), 0, &row);

        assert_eq!(params.len(), SOFT_SKILL_COLUMNS.len());
        assert_eq!(params[2], Param::from("teamwork"));
        assert_eq!(params[4], Param::from(0.555));
    }
}
