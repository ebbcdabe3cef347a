//! Command line: `serve`, `match`, `db migrate`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::config::{LogSettings, NlpSettings, ServeSettings, StorageSettings};

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
    /// Start the REST API with in-process background workers.
    Serve(Box<ServeSettings>),
    /// Match one resume against one job description and print a report (no server needed).
    Match(MatchArgs),
    /// Database maintenance.
    Db {
        /// Database command.
        #[command(subcommand)]
        command: DbCommand,
    },
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

/// Database commands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply the migrations of the configured database (they also run at start).
    Migrate(StorageSettings),
}
