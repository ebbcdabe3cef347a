//! Micro-batching: concurrent [`Embedder::embed`] calls merged into one inference call.
//!
//! A [`BatchingEmbedder`] owns one worker thread fed by a channel. The worker takes the first
//! waiting request and gathers more until the batch contains [`BatcherSettings::max_texts`]
//! texts or [`BatcherSettings::max_wait`] has passed. It embeds all the texts with one call of
//! the inner embedder and returns each caller its own vectors. Callers block until their
//! vectors are ready, so async code calls it from a blocking task like any other embedder.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{EmbedError, Embedder};

/// Default largest number of texts merged into one batch.
pub const DEFAULT_BATCH_TEXTS: usize = 32;
/// Default longest time the worker waits for more requests after the first one.
pub const DEFAULT_BATCH_WAIT: Duration = Duration::from_millis(2);

/// Limits of one merged batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatcherSettings {
    /// Text count at which the worker stops gathering (at least 1).
    /// One request is never split, so a batch may exceed it by the last request's texts.
    pub max_texts: usize,
    /// Maximum time the worker waits for more requests after the first one of a batch.
    /// Zero merges only the requests that are already waiting.
    pub max_wait: Duration,
}

impl Default for BatcherSettings {
    fn default() -> Self {
        Self {
            max_texts: DEFAULT_BATCH_TEXTS,
            max_wait: DEFAULT_BATCH_WAIT,
        }
    }
}

/// Counters of a [`BatchingEmbedder`] since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatcherStats {
    /// Inference calls made (one per merged batch).
    pub batches: u64,
    /// Requests served.
    pub requests: u64,
    /// Texts embedded.
    pub texts: u64,
    /// Batches that merged the requests of two or more callers.
    pub merged_batches: u64,
    /// Largest number of requests merged into one batch.
    pub max_requests_per_batch: u64,
}

#[derive(Debug, Default)]
struct Counters {
    batches: AtomicU64,
    requests: AtomicU64,
    texts: AtomicU64,
    merged_batches: AtomicU64,
    max_requests_per_batch: AtomicU64,
}

impl Counters {
    fn record(&self, requests: usize, texts: usize) {
        let requests = u64::try_from(requests).unwrap_or(u64::MAX);
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.requests.fetch_add(requests, Ordering::Relaxed);
        self.texts
            .fetch_add(u64::try_from(texts).unwrap_or(u64::MAX), Ordering::Relaxed);
        if requests > 1 {
            self.merged_batches.fetch_add(1, Ordering::Relaxed);
        }
        self.max_requests_per_batch
            .fetch_max(requests, Ordering::Relaxed);
    }

    fn snapshot(&self) -> BatcherStats {
        BatcherStats {
            batches: self.batches.load(Ordering::Relaxed),
            requests: self.requests.load(Ordering::Relaxed),
            texts: self.texts.load(Ordering::Relaxed),
            merged_batches: self.merged_batches.load(Ordering::Relaxed),
            max_requests_per_batch: self.max_requests_per_batch.load(Ordering::Relaxed),
        }
    }
}

type Reply = Result<Vec<Vec<f32>>, EmbedError>;

/// One caller's texts and the channel its vectors go back on.
struct Request {
    texts: Vec<String>,
    reply: mpsc::SyncSender<Reply>,
}

/// An [`Embedder`] that merges concurrent calls into batches run by one worker thread.
///
/// Each caller gets exactly the vectors the inner embedder returns for its texts within the
/// merged batch. For an embedder whose vectors do not depend on the rest of the batch (the
/// default ONNX model), these are the vectors of a direct call.
pub struct BatchingEmbedder {
    sender: Option<mpsc::Sender<Request>>,
    worker: Option<JoinHandle<()>>,
    counters: Arc<Counters>,
    dimension: usize,
    model_id: String,
}

impl std::fmt::Debug for BatchingEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchingEmbedder")
            .field("model_id", &self.model_id)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

