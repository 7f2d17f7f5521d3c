//! The invocation protocol: four functions over strings, exactly as the official core exposes them
//! (docs/protocol.md §1-5), so that any wrapper written for the official core can drive opkit unchanged.
//!
//! - `init_client(config)` → the new client id as text (ids count up from 0 per process);
//! - `invoke(invocation)` (async) → the result's JSON text, `""` for unit results;
//! - `invoke_sync(invocation)` → the same for `ValidateSecretReference` and `GeneratePassword`;
//! - `release_client(id)` → nothing.
//!
//! Bindings start invocations through one executor: [`init_client_with`] and [`invoke_with`] run
//! the call on op-sdk's runtime and call the binding back with the outcome, so no binding needs a
//! future, a waker or a runtime of its own. `init_client_blocking` and `invoke_blocking` are the
//! same calls for bindings whose callers block a thread anyway (Go, Python's `SyncClient`): they
//! run on that thread instead of a runtime thread.
//!
//! Failures are the JSON text `{"name": ..., "message": ...}` for domain errors and plain text for
//! schema errors, as in the official core. A panic anywhere inside becomes an `Internal` error.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use op_core::generator::{GeneratePasswordResponse, GeneratorError, generate};
use op_core::reference::SecretReference;
use op_core::wire::PasswordRecipe;
use tokio::sync::oneshot;

use crate::client::Client;
use crate::error::Error;
use crate::invocation::sync_only::{self, InvokeSyncConfig};
use crate::invocation::{ClientMethod, Invocation, SyncMethod, parse_invocation};
pub use crate::runtime::Outcome;
use crate::runtime::{run_here, spawn_with};

pub mod config;
mod dispatch;
mod init;

/// Largest invocation, in bytes of UTF-8 (the official wrappers' `MESSAGE_LIMIT`).
pub const MESSAGE_LIMIT: usize = 50 * 1024 * 1024;

static NEXT_ID: AtomicU64 = AtomicU64::new(0);
static CLIENTS: Mutex<Option<HashMap<u64, Arc<Client>>>> = Mutex::new(None);

fn with_clients<T>(f: impl FnOnce(&mut HashMap<u64, Arc<Client>>) -> T) -> T {
    let mut guard = CLIENTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    f(guard.get_or_insert_with(HashMap::new))
}

fn too_large() -> String {
    format!(
        "message size exceeds the limit of {MESSAGE_LIMIT} bytes; send large files in several calls or attach them with `opkit item attach`"
    )
}

async fn create_client(config: String) -> Outcome {
    let client = Client::from_config_json(&config).await?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    with_clients(|clients| clients.insert(id, Arc::new(client)));
    Ok(id.to_string())
}

/// Starts creating a client from a `ClientConfig` JSON text on the SDK runtime; `done` receives
/// the new client id as text (or the error text) on a runtime thread, exactly once.
pub fn init_client_with(config: String, done: impl FnOnce(Outcome) + Send + 'static) {
    spawn_with(create_client(config), done);
}

/// Starts a client or sync invocation on the SDK runtime; `done` receives the result's JSON text
/// (`""` for unit results) or the error text, exactly once, on a runtime thread (or on the
/// calling thread, before this returns, when the invocation is refused unread).
pub fn invoke_with(invocation: String, done: impl FnOnce(Outcome) + Send + 'static) {
    if invocation.len() > MESSAGE_LIMIT {
        return done(Err(too_large()));
    }
    spawn_with(dispatch(invocation), done);
}

/// Invocations up to this size may be parsed on the caller's thread by [`invoke_inline_first`];
/// larger ones (file contents) are parsed on the runtime, off an event loop.
const INLINE_LIMIT: usize = 64 * 1024;

/// [`invoke_with`] that runs the invocation on the calling thread until it has to wait: a point
/// read (`SecretsResolve`, `ItemsGet`, ...) calls `done` before this returns, a write continues on
/// the runtime.
pub fn invoke_inline_first(invocation: String, done: impl FnOnce(Outcome) + Send + 'static) {
    if invocation.len() > INLINE_LIMIT {
        return invoke_with(invocation, done);
    }
    crate::runtime::spawn_inline_first(dispatch(invocation), done);
}

/// Awaits what an `*_with` call hands its callback.
async fn settled(start: impl FnOnce(Box<dyn FnOnce(Outcome) + Send>)) -> Outcome {
    let (tx, rx) = oneshot::channel();
    start(Box::new(move |outcome| {
        // The receiver is gone only if the caller stopped waiting; nobody is left to tell.
        let _ = tx.send(outcome);
    }));
    rx.await.unwrap_or_else(|_| {
        Err(Error::Internal("the operation was cancelled".into()).to_envelope())
    })
}

