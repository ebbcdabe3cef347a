//! Response and request bodies of the product API. Handlers serialize these types, and the
//! OpenAPI document is generated from them, so both describe the same JSON. Lists use
//! snake_case and details camelCase, as existing clients expect.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::store::{
    JobRecord, MatchRecord, MatchResult, RequirementRow, ResumeRecord, SkillRow, SoftSkillRow,
};

/// Reply to a create or retry request: the item is queued for a worker.
#[derive(Debug, Serialize, ToSchema)]
pub struct Queued {
    /// Item id.
    pub id: Uuid,
    /// Always `queued`.
    #[schema(example = "queued")]
    pub status: &'static str,
}

impl Queued {
    /// Builds the reply for `id`.
    pub fn new(id: Uuid) -> Self {
        Self {
            id,
            status: "queued",
        }
    }
}

/// Error body of every failed product API request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable error code that clients branch on (`not_found`, `file is required`, ...).
    pub error: String,
    /// Human-readable explanation.
    pub message: String,
    /// `x-request-id` of the request, for finding its log lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// `GET /health` body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always true, because a running process returns it.
    pub ok: bool,
}

/// `GET /ready` body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ready {
    /// True when database and queue are usable.
    pub ok: bool,
    /// True when the database responded to a query.
    pub database: bool,
    /// True when the job queue table responded to a query.
    pub queue: bool,
    /// Embedding model in use: `onnx`, or `hashed-fallback` when the model is not installed.
    pub model: String,
}

