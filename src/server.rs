//! `layer1 serve` and `layer1 worker`: storage, queue, events, engine, workers and the HTTP
//! listeners wired together.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;
use tracing::{info, warn};

use crate::analysis::AnalysisBackend;
use crate::api::{ApiOptions, AppState, app_with_options, run_retention};
use crate::auth::Authenticator;
use crate::blob::BlobStore;
use crate::compat::{CompatState, public_app};
use crate::config::{
    CompatPort, EngineKind, FallbackSettings, NlpSettings, ServeSettings, StorageSettings,
    WorkerProcessSettings, WorkerSettings,
};
use crate::events::EventBus;
use crate::fallback::PythonWorker;
use crate::jobs::split::{SplitRole, SplitTarget, check_split};
use crate::jobs::{JobQueue, WorkerDeps, run_workers};
use crate::llm::LlmSkills;
use crate::nlp::NlpRuntime;
use crate::store::mssql::MssqlStore;
use crate::store::postgres::PostgresStore;
use crate::store::sqlite::{self, SqliteStore};

/// Opens the database named by the settings, creating its directory, and applies migrations.
pub async fn open_database(storage: &StorageSettings) -> anyhow::Result<SqliteStore> {
    let url = storage.database_url();
    if storage.database_url.is_none() {
        std::fs::create_dir_all(&storage.data_dir).with_context(|| {
            format!(
                "failed to create data directory {}",
                storage.data_dir.display()
            )
        })?;
    }
    let pool = sqlite::connect(&url)
        .await
        .context("failed to open the SQLite database")?;
    sqlite::migrate(&pool)
        .await
        .context("failed to apply database migrations")?;
    Ok(SqliteStore::new(pool))
}

/// PostgreSQL channel of the event relay.
const POSTGRES_EVENT_CHANNEL: &str = "layer1_events";

/// Connections of one process to a PostgreSQL database, shared by store, queue and relay.
const POSTGRES_MAX_CONNECTIONS: u32 = 10;

/// The repository named by `DATABASE_URL`: a SQLite file (the default) or PostgreSQL.
#[derive(Clone)]
pub enum OpenedStore {
    /// The embedded SQLite database.
    Sqlite(SqliteStore),
    /// A PostgreSQL database.
    Postgres(PostgresStore),
    /// SQL Server, with the job queue in the SQLite file when `REDIS_URL` is not set.
    Mssql(MssqlStore, SqliteStore),
}

impl OpenedStore {
    /// Returns the repository as the service uses it.
    pub fn store(&self) -> Arc<dyn crate::store::Store> {
        match self {
            OpenedStore::Sqlite(store) => Arc::new(store.clone()),
            OpenedStore::Postgres(store) => Arc::new(store.clone()),
            OpenedStore::Mssql(store, _) => Arc::new(store.clone()),
        }
    }

    /// Returns the repository as the embedding cache uses it.
    fn embedding_store(&self) -> Arc<dyn crate::store::EmbeddingStore> {
        match self {
            OpenedStore::Sqlite(store) => Arc::new(store.clone()),
            OpenedStore::Postgres(store) => Arc::new(store.clone()),
            OpenedStore::Mssql(store, _) => Arc::new(store.clone()),
        }
    }

    /// Opens the job queue: Redis when `REDIS_URL` is set, otherwise the database's own
    /// (apalis-postgres on PostgreSQL, apalis-sqlite in the SQLite file).
    pub async fn queue(&self, worker: &WorkerSettings) -> anyhow::Result<JobQueue> {
        let queue = if let Some(url) = worker.queue.redis_url() {
            JobQueue::connect_redis(url, &worker.queue.redis_key_prefix, worker)
                .await
                .context("failed to connect to the Redis job queue (REDIS_URL)")?
        } else {
            match self {
                OpenedStore::Postgres(store) => JobQueue::setup_postgres(store.pool(), worker)
                    .await
                    .context("failed to set up the PostgreSQL job queue")?,
                OpenedStore::Sqlite(store) => JobQueue::setup(store.pool(), worker)
                    .await
                    .context("failed to set up the job queue")?,
                OpenedStore::Mssql(_, local) => JobQueue::setup(local.pool(), worker)
                    .await
                    .context("failed to set up the local job queue")?,
            }
        };
        info!(kind = ?queue.kind(), "job queue opened");
        Ok(queue)
    }

