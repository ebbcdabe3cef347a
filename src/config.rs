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

    /// S3 / Cloudflare R2 object store. Uploads stay in BLOB_DIR unless it is configured.
    #[command(flatten)]
    pub object_store: crate::blob::ObjectStoreSettings,

    /// SQL Server / Azure SQL database, selected by AZURE_SQL_SERVER.
    #[command(flatten)]
    pub mssql: crate::store::mssql::settings::MssqlSettings,
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
    /// Canonical skills, aliases and close skills through embeddings, in the reference
    /// response shape. The score covers the hard-skill requirements only.
    Semantic,
}

/// The scoring strategy of the product API (`MATCH_STRATEGY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProductMatchStrategy {
    /// The reference rule, as on the compatibility routes.
    Exact,
    /// Canonical skills, aliases and close skills through embeddings with calibrated
    /// thresholds, with a reason for each requirement.
    Semantic,
}

impl From<ProductMatchStrategy> for layer1_engine::score::Strategy {
    fn from(strategy: ProductMatchStrategy) -> Self {
        match strategy {
            ProductMatchStrategy::Exact => Self::Exact,
            ProductMatchStrategy::Semantic => Self::Semantic,
        }
    }
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

    /// Sentence model file: `default` (model.onnx) or `quantized` (model-qint8.onnx, int8
    /// matrix products, built by scripts/setup.sh).
    #[arg(long, env = "EMBED_MODEL", value_enum, default_value = "default")]
    pub embed_model: EmbedModel,

    /// Texts per inference call; concurrent embedding calls are merged up to this size.
    #[arg(long, env = "EMBED_BATCH_SIZE", default_value_t = 32, value_parser = clap::value_parser!(u16).range(1..))]
    pub embed_batch_size: u16,

    /// Maximum wait for more concurrent embedding calls to merge, in milliseconds. 0 merges
    /// only calls that are already waiting.
    #[arg(long, env = "EMBED_BATCH_WAIT_MS", default_value_t = 2)]
    pub embed_batch_wait_ms: u64,

    /// Count inferred requirements in the score (capped at 20 % of it).
    #[arg(long, env = "USE_INFERRED_REQUIREMENTS", default_value_t = false, action = clap::ArgAction::Set)]
    pub use_inferred_requirements: bool,

    /// Scoring strategy of the product API.
    #[arg(long, env = "MATCH_STRATEGY", value_enum, default_value = "semantic")]
    pub match_strategy: ProductMatchStrategy,

    /// Weight of the hard-skill requirements in the product score.
    #[arg(long, env = "MATCH_WEIGHT_HARD_SKILLS", default_value_t = 0.6)]
    pub match_weight_hard_skills: f64,

    /// Weight of the soft skills in the product score.
    #[arg(long, env = "MATCH_WEIGHT_SOFT_SKILLS", default_value_t = 0.1)]
    pub match_weight_soft_skills: f64,

    /// Weight of the years of experience in the product score.
    #[arg(long, env = "MATCH_WEIGHT_EXPERIENCE", default_value_t = 0.2)]
    pub match_weight_experience: f64,

    /// Weight of the education level in the product score.
    #[arg(long, env = "MATCH_WEIGHT_EDUCATION", default_value_t = 0.1)]
    pub match_weight_education: f64,

    /// Largest number of PDF pages read from one document.
    #[arg(long, env = "MAX_PAGES", default_value_t = 50)]
    pub max_pages: usize,

    /// Placement of document text extraction: `process` (a child process with memory, CPU and
    /// time limits) or `thread` (the calling thread, without limits).
    #[arg(long, env = "EXTRACT_ISOLATION", value_enum, default_value = "process")]
    pub extract_isolation: ExtractIsolation,

    /// Address-space limit of the extraction child process, in MiB.
    #[arg(long, env = "EXTRACT_MEMORY_MB", default_value_t = 1024)]
    pub extract_memory_mb: u64,

    /// Wall-clock limit of one document's extraction, in milliseconds.
    #[arg(long, env = "EXTRACT_TIMEOUT_MS", default_value_t = 20_000)]
    pub extract_timeout_ms: u64,

    /// Program run as the extraction child; defaults to the running `layer1` binary.
    #[arg(long, env = "EXTRACT_CHILD_PATH")]
    pub extract_child_path: Option<PathBuf>,

    /// O*NET inference of job requirements (off unless configured).
    #[command(flatten)]
    pub onet: crate::onet::OnetSettings,