impl BatchingEmbedder {
    /// Starts the worker thread in front of `inner`.
    ///
    /// # Errors
    ///
    /// [`EmbedError::Batcher`] when the thread cannot be started.
    pub fn new(inner: Arc<dyn Embedder>, settings: BatcherSettings) -> Result<Self, EmbedError> {
        let (sender, receiver) = mpsc::channel();
        let counters = Arc::new(Counters::default());
        let dimension = inner.dimension();
        let model_id = inner.model_id().to_owned();
        let worker_counters = counters.clone();
        let settings = BatcherSettings {
            max_texts: settings.max_texts.max(1),
            ..settings
        };
        let worker = std::thread::Builder::new()
            .name("embed-batcher".to_owned())
            .spawn(move || run_worker(&*inner, &receiver, settings, &worker_counters))
            .map_err(|err| EmbedError::Batcher(format!("cannot start the worker thread: {err}")))?;
        Ok(Self {
            sender: Some(sender),
            worker: Some(worker),
            counters,
            dimension,
            model_id,
        })
    }

    /// Returns the counters since the worker started.
    pub fn stats(&self) -> BatcherStats {
        self.counters.snapshot()
    }
}

impl Embedder for BatchingEmbedder {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let stopped = || EmbedError::Batcher("the worker thread has stopped".to_owned());
        let (reply, receiver) = mpsc::sync_channel(1);
        let request = Request {
            texts: texts.iter().map(|text| (*text).to_owned()).collect(),
            reply,
        };
        self.sender
            .as_ref()
            .ok_or_else(stopped)?
            .send(request)
            .map_err(|_| stopped())?;
        receiver.recv().map_err(|_| stopped())?
    }

    fn dimension(&self) -> usize {
        self.dimension
    }

    fn model_id(&self) -> &str {
        &self.model_id
    }
}

