//! Settles a JS Promise from a core future without a second async runtime.
//!
//! The core's `init_client`/`invoke` futures only spawn their work on the core's own tokio runtime
//! and wait for it. So the future is polled once on the JS thread (which spawns the work) and then
//! by its waker, on whichever core thread finishes the work; the result reaches the JS thread
//! through the deferred's threadsafe function. Nothing blocks a JS or libuv thread.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::task::{Context, Poll, Wake, Waker};

use napi::JsDeferred;
use napi::bindgen_prelude::{Object, Result};
use napi::{Env, Error};

type CoreFuture = Pin<Box<dyn Future<Output = std::result::Result<String, String>> + Send>>;
type Resolver = Box<dyn FnOnce(Env) -> Result<String> + Send>;

/// Starts `future` and returns the Promise it settles.
pub fn promise<F>(env: &Env, future: F) -> Result<Object<'_>>
where
    F: Future<Output = std::result::Result<String, String>> + Send + 'static,
{
    let (deferred, promise) = env.create_deferred::<String, Resolver>()?;
    let task = Arc::new(Task {
        future: Mutex::new(Some(Box::pin(future))),
        deferred: Mutex::new(Some(deferred)),
        notified: AtomicBool::new(true),
    });
    task.drive();
    Ok(promise)
}

struct Task {
    future: Mutex<Option<CoreFuture>>,
    deferred: Mutex<Option<JsDeferred<String, Resolver>>>,
    /// Set by every wake-up; whoever holds `future` polls again while it is set, so a wake-up
    /// that arrives during a poll (on another thread, or re-entrantly) is never lost.
    notified: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.notified.store(true, Ordering::SeqCst);
        self.drive();
    }
}

impl Task {
    fn drive(self: &Arc<Self>) {
        while self.notified.load(Ordering::SeqCst) {
            let mut slot = match self.future.try_lock() {
                Ok(slot) => slot,
                // The thread polling now sees `notified` when it lets go, and polls again.
                Err(TryLockError::WouldBlock) => return,
                Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            };
            self.notified.store(false, Ordering::SeqCst);
            let Some(future) = slot.as_mut() else {
                return;
            };
            let waker = Waker::from(Arc::clone(self));
            let mut cx = Context::from_waker(&waker);
            let outcome = catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx)))
                .unwrap_or_else(|_| Poll::Ready(Err(internal("the addon panicked"))));
            if let Poll::Ready(result) = outcome {
                *slot = None;
                drop(slot);
                self.settle(result);
                return;
            }
        }
    }

    fn settle(&self, result: std::result::Result<String, String>) {
        let Some(deferred) = lock(&self.deferred).take() else {
            return;
        };
        match result {
            Ok(text) => deferred.resolve(Box::new(move |_env| Ok(text))),
            Err(text) => deferred.reject(Error::from_reason(text)),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The core's `Internal` envelope, for the one failure that happens outside the core.
fn internal(detail: &str) -> String {
    format!(r#"{{"name":"Internal","message":"an internal error occurred: {detail}"}}"#)
}
