//! Retry schedule of SQL Server requests: exponential backoff on transient errors only.

use std::time::Duration;

use super::error::MssqlError;

/// Maximum wait between two attempts, whatever the backoff setting.
const MAX_DELAY: Duration = Duration::from_secs(30);

/// How often and how long to wait before trying a failed request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Delay before the first retry; it doubles with each further retry.
    pub backoff: Duration,
}

impl RetryPolicy {
    /// Returns the delay before retry number `retry` (1 for the first), capped at 30 s.
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = 2_u32.saturating_pow(retry.saturating_sub(1));
        self.backoff.saturating_mul(factor).min(MAX_DELAY)
    }

    /// Returns the delay before the next attempt, or `None` when `error` must be returned:
    /// it is not transient, or `failed_retries` retries were already made.
    pub fn next_delay(&self, failed_retries: u32, error: &MssqlError) -> Option<Duration> {
        if failed_retries >= self.retries || !error.is_transient() {
            return None;
        }
        Some(self.delay(failed_retries + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            retries: 3,
            backoff: Duration::from_millis(500),
        }
    }

    fn timeout() -> MssqlError {
        MssqlError::RequestTimeout {
            operation: "insert_resume",
            timeout_ms: 30_000,
        }
    }

    #[test]
    fn delay_doubles_per_retry() {
        let policy = policy();

        assert_eq!(policy.delay(1), Duration::from_millis(500));
        assert_eq!(policy.delay(2), Duration::from_millis(1_000));
        assert_eq!(policy.delay(3), Duration::from_millis(2_000));
    }

    #[test]
    fn delay_is_capped() {
        assert_eq!(policy().delay(40), MAX_DELAY);
    }

    #[test]
    fn transient_errors_retry_until_the_limit() {
        let policy = policy();
        let error = timeout();

        assert_eq!(
            policy.next_delay(0, &error),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            policy.next_delay(2, &error),
            Some(Duration::from_millis(2_000))
        );
        assert_eq!(policy.next_delay(3, &error), None);
    }

    #[test]
    fn final_errors_never_retry() {
        let error = MssqlError::Driver(tiberius::error::Error::Protocol("bad".into()));

        assert_eq!(policy().next_delay(0, &error), None);
    }

    #[test]
    fn zero_retries_turn_retrying_off() {
        let policy = RetryPolicy {
            retries: 0,
            backoff: Duration::from_millis(500),
        };

        assert_eq!(policy.next_delay(0, &timeout()), None);
    }
}
