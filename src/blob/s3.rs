//! Objects in an S3-compatible bucket (Amazon S3, Cloudflare R2, MinIO) through aws-sdk-s3.

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::config::timeout::TimeoutConfig;
use aws_sdk_s3::config::{
    BehaviorVersion, Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
};
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_s3::primitives::ByteStream;
use secrecy::{ExposeSecret, SecretString};
use tracing::instrument;

use super::{BlobError, BlobStore, check_key};

/// Time limit of opening a connection to the object store.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Error codes that mean the credentials were rejected or the bucket policy denied the request.
const ACCESS_DENIED_CODES: &[&str] = &[
    "AccessDenied",
    "AllAccessDisabled",
    "ExpiredToken",
    "InvalidAccessKeyId",
    "InvalidToken",
    "NotSignedUp",
    "SignatureDoesNotMatch",
    "Unauthorized",
];

/// Connection details of one bucket, resolved from the `R2_*` or `S3_*` settings.
#[derive(Debug, Clone)]
pub struct S3Connection {
    /// Endpoint URL, such as `https://<account>.r2.cloudflarestorage.com`. `None` selects the
    /// Amazon S3 endpoint of the region.
    pub endpoint: Option<String>,
    /// Signing region: `auto` for R2, such as `us-east-1` for Amazon S3.
    pub region: String,
    /// Bucket name.
    pub bucket: String,
    /// Access key ID.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: SecretString,
    /// Address the bucket in the path (`<endpoint>/<bucket>/<key>`) instead of the host name
    /// (`<bucket>.<endpoint host>/<key>`).
    pub force_path_style: bool,
}

/// Objects in one bucket of an S3-compatible store.
///
/// Requests carry no flexible checksums (`x-amz-checksum-*`, `x-amz-sdk-checksum-algorithm`,
/// `x-amz-trailer`) and no `aws-chunked` bodies, because R2 rejects the trailers that
/// aws-sdk-s3 adds to uploads by default. Integrity in transit rests on TLS and, where the SDK
/// sends one, the signed SHA-256 payload hash (`x-amz-content-sha256`).
#[derive(Debug, Clone)]
pub struct S3BlobStore {
    client: aws_sdk_s3::Client,
    bucket: String,
}

impl S3BlobStore {
    /// Builds a client for `connection`. Nothing is sent until the first call.
    pub fn new(connection: &S3Connection) -> Self {
        let credentials = Credentials::new(
            connection.access_key_id.clone(),
            connection.secret_access_key.expose_secret().to_string(),
            None,
            None,
            "layer1-settings",
        );
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .build();
        let mut config = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(connection.region.clone()))
            .credentials_provider(credentials)
            .force_path_style(connection.force_path_style)
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired)
            .timeout_config(timeouts);
        if let Some(endpoint) = &connection.endpoint {
            config = config.endpoint_url(endpoint.clone());
        }

        Self {
            client: aws_sdk_s3::Client::from_conf(config.build()),
            bucket: connection.bucket.clone(),
        }
    }

    /// Returns the bucket name.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// Sends a HeadBucket request to check that the bucket exists and the credentials are
    /// accepted. Errors name the bucket in place of a key.
    #[instrument(skip_all, fields(bucket = %self.bucket))]
    pub async fn check_bucket(&self) -> Result<(), BlobError> {
        self.client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .map_err(|error| match self.remote_error(&self.bucket, error) {
                // HEAD responses have no body, so a missing bucket is a bare 404.
                BlobError::NotFound { key } => BlobError::BucketNotFound {
                    bucket: self.bucket.clone(),
                    key,
                },
                other => other,
            })?;
        Ok(())
    }
}

