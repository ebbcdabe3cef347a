//! Migration runner: applies each script of `sql/mssql` once, in file-name order, and records
//! it in `layer1_migrations`.
//!
//! A script is split into batches at lines that contain only `GO` (as `sqlcmd` does), and runs
//! in one transaction together with its record, so it is applied completely or not at all. An
//! application lock serialises processes that migrate at the same time.

use chrono::Utc;
use sha2::{Digest, Sha256};
use tracing::{info, warn};

use super::error::MssqlError;
use super::pool::Connection;
use super::values::{Param, RowReader};
use super::{execute, query_rows};

/// A migration script compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct Script {
    /// File name, which orders the scripts and is recorded once applied.
    pub name: &'static str,
    /// T-SQL text with `GO` separators.
    pub sql: &'static str,
}

/// The scripts of `sql/mssql`, in the order they apply.
pub const SCRIPTS: [Script; 2] = [
    Script {
        name: "001_schema.sql",
        sql: include_str!("../../../sql/mssql/001_schema.sql"),
    },
    Script {
        name: "002_layer1.sql",
        sql: include_str!("../../../sql/mssql/002_layer1.sql"),
    },
];

/// Name of the application lock held while migrating.
const LOCK_RESOURCE: &str = "layer1-migrations";

/// Milliseconds to wait for another process's migration to finish.
const LOCK_TIMEOUT_MS: i64 = 120_000;

const CREATE_TRACKING_TABLE: &str = "
IF OBJECT_ID(N'layer1_migrations', N'U') IS NULL
    CREATE TABLE layer1_migrations (
        script NVARCHAR(200) NOT NULL CONSTRAINT pk_layer1_migrations PRIMARY KEY,
        checksum BINARY(32) NOT NULL,
        applied_at DATETIME2 NOT NULL
    );";

/// Splits a script into batches at lines that contain only `GO` (any case, optionally ending
/// in `;`), dropping batches that are blank.
pub fn split_batches(script: &str) -> Vec<String> {
    let mut batches = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        let trimmed = line.trim().trim_end_matches(';').trim_end();
        if trimmed.eq_ignore_ascii_case("go") {
            batches.push(std::mem::take(&mut current));
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    batches.push(current);
    batches
        .into_iter()
        .filter(|batch| !batch.trim().is_empty())
        .collect()
}

/// Returns the SHA-256 of a script's text, recorded to notice scripts edited after they ran.
pub fn checksum(sql: &str) -> Vec<u8> {
    Sha256::digest(sql.as_bytes()).to_vec()
}

/// Applies every script not yet recorded, on one connection. Returns the names applied.
pub async fn run(connection: &mut Connection) -> Result<Vec<&'static str>, MssqlError> {
    let lock = query_rows(
        connection,
        "DECLARE @status INT;
         EXEC @status = sp_getapplock @Resource = @P1, @LockMode = N'Exclusive',
             @LockOwner = N'Session', @LockTimeout = @P2;
         SELECT @status AS status;",
        &[Param::from(LOCK_RESOURCE), Param::from(LOCK_TIMEOUT_MS)],
    )
    .await?;
    let status = lock
        .first()
        .map(|row| RowReader::new(row).i64("status"))
        .transpose()
        .map_err(|error| {
            MssqlError::Driver(tiberius::error::Error::Conversion(error.to_string().into()))
        })?
        .unwrap_or(-999);
    if status < 0 {
        return Err(MssqlError::Driver(tiberius::error::Error::Protocol(
            format!("could not take the migration lock (sp_getapplock returned {status})").into(),
        )));
    }

    let outcome = apply_pending(connection).await;
    // The lock also ends with the session, so a failed release only delays other migrators.
    if let Err(error) = execute(
        connection,
        "EXEC sp_releaseapplock @Resource = @P1, @LockOwner = N'Session';",
        &[Param::from(LOCK_RESOURCE)],
    )
    .await
    {
        warn!(%error, "failed to release the migration lock");
    }
    outcome
}

