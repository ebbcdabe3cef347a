//! `/api/v1/jobs/{id}/ranked-resumes` and `/api/v1/resumes/{id}/ranked-jobs`: the caller's
//! stored documents ranked against one of their jobs or resumes, from stored vectors only.
//!
//! Free users spend one request of the annual match quota per ranking, counted after the
//! request is validated.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Extension, Json, Router};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tracing::{info, instrument};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{ApiQuery, PathId};
use super::schema::ErrorBody;
use super::{ApiError, ApiOptions, AppState, CurrentUser};
use crate::rank::{DEFAULT_K, MAX_K, RankError, Ranker, Ranking};
use crate::store::{DocumentKind, QuotaOutcome};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/jobs/{id}/ranked-resumes", get(resumes_for_job))
        .route("/resumes/{id}/ranked-jobs", get(jobs_for_resume))
}

/// Query parameters of the ranking routes.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct RankParams {
    /// Results to return, 1 to 100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    pub(super) k: Option<u32>,
}

impl RankParams {
    fn k(&self) -> Result<usize, ApiError> {
        match self.k {
            None => Ok(DEFAULT_K),
            Some(k) if (1..=MAX_K as u32).contains(&k) => Ok(k as usize),
            Some(k) => Err(ApiError::bad_request(
                "invalid_query",
                format!("k must be between 1 and {MAX_K} (got {k})"),
            )),
        }
    }
}

/// One ranked resume or job.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RankedItem {
    /// Id of the ranked resume (`ranked-resumes`) or job (`ranked-jobs`).
    pub(super) id: Uuid,
    /// Overall score in [0, 1]: the weighted blend of the categories in `breakdown`, as a
    /// match request computes it.
    pub(super) score: f64,
    /// Cosine of the two documents' profile vectors (mean skill vectors), from the quantised
    /// first stage.
    pub(super) profile_similarity: f32,
    /// Category scores: `hard_skills`, `soft_skills`, `experience`, `education`, each
    /// `{score, weight, based_on}`.
    #[schema(value_type = Object)]
    pub(super) breakdown: Value,
    /// Per requirement: `requirement, importance, inferred, matched_skill, similarity,
    /// credit, kind, evidence`.
    #[schema(value_type = Vec<Object>)]
    pub(super) requirements: Value,
}

/// A ranking: the best `k` documents, best first.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RankingBody {
    /// The job or resume ranked against.
    pub(super) anchor_id: Uuid,
    /// Results asked for.
    pub(super) k: usize,
    /// Ready documents of the caller scanned by the first stage.
    pub(super) scanned: usize,
    /// Ready documents left out because their vectors are not stored yet (just parsed, or
    /// parsed by another model) and could not be computed within the request. The background
    /// indexer stores them.
    pub(super) unindexed: usize,
    /// Best first.
    pub(super) results: Vec<RankedItem>,
}

