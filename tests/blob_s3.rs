//! The S3 object store against a real S3-compatible server: s3s with the s3s-fs backend and
//! SigV4 checks, on a free port of 127.0.0.1, behind a layer that records every request's
//! method, path and headers.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use layer1::blob::{BlobError, BlobStore, ObjectStoreSettings, S3BlobStore};
use s3s::auth::SimpleAuth;
use s3s::service::{S3Service, S3ServiceBuilder};

const BUCKET: &str = "layer1-test";
const ACCESS_KEY_ID: &str = "layer1-blob-test-key";
const SECRET_ACCESS_KEY: &str = "layer1-blob-test-secret";

/// One request as the server received it.
#[derive(Debug, Clone)]
struct RecordedRequest {
    method: Method,
    path: String,
    headers: HeaderMap,
}

/// Requests received so far, shared with the recording layer.
#[derive(Debug, Clone, Default)]
struct RequestLog(Arc<Mutex<Vec<RecordedRequest>>>);

impl RequestLog {
    fn requests(&self) -> Vec<RecordedRequest> {
        self.0.lock().expect("request log lock").clone()
    }
}

/// A running S3 server with its own temporary root; dropping it stops the server.
struct S3Server {
    address: SocketAddr,
    root: tempfile::TempDir,
    log: RequestLog,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl S3Server {
    /// Starts a server on a free port with the bucket [`BUCKET`] created.
    async fn start() -> S3Server {
        let root = tempfile::tempdir().expect("temporary root is created");
        std::fs::create_dir(root.path().join(BUCKET)).expect("bucket directory is created");
        let file_system = s3s_fs::FileSystem::new(root.path()).expect("s3s-fs opens its root");
        let mut builder = S3ServiceBuilder::new(file_system);
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
        let service = builder.build();

        let log = RequestLog::default();
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(service)
            .layer(axum::middleware::from_fn_with_state(log.clone(), record));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("S3 listener binds");
        let address = listener.local_addr().expect("S3 listener address");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("S3 server runs");
        });
        S3Server {
            address,
            root,
            log,
            task,
        }
    }

    /// Settings that point at this server through `host` (`127.0.0.1` or `localhost`).
    fn settings(&self, host: &str, force_path_style: bool) -> ObjectStoreSettings {
        ObjectStoreSettings {
            r2_account_id: None,
            r2_bucket: None,
            r2_access_key_id: None,
            r2_secret_access_key: None,
            s3_endpoint: Some(format!("http://{host}:{}", self.address.port())),
            s3_region: "us-east-1".to_string(),
            s3_bucket: Some(BUCKET.to_string()),
            s3_access_key_id: Some(ACCESS_KEY_ID.to_string()),
            s3_secret_access_key: Some(SECRET_ACCESS_KEY.to_string().into()),
            s3_force_path_style: force_path_style,
        }
    }

    /// Builds a store from `settings` the way the service does.
    fn store_from(settings: &ObjectStoreSettings) -> S3BlobStore {
        let connection = settings
            .connection()
            .expect("S3 settings are complete")
            .expect("S3 is selected");
        S3BlobStore::new(&connection)
    }

    /// A store with the server's key pair and path-style addressing.
    fn store(&self) -> S3BlobStore {
        Self::store_from(&self.settings("127.0.0.1", true))
    }

    /// Returns the bytes s3s-fs wrote for `key` in [`BUCKET`], or `None` when there is no file.
    fn stored_file(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.root.path().join(BUCKET).join(key)).ok()
    }
}

/// Records the request, then passes it on.
async fn record(State(log): State<RequestLog>, request: Request, next: Next) -> Response {
    let recorded = RecordedRequest {
        method: request.method().clone(),
        path: request.uri().path().to_string(),
        headers: request.headers().clone(),
    };
    log.0.lock().expect("request log lock").push(recorded);
    next.run(request).await
}

/// Hands one request to s3s and converts its response.
async fn forward(State(service): State<S3Service>, request: Request) -> Response {
    let request = request.map(s3s::Body::http_body_unsync);
    match service.call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{error:?}")).into_response(),
    }
}

/// Returns the lowercase hex SHA-256 of `bytes`, as SigV4 sends it.
fn sha2_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn resume_key() -> String {
    format!("resumes/{}.pdf", uuid::Uuid::new_v4())
}

