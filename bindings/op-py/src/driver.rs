//! Drives the core's futures without a runtime of our own.
//!
//! `op_sdk::protocol::{init_client, invoke}` spawn their work on op-sdk's process-wide runtime and
//! await the join handle, so the future a binding holds only waits. Giving it a second runtime (as
//! pyo3-async-runtimes would) would add threads and a runtime that hangs after `fork`. Instead:
//! [`spawn`] polls the future on the calling thread and again from its waker (a runtime worker
//! thread) until it is ready, then hands the result to a callback. Blocking calls (`SyncClient`)
//! use `op_sdk::invoke_blocking`, which runs on the calling thread.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

/// What the core's entry points resolve to: the result text, or the error text.
pub type Outcome = Result<String, String>;

type BoxFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;
type Callback = Box<dyn FnOnce(Outcome) + Send>;

const IDLE: u8 = 0;
const POLLING: u8 = 1;
const NOTIFIED: u8 = 2;
const DONE: u8 = 3;

struct Task {
    state: AtomicU8,
    future: Mutex<Option<BoxFuture>>,
    callback: Mutex<Option<Callback>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn panicked() -> String {
    r#"{"name":"Internal","message":"an internal error occurred in opkit, please report it with the steps that led to it: the Python binding's future panicked"}"#.to_owned()
}

impl Task {
    /// Polls until the future is pending with nobody else polling, or ready.
    fn run(self: &Arc<Self>) {
        let waker = Waker::from(Arc::clone(self));
        let mut cx = Context::from_waker(&waker);
        loop {
            let poll = {
                let mut slot = lock(&self.future);
                let Some(future) = slot.as_mut() else { return };
                catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx)))
                    .unwrap_or_else(|_| Poll::Ready(Err(panicked())))
            };
            match poll {
                Poll::Ready(outcome) => {
                    self.state.store(DONE, Ordering::Release);
                    lock(&self.future).take();
                    if let Some(callback) = lock(&self.callback).take() {
                        callback(outcome);
                    }
                    return;
                }
                Poll::Pending => {
                    // A wake during the poll left NOTIFIED: poll again rather than lose it.
                    if self
                        .state
                        .compare_exchange(POLLING, IDLE, Ordering::AcqRel, Ordering::Acquire)
                        .is_ok()
                    {
                        return;
                    }
                    self.state.store(POLLING, Ordering::Release);
                }
            }
        }
    }
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut state = self.state.load(Ordering::Acquire);
        loop {
            let (from, to) = match state {
                IDLE => (IDLE, POLLING),
                POLLING => (POLLING, NOTIFIED),
                _ => return,
            };
            match self
                .state
                .compare_exchange(from, to, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) if to == POLLING => return self.run(),
                Ok(_) => return,
                Err(actual) => state = actual,
            }
        }
    }
}

/// Runs `future` to completion and calls `callback` with its outcome, on whichever thread
/// completes it (the caller's, or a runtime worker's).
pub fn spawn<F>(future: F, callback: impl FnOnce(Outcome) + Send + 'static)
where
    F: Future<Output = Outcome> + Send + 'static,
{
    // `unconstrained`: the waker polls from a runtime worker, whose cooperative budget may be
    // spent; a budgeted join handle would then wake itself forever instead of completing.
    let task = Arc::new(Task {
        state: AtomicU8::new(POLLING),
        future: Mutex::new(Some(Box::pin(tokio::task::unconstrained(future)))),
        callback: Mutex::new(Some(Box::new(callback))),
    });
    task.run();
}
