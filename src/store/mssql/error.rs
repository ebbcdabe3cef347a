//! Errors of the SQL Server backend and their retry classification.

use tiberius::error::{Error as DriverError, IoErrorKind};

/// Error of a SQL Server call.
#[derive(Debug, thiserror::Error)]
pub enum MssqlError {
    /// The settings are incomplete or invalid.
    #[error("invalid SQL Server settings: {}", problems.join("; "))]
    Settings {
        /// Every problem found.
        problems: Vec<String>,
    },
    /// Opening a connection failed.
    #[error("failed to connect to SQL Server at {address}: {source}")]
    Connect {
        /// `host,port` of the server.
        address: String,
        /// Driver error.
        #[source]
        source: DriverError,
    },
    /// Opening a connection took longer than `SQL_CONNECT_TIMEOUT_MS`.
    #[error("connecting to SQL Server at {address} timed out after {timeout_ms} ms")]
    ConnectTimeout {
        /// `host,port` of the server.
        address: String,
        /// The limit, in milliseconds.
        timeout_ms: u64,
    },
    /// A request took longer than `SQL_REQUEST_TIMEOUT_MS`.
    #[error("SQL Server request {operation} timed out after {timeout_ms} ms")]
    RequestTimeout {
        /// Repository operation.
        operation: &'static str,
        /// The limit, in milliseconds.
        timeout_ms: u64,
    },
    /// The server or the driver returned an error.
    #[error("SQL Server request failed: {0}")]
    Driver(#[from] DriverError),
    /// A row that the operation needs does not exist.
    #[error("no {table} row has id {id}")]
    RowNotFound {
        /// Table name.
        table: &'static str,
        /// Row id.
        id: uuid::Uuid,
    },
    /// A migration script failed.
    #[error("SQL Server migration {script} failed: {source}")]
    Migration {
        /// Script file name.
        script: &'static str,
        /// What failed.
        #[source]
        source: Box<MssqlError>,
    },
}

/// Server error numbers worth retrying:
///
/// - Deadlock victim (1205), lock resources and lock timeout (1204, 1222)
/// - A database briefly unavailable (4060, 4221, 40613)
/// - Azure SQL throttling and resource limits (40501, 10928, 10929, 49918-49920)
/// - Failover and gateway errors (233, 997, 10053, 10054, 10060, 40143, 40197, 40540, 42108,
///   42109)
///
/// The list follows the baseline transient errors of Microsoft.Data.SqlClient's
/// `SqlConfigurableRetryFactory`.
const TRANSIENT_SERVER_ERRORS: [u32; 22] = [
    233, 997, 1204, 1205, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501,
    40540, 40613, 42108, 42109, 49918, 49919, 49920,
];

/// Returns true for a server error number that may not recur on a later attempt.
pub fn is_transient_code(code: u32) -> bool {
    TRANSIENT_SERVER_ERRORS.contains(&code)
}

/// Returns true for an I/O failure that may not recur on a fresh connection.
pub fn is_transient_io(kind: IoErrorKind) -> bool {
    matches!(
        kind,
        IoErrorKind::ConnectionReset
            | IoErrorKind::ConnectionAborted
            | IoErrorKind::ConnectionRefused
            | IoErrorKind::BrokenPipe
            | IoErrorKind::NotConnected
            | IoErrorKind::UnexpectedEof
            | IoErrorKind::TimedOut
            | IoErrorKind::Interrupted
    )
}

/// Returns true when the driver error is transient: a lost connection or a transient server
/// error number. Constraint violations (2601, 2627, 547, 515) and every other server error are
/// not.
pub fn is_transient_driver(error: &DriverError) -> bool {
    match error {
        DriverError::Io { kind, .. } => is_transient_io(*kind),
        DriverError::Server(token) => is_transient_code(token.code()),
        _ => false,
    }
}

impl MssqlError {
    /// Returns true when retrying the request may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            MssqlError::ConnectTimeout { .. } | MssqlError::RequestTimeout { .. } => true,
            MssqlError::Connect { source, .. } | MssqlError::Driver(source) => {
                is_transient_driver(source)
            }
            MssqlError::Settings { .. }
            | MssqlError::RowNotFound { .. }
            | MssqlError::Migration { .. } => false,
        }
    }

    /// Returns the server error number, if the server returned the error.
    pub fn server_code(&self) -> Option<u32> {
        match self {
            MssqlError::Connect { source, .. } | MssqlError::Driver(source) => source.code(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(kind: IoErrorKind) -> MssqlError {
        MssqlError::Driver(std::io::Error::new(kind, "socket").into())
    }

    #[test]
    fn lost_connections_are_transient() {
        for kind in [
            IoErrorKind::ConnectionReset,
            IoErrorKind::ConnectionAborted,
            IoErrorKind::BrokenPipe,
            IoErrorKind::UnexpectedEof,
            IoErrorKind::TimedOut,
        ] {
            assert!(io(kind).is_transient(), "{kind:?}");
        }
    }

    #[test]
    fn other_io_failures_are_not_transient() {
        for kind in [IoErrorKind::PermissionDenied, IoErrorKind::InvalidData] {
            assert!(!io(kind).is_transient(), "{kind:?}");
        }
    }

    #[test]
    fn deadlock_and_throttling_codes_are_transient() {
        for code in [1205, 40501, 40613, 49918, 49919, 49920, 4060, 40197] {
            assert!(is_transient_code(code), "{code}");
        }
    }

    #[test]
    fn constraint_violations_are_not_transient() {
        // Duplicate key (unique index, primary key), foreign key or check, NULL insert,
        // login failed, invalid object name.
        for code in [2601, 2627, 547, 515, 18456, 208] {
            assert!(!is_transient_code(code), "{code}");
        }
    }

    #[test]
    fn timeouts_are_transient() {
        let request = MssqlError::RequestTimeout {
            operation: "consume_quota",
            timeout_ms: 30_000,
        };
        let connect = MssqlError::ConnectTimeout {
            address: "db,1433".to_string(),
            timeout_ms: 15_000,
        };

        assert!(request.is_transient());
        assert!(connect.is_transient());
    }

    #[test]
    fn protocol_and_conversion_errors_are_final() {
        let protocol = MssqlError::Driver(DriverError::Protocol("bad token".into()));
        let conversion = MssqlError::Driver(DriverError::Conversion("bad guid".into()));
        let settings = MssqlError::Settings {
            problems: vec!["AZURE_SQL_USER is required".to_string()],
        };

        assert!(!protocol.is_transient());
        assert!(!conversion.is_transient());
        assert!(!settings.is_transient());
        assert_eq!(protocol.server_code(), None);
    }
}
