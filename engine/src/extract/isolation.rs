//! Extraction placement: the calling thread, or a child process with resource limits.
//!
//! [`ChildProcessExtractor`] starts a program (the `layer1` binary with its hidden
//! extraction subcommand) per document, writes the bytes to its stdin and reads one
//! [`ChildReply`] from its stdout. The child limits its own address space and CPU time
//! (see [`super::child`]), and the parent kills it when the wall-clock timeout expires.
//! A hostile file therefore costs one document's error, never the calling worker.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::child::{ChildLimits, ChildReply};
use super::{ExtractError, ExtractLimits, ExtractedText, extract_text};

/// Largest reply read from the child, in bytes. Extracted text is far smaller.
const MAX_REPLY_BYTES: u64 = 256 * 1024 * 1024;
/// Stderr kept from the child to classify its failure, in bytes.
const MAX_STDERR_BYTES: u64 = 64 * 1024;
/// Message Rust's allocation error handler prints before it aborts the process.
const ALLOCATION_FAILURE: &str = "memory allocation of";
/// `SIGXCPU`: the CPU-time soft limit was reached.
const SIGXCPU: i32 = 24;

/// Extracts text from document bytes.
pub trait TextExtractor: Send + Sync {
    /// Extracts the text of one document. Blocks the calling thread.
    fn extract(&self, bytes: &[u8]) -> Result<ExtractedText, ExtractError>;
}

/// Runs [`extract_text`] in the calling thread, with no time or memory limit.
#[derive(Debug, Clone, Default)]
pub struct InProcessExtractor {
    /// Limits passed to the readers.
    pub limits: ExtractLimits,
}

impl TextExtractor for InProcessExtractor {
    fn extract(&self, bytes: &[u8]) -> Result<ExtractedText, ExtractError> {
        extract_text(bytes, &self.limits)
    }
}

/// Settings of [`ChildProcessExtractor`].
#[derive(Debug, Clone)]
pub struct ChildProcessSettings {
    /// Program to start, usually the `layer1` binary itself.
    pub program: PathBuf,
    /// Arguments that select the extraction subcommand. The limits are appended to them.
    pub args: Vec<String>,
    /// Limits passed to the readers in the child.
    pub limits: ExtractLimits,
    /// Largest address space of the child, in MiB.
    pub memory_mb: u64,
    /// Wall-clock time after which the child is killed, in milliseconds.
    pub timeout_ms: u64,
}

/// Runs extraction in a child process under memory, CPU and wall-clock limits.
#[derive(Debug, Clone)]
pub struct ChildProcessExtractor {
    settings: ChildProcessSettings,
}

impl ChildProcessExtractor {
    /// Builds an extractor that starts `settings.program` for each document.
    pub fn new(settings: ChildProcessSettings) -> Self {
        Self { settings }
    }

    /// Returns the resource limits the child applies to itself. The CPU limit is the
    /// timeout rounded up to whole seconds plus one, so the wall clock normally fires first.
    pub fn child_limits(&self) -> ChildLimits {
        ChildLimits {
            memory_mb: self.settings.memory_mb,
            cpu_secs: self.settings.timeout_ms.div_ceil(1000) + 1,
        }
    }

    /// Returns the full argument list of the child.
    pub fn child_args(&self) -> Vec<String> {
        let limits = &self.settings.limits;
        let child = self.child_limits();
        let mut args = self.settings.args.clone();
        args.extend([
            format!("--max-bytes={}", limits.max_bytes),
            format!("--max-pages={}", limits.max_pages),
            format!("--max-decompressed-bytes={}", limits.max_decompressed_bytes),
            format!("--memory-mb={}", child.memory_mb),
            format!("--cpu-secs={}", child.cpu_secs),
        ]);
        args
    }

    fn spawn(&self) -> Result<Child, ExtractError> {
        Command::new(&self.settings.program)
            .args(self.child_args())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| ExtractError::Crashed {
                detail: format!(
                    "failed to start {}: {error}",
                    self.settings.program.display()
                ),
            })
    }
}

impl TextExtractor for ChildProcessExtractor {
    fn extract(&self, bytes: &[u8]) -> Result<ExtractedText, ExtractError> {
        if bytes.len() > self.settings.limits.max_bytes {
            return Err(ExtractError::TooLarge {
                size: bytes.len(),
                max: self.settings.limits.max_bytes,
            });
        }
        let started = Instant::now();
        let mut child = self.spawn()?;
        let timeout = Duration::from_millis(self.settings.timeout_ms);
        // The pipe threads are detached: after a kill, a pipe may stay open until every
        // process holding it has exited, and the caller must not wait for that.
        if let Some(mut stdin) = child.stdin.take() {
            let bytes = bytes.to_vec();
            // A child that dies early closes its stdin; the write error is then expected.
            thread::spawn(move || stdin.write_all(&bytes));
        }
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let reply = thread::spawn(move || read_capped(stdout, MAX_REPLY_BYTES));
        let errors = thread::spawn(move || read_capped(stderr, MAX_STDERR_BYTES));
        let result = match wait_or_kill(&mut child, timeout) {
            None => Err(ExtractError::Timeout {
                limit_ms: self.settings.timeout_ms,
            }),
            Some(status) => {
                let reply = reply.join().unwrap_or_default();
                let errors = errors.join().unwrap_or_default();
                self.classify(status, &reply, &errors)
            }
        };
        tracing::debug!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            outcome = result.as_ref().map_or_else(ExtractError::code, |_| "ok"),
            "extraction child finished"
        );
        result
    }
}

