//! Job handlers. Each loads its row, marks it in progress, does the work on a blocking thread
//! and stores the outcome. Every failure ends in a final status with a message.
//!
//! A redelivered job whose item is already finished writes nothing and publishes the final
//! status again, because the first worker may have died between storing it and publishing it
//! (clients treat a repeated status as no change). When the item is still in progress because
//! the first worker died mid-job, the job redoes the work and replaces what was written.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{BoxDynError, Data};
use chrono::{NaiveDate, Utc};
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::{
    CandidateSkill, CategoryWeights, MatchInput, MatchOptions, RequirementInput, SkillIndex,
    score_outcome,
};
use layer1_engine::skills::ParsedJob;
use tracing::{error, info, instrument, warn};
use uuid::Uuid;

use super::{ComputeMatch, ParseJob, ParseResume, WorkerDeps};
use crate::analysis::AnalysisBackend;
use crate::events::{EventKind, StatusEvent};
use crate::fallback::FileMeta;
use crate::rank::match_input_from_rows;
use crate::store::{DocumentStatus, MatchStatus, RequirementRow, SkillRow, SoftSkillRow};
use crate::summary::build_summary;

/// First pause before retrying a job whose storage calls failed; it doubles per attempt.
const RETRY_BACKOFF: Duration = Duration::from_millis(250);

/// Shared state of the handlers.
pub struct JobContext {
    deps: WorkerDeps,
    max_attempts: usize,
}

impl JobContext {
    pub(super) fn new(deps: WorkerDeps, max_attempts: usize) -> Self {
        Self {
            deps,
            max_attempts: max_attempts.max(1),
        }
    }

