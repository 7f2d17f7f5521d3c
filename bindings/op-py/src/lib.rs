//! `opkit._core`: opkit's core protocol as a Python extension module.
//!
//! The four functions of the official core (protocol §1): `init_client` and `invoke` return
//! awaitables (asyncio futures), `invoke_sync` and `release_client` return at once. Every failure
//! raises `CoreError`, whose `.msg` holds the core's error text unchanged (the JSON envelope
//! `{"name", "message"}`, or plain text for schema errors), as the official UniFFI core does, so
//! any wrapper that speaks the official protocol can drive this module.
//!
//! Beyond the protocol, for the synchronous client and the hot static calls: `init_client_blocking`
//! and `invoke_blocking` (the same calls, blocking the calling thread), and typed fast paths for
//! `ValidateSecretReference` and `GeneratePassword` that skip the JSON hop (ARCHITECTURE.md §2.1).
//! The GIL is released whenever Rust does real work. Awaitables are settled by op-sdk's one
//! executor (`op_sdk::invoke_with`): no Python-side runtime, future or waker of our own, so
//! nothing of ours can hang after `fork` (op-sdk rebuilds its runtime in the child).

mod fast;

use op_sdk::Outcome;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

create_exception!(
    _core,
    CoreError,
    PyException,
    "A failure reported by opkit's core. `.msg` is the core's error text: the JSON envelope \
     {\"name\": ..., \"message\": ...} for domain errors, plain text for malformed requests."
);

/// `CoreError(msg)` with the text also under `.msg`, where the official core's wrappers read it.
pub(crate) fn core_error(py: Python<'_>, msg: String) -> PyErr {
    let err = CoreError::new_err(msg.clone());
    if let Err(e) = err.value(py).setattr("msg", msg) {
        return e;
    }
    err
}

/// Settles an asyncio future on its loop's thread, unless it was cancelled meanwhile.
#[pyfunction]
fn _settle(future: &Bound<'_, PyAny>, ok: bool, value: &Bound<'_, PyAny>) -> PyResult<()> {
    if future.call_method0("done")?.is_truthy()? {
        return Ok(());
    }
    let method = if ok { "set_result" } else { "set_exception" };
    future.call_method1(method, (value,))?;
    Ok(())
}

/// Settles `future` with `outcome`: directly when called on the thread that started the call
/// (the loop's own thread, before `invoke` returned: a point read), else through the loop's
/// `call_soon_threadsafe`, since asyncio futures belong to their loop's thread.
fn deliver(
    py: Python<'_>,
    event_loop: &Py<PyAny>,
    future: &Py<PyAny>,
    outcome: Outcome,
    on_loop_thread: bool,
) -> PyResult<()> {
    static SETTLE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let settle = SETTLE.get_or_try_init(py, || {
        wrap_pyfunction!(_settle, py).map(|f| f.into_any().unbind())
    })?;
    let (ok, value) = match outcome {
        Ok(text) => (true, text.into_pyobject(py)?.into_any()),
        Err(text) => (
            false,
            core_error(py, text)
                .into_value(py)
                .into_bound(py)
                .into_any(),
        ),
    };
    if on_loop_thread {
        return settle.call1(py, (future, ok, value)).map(|_| ());
    }
    let scheduled =
        event_loop.call_method1(py, "call_soon_threadsafe", (settle, future, ok, value));
    match scheduled {
        // A closed loop has nobody left to tell.
        Err(_) if event_loop.call_method0(py, "is_closed")?.is_truthy(py)? => Ok(()),
        other => other.map(|_| ()),
    }
}

/// An asyncio future of the running loop, settled from the thread that finishes the call `start`
/// begins (with the GIL released while it starts).
fn awaitable<'py>(
    py: Python<'py>,
    start: impl FnOnce(Box<dyn FnOnce(Outcome) + Send>) + Send,
) -> PyResult<Bound<'py, PyAny>> {
    static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let get_running_loop = GET_RUNNING_LOOP.get_or_try_init(py, || {
        py.import("asyncio")?
            .getattr("get_running_loop")
            .map(Bound::unbind)
    })?;
    let event_loop = get_running_loop.call0(py)?;
    let future = event_loop.call_method0(py, "create_future")?;
    let result = future.clone_ref(py).into_bound(py);
    let loop_thread = std::thread::current().id();
    py.detach(move || {
        start(Box::new(move |outcome| {
            let on_loop_thread = std::thread::current().id() == loop_thread;
            Python::attach(|py| {
                if let Err(e) = deliver(py, &event_loop, &future, outcome, on_loop_thread) {
                    e.write_unraisable(py, None);
                }
            });
        }));
    });
    Ok(result)
}

/// `init_client(config: str) -> Awaitable[str]`: a new client; resolves to its id as text.
#[pyfunction]
fn init_client(py: Python<'_>, config: String) -> PyResult<Bound<'_, PyAny>> {
    awaitable(py, |done| op_sdk::init_client_with(config, done))
}

/// `invoke(invocation: str) -> Awaitable[str]`: runs an invocation; resolves to its JSON result.
/// A point read runs on the loop's thread (GIL released) and settles before this returns: the
/// hop to a runtime thread and back through `call_soon_threadsafe` cost three times the read,
/// and the GIL serialises the Python side of concurrent calls anyway. Writes go to the runtime.
#[pyfunction]
fn invoke(py: Python<'_>, invocation: String) -> PyResult<Bound<'_, PyAny>> {
    awaitable(py, |done| op_sdk::invoke_inline_first(invocation, done))
}

/// `invoke_sync(invocation: str) -> str`: `ValidateSecretReference` or `GeneratePassword`.
#[pyfunction]
fn invoke_sync(py: Python<'_>, invocation: String) -> PyResult<String> {
    py.detach(|| op_sdk::invoke_sync(invocation))
        .map_err(|msg| core_error(py, msg))
}

/// `release_client(client_id: str) -> None`: forgets a client.
#[pyfunction]
fn release_client(py: Python<'_>, client_id: String) -> PyResult<()> {
    py.detach(|| op_sdk::release_client(client_id))
        .map_err(|msg| core_error(py, msg))
}

/// `init_client` that blocks the calling thread (GIL released) instead of returning an awaitable.
#[pyfunction]
fn init_client_blocking(py: Python<'_>, config: String) -> PyResult<String> {
    py.detach(|| op_sdk::init_client_blocking(config))
        .map_err(|msg| core_error(py, msg))
}

/// `invoke` that blocks the calling thread (GIL released) instead of returning an awaitable.
#[pyfunction]
fn invoke_blocking(py: Python<'_>, invocation: String) -> PyResult<String> {
    py.detach(|| op_sdk::invoke_blocking(invocation))
        .map_err(|msg| core_error(py, msg))
}

/// The module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add("MESSAGE_LIMIT", op_sdk::MESSAGE_LIMIT)?;
    m.add_function(wrap_pyfunction!(init_client, m)?)?;
    m.add_function(wrap_pyfunction!(invoke, m)?)?;
    m.add_function(wrap_pyfunction!(invoke_sync, m)?)?;
    m.add_function(wrap_pyfunction!(release_client, m)?)?;
    m.add_function(wrap_pyfunction!(init_client_blocking, m)?)?;
    m.add_function(wrap_pyfunction!(invoke_blocking, m)?)?;
    fast::register(m)
}
