//! The vectors ranking reads: each skill of a resume, each requirement and soft skill of a
//! job, and one profile vector per document, computed when the document is parsed and stored.
//!
//! [`VectorIndexer::run`] indexes every document that becomes ready (and, at start, those
//! parsed before vectors were stored). Ranking indexes a ready document that still lacks
//! vectors from the caches first ([`EmbedMode::CacheOnly`]), and runs the model only for a
//! bounded number of documents per request.

use std::collections::HashSet;
use std::sync::Arc;

use layer1_engine::embed::EmbedError;
use layer1_engine::score::rank::profile_vector;
use tokio::sync::{broadcast, watch};
use tracing::{Instrument, debug, info, instrument, warn};
use uuid::Uuid;

use crate::events::{EventBus, EventKind, StatusEvent};
use crate::nlp::NlpRuntime;
use crate::store::{DocumentKind, DocumentVectors, Store, StoreError};

/// Documents read per backfill query.
const BACKFILL_BATCH: u32 = 100;
/// Weight of a requirement whose importance is missing or 0, as the scorer counts it.
const DEFAULT_IMPORTANCE: f64 = 0.5;

/// Error of indexing one document.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reading or writing the database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The model failed.
    #[error(transparent)]
    Embed(#[from] EmbedError),
    /// The blocking task stopped.
    #[error("the embedding task stopped unexpectedly: {0}")]
    Task(String),
}

/// Sources a vector may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedMode {
    /// The caches, then the model.
    Model,
    /// The caches only. A text missing from every cache leaves the document unindexed.
    CacheOnly,
}

/// Normalises a skill text the way the scorer does before embedding: trimmed and lower-cased.
pub fn skill_text(skill: &str) -> String {
    skill.trim().to_lowercase()
}

/// Computes and stores document vectors.
#[derive(Clone)]
pub struct VectorIndexer {
    store: Arc<dyn Store>,
    nlp: NlpRuntime,
}

impl VectorIndexer {
    /// Indexes with the engine of `nlp` into `store`.
    pub fn new(store: Arc<dyn Store>, nlp: NlpRuntime) -> Self {
        Self { store, nlp }
    }

    /// Returns the id of the model whose vectors are stored.
    pub fn model_id(&self) -> String {
        self.nlp.engine().embedder().model_id().to_string()
    }

    /// Returns the texts of a document with their profile weights: resume skills weigh 1,
    /// requirements their importance, and job soft skills 0 (kept for scoring, left out of
    /// the profile).
    async fn weighted_texts(
        &self,
        kind: DocumentKind,
        id: Uuid,
    ) -> Result<Vec<(String, f32)>, StoreError> {
        Ok(match kind {
            DocumentKind::Resume => self
                .store
                .resume_skills(id)
                .await?
                .iter()
                .map(|skill| (skill_text(&skill.skill), 1.0))
                .collect(),
            DocumentKind::Job => {
                let requirements = self.store.job_requirements(id).await?;
                let soft_skills = self.store.job_soft_skills(id).await?;
                requirements
                    .iter()
                    .map(|r| {
                        let weight = if r.importance > 0.0 {
                            r.importance
                        } else {
                            DEFAULT_IMPORTANCE
                        };
                        (skill_text(&r.skill), weight as f32)
                    })
                    .chain(soft_skills.iter().map(|s| (skill_text(&s.skill), 0.0)))
                    .collect()
            }
        })
    }