    /// Optional LLM step that adds technologies the taxonomy matcher missed (off unless
    /// LLM_API_URL is set).
    #[command(flatten)]
    pub llm: LlmSettings,
}

/// Settings of the optional LLM skill step, which requests the technologies a document names
/// from an OpenAI-compatible chat-completions endpoint.
#[derive(Debug, Clone, Args)]
pub struct LlmSettings {
    /// URL of the chat-completions endpoint, such as
    /// `http://127.0.0.1:8080/v1/chat/completions`. Setting it turns the step on.
    #[arg(long, env = "LLM_API_URL")]
    pub llm_api_url: Option<String>,

    /// Key sent as `Authorization: Bearer <key>`; no header is sent when unset.
    #[arg(long, env = "LLM_API_KEY", hide_env_values = true)]
    pub llm_api_key: Option<secrecy::SecretString>,

    /// Model name sent in each request.
    #[arg(long, env = "LLM_MODEL", default_value = "gpt-4o-mini")]
    pub llm_model: String,

    /// Time limit of one request, in milliseconds; after it the native result is kept.
    #[arg(long, env = "LLM_TIMEOUT_MS", default_value_t = 10_000)]
    pub llm_timeout_ms: u64,
}

impl LlmSettings {
    /// Returns the endpoint URL when the step is on.
    pub fn api_url(&self) -> Option<&str> {
        self.llm_api_url
            .as_deref()
            .map(str::trim)
            .filter(|url| !url.is_empty())
    }

    fn check(&self, problems: &mut Vec<String>) {
        let Some(url) = self.api_url() else {
            return;
        };
        check_http_url("LLM_API_URL", url, problems);
        if self.llm_model.trim().is_empty() {
            problems.push("LLM_MODEL must not be empty when LLM_API_URL is set".to_string());
        }
        if self.llm_timeout_ms == 0 {
            problems.push("LLM_TIMEOUT_MS must be at least 1".to_string());
        }
    }
}

/// Sentence model file selected by `EMBED_MODEL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EmbedModel {
    /// `model.onnx`: fp32 arithmetic, closest to the reference vectors.
    Default,
    /// `model-qint8.onnx`: dynamically quantised int8 matrix products.
    Quantized,
}

impl NlpSettings {
    /// Returns the default category weights of the product score.
    pub fn match_weights(&self) -> layer1_engine::score::CategoryWeights {
        layer1_engine::score::CategoryWeights {
            hard_skills: self.match_weight_hard_skills,
            soft_skills: self.match_weight_soft_skills,
            experience: self.match_weight_experience,
            education: self.match_weight_education,
        }
    }

    /// Returns the product's scoring options: strategy, reference switches and weights.
    pub fn match_options(&self) -> layer1_engine::score::MatchOptions {
        layer1_engine::score::MatchOptions {
            strategy: self.match_strategy.into(),
            score: layer1_engine::score::ScoreOptions {
                use_inferred_requirements: self.use_inferred_requirements,
            },
            weights: self.match_weights(),
        }
    }
}

/// Placement of document text extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractIsolation {
    /// A child process per document, with memory, CPU and wall-clock limits.
    Process,
    /// The calling thread, without limits.
    Thread,
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

    /// Milliseconds between queue polls of an idle worker, which is the maximum time a new job
    /// waits for an idle worker to notice it.
    #[arg(long, env = "WORKER_POLL_MS", default_value_t = 100)]
    pub poll_ms: u64,

    /// Attempts per job before it ends in `error` / `failed`.
    #[arg(long, env = "JOB_MAX_ATTEMPTS", default_value_t = 3)]
    pub max_attempts: usize,

    /// Concurrent `parse_resume` jobs per worker process (default: WORKER_CONCURRENCY).
    #[arg(long, env = "WORKER_CONCURRENCY_RESUMES")]
    pub concurrency_resumes: Option<usize>,

    /// Concurrent `parse_job` jobs per worker process (default: WORKER_CONCURRENCY).
    #[arg(long, env = "WORKER_CONCURRENCY_JOBS")]
    pub concurrency_jobs: Option<usize>,

    /// Concurrent `compute_match` jobs per worker process (default: WORKER_CONCURRENCY).
    #[arg(long, env = "WORKER_CONCURRENCY_MATCHES")]
    pub concurrency_matches: Option<usize>,

    /// Seconds a stopping process waits for in-flight requests and jobs. A job still running
    /// then is dropped and handed to another worker once its heartbeats stop.
    #[arg(long, env = "SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,

    /// Shared queue and event relay.
    #[command(flatten)]
    pub queue: QueueSettings,
}