/// Resume in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResumeListItem {
    id: Uuid,
    filename: String,
    mime_type: String,
    /// `queued`, `processing`, `ready` or `error`.
    status: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<&ResumeRecord> for ResumeListItem {
    fn from(r: &ResumeRecord) -> Self {
        Self {
            id: r.id,
            filename: r.filename.clone(),
            mime_type: r.mime_type.clone(),
            status: r.status.clone(),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Skill found in a resume.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkillItem {
    id: Uuid,
    skill: String,
    /// Stable canonical skill id.
    skill_id: Option<String>,
    experience_years: Option<f64>,
    /// Proficiency in [0, 1].
    proficiency: Option<f64>,
    created_at: DateTime<Utc>,
}

impl From<&SkillRow> for SkillItem {
    fn from(s: &SkillRow) -> Self {
        Self {
            id: s.id,
            skill: s.skill.clone(),
            skill_id: s.skill_id.clone(),
            experience_years: s.experience_years,
            proficiency: s.proficiency,
            created_at: s.created_at,
        }
    }
}

/// Resume with its parse result.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResumeDetail {
    id: Uuid,
    filename: String,
    mime_type: String,
    status: String,
    /// Error message when parsing failed.
    error: Option<String>,
    /// `sections`, `profile` and `statistics` once ready.
    #[schema(value_type = Option<Object>)]
    pub(super) parsed_data: Option<Value>,
    skills: Vec<SkillItem>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl ResumeDetail {
    /// Builds the detail of a resume and its skills.
    pub fn new(r: ResumeRecord, skills: &[SkillRow]) -> Self {
        Self {
            id: r.id,
            filename: r.filename,
            mime_type: r.mime_type,
            status: r.status,
            error: r.error_message,
            parsed_data: r.parsed_summary,
            skills: skills.iter().map(SkillItem::from).collect(),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Job description in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobListItem {
    id: Uuid,
    title: String,
    /// `text` or `file`.
    source: String,
    status: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<&JobRecord> for JobListItem {
    fn from(j: &JobRecord) -> Self {
        Self {
            id: j.id,
            title: j.title.clone(),
            source: j.source.clone(),
            status: j.status.clone(),
            created_at: j.created_at,
            updated_at: j.updated_at,
        }
    }
}

/// Skill a job requires.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequirementItem {
    id: Uuid,
    skill: String,
    skill_id: Option<String>,
    /// Importance in [0, 1].
    importance: f64,
    /// True when inferred from the occupation rather than found in the text.
    inferred: bool,
    created_at: DateTime<Utc>,
}

impl From<&RequirementRow> for RequirementItem {
    fn from(r: &RequirementRow) -> Self {
        Self {
            id: r.id,
            skill: r.skill.clone(),
            skill_id: r.skill_id.clone(),
            importance: r.importance,
            inferred: r.inferred,
            created_at: r.created_at,
        }
    }
}

/// Soft skill a job requires.
#[derive(Debug, Serialize, ToSchema)]
pub struct SoftSkillItem {
    id: Uuid,
    skill: String,
    importance: f64,
    created_at: DateTime<Utc>,
}

impl From<&SoftSkillRow> for SoftSkillItem {
    fn from(s: &SoftSkillRow) -> Self {
        Self {
            id: s.id,
            skill: s.skill.clone(),
            importance: s.value,
            created_at: s.created_at,
        }
    }
}

/// Job description with its requirements. `soft_skills` keeps its snake_case name, as
/// existing clients read it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobDetail {
    id: Uuid,
    title: String,
    source: String,
    status: String,
    error: Option<String>,
    #[schema(value_type = Option<Object>)]
    parsed_data: Option<Value>,
    requirements: Vec<RequirementItem>,
    #[serde(rename = "soft_skills")]
    soft_skills: Vec<SoftSkillItem>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl JobDetail {
    /// Builds the detail of a job with its requirements and soft skills.
    pub fn new(j: JobRecord, requirements: &[RequirementRow], soft: &[SoftSkillRow]) -> Self {
        Self {
            id: j.id,
            title: j.title,
            source: j.source,
            status: j.status,
            error: j.error_message,
            parsed_data: j.parsed_summary,
            requirements: requirements.iter().map(RequirementItem::from).collect(),
            soft_skills: soft.iter().map(SoftSkillItem::from).collect(),
            created_at: j.created_at,
            updated_at: j.updated_at,
        }
    }
}

/// Match request in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchListItem {
    id: Uuid,
    resume_id: Uuid,
    job_id: Uuid,
    /// `queued`, `running`, `completed` or `failed`.
    status: String,
    result_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    error_message: Option<String>,
}

impl From<&MatchRecord> for MatchListItem {
    fn from(m: &MatchRecord) -> Self {
        Self {
            id: m.id,
            resume_id: m.resume_id,
            job_id: m.job_id,
            status: m.status.clone(),
            result_id: m.result_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            error_message: m.error_message.clone(),
        }
    }
}

/// Result of a completed match.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MatchResultBody {
    id: Uuid,
    /// Overall score in [0, 1]: the weighted blend of the summary's `breakdown`.
    score: f64,
    completed_at: DateTime<Utc>,
    /// `overall_match_score`, `breakdown`, `candidate`, `requirements`, `strengths`,
    /// `weaknesses`, ...
    #[schema(value_type = MatchSummaryDoc)]
    summary: Value,
}

/// Match request with its result once completed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MatchDetail {
    id: Uuid,
    status: String,
    resume_id: Uuid,
    job_id: Uuid,
    error: Option<String>,
    #[serde(rename = "match")]
    result: Option<MatchResultBody>,
}

impl MatchDetail {
    /// Builds the detail of a match request and its result.
    pub fn new(m: MatchRecord, result: Option<MatchResult>) -> Self {
        Self {
            id: m.id,
            status: m.status,
            resume_id: m.resume_id,
            job_id: m.job_id,
            error: m.error_message,
            result: result.map(|r| MatchResultBody {
                id: r.id,
                score: r.score,
                completed_at: r.completed_at,
                summary: r.summary,
            }),
        }
    }
}

/// The caller's match quota.
#[derive(Debug, Serialize, ToSchema)]
pub struct Usage {
    pub(super) annual_limit: i64,
    pub(super) annual_usage_count: i64,
    pub(super) annual_period_start: Option<DateTime<Utc>>,
    pub(super) remaining: i64,
}

/// `POST /api/v1/jobs` JSON body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateJob {
    /// Job title, at most 300 characters.
    pub title: Option<String>,
    /// Description text, at most 1 MiB.
    pub text: Option<String>,
    /// Older name of `text`.
    pub description_text: Option<String>,
}

/// `POST /api/v1/matches` JSON body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateMatch {
    /// Resume id (UUID).
    #[schema(value_type = Option<String>)]
    pub resume_id: Option<Value>,
    /// Job id (UUID).
    #[schema(value_type = Option<String>)]
    pub job_id: Option<Value>,
    /// Category weights of this match's score; keys left out keep their configured weight.
    /// Each value is a number >= 0 and at least one weight is above 0.
    #[schema(value_type = Option<MatchWeights>)]
    pub weights: Option<Value>,
}

/// Category weights of a match score (`weights` in `POST /api/v1/matches`). Other keys are
/// rejected with `400 invalid_weights`.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes the weights object for the OpenAPI document only"
)]
pub struct MatchWeights {
    /// Weight of the hard-skill requirements.
    #[schema(minimum = 0)]
    hard_skills: Option<f64>,
    /// Weight of the soft skills.
    #[schema(minimum = 0)]
    soft_skills: Option<f64>,
    /// Weight of the years of experience.
    #[schema(minimum = 0)]
    experience: Option<f64>,
    /// Weight of the education level.
    #[schema(minimum = 0)]
    education: Option<f64>,
}

