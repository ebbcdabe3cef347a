//! The NLP engine as the service uses it: loaded once, shared, and run on blocking threads.
//!
//! Document text is extracted in a child process (the `layer1` binary re-executed with the
//! hidden `extract-child` subcommand) unless `EXTRACT_ISOLATION=thread`, so a hostile file
//! ends as that document's error and never takes the worker down.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use layer1_engine::embed::{
    BatcherSettings, CachedEmbedder, EmbedSettings, Embedder, EmbedderKind, ModelLocation,
    ModelVariant, load_shared_embedder,
};
use layer1_engine::extract::child::{ChildLimits, run_child};
use layer1_engine::extract::{
    ChildProcessExtractor, ChildProcessSettings, ExtractLimits, InProcessExtractor, TextExtractor,
};
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::{CandidateSkill, MatchOutcome, RequirementInput, ScoreOptions};
use layer1_engine::skills::{ParsedJob, Taxonomy};
use layer1_engine::{Engine, EngineError};
use tracing::Instrument;

use crate::cli::ExtractChildArgs;
use crate::config::{EmbedModel, ExtractIsolation, NlpSettings};
use crate::vectors::EmbeddingLayers;

/// Name of the hidden subcommand that runs one extraction in a child process.
pub const EXTRACT_CHILD_COMMAND: &str = "extract-child";
/// File name of the service binary, which alone understands [`EXTRACT_CHILD_COMMAND`].
const SERVICE_BINARY: &str = "layer1";

/// Error of an engine call.
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
    onet: Option<Arc<crate::onet::OnetInference>>,
    model: Arc<dyn Embedder>,
    layers: Option<Arc<EmbeddingLayers>>,
}

impl NlpRuntime {
    /// Loads the taxonomy and the embedding model (or the hashed fallback when absent).
    pub fn load(settings: &NlpSettings) -> Self {
        Self::load_with_layers(settings, None)
    }

    /// Loads like [`Self::load`], with the embedding cache `layers` (when given) in front of
    /// the model.
    pub fn load_with_layers(settings: &NlpSettings, layers: Option<Arc<EmbeddingLayers>>) -> Self {
        // One model per process is shared by every clone of the runtime (API and in-process
        // workers). Its inference runs on the batcher's thread, which merges concurrent calls.
        let (model, kind) =
            load_shared_embedder(&model_location(settings), &embed_settings(settings));
        let embedder: Arc<dyn Embedder> = match &layers {
            Some(layers) => Arc::new(CachedEmbedder::new(model.clone(), layers.cache())),
            None => model.clone(),
        };
        let limits = ExtractLimits {
            max_pages: settings.max_pages,
            ..ExtractLimits::default()
        };
        let extractor = text_extractor(settings, limits.clone());
        let engine = Engine::new(&Taxonomy::builtin(), embedder, limits).with_extractor(extractor);
        Self {
            engine: Arc::new(engine),
            options: ScoreOptions {
                use_inferred_requirements: settings.use_inferred_requirements,
            },
            model_loaded: kind == EmbedderKind::Onnx,
            onet: load_onet(&settings.onet),
            model,
            layers,
        }
    }

    /// Returns the model without the cache layers in front of it.
    pub fn model(&self) -> Arc<dyn Embedder> {
        self.model.clone()
    }

    /// Returns the embedding cache layers, when loaded with them.
    pub fn embedding_layers(&self) -> Option<&Arc<EmbeddingLayers>> {
        self.layers.as_ref()
    }