#[async_trait]
impl BlobStore for S3BlobStore {
    #[instrument(skip_all, fields(key = %key, bytes = bytes.len()))]
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), BlobError> {
        check_key(key)?;

        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type_of(key))
            .body(ByteStream::from(bytes.to_vec()))
            .send()
            .await
            .map_err(|error| self.remote_error(key, error))?;
        Ok(())
    }

    #[instrument(skip_all, fields(key = %key))]
    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError> {
        check_key(key)?;

        let output = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|error| self.remote_error(key, error))?;

        let body = output
            .body
            .collect()
            .await
            .map_err(|error| BlobError::Transport {
                key: key.to_string(),
                reason: format!("reading the object body failed: {error}"),
            })?;
        Ok(body.into_bytes().to_vec())
    }

    #[instrument(skip_all, fields(key = %key))]
    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        check_key(key)?;

        let result = self
            .client
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await;
        // S3 returns 204 for a missing key, but some compatible stores return 404 NoSuchKey.
        match result.map_err(|error| self.remote_error(key, error)) {
            Ok(_) | Err(BlobError::NotFound { .. }) => Ok(()),
            Err(error) => Err(error),
        }
    }
}

impl S3BlobStore {
    /// Maps an SDK error to a [`BlobError`] by HTTP status and S3 error code.
    fn remote_error<E>(&self, key: &str, error: SdkError<E, HttpResponse>) -> BlobError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match error
            .raw_response()
            .map(|response| response.status().as_u16())
        {
            Some(status) => classify_response(&self.bucket, key, status, error.code()),
            None => BlobError::Transport {
                key: key.to_string(),
                reason: DisplayErrorContext(&error).to_string(),
            },
        }
    }
}

/// Maps an error response to a [`BlobError`].
fn classify_response(bucket: &str, key: &str, status: u16, code: Option<&str>) -> BlobError {
    let key = key.to_string();
    match code {
        Some("NoSuchBucket") => BlobError::BucketNotFound {
            bucket: bucket.to_string(),
            key,
        },
        Some("NoSuchKey" | "NotFound") => BlobError::NotFound { key },
        Some(code) if ACCESS_DENIED_CODES.contains(&code) => BlobError::AccessDenied {
            key,
            status,
            code: code.to_string(),
        },
        // Responses to HEAD requests and some proxies carry no error body, only a status.
        _ if status == 404 => BlobError::NotFound { key },
        _ if status == 401 || status == 403 => BlobError::AccessDenied {
            key,
            status,
            code: code.unwrap_or("unknown").to_string(),
        },
        _ => BlobError::Remote {
            key,
            status,
            code: code.unwrap_or("unknown").to_string(),
        },
    }
}

/// Returns the media type stored with an object, from the key's extension.
fn content_type_of(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map(|(_, extension)| extension);
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_maps_to_not_found() {
        let error = classify_response("b", "resumes/a.pdf", 404, Some("NoSuchKey"));
        assert!(matches!(error, BlobError::NotFound { key } if key == "resumes/a.pdf"));
    }

    #[test]
    fn missing_bucket_is_not_a_missing_object() {
        let error = classify_response("uploads", "resumes/a.pdf", 404, Some("NoSuchBucket"));
        assert!(
            matches!(&error, BlobError::BucketNotFound { bucket, .. } if bucket == "uploads"),
            "got {error:?}"
        );
    }

    #[test]
    fn bare_404_maps_to_not_found() {
        let error = classify_response("b", "jobs/a.txt", 404, None);
        assert!(matches!(error, BlobError::NotFound { .. }));
    }

    #[test]
    fn credential_errors_map_to_access_denied() {
        for code in [
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId",
            "AccessDenied",
        ] {
            let error = classify_response("b", "k", 403, Some(code));
            assert!(
                matches!(&error, BlobError::AccessDenied { code: got, status: 403, .. } if got == code),
                "got {error:?}"
            );
        }
        let bare = classify_response("b", "k", 401, None);
        assert!(matches!(bare, BlobError::AccessDenied { status: 401, .. }));
    }

    #[test]
    fn other_errors_keep_status_and_code() {
        let error = classify_response("b", "k", 503, Some("SlowDown"));
        assert!(
            matches!(&error, BlobError::Remote { status: 503, code, .. } if code == "SlowDown"),
            "got {error:?}"
        );
    }

    #[test]
    fn content_type_follows_extension() {
        assert_eq!(content_type_of("resumes/a.PDF"), "application/pdf");
        assert_eq!(content_type_of("jobs/a.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type_of("jobs/a"), "application/octet-stream");
    }
}
