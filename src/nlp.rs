//! The NLP engine as the service uses it: loaded once, shared, and run on blocking threads.

use std::sync::Arc;

use chrono::NaiveDate;
use layer1_engine::embed::{EmbedderKind, ModelLocation, load_embedder};
use layer1_engine::extract::ExtractLimits;
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::{CandidateSkill, MatchOutcome, RequirementInput, ScoreOptions};
use layer1_engine::skills::{ParsedJob, Taxonomy};
use layer1_engine::{Engine, EngineError};
use tracing::Instrument;

use crate::config::NlpSettings;

/// Why an engine call failed.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// The engine returned an error.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The blocking task panicked or was cancelled.
    #[error("the engine task stopped unexpectedly: {0}")]
    Task(String),
}

/// Shared handle on the loaded engine.
#[derive(Clone)]
pub struct NlpRuntime {
    engine: Arc<Engine>,
    options: ScoreOptions,
    model_loaded: bool,
}

impl NlpRuntime {
    /// Loads the taxonomy and the embedding model (or the hashed fallback when absent).
    pub fn load(settings: &NlpSettings) -> Self {
        let mut location = ModelLocation::new(&settings.model_dir);
        if let Some(path) = &settings.ort_dylib_path {
            location = location.with_ort_dylib(path);
        }
        let (embedder, kind) = load_embedder(&location, settings.embed_threads);
        let limits = ExtractLimits {
            max_pages: settings.max_pages,
            ..ExtractLimits::default()
        };
        let engine = Engine::new(&Taxonomy::builtin(), embedder, limits);
        Self {
            engine: Arc::new(engine),
            options: ScoreOptions {
                use_inferred_requirements: settings.use_inferred_requirements,
            },
            model_loaded: kind == EmbedderKind::Onnx,
        }
    }

    /// Returns true when the ONNX model is in use (false for the hashed fallback).
    pub fn model_loaded(&self) -> bool {
        self.model_loaded
    }

    /// Returns the engine for synchronous callers such as the CLI.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Returns the scoring options.
    pub fn options(&self) -> &ScoreOptions {
        &self.options
    }

    async fn run<T, F>(&self, work: F) -> Result<T, NlpError>
    where
        T: Send + 'static,
        F: FnOnce(&Engine) -> Result<T, EngineError> + Send + 'static,
    {
        let engine = self.engine.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(|| work(&engine)))
            .in_current_span()
            .await
            .map_err(|e| NlpError::Task(e.to_string()))?
            .map_err(NlpError::from)
    }

    /// Extracts and parses a resume. `as_of` is the date "present" stands for.
    pub async fn analyze_resume(
        &self,
        bytes: Vec<u8>,
        as_of: NaiveDate,
    ) -> Result<ParsedResume, NlpError> {
        self.run(move |engine| engine.analyze_resume(&bytes, as_of))
            .await
    }

    /// Parses a job description given as text.
    pub async fn analyze_job_text(&self, text: String) -> ParsedJob {
        self.run(move |engine| Ok(engine.analyze_job_text(&text)))
            .await
            .unwrap_or_default()
    }

    /// Extracts and parses a job description file.
    pub async fn analyze_job_file(&self, bytes: Vec<u8>) -> Result<ParsedJob, NlpError> {
        self.run(move |engine| engine.analyze_job_file(&bytes))
            .await
    }

    /// Scores candidate skills against requirements with the configured options.
    pub async fn score(
        &self,
        candidates: Vec<CandidateSkill>,
        requirements: Vec<RequirementInput>,
    ) -> Result<MatchOutcome, NlpError> {
        let options = self.options;
        self.run(move |engine| engine.score(&candidates, &requirements, &options))
            .await
    }
}