impl WorkerSettings {
    /// Returns the concurrency of each queue: `parse_resume`, `parse_job`, `compute_match`.
    pub fn queue_concurrency(&self) -> [usize; 3] {
        [
            self.concurrency_resumes,
            self.concurrency_jobs,
            self.concurrency_matches,
        ]
        .map(|value| value.unwrap_or(self.concurrency))
    }

    /// Checks the worker settings and adds every problem found to `problems`.
    pub fn check(&self, problems: &mut Vec<String>) {
        let names = [
            "WORKER_CONCURRENCY_RESUMES",
            "WORKER_CONCURRENCY_JOBS",
            "WORKER_CONCURRENCY_MATCHES",
        ];
        if self.concurrency == 0 {
            problems.push("WORKER_CONCURRENCY must be at least 1".to_string());
        }
        for (name, value) in names.iter().zip(self.queue_concurrency()) {
            if value == 0 {
                problems.push(format!("{name} must be at least 1"));
            }
        }
        if self.heartbeat_secs == 0 {
            problems.push("WORKER_HEARTBEAT_SECS must be at least 1".to_string());
        }
        if !(10..=60_000).contains(&self.poll_ms) {
            problems.push(format!(
                "WORKER_POLL_MS must be between 10 and 60000 (got {})",
                self.poll_ms
            ));
        }
        if self.max_attempts == 0 {
            problems.push("JOB_MAX_ATTEMPTS must be at least 1".to_string());
        }
        if let Some(url) = self.queue.redis_url()
            && !(url.starts_with("redis://") || url.starts_with("rediss://"))
        {
            problems.push(
                "REDIS_URL must be a redis:// or rediss:// URL (such as redis://127.0.0.1:6379)"
                    .to_string(),
            );
        }
        if self.queue.redis_key_prefix.trim().is_empty() {
            problems.push("REDIS_KEY_PREFIX must not be empty".to_string());
        }
    }
}

/// Settings of the shared job queue and the cross-process event relay.
#[derive(Debug, Clone, Args)]
pub struct QueueSettings {
    /// Redis URL of the job queue and the event relay between processes. Unset, the queue is
    /// kept in the database (SQLite or PostgreSQL).
    #[arg(long, env = "REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<String>,

    /// Prefix of the Redis keys and the event channel, so several deployments can share one
    /// Redis.
    #[arg(long, env = "REDIS_KEY_PREFIX", default_value = "layer1")]
    pub redis_key_prefix: String,
}

impl QueueSettings {
    /// Returns the Redis URL when it is set and not blank.
    pub fn redis_url(&self) -> Option<&str> {
        self.redis_url
            .as_deref()
            .map(str::trim)
            .filter(|url| !url.is_empty())
    }
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

    /// Base URL of the token issuer, such as `https://tenant.eu.auth0.com`. Tokens must carry it
    /// as `iss` (with or without a trailing `/`); the JWKS is read from
    /// `<issuer>/.well-known/jwks.json` unless AUTH_JWKS_URL is set.
    #[arg(long, env = "AUTH0_ISSUER_BASE_URL")]
    pub issuer_base_url: Option<String>,

    /// Audience (`aud`) that access tokens must be issued for.
    #[arg(long, env = "AUTH0_AUDIENCE")]
    pub audience: Option<String>,

    /// URL of the issuer's JSON Web Key Set, when it is not `<issuer>/.well-known/jwks.json`.
    #[arg(long, env = "AUTH_JWKS_URL")]
    pub jwks_url: Option<String>,

    /// Clock skew allowed when checking `exp` and `nbf`, in seconds.
    #[arg(long, env = "AUTH_LEEWAY_SECS", default_value_t = 30)]
    pub leeway_secs: u64,

    /// Time limit of one JWKS download, in milliseconds.
    #[arg(long, env = "AUTH_JWKS_TIMEOUT_MS", default_value_t = 3_000)]
    pub jwks_timeout_ms: u64,

    /// Age after which the cached JWKS is refreshed in the background, in seconds.
    #[arg(long, env = "AUTH_JWKS_CACHE_SECS", default_value_t = 600)]
    pub jwks_cache_secs: u64,

    /// Shortest time between two JWKS downloads caused by tokens with an unknown `kid`, in
    /// seconds.
    #[arg(long, env = "AUTH_JWKS_MIN_REFRESH_SECS", default_value_t = 30)]
    pub jwks_min_refresh_secs: u64,

