//! O*NET in the service: settings, the source they select (the imported offline database or
//! the Web Services client), and the `layer1 onet import` command.
//!
//! Inference is off unless `ONET_DIR` or the `ONET_USER`/`ONET_PASSWORD` pair is set.

mod client;
mod import;

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use layer1_engine::onet::{
    InMemoryTitleCache, InferenceSettings, OnetDatabase, OnetError, OnetSource, TitleCache,
    infer_requirements, parse_fraction,
};
use layer1_engine::skills::{Gazetteer, ParsedJob};
use secrecy::SecretString;

pub use client::{WebServicesClient, WebServicesSettings};
pub use import::{COMPACT_FILE, import};

/// Default base URL of the O*NET Web Services.
pub const DEFAULT_BASE_URL: &str = "https://services.onetcenter.org/ws";

/// O*NET settings.
#[derive(Debug, Clone, Args)]
pub struct OnetSettings {
    /// Directory holding the compact `onet.json` written by `layer1 onet import`, or the
    /// O*NET database text files themselves. Enables offline inference.
    #[arg(long, env = "ONET_DIR")]
    pub onet_dir: Option<PathBuf>,

    /// O*NET Web Services user name; with ONET_PASSWORD enables inference over the network
    /// when ONET_DIR is not set.
    #[arg(long, env = "ONET_USER")]
    pub onet_user: Option<String>,

    /// O*NET Web Services password.
    #[arg(long, env = "ONET_PASSWORD", hide_env_values = true)]
    pub onet_password: Option<SecretString>,

    /// Base URL of the O*NET Web Services.
    #[arg(long, env = "ONET_BASE_URL", default_value = DEFAULT_BASE_URL)]
    pub onet_base_url: String,

    /// Timeout of one Web Services request, in milliseconds.
    #[arg(long, env = "ONET_TIMEOUT_MS", default_value_t = 5_000)]
    pub onet_timeout_ms: u64,

    /// Smallest relevance a technology skill needs, from 0 to 1 (or 0 to 100).
    #[arg(long, env = "ONET_MIN_RELEVANCE", default_value = "0.5", value_parser = fraction)]
    pub onet_min_relevance: f64,

    /// Smallest importance an inferred requirement needs to be stored, from 0 to 1 (or 0
    /// to 100).
    #[arg(long, env = "JOB_INFERRED_MIN_IMPORTANCE", default_value = "0.7", value_parser = fraction)]
    pub job_inferred_min_importance: f64,
}

fn fraction(value: &str) -> Result<f64, OnetError> {
    parse_fraction(value)
}

/// O*NET inference as the service runs it: a source, a per-title cache and the settings.
pub struct OnetInference {
    source: Arc<dyn OnetSource>,
    cache: InMemoryTitleCache,
    settings: InferenceSettings,
}

impl OnetInference {
    /// Builds the inference that `settings` select, or `None` when O*NET is not configured.
    /// An unreadable `ONET_DIR` is an error, so a misconfigured deployment fails at start.
    pub fn from_settings(settings: &OnetSettings) -> anyhow::Result<Option<Self>> {
        let source: Arc<dyn OnetSource> = if let Some(dir) = &settings.onet_dir {
            Arc::new(load_database(dir)?)
        } else if let (Some(user), Some(password)) = (&settings.onet_user, &settings.onet_password)
        {
            Arc::new(WebServicesClient::new(WebServicesSettings {
                base_url: settings.onet_base_url.clone(),
                user: user.clone(),
                password: password.clone(),
                timeout_ms: settings.onet_timeout_ms,
                max_attempts: 3,
            })?)
        } else {
            return Ok(None);
        };
        Ok(Some(Self::new(source, settings)))
    }

    /// Builds the inference over any source.
    pub fn new(source: Arc<dyn OnetSource>, settings: &OnetSettings) -> Self {
        Self {
            source,
            cache: InMemoryTitleCache::default(),
            settings: InferenceSettings {
                min_relevance: settings.onet_min_relevance,
                inferred_min_importance: settings.job_inferred_min_importance,
                ..InferenceSettings::default()
            },
        }
    }

    /// Adds O*NET requirements for `title` to `job`. Blocking: run it on a blocking thread.
    /// A failing source leaves the job as it is and logs a warning.
    pub fn apply(&self, job: &mut ParsedJob, text: &str, title: &str) {
        let cache: &dyn TitleCache = &self.cache;
        let outcome = infer_requirements(
            job,
            text,
            title,
            self.source.as_ref(),
            Some(cache),
            Gazetteer::builtin(),
            &self.settings,
        );
        if let Err(error) = outcome {
            tracing::warn!(%error, "O*NET inference failed; the job keeps its explicit requirements");
        }
    }
}

/// Reads `onet.json` from `dir`, or the database text files when there is none.
fn load_database(dir: &std::path::Path) -> anyhow::Result<OnetDatabase> {
    let compact = dir.join(COMPACT_FILE);
    let database = if compact.is_file() {
        OnetDatabase::from_compact(&std::fs::read(&compact)?)?
    } else {
        OnetDatabase::load_dir(dir)?
    };
    tracing::info!(
        occupations = database.occupations.len(),
        "O*NET database loaded"
    );
    Ok(database)
}
