//! Sentence embeddings with ONNX Runtime: all-MiniLM-L6-v2 (or any BERT-style export with a
//! `last_hidden_state` output), mean pooling over the attention mask and L2 normalisation.
//!
//! The runtime library is loaded dynamically (`ort` with `load-dynamic`) from the path that
//! [`ModelLocation::resolve_ort_dylib`] returns. Inference runs in the calling thread, so
//! async callers should wrap [`Embedder::embed`] in a blocking task.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use ndarray::Array2;
use ort::environment::Environment;
use ort::session::builder::GraphOptimizationLevel;
use ort::session::{Session, SessionInputValue};
use ort::value::Tensor;
use sha2::{Digest, Sha256};
use tokenizers::{Encoding, Tokenizer, TruncationParams};

use super::location::ModelLocation;
use super::pooling::{l2_normalize, mean_pool};
use super::{EmbedError, Embedder};

/// Maximum number of tokens per input, special tokens included; longer inputs are truncated.
/// all-MiniLM-L6-v2 was trained with this limit.
pub const MAX_TOKENS: usize = 256;
/// Default number of inputs per inference call.
pub const DEFAULT_BATCH_SIZE: usize = 32;
/// Default maximum of padded tokens (inputs times the longest input's tokens) per inference
/// call. Batches of long inputs are cut smaller, so that the activations of one call stay
/// small. With the sentences of `benches/embed.rs` (about 44 tokens), calls of at most 512
/// tokens embedded about 1.1 (default model) to 1.5 (quantised model) times as many sentences
/// per second as calls of 32 texts (Python onnxruntime 1.31.1 on 2 vCPUs). An input longer
/// than the budget is still embedded, alone.
pub const DEFAULT_BATCH_TOKENS: usize = 512;
/// ONNX Runtime graph optimisers the session skips. The fused `SkipLayerNormalization` (residual
/// Add and LayerNormalization) took about a quarter of the quantised model's kernel time in
/// ONNX Runtime 1.31.1 profiles. With the fusion off, the separate Add and LayerNormalization
/// nodes took about a tenth of the kernel time.
const DISABLED_OPTIMIZERS: &str = "SkipLayerNormFusion";

const HIDDEN_STATE_OUTPUT: &str = "last_hidden_state";
const TOKEN_TYPE_IDS_INPUT: &str = "token_type_ids";

/// The process-wide ONNX Runtime environment. `ort` allows one per process, and the first
/// library loaded stays loaded, so later calls with another library path reuse it.
static ORT_ENVIRONMENT: Mutex<Option<Environment>> = Mutex::new(None);

/// A sentence embedder backed by an ONNX model and a Hugging Face tokenizer.
///
/// Vectors are L2-normalised. Empty or whitespace-only texts map to the zero vector without
/// running the model, so their cosine with anything is 0 and never NaN.
///
/// Calls from several threads share one session and run one at a time. ONNX Runtime spreads
/// each call over its intra-op threads.
pub struct OnnxEmbedder {
    session: Mutex<Session>,
    tokenizer: Tokenizer,
    uses_token_type_ids: bool,
    dimension: usize,
    batch_size: usize,
    batch_tokens: usize,
    model_id: String,
}

impl std::fmt::Debug for OnnxEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnnxEmbedder")
            .field("model_id", &self.model_id)
            .field("dimension", &self.dimension)
            .field("batch_size", &self.batch_size)
            .field("batch_tokens", &self.batch_tokens)
            .finish_non_exhaustive()
    }
}

