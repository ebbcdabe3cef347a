//! Ranking from stored vectors: one job against a user's resumes, or one resume against their
//! jobs.
//!
//! Documents are indexed when they become ready, so a request can find a ready document
//! without vectors. The request then indexes it from the caches, or with the model for the
//! anchor and for at most [`MODEL_INDEX_LIMIT`] scanned documents. The rest are counted as
//! unindexed.
//!
//! The first stage scans the stored profile vectors quantised to `i8` and keeps a shortlist.
//! The second stage scores each shortlisted pair with the product's scoring entry point
//! ([`score_match`]), fed the stored skill and requirement vectors.

pub mod cli;
mod input;

use std::collections::HashMap;
use std::sync::Arc;

use layer1_engine::embed::{EmbedError, Embedder, cache_key};
use layer1_engine::score::rank::{QuantizedProfiles, Ranked};
use layer1_engine::score::{MatchOptions, ScoredMatch, SkillIndex, score_match};
use tracing::{debug, instrument, warn};
use uuid::Uuid;

use crate::nlp::NlpRuntime;
use crate::store::{DocumentKind, DocumentVectors, Store, StoreError};
use crate::vectors::index::{EmbedMode, IndexError, VectorIndexer, skill_text};

pub use input::{JobParts, ResumeParts, match_input, match_input_from_rows};

/// Results returned when the caller names no `k`.
pub const DEFAULT_K: usize = 10;
/// Largest accepted `k`.
pub const MAX_K: usize = 100;
/// Documents the first stage hands to the full scorer (at least `k`).
pub const SHORTLIST: usize = 50;
/// Scanned documents without vectors that one request may embed with the model.
pub const MODEL_INDEX_LIMIT: usize = 16;

/// Error of a ranking request.
#[derive(Debug, thiserror::Error)]
pub enum RankError {
    /// The anchor document is not the caller's, or does not exist.
    #[error("the {} was not found", kind.as_str())]
    NotFound {
        /// Kind of the anchor document.
        kind: DocumentKind,
    },
    /// The anchor document is not parsed yet, or its vectors could not be computed.
    #[error("the {} is not ready", kind.as_str())]
    NotReady {
        /// Kind of the anchor document.
        kind: DocumentKind,
    },
    /// Reading the database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Indexing a document failed.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The scoring task stopped.
    #[error("the scoring task stopped unexpectedly: {0}")]
    Task(String),
}

/// One ranked document.
#[derive(Debug, Clone)]
pub struct RankedDocument {
    /// Id of the ranked resume or job.
    pub id: Uuid,
    /// Cosine of the two profile vectors from the quantised first stage.
    pub profile_similarity: f32,
    /// Outcome of the full scorer; its `score` orders the ranking.
    pub scored: ScoredMatch,
}

/// The outcome of a ranking request.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    /// The best documents, best first.
    pub results: Vec<RankedDocument>,
    /// Documents scanned by the first stage.
    pub scanned: usize,
    /// Ready documents left out because their vectors are not available yet.
    pub unindexed: usize,
}

/// Ranks stored documents of one user.
pub struct Ranker {
    store: Arc<dyn Store>,
    indexer: VectorIndexer,
    options: MatchOptions,
}

impl Ranker {
    /// Ranks with the vectors of `nlp`'s model in `store`, scoring with `options`.
    pub fn new(store: Arc<dyn Store>, nlp: NlpRuntime, options: MatchOptions) -> Self {
        Self {
            indexer: VectorIndexer::new(store.clone(), nlp),
            store,
            options,
        }
    }

