//! Connection settings of the SQL Server / Azure SQL backend, read from the variables that
//! existing deployments already set (`AZURE_SQL_*`, `SQL_*`).

use std::time::Duration;

use clap::Args;
use secrecy::{ExposeSecret, SecretString};
use tiberius::{AuthMethod, Config, EncryptionLevel};

/// TCP port of SQL Server when `AZURE_SQL_SERVER` names none.
pub const DEFAULT_PORT: u16 = 1433;

/// Settings of the SQL Server / Azure SQL database. Setting `AZURE_SQL_SERVER` selects it.
#[derive(Debug, Clone, Args)]
pub struct MssqlSettings {
    /// SQL Server host, optionally with a port as `host,port` or `host:port` (default 1433);
    /// a leading `tcp:` is accepted. Setting it selects SQL Server as the database.
    #[arg(long, env = "AZURE_SQL_SERVER")]
    pub azure_sql_server: Option<String>,

    /// Database name on the SQL Server.
    #[arg(long, env = "AZURE_SQL_DATABASE")]
    pub azure_sql_database: Option<String>,

    /// SQL Server login name.
    #[arg(long, env = "AZURE_SQL_USER")]
    pub azure_sql_user: Option<String>,

    /// Password of the SQL Server login.
    #[arg(long, env = "AZURE_SQL_PASSWORD", hide_env_values = true)]
    pub azure_sql_password: Option<SecretString>,

    /// Encrypt the whole connection with TLS (`false` encrypts the login only).
    #[arg(long, env = "AZURE_SQL_ENCRYPT", default_value_t = true, action = clap::ArgAction::Set)]
    pub azure_sql_encrypt: bool,

    /// Accept the server's TLS certificate without checking it (local servers with a
    /// self-signed certificate only).
    #[arg(long, env = "AZURE_SQL_TRUST_SERVER_CERT", default_value_t = false, action = clap::ArgAction::Set)]
    pub azure_sql_trust_server_cert: bool,

    /// Time limit of opening one connection (TCP, TLS and login), in milliseconds.
    #[arg(long, env = "SQL_CONNECT_TIMEOUT_MS", default_value_t = 15_000)]
    pub sql_connect_timeout_ms: u64,

    /// Time limit of one database request, waiting for a pooled connection included, in
    /// milliseconds.
    #[arg(long, env = "SQL_REQUEST_TIMEOUT_MS", default_value_t = 30_000)]
    pub sql_request_timeout_ms: u64,

    /// Maximum number of open connections per process.
    #[arg(long, env = "SQL_POOL_MAX", default_value_t = 10)]
    pub sql_pool_max: u32,

    /// Retries of a request that failed with a transient error (lost connection, deadlock,
    /// Azure throttling, timeout); 0 turns retrying off. Constraint violations are never
    /// retried.
    #[arg(long, env = "SQL_RETRY_ATTEMPTS", default_value_t = 3)]
    pub sql_retry_attempts: u32,

    /// Delay before the first retry, in milliseconds; it doubles with each further retry.
    #[arg(long, env = "SQL_RETRY_BACKOFF_MS", default_value_t = 500)]
    pub sql_retry_backoff_ms: u64,
}

/// Host and port of a SQL Server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    /// Host name or IP address.
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl std::fmt::Display for ServerAddress {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{},{}", self.host, self.port)
    }
}

/// Parses `AZURE_SQL_SERVER`: `host`, `host,port`, `host:port`, `[ipv6]:port`, each with an
/// optional `tcp:` prefix.
///
/// # Errors
///
/// Returns a message naming the problem: an empty host, an invalid port, or a named instance
/// (`host\instance`), which needs the SQL Browser service that this build does not use.
pub fn parse_server(value: &str) -> Result<ServerAddress, String> {
    let value = value.trim();
    let value = value
        .strip_prefix("tcp:")
        .or_else(|| value.strip_prefix("TCP:"))
        .unwrap_or(value)
        .trim();
    if value.contains('\\') {
        return Err(format!(
            "AZURE_SQL_SERVER {value:?} names an instance; give the instance's TCP port \
             instead, such as host,1433"
        ));
    }

    let (host, port) = if let Some((host, port)) = value.rsplit_once(',') {
        (host, Some(port))
    } else if let Some(rest) = value.strip_prefix('[') {
        match rest.split_once(']') {
            Some((host, "")) => (host, None),
            Some((host, tail)) => match tail.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => return Err(format!("AZURE_SQL_SERVER {value:?} is not host:port")),
            },
            None => return Err(format!("AZURE_SQL_SERVER {value:?} lacks a closing ]")),
        }
    } else if value.matches(':').count() == 1 {
        let (host, port) = value.split_once(':').unwrap_or((value, ""));
        (host, Some(port))
    } else {
        // A bare IPv6 address has several colons and no port.
        (value, None)
    };

    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(
            "AZURE_SQL_SERVER must name a host, such as myserver.database.windows.net".to_string(),
        );
    }
    let port = match port.map(str::trim) {
        None => DEFAULT_PORT,
        Some(port) => match port.parse::<u16>() {
            Ok(port) if port > 0 => port,
            _ => {
                return Err(format!(
                    "AZURE_SQL_SERVER port {port:?} is not a TCP port (1-65535)"
                ));
            }
        },
    };
    Ok(ServerAddress {
        host: host.to_string(),
        port,
    })
}

