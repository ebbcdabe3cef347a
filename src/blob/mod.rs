//! Object storage for uploaded files: the [`BlobStore`] trait, its errors, the key rules every
//! store shares, and two stores: a local directory ([`LocalBlobStore`], the default) and an S3 /
//! Cloudflare R2 bucket ([`S3BlobStore`]), chosen by [`ObjectStoreSettings`].

mod local;
mod s3;
mod settings;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

pub use local::LocalBlobStore;
pub use s3::{S3BlobStore, S3Connection};
pub use settings::{ObjectStoreBackend, ObjectStoreSettings};

/// Longest accepted key, in bytes (the S3 limit).
pub const MAX_KEY_BYTES: usize = 1024;

/// Error of an object store call.
///
/// Messages name the key, the bucket, the HTTP status and the S3 error code, never credentials.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// No object has this key.
    #[error("object {key} not found")]
    NotFound {
        /// Object key.
        key: String,
    },
    /// The key is not a relative path of plain segments.
    #[error("invalid object key {key:?}")]
    InvalidKey {
        /// Object key.
        key: String,
    },
    /// Reading or writing a local file failed.
    #[error("object store I/O failed for {key}: {source}")]
    Io {
        /// Object key.
        key: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The object store rejected the credentials or denied access to the bucket.
    #[error(
        "object store denied access to {key} (HTTP {status}, {code}): check the access key ID, \
         the secret access key and the bucket permissions"
    )]
    AccessDenied {
        /// Object key.
        key: String,
        /// HTTP status of the response.
        status: u16,
        /// S3 error code, such as `SignatureDoesNotMatch` or `InvalidAccessKeyId`.
        code: String,
    },
    /// The configured bucket does not exist.
    #[error("object store bucket {bucket} does not exist (request for {key})")]
    BucketNotFound {
        /// Bucket name.
        bucket: String,
        /// Object key.
        key: String,
    },
    /// The object store returned another error response.
    #[error("object store request for {key} failed with HTTP {status} ({code})")]
    Remote {
        /// Object key.
        key: String,
        /// HTTP status of the response.
        status: u16,
        /// S3 error code, or `unknown` when the response had none.
        code: String,
    },
    /// The request failed without a usable response: connection failure, timeout or unreadable
    /// body.
    #[error("object store request for {key} failed: {reason}")]
    Transport {
        /// Object key.
        key: String,
        /// Cause chain of the failure.
        reason: String,
    },
}

/// Stores uploaded bytes under keys such as `resumes/<uuid>.pdf`.
#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing any earlier object.
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), BlobError>;
    /// Returns the bytes stored under `key`.
    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError>;
    /// Removes the object; removing a missing key succeeds.
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
}

/// Error of [`open`]: the store named by the settings cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The `R2_*` / `S3_*` settings are incomplete or invalid.
    #[error("invalid object store settings: {}", problems.join("; "))]
    InvalidSettings {
        /// One message per problem, naming the variable.
        problems: Vec<String>,
    },
    /// The local store directory cannot be created.
    #[error("failed to create the object store directory {}: {source}", path.display())]
    LocalDirectory {
        /// Directory of the local store.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Opens the store chosen by `settings`: the R2 or S3 bucket when one is configured, else the
/// directory `local_dir`. Sends no request; [`S3BlobStore::check_bucket`] does.
pub fn open(
    settings: &ObjectStoreSettings,
    local_dir: &Path,
) -> Result<Arc<dyn BlobStore>, OpenError> {
    let connection = settings
        .connection()
        .map_err(|problems| OpenError::InvalidSettings { problems })?;
    let backend = settings.backend();

    match connection {
        Some(connection) => {
            tracing::info!(
                ?backend,
                bucket = %connection.bucket,
                endpoint = connection.endpoint.as_deref().unwrap_or("aws"),
                "storing uploads in a bucket"
            );
            Ok(Arc::new(S3BlobStore::new(&connection)))
        }
        None => {
            let store =
                LocalBlobStore::new(local_dir).map_err(|source| OpenError::LocalDirectory {
                    path: local_dir.to_path_buf(),
                    source,
                })?;
            tracing::info!(?backend, "storing uploads in a local directory");
            Ok(Arc::new(store))
        }
    }
}

/// Checks that `key` is a relative path of plain segments, such as `resumes/<uuid>.pdf`.
///
/// Rejected: the empty key, keys over [`MAX_KEY_BYTES`], a leading or doubled `/`, the segments
/// `.` and `..`, backslashes and control characters. Every store applies the same rule, so a key
/// that works on one store works on all of them.
pub(crate) fn check_key(key: &str) -> Result<(), BlobError> {
    let plain_segments = key
        .split('/')
        .all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    let plain_characters = !key
        .chars()
        .any(|character| character == '\\' || character.is_control());
    if key.is_empty() || key.len() > MAX_KEY_BYTES || !plain_segments || !plain_characters {
        return Err(BlobError::InvalidKey {
            key: key.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_without_bucket_settings_uses_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("blobs");
        let settings = ObjectStoreSettings {
            r2_account_id: None,
            r2_bucket: None,
            r2_access_key_id: None,
            r2_secret_access_key: None,
            s3_endpoint: None,
            s3_region: "us-east-1".to_string(),
            s3_bucket: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_force_path_style: false,
        };

        assert!(open(&settings, &local).is_ok());
        assert!(local.is_dir());

        let incomplete = ObjectStoreSettings {
            r2_bucket: Some("uploads".to_string()),
            ..settings
        };
        let error = open(&incomplete, &local)
            .err()
            .expect("incomplete R2 is rejected");
        let message = error.to_string();
        assert!(message.contains("R2_ACCOUNT_ID is missing"), "{message}");
    }

    #[test]
    fn key_check_accepts_upload_keys() {
        for key in [
            "resumes/0f8c6a52-3a8e-4c61-9d7e-1b2c3d4e5f60.pdf",
            "jobs/0f8c6a52-3a8e-4c61-9d7e-1b2c3d4e5f60.txt",
            "a",
        ] {
            assert!(check_key(key).is_ok(), "key {key:?} was rejected");
        }
    }

    #[test]
    fn key_check_rejects_unsafe_keys() {
        let long = "a".repeat(MAX_KEY_BYTES + 1);
        for key in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../b",
            "a/./b",
            "a//b",
            "a/",
            "a\\b",
            "a\nb",
            long.as_str(),
        ] {
            assert!(
                matches!(check_key(key), Err(BlobError::InvalidKey { .. })),
                "key {key:?} was accepted"
            );
        }
    }
}
