//! Stored document vectors and the embedding cache.

use std::sync::Arc;
use std::time::Duration;

use layer1::store::embedding_cache::DatabaseCache;
use layer1::store::{DocumentKind, DocumentVectors, EmbeddingStore, Store};
use layer1_engine::embed::{EmbeddingCache, cache_key};
use serde_json::json;

use crate::conformance::fixtures::{at_minute, job, resume, user};

/// Values that a lossy encoding would change: signed zero, a subnormal, the extremes and a
/// fraction without an exact decimal form.
fn awkward_values() -> Vec<f32> {
    vec![
        0.6,
        -0.8,
        -0.0,
        1.0e-45,
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::MIN,
        1.0 / 3.0,
    ]
}

fn bits(vector: &[f32]) -> Vec<u32> {
    vector.iter().map(|value| value.to_bits()).collect()
}

fn assert_same_vectors(stored: &DocumentVectors, expected: &DocumentVectors) {
    assert_eq!(stored.model_id, expected.model_id);
    assert_eq!(bits(&stored.profile), bits(&expected.profile));
    assert_eq!(stored.items.len(), expected.items.len(), "item count");
    for ((text, vector), (expected_text, expected_vector)) in
        stored.items.iter().zip(&expected.items)
    {
        assert_eq!(text, expected_text);
        assert_eq!(bits(vector), bits(expected_vector));
    }
}

pub(crate) async fn document_vectors_round_trip_exactly(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let resume = resume(owner.id, at_minute(0));
    let job = job(owner.id, at_minute(0));
    store.insert_resume(&resume).await.unwrap();
    store.insert_job(&job).await.unwrap();
    let first = DocumentVectors {
        model_id: "all-minilm-l6-v2".to_owned(),
        profile: awkward_values(),
        items: vec![
            ("rust".to_owned(), awkward_values()),
            ("postgresql".to_owned(), vec![0.25; 384]),
            ("c++".to_owned(), vec![-1.5, 2.5]),
        ],
    };
    let replacement = DocumentVectors {
        model_id: "hashed-ngrams".to_owned(),
        profile: vec![0.0; 4],
        items: vec![("go".to_owned(), vec![1.0, 0.0, 0.0, 0.0])],
    };
    let job_vectors = DocumentVectors {
        model_id: "all-minilm-l6-v2".to_owned(),
        profile: vec![1.0, 0.0],
        items: Vec::new(),
    };

    assert!(
        store
            .vectors(DocumentKind::Resume, resume.id)
            .await
            .unwrap()
            .is_none()
    );
    store
        .put_vectors(DocumentKind::Resume, resume.id, &first)
        .await
        .unwrap();
    let stored_first = store
        .vectors(DocumentKind::Resume, resume.id)
        .await
        .unwrap();
    store
        .put_vectors(DocumentKind::Resume, resume.id, &replacement)
        .await
        .unwrap();
    let stored_replacement = store
        .vectors(DocumentKind::Resume, resume.id)
        .await
        .unwrap();
    store
        .put_vectors(DocumentKind::Job, job.id, &job_vectors)
        .await
        .unwrap();
    let stored_job = store.vectors(DocumentKind::Job, job.id).await.unwrap();

    assert_same_vectors(&stored_first.unwrap(), &first);
    assert_same_vectors(&stored_replacement.unwrap(), &replacement);
    assert_same_vectors(&stored_job.unwrap(), &job_vectors);
    let wrong_kind = store.vectors(DocumentKind::Job, resume.id).await.unwrap();
    assert!(wrong_kind.is_none(), "vectors are kept per document kind");
}

pub(crate) async fn profiles_list_fresh_vectors_and_missing_documents(store: Arc<dyn Store>) {
    let owner = user(&*store, "auth0|owner", 10).await;
    let other = user(&*store, "auth0|other", 10).await;
    let indexed = resume(owner.id, at_minute(0));
    let unindexed = resume(owner.id, at_minute(1));
    let queued = resume(owner.id, at_minute(2));
    let deleted = resume(owner.id, at_minute(3));
    let foreign = resume(other.id, at_minute(4));
    for record in [&indexed, &unindexed, &queued, &deleted, &foreign] {
        store.insert_resume(record).await.unwrap();
    }
    for ready in [&indexed, &unindexed, &deleted, &foreign] {
        store
            .complete_resume(ready.id, &json!({}), &[])
            .await
            .unwrap();
    }
    // Vectors written after the parse result are fresh.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let vectors = DocumentVectors {
        model_id: "model-a".to_owned(),
        profile: vec![0.6, 0.8],
        items: Vec::new(),
    };
    for with_vectors in [&indexed, &deleted, &foreign] {
        store
            .put_vectors(DocumentKind::Resume, with_vectors.id, &vectors)
            .await
            .unwrap();
    }
    store.delete_resume(owner.id, deleted.id).await.unwrap();

    let scan = store
        .profiles(DocumentKind::Resume, owner.id, "model-a")
        .await
        .unwrap();
    let other_model = store
        .profiles(DocumentKind::Resume, owner.id, "model-b")
        .await
        .unwrap();
    let unindexed_ids = store
        .unindexed(DocumentKind::Resume, "model-a", 10)
        .await
        .unwrap();
    let limited = store
        .unindexed(DocumentKind::Resume, "model-b", 1)
        .await
        .unwrap();

    assert_eq!(scan.profiles.len(), 1);
    assert_eq!(scan.profiles[0].0, indexed.id);
    assert_eq!(bits(&scan.profiles[0].1), bits(&[0.6, 0.8]));
    assert_eq!(scan.missing, [unindexed.id]);
    assert!(other_model.profiles.is_empty());
    assert_eq!(other_model.missing, [indexed.id, unindexed.id]);
    assert_eq!(unindexed_ids, [unindexed.id]);
    assert_eq!(limited.len(), 1);

    // A parse result newer than the vectors makes them stale.
    tokio::time::sleep(Duration::from_millis(5)).await;
    store
        .complete_resume(indexed.id, &json!({"version": 2}), &[])
        .await
        .unwrap();
    let stale = store
        .profiles(DocumentKind::Resume, owner.id, "model-a")
        .await
        .unwrap();
    assert!(stale.profiles.is_empty());
    assert_eq!(stale.missing, [indexed.id, unindexed.id]);
    let jobs = store
        .profiles(DocumentKind::Job, owner.id, "model-a")
        .await
        .unwrap();
    assert!(jobs.profiles.is_empty());
    assert!(jobs.missing.is_empty());
}