    /// Claim that marks a pro (unlimited) user; see AUTH_PRO_VALUE.
    #[arg(long, env = "AUTH_PRO_CLAIM", default_value = "permissions")]
    pub pro_claim: String,

    /// Value of AUTH_PRO_CLAIM that marks a pro user: the claim equals it, or is an array that
    /// contains it (`true` matches a boolean claim).
    #[arg(long, env = "AUTH_PRO_VALUE", default_value = "matches:unlimited")]
    pub pro_value: String,
}

impl AuthSettings {
    /// Returns the JWKS URL: AUTH_JWKS_URL, else derived from the issuer base URL.
    pub fn jwks_url(&self) -> Option<String> {
        let explicit = self.jwks_url.as_deref().map(str::trim);
        if let Some(url) = explicit.filter(|url| !url.is_empty()) {
            return Some(url.to_string());
        }
        let issuer = self
            .issuer_base_url
            .as_deref()?
            .trim()
            .trim_end_matches('/');
        (!issuer.is_empty()).then(|| format!("{issuer}/.well-known/jwks.json"))
    }

    fn check(&self, problems: &mut Vec<String>) {
        if self.annual_limit < 0 {
            problems.push(format!(
                "ANNUAL_LIMIT must not be negative (got {})",
                self.annual_limit
            ));
        }
        if self.auth_disabled {
            return;
        }
        let issuer = self.issuer_base_url.as_deref().map(str::trim);
        match issuer {
            None | Some("") => problems.push(
                "AUTH0_ISSUER_BASE_URL is required unless AUTH_DISABLED=true (the token issuer, \
                 such as https://tenant.eu.auth0.com)"
                    .to_string(),
            ),
            Some(url) => check_http_url("AUTH0_ISSUER_BASE_URL", url, problems),
        }
        if self
            .audience
            .as_deref()
            .is_none_or(|aud| aud.trim().is_empty())
        {
            problems.push(
                "AUTH0_AUDIENCE is required unless AUTH_DISABLED=true (the API identifier that \
                 tokens are issued for)"
                    .to_string(),
            );
        }
        if let Some(url) = self
            .jwks_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            check_http_url("AUTH_JWKS_URL", url, problems);
        }
        if self.jwks_timeout_ms == 0 {
            problems.push("AUTH_JWKS_TIMEOUT_MS must be at least 1".to_string());
        }
        if self.pro_claim.trim().is_empty() {
            problems.push("AUTH_PRO_CLAIM must not be empty".to_string());
        }
    }
}

/// Adds a problem unless `url` is a valid http or https URL.
fn check_http_url(variable: &str, url: &str, problems: &mut Vec<String>) {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {}
        Ok(parsed) => problems.push(format!(
            "{variable} must be an http or https URL (got scheme {:?})",
            parsed.scheme()
        )),
        Err(error) => problems.push(format!("{variable} is not a valid URL: {error}")),
    }
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

/// Settings of the product API: CORS, rate limits, queue backpressure and retention.
#[derive(Debug, Clone, Args)]
pub struct ApiSettings {
    /// Origins allowed by CORS: `*` allows any origin without credentials; a comma-separated
    /// list of origins (such as `https://app.example.com`) allows those with credentials.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", default_value = "*")]
    pub cors_allowed_origins: String,

    /// Requests per minute one user may send to `/api/v1` before getting 429; 0 turns the
    /// limit off.
    #[arg(long, env = "RATE_LIMIT_PER_MINUTE", default_value_t = 300)]
    pub rate_limit_per_minute: u32,

    /// Requests per minute one client address may send to `/api/v1` before getting 429; 0
    /// turns the limit off.
    #[arg(long, env = "RATE_LIMIT_PER_IP_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_ip_per_minute: u32,

    /// Waiting jobs in one queue at which new uploads, jobs, matches and retries get 503 with
    /// `Retry-After`; 0 turns the check off.
    #[arg(long, env = "QUEUE_MAX_DEPTH", default_value_t = 1000)]
    pub queue_max_depth: u64,

    /// Days after which resumes and jobs (with their files, skills, requirements and matches)
    /// are purged; unset keeps them until deleted.
    #[arg(long, env = "RETENTION_DAYS")]
    pub retention_days: Option<u32>,

    /// Seconds between two retention sweeps.
    #[arg(long, env = "RETENTION_SWEEP_SECS", default_value_t = 3600)]
    pub retention_sweep_secs: u64,
}