    /// Returns the stored vectors of a document for the current model, indexing it from the
    /// caches, then with the model, when they are missing or stale.
    async fn vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
    ) -> Result<Option<DocumentVectors>, RankError> {
        let model_id = self.indexer.model_id();
        if let Some(stored) = self.store.vectors(kind, id).await?
            && stored.model_id == model_id
        {
            return Ok(Some(stored));
        }
        self.index(kind, id, true).await
    }

    /// Indexes a document from the caches, then with the model when `model` is set and a
    /// text is in no cache. A model failure leaves the document unindexed (logged), so one
    /// document cannot fail the whole ranking; store errors still fail it.
    async fn index(
        &self,
        kind: DocumentKind,
        id: Uuid,
        model: bool,
    ) -> Result<Option<DocumentVectors>, RankError> {
        if let Some(vectors) = self.indexer.index(kind, id, EmbedMode::CacheOnly).await? {
            return Ok(Some(vectors));
        }
        if !model {
            return Ok(None);
        }
        debug!(kind = kind.as_str(), document_id = %id, "indexing with the model");
        match self.indexer.index(kind, id, EmbedMode::Model).await {
            Ok(vectors) => Ok(vectors),
            Err(IndexError::Store(error)) => Err(error.into()),
            Err(error) => {
                warn!(kind = kind.as_str(), document_id = %id, %error, "failed to index a document with the model");
                Ok(None)
            }
        }
    }

    /// Returns the profiles of the user's documents of `kind`, indexing those without vectors
    /// (with the model for the first [`MODEL_INDEX_LIMIT`]), and the number left unindexed.
    async fn profiles(
        &self,
        kind: DocumentKind,
        user_id: Uuid,
    ) -> Result<(Vec<(Uuid, Vec<f32>)>, usize), RankError> {
        let scan = self
            .store
            .profiles(kind, user_id, &self.indexer.model_id())
            .await?;
        let mut profiles = scan.profiles;
        let mut unindexed = 0;
        for (position, id) in scan.missing.into_iter().enumerate() {
            match self.index(kind, id, position < MODEL_INDEX_LIMIT).await? {
                Some(vectors) => profiles.push((id, vectors.profile)),
                None => unindexed += 1,
            }
        }
        Ok((profiles, unindexed))
    }

    /// Ranks the user's ready resumes for one of their jobs (loaded with
    /// [`Self::load_job`]); returns the `k` best.
    ///
    /// # Errors
    ///
    /// Storage and indexing errors.
    #[instrument(skip_all, fields(user_id = %user_id, job_id = %job.record.id, k))]
    pub async fn resumes_for_job(
        &self,
        user_id: Uuid,
        job: JobParts,
        k: usize,
    ) -> Result<Ranking, RankError> {
        let (profiles, unindexed) = self.profiles(DocumentKind::Resume, user_id).await?;
        let shortlist = shortlist(&profiles, &job.vectors.profile, k);

        let job = Arc::new(job);
        let mut pairs = Vec::with_capacity(shortlist.len());
        for entry in &shortlist {
            let id = profiles[entry.index].0;
            match self.load_resume(user_id, id).await {
                Ok(resume) => pairs.push((entry.index, id, Arc::new(resume), job.clone())),
                // Deleted or re-parsed since the scan: left out.
                Err(RankError::NotFound { .. } | RankError::NotReady { .. }) => {}
                Err(error) => return Err(error),
            }
        }
        let scored = self.score_pairs(pairs).await?;
        Ok(finish(scored, &shortlist, profiles.len(), unindexed, k))
    }

    /// Ranks the user's ready jobs for one of their resumes (loaded with
    /// [`Self::load_resume`]); returns the `k` best.
    ///
    /// # Errors
    ///
    /// Storage and indexing errors.
    #[instrument(skip_all, fields(user_id = %user_id, resume_id = %resume.record.id, k))]
    pub async fn jobs_for_resume(
        &self,
        user_id: Uuid,
        resume: ResumeParts,
        k: usize,
    ) -> Result<Ranking, RankError> {
        let (profiles, unindexed) = self.profiles(DocumentKind::Job, user_id).await?;
        let shortlist = shortlist(&profiles, &resume.vectors.profile, k);

        let resume = Arc::new(resume);
        let mut pairs = Vec::with_capacity(shortlist.len());
        for entry in &shortlist {
            let id = profiles[entry.index].0;
            match self.load_job(user_id, id).await {
                Ok(job) => pairs.push((entry.index, id, resume.clone(), Arc::new(job))),
                // Deleted or re-parsed since the scan: left out.
                Err(RankError::NotFound { .. } | RankError::NotReady { .. }) => {}
                Err(error) => return Err(error),
            }
        }
        let scored = self.score_pairs(pairs).await?;
        Ok(finish(scored, &shortlist, profiles.len(), unindexed, k))
    }

    /// Loads a ready job of the user with its vectors.
    ///
    /// # Errors
    ///
    /// [`RankError::NotFound`] when the job is not the user's, [`RankError::NotReady`] when it
    /// is not parsed or its vectors are not available, and storage errors.
    pub async fn load_job(&self, user_id: Uuid, id: Uuid) -> Result<JobParts, RankError> {
        let kind = DocumentKind::Job;
        let record = self
            .store
            .job(user_id, id)
            .await?
            .ok_or(RankError::NotFound { kind })?;
        if record.status != "ready" {
            return Err(RankError::NotReady { kind });
        }
        let vectors = self
            .vectors(kind, id)
            .await?
            .ok_or(RankError::NotReady { kind })?;
        Ok(JobParts {
            requirements: self.store.job_requirements(id).await?,
            soft_skills: self.store.job_soft_skills(id).await?,
            record,
            vectors,
        })
    }

    /// Loads a ready resume of the user with its vectors.
    ///
    /// # Errors
    ///
    /// As for [`Self::load_job`].
    pub async fn load_resume(&self, user_id: Uuid, id: Uuid) -> Result<ResumeParts, RankError> {
        let kind = DocumentKind::Resume;
        let record = self
            .store
            .resume(user_id, id)
            .await?
            .ok_or(RankError::NotFound { kind })?;
        if record.status != "ready" {
            return Err(RankError::NotReady { kind });
        }
        let vectors = self
            .vectors(kind, id)
            .await?
            .ok_or(RankError::NotReady { kind })?;
        Ok(ResumeParts {
            skills: self.store.resume_skills(id).await?,
            record,
            vectors,
        })
    }

    /// Scores each pair with the full scorer on a blocking thread.
    async fn score_pairs(
        &self,
        pairs: Vec<(usize, Uuid, Arc<ResumeParts>, Arc<JobParts>)>,
    ) -> Result<Vec<(usize, Uuid, ScoredMatch)>, RankError> {
        let options = self.options;
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            pairs
                .into_iter()
                .map(|(index, id, resume, job)| {
                    let scored = score_stored(&resume, &job, &options);
                    (index, id, scored)
                })
                .collect()
        })
        .await
        .map_err(|e| RankError::Task(e.to_string()))
    }
}