pub(crate) async fn embedding_cache_round_trips(store: Arc<dyn Store>) {
    let keys: Vec<String> = ["rust", "postgresql", "kubernetes"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let empty = store.cached_embeddings("model-a", &keys).await.unwrap();
    store
        .put_embeddings(
            "model-a",
            &[
                ("rust".to_owned(), awkward_values()),
                ("kubernetes".to_owned(), vec![0.5, 0.5]),
            ],
        )
        .await
        .unwrap();
    store
        .put_embeddings("model-a", &[("rust".to_owned(), vec![9.0, 9.0])])
        .await
        .unwrap();
    store.put_embeddings("model-a", &[]).await.unwrap();

    let found = store.cached_embeddings("model-a", &keys).await.unwrap();
    let other_model = store
        .cached_embeddings("model-b", &keys[..1])
        .await
        .unwrap();
    let repeated = store
        .cached_embeddings(
            "model-a",
            &[keys[2].clone(), keys[0].clone(), keys[2].clone()],
        )
        .await
        .unwrap();
    let none = store.cached_embeddings("model-a", &[]).await.unwrap();

    assert_eq!(empty, [None, None, None]);
    assert_eq!(found.len(), 3);
    assert_eq!(
        bits(found[0].as_ref().unwrap()),
        bits(&awkward_values()),
        "a stored key keeps its first vector"
    );
    assert_eq!(found[1], None);
    assert_eq!(found[2], Some(vec![0.5, 0.5]));
    assert_eq!(other_model, [None]);
    assert_eq!(
        repeated,
        [Some(vec![0.5, 0.5]), found[0].clone(), Some(vec![0.5, 0.5])]
    );
    assert!(none.is_empty());

    let repeated_key = [("go".to_owned(), vec![1.0]), ("go".to_owned(), vec![2.0])];
    store
        .put_embeddings("model-a", &repeated_key)
        .await
        .unwrap();
    let go = store
        .cached_embeddings("model-a", &["go".to_owned()])
        .await
        .unwrap();
    assert!(
        go == [Some(vec![1.0])] || go == [Some(vec![2.0])],
        "a key repeated in one batch is stored once: {go:?}"
    );

    let many: Vec<(String, Vec<f32>)> = (0..1200)
        .map(|index| (format!("skill {index}"), vec![index as f32; 384]))
        .collect();
    store.put_embeddings("model-a", &many).await.unwrap();
    let many_keys: Vec<String> = many.iter().rev().map(|(key, _)| key.clone()).collect();
    let many_found = store
        .cached_embeddings("model-a", &many_keys)
        .await
        .unwrap();
    let expected: Vec<Option<Vec<f32>>> = many
        .iter()
        .rev()
        .map(|(_, vector)| Some(vector.clone()))
        .collect();
    assert_eq!(many_found, expected);
}

pub(crate) async fn database_cache_serves_the_engine(store: Arc<dyn Store>) {
    let embeddings: Arc<dyn EmbeddingStore> = store.clone();
    let cache = Arc::new(DatabaseCache::new(
        embeddings,
        tokio::runtime::Handle::current(),
    ));

    let found = tokio::task::spawn_blocking({
        let cache = cache.clone();
        move || {
            cache.put_many("model-a", &[("Rust", &[1.0, 2.0])]);
            cache.get_many("model-a", &["Rust", "Go"])
        }
    })
    .await
    .unwrap();

    assert_eq!(found, [Some(vec![1.0, 2.0]), None]);
    let stats = cache.stats();
    assert_eq!((stats.hits, stats.misses), (1, 1));
    let stored = store
        .cached_embeddings("model-a", &[cache_key("Rust")])
        .await
        .unwrap();
    assert_eq!(stored, [Some(vec![1.0, 2.0])]);
}