/// The settings alone, to read them from the environment outside the service's command line.
#[derive(Debug, clap::Parser)]
struct EnvironmentOnly {
    #[command(flatten)]
    settings: MssqlSettings,
}

impl MssqlSettings {
    /// Reads the settings from the environment only (no command-line flags), as test suites
    /// and tools outside `layer1 serve` do.
    ///
    /// # Errors
    ///
    /// Returns the parse error of a variable with an invalid value, such as a non-numeric
    /// `SQL_POOL_MAX`.
    pub fn from_env() -> Result<Self, clap::Error> {
        <EnvironmentOnly as clap::Parser>::try_parse_from(["layer1"]).map(|parsed| parsed.settings)
    }

    /// Returns true when `AZURE_SQL_SERVER` is set, which selects SQL Server as the database.
    pub fn is_configured(&self) -> bool {
        self.azure_sql_server
            .as_deref()
            .is_some_and(|server| !server.trim().is_empty())
    }

    /// Returns the server address.
    ///
    /// # Errors
    ///
    /// Returns the problem when `AZURE_SQL_SERVER` is unset or invalid.
    pub fn address(&self) -> Result<ServerAddress, String> {
        match self.azure_sql_server.as_deref() {
            Some(server) if !server.trim().is_empty() => parse_server(server),
            _ => Err("AZURE_SQL_SERVER is not set".to_string()),
        }
    }

    /// Returns the time limit of opening one connection.
    pub fn connect_timeout(&self) -> Duration {
        Duration::from_millis(self.sql_connect_timeout_ms)
    }

    /// Returns the time limit of one request.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.sql_request_timeout_ms)
    }

    /// Adds every problem of these settings to `problems`; nothing when SQL Server is not
    /// selected.
    pub fn check(&self, problems: &mut Vec<String>) {
        if !self.is_configured() {
            return;
        }
        if let Err(problem) = self.address() {
            problems.push(problem);
        }
        let required = [
            ("AZURE_SQL_DATABASE", self.azure_sql_database.as_deref()),
            ("AZURE_SQL_USER", self.azure_sql_user.as_deref()),
        ];
        for (variable, value) in required {
            if value.is_none_or(|value| value.trim().is_empty()) {
                problems.push(format!(
                    "{variable} is required when AZURE_SQL_SERVER is set"
                ));
            }
        }
        if self
            .azure_sql_password
            .as_ref()
            .is_none_or(|password| password.expose_secret().is_empty())
        {
            problems
                .push("AZURE_SQL_PASSWORD is required when AZURE_SQL_SERVER is set".to_string());
        }
        let minimums = [
            ("SQL_CONNECT_TIMEOUT_MS", self.sql_connect_timeout_ms),
            ("SQL_REQUEST_TIMEOUT_MS", self.sql_request_timeout_ms),
            ("SQL_POOL_MAX", u64::from(self.sql_pool_max)),
        ];
        for (variable, value) in minimums {
            if value == 0 {
                problems.push(format!("{variable} must be at least 1"));
            }
        }
        if self.sql_retry_attempts > 0 && self.sql_retry_backoff_ms == 0 {
            problems.push(
                "SQL_RETRY_BACKOFF_MS must be at least 1 when SQL_RETRY_ATTEMPTS is above 0"
                    .to_string(),
            );
        }
    }

    /// Checks the settings and returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if !self.is_configured() {
            problems.push("AZURE_SQL_SERVER is not set".to_string());
        }
        self.check(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Builds the driver configuration. Its `Debug` output contains the password, so it is
    /// never logged.
    ///
    /// # Errors
    ///
    /// Returns every problem [`MssqlSettings::validate`] finds.
    pub fn tiberius_config(&self) -> Result<Config, Vec<String>> {
        self.validate()?;
        let address = self.address().map_err(|problem| vec![problem])?;
        let mut config = Config::new();
        config.host(&address.host);
        config.port(address.port);
        config.database(
            self.azure_sql_database
                .as_deref()
                .unwrap_or_default()
                .trim(),
        );
        config.application_name("layer1");
        config.authentication(AuthMethod::sql_server(
            self.azure_sql_user.as_deref().unwrap_or_default().trim(),
            self.azure_sql_password
                .as_ref()
                .map(|password| password.expose_secret())
                .unwrap_or_default(),
        ));
        config.encryption(encryption_level(self.azure_sql_encrypt));
        if self.azure_sql_trust_server_cert {
            config.trust_cert();
        }
        Ok(config)
    }
}

