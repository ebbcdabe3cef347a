//! A model-free fallback embedder: hashed character n-grams.
//!
//! Texts that share many character 3- to 5-grams get similar vectors, which is enough to tell
//! `postgres` from `kubernetes` but does not capture synonyms (`k8s`). It is used when the
//! ONNX model or runtime is not installed.

use super::pooling::l2_normalize;
use super::{EmbedError, Embedder};

/// Dimension of hashed vectors, equal to all-MiniLM-L6-v2's so stored vectors keep one shape.
pub const HASHED_DIMENSION: usize = 384;
const MIN_GRAM: usize = 3;
const MAX_GRAM: usize = 5;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Embeds the character 3-, 4- and 5-grams of the lower-cased text, padded with one space on
/// each side, into [`HASHED_DIMENSION`] buckets with a hash-derived sign (feature hashing).
///
/// Vectors are L2-normalised and the same on every run and platform. Empty or
/// whitespace-only texts map to the zero vector.
#[derive(Debug, Clone, Default)]
pub struct HashedEmbedder;

impl HashedEmbedder {
    /// Creates the embedder.
    pub fn new() -> Self {
        Self
    }

    /// Embeds one text.
    pub fn embed_one(&self, text: &str) -> Vec<f32> {
        let mut vector = vec![0.0_f32; HASHED_DIMENSION];
        if text.trim().is_empty() {
            return vector;
        }

        let padded: Vec<char> = format!(" {} ", text.to_lowercase()).chars().collect();
        for size in MIN_GRAM..=MAX_GRAM {
            for gram in padded.windows(size) {
                let hash = fnv1a(gram);
                let bucket = usize::try_from(hash % HASHED_DIMENSION as u64)
                    .expect("a bucket below the dimension fits in usize");
                let sign = if hash >> 63 == 0 { 1.0 } else { -1.0 };
                vector[bucket] += sign;
            }
        }
        l2_normalize(&mut vector);
        vector
    }
}

impl Embedder for HashedEmbedder {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Ok(texts.iter().map(|text| self.embed_one(text)).collect())
    }

    fn dimension(&self) -> usize {
        HASHED_DIMENSION
    }

    fn model_id(&self) -> &str {
        "hashed-char-3-5-gram-384"
    }
}

/// 64-bit FNV-1a over the UTF-8 bytes of the characters.
fn fnv1a(chars: &[char]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut buffer = [0_u8; 4];
    for ch in chars {
        for byte in ch.encode_utf8(&mut buffer).bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn vectors_are_unit_length() {
        let vector = HashedEmbedder::new().embed_one("machine learning");
        let norm: f32 = vector.iter().map(|v| v * v).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
        assert_eq!(vector.len(), HASHED_DIMENSION);
    }

    #[test]
    fn embedding_is_deterministic_and_case_blind() {
        let embedder = HashedEmbedder::new();
        assert_eq!(embedder.embed_one("Python"), embedder.embed_one("python"));
    }

    #[test]
    fn blank_text_is_zero_vector() {
        let embedder = HashedEmbedder::new();
        for text in ["", "   ", "\t\n"] {
            let vector = embedder.embed_one(text);
            assert!(vector.iter().all(|v| *v == 0.0), "text {text:?}");
        }
    }

    #[test]
    fn shared_ngrams_score_higher() {
        let embedder = HashedEmbedder::new();
        let postgres = embedder.embed_one("postgres");
        let postgresql = embedder.embed_one("postgresql");
        let kubernetes = embedder.embed_one("kubernetes");
        assert!(cosine(&postgres, &postgresql) > cosine(&postgres, &kubernetes) + 0.3);
    }

    #[test]
    fn single_character_gets_a_vector() {
        let vector = HashedEmbedder::new().embed_one("c");
        assert!(vector.iter().any(|v| *v != 0.0));
    }
}
