//! Handlers of `/parse/resume`, `/parse/job` and `/match`, and their response shapes.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use chrono::{NaiveDate, Utc};
use layer1_engine::EngineError;
use layer1_engine::extract::ExtractError;
use layer1_engine::resume::{ParsedResume, Profile};
use layer1_engine::score::{MatchOutcome, MatchRequest};
use layer1_engine::skills::ParsedJob;
use serde::{Deserialize, Serialize};
use tracing::{debug, instrument};

use super::CompatState;
use super::base64::decode_lenient;
use super::error::CompatError;
use super::request::{CompatJson, CompatRequest};
use super::schema::{JOB_REQUEST, LocPart, MATCH_REQUEST, Model, RESUME_REQUEST, ValidationIssue};
use crate::config::MatchStrategy;
use crate::nlp::NlpError;

/// Body of `POST /parse/resume`.
///
/// `filename` and `mime_type` are validated but not read, because the engine sniffs the type
/// from the bytes. `as_of`, which the old worker did not take, is the date "present" means.
#[derive(Debug, Deserialize)]
pub(crate) struct ResumeRequest {
    /// The document, base64-encoded.
    content_b64: String,
    /// The date an open-ended job ("2019 – present") runs to; today when absent.
    #[serde(default)]
    as_of: Option<NaiveDate>,
}

/// Returns the date "present" means for a resume: `as_of` when it lies in
/// [`crate::dates::as_of_range`], today when absent.
fn resume_as_of(as_of: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, CompatError> {
    let Some(date) = as_of else {
        return Ok(today);
    };
    let range = crate::dates::as_of_range(today);
    if range.contains(&date) {
        return Ok(date);
    }
    let (earliest, latest) = (range.start(), range.end());
    Err(CompatError::Validation(vec![ValidationIssue {
        kind: "value_error",
        loc: vec![LocPart::Field("body"), LocPart::Field("as_of")],
        msg: format!("Value error, as_of {date} is outside {earliest} to {latest}"),
        input: serde_json::json!(date.to_string()),
        ctx: None,
    }]))
}

impl CompatRequest for ResumeRequest {
    const MODEL: &'static Model = &RESUME_REQUEST;
}

/// Body of `POST /parse/job`.
///
/// `filename`, `mime_type` and `title` are validated but not read: the engine sniffs the type
/// from the bytes and reads requirements from the text only.
#[derive(Debug, Deserialize)]
pub(crate) struct JobRequest {
    /// Job description text; takes precedence over a file when not empty.
    #[serde(default)]
    text: Option<String>,
    /// The job description document, base64-encoded.
    #[serde(default)]
    content_b64: Option<String>,
}

impl CompatRequest for JobRequest {
    const MODEL: &'static Model = &JOB_REQUEST;
}

impl CompatRequest for MatchRequest {
    const MODEL: &'static Model = &MATCH_REQUEST;
}

/// A resume skill in the old worker's shape (without the taxonomy id).
#[derive(Debug, Serialize)]
pub(crate) struct SkillOut {
    skill: String,
    experience_years: Option<f64>,
    proficiency: Option<f64>,
    mentions: u32,
    source: Vec<String>,
}

/// Text statistics in the old worker's shape.
#[derive(Debug, Serialize)]
pub(crate) struct StatisticsOut {
    characters: usize,
    tokens: usize,
    skills_detected: usize,
    /// Skills added by the old worker's optional LLM step, which this service does not run.
    skills_gemini: usize,
}

/// Response of `POST /parse/resume`.
#[derive(Debug, Serialize)]
pub(crate) struct ResumeResponse {
    skills: Vec<SkillOut>,
    sections: BTreeMap<String, String>,
    profile: Profile,
    statistics: StatisticsOut,
}

impl From<ParsedResume> for ResumeResponse {
    fn from(parsed: ParsedResume) -> Self {
        let skills = parsed
            .skills
            .into_iter()
            .map(|skill| SkillOut {
                skill: skill.skill,
                experience_years: skill.experience_years,
                proficiency: skill.proficiency,
                mentions: skill.mentions,
                source: skill.source,
            })
            .collect();
        Self {
            skills,
            sections: parsed.sections,
            profile: parsed.profile,
            statistics: StatisticsOut {
                characters: parsed.statistics.characters,
                tokens: parsed.statistics.tokens,
                skills_detected: parsed.statistics.skills_detected,
                skills_gemini: 0,
            },
        }
    }
}

/// A requirement in the old worker's shape.
#[derive(Debug, Serialize)]
pub(crate) struct RequirementOut {
    skill: String,
    importance: f64,
    inferred: bool,
}

/// A soft skill in the old worker's shape.
#[derive(Debug, Serialize)]
pub(crate) struct SoftSkillOut {
    skill: String,
    value: f64,
}

/// Response of `POST /parse/job`.
#[derive(Debug, Serialize)]
pub(crate) struct JobResponse {
    requirements: Vec<RequirementOut>,
    soft_skills: Vec<SoftSkillOut>,
}

impl From<ParsedJob> for JobResponse {
    fn from(parsed: ParsedJob) -> Self {
        Self {
            requirements: parsed
                .requirements
                .into_iter()
                .map(|r| RequirementOut {
                    skill: r.skill,
                    importance: r.importance,
                    inferred: r.inferred,
                })
                .collect(),
            soft_skills: parsed
                .soft_skills
                .into_iter()
                .map(|s| SoftSkillOut {
                    skill: s.skill,
                    value: s.value,
                })
                .collect(),
        }
    }
}

/// Splits an engine failure into "the document has no text" (`Ok(None)`), a 400 for an
/// unreadable document, and a 500 for everything else.
fn document_outcome<T>(result: Result<T, NlpError>) -> Result<Option<T>, CompatError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(NlpError::Engine(EngineError::Extract(ExtractError::NoText | ExtractError::Empty))) => {
            Ok(None)
        }
        // NOTE: the old worker's response to an unreadable file is not recorded, so the 400 with
        // the engine's code is this service's own choice.
        Err(NlpError::Engine(EngineError::Extract(error))) => {
            Err(CompatError::UnreadableDocument { code: error.code() })
        }
        Err(other) => Err(CompatError::Engine(other)),
    }
}