    /// Opens the event bus, relayed between processes through Redis when `REDIS_URL` is set or
    /// through `NOTIFY` on PostgreSQL, and local to this process otherwise.
    pub async fn events(&self, worker: &WorkerSettings) -> anyhow::Result<EventBus> {
        if let Some(url) = worker.queue.redis_url() {
            let channel = format!("{}:events", worker.queue.redis_key_prefix);
            return EventBus::with_redis_relay(url, &channel)
                .await
                .context("failed to start the Redis event relay (REDIS_URL)");
        }
        if let OpenedStore::Postgres(store) = self {
            return EventBus::with_postgres_relay(store.pool(), POSTGRES_EVENT_CHANNEL)
                .await
                .context("failed to start the PostgreSQL event relay");
        }
        Ok(EventBus::default())
    }
}

/// Opens the repository named by `DATABASE_URL` and applies its migrations: PostgreSQL for a
/// `postgres://` URL, otherwise the SQLite file.
pub async fn open_store(storage: &StorageSettings) -> anyhow::Result<OpenedStore> {
    if storage.mssql.is_configured() {
        let store = MssqlStore::connect(&storage.mssql)
            .await
            .context("failed to connect to SQL Server (AZURE_SQL_SERVER)")?;
        store
            .migrate()
            .await
            .context("failed to apply the SQL Server migrations")?;
        let local = open_database(storage).await?;
        return Ok(OpenedStore::Mssql(store, local));
    }
    let url = storage.database_url();
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        let store = PostgresStore::connect(&url, POSTGRES_MAX_CONNECTIONS)
            .await
            .context("failed to open the PostgreSQL database (DATABASE_URL)")?;
        return Ok(OpenedStore::Postgres(store));
    }
    Ok(OpenedStore::Sqlite(open_database(storage).await?))
}

/// Opens the object store of uploads: S3 or R2 when configured, after checking that the
/// bucket is reachable, otherwise the local blob directory.
async fn open_blobs(storage: &StorageSettings) -> anyhow::Result<Arc<dyn BlobStore>> {
    let blobs = crate::blob::open(&storage.object_store, &storage.blob_dir())
        .context("failed to open the object store")?;
    if let Ok(Some(connection)) = storage.object_store.connection() {
        crate::blob::S3BlobStore::new(&connection)
            .check_bucket()
            .await
            .with_context(|| format!("the bucket {} does not answer", connection.bucket))?;
    }
    Ok(blobs)
}

/// Rejects a split process (`serve --no-workers`, `worker`) that could not share its queue.
fn check_split_settings(
    role: SplitRole,
    storage: &StorageSettings,
    worker: &WorkerSettings,
) -> anyhow::Result<()> {
    let database_url = storage.database_url();
    let target = SplitTarget {
        database_url: &database_url,
        redis: worker.queue.redis_url().is_some(),
        sql_server: storage.mssql.is_configured(),
    };
    check_split(role, &target)?;
    if storage.object_store.backend() == crate::blob::ObjectStoreBackend::Local {
        warn!(
            blob_dir = %storage.blob_dir().display(),
            "uploads are kept in a local directory: API and worker processes on different \
             machines need S3 or R2 (S3_* or R2_*) to share them"
        );
    }
    Ok(())
}

/// Returns a future that resolves when the process receives Ctrl-C or SIGTERM. The handlers
/// are installed before this returns, so a signal that arrives while the service starts is not
/// lost and does not end the process before its shutdown steps.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let handlers = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    async move {
        #[cfg(unix)]
        match handlers {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {},
                    _ = terminate.recv() => {},
                }
            }
            (interrupt, terminate) => {
                let error = interrupt.err().or(terminate.err());
                warn!(error = ?error, "failed to install the signal handlers; waiting for Ctrl-C");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// A started service: the HTTP listeners and, unless disabled, the workers.
pub struct RunningServer {
    /// Address the HTTP API listens on.
    pub address: SocketAddr,
    /// Address of the unauthenticated Python-worker compatibility listener, unless it is off.
    pub compat_address: Option<SocketAddr>,
    stop: watch::Sender<bool>,
    shutdown_timeout: Duration,
    http: tokio::task::JoinHandle<std::io::Result<()>>,
    compat_http: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    workers: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl RunningServer {
    /// Stops accepting requests, lets in-flight requests and jobs finish, and waits for both.
    /// Requests still open after `SHUTDOWN_TIMEOUT_SECS` are cut off.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let mut http = self.http;
        match tokio::time::timeout(self.shutdown_timeout, &mut http).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(error))) => warn!(%error, "HTTP server stopped with an error"),
            Ok(Err(error)) => warn!(%error, "HTTP server task failed"),
            Err(_) => {
                warn!(
                    timeout_secs = self.shutdown_timeout.as_secs(),
                    "in-flight requests did not finish in time; closing them"
                );
                http.abort();
            }
        }
        if let Some(compat_http) = self.compat_http {
            match compat_http.await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => warn!(%error, "compatibility listener stopped with an error"),
                Err(error) => warn!(%error, "compatibility listener task failed"),
            }
        }
        if let Some(workers) = self.workers {
            match workers.await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => warn!(%error, "workers stopped with an error"),
                Err(error) => warn!(%error, "worker task failed"),
            }
        }
        info!("stopped");
    }
}

