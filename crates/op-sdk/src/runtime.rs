//! The one process-wide async runtime (ARCHITECTURE.md §2.6): built lazily, rebuilt after `fork`.
//!
//! A forked child inherits the parent's runtime object but not its worker threads, so using it
//! would hang. The runtime is therefore keyed by process id: a child builds its own on first use
//! and the inherited one is leaked on purpose (dropping it would try to join threads that do not
//! exist in the child).

use std::sync::{Arc, Mutex};

use tokio::runtime::{Builder, Runtime};

use crate::error::{Error, Result};

static RUNTIME: Mutex<Option<(u32, Arc<Runtime>)>> = Mutex::new(None);

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
