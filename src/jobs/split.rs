//! Start-up checks of split deployments: `layer1 serve --no-workers` (API only) and
//! `layer1 worker` (workers only) work only when the processes share a queue.
//!
//! - SQL Server (`AZURE_SQL_SERVER` set) has no apalis queue, so a split needs `REDIS_URL`.
//! - An in-memory SQLite database lives inside one process and cannot be shared.
//! - Two processes on one SQLite file on one machine share the file's queue, so that split is
//!   allowed. A process cannot see whether another one opened the same file, so the check
//!   only rejects a `worker` whose SQLite file does not exist yet. An API process creates the
//!   file at start, so a worker started on a missing file would wait on a queue that no API
//!   process fills.

use std::path::PathBuf;

/// Role of a process in a split deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitRole {
    /// `layer1 serve --no-workers`: the API without workers.
    ApiOnly,
    /// `layer1 worker`: the workers without the API.
    WorkersOnly,
}

impl SplitRole {
    fn command(self) -> &'static str {
        match self {
            SplitRole::ApiOnly => "layer1 serve --no-workers",
            SplitRole::WorkersOnly => "layer1 worker",
        }
    }
}

/// Storage settings of a split process that the check reads.
#[derive(Debug, Clone)]
pub struct SplitTarget<'a> {
    /// Database URL (`sqlite:...` or `postgres://...`).
    pub database_url: &'a str,
    /// Whether `REDIS_URL` is set.
    pub redis: bool,
    /// Whether the SQL Server variables (`AZURE_SQL_SERVER`) are set.
    pub sql_server: bool,
}

/// Error of a split that cannot share a queue. Its message gives the reason and the setting
/// to change.
#[derive(Debug, thiserror::Error)]
#[error("{command} cannot run with these settings: {reason}")]
pub struct SplitError {
    /// The rejected command.
    pub command: &'static str,
    /// Reason the split cannot work, and the setting to change.
    pub reason: String,
}

/// Checks that a process in `role` can share its queue with the other processes.
pub fn check_split(role: SplitRole, target: &SplitTarget<'_>) -> Result<(), SplitError> {
    let reject = |reason: String| SplitError {
        command: role.command(),
        reason,
    };
    if target.sql_server && !target.redis {
        return Err(reject(
            "SQL Server has no job queue of its own, so API and worker processes would not \
             share jobs; set REDIS_URL to a Redis that every process reaches, or run \
             `layer1 serve` with in-process workers"
                .to_string(),
        ));
    }
    let Some(path) = sqlite_path(target.database_url) else {
        return Ok(());
    };
    if path.is_none() {
        return Err(reject(
            "an in-memory SQLite database exists only inside one process; use a SQLite file \
             shared by both processes, or PostgreSQL, or run `layer1 serve` with in-process \
             workers"
                .to_string(),
        ));
    }
    if role == SplitRole::WorkersOnly
        && let Some(file) = path
        && !file.exists()
    {
        return Err(reject(format!(
            "the SQLite file {} does not exist, so no API process uses it; a worker on SQLite \
             must open the same file as `layer1 serve --no-workers` on the same machine, so \
             start that first or set DATA_DIR / DATABASE_URL to its file",
            file.display()
        )));
    }
    Ok(())
}

/// Returns `None` for a non-SQLite URL, `Some(None)` for an in-memory SQLite database and
/// `Some(Some(path))` for a SQLite file.
fn sqlite_path(url: &str) -> Option<Option<PathBuf>> {
    let rest = url.strip_prefix("sqlite:")?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.strip_prefix("//").unwrap_or(path);
    if path.is_empty() || path == ":memory:" || query.contains("mode=memory") {
        return Some(None);
    }
    Some(Some(PathBuf::from(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(database_url: &str, redis: bool, sql_server: bool) -> SplitTarget<'_> {
        SplitTarget {
            database_url,
            redis,
            sql_server,
        }
    }

    #[test]
    fn sql_server_without_redis_rejected() {
        let error = check_split(
            SplitRole::ApiOnly,
            &target("sqlite://./data/layer1.db", false, true),
        )
        .unwrap_err();
        assert!(error.to_string().contains("REDIS_URL"), "{error}");
        assert!(
            check_split(
                SplitRole::ApiOnly,
                &target("sqlite://./data/l.db", true, true)
            )
            .is_ok()
        );
    }

    #[test]
    fn memory_sqlite_rejected() {
        for url in ["sqlite::memory:", "sqlite://x.db?mode=memory", "sqlite:"] {
            let error = check_split(SplitRole::ApiOnly, &target(url, true, false)).unwrap_err();
            assert!(error.to_string().contains("in-memory"), "{url}: {error}");
        }
    }

    #[test]
    fn worker_on_missing_sqlite_file_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("layer1.db");
        let url = format!("sqlite://{}", file.display());
        let error = check_split(SplitRole::WorkersOnly, &target(&url, false, false)).unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert!(check_split(SplitRole::ApiOnly, &target(&url, false, false)).is_ok());
        std::fs::write(&file, b"").unwrap();
        assert!(check_split(SplitRole::WorkersOnly, &target(&url, false, false)).is_ok());
    }

    #[test]
    fn postgres_split_allowed() {
        let url = "postgres://postgres@127.0.0.1:5432/layer1";
        assert!(check_split(SplitRole::WorkersOnly, &target(url, false, false)).is_ok());
    }
}
