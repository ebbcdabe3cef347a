//! `layer1 load`: drives a running server's `/match` route with concurrent clients and reports
//! latency percentiles and throughput.
//!
//! Each request scores 12 candidate skills against 15 requirements, the size the old worker's
//! figures were taken at. The server may be this service's compatibility port or the old
//! worker itself, so both can be measured by the same client in one run.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;
use serde::Serialize;
use serde_json::{Value, json};

/// Candidate skills of every request (12).
const CANDIDATE_SKILLS: [&str; 12] = [
    "Python",
    "PostgreSQL",
    "Docker",
    "Kubernetes",
    "AWS",
    "Terraform",
    "React",
    "TypeScript",
    "Git",
    "Linux",
    "Redis",
    "GraphQL",
];

/// Requirements of every request (15) with their importance.
const REQUIREMENTS: [(&str, f64); 15] = [
    ("Python", 0.9),
    ("Go", 0.8),
    ("PostgreSQL", 0.8),
    ("Kubernetes", 0.7),
    ("Docker", 0.7),
    ("AWS", 0.7),
    ("Kafka", 0.6),
    ("Terraform", 0.6),
    ("CI/CD", 0.5),
    ("Linux", 0.5),
    ("Redis", 0.4),
    ("gRPC", 0.4),
    ("Prometheus", 0.3),
    ("Rust", 0.3),
    ("Communication", 0.2),
];

/// Arguments of `layer1 load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Base URL of the server whose `/match` route is measured (the compatibility port, or
    /// the old worker).
    #[arg(long, default_value = "http://127.0.0.1:8000")]
    pub url: String,
    /// Concurrent clients, each sending its next request once the previous response arrives.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Measured requests in total.
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Requests sent before measuring, to warm caches and connections.
    #[arg(long, default_value_t = 100)]
    pub warmup: usize,
    /// Bearer token, when the server requires one.
    #[arg(long)]
    pub token: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Latency and throughput of one load run.
#[derive(Debug, Serialize)]
pub struct LoadReport {
    /// Concurrent clients.
    pub concurrency: usize,
    /// Requests that got a 2xx response.
    pub succeeded: usize,
    /// Requests that failed or got another status.
    pub failed: usize,
    /// Wall time of the measured part, in seconds.
    pub elapsed_secs: f64,
    /// Successful requests per second.
    pub requests_per_sec: f64,
    /// Median latency in milliseconds.
    pub p50_ms: f64,
    /// 95th percentile latency in milliseconds.
    pub p95_ms: f64,
    /// 99th percentile latency in milliseconds.
    pub p99_ms: f64,
}

/// Returns the request body every client sends.
pub fn match_body() -> Value {
    json!({
        "candidate_skills": CANDIDATE_SKILLS
            .iter()
            .map(|skill| json!({"skill": skill}))
            .collect::<Vec<_>>(),
        "requirements": REQUIREMENTS
            .iter()
            .map(|(skill, importance)| json!({"skill": skill, "importance": importance}))
            .collect::<Vec<_>>(),
    })
}

/// Runs the load and returns its figures. Fails when the first request does not succeed, so
/// that a wrong URL is not reported as a fast server.
pub async fn run_load(args: &LoadArgs) -> anyhow::Result<LoadReport> {
    if args.concurrency == 0 || args.requests == 0 {
        bail!("--concurrency and --requests must be at least 1");
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(args.concurrency)
        .build()?;
    let url = format!("{}/match", args.url.trim_end_matches('/'));
    let body = Arc::new(serde_json::to_vec(&match_body())?);
    let probe = send(&client, &url, &body, args.token.as_deref())
        .await
        .with_context(|| format!("first request to {url} failed"))?;
    if !probe.is_success() {
        bail!("{url} returned {probe} for the first request; check the URL and the token");
    }

    drive(&client, &url, &body, args, args.warmup).await;
    let started = Instant::now();
    let results = drive(&client, &url, &body, args, args.requests).await;
    let elapsed = started.elapsed().as_secs_f64();

    let mut latencies: Vec<f64> = results.iter().filter_map(|r| *r).collect();
    latencies.sort_by(f64::total_cmp);
    let succeeded = latencies.len();
    Ok(LoadReport {
        concurrency: args.concurrency,
        succeeded,
        failed: results.len() - succeeded,
        elapsed_secs: elapsed,
        requests_per_sec: succeeded as f64 / elapsed.max(f64::EPSILON),
        p50_ms: percentile(&latencies, 0.50),
        p95_ms: percentile(&latencies, 0.95),
        p99_ms: percentile(&latencies, 0.99),
    })
}

/// Sends `total` requests over `args.concurrency` clients; each result is the latency in
/// milliseconds of a successful request, or `None`.
async fn drive(
    client: &reqwest::Client,
    url: &str,
    body: &Arc<Vec<u8>>,
    args: &LoadArgs,
    total: usize,
) -> Vec<Option<f64>> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..args.concurrency {
        let (client, url, body, next) =
            (client.clone(), url.to_owned(), body.clone(), next.clone());
        let token = args.token.clone();
        tasks.spawn(async move {
            let mut results = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < total {
                let started = Instant::now();
                let outcome = send(&client, &url, &body, token.as_deref()).await;
                let ok = outcome.is_ok_and(|status| status.is_success());
                results.push(ok.then(|| started.elapsed().as_secs_f64() * 1000.0));
            }
            results
        });
    }
    let mut all = Vec::with_capacity(total);
    while let Some(joined) = tasks.join_next().await {
        all.extend(joined.unwrap_or_default());
    }
    all
}

async fn send(
    client: &reqwest::Client,
    url: &str,
    body: &[u8],
    token: Option<&str>,
) -> reqwest::Result<reqwest::StatusCode> {
    let mut request = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_vec());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await?;
    let status = response.status();
    // Reading the body keeps the connection reusable and counts the transfer in the latency.
    response.bytes().await?;
    Ok(status)
}

/// Returns the `q` quantile of sorted values (nearest rank), or 0 when empty.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Formats a report for a terminal.
pub fn render_text(report: &LoadReport) -> String {
    format!(
        "clients {}: {} ok, {} failed in {:.2} s: {:.0} requests/s, \
         p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms\n",
        report.concurrency,
        report.succeeded,
        report.failed,
        report.elapsed_secs,
        report.requests_per_sec,
        report.p50_ms,
        report.p95_ms,
        report.p99_ms,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_uses_nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.50), 50.0);
        assert_eq!(percentile(&values, 0.95), 95.0);
        assert_eq!(percentile(&values, 0.99), 99.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
    }

    #[test]
    fn body_has_twelve_skills_and_fifteen_requirements() {
        let body = match_body();
        assert_eq!(body["candidate_skills"].as_array().map(Vec::len), Some(12));
        assert_eq!(body["requirements"].as_array().map(Vec::len), Some(15));
    }
}
