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
//! - [`spawn_inline_first`]: polled once on the calling thread first, then as `spawn_with` if it
//!   has to wait (Python's asyncio futures: a point read ends before the call returns);
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

/// [`spawn_with`] that first polls `work` once on the calling thread, inside the runtime's
/// context: an invocation that finishes without waiting (a point read, which runs inline in the
/// core) calls `done` before this returns, with no hand-off to a runtime thread and back; one that
/// has to wait (a write on the blocking pool) continues on the runtime as [`spawn_with`] would.
/// For callers whose own thread serialises the work anyway (Python's asyncio loop, which holds the
/// GIL for everything around the call), where the hand-off cost more than the read.
pub fn spawn_inline_first<F, D>(work: F, done: D)
where
    F: Future<Output = Outcome> + Send + 'static,
    D: FnOnce(Outcome) + Send + 'static,
{
    let done = Done(Some(done));
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return done.call(Err(e.to_envelope())),
    };
    let mut work = CatchUnwind(Box::pin(work));
    let polled = {
        let _context = rt.enter();
        // The waker is never woken: a pending future is polled again by the task it moves into
        // below, which registers the runtime's own waker (tokio's futures register on every poll).
        let mut cx = Context::from_waker(std::task::Waker::noop());
        Pin::new(&mut work).poll(&mut cx)
    };
    match polled {
        Poll::Ready(outcome) => done.call(outcome),
        Poll::Pending => {
            rt.spawn(async move { done.call(work.await) });
        }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::mpsc;
    use std::time::Duration;

    use super::{Outcome, spawn_inline_first};

    fn start(work: impl std::future::Future<Output = Outcome> + Send + 'static) -> (bool, Outcome) {
        let (tx, rx) = mpsc::channel();
        spawn_inline_first(work, move |outcome| tx.send(outcome).unwrap());
        let settled_inline = rx.try_recv();
        let before = settled_inline.is_ok();
        let outcome = settled_inline
            .or_else(|_| rx.recv_timeout(Duration::from_secs(10)))
            .unwrap();
        (before, outcome)
    }

    #[test]
    fn work_that_does_not_wait_settles_before_the_call_returns() {
        let (inline, outcome) = start(async { Ok("read".to_owned()) });
        assert!(inline);
        assert_eq!(outcome, Ok("read".to_owned()));
    }

    #[test]
    fn work_that_waits_continues_on_the_runtime() {
        let (inline, outcome) = start(async {
            tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(20)))
                .await
                .map_err(|e| e.to_string())?;
            tokio::time::sleep(Duration::from_millis(5)).await;
            Ok("written".to_owned())
        });
        assert!(!inline);
        assert_eq!(outcome, Ok("written".to_owned()));
    }

    #[test]
    fn a_panic_on_the_first_poll_ends_as_an_internal_error() {
        let (inline, outcome) = start(async { panic!("boom") });
        assert!(inline);
        assert!(outcome.unwrap_err().contains("Internal"));
    }
}
