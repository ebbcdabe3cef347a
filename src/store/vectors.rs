//! Stored embeddings: the embedding cache shared by every process on one database, and the
//! skill, requirement and profile vectors that ranking reads.
//!
//! Vectors are stored as little-endian `f32` blobs ([`encode_vector`], [`decode_vector`]).

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreError;

/// Kind of document that owns stored vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A resume: one vector per skill.
    Resume,
    /// A job description: one vector per requirement.
    Job,
}

impl DocumentKind {
    /// Returns the lower-case name used in logs.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Resume => "resume",
            DocumentKind::Job => "job",
        }
    }
}

/// The vectors of one document, computed by one model.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentVectors {
    /// Model that computed every vector.
    pub model_id: String,
    /// Profile vector: unit length, or all zeros for a document without skills.
    pub profile: Vec<f32>,
    /// Embedded text (lower-cased skill or requirement) and vector of each skill or
    /// requirement, in stored order.
    pub items: Vec<(String, Vec<f32>)>,
}

/// The profile vectors of a user's ready documents of one kind.
#[derive(Debug, Clone, Default)]
pub struct ProfileScan {
    /// Documents with vectors of the requested model, oldest first.
    pub profiles: Vec<(Uuid, Vec<f32>)>,
    /// Ready documents without vectors of that model, or with vectors older than the document.
    pub missing: Vec<Uuid>,
}

/// Vectors by model and cache key, shared by every process on the database.
#[async_trait]
pub trait EmbeddingStore: Send + Sync {
    /// Looks up each key; the result has one entry per key, in input order.
    async fn cached_embeddings(
        &self,
        model_id: &str,
        keys: &[String],
    ) -> Result<Vec<Option<Vec<f32>>>, StoreError>;
    /// Stores vectors under their keys; a key already stored keeps its vector.
    async fn put_embeddings(
        &self,
        model_id: &str,
        entries: &[(String, Vec<f32>)],
    ) -> Result<(), StoreError>;
}

/// Skill, requirement and profile vectors of resumes and jobs.
#[async_trait]
pub trait VectorStore: Send + Sync {
    /// Stores the vectors of a document, replacing earlier ones.
    async fn put_vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
        vectors: &DocumentVectors,
    ) -> Result<(), StoreError>;
    /// Returns the vectors of a document, if any are stored.
    async fn vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
    ) -> Result<Option<DocumentVectors>, StoreError>;
    /// Returns the profile vectors of a user's ready, not deleted documents for `model_id`,
    /// and the ready documents that lack them.
    async fn profiles(
        &self,
        kind: DocumentKind,
        user_id: Uuid,
        model_id: &str,
    ) -> Result<ProfileScan, StoreError>;
    /// Returns up to `limit` ready documents of any user that lack vectors of `model_id`.
    async fn unindexed(
        &self,
        kind: DocumentKind,
        model_id: &str,
        limit: u32,
    ) -> Result<Vec<Uuid>, StoreError>;
}

/// Encodes a vector as a little-endian `f32` blob.
pub fn encode_vector(vector: &[f32]) -> Vec<u8> {
    vector
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect()
}

/// Decodes a little-endian `f32` blob.
///
/// # Errors
///
/// Returns [`StoreError::Corrupt`] naming `column` when the length is not a multiple of 4.
pub fn decode_vector(column: &'static str, blob: &[u8]) -> Result<Vec<f32>, StoreError> {
    if !blob.len().is_multiple_of(4) {
        return Err(StoreError::Corrupt {
            column,
            reason: format!("a vector blob of {} bytes is not a list of f32", blob.len()),
        });
    }
    Ok(blob
        .chunks_exact(4)
        .map(|bytes| f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip_through_blobs() {
        let vector = [0.5_f32, -1.25, 3.0e-7, f32::MAX];
        let blob = encode_vector(&vector);

        assert_eq!(blob.len(), 16);
        assert_eq!(&blob[..4], &0.5_f32.to_le_bytes());
        assert_eq!(decode_vector("vector", &blob).expect("decodes"), vector);
    }

    #[test]
    fn truncated_blob_is_corrupt() {
        let error = decode_vector("vector", &[0, 0, 128]).expect_err("rejected");
        assert!(error.to_string().contains("3 bytes"), "{error}");
    }
}