impl ChildProcessExtractor {
    /// Turns the child's exit status, stdout and stderr into the extraction result.
    fn classify(
        &self,
        status: ExitStatus,
        reply: &[u8],
        errors: &[u8],
    ) -> Result<ExtractedText, ExtractError> {
        if status.success() {
            return match serde_json::from_slice::<ChildReply>(reply) {
                Ok(ChildReply::Ok(text)) => Ok(text),
                Ok(ChildReply::Err(error)) => Err(error.into()),
                Err(error) => Err(ExtractError::Crashed {
                    detail: format!("the child's reply is not valid: {error}"),
                }),
            };
        }
        let stderr = String::from_utf8_lossy(errors);
        if stderr.contains(ALLOCATION_FAILURE) {
            return Err(ExtractError::MemoryLimit {
                limit_mb: self.settings.memory_mb,
            });
        }
        if status.signal() == Some(SIGXCPU) {
            return Err(ExtractError::Timeout {
                limit_ms: self.settings.timeout_ms,
            });
        }
        let detail = match (status.code(), status.signal()) {
            (Some(code), _) => format!("the child exited with status {code}"),
            (None, Some(signal)) => format!("the child was stopped by signal {signal}"),
            (None, None) => "the child ended for an unknown reason".to_string(),
        };
        Err(ExtractError::Crashed { detail })
    }
}

/// Waits for the child until `timeout`; kills it and returns `None` when time runs out.
fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => {
                thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Ok(None) | Err(_) => {
                // The child may have exited between the check and the kill; both are fine.
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Reads a pipe to its end, keeping at most `max` bytes and discarding the rest.
fn read_capped(pipe: Option<impl Read>, max: u64) -> Vec<u8> {
    let Some(mut pipe) = pipe else {
        return Vec::new();
    };
    let mut head = Vec::new();
    let _ = pipe.by_ref().take(max).read_to_end(&mut head);
    let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str, timeout_ms: u64) -> ChildProcessExtractor {
        ChildProcessExtractor::new(ChildProcessSettings {
            program: PathBuf::from("/bin/sh"),
            // `sh -c SCRIPT NAME ARGS…`: the appended limits become positional arguments.
            args: vec!["-c".to_string(), script.to_string(), "child".to_string()],
            limits: ExtractLimits::default(),
            memory_mb: 256,
            timeout_ms,
        })
    }

    #[test]
    fn reply_on_stdout_becomes_text() {
        let extractor = shell(
            r#"cat >/dev/null; printf '{"ok":{"kind":"text","text":"Go","pages":1}}'"#,
            5_000,
        );
        let text = extractor.extract(b"Go").expect("text");
        assert_eq!(text.text, "Go");
        assert_eq!(text.pages, 1);
    }

    #[test]
    fn error_reply_keeps_its_code() {
        let extractor = shell(r#"printf '{"err":{"code":"no_text"}}'"#, 5_000);
        let error = extractor.extract(b"x").expect_err("no text");
        assert_eq!(error.code(), "no_text");
    }

    #[test]
    fn child_over_time_is_killed() {
        let started = Instant::now();
        let error = shell("sleep 10", 200).extract(b"x").expect_err("timeout");
        assert_eq!(error.code(), "extract_timeout");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn allocation_failure_is_a_memory_error() {
        let script = "echo 'memory allocation of 4096 bytes failed' >&2; kill -ABRT $$";
        let error = shell(script, 5_000).extract(b"x").expect_err("memory");
        assert_eq!(error.code(), "extract_memory");
    }

    #[test]
    fn signal_death_is_a_crash() {
        let error = shell("kill -SEGV $$", 5_000)
            .extract(b"x")
            .expect_err("crash");
        assert_eq!(error.code(), "extract_crashed");
        assert!(error.to_string().contains("signal 11"), "{error}");
    }

    #[test]
    fn garbage_reply_is_a_crash() {
        let error = shell("echo running 0 tests", 5_000)
            .extract(b"x")
            .expect_err("crash");
        assert_eq!(error.code(), "extract_crashed");
    }

    #[test]
    fn missing_program_is_a_crash() {
        let mut extractor = shell("true", 5_000);
        extractor.settings.program = PathBuf::from("/nonexistent/layer1");
        let error = extractor.extract(b"x").expect_err("crash");
        assert_eq!(error.code(), "extract_crashed");
    }
}