async fn apply_pending(connection: &mut Connection) -> Result<Vec<&'static str>, MssqlError> {
    execute(connection, CREATE_TRACKING_TABLE, &[]).await?;
    let rows = query_rows(
        connection,
        "SELECT script, checksum FROM layer1_migrations",
        &[],
    )
    .await?;
    let mut recorded = std::collections::HashMap::new();
    for row in &rows {
        let reader = RowReader::new(row);
        let name = reader.text("script").map_err(conversion)?;
        let sum = reader.opt_bytes("checksum").map_err(conversion)?;
        recorded.insert(name, sum.unwrap_or_default());
    }

    let mut applied = Vec::new();
    for script in SCRIPTS {
        let sum = checksum(script.sql);
        if let Some(stored) = recorded.get(script.name) {
            if *stored != sum {
                warn!(
                    script = script.name,
                    "migration script changed after it was applied; it is not run again"
                );
            }
            continue;
        }
        apply(connection, script, sum)
            .await
            .map_err(|source| MssqlError::Migration {
                script: script.name,
                source: Box::new(source),
            })?;
        info!(script = script.name, "applied migration");
        applied.push(script.name);
    }
    Ok(applied)
}

async fn apply(
    connection: &mut Connection,
    script: Script,
    sum: Vec<u8>,
) -> Result<(), MssqlError> {
    super::begin(connection).await?;
    for batch in split_batches(script.sql) {
        connection.simple_query(batch).await?.into_results().await?;
    }
    execute(
        connection,
        "INSERT INTO layer1_migrations (script, checksum, applied_at) VALUES (@P1, @P2, @P3)",
        &[
            Param::from(script.name),
            Param::from(sum),
            Param::from(Utc::now()),
        ],
    )
    .await?;
    super::commit(connection).await
}

fn conversion(error: crate::store::StoreError) -> MssqlError {
    MssqlError::Driver(tiberius::error::Error::Conversion(error.to_string().into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_lines_split_batches() {
        let script = "CREATE TABLE a (x INT);\nGO\n\n  go  \nSELECT 1;\nGO;\nSELECT 2;\n";
        let batches = split_batches(script);

        assert_eq!(batches.len(), 3, "{batches:?}");
        assert_eq!(batches[0].trim(), "CREATE TABLE a (x INT);");
        assert_eq!(batches[1].trim(), "SELECT 1;");
        assert_eq!(batches[2].trim(), "SELECT 2;");
    }

    #[test]
    fn go_inside_a_line_does_not_split() {
        let batches = split_batches("SELECT N'GO' AS word;\n-- GO on\nSELECT 1;");

        assert_eq!(batches.len(), 1);
    }

    #[test]
    fn scripts_are_ordered_by_name() {
        let names: Vec<_> = SCRIPTS.iter().map(|script| script.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();

        assert_eq!(names, sorted);
        for script in SCRIPTS {
            assert!(split_batches(script.sql).len() >= 2, "{}", script.name);
        }
    }

    #[test]
    fn scripts_never_drop_or_rename() {
        for script in SCRIPTS {
            let upper = script.sql.to_uppercase();
            for forbidden in [
                "DROP ",
                "SP_RENAME",
                "ALTER COLUMN",
                "TRUNCATE ",
                "DELETE FROM",
            ] {
                assert!(
                    !upper.contains(forbidden),
                    "{} contains {forbidden}",
                    script.name
                );
            }
        }
    }

    #[test]
    fn every_table_and_column_is_guarded() {
        for script in SCRIPTS {
            for batch in split_batches(script.sql) {
                let upper = batch.to_uppercase();
                for (at, _) in upper.match_indices("CREATE TABLE ") {
                    let table = upper[at + 13..]
                        .split(|c: char| c.is_whitespace() || c == '(')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let guard = format!("OBJECT_ID(N'{table}', N'U') IS NULL");
                    assert!(upper.contains(&guard), "{}: {table} unguarded", script.name);
                }
                let adds = upper.matches(" ADD ").count();
                let guards = upper.matches("COL_LENGTH(").count();
                assert_eq!(adds, guards, "{}: unguarded ADD in {batch}", script.name);
            }
        }
    }

    #[test]
    fn checksum_changes_with_text() {
        assert_eq!(checksum("SELECT 1").len(), 32);
        assert_ne!(checksum("SELECT 1"), checksum("SELECT 2"));
    }
}
