//! Embedding reuse in the service: the cache layers in front of the model, the taxonomy
//! vector file, and the stored vectors of resumes and jobs that ranking reads.
//!
//! Lookups go to memory first, then to the taxonomy vectors, then to the database. Only texts
//! missing from all three reach the model, and its vectors are written back to memory and the
//! database.

pub mod index;
pub mod taxonomy;

use std::path::PathBuf;
use std::sync::Arc;

use layer1_engine::embed::{
    Embedder, EmbeddingCache, LayerStats, LayeredCache, MemoryCache, StaticVectors,
};
use layer1_engine::skills::Taxonomy;
use tracing::{info, warn};

use crate::nlp::NlpRuntime;
use crate::store::EmbeddingStore;
use crate::store::embedding_cache::DatabaseCache;

/// Vectors kept in memory by the least-recently-used layer (about 1.5 KiB each).
pub const MEMORY_CACHE_ENTRIES: usize = 16_384;

/// The cache layers of one process.
pub struct EmbeddingLayers {
    taxonomy: Arc<StaticVectors>,
    database: Option<Arc<DatabaseCache>>,
    layered: Arc<LayeredCache>,
}

impl EmbeddingLayers {
    /// Stacks a memory cache, an empty taxonomy table and, when given, the database.
    pub fn new(database: Option<Arc<DatabaseCache>>) -> Self {
        let taxonomy = Arc::new(StaticVectors::new());
        let mut layers: Vec<Arc<dyn EmbeddingCache>> = vec![
            Arc::new(MemoryCache::new(MEMORY_CACHE_ENTRIES)),
            taxonomy.clone(),
        ];
        if let Some(database) = &database {
            layers.push(database.clone());
        }
        Self {
            taxonomy,
            database,
            layered: Arc::new(LayeredCache::new(layers)),
        }
    }

    /// Returns the layered cache to put in front of the model.
    pub fn cache(&self) -> Arc<dyn EmbeddingCache> {
        self.layered.clone()
    }

    /// Looks texts up in every layer without calling the model.
    pub fn lookup(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>> {
        self.layered.get_many(model_id, texts)
    }

    /// Returns the taxonomy table, filled by [`warm_taxonomy`].
    pub fn taxonomy(&self) -> &StaticVectors {
        &self.taxonomy
    }

    /// Returns the hits per layer (memory, taxonomy, database) and the texts left to the model.
    pub fn stats(&self) -> LayerStats {
        self.layered.stats()
    }

    /// Returns the database layer, when there is one.
    pub fn database(&self) -> Option<&DatabaseCache> {
        self.database.as_deref()
    }
}

/// Fills the taxonomy table of `layers` from the model's vector file in `model_dir`, computing and
/// writing the file with `model` (the uncached embedder) when it is missing or stale. Blocks;
/// run it on a blocking thread.
pub fn warm_taxonomy(model_dir: PathBuf, model: Arc<dyn Embedder>, layers: Arc<EmbeddingLayers>) {
    let started = std::time::Instant::now();
    match taxonomy::load_or_compute(&model_dir, model.as_ref(), &Taxonomy::builtin()) {
        Ok((vectors, outcome)) => {
            let count = vectors.entries.len();
            layers
                .taxonomy()
                .replace(&vectors.header.model_id, vectors.entries);
            info!(
                count,
                outcome = ?outcome,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "taxonomy vectors ready"
            );
        }
        Err(error) => warn!(%error, "taxonomy vectors unavailable; skills are embedded on demand"),
    }
}

/// Builds the layers of a serving process: memory, taxonomy vectors and the database behind
/// `store`. Must be called inside the Tokio runtime that will serve the database calls.
pub fn service_layers(store: Arc<dyn EmbeddingStore>) -> Arc<EmbeddingLayers> {
    let database = DatabaseCache::new(store, tokio::runtime::Handle::current());
    Arc::new(EmbeddingLayers::new(Some(Arc::new(database))))
}

/// Fills the taxonomy table of `nlp`'s layers on a blocking thread (see [`warm_taxonomy`]);
/// does nothing when `nlp` has no layers.
pub fn spawn_taxonomy_warm(model_dir: PathBuf, nlp: &NlpRuntime) {
    let Some(layers) = nlp.embedding_layers().cloned() else {
        return;
    };
    let model = nlp.model();
    let span = tracing::info_span!("taxonomy_vectors");
    tokio::task::spawn_blocking(move || span.in_scope(|| warm_taxonomy(model_dir, model, layers)));
}

/// Runs `layer1 models warm`: reads a current taxonomy vector file or writes one, and returns
/// the line to print.
pub fn run_warm(settings: &crate::config::NlpSettings) -> anyhow::Result<String> {
    let nlp = NlpRuntime::load(settings);
    if !nlp.model_loaded() {
        anyhow::bail!(
            "the sentence model is not installed in {}; run scripts/setup.sh first",
            settings.model_dir.display()
        );
    }
    let model = nlp.model();
    let (vectors, outcome) =
        taxonomy::load_or_compute(&settings.model_dir, model.as_ref(), &Taxonomy::builtin())?;
    let path = taxonomy::file_path(&settings.model_dir, model.model_id());
    Ok(match outcome {
        taxonomy::WarmOutcome::Loaded => format!(
            "{} is current ({} names, model {})",
            path.display(),
            vectors.entries.len(),
            vectors.header.model_id
        ),
        taxonomy::WarmOutcome::Written => format!(
            "wrote {} ({} names, model {})",
            path.display(),
            vectors.entries.len(),
            vectors.header.model_id
        ),
        taxonomy::WarmOutcome::ComputedOnly => {
            anyhow::bail!("failed to write {}; see the warning above", path.display())
        }
    })
}
