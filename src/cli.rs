//! Command line: `serve`, `worker`, `match`, `db migrate` and the maintenance commands.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::config::{
    LogSettings, NlpSettings, ServeSettings, StorageSettings, WorkerProcessSettings,
};

/// Layer1: resume and job matching service.
#[derive(Debug, Parser)]
#[command(name = "layer1", version, about)]
pub struct Cli {
    /// Logs.
    #[command(flatten)]
    pub log: LogSettings,
    /// Command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the REST API with in-process background workers (`--no-workers`: the API only).
    ///
    /// A split deployment runs `serve --no-workers` and `worker` processes on one queue: Redis
    /// (REDIS_URL) or PostgreSQL. On SQLite both processes must open the same database file on
    /// one machine; SQL Server needs REDIS_URL. Impossible splits are rejected at start.
    Serve(Box<ServeSettings>),
    /// Run the background workers without the HTTP API, next to `serve --no-workers`
    /// processes that share the database and the queue. Stops on SIGTERM or Ctrl-C after the
    /// running jobs finish (at most SHUTDOWN_TIMEOUT_SECS).
    Worker(Box<WorkerProcessSettings>),
    /// Match one resume against one job description and print a report (no server needed).
    Match(MatchArgs),
    /// Database maintenance.
    Db {
        /// Database command.
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Match-quota maintenance for operators.
    Usage {
        /// Usage command.
        #[command(subcommand)]
        command: UsageCommand,
    },
    /// O*NET database maintenance.
    Onet {
        /// O*NET command.
        #[command(subcommand)]
        command: OnetCommand,
    },
    /// Drive a running server's `/match` route with concurrent clients and print latency
    /// percentiles and throughput.
    Load(crate::load::LoadArgs),
    /// Rank resume files for a job file and print each resume's score and breakdown (no
    /// server needed).
    Rank(crate::rank::cli::RankArgs),
    /// Model maintenance.
    Models {
        /// Model command.
        #[command(subcommand)]
        command: ModelsCommand,
    },
    /// Measure embedding throughput of the installed models (texts per second, share of the
    /// fp32 peak, ratio to Python onnxruntime when the setup virtualenv has it).
    Bench(Box<crate::bench::BenchArgs>),
    /// Extract one document from stdin to JSON on stdout under resource limits (internal:
    /// the service starts this as its isolated extraction child).
    #[command(name = "extract-child", hide = true)]
    ExtractChild(ExtractChildArgs),
}

/// Arguments of the hidden `layer1 extract-child`; the parent process sets every one.
#[derive(Debug, Args)]
pub struct ExtractChildArgs {
    /// Largest accepted input, in bytes.
    #[arg(long)]
    pub max_bytes: usize,
    /// Largest number of PDF pages read.
    #[arg(long)]
    pub max_pages: usize,
    /// Largest decompressed size of one DOCX entry or PDF stream, in bytes.
    #[arg(long)]
    pub max_decompressed_bytes: usize,
    /// Address-space limit of this process, in MiB.
    #[arg(long)]
    pub memory_mb: u64,
    /// CPU-time limit of this process, in seconds.
    #[arg(long)]
    pub cpu_secs: u64,
}

/// Arguments of `layer1 match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Resume file: PDF, DOCX or plain text.
    pub resume: PathBuf,
    /// Job description file: plain text, PDF or DOCX.
    pub job: PathBuf,
    /// Print the full result as JSON instead of a text report.
    #[arg(long)]
    pub json: bool,
    /// Date that "present" in the resume's date ranges stands for (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// NLP engine.
    #[command(flatten)]
    pub nlp: NlpSettings,
}

/// O*NET commands.
#[derive(Debug, Subcommand)]
pub enum OnetCommand {
    /// Read the O*NET database text files (Occupation Data.txt, Alternate Titles.txt,
    /// Technology Skills.txt, Knowledge.txt, Skills.txt) and write the compact `onet.json`
    /// that ONET_DIR loads.
    Import(OnetImportArgs),
}

/// Arguments of `layer1 onet import`.
#[derive(Debug, Args)]
pub struct OnetImportArgs {
    /// Directory of the unpacked O*NET database release (text format).
    pub dir: PathBuf,
    /// Directory to write `onet.json` to; defaults to `<DATA_DIR>/onet`.
    #[arg(long, env = "ONET_DIR")]
    pub out: Option<PathBuf>,
    /// Data directory, used when `--out` is not given.
    #[arg(long, env = "DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
}

/// Model commands.
#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Compute the vectors of every taxonomy skill name with the installed model and write
    /// them to `<MODEL_DIR>/taxonomy-vectors-<model id>.bin`, unless a file for this model and
    /// taxonomy is already there. The server reads the file at start instead of embedding the
    /// names.
    Warm(ModelsWarmArgs),
}

/// Arguments of `layer1 models warm`.
#[derive(Debug, Args)]
pub struct ModelsWarmArgs {
    /// NLP engine.
    #[command(flatten)]
    pub nlp: NlpSettings,
}

/// Database commands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply the migrations of the configured database (they also run at start).
    Migrate(StorageSettings),
}

/// Match-quota commands.
#[derive(Debug, Subcommand)]
pub enum UsageCommand {
    /// Start a fresh 365-day quota window for one user: zero requests used, starting now.
    Reset(UsageResetArgs),
}

/// Arguments of `layer1 usage reset`.
#[derive(Debug, Args)]
pub struct UsageResetArgs {
    /// The user's auth subject (such as `auth0|65f...`) or user id (UUID).
    pub user: String,
    /// Database.
    #[command(flatten)]
    pub storage: StorageSettings,
}

/// Runs a `layer1 usage` command and prints its outcome on stdout.
pub async fn run_usage(command: UsageCommand) -> anyhow::Result<()> {
    let UsageCommand::Reset(args) = command;
    let store = crate::server::open_store(&args.storage).await?.store();
    let user = store
        .reset_quota(args.user.trim(), chrono::Utc::now())
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no user has the auth subject or id {:?}; users are created on their first request",
                args.user
            )
        })?;
    tracing::info!(user_id = %user.id, "quota window reset");
    println!(
        "reset the quota window of user {}: 0 of {} match requests used",
        user.id, user.annual_limit
    );
    Ok(())
}