/// Creates a client from a `ClientConfig` JSON text and returns its id as text.
pub async fn init_client(config: String) -> Outcome {
    settled(|done| init_client_with(config, done)).await
}

/// [`init_client`] for a caller that blocks a thread of its own (see [`invoke_blocking`]).
pub fn init_client_blocking(config: String) -> Outcome {
    run_here(create_client(config))
}

async fn dispatch(invocation: String) -> Outcome {
    match parse_invocation(&invocation)? {
        Invocation::Sync(sync) => run_sync(sync.parameters),
        Invocation::Client(call) => {
            let call = *call;
            let method = match call.parameters {
                ClientMethod::ValidateSecretReference { secret_reference } => {
                    return run_sync(SyncMethod::ValidateSecretReference { secret_reference });
                }
                ClientMethod::GeneratePassword { recipe } => {
                    return run_sync(SyncMethod::GeneratePassword { recipe });
                }
                other => other,
            };
            let client = with_clients(|clients| clients.get(&call.client_id).cloned())
                .ok_or_else(|| Error::Internal("invalid client id".into()).to_envelope())?;
            client.invoke(method).await.map_err(|e| e.to_envelope())
        }
    }
}

/// Runs a client or sync invocation on the SDK runtime.
pub async fn invoke(invocation: String) -> Outcome {
    settled(|done| invoke_with(invocation, done)).await
}

/// [`invoke`] for a caller that blocks a thread of its own until the answer is there (Go's cgo
/// threads, Python's `SyncClient`): the invocation runs on that thread, so concurrent callers
/// scale with cores instead of queueing for wake-ups. Must not be called from an async task.
pub fn invoke_blocking(invocation: String) -> Outcome {
    if invocation.len() > MESSAGE_LIMIT {
        return Err(too_large());
    }
    run_here(dispatch(invocation))
}

/// Runs `ValidateSecretReference` or `GeneratePassword` on the calling thread.
pub fn invoke_sync(invocation: String) -> Outcome {
    if invocation.len() > MESSAGE_LIMIT {
        return Err(too_large());
    }
    crate::runtime::run_sync(|| {
        let parsed: InvokeSyncConfig =
            serde_json::from_str(&invocation).map_err(|e| e.to_string())?;
        let sync_only::Invocation::Sync(parsed) = parsed.invocation;
        run_sync(parsed.parameters)
    })
}

/// Releases a client; its id is never reused.
pub fn release_client(client_id: String) -> Result<(), String> {
    let not_found =
        || Error::Internal("Could not drop SDK client. Invalid client ID".into()).to_envelope();
    let id: u64 = serde_json::from_str::<serde_json::Value>(&client_id)
        .ok()
        .and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
        .ok_or_else(not_found)?;
    with_clients(|clients| clients.remove(&id))
        .map(|_| ())
        .ok_or_else(not_found)
}

fn run_sync(method: SyncMethod) -> Outcome {
    let result = match method {
        SyncMethod::ValidateSecretReference { secret_reference } => {
            validate_reference(&secret_reference).map(|()| String::new())
        }
        SyncMethod::GeneratePassword { recipe } => {
            generate_password(&recipe).and_then(|response| {
                serde_json::to_string(&response)
                    .map_err(|e| Error::Internal(format!("could not encode the password: {e}")))
            })
        }
    };
    result.map_err(|e| e.to_envelope())
}

/// `ValidateSecretReference`.
pub fn validate_reference(reference: &str) -> Result<(), Error> {
    SecretReference::parse(reference)
        .map(|_| ())
        .map_err(|e| Error::ParsingSecretReference(e.to_string()))
}

