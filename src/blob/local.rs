//! Objects as files under one directory.

use std::path::{Path, PathBuf};

use async_trait::async_trait;

use super::{BlobError, BlobStore, check_key};

/// Objects as files under one directory.
#[derive(Debug, Clone)]
pub struct LocalBlobStore {
    root: PathBuf,
}

impl LocalBlobStore {
    /// Uses `root` as the store directory, creating it when missing.
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(Self { root })
    }

    fn path_of(&self, key: &str) -> Result<PathBuf, BlobError> {
        check_key(key)?;
        Ok(self.root.join(Path::new(key)))
    }
}

#[async_trait]
impl BlobStore for LocalBlobStore {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), BlobError> {
        let path = self.path_of(key)?;
        let io_error = |source| BlobError::Io {
            key: key.to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(io_error)?;
        }
        // Write to a temporary name first so a crash never leaves a truncated object.
        let temporary = path.with_extension("partial");
        tokio::fs::write(&temporary, bytes)
            .await
            .map_err(io_error)?;
        tokio::fs::rename(&temporary, &path)
            .await
            .map_err(io_error)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError> {
        let path = self.path_of(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Err(BlobError::NotFound {
                    key: key.to_string(),
                })
            }
            Err(source) => Err(BlobError::Io {
                key: key.to_string(),
                source,
            }),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        let path = self.path_of(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(BlobError::Io {
                key: key.to_string(),
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_store_round_trips_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalBlobStore::new(dir.path()).unwrap();
        store.put("resumes/a.pdf", b"%PDF-1.4").await.unwrap();
        assert_eq!(store.get("resumes/a.pdf").await.unwrap(), b"%PDF-1.4");
        store.delete("resumes/a.pdf").await.unwrap();
        assert!(matches!(
            store.get("resumes/a.pdf").await,
            Err(BlobError::NotFound { .. })
        ));
    }

    #[tokio::test]
    async fn local_store_rejects_keys_that_escape_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalBlobStore::new(dir.path()).unwrap();
        for key in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(
                matches!(
                    store.put(key, b"x").await,
                    Err(BlobError::InvalidKey { .. })
                ),
                "key {key:?} was accepted"
            );
        }
    }
}
