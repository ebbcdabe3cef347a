//! Worker loops: one supervised apalis worker per queue.
//!
//! A worker whose backend fails (Redis restarted, database connection lost) ends with an error.
//! The supervisor then waits with exponential backoff and starts it again under a new name, so
//! a restarted Redis or database is picked up without restarting the process. The backend
//! queues the jobs claimed by the failed worker again once that name has missed two heartbeats.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use apalis::prelude::*;
use tokio::sync::watch;
use tracing::{info, warn};
use uuid::Uuid;

use super::handlers;
use super::poll::IdlePoll;
use super::{Backend, JobContext, JobQueue, WorkerDeps};
use crate::config::WorkerSettings;

/// First pause before a failed worker is started again. It doubles per failure up to
/// [`MAX_RESTART_PAUSE`].
const FIRST_RESTART_PAUSE: Duration = Duration::from_millis(500);

/// Maximum pause before a failed worker is started again.
const MAX_RESTART_PAUSE: Duration = Duration::from_secs(15);

/// A worker that ran this long before failing restarts after the first pause again.
const HEALTHY_RUN: Duration = Duration::from_secs(60);

/// Settings and shared state of one supervised worker, besides its storage.
#[derive(Clone)]
struct WorkerPlan {
    queue: &'static str,
    instance: String,
    concurrency: usize,
    poll: Duration,
    shutdown_timeout: Duration,
    context: Arc<JobContext>,
    stop: watch::Receiver<bool>,
}

impl WorkerPlan {
    fn name(&self, generation: u64) -> String {
        format!("{}-{}-{generation}", self.queue, self.instance)
    }

    fn stop_signal(&self) -> impl Future<Output = std::io::Result<()>> + Send + 'static {
        let mut stop = self.stop.clone();
        async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
            Ok(())
        }
    }

    fn is_stopping(&self) -> bool {
        *self.stop.borrow()
    }
}

/// Runs one apalis worker of `$handler` over `$storage` under supervision until the plan's stop
/// signal. A macro rather than a function, because the apalis bounds of a generic backend
/// would be longer than the body.
macro_rules! supervised_worker {
    ($plan:expr, $storage:expr, $handler:path) => {{
        let plan: WorkerPlan = $plan;
        let storage = $storage.clone();
        supervise(plan.clone(), move |generation| {
            let (plan, storage) = (plan.clone(), storage.clone());
            async move {
                let name = plan.name(generation);
                let (context, concurrency, poll) =
                    (plan.context.clone(), plan.concurrency, plan.poll);
                let result = Monitor::new()
                    .register(move |_| {
                        WorkerBuilder::new(name.clone())
                            .backend(PollWith::new(storage.clone(), IdlePoll::new(poll)))
                            .data(context.clone())
                            .concurrency(concurrency)
                            .enable_tracing()
                            .build($handler)
                    })
                    .shutdown_timeout(plan.shutdown_timeout)
                    .run_with_signal(plan.stop_signal())
                    .await;
                result.map_err(|error| error.to_string())
            }
        })
    }};
}

/// Runs `run` until the plan's stop signal, starting it again with a new generation number
/// whenever it ends before that.
async fn supervise<F, Fut>(plan: WorkerPlan, run: F)
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let mut pause = FIRST_RESTART_PAUSE;
    for generation in 0.. {
        let started = Instant::now();
        let outcome = run(generation).await;
        if plan.is_stopping() {
            return;
        }
        if started.elapsed() >= HEALTHY_RUN {
            pause = FIRST_RESTART_PAUSE;
        }
        match outcome {
            Ok(()) => warn!(queue = plan.queue, "worker stopped; restarting"),
            Err(error) => warn!(queue = plan.queue, %error, "worker failed; restarting"),
        }
        let mut stop = plan.stop.clone();
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        pause = (pause * 2).min(MAX_RESTART_PAUSE);
        info!(
            queue = plan.queue,
            generation = generation + 1,
            "starting worker again"
        );
    }
}

/// Runs the three workers until `shutdown` resolves, then lets running jobs finish for up to
/// `SHUTDOWN_TIMEOUT_SECS`. A job still running after that is dropped, and the queue hands it
/// to another worker once this worker's heartbeats stop.
pub async fn run_workers(
    queue: JobQueue,
    deps: WorkerDeps,
    settings: WorkerSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let context = Arc::new(JobContext::new(deps, settings.max_attempts));
    let (stop_sender, stop) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_sender.send(true);
    });
    // Each process registers fresh worker names, because a queue rejects a name that was seen
    // alive within the last heartbeat interval.
    let instance = Uuid::new_v4().simple().to_string();
    let [resumes, jobs, matches] = settings.queue_concurrency();
    let plan = |queue: &'static str, concurrency: usize| WorkerPlan {
        queue,
        instance: instance.clone(),
        concurrency: concurrency.max(1),
        poll: Duration::from_millis(settings.poll_ms),
        shutdown_timeout: Duration::from_secs(settings.shutdown_timeout_secs),
        context: context.clone(),
        stop: stop.clone(),
    };
    let (resume_plan, job_plan, match_plan) = (
        plan("parse_resume", resumes),
        plan("parse_job", jobs),
        plan("compute_match", matches),
    );
    info!(kind = ?queue.kind(), resumes, jobs, matches, "workers starting");

    match &queue.backend {
        Backend::Sqlite { queues, .. } => {
            tokio::join!(
                supervised_worker!(resume_plan, queues.resumes, handlers::parse_resume),
                supervised_worker!(job_plan, queues.jobs, handlers::parse_job),
                supervised_worker!(match_plan, queues.matches, handlers::compute_match),
            );
        }
        Backend::Postgres { queues, .. } => {
            tokio::join!(
                supervised_worker!(resume_plan, queues.resumes, handlers::parse_resume),
                supervised_worker!(job_plan, queues.jobs, handlers::parse_job),
                supervised_worker!(match_plan, queues.matches, handlers::compute_match),
            );
        }
        Backend::Redis { queues, .. } => {
            tokio::join!(
                supervised_worker!(resume_plan, queues.resumes, handlers::parse_resume),
                supervised_worker!(job_plan, queues.jobs, handlers::parse_job),
                supervised_worker!(match_plan, queues.matches, handlers::compute_match),
            );
        }
    }
    info!("workers stopped");
    Ok(())
}
