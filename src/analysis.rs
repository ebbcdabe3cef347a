//! The analysis backend of the workers: the native engine, or the external Python worker when
//! `ENGINE=python`. Both return the engine's types, so results are stored the same way.

use chrono::NaiveDate;
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::{CandidateSkill, MatchOutcome, RequirementInput};
use layer1_engine::skills::ParsedJob;

use crate::fallback::{FallbackError, FileMeta, PythonWorker};
use crate::llm::LlmSkills;
use crate::nlp::{NlpError, NlpRuntime};

/// Failure of an analysis call.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// The native engine failed.
    #[error(transparent)]
    Native(#[from] NlpError),
    /// The Python worker failed.
    #[error(transparent)]
    Python(#[from] FallbackError),
}

/// Destination of the workers' parse and match calls.
#[derive(Clone)]
pub enum AnalysisBackend {
    /// The built-in engine on blocking threads, with the optional LLM step (`LLM_API_URL`).
    Native(NlpRuntime, Option<LlmSkills>),
    /// The external Python worker over HTTP.
    Python(PythonWorker),
}

impl AnalysisBackend {
    /// Parses a resume file. `as_of` is the date "present" stands for (native engine only).
    pub async fn analyze_resume(
        &self,
        bytes: Vec<u8>,
        file: &FileMeta,
        as_of: NaiveDate,
    ) -> Result<ParsedResume, AnalysisError> {
        match self {
            AnalysisBackend::Native(nlp, llm) => {
                let parsed = nlp.analyze_resume(bytes, as_of).await?;
                match llm {
                    Some(llm) => Ok(llm.augment_resume(parsed).await),
                    None => Ok(parsed),
                }
            }
            AnalysisBackend::Python(worker) => Ok(worker.parse_resume(&bytes, file, as_of).await?),
        }
    }

    /// Parses a job description given as text.
    pub async fn analyze_job_text(
        &self,
        text: String,
        title: &str,
    ) -> Result<ParsedJob, AnalysisError> {
        match self {
            AnalysisBackend::Native(nlp, llm) => {
                let parsed = nlp.analyze_job_text(text.clone()).await;
                Ok(finish_native_job(nlp, llm.as_ref(), parsed, text, title).await)
            }
            AnalysisBackend::Python(worker) => Ok(worker.parse_job_text(&text, title).await?),
        }
    }

    /// Parses a job description file.
    pub async fn analyze_job_file(
        &self,
        bytes: Vec<u8>,
        file: &FileMeta,
        title: &str,
    ) -> Result<ParsedJob, AnalysisError> {
        match self {
            AnalysisBackend::Native(nlp, llm) => {
                let (parsed, text) = nlp.analyze_job_file(bytes).await?;
                Ok(finish_native_job(nlp, llm.as_ref(), parsed, text, title).await)
            }
            AnalysisBackend::Python(worker) => {
                Ok(worker.parse_job_file(&bytes, file, title).await?)
            }
        }
    }

    /// Scores candidate skills against requirements.
    pub async fn score(
        &self,
        candidates: Vec<CandidateSkill>,
        requirements: Vec<RequirementInput>,
    ) -> Result<MatchOutcome, AnalysisError> {
        match self {
            AnalysisBackend::Native(nlp, _) => Ok(nlp.score(candidates, requirements).await?),
            AnalysisBackend::Python(worker) => Ok(worker.score(&candidates, &requirements).await?),
        }
    }
}

/// Runs the steps after native parsing that read the job's text: the optional LLM step, then
/// O*NET inference, which finds items named in the text but missing from the taxonomy.
async fn finish_native_job(
    nlp: &NlpRuntime,
    llm: Option<&LlmSkills>,
    mut parsed: ParsedJob,
    text: String,
    title: &str,
) -> ParsedJob {
    if let Some(llm) = llm {
        parsed = llm.augment_job(parsed, &text).await;
    }
    nlp.apply_onet(parsed, text, title.to_string()).await
}