/// Asserts that no request carried a flexible checksum or an aws-chunked body.
fn assert_no_checksum_headers(requests: &[RecordedRequest]) {
    for request in requests {
        let context = format!("{} {}", request.method, request.path);
        for name in request.headers.keys() {
            assert!(
                !name.as_str().starts_with("x-amz-checksum-"),
                "{context} sent {name}"
            );
        }
        for name in [
            "x-amz-sdk-checksum-algorithm",
            "x-amz-trailer",
            "x-amz-decoded-content-length",
        ] {
            assert!(request.headers.get(name).is_none(), "{context} sent {name}");
        }
        for value in request.headers.get_all("content-encoding") {
            let value = value.to_str().expect("content-encoding is ASCII");
            assert!(
                !value.contains("aws-chunked"),
                "{context} sent content-encoding {value}"
            );
        }
        if let Some(hash) = request.headers.get("x-amz-content-sha256") {
            let hash = hash.to_str().expect("payload hash is ASCII");
            assert!(
                !hash.starts_with("STREAMING-"),
                "{context} sent a streaming payload hash {hash}"
            );
        }
    }
}

fn requests_with_method(requests: &[RecordedRequest], method: Method) -> Vec<RecordedRequest> {
    requests
        .iter()
        .filter(|request| request.method == method)
        .cloned()
        .collect()
}

#[tokio::test]
async fn put_get_delete_round_trip() {
    let server = S3Server::start().await;
    let store = server.store();
    let key = resume_key();
    let content = b"%PDF-1.7\nresume body\n%%EOF\n";

    store.put(&key, content).await.unwrap();
    assert_eq!(server.stored_file(&key).as_deref(), Some(&content[..]));
    assert_eq!(store.get(&key).await.unwrap(), content);

    store.delete(&key).await.unwrap();
    assert_eq!(server.stored_file(&key), None);
    let after_delete = store.get(&key).await;
    assert!(
        matches!(&after_delete, Err(BlobError::NotFound { key: missing }) if *missing == key),
        "got {after_delete:?}"
    );

    let requests = server.log.requests();
    let puts = requests_with_method(&requests, Method::PUT);
    assert_eq!(puts.len(), 1);
    let payload_hash = sha2_hex(content);
    assert_eq!(
        puts[0].headers["x-amz-content-sha256"],
        payload_hash.as_str()
    );
    assert_eq!(requests_with_method(&requests, Method::GET).len(), 2);
    assert_eq!(requests_with_method(&requests, Method::DELETE).len(), 1);
    assert_no_checksum_headers(&requests);
}

#[tokio::test]
async fn put_replaces_an_existing_object() {
    let server = S3Server::start().await;
    let store = server.store();
    let key = format!("jobs/{}.txt", uuid::Uuid::new_v4());

    store.put(&key, b"first version").await.unwrap();
    store.put(&key, b"second version").await.unwrap();

    assert_eq!(store.get(&key).await.unwrap(), b"second version");
}

#[tokio::test]
async fn put_sends_the_media_type_of_the_extension() {
    let server = S3Server::start().await;
    let store = server.store();

    store.put(&resume_key(), b"%PDF-1.7").await.unwrap();

    let puts = requests_with_method(&server.log.requests(), Method::PUT);
    assert_eq!(puts.len(), 1);
    assert_eq!(puts[0].headers["content-type"], "application/pdf");
}

#[tokio::test]
async fn get_of_missing_key_is_not_found() {
    let server = S3Server::start().await;
    let key = resume_key();

    let result = server.store().get(&key).await;

    assert!(
        matches!(&result, Err(BlobError::NotFound { key: missing }) if *missing == key),
        "got {result:?}"
    );
    assert_no_checksum_headers(&server.log.requests());
}

#[tokio::test]
async fn delete_of_missing_key_succeeds() {
    let server = S3Server::start().await;

    server.store().delete(&resume_key()).await.unwrap();

    let deletes = requests_with_method(&server.log.requests(), Method::DELETE);
    assert_eq!(deletes.len(), 1);
}

#[tokio::test]
async fn missing_bucket_is_reported_by_name() {
    let server = S3Server::start().await;
    let mut settings = server.settings("127.0.0.1", true);
    settings.s3_bucket = Some("absent-bucket".to_string());
    let store = S3Server::store_from(&settings);

    let result = store.delete(&resume_key()).await;

    assert!(
        matches!(&result, Err(BlobError::BucketNotFound { bucket, .. }) if bucket == "absent-bucket"),
        "got {result:?}"
    );
}

