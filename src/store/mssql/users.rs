//! SQL Server implementation of [`UserStore`]: users and the match quota.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use tiberius::Row;
use uuid::Uuid;

use super::values::{Param, RowReader};
use super::{MssqlStore, execute, query_rows};
use crate::store::{QuotaOutcome, StoreError, User, UserStore};

/// Length of the quota window.
const QUOTA_WINDOW_DAYS: i64 = 365;

/// Server error numbers of a duplicate key (unique index, unique or primary key constraint).
const DUPLICATE_KEY: [u32; 2] = [2601, 2627];

/// Counts one request in one statement: a stale or empty window restarts at 1, otherwise the
/// count grows only while it is below the limit. `@P1` user, `@P2` oldest window start still
/// current, `@P3` now.
const CONSUME_QUOTA_SQL: &str = "UPDATE users SET
    annual_usage_count = CASE
        WHEN annual_period_start IS NULL OR annual_period_start < @P2 THEN 1
        ELSE annual_usage_count + 1 END,
    annual_period_start = CASE
        WHEN annual_period_start IS NULL OR annual_period_start < @P2 THEN @P3
        ELSE annual_period_start END,
    updated_at = @P3
 WHERE id = @P1
    AND (annual_period_start IS NULL OR annual_period_start < @P2
         OR annual_usage_count < annual_limit)
    AND annual_limit > 0";

/// Returns the oldest window start that is still current at `now`.
fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now - TimeDelta::days(QUOTA_WINDOW_DAYS)
}

fn user_from_row(row: &Row) -> Result<User, StoreError> {
    let row = RowReader::new(row);
    Ok(User {
        id: row.uuid("id")?,
        auth0_sub: row.text("auth0_sub")?,
        annual_limit: row.i64("annual_limit")?,
        annual_usage_count: row.i64("annual_usage_count")?,
        annual_period_start: row.opt_time("annual_period_start")?,
    })
}

#[async_trait]
impl UserStore for MssqlStore {
    async fn ensure_user(&self, sub: &str, annual_limit: i64) -> Result<User, StoreError> {
        let sub = sub.to_owned();
        let row = self
            .run("ensure_user", move |connection| {
                let sub = sub.clone();
                Box::pin(async move {
                    let now = Utc::now();
                    // The range lock makes the check and the insert one step; a duplicate key
                    // from a concurrent first request is the same outcome.
                    let inserted = execute(
                        connection,
                        "INSERT INTO users (id, auth0_sub, annual_limit, annual_usage_count,
                            created_at, updated_at)
                         SELECT @P1, @P2, @P3, 0, @P4, @P4
                         WHERE NOT EXISTS (
                            SELECT 1 FROM users WITH (UPDLOCK, HOLDLOCK) WHERE auth0_sub = @P2)",
                        &[
                            Param::from(Uuid::new_v4()),
                            Param::from(sub.as_str()),
                            Param::from(annual_limit),
                            Param::from(now),
                        ],
                    )
                    .await;
                    match inserted {
                        Ok(_) => {}
                        Err(error)
                            if error
                                .server_code()
                                .is_some_and(|code| DUPLICATE_KEY.contains(&code)) => {}
                        Err(error) => return Err(error),
                    }
                    let rows = query_rows(
                        connection,
                        "SELECT * FROM users WHERE auth0_sub = @P1",
                        &[Param::from(sub.as_str())],
                    )
                    .await?;
                    Ok(rows.into_iter().next())
                })
            })
            .await?;
        match row {
            Some(row) => user_from_row(&row),
            None => Err(StoreError::Corrupt {
                column: "users.auth0_sub",
                reason: "the user row is missing right after it was ensured".to_string(),
            }),
        }
    }

    async fn consume_quota(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<QuotaOutcome, StoreError> {
        // NOTE: a retry after a connection lost mid-request may count one request twice.
        let changed = self
            .execute(
                "consume_quota",
                CONSUME_QUOTA_SQL.to_string(),
                vec![
                    Param::from(user_id),
                    Param::from(window_start(now)),
                    Param::from(now),
                ],
            )
            .await?;
        Ok(if changed == 1 {
            QuotaOutcome::Counted
        } else {
            QuotaOutcome::Exhausted
        })
    }

    async fn refund_quota(&self, user_id: Uuid) -> Result<(), StoreError> {
        self.execute(
            "refund_quota",
            "UPDATE users SET annual_usage_count = CASE
                WHEN annual_usage_count > 0 THEN annual_usage_count - 1 ELSE 0 END
             WHERE id = @P1"
                .to_string(),
            vec![Param::from(user_id)],
        )
        .await?;
        Ok(())
    }

    async fn user(&self, user_id: Uuid) -> Result<Option<User>, StoreError> {
        let row = self
            .fetch_optional(
                "user",
                "SELECT * FROM users WHERE id = @P1".to_string(),
                vec![Param::from(user_id)],
            )
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn reset_quota(
        &self,
        sub_or_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError> {
        let sub = sub_or_id.to_owned();
        let id = Uuid::parse_str(sub_or_id.trim()).ok();
        let row = self
            .run("reset_quota", move |connection| {
                let sub = sub.clone();
                Box::pin(async move {
                    let params = [Param::from(sub), Param::from(now), Param::from(id)];
                    let changed = execute(
                        connection,
                        "UPDATE users SET annual_usage_count = 0, annual_period_start = @P2,
                            updated_at = @P2
                         WHERE auth0_sub = @P1 OR id = @P3",
                        &params,
                    )
                    .await?;
                    if changed == 0 {
                        return Ok(None);
                    }
                    let rows = query_rows(
                        connection,
                        "SELECT * FROM users WHERE auth0_sub = @P1 OR id = @P2",
                        &[params[0].clone(), params[2].clone()],
                    )
                    .await?;
                    Ok(rows.into_iter().next())
                })
            })
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn quota_update_is_one_conditional_statement() {
        let statements = CONSUME_QUOTA_SQL.matches("UPDATE").count();

        assert_eq!(statements, 1);
        assert!(!CONSUME_QUOTA_SQL.contains(';'));
        assert!(CONSUME_QUOTA_SQL.contains("annual_usage_count < annual_limit"));
        assert!(CONSUME_QUOTA_SQL.contains("annual_limit > 0"));
    }

    #[test]
    fn window_reaches_back_365_days() {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).unwrap();

        assert_eq!(
            window_start(now),
            Utc.with_ymd_and_hms(2025, 12, 4, 12, 0, 0).unwrap()
        );
    }
}