/// `GeneratePassword`.
pub fn generate_password(recipe: &PasswordRecipe) -> Result<GeneratePasswordResponse, Error> {
    match generate(recipe) {
        Ok(password) => Ok(GeneratePasswordResponse { password }),
        Err(GeneratorError::InvalidRecipe(problems)) => Err(Error::InvalidConfiguration(problems)),
        Err(other) => Err(Error::GeneratingPassword(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn blocking_calls_answer_like_the_async_ones_on_the_calling_thread() {
        let pin = r#"{"invocation":{"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Pin","parameters":{"length":6}}}},"clientId":0}}"#;
        let out = invoke_blocking(pin.to_owned()).unwrap();
        assert_eq!(out.len(), r#"{"password":"123456"}"#.len(), "{out}");
        let unknown = r#"{"invocation":{"parameters":{"name":"VaultsList","parameters":{}},"clientId":999999}}"#;
        let err = invoke_blocking(unknown.to_owned()).unwrap_err();
        assert!(
            err.contains("\"Internal\"") && err.contains("invalid client id"),
            "{err}"
        );
        assert_eq!(
            block_on(invoke(unknown.to_owned())).unwrap_err(),
            err,
            "the same envelope as the async call"
        );
        let config = init_client_blocking("{}".to_owned()).unwrap_err();
        assert!(!config.is_empty());
        // Inside an async task, blocking would deadlock a runtime thread: it is refused, not a hang.
        let nested = block_on(async { invoke_blocking(pin.to_owned()) }).unwrap_err();
        assert!(nested.contains("Internal"), "{nested}");
    }

    /// Starts `start` and waits for the outcome it hands its callback, counting the calls.
    fn called_back(start: impl FnOnce(Box<dyn FnOnce(Outcome) + Send>)) -> Outcome {
        let (tx, rx) = std::sync::mpsc::channel();
        start(Box::new(move |outcome| tx.send(outcome).unwrap()));
        let outcome = rx.recv().unwrap();
        assert!(rx.recv().is_err(), "the callback runs exactly once");
        outcome
    }

    #[test]
    fn a_panic_inside_becomes_an_internal_error() {
        let text = called_back(|done| {
            crate::runtime::spawn_with(
                async {
                    let empty: Vec<u8> = Vec::new();
                    // Indexing past the end panics, as a bug in an operation would.
                    Ok(empty[usize::from(empty.is_empty())].to_string())
                },
                done,
            )
        })
        .unwrap_err();
        let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(envelope["name"], "Internal");
        let message = envelope["message"].as_str().unwrap();
        assert!(message.contains("panicked: index out of bounds"), "{text}");
        // The same text from the blocking executor.
        let here = crate::runtime::run_here(async {
            let empty: Vec<u8> = Vec::new();
            Ok(empty[usize::from(empty.is_empty())].to_string())
        });
        assert!(here.unwrap_err().contains("panicked: index out of bounds"));
        // A callback that panics does not take the runtime down: the next call is served.
        invoke_with(String::new(), |_| {
            let empty: Vec<u8> = Vec::new();
            let _ = empty[usize::from(empty.is_empty())];
        });
        let pin = r#"{"invocation":{"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Pin","parameters":{"length":6}}}}}}"#;
        assert!(called_back(|done| invoke_with(pin.to_owned(), done)).is_ok());
    }

    #[test]
    fn the_largest_file_is_the_largest_message() {
        assert_eq!(crate::codec::files::MAX_FILE_SIZE, MESSAGE_LIMIT);
    }

    #[test]
    fn invoke_with_calls_back_with_what_the_blocking_call_returns() {
        let unknown = r#"{"invocation":{"parameters":{"name":"VaultsList","parameters":{}},"clientId":999999}}"#;
        let blocking = invoke_blocking(unknown.to_owned()).unwrap_err();
        let with = called_back(|done| invoke_with(unknown.to_owned(), done)).unwrap_err();
        assert_eq!(with, blocking);
        let schema = called_back(|done| invoke_with("{}".to_owned(), done)).unwrap_err();
        assert!(schema.starts_with("missing field `invocation`"), "{schema}");
        let config = called_back(|done| init_client_with("{}".to_owned(), done)).unwrap_err();
        assert_eq!(config, init_client_blocking("{}".to_owned()).unwrap_err());
        // Refused unread: the callback runs before `invoke_with` returns.
        let huge = "x".repeat(MESSAGE_LIMIT + 1);
        let (tx, rx) = std::sync::mpsc::channel();
        invoke_with(huge, move |outcome| tx.send(outcome).unwrap());
        assert!(rx.try_recv().unwrap().unwrap_err().contains("52428800"));
    }

    #[test]
    fn oversized_messages_are_refused_before_parsing() {
        let huge = "x".repeat(MESSAGE_LIMIT + 1);
        assert!(invoke_sync(huge.clone()).unwrap_err().contains("52428800"));
        assert!(block_on(invoke(huge)).unwrap_err().contains("52428800"));
    }

    #[test]
    fn release_accepts_the_id_as_json_number_or_string() {
        assert!(release_client("\"18446744073709551615\"".into()).is_err());
        assert!(
            release_client("not an id".into())
                .unwrap_err()
                .contains("Invalid client ID")
        );
    }
}