#[tokio::test]
async fn wrong_secret_is_access_denied() {
    let server = S3Server::start().await;
    let wrong_secret = "not-the-server-secret";
    let mut settings = server.settings("127.0.0.1", true);
    settings.s3_secret_access_key = Some(wrong_secret.to_string().into());
    let store = S3Server::store_from(&settings);
    let key = resume_key();

    let error = store.put(&key, b"%PDF-1.7").await.unwrap_err();

    assert!(
        matches!(&error, BlobError::AccessDenied { status: 403, code, .. } if code == "SignatureDoesNotMatch"),
        "got {error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("denied access"), "{message}");
    assert!(message.contains("secret access key"), "{message}");
    assert!(!message.contains(wrong_secret), "{message}");
    assert!(!format!("{error:?}").contains(wrong_secret));
    assert_eq!(server.stored_file(&key), None);
}

#[tokio::test]
async fn unknown_access_key_is_access_denied() {
    let server = S3Server::start().await;
    let mut settings = server.settings("127.0.0.1", true);
    settings.s3_access_key_id = Some("unknown-key-id".to_string());
    let store = S3Server::store_from(&settings);

    let error = store.get(&resume_key()).await.unwrap_err();

    assert!(
        matches!(&error, BlobError::AccessDenied { status: 403, .. }),
        "got {error:?}"
    );
    assert!(!error.to_string().contains(SECRET_ACCESS_KEY));
}

#[tokio::test]
async fn ten_megabyte_object_round_trips() {
    let server = S3Server::start().await;
    let store = server.store();
    let key = resume_key();
    let content: Vec<u8> = (0..10 * 1024 * 1024u32)
        .map(|index| (index % 251) as u8)
        .collect();

    store.put(&key, &content).await.unwrap();
    let fetched = store.get(&key).await.unwrap();

    assert_eq!(fetched.len(), content.len());
    assert!(fetched == content, "fetched bytes differ from the upload");
    let requests = server.log.requests();
    let puts = requests_with_method(&requests, Method::PUT);
    assert_eq!(puts.len(), 1);
    assert_eq!(puts[0].headers["content-length"], "10485760");
    assert_no_checksum_headers(&requests);
}

#[tokio::test]
async fn invalid_key_is_rejected_before_any_request() {
    let server = S3Server::start().await;
    let store = server.store();

    for key in ["../escape.pdf", "/resumes/a.pdf", "resumes//a.pdf", ""] {
        let result = store.put(key, b"x").await;
        assert!(
            matches!(result, Err(BlobError::InvalidKey { .. })),
            "key {key:?} gave {result:?}"
        );
    }
    assert!(server.log.requests().is_empty());
}

#[tokio::test]
async fn force_path_style_puts_the_bucket_in_the_path() {
    let server = S3Server::start().await;
    let store = S3Server::store_from(&server.settings("localhost", true));
    let key = resume_key();

    store.put(&key, b"%PDF-1.7").await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), b"%PDF-1.7");

    let requests = server.log.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    let expected_host = format!("localhost:{}", server.address.port());
    for request in &requests {
        assert_eq!(request.path, format!("/{BUCKET}/{key}"));
        assert_eq!(request.headers["host"], expected_host.as_str());
    }
    assert_no_checksum_headers(&requests);
}

#[tokio::test]
async fn without_path_style_the_bucket_moves_to_the_host() {
    let server = S3Server::start().await;
    let store = S3Server::store_from(&server.settings("localhost", false));

    let result = store.put(&resume_key(), b"%PDF-1.7").await;

    // The client addresses `layer1-test.localhost`, which either does not resolve (no request
    // arrives) or resolves to this server, which then sees the bucket in the Host header.
    assert!(result.is_err(), "got {result:?}");
    for request in server.log.requests() {
        let host = request.headers["host"].to_str().unwrap().to_string();
        assert!(host.starts_with(&format!("{BUCKET}.localhost")), "{host}");
    }
}

#[tokio::test]
async fn check_bucket_reports_missing_bucket_and_bad_keys() {
    let server = S3Server::start().await;
    server.store().check_bucket().await.unwrap();

    let mut missing = server.settings("127.0.0.1", true);
    missing.s3_bucket = Some("absent-bucket".to_string());
    let result = S3Server::store_from(&missing).check_bucket().await;
    assert!(
        matches!(&result, Err(BlobError::BucketNotFound { bucket, .. }) if bucket == "absent-bucket"),
        "got {result:?}"
    );

    let mut wrong = server.settings("127.0.0.1", true);
    wrong.s3_secret_access_key = Some("not-the-server-secret".to_string().into());
    let result = S3Server::store_from(&wrong).check_bucket().await;
    assert!(
        matches!(&result, Err(BlobError::AccessDenied { status: 403, .. })),
        "got {result:?}"
    );
}

#[tokio::test]
async fn open_selects_the_bucket_from_settings() {
    let server = S3Server::start().await;
    let local = tempfile::tempdir().unwrap();
    let store = layer1::blob::open(&server.settings("127.0.0.1", true), local.path()).unwrap();
    let key = resume_key();

    store.put(&key, b"%PDF-1.7").await.unwrap();

    assert_eq!(server.stored_file(&key).as_deref(), Some(&b"%PDF-1.7"[..]));
    assert!(!local.path().join(&key).exists());
}
