//! HTTP client of an external Python worker (`PYTHON_SERVICE_URL`), used when `ENGINE=python`.
//!
//! The worker speaks the contract that `crate::compat` serves: `POST /parse/resume`,
//! `POST /parse/job` and `POST /match` with JSON bodies and base64 file payloads. Each call has
//! a time limit (`PYTHON_SERVICE_TIMEOUT_MS`). Connection failures and 5xx statuses are retried
//! up to `PYTHON_SERVICE_RETRIES` times with exponential backoff starting at
//! `PYTHON_SERVICE_BACKOFF_MS`. A 4xx status is not retried, because the same request would be
//! rejected again. A timeout is not retried either, because the timed-out call may still be
//! running on the worker. Responses are converted into the engine's types, so results are
//! stored exactly as native ones.

mod convert;

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use chrono::NaiveDate;
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::{CandidateSkill, MatchOutcome, RequirementInput};
use layer1_engine::skills::ParsedJob;
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tracing::{debug, instrument, warn};

use crate::config::FallbackSettings;
use convert::{JobResponse, ResumeResponse, SkillIds};

/// Failure of a call to the Python worker. Messages name the worker by host and port only.
#[derive(Debug, thiserror::Error)]
pub enum FallbackError {
    /// `PYTHON_SERVICE_URL` is missing or not a usable URL.
    #[error("invalid PYTHON_SERVICE_URL: {reason}")]
    InvalidUrl {
        /// The problem with the value.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("failed to build the HTTP client for the Python worker")]
    Client(#[source] reqwest::Error),
    /// No connection could be made, on every attempt.
    #[error("the Python worker at {worker} could not be reached after {attempts} attempts")]
    Unreachable {
        /// Host and port of the worker.
        worker: String,
        /// Attempts made.
        attempts: u32,
        /// The last connection error.
        #[source]
        source: reqwest::Error,
    },
    /// The call did not complete within the time limit.
    #[error("the Python worker at {worker} did not respond within {timeout_ms} ms")]
    TimedOut {
        /// Host and port of the worker.
        worker: String,
        /// The time limit, in milliseconds.
        timeout_ms: u64,
    },
    /// The worker returned a 5xx status on every attempt.
    #[error("the Python worker at {worker} failed with status {status} after {attempts} attempts")]
    ServerError {
        /// Host and port of the worker.
        worker: String,
        /// The last status.
        status: u16,
        /// Attempts made.
        attempts: u32,
    },
    /// The worker rejected the request with a 4xx status.
    #[error("the Python worker at {worker} rejected the request with status {status}: {detail}")]
    Rejected {
        /// Host and port of the worker.
        worker: String,
        /// The status.
        status: u16,
        /// The `detail` code of the response, or a summary of its first validation error.
        detail: String,
    },
    /// The response was not the expected JSON.
    #[error("the Python worker at {worker} returned an invalid response")]
    InvalidResponse {
        /// Host and port of the worker.
        worker: String,
        /// The decoding error.
        #[source]
        source: reqwest::Error,
    },
}

/// Client of one Python worker. Cloning is cheap and shares the connection pool.
#[derive(Clone)]
pub struct PythonWorker {
    client: reqwest::Client,
    base: Url,
    worker: String,
    timeout_ms: u64,
    retries: u32,
    backoff: Duration,
    skill_ids: SkillIds,
}

/// A stored file as the parse routes take it.
#[derive(Debug, Clone, Default)]
pub struct FileMeta {
    /// Original file name.
    pub filename: Option<String>,
    /// MIME type recorded at upload.
    pub mime_type: Option<String>,
}

/// Outcome of an attempt that may be retried.
enum Retryable {
    Connect(reqwest::Error),
    Status(StatusCode),
}

impl PythonWorker {
    /// Builds a client from the settings.
    ///
    /// # Errors
    ///
    /// Returns [`FallbackError::InvalidUrl`] when `PYTHON_SERVICE_URL` is missing or invalid.
    pub fn new(settings: &FallbackSettings) -> Result<Self, FallbackError> {
        let raw = settings
            .python_service_url
            .as_deref()
            .unwrap_or_default()
            .trim();
        if raw.is_empty() {
            return Err(FallbackError::InvalidUrl {
                reason: "it is not set".to_string(),
            });
        }
        // A trailing slash makes `join` keep a path prefix such as `/worker/`.
        let with_slash = if raw.ends_with('/') {
            raw.to_string()
        } else {
            format!("{raw}/")
        };
        let base = Url::parse(&with_slash).map_err(|error| FallbackError::InvalidUrl {
            reason: error.to_string(),
        })?;
        let worker = match (base.host_str(), base.port_or_known_default()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            _ => {
                return Err(FallbackError::InvalidUrl {
                    reason: "the URL has no host".to_string(),
                });
            }
        };
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.python_service_timeout_ms))
            .build()
            .map_err(FallbackError::Client)?;
        Ok(Self {
            client,
            base,
            worker,
            timeout_ms: settings.python_service_timeout_ms,
            retries: settings.python_service_retries,
            backoff: Duration::from_millis(settings.python_service_backoff_ms),
            skill_ids: SkillIds::builtin(),
        })
    }