/// Runs the first stage: the best `max(k, SHORTLIST)` profiles by approximate cosine.
fn shortlist(profiles: &[(Uuid, Vec<f32>)], query: &[f32], k: usize) -> Vec<Ranked> {
    let set = QuantizedProfiles::from_vectors(
        query.len(),
        profiles
            .iter()
            .filter(|(_, profile)| profile.len() == query.len())
            .map(|(_, profile)| profile.as_slice()),
    );
    // Profiles of another length were left out, so map positions back.
    let kept: Vec<usize> = profiles
        .iter()
        .enumerate()
        .filter(|(_, (_, profile))| profile.len() == query.len())
        .map(|(index, _)| index)
        .collect();
    set.top_k(query, k.max(SHORTLIST))
        .into_iter()
        .map(|entry| Ranked {
            index: kept[entry.index],
            ..entry
        })
        .collect()
}

/// Orders scored pairs by full score, then by profile similarity, and keeps `k`.
fn finish(
    scored: Vec<(usize, Uuid, ScoredMatch)>,
    shortlist: &[Ranked],
    scanned: usize,
    unindexed: usize,
    k: usize,
) -> Ranking {
    let similarity: HashMap<usize, f32> = shortlist
        .iter()
        .map(|entry| (entry.index, entry.approximate))
        .collect();
    let mut results: Vec<RankedDocument> = scored
        .into_iter()
        .map(|(index, id, scored)| RankedDocument {
            id,
            profile_similarity: similarity.get(&index).copied().unwrap_or_default(),
            scored,
        })
        .collect();
    results.sort_by(|a, b| {
        b.scored
            .score
            .total_cmp(&a.scored.score)
            .then(b.profile_similarity.total_cmp(&a.profile_similarity))
            .then(a.id.cmp(&b.id))
    });
    results.truncate(k);
    Ranking {
        results,
        scanned,
        unindexed,
    }
}

/// Scores one stored resume against one stored job with the product's scoring entry point,
/// serving the embedder's calls from the stored vectors.
pub fn score_stored(resume: &ResumeParts, job: &JobParts, options: &MatchOptions) -> ScoredMatch {
    let mut input = match_input(resume, job);
    input.resolve_ids(SkillIndex::builtin());
    let embedder = StoredEmbedder::new(&resume.vectors, &job.vectors);
    match score_match(&input, &embedder, options) {
        Ok(scored) => scored,
        Err(error) => {
            // `StoredEmbedder::embed` returns `Ok` for every input, so this branch is defensive.
            debug!(%error, "stored vectors could not be used; scoring by names only");
            layer1_engine::score::score_match_with_vectors(&input, &[], options)
        }
    }
}

/// An [`Embedder`] over stored vectors. A text without a stored vector gets an empty vector,
/// which the scorer treats as unknown (only equal names and ids match then).
pub struct StoredEmbedder {
    model_id: String,
    dimension: usize,
    vectors: HashMap<String, Vec<f32>>,
}

impl StoredEmbedder {
    /// Serves the item vectors of both documents.
    pub fn new(resume: &DocumentVectors, job: &DocumentVectors) -> Self {
        let vectors = resume
            .items
            .iter()
            .chain(&job.items)
            .map(|(text, vector)| (cache_key(text), vector.clone()))
            .collect();
        Self {
            model_id: resume.model_id.clone(),
            dimension: resume.profile.len(),
            vectors,
        }
    }

    fn vector(&self, text: &str) -> Vec<f32> {
        self.vectors
            .get(&cache_key(text))
            .or_else(|| self.vectors.get(&skill_text(text)))
            .cloned()
            .unwrap_or_default()
    }
}

impl Embedder for StoredEmbedder {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Ok(texts.iter().map(|text| self.vector(text)).collect())
    }

    fn dimension(&self) -> usize {
        self.dimension
    }

    fn model_id(&self) -> &str {
        &self.model_id
    }
}