    /// Computes and stores the vectors of one document. Returns `None` when `mode` is
    /// [`EmbedMode::CacheOnly`] and a text is in no cache.
    ///
    /// # Errors
    ///
    /// Returns the store's or the model's error.
    #[instrument(skip_all, fields(kind = kind.as_str(), document_id = %id))]
    pub async fn index(
        &self,
        kind: DocumentKind,
        id: Uuid,
        mode: EmbedMode,
    ) -> Result<Option<DocumentVectors>, IndexError> {
        let weighted = self.weighted_texts(kind, id).await?;
        let texts: Vec<String> = weighted.iter().map(|(text, _)| text.clone()).collect();
        let Some(vectors) = self.embed(texts.clone(), mode).await? else {
            debug!("a text is in no cache; document left unindexed");
            return Ok(None);
        };

        let dimension = self.nlp.engine().embedder().dimension();
        let profile = profile_vector(
            dimension,
            vectors
                .iter()
                .zip(&weighted)
                .map(|(vector, (_, weight))| (vector.as_slice(), *weight)),
        );
        let document = DocumentVectors {
            model_id: self.model_id(),
            profile,
            items: texts.into_iter().zip(vectors).collect(),
        };
        self.store.put_vectors(kind, id, &document).await?;
        debug!(items = document.items.len(), "document vectors stored");
        Ok(Some(document))
    }

    async fn embed(
        &self,
        texts: Vec<String>,
        mode: EmbedMode,
    ) -> Result<Option<Vec<Vec<f32>>>, IndexError> {
        let nlp = self.nlp.clone();
        let span = tracing::Span::current();
        let task = tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let embedder = nlp.engine().embedder();
            match mode {
                EmbedMode::Model => embedder.embed(&refs).map(Some),
                EmbedMode::CacheOnly => Ok(nlp.embedding_layers().and_then(|layers| {
                    layers
                        .lookup(embedder.model_id(), &refs)
                        .into_iter()
                        .collect::<Option<Vec<_>>>()
                })),
            }
        });
        task.in_current_span()
            .await
            .map_err(|e| IndexError::Task(e.to_string()))?
            .map_err(IndexError::from)
    }

    /// Indexes every ready document that lacks vectors of the current model.
    pub async fn backfill(&self) {
        let model_id = self.model_id();
        for kind in [DocumentKind::Resume, DocumentKind::Job] {
            let mut tried = HashSet::new();
            loop {
                let batch = match self.store.unindexed(kind, &model_id, BACKFILL_BATCH).await {
                    Ok(batch) => batch,
                    Err(error) => {
                        warn!(%error, "failed to list documents without vectors");
                        break;
                    }
                };
                let fresh: Vec<Uuid> = batch.into_iter().filter(|id| tried.insert(*id)).collect();
                if fresh.is_empty() {
                    break;
                }
                for id in fresh {
                    self.index_logged(kind, id).await;
                }
            }
            if !tried.is_empty() {
                info!(
                    kind = kind.as_str(),
                    count = tried.len(),
                    "vectors backfilled"
                );
            }
        }
    }

    async fn index_logged(&self, kind: DocumentKind, id: Uuid) {
        if let Err(error) = self.index(kind, id, EmbedMode::Model).await {
            warn!(kind = kind.as_str(), document_id = %id, %error, "failed to index a document");
        }
    }

    /// Backfills, then indexes each resume and job that becomes ready, until `stop` turns
    /// true.
    pub async fn run(self, events: EventBus, mut stop: watch::Receiver<bool>) {
        let mut received = events.subscribe();
        self.backfill().await;
        loop {
            let event = tokio::select! {
                event = received.recv() => event,
                _ = stop.wait_for(|stopped| *stopped) => break,
            };
            match event {
                Ok(event) => self.on_event(&event).await,
                Err(broadcast::error::RecvError::Lagged(skipped)) => {
                    warn!(
                        skipped,
                        "vector indexer fell behind the events; backfilling"
                    );
                    self.backfill().await;
                }
                Err(broadcast::error::RecvError::Closed) => break,
            }
        }
    }

    async fn on_event(&self, event: &StatusEvent) {
        if event.status != "ready" {
            return;
        }
        let kind = match event.kind {
            EventKind::Resume => DocumentKind::Resume,
            EventKind::Job => DocumentKind::Job,
            EventKind::Match => return,
        };
        self.index_logged(kind, event.id).await;
    }
}
