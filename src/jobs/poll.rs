//! The wake-up timer of idle workers.
//!
//! A worker whose fetch finds its queue empty sleeps until something wakes it. Without a timer
//! that is its next heartbeat, so a new job could wait a whole `WORKER_HEARTBEAT_SECS`.
//! apalis' own interval strategy arms its next timer without polling it. When a fetch completes
//! within the same poll, nothing then wakes the worker, so [`IdlePoll`] polls every timer it arms.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use apalis::prelude::{PollSnapshot, PollStrategy};
use tokio::time::Sleep;

/// Wakes the worker every `interval` while it waits for jobs.
pub(super) struct IdlePoll {
    interval: Duration,
    timer: Option<Pin<Box<Sleep>>>,
}

impl IdlePoll {
    /// Wakes every `interval`.
    pub(super) fn new(interval: Duration) -> Self {
        Self {
            interval,
            timer: None,
        }
    }
}

impl Clone for IdlePoll {
    fn clone(&self) -> Self {
        Self::new(self.interval)
    }
}

impl PollStrategy for IdlePoll {
    fn poll_drive(&mut self, cx: &mut Context<'_>, _: &PollSnapshot) -> Poll<Option<()>> {
        let mut fired = false;
        loop {
            let interval = self.interval;
            let timer = self
                .timer
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(interval)));

            // The next timer is polled in the same call, so it registers this task's waker.
            match timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    self.timer = None;
                    fired = true;
                }
                Poll::Pending if fired => return Poll::Ready(Some(())),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[tokio::test]
    async fn every_armed_timer_wakes_the_worker() {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let waker = std::task::Waker::from(counter.clone());
        let mut cx = Context::from_waker(&waker);
        let mut poll = IdlePoll::new(Duration::from_millis(20));
        let snapshot = PollSnapshot::new();

        assert!(poll.poll_drive(&mut cx, &snapshot).is_pending());
        for round in 1..=3 {
            // `IdlePoll` keeps at most one timer, so however late this sleep ends, the worker
            // was woken exactly once per round.
            tokio::time::sleep(Duration::from_millis(60)).await;
            assert_eq!(counter.0.load(Ordering::SeqCst), round, "round {round}");
            // The worker runs, its fetch completes at once, and it polls again.
            assert!(poll.poll_drive(&mut cx, &snapshot).is_ready());
        }
    }
}
