//! The invocation protocol: four functions over strings, exactly as the official core exposes them
//! (protocol §1-5), so that any wrapper written for the official core can drive opkit unchanged.
//!
//! - `init_client(config)` → the new client id as text (ids count up from 0 per process);
//! - `invoke(invocation)` (async) → the result's JSON text, `""` for unit results;
//! - `invoke_sync(invocation)` → the same for `ValidateSecretReference` and `GeneratePassword`;
//! - `release_client(id)` → nothing.
//!
//! `init_client_blocking` and `invoke_blocking` are the same calls for bindings whose callers block
//! a thread anyway (Go, Python's `SyncClient`): they run on that thread instead of a runtime thread.
//!
//! Failures are the JSON text `{"name": ..., "message": ...}` for domain errors and plain text for
//! schema errors, as in the official core. A panic anywhere inside becomes an `Internal` error.

use std::collections::HashMap;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use op_core::generator::{GeneratePasswordResponse, GeneratorError, generate};
use op_core::reference::SecretReference;
use op_core::wire::PasswordRecipe;

use crate::client::Client;
use crate::error::Error;
use crate::invocation::sync_only::{self, InvokeSyncConfig};
use crate::invocation::{ClientMethod, Invocation, SyncMethod, parse_invocation};
use crate::runtime::runtime;

mod dispatch;

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

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Runs `work` on the SDK runtime; a panic becomes an `Internal` error instead of an abort.
async fn on_runtime<F>(work: F) -> Result<String, String>
where
    F: Future<Output = Result<String, String>> + Send + 'static,
{
    let rt = runtime().map_err(|e| e.to_envelope())?;
    match rt.spawn(work).await {
        Ok(result) => result,
        Err(join) if join.is_panic() => Err(Error::Internal(format!(
            "panicked: {}",
            panic_message(join.into_panic().as_ref())
        ))
        .to_envelope()),
        Err(join) => {
            Err(Error::Internal(format!("the operation was cancelled: {join}")).to_envelope())
        }
    }
}

async fn create_client(config: String) -> Result<String, String> {
    let client = Client::from_config_json(&config).await?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    with_clients(|clients| clients.insert(id, Arc::new(client)));
    Ok(id.to_string())
}

/// Creates a client from a `ClientConfig` JSON text and returns its id as text.
pub async fn init_client(config: String) -> Result<String, String> {
    on_runtime(create_client(config)).await
}

/// [`init_client`] for a caller that blocks a thread of its own (see [`invoke_blocking`]).
pub fn init_client_blocking(config: String) -> Result<String, String> {
    on_this_thread(create_client(config))
}

/// Runs `work` on the calling thread inside the SDK runtime's context: no hand-off to a runtime
/// thread and back, so a point read costs no wake-up; writes still go to the blocking pool. A
/// panic (including one from being called on a runtime thread) becomes an `Internal` error.
fn on_this_thread<F>(work: F) -> Result<String, String>
where
    F: Future<Output = Result<String, String>>,
{
    let rt = runtime().map_err(|e| e.to_envelope())?;
    catch_unwind(AssertUnwindSafe(|| rt.block_on(work))).unwrap_or_else(|payload| {
        Err(Error::Internal(format!("panicked: {}", panic_message(payload.as_ref()))).to_envelope())
    })
}

async fn dispatch(invocation: String) -> Result<String, String> {
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

/// Runs a client or sync invocation.
pub async fn invoke(invocation: String) -> Result<String, String> {
    if invocation.len() > MESSAGE_LIMIT {
        return Err(too_large());
    }
    on_runtime(dispatch(invocation)).await
}

/// [`invoke`] for a caller that blocks a thread of its own until the answer is there (Go's cgo
/// threads, Python's `SyncClient`): the invocation runs on that thread, so concurrent callers
/// scale with cores instead of queueing for wake-ups. Must not be called from an async task.
pub fn invoke_blocking(invocation: String) -> Result<String, String> {
    if invocation.len() > MESSAGE_LIMIT {
        return Err(too_large());
    }
    on_this_thread(dispatch(invocation))
}

/// Runs `ValidateSecretReference` or `GeneratePassword` on the calling thread.
pub fn invoke_sync(invocation: String) -> Result<String, String> {
    if invocation.len() > MESSAGE_LIMIT {
        return Err(too_large());
    }
    catch_unwind(AssertUnwindSafe(|| {
        let parsed: InvokeSyncConfig =
            serde_json::from_str(&invocation).map_err(|e| e.to_string())?;
        let sync_only::Invocation::Sync(parsed) = parsed.invocation;
        run_sync(parsed.parameters)
    }))
    .unwrap_or_else(|payload| {
        Err(Error::Internal(format!("panicked: {}", panic_message(payload.as_ref()))).to_envelope())
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

fn run_sync(method: SyncMethod) -> Result<String, String> {
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

    #[test]
    fn a_panic_inside_becomes_an_internal_error() {
        let result = block_on(on_runtime(async {
            let empty: Vec<u8> = Vec::new();
            // Indexing past the end panics, as a bug in an operation would.
            Ok(empty[usize::from(empty.is_empty())].to_string())
        }));
        let text = result.unwrap_err();
        let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(envelope["name"], "Internal");
        assert!(
            envelope["message"].as_str().unwrap().contains("panicked"),
            "{text}"
        );
        // The runtime survives and serves the next call.
        assert_eq!(
            block_on(on_runtime(async { Ok("fine".to_owned()) })).unwrap(),
            "fine"
        );
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
