//! The conformance harness: backends, fixtures and the cases that run on each backend.

#[macro_use]
pub(crate) mod backends;
pub(crate) mod cases;
pub(crate) mod fixtures;
mod postgres_locks;

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use futures::future::BoxFuture;
use layer1::store::Store;

/// A store on a database created for one test, and the clean-up that removes it.
pub(crate) struct TestDb {
    /// The store under test.
    pub(crate) store: Arc<dyn Store>,
    /// Closes the store and removes its database (best effort).
    pub(crate) cleanup: BoxFuture<'static, ()>,
}

/// Runs `case` on `db`, then removes the database, also when the case panics. A backend
/// that was skipped (`db` is `None`) passes without running anything.
pub(crate) async fn run<F, Fut>(db: Option<TestDb>, case: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(TestDb { store, cleanup }) = db else {
        return;
    };
    let outcome = AssertUnwindSafe(case(store.clone())).catch_unwind().await;
    drop(store);
    cleanup.await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Expands each `group { case, ... }` into modules `group::case` with one test per backend,
/// running `cases::group::case`.
macro_rules! conformance_tests {
    ($($group:ident { $($case:ident),* $(,)? }),* $(,)?) => {
        $(
            mod $group {
                $(
                    mod $case {
                        backend_tests!(crate::conformance::cases::$group::$case);
                    }
                )*
            }
        )*
    };
}