/// Maps `AZURE_SQL_ENCRYPT` to the driver's level: everything encrypted and required, or the
/// login only.
pub fn encryption_level(encrypt: bool) -> EncryptionLevel {
    if encrypt {
        EncryptionLevel::Required
    } else {
        EncryptionLevel::Off
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Harness {
        #[command(flatten)]
        settings: MssqlSettings,
    }

    fn settings(args: &[&str]) -> MssqlSettings {
        let mut argv = vec!["layer1"];
        argv.extend_from_slice(args);
        Harness::try_parse_from(argv)
            .expect("valid arguments")
            .settings
    }

    fn complete() -> MssqlSettings {
        settings(&[
            "--azure-sql-server",
            "tcp:example.database.windows.net,1433",
            "--azure-sql-database",
            "layer1",
            "--azure-sql-user",
            "app",
            "--azure-sql-password",
            "s3cret-Passw0rd",
        ])
    }

    #[test]
    fn server_forms_give_host_and_port() {
        let cases = [
            ("db.example.com", "db.example.com", 1433),
            ("db.example.com,1444", "db.example.com", 1444),
            ("db.example.com:1445", "db.example.com", 1445),
            ("tcp:db.example.com,1446", "db.example.com", 1446),
            (" tcp:db.example.com ", "db.example.com", 1433),
            ("127.0.0.1,14330", "127.0.0.1", 14330),
            ("[::1]:1450", "::1", 1450),
            ("[::1]", "::1", 1433),
            ("::1", "::1", 1433),
            ("::1,1451", "::1", 1451),
        ];
        for (input, host, port) in cases {
            let address = parse_server(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(address.host, host, "host of {input}");
            assert_eq!(address.port, port, "port of {input}");
        }
    }

    #[test]
    fn server_with_bad_port_is_rejected() {
        for input in [
            "db,0",
            "db,70000",
            "db:abc",
            "db,",
            ",1433",
            "db\\SQLEXPRESS",
        ] {
            assert!(parse_server(input).is_err(), "{input} was accepted");
        }
    }

    #[test]
    fn defaults_match_documented_values() {
        let settings = settings(&[]);

        assert!(!settings.is_configured());
        assert!(settings.azure_sql_encrypt);
        assert!(!settings.azure_sql_trust_server_cert);
        assert_eq!(settings.sql_connect_timeout_ms, 15_000);
        assert_eq!(settings.sql_request_timeout_ms, 30_000);
        assert_eq!(settings.sql_pool_max, 10);
        assert_eq!(settings.sql_retry_attempts, 3);
        assert_eq!(settings.sql_retry_backoff_ms, 500);
        assert!(settings.check_problems().is_empty());
    }

    #[test]
    fn complete_settings_are_valid() {
        let settings = complete();

        assert!(settings.is_configured());
        assert_eq!(settings.validate(), Ok(()));
        let config = settings.tiberius_config().expect("config");
        assert_eq!(config.get_addr(), "example.database.windows.net:1433");
    }

    #[test]
    fn missing_credentials_are_each_reported() {
        let settings = settings(&["--azure-sql-server", "db.example.com"]);
        let problems = settings.check_problems();

        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("AZURE_SQL_DATABASE"));
        assert!(problems[1].starts_with("AZURE_SQL_USER"));
        assert!(problems[2].starts_with("AZURE_SQL_PASSWORD"));
    }

    #[test]
    fn zero_limits_are_reported() {
        let mut settings = complete();
        settings.sql_pool_max = 0;
        settings.sql_request_timeout_ms = 0;
        settings.sql_retry_backoff_ms = 0;
        let problems = settings.check_problems();

        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("SQL_POOL_MAX")));
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("SQL_REQUEST_TIMEOUT_MS"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("SQL_RETRY_BACKOFF_MS"))
        );
    }

    #[test]
    fn debug_output_hides_the_password() {
        let settings = complete();
        let printed = format!("{settings:?}");

        assert!(!printed.contains("s3cret-Passw0rd"), "{printed}");
        let problems = settings.check_problems();
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn encrypt_flag_selects_level() {
        assert!(matches!(encryption_level(true), EncryptionLevel::Required));
        assert!(matches!(encryption_level(false), EncryptionLevel::Off));
        let plain = settings(&["--azure-sql-encrypt", "false"]);
        assert!(!plain.azure_sql_encrypt);
    }

    impl MssqlSettings {
        fn check_problems(&self) -> Vec<String> {
            let mut problems = Vec::new();
            self.check(&mut problems);
            problems
        }
    }
}
