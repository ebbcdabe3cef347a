//! Service settings, read once from the command line and the environment.
//!
//! Every option has an environment variable of the same meaning; `.env.example` and the README
//! list them with their defaults. Settings are validated at start-up and every problem is
//! reported at once.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// Settings of the HTTP server.
#[derive(Debug, Clone, Args)]
pub struct HttpSettings {
    /// TCP port of the REST API.
    #[arg(long, env = "PORT", default_value_t = 4000)]
    pub port: u16,

    /// Address the REST API binds to.
    #[arg(long, env = "BIND_ADDR", default_value = "0.0.0.0")]
    pub bind: IpAddr,

    /// Largest accepted upload, in bytes.
    #[arg(long, env = "MAX_UPLOAD_BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_upload_bytes: usize,
}

/// Settings of the database and the local object store.
#[derive(Debug, Clone, Args)]
pub struct StorageSettings {
    /// Directory for the default SQLite file and stored uploads.
    #[arg(long, env = "DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database URL; defaults to `sqlite://<DATA_DIR>/layer1.db`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory of stored uploads; defaults to `<DATA_DIR>/blobs`.
    #[arg(long, env = "BLOB_DIR")]
    pub blob_dir: Option<PathBuf>,
}

impl StorageSettings {
    /// Returns the database URL, derived from the data directory when not set.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}/layer1.db", self.data_dir.display()),
        }
    }

    /// Returns the directory of stored uploads.
    pub fn blob_dir(&self) -> PathBuf {
        self.blob_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("blobs"))
    }
}

/// A match scoring strategy: `MATCH_STRATEGY` for the product API, `COMPAT_MATCH_STRATEGY` for
/// the Python-worker compatibility routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchStrategy {
    /// The reference rule: a requirement counts only when the candidate has the same skill.
    Exact,
}

/// Settings of the NLP engine.
#[derive(Debug, Clone, Args)]
pub struct NlpSettings {
    /// Directory holding `model.onnx`, `tokenizer.json` and the ONNX Runtime library.
    #[arg(long, env = "MODEL_DIR", default_value = "./models")]
    pub model_dir: PathBuf,

    /// Path of `libonnxruntime.so`; defaults to the first one found in MODEL_DIR.
    #[arg(long, env = "ORT_DYLIB_PATH")]
    pub ort_dylib_path: Option<PathBuf>,

    /// Threads ONNX Runtime uses for one inference call.
    #[arg(long, env = "EMBED_THREADS", default_value_t = 2)]
    pub embed_threads: usize,

    /// Count inferred requirements in the score (capped at 20 % of it).
    #[arg(long, env = "USE_INFERRED_REQUIREMENTS", default_value_t = false, action = clap::ArgAction::Set)]
    pub use_inferred_requirements: bool,

    /// Scoring strategy of the product API.
    #[arg(long, env = "MATCH_STRATEGY", value_enum, default_value = "exact")]
    pub match_strategy: MatchStrategy,

    /// Largest number of PDF pages read from one document.
    #[arg(long, env = "MAX_PAGES", default_value_t = 50)]
    pub max_pages: usize,
}

/// Settings of the background workers.
#[derive(Debug, Clone, Args)]
pub struct WorkerSettings {
    /// Jobs one worker process runs at the same time, per queue.
    #[arg(long, env = "WORKER_CONCURRENCY", default_value_t = 2)]
    pub concurrency: usize,

    /// Seconds between worker heartbeats; a job held by a worker silent for two intervals is
    /// handed to another worker.
    #[arg(long, env = "WORKER_HEARTBEAT_SECS", default_value_t = 10)]
    pub heartbeat_secs: u64,

    /// Attempts per job before it ends in `error` / `failed`.
    #[arg(long, env = "JOB_MAX_ATTEMPTS", default_value_t = 3)]
    pub max_attempts: usize,
}

/// Settings of authentication and quotas.
#[derive(Debug, Clone, Args)]
pub struct AuthSettings {
    /// Accept every request as the user `dev|user`. For local development only.
    #[arg(long, env = "AUTH_DISABLED", default_value_t = false, action = clap::ArgAction::Set)]
    pub auth_disabled: bool,

    /// Match requests a free user may make per rolling 365-day window.
    #[arg(long, env = "ANNUAL_LIMIT", default_value_t = 100)]
    pub annual_limit: i64,
}

/// Output format of the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Settings of the logs.
#[derive(Debug, Clone, Args)]
pub struct LogSettings {
    /// Log line format.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
}

/// Port of the compatibility listener: a TCP port (`0` picks a free one) or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompatPort {
    /// No compatibility listener.
    Off,
    /// Listen on this port; `0` lets the system pick a free port.
    Port(u16),
}

impl std::str::FromStr for CompatPort {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("off") {
            return Ok(CompatPort::Off);
        }
        value
            .parse()
            .map(CompatPort::Port)
            .map_err(|_| format!("expected a TCP port (0-65535) or `off`, got {value:?}"))
    }
}

/// Settings of the Python-worker compatibility routes.
#[derive(Debug, Clone, Args)]
pub struct CompatSettings {
    /// Port of the unauthenticated compatibility listener (`/health`, `/parse/resume`,
    /// `/parse/job`, `/match`): a TCP port, `0` for a free port chosen by the system, or `off`.
    #[arg(long, env = "COMPAT_PORT", default_value = "8000", value_parser = clap::value_parser!(CompatPort))]
    pub compat_port: CompatPort,

