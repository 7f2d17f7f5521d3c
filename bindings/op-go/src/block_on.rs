//! Drives the core's async entry points to completion on the calling thread.
//!
//! The core's `init_client` and `invoke` spawn their work onto op-sdk's process-wide runtime and
//! only await the join handle, so the calling thread needs no runtime of its own: parking it until
//! the handle wakes it is enough. Go calls arrive on cgo threads, many at once, each parked
//! independently; there is no lock shared between calls.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` until it is ready, parking the thread in between.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A spurious wake-up only costs one more poll.
        thread::park();
    }
}
