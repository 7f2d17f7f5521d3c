//! The one process-wide async runtime (docs/architecture.md §2.6), built lazily and rebuilt after `fork`,
//! and the one executor every entry point and binding goes through.
//!
//! A forked child inherits the parent's runtime object but not its worker threads, so using it
//! would hang. The runtime is therefore keyed by process id: a child builds its own on first use
//! and the inherited one is leaked on purpose (dropping it would try to join threads that do not
//! exist in the child).
//!
//! Work runs in one of two ways, both with panics caught here and nowhere else:
//! - [`spawn_with`]: on a runtime thread, calling `done` with the outcome when it ends (Python's
//!   asyncio futures, Node's Promises, the async Rust functions);
//! - [`run_here`]: on the calling thread inside the runtime's context, for callers that block a
//!   thread of their own anyway (Go's cgo threads, Python's `SyncClient`): no hand-off to a worker
//!   and back, so concurrent callers scale with cores.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::runtime::{Builder, Runtime};

use crate::error::{Error, Result};

static RUNTIME: Mutex<Option<(u32, Arc<Runtime>)>> = Mutex::new(None);

/// What an invocation ends with: the result text, or the error text (a JSON envelope or plain text).
pub type Outcome = std::result::Result<String, String>;

/// The runtime of this process, built on first use.
pub fn runtime() -> Result<Arc<Runtime>> {
    let pid = std::process::id();
    let mut slot = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((owner, rt)) = slot.as_ref()
        && *owner == pid
    {
        return Ok(Arc::clone(rt));
    }
    if let Some((_, inherited)) = slot.take() {
        std::mem::forget(inherited);
    }
    let rt = Arc::new(
        Builder::new_multi_thread()
            .enable_all()
            .thread_name("opkit-worker")
            .build()
            .map_err(|e| Error::Internal(format!("could not start the async runtime: {e}")))?,
    );
    *slot = Some((pid, Arc::clone(&rt)));
    Ok(rt)
}

/// Polls the inner future with panics caught, so a panicking operation ends as an outcome.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future<Output = Outcome>> Future for CatchUnwind<F> {
    type Output = Outcome;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let inner = self.get_mut().0.as_mut();
        catch_unwind(AssertUnwindSafe(|| inner.poll(cx)))
            .unwrap_or_else(|payload| Poll::Ready(Err(Error::from_panic(payload).to_envelope())))
    }
}

/// Calls the callback exactly once: with the outcome, or, if the task is dropped before it ends
/// (the runtime shutting down), with an `Internal` error, so no caller waits forever.
struct Done<D: FnOnce(Outcome)>(Option<D>);

impl<D: FnOnce(Outcome)> Done<D> {
    fn call(mut self, outcome: Outcome) {
        if let Some(done) = self.0.take() {
            // A panic in the caller's callback must not take a runtime thread down with it.
            let _ = catch_unwind(AssertUnwindSafe(|| done(outcome)));
        }
    }
}

impl<D: FnOnce(Outcome)> Drop for Done<D> {
    fn drop(&mut self) {
        if let Some(done) = self.0.take() {
            let cancelled = Error::Internal("the operation was cancelled".into()).to_envelope();
            let _ = catch_unwind(AssertUnwindSafe(|| done(Err(cancelled))));
        }
    }
}

/// Runs `work` on the SDK runtime and calls `done` with its outcome on the thread that finishes
/// it. Returns at once; `done` is called exactly once, also when the runtime cannot start.
pub fn spawn_with<F, D>(work: F, done: D)
where
    F: Future<Output = Outcome> + Send + 'static,
    D: FnOnce(Outcome) + Send + 'static,
{
    let done = Done(Some(done));
    match runtime() {
        Ok(rt) => {
            let work = CatchUnwind(Box::pin(work));
            rt.spawn(async move { done.call(work.await) });
        }
        Err(e) => done.call(Err(e.to_envelope())),
    }
}

/// Runs `work` to completion on the calling thread inside the runtime's context. Must not be
/// called from an async task: that is refused with an `Internal` error instead of a deadlock.
pub fn run_here<F>(work: F) -> Outcome
where
    F: Future<Output = Outcome>,
{
    let rt = runtime().map_err(|e| e.to_envelope())?;
    catch_unwind(AssertUnwindSafe(|| rt.block_on(work)))
        .unwrap_or_else(|payload| Err(Error::from_panic(payload).to_envelope()))
}

/// Runs a synchronous body with panics caught.
pub fn run_sync(work: impl FnOnce() -> Outcome) -> Outcome {
    catch_unwind(AssertUnwindSafe(work))
        .unwrap_or_else(|payload| Err(Error::from_panic(payload).to_envelope()))
}
