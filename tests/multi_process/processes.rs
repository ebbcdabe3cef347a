//! Processes and servers of the multi-process test: redis-server, a fresh PostgreSQL database,
//! `layer1` processes with their logs, and Node Socket.IO clients that record status events.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, PgPool};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use uuid::Uuid;

use crate::support::repo_root;

/// Server holding the test databases; a trust-auth superuser is assumed.
pub(crate) const ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub(crate) fn js_dir() -> PathBuf {
    repo_root().join("tests/js")
}

/// Returns a TCP port of 127.0.0.1 that was free a moment ago.
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Short random suffix for names that must not collide between runs.
pub(crate) fn random_suffix() -> String {
    Uuid::new_v4().simple().to_string()[..12].to_string()
}

/// A redis-server of this test on a free port, without persistence; killed on drop.
pub(crate) struct RedisServer {
    pub(crate) child: Child,
    pub(crate) url: String,
}

impl RedisServer {
    pub(crate) async fn start(dir: &Path) -> RedisServer {
        let port = free_port();
        let log = File::create(dir.join("redis.log")).unwrap();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(dir)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("redis-server starts");
        let url = format!("redis://127.0.0.1:{port}");
        let server = RedisServer { child, url };
        server.wait_for_ping().await;
        server
    }

    pub(crate) async fn wait_for_ping(&self) {
        let client = redis::Client::open(self.url.as_str()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(mut connection) = client.get_multiplexed_async_connection().await {
                let reply: redis::RedisResult<String> =
                    redis::cmd("PING").query_async(&mut connection).await;
                if reply.is_ok() {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "redis-server did not answer PING"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh PostgreSQL database for this test run.
pub(crate) struct TestDatabase {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) pool: PgPool,
}

impl TestDatabase {
    pub(crate) async fn create() -> TestDatabase {
        let name = format!("layer1_mp_{}", random_suffix());
        let admin = PgPool::connect(ADMIN_URL).await.unwrap();
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect(&url)
            .await
            .unwrap();
        TestDatabase { name, url, pool }
    }

    /// Drops the database; a failure is printed, not raised.
    pub(crate) async fn drop_best_effort(self) {
        self.pool.close().await;
        let dropped = async {
            let admin = PgPool::connect(ADMIN_URL).await?;
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            sqlx::query(AssertSqlSafe(sql)).execute(&admin).await?;
            admin.close().await;
            Ok::<_, sqlx::Error>(())
        };
        if let Err(error) = dropped.await {
            println!("could not drop database {}: {error}", self.name);
        }
    }
}

/// One `layer1` process with its output in a log file; killed on drop.
pub(crate) struct ServiceProcess {
    pub(crate) name: String,
    pub(crate) child: Child,
    pub(crate) log: PathBuf,
    /// Base URL of the HTTP API, for API processes.
    pub(crate) base: Option<String>,
}

impl ServiceProcess {
    pub(crate) fn spawn(
        name: &str,
        args: &[&str],
        env: &[(&str, String)],
        dir: &Path,
    ) -> ServiceProcess {
        let work_dir = dir.join(name);
        std::fs::create_dir_all(&work_dir).unwrap();
        let log = dir.join(format!("{name}.log"));
        let file = File::create(&log).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_layer1"));
        command
            .args(args)
            .env_clear()
            .envs(env.iter().map(|(key, value)| (*key, value.as_str())))
            .env("DATA_DIR", work_dir.join("data"))
            // No `.env` file of the developer's checkout is read from here.
            .current_dir(&work_dir)
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file);
        for passed in ["PATH", "TMPDIR", "ORT_DYLIB_PATH", "RUST_LOG"] {
            if let Some(value) = std::env::var_os(passed) {
                command.env(passed, value);
            }
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("{name} starts: {e}"));
        ServiceProcess {
            name: name.to_string(),
            child,
            log,
            base: None,
        }
    }

    /// Returns the last lines of the process's output.
    pub(crate) fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.len().saturating_sub(25);
        format!(
            "--- {} ({})\n{}",
            self.name,
            self.log.display(),
            lines[start..].join("\n")
        )
    }

    /// Returns how many lines of the process's output contain `text`.
    pub(crate) fn log_count(&self, text: &str) -> usize {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        log.lines().filter(|line| line.contains(text)).count()
    }

    /// Returns the exit status when the process has ended.
    pub(crate) fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().unwrap()
    }
}

impl Drop for ServiceProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The two API processes and the two worker processes.
pub(crate) struct Cluster {
    pub(crate) apis: Vec<ServiceProcess>,
    pub(crate) workers: Vec<ServiceProcess>,
}

impl Cluster {
    pub(crate) async fn start(dir: &Path, env: &[(&str, String)]) -> Cluster {
        let mut apis = Vec::new();
        for index in 0..2 {
            let port = free_port();
            let mut api_env = env.to_vec();
            api_env.push(("PORT", port.to_string()));
            let name = format!("api{index}");
            let mut process =
                ServiceProcess::spawn(&name, &["serve", "--no-workers"], &api_env, dir);
            process.base = Some(format!("http://127.0.0.1:{port}"));
            apis.push(process);
        }
        let workers = (0..2)
            .map(|index| ServiceProcess::spawn(&format!("worker{index}"), &["worker"], env, dir))
            .collect();
        let mut cluster = Cluster { apis, workers };
        cluster.wait_until_ready().await;
        cluster
    }

