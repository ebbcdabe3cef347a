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
                let mut parsed = nlp.analyze_job_text(text.clone()).await;
                if let Some(llm) = llm {
                    parsed = llm.augment_job(parsed, &text).await;
                }
                Ok(nlp.apply_onet(parsed, text, title.to_string()).await)
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
            AnalysisBackend::Native(nlp, _) => {
                let parsed = nlp.analyze_job_file(bytes).await?;
                // NOTE: the file's text is not kept, so O*NET items named only in the text
                // and missing from the taxonomy count as inferred for file uploads, and the
                // LLM step does not run on them.
                Ok(nlp
                    .apply_onet(parsed, String::new(), title.to_string())
                    .await)
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
