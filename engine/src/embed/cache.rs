//! Embedding caches: the [`EmbeddingCache`] trait, a bounded in-memory LRU, a read-only
//! [`StaticVectors`] table, the [`LayeredCache`] that consults several caches in order, and the
//! [`CachedEmbedder`] that puts a cache in front of any [`Embedder`].
//!
//! Entries are keyed by model id and the [`cache_key`] of the input text: the text lower-cased.
//! Both embedders of this crate lower-case their input first, so the key never merges texts
//! that they tell apart. Whitespace is kept, because the hashed embedder pads the text as
//! given (`" python "` and `"python"` get different vectors).

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use super::{EmbedError, Embedder};

/// A store of vectors keyed by model id and text.
pub trait EmbeddingCache: Send + Sync {
    /// Looks up each text; the result has one entry per text, in input order.
    fn get_many(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>>;
    /// Stores vectors for texts.
    fn put_many(&self, model_id: &str, entries: &[(&str, &[f32])]);
}

/// Returns the text under which a vector is cached: `text` lower-cased.
pub fn cache_key(text: &str) -> String {
    text.to_lowercase()
}

type CacheKey = (String, String);

#[derive(Debug, Default)]
struct LruState {
    entries: HashMap<CacheKey, (Vec<f32>, u64)>,
    recency: BTreeMap<u64, CacheKey>,
    clock: u64,
}

impl LruState {
    fn touch(&mut self, key: &CacheKey) -> Option<Vec<f32>> {
        self.clock += 1;
        let clock = self.clock;
        let (vector, last_used) = self.entries.get_mut(key)?;
        self.recency.remove(last_used);
        *last_used = clock;
        self.recency.insert(clock, key.clone());
        Some(vector.clone())
    }

    fn insert(&mut self, key: CacheKey, vector: Vec<f32>, capacity: usize) {
        self.clock += 1;
        if let Some((_, last_used)) = self.entries.get(&key) {
            self.recency.remove(last_used);
        }
        self.recency.insert(self.clock, key.clone());
        self.entries.insert(key, (vector, self.clock));

        while self.entries.len() > capacity {
            let Some((_, oldest)) = self.recency.pop_first() else {
                break;
            };
            self.entries.remove(&oldest);
        }
    }
}

/// A bounded in-memory cache that evicts the least recently used entry.
#[derive(Debug)]
pub struct MemoryCache {
    capacity: usize,
    state: Mutex<LruState>,
}

impl MemoryCache {
    /// Creates a cache holding at most `capacity` vectors (at least 1).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            state: Mutex::new(LruState::default()),
        }
    }

    /// Returns the number of cached vectors.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Returns whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl EmbeddingCache for MemoryCache {
    fn get_many(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>> {
        let mut state = self.lock();
        texts
            .iter()
            .map(|text| state.touch(&(model_id.to_owned(), cache_key(text))))
            .collect()
    }

    fn put_many(&self, model_id: &str, entries: &[(&str, &[f32])]) {
        let mut state = self.lock();
        for (text, vector) in entries {
            let key = (model_id.to_owned(), cache_key(text));
            state.insert(key, vector.to_vec(), self.capacity);
        }
    }
}

/// A read-only table of vectors for one model, such as the precomputed vectors of every
/// taxonomy skill. [`EmbeddingCache::put_many`] ignores writes; [`StaticVectors::replace`]
/// swaps the whole table.
#[derive(Debug, Default)]
pub struct StaticVectors {
    table: RwLock<(String, HashMap<String, Vec<f32>>)>,
}

impl StaticVectors {
    /// Creates an empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the table with `entries` (text and vector) computed by model `model_id`.
    pub fn replace(&self, model_id: &str, entries: impl IntoIterator<Item = (String, Vec<f32>)>) {
        let map = entries
            .into_iter()
            .map(|(text, vector)| (cache_key(&text), vector))
            .collect();
        *self.table.write().unwrap_or_else(PoisonError::into_inner) = (model_id.to_owned(), map);
    }

    /// Returns the number of vectors in the table.
    pub fn len(&self) -> usize {
        self.table
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .len()
    }

    /// Returns whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl EmbeddingCache for StaticVectors {
    fn get_many(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>> {
        let table = self.table.read().unwrap_or_else(PoisonError::into_inner);
        if table.0 != model_id {
            return vec![None; texts.len()];
        }
        texts
            .iter()
            .map(|text| table.1.get(&cache_key(text)).cloned())
            .collect()
    }

    fn put_many(&self, _model_id: &str, _entries: &[(&str, &[f32])]) {}
}

/// Counts of a [`LayeredCache`]: texts found per layer, and texts no layer held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerStats {
    /// Texts found in each layer, in layer order.
    pub hits: Vec<u64>,
    /// Texts that no layer held.
    pub misses: u64,
}

