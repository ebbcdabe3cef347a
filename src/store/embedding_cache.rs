//! The database layer of the embedding cache: the engine's synchronous [`EmbeddingCache`]
//! over the asynchronous [`EmbeddingStore`].
//!
//! The engine embeds on blocking threads, so each call runs its query on the runtime and
//! waits for it there. Database failures are logged and count as misses: the model then
//! computes the vector, so a broken cache costs time, never a result.
//!
//! Texts found and not found are counted in `layer1_embedding_cache_lookups_total` (label
//! `outcome`); every miss is a text that the model embeds.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use layer1_engine::embed::{EmbeddingCache, cache_key};
use tokio::runtime::Handle;
use tracing::warn;

use super::vectors::EmbeddingStore;

/// Name of the lookup counter.
const LOOKUPS_METRIC: &str = "layer1_embedding_cache_lookups_total";

/// Texts found and not found in the database since start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DatabaseCacheStats {
    /// Texts whose vector the database held.
    pub hits: u64,
    /// Texts it did not hold (or that failed to load).
    pub misses: u64,
}

/// Vectors stored in the database, shared by every process on it.
pub struct DatabaseCache {
    store: Arc<dyn EmbeddingStore>,
    runtime: Handle,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl DatabaseCache {
    /// Serves `store` through `runtime`, which must be a multi-thread runtime or one whose
    /// thread is not the caller's (the engine calls from blocking threads).
    pub fn new(store: Arc<dyn EmbeddingStore>, runtime: Handle) -> Self {
        Self {
            store,
            runtime,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Returns the hit and miss counts since start.
    pub fn stats(&self) -> DatabaseCacheStats {
        DatabaseCacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }

    fn count(&self, hits: usize, misses: usize) {
        self.hits.fetch_add(hits as u64, Ordering::Relaxed);
        self.misses.fetch_add(misses as u64, Ordering::Relaxed);
        metrics::counter!(LOOKUPS_METRIC, "layer" => "database", "outcome" => "hit")
            .increment(hits as u64);
        metrics::counter!(LOOKUPS_METRIC, "layer" => "database", "outcome" => "miss")
            .increment(misses as u64);
    }
}

impl EmbeddingCache for DatabaseCache {
    fn get_many(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>> {
        let keys: Vec<String> = texts.iter().map(|text| cache_key(text)).collect();
        let (store, model_id) = (self.store.clone(), model_id.to_owned());
        let task = self
            .runtime
            .spawn(async move { store.cached_embeddings(&model_id, &keys).await });

        let found = match futures::executor::block_on(task) {
            Ok(Ok(found)) => found,
            Ok(Err(error)) => {
                warn!(%error, "embedding cache lookup failed; embedding instead");
                vec![None; texts.len()]
            }
            Err(error) => {
                warn!(%error, "embedding cache lookup task stopped; embedding instead");
                vec![None; texts.len()]
            }
        };
        let hits = found.iter().filter(|vector| vector.is_some()).count();
        self.count(hits, texts.len() - hits);
        found
    }

    fn put_many(&self, model_id: &str, entries: &[(&str, &[f32])]) {
        if entries.is_empty() {
            return;
        }
        let entries: Vec<(String, Vec<f32>)> = entries
            .iter()
            .map(|(text, vector)| (cache_key(text), vector.to_vec()))
            .collect();
        let (store, model_id) = (self.store.clone(), model_id.to_owned());
        let task = self
            .runtime
            .spawn(async move { store.put_embeddings(&model_id, &entries).await });

        match futures::executor::block_on(task) {
            Ok(Ok(())) => {}
            Ok(Err(error)) => warn!(%error, "failed to store embeddings in the cache"),
            Err(error) => warn!(%error, "embedding cache write task stopped"),
        }
    }
}