impl RankingBody {
    fn new(anchor_id: Uuid, k: usize, ranking: Ranking) -> Result<Self, ApiError> {
        let results = ranking
            .results
            .into_iter()
            .map(|ranked| {
                Ok(RankedItem {
                    id: ranked.id,
                    score: ranked.scored.score,
                    profile_similarity: ranked.profile_similarity,
                    breakdown: serde_json::to_value(&ranked.scored.breakdown)
                        .map_err(anyhow::Error::from)?,
                    requirements: serde_json::to_value(&ranked.scored.requirements)
                        .map_err(anyhow::Error::from)?,
                })
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(Self {
            anchor_id,
            k,
            scanned: ranking.scanned,
            unindexed: ranking.unindexed,
            results,
        })
    }
}

fn rank_error(error: RankError) -> ApiError {
    match error {
        RankError::NotFound { .. } => ApiError::not_found(),
        RankError::NotReady {
            kind: DocumentKind::Job,
        } => ApiError::Conflict {
            code: "job_not_ready",
        },
        RankError::NotReady {
            kind: DocumentKind::Resume,
        } => ApiError::Conflict {
            code: "resume_not_ready",
        },
        other => ApiError::Internal(other.into()),
    }
}

/// Counts one request against a free caller's quota; returns whether one was counted.
async fn take_quota(state: &AppState, caller: &CurrentUser) -> Result<bool, ApiError> {
    if caller.is_pro {
        return Ok(false);
    }
    match state
        .store
        .consume_quota(caller.user.id, Utc::now())
        .await?
    {
        QuotaOutcome::Counted => Ok(true),
        QuotaOutcome::Exhausted => Err(ApiError::UpgradeRequired),
    }
}

/// Gives the counted request back when ranking failed after counting.
async fn settle<T>(
    state: &AppState,
    caller: &CurrentUser,
    counted: bool,
    result: Result<T, RankError>,
) -> Result<T, ApiError> {
    match result {
        Ok(value) => Ok(value),
        Err(error) => {
            if counted {
                state.store.refund_quota(caller.user.id).await?;
            }
            Err(rank_error(error))
        }
    }
}

/// Rank the caller's ready resumes for one of their jobs. Scores come from stored vectors
/// (no model run) with the same scorer as a match request; free users spend one request of
/// their annual quota.
#[utoipa::path(get, path = "/api/v1/jobs/{id}/ranked-resumes", tag = "ranking",
    params(("id" = String, Path, description = "Job id"), RankParams),
    responses(
        (status = 200, description = "The best resumes, best first", body = RankingBody),
        (status = 400, description = "`invalid_query`: `k` outside 1 to 100", body = ErrorBody),
        (status = 402, description = "`upgrade_required`: the free quota is used up",
            body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`job_not_ready`", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id, job_id = %id))]
pub(super) async fn resumes_for_job(
    State(state): State<AppState>,
    Extension(options): Extension<Arc<ApiOptions>>,
    caller: CurrentUser,
    PathId(id): PathId,
    ApiQuery(params): ApiQuery<RankParams>,
) -> Result<Json<RankingBody>, ApiError> {
    let k = params.k()?;
    let ranker = Ranker::new(
        state.store.clone(),
        state.nlp.clone(),
        options.match_options,
    );
    let user_id = caller.user.id;
    // Validate before counting, so requests rejected with 404 or 409 never consume quota.
    let job = ranker.load_job(user_id, id).await.map_err(rank_error)?;
    let counted = take_quota(&state, &caller).await?;

    let result = ranker.resumes_for_job(user_id, job, k).await;
    let ranking = settle(&state, &caller, counted, result).await?;
    info!(
        results = ranking.results.len(),
        scanned = ranking.scanned,
        "resumes ranked"
    );
    Ok(Json(RankingBody::new(id, k, ranking)?))
}

/// Rank the caller's ready jobs for one of their resumes. Scores come from stored vectors
/// (no model run) with the same scorer as a match request; free users spend one request of
/// their annual quota.
#[utoipa::path(get, path = "/api/v1/resumes/{id}/ranked-jobs", tag = "ranking",
    params(("id" = String, Path, description = "Resume id"), RankParams),
    responses(
        (status = 200, description = "The best jobs, best first", body = RankingBody),
        (status = 400, description = "`invalid_query`: `k` outside 1 to 100", body = ErrorBody),
        (status = 402, description = "`upgrade_required`: the free quota is used up",
            body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`resume_not_ready`", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id, resume_id = %id))]
pub(super) async fn jobs_for_resume(
    State(state): State<AppState>,
    Extension(options): Extension<Arc<ApiOptions>>,
    caller: CurrentUser,
    PathId(id): PathId,
    ApiQuery(params): ApiQuery<RankParams>,
) -> Result<Json<RankingBody>, ApiError> {
    let k = params.k()?;
    let ranker = Ranker::new(
        state.store.clone(),
        state.nlp.clone(),
        options.match_options,
    );
    let user_id = caller.user.id;
    let resume = ranker.load_resume(user_id, id).await.map_err(rank_error)?;
    let counted = take_quota(&state, &caller).await?;

    let result = ranker.jobs_for_resume(user_id, resume, k).await;
    let ranking = settle(&state, &caller, counted, result).await?;
    info!(
        results = ranking.results.len(),
        scanned = ranking.scanned,
        "jobs ranked"
    );
    Ok(Json(RankingBody::new(id, k, ranking)?))
}