impl OnnxEmbedder {
    /// Loads the runtime library (once per process), `model.onnx` and `tokenizer.json`.
    ///
    /// `intra_threads` is the ONNX Runtime intra-op thread count; 0 lets the runtime choose
    /// (one per physical core).
    ///
    /// # Errors
    ///
    /// [`EmbedError::ModelLoad`] when a file is missing or invalid, or the runtime library
    /// cannot be loaded. [`EmbedError::Inference`] when a probe inference fails.
    pub fn load(location: &ModelLocation, intra_threads: usize) -> Result<Self, EmbedError> {
        let dylib = location.resolve_ort_dylib()?;
        let environment = ort_environment(&dylib)?;

        let model_path = location.model_path();
        let model_bytes = std::fs::read(&model_path).map_err(|err| load_error(&model_path, err))?;
        let model_id = model_id_for(&model_bytes);
        let session = build_session(&environment, &model_bytes, intra_threads)
            .map_err(|reason| load_error(&model_path, reason))?;
        let uses_token_type_ids =
            check_model_io(&session).map_err(|reason| load_error(&model_path, reason))?;
        let tokenizer = load_tokenizer(&location.tokenizer_path())?;

        let mut embedder = Self {
            session: Mutex::new(session),
            tokenizer,
            uses_token_type_ids,
            dimension: 0,
            batch_size: DEFAULT_BATCH_SIZE,
            batch_tokens: DEFAULT_BATCH_TOKENS,
            model_id,
        };
        let probe = embedder.embed_non_empty(&["dimension probe"])?;
        embedder.dimension = probe.first().map_or(0, Vec::len);
        Ok(embedder)
    }

    /// Sets the number of inputs per inference call (at least 1).
    #[must_use]
    pub fn with_batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }

    /// Sets the maximum of padded tokens per inference call (at least 1). A batch ends before
    /// the input that would take it over this budget, and every batch contains at least one input.
    #[must_use]
    pub fn with_batch_tokens(mut self, batch_tokens: usize) -> Self {
        self.batch_tokens = batch_tokens.max(1);
        self
    }

    /// Returns the number of tokens the model receives for each text, special tokens included
    /// and truncated at [`MAX_TOKENS`]. A blank text counts 0 because it is not run.
    ///
    /// # Errors
    ///
    /// [`EmbedError::Tokenize`] when the tokenizer fails.
    pub fn token_counts(&self, texts: &[&str]) -> Result<Vec<usize>, EmbedError> {
        texts
            .iter()
            .map(|text| {
                if text.trim().is_empty() {
                    return Ok(0);
                }
                self.tokenizer
                    .encode_fast(*text, true)
                    .map(|encoding| encoding.len())
                    .map_err(|err| EmbedError::Tokenize(err.to_string()))
            })
            .collect()
    }

    /// Embeds texts that are not blank: tokenises all, sorts them by token count so each
    /// batch pads little, cuts batches by text count and token budget, runs them and returns
    /// the vectors in input order.
    fn embed_non_empty(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let encodings = texts
            .iter()
            .map(|text| self.tokenizer.encode_fast(*text, true))
            .collect::<Result<Vec<Encoding>, _>>()
            .map_err(|err| EmbedError::Tokenize(err.to_string()))?;

        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&index| encodings[index].len());

        let lengths: Vec<usize> = order.iter().map(|&index| encodings[index].len()).collect();
        let mut vectors = vec![Vec::new(); encodings.len()];
        for range in batch_ranges(&lengths, self.batch_size, self.batch_tokens) {
            let chunk = &order[range];
            let batch: Vec<&Encoding> = chunk.iter().map(|&index| &encodings[index]).collect();
            let batch_vectors = self.run_batch(&batch)?;
            for (&index, vector) in chunk.iter().zip(batch_vectors) {
                vectors[index] = vector;
            }
        }
        Ok(vectors)
    }

    /// Runs one padded batch through the model and pools each row.
    #[tracing::instrument(skip_all, fields(batch = batch.len(), tokens))]
    fn run_batch(&self, batch: &[&Encoding]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let seq_len = batch
            .iter()
            .map(|encoding| encoding.len())
            .max()
            .unwrap_or(0);
        tracing::Span::current().record("tokens", seq_len * batch.len());

        let ids = padded_array(batch, seq_len, Encoding::get_ids);
        let mask = padded_array(batch, seq_len, Encoding::get_attention_mask);
        let mut inputs: Vec<(Cow<'_, str>, SessionInputValue<'_>)> = vec![
            ("input_ids".into(), tensor(ids)?.into()),
            ("attention_mask".into(), tensor(mask.clone())?.into()),
        ];
        if self.uses_token_type_ids {
            let type_ids = padded_array(batch, seq_len, Encoding::get_type_ids);
            inputs.push((TOKEN_TYPE_IDS_INPUT.into(), tensor(type_ids)?.into()));
        }

        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        let outputs = session.run(inputs).map_err(inference_error)?;
        let (shape, hidden) = outputs[HIDDEN_STATE_OUTPUT]
            .try_extract_tensor::<f32>()
            .map_err(inference_error)?;

        let dims: Vec<usize> = shape
            .iter()
            .map(|&dim| usize::try_from(dim).unwrap_or(0))
            .collect();
        let [rows, tokens, dim] = dims[..] else {
            return Err(EmbedError::Inference(format!(
                "expected a [batch, tokens, dim] output, got shape {dims:?}"
            )));
        };
        if rows != batch.len() || tokens != seq_len || dim == 0 {
            return Err(EmbedError::Inference(format!(
                "output shape {dims:?} does not fit a batch of {} inputs of {seq_len} tokens",
                batch.len()
            )));
        }

        let vectors = hidden
            .chunks_exact(tokens * dim)
            .zip(mask.rows())
            .map(|(row, row_mask)| {
                let row_mask: Vec<i64> = row_mask.to_vec();
                let mut vector = mean_pool(row, &row_mask, dim);
                l2_normalize(&mut vector);
                vector
            })
            .collect();
        Ok(vectors)
    }
}

