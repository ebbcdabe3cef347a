//! An S3-compatible server on 127.0.0.1 for tests: s3s with the s3s-fs file system backend and
//! signature checks, served by axum in the test's runtime. Objects are plain files under
//! `<root>/<bucket>/<key>`, so a test can count what was stored.

#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use s3s::auth::SimpleAuth;
use s3s::service::{S3Service, S3ServiceBuilder};

/// Access key ID the server accepts.
pub const ACCESS_KEY_ID: &str = "layer1-test-access-key";

/// Secret access key the server accepts.
pub const SECRET_ACCESS_KEY: &str = "layer1-test-secret-key";

/// Signing region clients use.
pub const REGION: &str = "us-east-1";

/// A running S3 server; dropping it stops the server.
pub struct S3Server {
    /// Address the server listens on.
    pub address: SocketAddr,
    /// Directory holding one directory per bucket.
    pub root: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl S3Server {
    /// Starts a server on a free port of 127.0.0.1 that stores objects under `root`, with the
    /// bucket `bucket` already created.
    pub async fn start(root: &Path, bucket: &str) -> S3Server {
        Self::start_with(root, bucket, |router| router).await
    }

    /// Starts a server as [`S3Server::start`] does, with `wrap` applied to its router, so a test
    /// can add layers, such as one that records requests.
    pub async fn start_with(
        root: &Path,
        bucket: &str,
        wrap: impl FnOnce(axum::Router) -> axum::Router,
    ) -> S3Server {
        std::fs::create_dir_all(root.join(bucket)).expect("bucket directory is created");
        let file_system = s3s_fs::FileSystem::new(root).expect("s3s-fs opens its root");
        let mut builder = S3ServiceBuilder::new(file_system);
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
        let service = builder.build();

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("S3 listener binds");
        let address = listener.local_addr().expect("S3 listener address");
        let app = wrap(axum::Router::new().fallback(forward).with_state(service));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("S3 server runs");
        });
        S3Server {
            address,
            root: root.to_path_buf(),
            task,
        }
    }

    /// Endpoint URL for `S3_ENDPOINT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Returns the `S3_*` variables that point a `layer1` process at `bucket` on this server.
    pub fn env(&self, bucket: &str) -> Vec<(&'static str, String)> {
        vec![
            ("S3_ENDPOINT", self.endpoint()),
            ("S3_REGION", REGION.to_string()),
            ("S3_BUCKET", bucket.to_string()),
            ("S3_ACCESS_KEY_ID", ACCESS_KEY_ID.to_string()),
            ("S3_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY.to_string()),
            ("S3_FORCE_PATH_STYLE", "true".to_string()),
        ]
    }

    /// Returns the key of every object stored in `bucket`, sorted. s3s-fs keeps its metadata
    /// files beside the bucket directories, so only objects are listed.
    pub fn object_keys(&self, bucket: &str) -> Vec<String> {
        let bucket_dir = self.root.join(bucket);
        let mut keys = Vec::new();
        collect_files(&bucket_dir, &bucket_dir, &mut keys);
        keys.sort();
        keys
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Passes one HTTP request to s3s and converts its response.
async fn forward(State(service): State<S3Service>, request: Request) -> Response {
    let request = request.map(s3s::Body::http_body_unsync);
    match service.call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{error:?}")).into_response(),
    }
}

/// Adds the path relative to `base` of every file under `dir` to `keys`, with `/` separators.
fn collect_files(base: &Path, dir: &Path, keys: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).expect("bucket directory is readable");
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_files(base, &path, keys);
        } else {
            let relative = path.strip_prefix(base).expect("path lies under the bucket");
            let parts: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            keys.push(parts.join("/"));
        }
    }
}