/// `POST /parse/resume`: a document with no text, including one that decodes to no bytes,
/// yields an empty result, as the old worker returned.
#[instrument(skip_all, fields(route = "/parse/resume", bytes))]
pub(super) async fn parse_resume(
    State(state): State<CompatState>,
    CompatJson(request): CompatJson<ResumeRequest>,
) -> Result<Json<ResumeResponse>, CompatError> {
    let bytes = decode_lenient(&request.content_b64).map_err(|error| {
        debug!(%error, "content_b64 rejected");
        CompatError::InvalidBase64
    })?;
    tracing::Span::current().record("bytes", bytes.len());
    let as_of = resume_as_of(request.as_of, Utc::now().date_naive())?;
    if bytes.is_empty() {
        return Ok(Json(ParsedResume::default().into()));
    }
    let parsed = document_outcome(state.nlp.analyze_resume(bytes, as_of).await)?;
    Ok(Json(parsed.unwrap_or_default().into()))
}

/// `POST /parse/job`: non-empty text wins over a file; neither is `content_required`.
#[instrument(skip_all, fields(route = "/parse/job", bytes))]
pub(super) async fn parse_job(
    State(state): State<CompatState>,
    CompatJson(request): CompatJson<JobRequest>,
) -> Result<Json<JobResponse>, CompatError> {
    if let Some(text) = request.text.filter(|text| !text.is_empty()) {
        let parsed = state.nlp.analyze_job_text(text).await;
        return Ok(Json(parsed.into()));
    }
    let Some(content) = request.content_b64.filter(|content| !content.is_empty()) else {
        return Err(CompatError::ContentRequired);
    };
    let bytes = decode_lenient(&content).map_err(|error| {
        debug!(%error, "content_b64 rejected");
        CompatError::InvalidBase64
    })?;
    tracing::Span::current().record("bytes", bytes.len());
    if bytes.is_empty() {
        return Ok(Json(ParsedJob::default().into()));
    }
    let parsed = document_outcome(
        state
            .nlp
            .analyze_job_file(bytes)
            .await
            .map(|(parsed, _)| parsed),
    )?;
    Ok(Json(parsed.unwrap_or_default().into()))
}

/// `POST /match`: scores with `COMPAT_MATCH_STRATEGY`.
#[instrument(skip_all, fields(route = "/match", candidates, requirements))]
pub(super) async fn match_skills(
    State(state): State<CompatState>,
    CompatJson(request): CompatJson<MatchRequest>,
) -> Result<Json<MatchOutcome>, CompatError> {
    let span = tracing::Span::current();
    span.record("candidates", request.candidate_skills.len());
    span.record("requirements", request.requirements.len());
    let outcome = match state.strategy {
        MatchStrategy::Exact => {
            state
                .nlp
                .score(request.candidate_skills, request.requirements)
                .await?
        }
        MatchStrategy::Semantic => {
            state
                .nlp
                .score_semantic(request.candidate_skills, request.requirements)
                .await?
        }
    };
    Ok(Json(outcome))
}