impl Embedder for OnnxEmbedder {
    #[tracing::instrument(skip_all, fields(batch = texts.len()))]
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let (blank, non_blank): (Vec<usize>, Vec<usize>) =
            (0..texts.len()).partition(|&index| texts[index].trim().is_empty());

        let inputs: Vec<&str> = non_blank.iter().map(|&index| texts[index]).collect();
        let embedded = if inputs.is_empty() {
            Vec::new()
        } else {
            self.embed_non_empty(&inputs)?
        };

        let mut vectors = vec![Vec::new(); texts.len()];
        for index in blank {
            vectors[index] = vec![0.0; self.dimension];
        }
        for (index, vector) in non_blank.into_iter().zip(embedded) {
            vectors[index] = vector;
        }
        Ok(vectors)
    }

    fn dimension(&self) -> usize {
        self.dimension
    }

    fn model_id(&self) -> &str {
        &self.model_id
    }
}

/// Returns the process-wide environment, loading the runtime library on first use. A failed
/// load is not cached, so a later call with a valid path can still succeed.
fn ort_environment(dylib: &Path) -> Result<Environment, EmbedError> {
    let mut slot = ORT_ENVIRONMENT
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(environment) = slot.as_ref() {
        return Ok(environment.clone());
    }

    let environment = ort::init_from(dylib)
        .map_err(|err| load_error(dylib, err))?
        .with_name("layer1")
        .with_telemetry(false)
        .build()
        .map_err(|err| load_error(dylib, err))?;
    tracing::info!(dylib = %dylib.display(), "loaded ONNX Runtime");
    *slot = Some(environment.clone());
    Ok(environment)
}

/// Splits inputs sorted by ascending token count into consecutive batches of at most
/// `max_texts` inputs, each ending before the input that would take its padded size (inputs
/// times the last, longest input's tokens) over `max_tokens`. Each batch has at least one input.
fn batch_ranges(
    sorted_lengths: &[usize],
    max_texts: usize,
    max_tokens: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (index, &length) in sorted_lengths.iter().enumerate() {
        let rows = index - start + 1;
        if rows > 1 && (rows > max_texts || rows * length > max_tokens) {
            ranges.push(start..index);
            start = index;
        }
    }
    if start < sorted_lengths.len() {
        ranges.push(start..sorted_lengths.len());
    }
    ranges
}

/// Builds a session tuned for throughput. All graph optimisations are on except
/// [`DISABLED_OPTIMIZERS`], so constant folding widens the int8 weights of the default export to
/// fp32 once, at load time. Each call uses `intra_threads` threads (0: one per core), the graph
/// runs sequentially, and memory patterns reuse the buffer plan of an input shape seen before.
///
/// Idle intra-op threads sleep instead of spinning, so they leave the CPU to the threads with
/// work and to the rest of the service. On 2 vCPUs shared with builds (load average about 5),
/// both models embedded 1.4 to 2 times as many texts per second without spinning (Python
/// onnxruntime 1.31.1). NOTE: on an otherwise idle machine, spinning may be a little faster;
/// that case was not measured.
fn build_session(
    environment: &Environment,
    model: &[u8],
    intra_threads: usize,
) -> Result<Session, String> {
    let mut builder = Session::builder(environment)
        .and_then(|builder| {
            builder
                .with_optimization_level(GraphOptimizationLevel::Level3)
                .map_err(Into::into)
        })
        .and_then(|builder| builder.with_inter_threads(1).map_err(Into::into))
        .and_then(|builder| builder.with_memory_pattern(true).map_err(Into::into))
        .and_then(|builder| builder.with_intra_op_spinning(false).map_err(Into::into))
        .and_then(|builder| {
            builder
                .with_disabled_optimizers(DISABLED_OPTIMIZERS)
                .map_err(Into::into)
        })
        .map_err(|err: ort::Error| err.to_string())?;
    if intra_threads > 0 {
        builder = builder
            .with_intra_threads(intra_threads)
            .map_err(|err| err.to_string())?;
    }
    builder
        .commit_from_memory(model)
        .map_err(|err| err.to_string())
}