    /// Adds O*NET requirements for `title` to a parsed job when O*NET is configured; returns
    /// the job unchanged otherwise. `text` is the job text, where pool items count as
    /// explicit.
    pub async fn apply_onet(&self, mut job: ParsedJob, text: String, title: String) -> ParsedJob {
        let Some(onet) = self.onet.clone() else {
            return job;
        };
        let unchanged = job.clone();
        let span = tracing::Span::current();
        let task = tokio::task::spawn_blocking(move || {
            span.in_scope(|| onet.apply(&mut job, &text, &title));
            job
        });
        match task.in_current_span().await {
            Ok(job) => job,
            Err(error) => {
                tracing::error!(%error, "O*NET inference task stopped unexpectedly");
                unchanged
            }
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

    /// Extracts and parses a job description file; returns the parsed job and the extracted
    /// text.
    pub async fn analyze_job_file(&self, bytes: Vec<u8>) -> Result<(ParsedJob, String), NlpError> {
        self.run(move |engine| engine.analyze_job_file_with_text(&bytes))
            .await
    }

    /// Scores candidate skills against requirements with the `semantic` strategy and the
    /// configured options; the outcome has the reference shape.
    pub async fn score_semantic(
        &self,
        candidates: Vec<CandidateSkill>,
        requirements: Vec<RequirementInput>,
    ) -> Result<MatchOutcome, NlpError> {
        let options = self.options;
        self.run(move |engine| engine.score_semantic(&candidates, &requirements, &options))
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

/// Returns where the model files are, with the variant `EMBED_MODEL` selects.
pub fn model_location(settings: &NlpSettings) -> ModelLocation {
    let variant = match settings.embed_model {
        EmbedModel::Default => ModelVariant::Default,
        EmbedModel::Quantized => ModelVariant::Quantized,
    };
    let location = ModelLocation::new(&settings.model_dir).with_variant(variant);
    match &settings.ort_dylib_path {
        Some(path) => location.with_ort_dylib(path),
        None => location,
    }
}

/// Returns the embedder's threads and batching from `EMBED_THREADS` and `EMBED_BATCH_*`.
pub fn embed_settings(settings: &NlpSettings) -> EmbedSettings {
    EmbedSettings {
        intra_threads: settings.embed_threads,
        batch: BatcherSettings {
            max_texts: usize::from(settings.embed_batch_size),
            max_wait: std::time::Duration::from_millis(settings.embed_batch_wait_ms),
        },
    }
}

/// Builds the O*NET inference the settings select. A configuration that cannot be loaded is
/// logged and leaves inference off, so the service still parses jobs.
fn load_onet(settings: &crate::onet::OnetSettings) -> Option<Arc<crate::onet::OnetInference>> {
    match crate::onet::OnetInference::from_settings(settings) {
        Ok(inference) => inference.map(Arc::new),
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "O*NET inference is off: its configuration could not be loaded");
            None
        }
    }
}

/// Builds the text extractor that `EXTRACT_ISOLATION` selects.
fn text_extractor(settings: &NlpSettings, limits: ExtractLimits) -> Arc<dyn TextExtractor> {
    if settings.extract_isolation == ExtractIsolation::Thread {
        return Arc::new(InProcessExtractor { limits });
    }
    let Some(program) = child_program(settings) else {
        tracing::warn!(
            "text extraction runs in-process without limits: the running program is not the \
             layer1 binary; set EXTRACT_CHILD_PATH to the layer1 binary to isolate it"
        );
        return Arc::new(InProcessExtractor { limits });
    };
    Arc::new(ChildProcessExtractor::new(ChildProcessSettings {
        program,
        args: vec![EXTRACT_CHILD_COMMAND.to_string()],
        limits,
        memory_mb: settings.extract_memory_mb,
        timeout_ms: settings.extract_timeout_ms,
    }))
}

/// Returns `EXTRACT_CHILD_PATH`, or the running program when it is the `layer1` binary (a
/// test harness or another host program cannot run the child subcommand).
fn child_program(settings: &NlpSettings) -> Option<PathBuf> {
    if let Some(path) = &settings.extract_child_path {
        return Some(path.clone());
    }
    own_program(std::env::current_exe().ok()?)
}

/// Link to the running process's own executable image on Linux.
const OWN_IMAGE: &str = "/proc/self/exe";

/// Returns the program that runs this binary again when `current` is the `layer1` binary.
/// On Linux that is [`OWN_IMAGE`], so the child runs the parent's image even after the file at
/// `current` was replaced or deleted (an upgrade in place), and errors do not name the path.
fn own_program(current: PathBuf) -> Option<PathBuf> {
    let stem = current.file_stem()?.to_str()?;
    if stem != SERVICE_BINARY {
        return None;
    }

    let own_image = PathBuf::from(OWN_IMAGE);
    Some(if own_image.exists() {
        own_image
    } else {
        current
    })
}

/// Runs `layer1 extract-child`: lowers this process's limits, reads one document from stdin
/// and writes the extracted text (or a typed error) as JSON to stdout.
pub fn run_extract_child(args: &ExtractChildArgs) -> anyhow::Result<()> {
    let limits = ExtractLimits {
        max_bytes: args.max_bytes,
        max_pages: args.max_pages,
        max_decompressed_bytes: args.max_decompressed_bytes,
    };
    let child_limits = ChildLimits {
        memory_mb: args.memory_mb,
        cpu_secs: args.cpu_secs,
    };
    run_child(
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &limits,
        child_limits,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_program_runs_own_image() {
        let program = own_program(PathBuf::from("/opt/old-release/layer1"));

        let expected = if std::path::Path::new(OWN_IMAGE).exists() {
            PathBuf::from(OWN_IMAGE)
        } else {
            PathBuf::from("/opt/old-release/layer1")
        };
        assert_eq!(program, Some(expected));
    }

    #[test]
    fn own_program_skips_other_binaries() {
        assert_eq!(own_program(PathBuf::from("/tmp/deps/nlp-3f2a")), None);
    }
}