/// The score of one category of a match.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes the stored summary for the OpenAPI document only"
)]
pub struct CategoryScoreDoc {
    /// Score in [0, 1], or null when the job states nothing in this category, which is then
    /// left out of the blend.
    score: Option<f64>,
    /// Weight of the category in the blend.
    weight: f64,
    /// Basis of the score, in words.
    based_on: String,
}

/// The score split into categories; `overall_match_score` is their weighted mean over the
/// categories that have a score.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes the stored summary for the OpenAPI document only"
)]
pub struct MatchBreakdownDoc {
    /// Hard-skill requirements, scored by `MATCH_STRATEGY`.
    hard_skills: CategoryScoreDoc,
    /// Soft skills the job names.
    soft_skills: CategoryScoreDoc,
    /// Years of experience against the job's minimum.
    experience: CategoryScoreDoc,
    /// Highest education level against the job's minimum.
    education: CategoryScoreDoc,
}

/// Decision on one hard-skill requirement.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes the stored summary for the OpenAPI document only"
)]
pub struct RequirementDecisionDoc {
    /// Requirement skill.
    skill: String,
    /// Weight of the requirement.
    importance: f64,
    /// True when the requirement is covered (canonical, alias, member or semantic match).
    candidate_has_experience: bool,
    /// Cosine of the requirement and `matched_skill` (1 for canonical, alias and member
    /// matches).
    similarity: f64,
    /// Credit in [0, 1] the requirement adds before its weight.
    credit: Option<f64>,
    /// `canonical`, `alias`, `member`, `semantic`, `related` or `none`.
    match_kind: Option<String>,
    /// The candidate skill that decided the credit, or the closest one.
    matched_skill: Option<String>,
    /// The resume line that mentions `matched_skill`.
    evidence: Option<String>,
    /// True when the requirement was inferred from the occupation.
    inferred: bool,
    /// The requirement that stood for this one's group of alternatives ("Python, Ruby or
    /// Go"), when that one was met better. Such a requirement adds nothing to the score.
    alternative_to: Option<String>,
    /// The decision in one sentence.
    comments: String,
}

/// The summary of a completed match. Summaries stored before the breakdown existed lack
/// `breakdown`, `soft_skills` and the newer requirement fields.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes the stored summary for the OpenAPI document only"
)]
pub struct MatchSummaryDoc {
    /// Weighted blend of the categories in `breakdown`, in [0, 1].
    overall_match_score: f64,
    /// Category scores, weights and what each was based on.
    breakdown: Option<MatchBreakdownDoc>,
    /// The candidate's name, skills, years, degrees, certifications and summary.
    #[schema(value_type = Object)]
    candidate: Value,
    /// One decision per hard-skill requirement.
    requirements: Vec<RequirementDecisionDoc>,
    /// One decision per soft skill of the job.
    #[schema(value_type = Option<Vec<Object>>)]
    soft_skills: Option<Vec<Value>>,
    /// Covered requirements.
    #[schema(value_type = Vec<Object>)]
    strengths: Vec<Value>,
    /// Requirements not covered.
    #[schema(value_type = Vec<Object>)]
    weaknesses: Vec<Value>,
    /// Job title and explicit skills: `required_skills` and, at importance 0.75 or lower,
    /// `preferred_skills`.
    #[schema(value_type = Object)]
    job_highlights: Value,
    /// Per-requirement details in the reference shape.
    #[schema(value_type = Vec<Object>)]
    raw_details: Vec<Value>,
}

/// Multipart upload of a file (PDF, DOCX or text, at most 10 MB).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes a multipart body for the OpenAPI document only"
)]
pub struct FileUpload {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Date that "present" stands for in the resume's dates, `YYYY-MM-DD`, not after today;
    /// the upload date when absent.
    #[schema(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
}

/// Multipart upload of a job description file with its title.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes a multipart body for the OpenAPI document only"
)]
pub struct JobFileUpload {
    title: String,
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}