impl Drop for BatchingEmbedder {
    fn drop(&mut self) {
        // Closing the channel ends the worker once the requests already sent are served.
        drop(self.sender.take());
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn run_worker(
    inner: &dyn Embedder,
    receiver: &mpsc::Receiver<Request>,
    settings: BatcherSettings,
    counters: &Counters,
) {
    while let Ok(first) = receiver.recv() {
        let batch = gather(first, receiver, settings);
        let texts: usize = batch.iter().map(|request| request.texts.len()).sum();
        counters.record(batch.len(), texts);
        serve(inner, batch, texts);
    }
}

/// Collects requests after `first` until the batch is full, the wait is over or the channel
/// is empty and closed.
fn gather(
    first: Request,
    receiver: &mpsc::Receiver<Request>,
    settings: BatcherSettings,
) -> Vec<Request> {
    let deadline = Instant::now() + settings.max_wait;
    let mut texts = first.texts.len();
    let mut batch = vec![first];

    while texts < settings.max_texts {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let next = if remaining.is_zero() {
            receiver.try_recv().ok()
        } else {
            receiver.recv_timeout(remaining).ok()
        };
        let Some(request) = next else {
            break;
        };
        texts += request.texts.len();
        batch.push(request);
    }
    batch
}

/// Embeds the texts of all requests in one call and replies to each. When the merged call
/// fails, each request is run alone, so only the caller whose texts fail gets the error.
#[tracing::instrument(skip_all, fields(requests = batch.len(), texts))]
fn serve(inner: &dyn Embedder, batch: Vec<Request>, texts: usize) {
    if batch.len() > 1 {
        let all: Vec<&str> = batch
            .iter()
            .flat_map(|request| request.texts.iter().map(String::as_str))
            .collect();
        if let Ok(mut vectors) = embed_guarded(inner, &all) {
            for request in batch.iter().rev() {
                let own = vectors.split_off(vectors.len() - request.texts.len());
                let _ = request.reply.send(Ok(own));
            }
            return;
        }
        tracing::debug!(
            texts,
            "merged batch failed; running its requests one by one"
        );
    }
    for request in batch {
        let texts: Vec<&str> = request.texts.iter().map(String::as_str).collect();
        let _ = request.reply.send(embed_guarded(inner, &texts));
    }
}

/// Calls the inner embedder, turning a panic into an error and checking the result count.
fn embed_guarded(inner: &dyn Embedder, texts: &[&str]) -> Reply {
    let vectors = catch_unwind(AssertUnwindSafe(|| inner.embed(texts)))
        .map_err(|_| EmbedError::Batcher("the embedder panicked".to_owned()))??;
    if vectors.len() != texts.len() {
        return Err(EmbedError::Batcher(format!(
            "the embedder returned {} vectors for {} texts",
            vectors.len(),
            texts.len()
        )));
    }
    Ok(vectors)
}

#[cfg(test)]
mod tests {
    use std::sync::Barrier;

    use super::*;
    use crate::embed::HashedEmbedder;

    /// Fails every call that contains the text `"bad"`.
    struct PickyEmbedder(HashedEmbedder);

    impl Embedder for PickyEmbedder {
        fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
            if texts.contains(&"bad") {
                return Err(EmbedError::Tokenize("bad".to_owned()));
            }
            self.0.embed(texts)
        }
        fn dimension(&self) -> usize {
            self.0.dimension()
        }
        fn model_id(&self) -> &str {
            self.0.model_id()
        }
    }

    fn long_wait() -> BatcherSettings {
        BatcherSettings {
            max_texts: 64,
            max_wait: Duration::from_millis(200),
        }
    }

    #[test]
    fn single_call_matches_inner() {
        let inner = Arc::new(HashedEmbedder::new());
        let batcher = BatchingEmbedder::new(inner.clone(), BatcherSettings::default())
            .expect("batcher starts");
        let texts = ["python", "", "rust and go"];

        let vectors = batcher.embed(&texts).expect("embeds");

        assert_eq!(vectors, inner.embed(&texts).expect("embeds"));
        assert_eq!(batcher.stats().requests, 1);
        assert_eq!(batcher.stats().texts, 3);
    }

    #[test]
    fn concurrent_calls_are_merged_and_split_back() {
        let inner = Arc::new(HashedEmbedder::new());
        let batcher =
            Arc::new(BatchingEmbedder::new(inner.clone(), long_wait()).expect("batcher starts"));
        let barrier = Arc::new(Barrier::new(4));

        let handles: Vec<_> = (0..4)
            .map(|caller| {
                let batcher = batcher.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let texts = [format!("skill {caller}"), format!("other {caller}")];
                    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                    barrier.wait();
                    (texts.join("|"), batcher.embed(&texts).expect("embeds"))
                })
            })
            .collect();

        for handle in handles {
            let (joined, vectors) = handle.join().expect("caller thread ends");
            let texts: Vec<&str> = joined.split('|').collect();
            assert_eq!(vectors, inner.embed(&texts).expect("embeds"));
        }
        let stats = batcher.stats();
        assert_eq!(stats.requests, 4);
        assert!(stats.merged_batches >= 1, "{stats:?}");
        assert!(stats.batches < 4, "{stats:?}");
    }

    #[test]
    fn batcher_isolates_a_failing_request() {
        let inner = Arc::new(PickyEmbedder(HashedEmbedder::new()));
        let batcher = Arc::new(BatchingEmbedder::new(inner, long_wait()).expect("batcher starts"));
        let barrier = Arc::new(Barrier::new(2));

        let good = {
            let (batcher, barrier) = (batcher.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                batcher.embed(&["python"])
            })
        };
        barrier.wait();
        let bad = batcher.embed(&["bad"]);

        assert!(matches!(bad, Err(EmbedError::Tokenize(_))));
        assert_eq!(
            good.join()
                .expect("caller thread ends")
                .expect("embeds")
                .len(),
            1
        );
    }

    #[test]
    fn empty_call_skips_the_worker() {
        let batcher = BatchingEmbedder::new(Arc::new(HashedEmbedder::new()), long_wait())
            .expect("batcher starts");
        assert!(batcher.embed(&[]).expect("embeds").is_empty());
        assert_eq!(batcher.stats(), BatcherStats::default());
    }
}