/// Checks that the model takes `input_ids` and `attention_mask` and returns
/// `last_hidden_state`; returns whether it also takes `token_type_ids`.
fn check_model_io(session: &Session) -> Result<bool, String> {
    let inputs: Vec<&str> = session.inputs().iter().map(|input| input.name()).collect();
    for required in ["input_ids", "attention_mask"] {
        if !inputs.contains(&required) {
            return Err(format!(
                "the model has no `{required}` input (inputs: {inputs:?})"
            ));
        }
    }
    let outputs: Vec<&str> = session
        .outputs()
        .iter()
        .map(|output| output.name())
        .collect();
    if !outputs.contains(&HIDDEN_STATE_OUTPUT) {
        return Err(format!(
            "the model has no `{HIDDEN_STATE_OUTPUT}` output (outputs: {outputs:?})"
        ));
    }
    Ok(inputs.contains(&TOKEN_TYPE_IDS_INPUT))
}

/// Loads the tokenizer with its fixed padding turned off (batches are padded to their longest
/// input here) and truncation at [`MAX_TOKENS`].
fn load_tokenizer(path: &Path) -> Result<Tokenizer, EmbedError> {
    let mut tokenizer = Tokenizer::from_file(path).map_err(|err| load_error(path, err))?;
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..TruncationParams::default()
        }))
        .map_err(|err| load_error(path, err))?;
    Ok(tokenizer)
}

/// Builds a `[batch, seq_len]` array from one per-token field, padding with 0 on the right.
fn padded_array(
    batch: &[&Encoding],
    seq_len: usize,
    field: fn(&Encoding) -> &[u32],
) -> Array2<i64> {
    let mut array = Array2::<i64>::zeros((batch.len(), seq_len));
    for (mut row, encoding) in array.rows_mut().into_iter().zip(batch) {
        for (cell, &value) in row.iter_mut().zip(field(encoding)) {
            *cell = i64::from(value);
        }
    }
    array
}

fn tensor(array: Array2<i64>) -> Result<Tensor<i64>, EmbedError> {
    Tensor::from_array(array).map_err(inference_error)
}

/// Identifies the model by the SHA-256 of its bytes, so caches never mix vectors of two models.
fn model_id_for(model: &[u8]) -> String {
    let digest = Sha256::digest(model);
    let hex: String = digest
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("onnx-sha256:{hex}")
}

fn load_error(path: &Path, reason: impl std::fmt::Display) -> EmbedError {
    EmbedError::ModelLoad {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn inference_error(err: impl std::fmt::Display) -> EmbedError {
    EmbedError::Inference(err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ranges_cut_by_text_count() {
        let lengths = [3; 5];
        assert_eq!(batch_ranges(&lengths, 2, 1000), vec![0..2, 2..4, 4..5]);
    }

    #[test]
    fn batch_ranges_cut_by_padded_tokens() {
        // 4 inputs of 10 tokens fill 40 tokens; the input of 30 tokens would pad 5 x 30.
        let lengths = [10, 10, 10, 10, 30, 30];
        assert_eq!(batch_ranges(&lengths, 32, 64), vec![0..4, 4..6]);
    }

    #[test]
    fn batch_ranges_keep_an_input_over_the_budget() {
        let lengths = [5, 256, 256];
        assert_eq!(batch_ranges(&lengths, 32, 100), vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn batch_ranges_of_no_input_are_empty() {
        assert!(batch_ranges(&[], 32, 512).is_empty());
    }
}