    pub(crate) fn bases(&self) -> Vec<String> {
        self.apis
            .iter()
            .map(|api| api.base.clone().unwrap())
            .collect()
    }

    /// Waits until both API processes return 200 from `/ready`, and checks that no process has
    /// exited.
    pub(crate) async fn wait_until_ready(&mut self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(90);
        for base in self.bases() {
            loop {
                self.assert_running();
                let reply = client
                    .get(format!("{base}/ready"))
                    .timeout(Duration::from_secs(2))
                    .send()
                    .await;
                if reply.is_ok_and(|reply| reply.status().is_success()) {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "{base}/ready did not answer 200 within 90 s\n{}",
                    self.logs()
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        self.assert_running();
    }

    /// Panics with the logs when a process that should run has exited.
    pub(crate) fn assert_running(&mut self) {
        let mut ended = Vec::new();
        for process in self.apis.iter_mut().chain(self.workers.iter_mut()) {
            if let Some(status) = process.exited() {
                ended.push(format!("{} exited with {status}", process.name));
            }
        }
        assert!(ended.is_empty(), "{}\n{}", ended.join("\n"), self.logs());
    }

    pub(crate) fn logs(&self) -> String {
        self.apis
            .iter()
            .chain(self.workers.iter())
            .map(ServiceProcess::log_tail)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A Node Socket.IO client (`tests/js/collect-events.mjs`) recording status events.
pub(crate) struct EventCollector {
    pub(crate) base: String,
    pub(crate) child: tokio::process::Child,
    pub(crate) stdin: tokio::process::ChildStdin,
    pub(crate) events: Arc<Mutex<Vec<Value>>>,
    pub(crate) reader: tokio::task::JoinHandle<()>,
}

impl EventCollector {
    pub(crate) async fn connect(base: &str) -> EventCollector {
        let mut child = tokio::process::Command::new("node")
            .arg("collect-events.mjs")
            .arg(base)
            .current_dir(js_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("node starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let events = Arc::new(Mutex::new(Vec::new()));
        let (connected_tx, connected_rx) = tokio::sync::oneshot::channel();
        let recorded = events.clone();
        let reader = tokio::spawn(async move {
            let mut connected_tx = Some(connected_tx);
            let mut lines = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                let value: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("collector printed invalid JSON ({e}): {line}"));
                if value["connected"] == json!(true) {
                    if let Some(sender) = connected_tx.take() {
                        let _ = sender.send(());
                    }
                } else if value.get("event").is_some() {
                    recorded.lock().unwrap().push(value);
                }
            }
        });
        tokio::time::timeout(Duration::from_secs(15), connected_rx)
            .await
            .unwrap_or_else(|_| panic!("Socket.IO client did not connect to {base} in 15 s"))
            .unwrap_or_else(|_| panic!("Socket.IO client for {base} ended before connecting"));
        EventCollector {
            base: base.to_string(),
            child,
            stdin,
            events,
            reader,
        }
    }

    pub(crate) fn final_event_count(&self) -> usize {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|event| is_final(event))
            .count()
    }

    /// Stops the client and returns every event it recorded. The client must still be
    /// connected: a socket dropped during the run fails the test.
    pub(crate) async fn stop(mut self) -> Vec<Value> {
        self.stdin.write_all(b"stop\n").await.unwrap();
        drop(self.stdin);
        let status = tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .expect("Socket.IO client stops within 10 s")
            .unwrap();
        assert!(
            status.success(),
            "Socket.IO client of {} ended with {status} (see its stderr above)",
            self.base
        );
        self.reader.await.unwrap();
        std::mem::take(&mut *self.events.lock().unwrap())
    }
}

/// Returns true for a `ready`/`error` document event or a `completed`/`failed` match event.
pub(crate) fn is_final(event: &Value) -> bool {
    matches!(
        (event["event"].as_str(), event["status"].as_str()),
        (
            Some("resume:update" | "job:update"),
            Some("ready" | "error")
        ) | (Some("match:update"), Some("completed" | "failed"))
    )
}
