//! `layer1 serve`: storage, queue, engine, workers and the HTTP listeners wired together.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::sync::watch;
use tracing::{info, warn};

use crate::analysis::AnalysisBackend;
use crate::api::{ApiOptions, AppState, app_with_options, run_retention};
use crate::auth::Authenticator;
use crate::blob::LocalBlobStore;
use crate::compat::{CompatState, public_app};
use crate::config::{CompatPort, EngineKind, ServeSettings, StorageSettings};
use crate::events::EventBus;
use crate::fallback::PythonWorker;
use crate::jobs::{JobQueue, WorkerDeps, run_workers};
use crate::llm::LlmSkills;
use crate::nlp::NlpRuntime;
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

/// Resolves when the process receives Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                warn!(%error, "failed to install the SIGTERM handler");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// A started service: the HTTP listeners and, unless disabled, the workers.
pub struct RunningServer {
    /// Address the HTTP API listens on.
    pub address: SocketAddr,
    /// Address of the unauthenticated Python-worker compatibility listener, unless it is off.
    pub compat_address: Option<SocketAddr>,
    stop: watch::Sender<bool>,
    http: tokio::task::JoinHandle<std::io::Result<()>>,
    compat_http: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    workers: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl RunningServer {
    /// Stops accepting requests, lets in-flight requests and jobs finish, and waits for both.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        match self.http.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => warn!(%error, "HTTP server stopped with an error"),
            Err(error) => warn!(%error, "HTTP server task failed"),
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
    let store = open_database(&settings.storage).await?;
    let blob_dir = settings.storage.blob_dir();
    let blobs = LocalBlobStore::new(&blob_dir)
        .with_context(|| format!("failed to create blob directory {}", blob_dir.display()))?;
    let queue = JobQueue::setup(store.pool(), &settings.worker)
        .await
        .context("failed to set up the job queue")?;
    let layers = crate::vectors::service_layers(Arc::new(store.clone()));
    let nlp = NlpRuntime::load_with_layers(&settings.nlp, Some(layers));
    crate::vectors::spawn_taxonomy_warm(settings.nlp.model_dir.clone(), &nlp);
    let store: Arc<dyn crate::store::Store> = Arc::new(store);
    let blobs: Arc<dyn crate::blob::BlobStore> = Arc::new(blobs);
    let events = EventBus::default();
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
    let analysis = analysis_backend(&settings, nlp)?;
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
        http,
        compat_http,
        workers,
    })
}

/// Chooses the workers' analysis backend from `ENGINE`.
fn analysis_backend(settings: &ServeSettings, nlp: NlpRuntime) -> anyhow::Result<AnalysisBackend> {
    match settings.fallback.engine {
        EngineKind::Native => {
            let llm = LlmSkills::from_settings(&settings.nlp.llm)
                .context("failed to set up the LLM skill step")?;
            if llm.is_some() {
                info!("LLM_API_URL is set: workers add technologies found by the LLM step");
            }
            Ok(AnalysisBackend::Native(nlp, llm))
        }
        EngineKind::Python => {
            let worker = PythonWorker::new(&settings.fallback)
                .context("failed to set up the Python worker client")?;
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
    let running = start(settings).await?;
    shutdown_signal().await;
    info!("shutdown signal received");
    running.shutdown().await;
    Ok(())
}