    /// Runs `attempt` until it succeeds or `max_attempts` runs failed, pausing with
    /// exponential backoff in between. Returns the last error.
    async fn retry<F, Fut>(&self, job: &'static str, mut attempt: F) -> Result<(), BoxDynError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(), BoxDynError>>,
    {
        let mut pause = RETRY_BACKOFF;
        for number in 1..=self.max_attempts {
            match attempt().await {
                Ok(()) => return Ok(()),
                Err(cause) if number == self.max_attempts => return Err(cause),
                Err(cause) => {
                    warn!(job, attempt = number, error = %cause, "job attempt failed; retrying");
                    tokio::time::sleep(pause).await;
                    pause *= 2;
                }
            }
        }
        Ok(())
    }

    async fn publish(
        &self,
        kind: EventKind,
        user_id: Uuid,
        id: Uuid,
        status: &str,
        title: Option<String>,
        created_at: chrono::DateTime<Utc>,
    ) {
        match self.deps.store.user(user_id).await {
            Ok(Some(user)) => self.deps.events.publish(StatusEvent {
                kind,
                owner_sub: user.auth0_sub,
                id,
                status: status.to_string(),
                title,
                created_at,
                updated_at: Utc::now(),
            }),
            Ok(None) => warn!(%user_id, "owner of a processed item not found"),
            Err(error) => warn!(%user_id, %error, "failed to load owner for a status event"),
        }
    }
}

/// Parses an uploaded resume; after the last failed attempt the resume ends in `error`.
#[instrument(skip_all, fields(job = "parse_resume", resume_id = %job.resume_id))]
pub(super) async fn parse_resume(
    job: ParseResume,
    context: Data<Arc<JobContext>>,
) -> Result<(), BoxDynError> {
    let result = context
        .retry("parse_resume", || run_parse_resume(&job, &context))
        .await;
    if let Err(cause) = result {
        error!(error = %cause, "resume parsing failed after every attempt");
        let message = format!("internal error: {cause}");
        context
            .deps
            .store
            .set_resume_status(job.resume_id, DocumentStatus::Error, Some(&message))
            .await?;
        if let Some(resume) = context.deps.store.resume_by_id(job.resume_id).await? {
            let (kind, status) = (EventKind::Resume, DocumentStatus::Error.as_str());
            let (user_id, created_at) = (resume.user_id, resume.created_at);
            context
                .publish(kind, user_id, resume.id, status, None, created_at)
                .await;
        }
    }
    Ok(())
}

async fn run_parse_resume(job: &ParseResume, context: &JobContext) -> Result<(), BoxDynError> {
    let deps = &context.deps;
    let Some(resume) = deps.store.resume_by_id(job.resume_id).await? else {
        info!("resume deleted before parsing; nothing to do");
        return Ok(());
    };
    if resume.status == DocumentStatus::Ready.as_str() {
        info!("resume already parsed; redelivered job publishes its status again");
        context
            .publish(
                EventKind::Resume,
                resume.user_id,
                resume.id,
                DocumentStatus::Ready.as_str(),
                None,
                resume.created_at,
            )
            .await;
        return Ok(());
    }
    let (id, user_id, created_at) = (resume.id, resume.user_id, resume.created_at);
    deps.store
        .set_resume_status(id, DocumentStatus::Processing, None)
        .await?;
    context
        .publish(
            EventKind::Resume,
            user_id,
            id,
            "processing",
            None,
            created_at,
        )
        .await;

    let file = FileMeta {
        filename: Some(resume.filename.clone()),
        mime_type: Some(resume.mime_type.clone()),
    };
    // The client's `as_of`, stored with the upload, or the upload date.
    let as_of = resume
        .parsed_summary
        .as_ref()
        .and_then(|parsed| parsed["as_of"].as_str())
        .and_then(|date| date.parse::<NaiveDate>().ok())
        .unwrap_or_else(|| created_at.date_naive());
    let outcome = match deps.blobs.get(&resume.storage_path).await {
        Ok(bytes) => deps
            .analysis
            .analyze_resume(bytes, &file, as_of)
            .await
            .map_err(|e| e.to_string()),
        Err(error) => Err(format!("stored file could not be read: {error}")),
    };
    let status = match outcome {
        Ok(parsed) => {
            let skills = skill_rows(&parsed);
            let document = serde_json::to_value(&parsed)?;
            deps.store.complete_resume(id, &document, &skills).await?;
            info!(skills = skills.len(), "resume parsed");
            "ready"
        }
        Err(message) => {
            warn!(error = %message, "resume parsing failed");
            deps.store
                .set_resume_status(id, DocumentStatus::Error, Some(&message))
                .await?;
            "error"
        }
    };
    context
        .publish(EventKind::Resume, user_id, id, status, None, created_at)
        .await;
    Ok(())
}

fn skill_rows(parsed: &ParsedResume) -> Vec<SkillRow> {
    let now = Utc::now();
    parsed
        .skills
        .iter()
        .map(|skill| SkillRow {
            id: Uuid::new_v4(),
            skill: skill.skill.clone(),
            skill_id: Some(skill.skill_id.clone()),
            experience_years: skill.experience_years,
            proficiency: skill.proficiency,
            created_at: now,
        })
        .collect()
}

/// Parses a job description; after the last failed attempt the job ends in `error`.
#[instrument(skip_all, fields(job = "parse_job", job_id = %job.job_id))]
pub(super) async fn parse_job(
    job: ParseJob,
    context: Data<Arc<JobContext>>,
) -> Result<(), BoxDynError> {
    let result = context
        .retry("parse_job", || run_parse_job(&job, &context))
        .await;
    if let Err(cause) = result {
        error!(error = %cause, "job parsing failed after every attempt");
        let message = format!("internal error: {cause}");
        context
            .deps
            .store
            .set_job_status(job.job_id, DocumentStatus::Error, Some(&message))
            .await?;
        if let Some(record) = context.deps.store.job_by_id(job.job_id).await? {
            let (kind, status) = (EventKind::Job, DocumentStatus::Error.as_str());
            let (user_id, created_at) = (record.user_id, record.created_at);
            context
                .publish(
                    kind,
                    user_id,
                    record.id,
                    status,
                    Some(record.title),
                    created_at,
                )
                .await;
        }
    }
    Ok(())
}

async fn run_parse_job(job: &ParseJob, context: &JobContext) -> Result<(), BoxDynError> {
    let deps = &context.deps;
    let Some(record) = deps.store.job_by_id(job.job_id).await? else {
        info!("job deleted before parsing; nothing to do");
        return Ok(());
    };
    if record.status == DocumentStatus::Ready.as_str() {
        info!("job already parsed; redelivered job publishes its status again");
        context
            .publish(
                EventKind::Job,
                record.user_id,
                record.id,
                DocumentStatus::Ready.as_str(),
                Some(record.title.clone()),
                record.created_at,
            )
            .await;
        return Ok(());
    }
    let (id, user_id, created_at) = (record.id, record.user_id, record.created_at);
    let title = Some(record.title.clone());
    deps.store
        .set_job_status(id, DocumentStatus::Processing, None)
        .await?;
    context
        .publish(
            EventKind::Job,
            user_id,
            id,
            "processing",
            title.clone(),
            created_at,
        )
        .await;

    let file = FileMeta {
        filename: record.filename.clone(),
        mime_type: record.mime_type.clone(),
    };
    let outcome = match (&record.raw_text, &record.storage_path) {
        (Some(text), _) => deps
            .analysis
            .analyze_job_text(text.clone(), &record.title)
            .await
            .map_err(|e| e.to_string()),
        (None, Some(key)) => match deps.blobs.get(key).await {
            Ok(bytes) => deps
                .analysis
                .analyze_job_file(bytes, &file, &record.title)
                .await
                .map_err(|e| e.to_string()),
            Err(error) => Err(format!("stored file could not be read: {error}")),
        },
        (None, None) => Err("the job has neither text nor a file".to_string()),
    };
    let status = match outcome {
        Ok(parsed) => {
            let (requirements, soft_skills) = requirement_rows(&parsed);
            let document = serde_json::to_value(&parsed)?;
            deps.store
                .complete_job(id, &document, &requirements, &soft_skills)
                .await?;
            info!(requirements = requirements.len(), "job parsed");
            "ready"
        }
        Err(message) => {
            warn!(error = %message, "job parsing failed");
            deps.store
                .set_job_status(id, DocumentStatus::Error, Some(&message))
                .await?;
            "error"
        }
    };
    context
        .publish(EventKind::Job, user_id, id, status, title, created_at)
        .await;
    Ok(())
}

fn requirement_rows(parsed: &ParsedJob) -> (Vec<RequirementRow>, Vec<SoftSkillRow>) {
    let now = Utc::now();
    let requirements = parsed
        .requirements
        .iter()
        .map(|requirement| RequirementRow {
            id: Uuid::new_v4(),
            skill: requirement.skill.clone(),
            skill_id: Some(requirement.skill_id.clone()),
            importance: requirement.importance,
            inferred: requirement.inferred,
            created_at: now,
        })
        .collect();
    let soft_skills = parsed
        .soft_skills
        .iter()
        .map(|soft| SoftSkillRow {
            id: Uuid::new_v4(),
            skill: soft.skill.clone(),
            value: soft.value,
            created_at: now,
        })
        .collect();
    (requirements, soft_skills)
}

/// Scores a resume against a job; after the last failed attempt the match ends in `failed`.
#[instrument(skip_all, fields(job = "compute_match", match_id = %job.match_id))]
pub(super) async fn compute_match(
    job: ComputeMatch,
    context: Data<Arc<JobContext>>,
) -> Result<(), BoxDynError> {
    let result = context
        .retry("compute_match", || run_compute_match(&job, &context))
        .await;
    if let Err(cause) = result {
        error!(error = %cause, "match failed after every attempt");
        let message = format!("internal error: {cause}");
        context
            .deps
            .store
            .set_match_status(job.match_id, MatchStatus::Failed, Some(&message))
            .await?;
        if let Some(record) = context.deps.store.match_by_id(job.match_id).await? {
            let (kind, status) = (EventKind::Match, MatchStatus::Failed.as_str());
            let (user_id, created_at) = (record.user_id, record.created_at);
            context
                .publish(kind, user_id, record.id, status, None, created_at)
                .await;
        }
    }
    Ok(())
}

async fn run_compute_match(job: &ComputeMatch, context: &JobContext) -> Result<(), BoxDynError> {
    let deps = &context.deps;
    let Some(record) = deps.store.match_by_id(job.match_id).await? else {
        warn!("match request not found");
        return Ok(());
    };
    if record.status == MatchStatus::Completed.as_str() {
        info!("match already completed; redelivered job publishes its status again");
        context
            .publish(
                EventKind::Match,
                record.user_id,
                record.id,
                MatchStatus::Completed.as_str(),
                None,
                record.created_at,
            )
            .await;
        return Ok(());
    }
    let (id, user_id, created_at) = (record.id, record.user_id, record.created_at);
    deps.store
        .set_match_status(id, MatchStatus::Running, None)
        .await?;
    context
        .publish(EventKind::Match, user_id, id, "running", None, created_at)
        .await;

    let scored = score_match(deps, record.resume_id, record.job_id, job.weights).await;
    let status = match scored {
        Ok((score, summary)) => {
            deps.store.complete_match(id, score, &summary).await?;
            info!(score, "match completed");
            "completed"
        }
        Err(message) => {
            warn!(error = %message, "match failed");
            deps.store
                .set_match_status(id, MatchStatus::Failed, Some(&message))
                .await?;
            "failed"
        }
    };
    context
        .publish(EventKind::Match, user_id, id, status, None, created_at)
        .await;
    Ok(())
}

async fn score_match(
    deps: &WorkerDeps,
    resume_id: Uuid,
    job_id: Uuid,
    weights: Option<CategoryWeights>,
) -> Result<(f64, serde_json::Value), String> {
    let store = &deps.store;
    let resume = store
        .resume_by_id(resume_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the resume was deleted")?;
    let job = store
        .job_by_id(job_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the job was deleted")?;
    if resume.status != "ready" || job.status != "ready" {
        return Err("the resume or the job is not ready".to_string());
    }
    let skills = store
        .resume_skills(resume_id)
        .await
        .map_err(|e| e.to_string())?;
    let requirements = store
        .job_requirements(job_id)
        .await
        .map_err(|e| e.to_string())?;
    let soft_skills = store
        .job_soft_skills(job_id)
        .await
        .map_err(|e| e.to_string())?;

    let input = match_input_from_rows(&resume, &job, &skills, &requirements, &soft_skills);
    let options = MatchOptions {
        weights: weights.unwrap_or(deps.match_options.weights),
        ..deps.match_options
    };
    let scored = match &deps.analysis {
        AnalysisBackend::Native(nlp, _) => {
            let nlp = nlp.clone();
            let span = tracing::Span::current();
            tokio::task::spawn_blocking(move || {
                span.in_scope(|| nlp.engine().score_match(input, &options))
            })
            .await
            .map_err(|e| format!("the scoring task stopped unexpectedly: {e}"))?
            .map_err(|e| e.to_string())?
        }
        AnalysisBackend::Python(_) => {
            let outcome = deps
                .analysis
                .score(reference_candidates(&input), reference_requirements(&input))
                .await
                .map_err(|e| e.to_string())?;
            let mut input = input;
            input.resolve_ids(SkillIndex::builtin());
            score_outcome(&input, outcome, &options)
        }
    };
    let summary = build_summary(&scored, resume.parsed_summary.as_ref(), &skills, &job);
    Ok((scored.score, summary))
}

fn reference_candidates(input: &MatchInput) -> Vec<CandidateSkill> {
    input
        .candidates
        .iter()
        .map(|c| CandidateSkill {
            skill: c.skill.clone(),
            experience_years: None,
            proficiency: None,
        })
        .collect()
}

fn reference_requirements(input: &MatchInput) -> Vec<RequirementInput> {
    input
        .requirements
        .iter()
        .map(|r| RequirementInput {
            skill: r.skill.clone(),
            importance: r.importance,
            inferred: r.inferred,
        })
        .collect()
}