    /// Address the compatibility listener binds to. It has no authentication, so keep it on a
    /// private interface.
    #[arg(long, env = "COMPAT_BIND", default_value = "127.0.0.1")]
    pub compat_bind: IpAddr,

    /// Scoring strategy of the compatibility `/match` route.
    #[arg(
        long,
        env = "COMPAT_MATCH_STRATEGY",
        value_enum,
        default_value = "exact"
    )]
    pub compat_match_strategy: MatchStrategy,
}

/// Engine the background workers use for parsing and matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineKind {
    /// The built-in engine.
    Native,
    /// The external Python worker at `PYTHON_SERVICE_URL`.
    Python,
}

/// Settings of the external Python worker used when `ENGINE=python`.
#[derive(Debug, Clone, Args)]
pub struct FallbackSettings {
    /// Engine of the background workers: `native` or `python` (needs PYTHON_SERVICE_URL).
    #[arg(long, env = "ENGINE", value_enum, default_value = "native")]
    pub engine: EngineKind,

    /// Base URL of the Python worker, such as `http://127.0.0.1:8000`.
    #[arg(long, env = "PYTHON_SERVICE_URL")]
    pub python_service_url: Option<String>,

    /// Time limit of one call to the Python worker, in milliseconds.
    #[arg(long, env = "PYTHON_SERVICE_TIMEOUT_MS", default_value_t = 60_000)]
    pub python_service_timeout_ms: u64,

    /// Retries of a call that failed to connect or got a 5xx status (4xx is never retried).
    #[arg(long, env = "PYTHON_SERVICE_RETRIES", default_value_t = 2)]
    pub python_service_retries: u32,

    /// Delay before the first retry, in milliseconds; it doubles with each further retry.
    #[arg(long, env = "PYTHON_SERVICE_BACKOFF_MS", default_value_t = 500)]
    pub python_service_backoff_ms: u64,
}

impl FallbackSettings {
    fn check(&self, problems: &mut Vec<String>) {
        let url = self.python_service_url.as_deref().map(str::trim);
        match (self.engine, url) {
            (EngineKind::Python, None | Some("")) => problems.push(
                "ENGINE=python needs PYTHON_SERVICE_URL, the base URL of the Python worker \
                 (such as http://127.0.0.1:8000)"
                    .to_string(),
            ),
            (_, Some(url)) if !url.is_empty() => match reqwest::Url::parse(url) {
                Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {}
                Ok(parsed) => problems.push(format!(
                    "PYTHON_SERVICE_URL must be an http or https URL (got scheme {:?})",
                    parsed.scheme()
                )),
                Err(error) => {
                    problems.push(format!("PYTHON_SERVICE_URL is not a valid URL: {error}"))
                }
            },
            _ => {}
        }
        if self.python_service_timeout_ms == 0 {
            problems.push("PYTHON_SERVICE_TIMEOUT_MS must be at least 1".to_string());
        }
    }
}

/// Settings of `layer1 serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    /// HTTP server.
    #[command(flatten)]
    pub http: HttpSettings,
    /// Database and object store.
    #[command(flatten)]
    pub storage: StorageSettings,
    /// NLP engine.
    #[command(flatten)]
    pub nlp: NlpSettings,
    /// Background workers.
    #[command(flatten)]
    pub worker: WorkerSettings,
    /// Authentication and quotas.
    #[command(flatten)]
    pub auth: AuthSettings,
    /// Python-worker compatibility routes.
    #[command(flatten)]
    pub compat: CompatSettings,
    /// External Python worker.
    #[command(flatten)]
    pub fallback: FallbackSettings,
    /// Run the API only, without in-process workers.
    #[arg(long)]
    pub no_workers: bool,
}

impl ServeSettings {
    /// Checks the settings and returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.worker.concurrency == 0 {
            problems.push("WORKER_CONCURRENCY must be at least 1".to_string());
        }
        if self.worker.heartbeat_secs == 0 {
            problems.push("WORKER_HEARTBEAT_SECS must be at least 1".to_string());
        }
        if self.worker.max_attempts == 0 {
            problems.push("JOB_MAX_ATTEMPTS must be at least 1".to_string());
        }
        if self.nlp.embed_threads == 0 {
            problems.push("EMBED_THREADS must be at least 1".to_string());
        }
        if self.auth.annual_limit < 0 {
            problems.push(format!(
                "ANNUAL_LIMIT must not be negative (got {})",
                self.auth.annual_limit
            ));
        }
        let url = self.storage.database_url();
        if !url.starts_with("sqlite:") {
            problems.push(format!(
                "DATABASE_URL must be a sqlite: URL in this build (got scheme {:?})",
                url.split(':').next().unwrap_or_default()
            ));
        }
        if !self.auth.auth_disabled {
            problems.push(
                "JWT verification is not configured: set AUTH_DISABLED=true for local use"
                    .to_string(),
            );
        }
        if let CompatPort::Port(port) = self.compat.compat_port
            && port != 0
            && port == self.http.port
        {
            problems.push(format!(
                "COMPAT_PORT must differ from PORT (both are {port}); set COMPAT_PORT=off to \
                 serve the compatibility routes on the main port only"
            ));
        }
        self.fallback.check(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