/// Caches consulted in order: a text missing from one layer is looked up in the next, and a
/// vector found in a later layer is copied into the earlier ones. Writes go to every layer.
///
/// A typical stack is a [`MemoryCache`], a [`StaticVectors`] table and a database.
pub struct LayeredCache {
    layers: Vec<Arc<dyn EmbeddingCache>>,
    hits: Vec<AtomicU64>,
    misses: AtomicU64,
}

impl LayeredCache {
    /// Stacks `layers`, the first consulted first.
    pub fn new(layers: Vec<Arc<dyn EmbeddingCache>>) -> Self {
        let hits = layers.iter().map(|_| AtomicU64::new(0)).collect();
        Self {
            layers,
            hits,
            misses: AtomicU64::new(0),
        }
    }

    /// Returns the hit counts per layer and the miss count since creation.
    pub fn stats(&self) -> LayerStats {
        LayerStats {
            hits: self
                .hits
                .iter()
                .map(|count| count.load(Ordering::Relaxed))
                .collect(),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }
}

impl EmbeddingCache for LayeredCache {
    fn get_many(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>> {
        let mut found: Vec<Option<Vec<f32>>> = vec![None; texts.len()];
        for (depth, layer) in self.layers.iter().enumerate() {
            let pending: Vec<usize> = (0..texts.len()).filter(|&i| found[i].is_none()).collect();
            if pending.is_empty() {
                break;
            }
            let requested: Vec<&str> = pending.iter().map(|&i| texts[i]).collect();
            let answers = layer.get_many(model_id, &requested);

            let mut promoted: Vec<(&str, Vec<f32>)> = Vec::new();
            for (&i, answer) in pending.iter().zip(answers) {
                if let Some(vector) = answer {
                    promoted.push((texts[i], vector.clone()));
                    found[i] = Some(vector);
                }
            }
            self.hits[depth].fetch_add(promoted.len() as u64, Ordering::Relaxed);
            let entries: Vec<(&str, &[f32])> = promoted
                .iter()
                .map(|(text, vector)| (*text, vector.as_slice()))
                .collect();
            for earlier in &self.layers[..depth] {
                earlier.put_many(model_id, &entries);
            }
        }
        let missing = found.iter().filter(|vector| vector.is_none()).count();
        self.misses.fetch_add(missing as u64, Ordering::Relaxed);
        found
    }

    fn put_many(&self, model_id: &str, entries: &[(&str, &[f32])]) {
        for layer in &self.layers {
            layer.put_many(model_id, entries);
        }
    }
}

/// An [`Embedder`] that serves repeated texts from a cache and embeds only the misses, each
/// distinct text once per call.
pub struct CachedEmbedder {
    inner: Arc<dyn Embedder>,
    cache: Arc<dyn EmbeddingCache>,
}

impl CachedEmbedder {
    /// Puts `cache` in front of `inner`.
    pub fn new(inner: Arc<dyn Embedder>, cache: Arc<dyn EmbeddingCache>) -> Self {
        Self { inner, cache }
    }
}

impl Embedder for CachedEmbedder {
    #[tracing::instrument(skip_all, fields(batch = texts.len(), misses))]
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let model_id = self.inner.model_id();
        let cached = self.cache.get_many(model_id, texts);

        let mut misses: Vec<&str> = Vec::new();
        let mut miss_keys: Vec<String> = Vec::new();
        for (text, hit) in texts.iter().zip(&cached) {
            let key = cache_key(text);
            if hit.is_none() && !miss_keys.contains(&key) {
                misses.push(text);
                miss_keys.push(key);
            }
        }
        tracing::Span::current().record("misses", misses.len());

        let fresh = if misses.is_empty() {
            Vec::new()
        } else {
            self.inner.embed(&misses)?
        };
        let entries: Vec<(&str, &[f32])> = misses
            .iter()
            .zip(&fresh)
            .map(|(text, vector)| (*text, vector.as_slice()))
            .collect();
        self.cache.put_many(model_id, &entries);

        let by_key: HashMap<&str, &Vec<f32>> =
            miss_keys.iter().map(String::as_str).zip(&fresh).collect();
        let vectors = texts
            .iter()
            .zip(cached)
            .map(|(text, hit)| {
                hit.unwrap_or_else(|| {
                    by_key
                        .get(cache_key(text).as_str())
                        .map(|v| (*v).clone())
                        .unwrap_or_default()
                })
            })
            .collect();
        Ok(vectors)
    }