/// Validates the settings, opens storage, queue and engine, binds the listener and starts the
/// HTTP server and (unless `--no-workers`) the workers in the background.
pub async fn start(settings: ServeSettings) -> anyhow::Result<RunningServer> {
    if let Err(problems) = settings.validate() {
        anyhow::bail!("invalid settings:\n  - {}", problems.join("\n  - "));
    }
    if settings.auth.auth_disabled {
        warn!("AUTH_DISABLED=true: every request is accepted as the user dev|user");
    }
    if settings.no_workers {
        check_split_settings(SplitRole::ApiOnly, &settings.storage, &settings.worker)?;
    }
    let opened = open_store(&settings.storage).await?;
    let blobs = open_blobs(&settings.storage).await?;
    let queue = opened.queue(&settings.worker).await?;
    let events = opened.events(&settings.worker).await?;
    let layers = crate::vectors::service_layers(opened.embedding_store());
    let nlp = NlpRuntime::load_with_layers(&settings.nlp, Some(layers));
    crate::vectors::spawn_taxonomy_warm(settings.nlp.model_dir.clone(), &nlp);
    let store = opened.store();
    let authenticator =
        Authenticator::new(&settings.auth).context("failed to set up authentication")?;
    if !authenticator.is_disabled() {
        let prefetch = authenticator.clone();
        tokio::spawn(async move { prefetch.prefetch().await });
    }

    let state = AppState {
        store: store.clone(),
        blobs: blobs.clone(),
        queue: queue.clone(),
        nlp: nlp.clone(),
        events: events.clone(),
        auth: settings.auth.clone(),
        authenticator: authenticator.clone(),
        max_upload_bytes: settings.http.max_upload_bytes,
        compat_match_strategy: settings.compat.compat_match_strategy,
    };
    // NOTE: the Socket.IO layer sits outside the CORS layer, so long polling from another
    // origin gets no CORS headers. Cross-origin browsers must use the websocket transport.
    let realtime = crate::realtime::layer(authenticator, &events);
    let requested = SocketAddr::new(settings.http.bind, settings.http.port);
    let listener = tokio::net::TcpListener::bind(requested)
        .await
        .with_context(|| format!("failed to bind {requested}"))?;
    let address = listener.local_addr()?;
    info!(%address, workers = !settings.no_workers, "listening");

    let (stop, stop_rx) = watch::channel(false);
    let indexer = crate::vectors::index::VectorIndexer::new(store.clone(), nlp.clone());
    tokio::spawn(indexer.run(events.clone(), stop_rx.clone()));
    let compat = start_compat(&settings, &nlp, stop_rx.clone()).await?;
    let analysis = analysis_backend(&settings.fallback, &settings.nlp, nlp)?;
    if let Some(days) = settings.api.retention_days {
        let sweep = std::time::Duration::from_secs(settings.api.retention_sweep_secs);
        let (store, blobs) = (store.clone(), blobs.clone());
        tokio::spawn(run_retention(store, blobs, days, sweep, stop_rx.clone()));
    }
    let workers = (!settings.no_workers).then(|| {
        let deps = WorkerDeps {
            store,
            blobs,
            analysis,
            events,
            match_options: settings.nlp.match_options(),
        };
        let mut stop = stop_rx.clone();
        let worker_settings = settings.worker.clone();
        tokio::spawn(async move {
            let signal = async move {
                let _ = stop.wait_for(|stopped| *stopped).await;
            };
            run_workers(queue, deps, worker_settings, signal).await
        })
    });
    let mut http_stop = stop_rx;
    let http = tokio::spawn(
        axum::serve(
            listener,
            app_with_options(
                state,
                ApiOptions::new(settings.api.clone())
                    .with_match_options(settings.nlp.match_options()),
            )
            .layer(realtime)
            .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = http_stop.wait_for(|stopped| *stopped).await;
        })
        .into_future(),
    );
    let (compat_address, compat_http) = compat.unzip();
    Ok(RunningServer {
        address,
        compat_address,
        stop,
        shutdown_timeout: Duration::from_secs(settings.worker.shutdown_timeout_secs),
        http,
        compat_http,
        workers,
    })
}