    /// Parses a resume file with `POST /parse/resume`.
    ///
    /// `as_of` is not sent: the Python worker always counts "present" as today.
    #[instrument(skip_all, fields(route = "/parse/resume", bytes = bytes.len()))]
    pub async fn parse_resume(
        &self,
        bytes: &[u8],
        file: &FileMeta,
        _as_of: NaiveDate,
    ) -> Result<ParsedResume, FallbackError> {
        let body = json!({
            "filename": file.filename,
            "mime_type": file.mime_type,
            "content_b64": STANDARD.encode(bytes),
        });
        let response: ResumeResponse = self.post("parse/resume", &body).await?;
        Ok(response.into_parsed(&self.skill_ids))
    }

    /// Parses a job description given as text with `POST /parse/job`.
    #[instrument(skip_all, fields(route = "/parse/job"))]
    pub async fn parse_job_text(
        &self,
        text: &str,
        title: &str,
    ) -> Result<ParsedJob, FallbackError> {
        let body = json!({ "text": text, "title": title });
        let response: JobResponse = self.post("parse/job", &body).await?;
        Ok(response.into_parsed(&self.skill_ids))
    }

    /// Parses a job description file with `POST /parse/job`.
    #[instrument(skip_all, fields(route = "/parse/job", bytes = bytes.len()))]
    pub async fn parse_job_file(
        &self,
        bytes: &[u8],
        file: &FileMeta,
        title: &str,
    ) -> Result<ParsedJob, FallbackError> {
        let body = json!({
            "content_b64": STANDARD.encode(bytes),
            "filename": file.filename,
            "mime_type": file.mime_type,
            "title": title,
        });
        let response: JobResponse = self.post("parse/job", &body).await?;
        Ok(response.into_parsed(&self.skill_ids))
    }

    /// Scores candidate skills against requirements with `POST /match`.
    #[instrument(skip_all, fields(route = "/match", candidates = candidates.len()))]
    pub async fn score(
        &self,
        candidates: &[CandidateSkill],
        requirements: &[RequirementInput],
    ) -> Result<MatchOutcome, FallbackError> {
        let body = json!({ "candidate_skills": candidates, "requirements": requirements });
        self.post("match", &body).await
    }

    /// Posts a JSON body, retrying connection failures and 5xx statuses with backoff.
    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &Value,
    ) -> Result<T, FallbackError> {
        let url = self
            .base
            .join(path)
            .map_err(|error| FallbackError::InvalidUrl {
                reason: error.to_string(),
            })?;
        let payload = Bytes::from(body.to_string());
        let mut attempt = 0;
        loop {
            attempt += 1;
            let retryable = match self.attempt(url.clone(), payload.clone()).await {
                Ok(response) => return self.read(response).await,
                Err(Ok(retryable)) => retryable,
                Err(Err(error)) => return Err(error),
            };
            if attempt > self.retries {
                return Err(self.give_up(retryable, attempt));
            }
            let delay = self
                .backoff
                .saturating_mul(2u32.saturating_pow(attempt - 1));
            let reason = match &retryable {
                Retryable::Connect(error) => error.to_string(),
                Retryable::Status(status) => format!("status {status}"),
            };
            warn!(attempt, delay_ms = delay.as_millis(), %reason, path, "Python worker call failed; retrying");
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends one attempt. `Err(Ok(_))` may be retried, `Err(Err(_))` is final.
    async fn attempt(
        &self,
        url: Url,
        payload: Bytes,
    ) -> Result<reqwest::Response, Result<Retryable, FallbackError>> {
        let sent = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(payload)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_server_error() => {
                Err(Ok(Retryable::Status(response.status())))
            }
            Ok(response) if response.status().is_success() => Ok(response),
            Ok(response) => Err(Err(self.rejected(response).await)),
            Err(error) if error.is_timeout() => Err(Err(self.timed_out())),
            Err(error) => Err(Ok(Retryable::Connect(error))),
        }
    }

    async fn read<T: DeserializeOwned>(
        &self,
        response: reqwest::Response,
    ) -> Result<T, FallbackError> {
        response.json().await.map_err(|error| {
            if error.is_timeout() {
                self.timed_out()
            } else {
                FallbackError::InvalidResponse {
                    worker: self.worker.clone(),
                    source: error,
                }
            }
        })
    }

    async fn rejected(&self, response: reqwest::Response) -> FallbackError {
        let status = response.status().as_u16();
        let body = response.json::<Value>().await.ok();
        let detail = convert::describe_detail(body.as_ref());
        debug!(status, %detail, "Python worker rejected the request");
        FallbackError::Rejected {
            worker: self.worker.clone(),
            status,
            detail,
        }
    }

    fn timed_out(&self) -> FallbackError {
        FallbackError::TimedOut {
            worker: self.worker.clone(),
            timeout_ms: self.timeout_ms,
        }
    }

    fn give_up(&self, retryable: Retryable, attempts: u32) -> FallbackError {
        match retryable {
            Retryable::Connect(source) => FallbackError::Unreachable {
                worker: self.worker.clone(),
                attempts,
                source,
            },
            Retryable::Status(status) => FallbackError::ServerError {
                worker: self.worker.clone(),
                status: status.as_u16(),
                attempts,
            },
        }
    }
}