    fn dimension(&self) -> usize {
        self.inner.dimension()
    }

    fn model_id(&self) -> &str {
        self.inner.model_id()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::embed::HashedEmbedder;

    /// Counts how many texts reach the wrapped embedder.
    struct CountingEmbedder {
        inner: HashedEmbedder,
        embedded: AtomicUsize,
    }

    impl Embedder for CountingEmbedder {
        fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
            self.embedded.fetch_add(texts.len(), Ordering::SeqCst);
            self.inner.embed(texts)
        }
        fn dimension(&self) -> usize {
            self.inner.dimension()
        }
        fn model_id(&self) -> &str {
            "counting"
        }
    }

    fn counting() -> Arc<CountingEmbedder> {
        Arc::new(CountingEmbedder {
            inner: HashedEmbedder::new(),
            embedded: AtomicUsize::new(0),
        })
    }

    #[test]
    fn memory_cache_evicts_least_recently_used() {
        let cache = MemoryCache::new(2);
        cache.put_many("m", &[("a", &[1.0]), ("b", &[2.0])]);
        assert!(cache.get_many("m", &["a"])[0].is_some());
        cache.put_many("m", &[("c", &[3.0])]);

        let found = cache.get_many("m", &["a", "b", "c"]);
        assert_eq!(found[0], Some(vec![1.0]));
        assert_eq!(found[1], None);
        assert_eq!(found[2], Some(vec![3.0]));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn memory_cache_separates_models() {
        let cache = MemoryCache::new(4);
        cache.put_many("m1", &[("a", &[1.0])]);
        assert_eq!(cache.get_many("m2", &["a"])[0], None);
    }

    #[test]
    fn cached_embedder_embeds_each_text_once() {
        let inner = counting();
        let cached = CachedEmbedder::new(inner.clone(), Arc::new(MemoryCache::new(16)));

        let first = cached.embed(&["python", "sql", "python"]).expect("embeds");
        let second = cached.embed(&["sql", "python"]).expect("embeds");

        assert_eq!(inner.embedded.load(Ordering::SeqCst), 2);
        assert_eq!(first[0], first[2]);
        assert_eq!(first[1], second[0]);
        assert_eq!(first[0], HashedEmbedder::new().embed_one("python"));
    }

    #[test]
    fn keys_ignore_case_but_keep_whitespace() {
        let cache = MemoryCache::new(4);
        cache.put_many("m", &[("Python", &[1.0])]);

        let found = cache.get_many("m", &["python", "PYTHON", " python"]);
        assert_eq!(found, vec![Some(vec![1.0]), Some(vec![1.0]), None]);
    }

    #[test]
    fn static_vectors_answer_only_their_model() {
        let table = StaticVectors::new();
        table.replace("m1", [("Rust".to_string(), vec![0.5, 0.5])]);
        table.put_many("m1", &[("go", &[1.0, 0.0])]);

        assert_eq!(table.get_many("m1", &["rust"])[0], Some(vec![0.5, 0.5]));
        assert_eq!(table.get_many("m2", &["rust"])[0], None);
        assert_eq!(table.get_many("m1", &["go"])[0], None);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn layered_cache_promotes_hits_and_counts_misses() {
        let front = Arc::new(MemoryCache::new(8));
        let back = Arc::new(MemoryCache::new(8));
        back.put_many("m", &[("sql", &[2.0])]);
        let layered = LayeredCache::new(vec![front.clone(), back.clone()]);

        let found = layered.get_many("m", &["sql", "rust"]);
        assert_eq!(found, vec![Some(vec![2.0]), None]);
        assert_eq!(front.get_many("m", &["sql"])[0], Some(vec![2.0]));

        layered.get_many("m", &["sql"]);
        layered.put_many("m", &[("rust", &[3.0])]);
        assert_eq!(back.get_many("m", &["rust"])[0], Some(vec![3.0]));
        assert_eq!(
            layered.stats(),
            LayerStats {
                hits: vec![1, 1],
                misses: 1
            }
        );
    }

    #[test]
    fn cached_embedder_embeds_case_variants_once() {
        let inner = counting();
        let cached = CachedEmbedder::new(inner.clone(), Arc::new(MemoryCache::new(16)));

        let vectors = cached.embed(&["Python", "python"]).expect("embeds");

        assert_eq!(inner.embedded.load(Ordering::SeqCst), 1);
        assert_eq!(vectors[0], vectors[1]);
    }
}