/// Chooses the workers' analysis backend from `ENGINE`.
fn analysis_backend(
    fallback: &FallbackSettings,
    nlp_settings: &NlpSettings,
    nlp: NlpRuntime,
) -> anyhow::Result<AnalysisBackend> {
    match fallback.engine {
        EngineKind::Native => {
            let llm = LlmSkills::from_settings(&nlp_settings.llm)
                .context("failed to set up the LLM skill step")?;
            if llm.is_some() {
                info!("LLM_API_URL is set: workers add technologies found by the LLM step");
            }
            Ok(AnalysisBackend::Native(nlp, llm))
        }
        EngineKind::Python => {
            let worker =
                PythonWorker::new(fallback).context("failed to set up the Python worker client")?;
            info!("ENGINE=python: workers send parse and match calls to PYTHON_SERVICE_URL");
            Ok(AnalysisBackend::Python(worker))
        }
    }
}

/// Binds and starts the unauthenticated compatibility listener unless `COMPAT_PORT=off`.
async fn start_compat(
    settings: &ServeSettings,
    nlp: &NlpRuntime,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<Option<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)>> {
    let CompatPort::Port(port) = settings.compat.compat_port else {
        info!("COMPAT_PORT=off: the compatibility routes are served on the main port only");
        return Ok(None);
    };
    let requested = SocketAddr::new(settings.compat.compat_bind, port);
    let listener = tokio::net::TcpListener::bind(requested)
        .await
        .with_context(|| format!("failed to bind the compatibility listener to {requested}"))?;
    let address = listener.local_addr()?;
    info!(%address, "compatibility listener (no authentication) listening");
    let state = CompatState::new(nlp.clone(), settings.compat.compat_match_strategy);
    let handle = tokio::spawn(
        axum::serve(listener, public_app(state))
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|stopped| *stopped).await;
            })
            .into_future(),
    );
    Ok(Some((address, handle)))
}

/// Runs the service until Ctrl-C or SIGTERM.
pub async fn serve(settings: ServeSettings) -> anyhow::Result<()> {
    let signal = shutdown_signal();
    let running = start(settings).await?;
    signal.await;
    info!("shutdown signal received");
    running.shutdown().await;
    Ok(())
}

/// Runs the workers without the HTTP API (`layer1 worker`) until Ctrl-C or SIGTERM, then lets
/// running jobs finish for up to `SHUTDOWN_TIMEOUT_SECS`.
pub async fn run_worker_process(settings: WorkerProcessSettings) -> anyhow::Result<()> {
    let signal = shutdown_signal();
    if let Err(problems) = settings.validate() {
        anyhow::bail!("invalid settings:\n  - {}", problems.join("\n  - "));
    }
    check_split_settings(SplitRole::WorkersOnly, &settings.storage, &settings.worker)?;
    let opened = open_store(&settings.storage).await?;
    let blobs = open_blobs(&settings.storage).await?;
    let queue = opened.queue(&settings.worker).await?;
    let events = opened.events(&settings.worker).await?;
    let layers = crate::vectors::service_layers(opened.embedding_store());
    let nlp = NlpRuntime::load_with_layers(&settings.nlp, Some(layers));
    let analysis = analysis_backend(&settings.fallback, &settings.nlp, nlp)?;

    let deps = WorkerDeps {
        store: opened.store(),
        blobs,
        analysis,
        events,
        match_options: settings.nlp.match_options(),
    };
    info!("worker process started");
    let signal = async {
        signal.await;
        info!("shutdown signal received");
    };
    run_workers(queue, deps, settings.worker, signal).await?;
    info!("stopped");
    Ok(())
}