impl ApiSettings {
    /// Returns the allowed CORS origins, or `None` for any origin (`*`).
    pub fn cors_origins(&self) -> Option<Vec<String>> {
        let value = self.cors_allowed_origins.trim();
        if value == "*" {
            return None;
        }
        let origins = value
            .split(',')
            .map(|origin| origin.trim().trim_end_matches('/').to_string())
            .filter(|origin| !origin.is_empty())
            .collect();
        Some(origins)
    }

    fn check(&self, problems: &mut Vec<String>) {
        for origin in self.cors_origins().unwrap_or_default() {
            let valid = reqwest::Url::parse(&origin)
                .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.path() == "/");
            if !valid {
                problems.push(format!(
                    "CORS_ALLOWED_ORIGINS entry {origin:?} is not an origin such as \
                     https://app.example.com (or use * for any origin)"
                ));
            }
        }
        if self
            .cors_origins()
            .is_some_and(|origins| origins.is_empty())
        {
            problems.push("CORS_ALLOWED_ORIGINS is empty: list origins or use *".to_string());
        }
        if self.retention_days == Some(0) {
            problems.push("RETENTION_DAYS must be at least 1 (unset it to keep items)".to_string());
        }
        if self.retention_sweep_secs == 0 {
            problems.push("RETENTION_SWEEP_SECS must be at least 1".to_string());
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
    /// Product API protection and retention.
    #[command(flatten)]
    pub api: ApiSettings,
    /// Run the API only, without in-process workers.
    #[arg(long)]
    pub no_workers: bool,
}

impl ServeSettings {
    /// Checks the settings and returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        self.worker.check(&mut problems);
        check_nlp(&self.nlp, &mut problems);
        self.auth.check(&mut problems);
        check_database(&self.storage, &mut problems);
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
        self.api.check(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// Checks the engine settings shared by `serve` and `worker`.
fn check_nlp(nlp: &NlpSettings, problems: &mut Vec<String>) {
    if nlp.embed_threads == 0 {
        problems.push("EMBED_THREADS must be at least 1".to_string());
    }
    match nlp.match_weights().validate() {
        Ok(()) => {}
        Err(layer1_engine::score::WeightsError::Invalid { category, value }) => {
            let name = category.to_uppercase();
            problems.push(format!(
                "MATCH_WEIGHT_{name} must be a finite number >= 0 (got {value})"
            ));
        }
        Err(layer1_engine::score::WeightsError::AllZero) => {
            problems.push("the MATCH_WEIGHT_* variables must not all be 0".to_string());
        }
    }
    if nlp.extract_memory_mb < 64 {
        problems.push("EXTRACT_MEMORY_MB must be at least 64".to_string());
    }
    if nlp.extract_timeout_ms == 0 {
        problems.push("EXTRACT_TIMEOUT_MS must be at least 1".to_string());
    }
    nlp.llm.check(problems);
}

/// Checks the database URL shared by `serve` and `worker`.
fn check_database(storage: &StorageSettings, problems: &mut Vec<String>) {
    storage.object_store.check(problems);
    if storage.mssql.is_configured() {
        if storage.database_url.is_some() {
            problems.push("set either DATABASE_URL or AZURE_SQL_SERVER, not both".to_string());
        }
        storage.mssql.check(problems);
        return;
    }
    let url = storage.database_url();
    let known = ["sqlite:", "postgres:", "postgresql:"];
    if !known.iter().any(|scheme| url.starts_with(scheme)) {
        problems.push(format!(
            "DATABASE_URL must be a sqlite: or postgres:// URL (got scheme {:?})",
            url.split(':').next().unwrap_or_default()
        ));
    }
}

/// Settings of `layer1 worker`: the workers without the HTTP API.
#[derive(Debug, Clone, Args)]
pub struct WorkerProcessSettings {
    /// Database and object store.
    #[command(flatten)]
    pub storage: StorageSettings,
    /// NLP engine.
    #[command(flatten)]
    pub nlp: NlpSettings,
    /// Background workers.
    #[command(flatten)]
    pub worker: WorkerSettings,
    /// External Python worker.
    #[command(flatten)]
    pub fallback: FallbackSettings,
}

impl WorkerProcessSettings {
    /// Checks the settings and returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        self.worker.check(&mut problems);
        check_nlp(&self.nlp, &mut problems);
        check_database(&self.storage, &mut problems);
        self.fallback.check(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
