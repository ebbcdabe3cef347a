//! Embedding caches: the [`EmbeddingCache`] trait, a bounded in-memory LRU and the
//! [`CachedEmbedder`] that puts a cache in front of any [`Embedder`].
//!
//! Entries are keyed by model id and the exact input text. Texts are not normalised, because
//! an embedder may tell apart strings that a normaliser would merge (the hashed embedder pads
//! the text as given, so `" python "` and `"python"` get different vectors).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use super::{EmbedError, Embedder};

/// A store of vectors keyed by model id and text.
pub trait EmbeddingCache: Send + Sync {
    /// Looks up each text; the result has one entry per text, in input order.
    fn get_many(&self, model_id: &str, texts: &[&str]) -> Vec<Option<Vec<f32>>>;
    /// Stores vectors for texts.
    fn put_many(&self, model_id: &str, entries: &[(&str, &[f32])]);
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
            .map(|text| state.touch(&(model_id.to_owned(), (*text).to_owned())))
            .collect()
    }

    fn put_many(&self, model_id: &str, entries: &[(&str, &[f32])]) {
        let mut state = self.lock();
        for (text, vector) in entries {
            let key = (model_id.to_owned(), (*text).to_owned());
            state.insert(key, vector.to_vec(), self.capacity);
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
        for (text, hit) in texts.iter().zip(&cached) {
            if hit.is_none() && !misses.contains(text) {
                misses.push(text);
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

        let by_text: HashMap<&str, &Vec<f32>> = misses.iter().copied().zip(&fresh).collect();
        let vectors = texts
            .iter()
            .zip(cached)
            .map(|(text, hit)| {
                hit.unwrap_or_else(|| by_text.get(text).map(|v| (*v).clone()).unwrap_or_default())
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
}
