//! The Node-API addon behind the npm package `opkit`.
//!
//! It exports the invocation protocol under the official core module's names (protocol §1):
//! `init_client` and `invoke` return Promises settled from the core's runtime threads (through
//! op-sdk's one executor, `op_sdk::invoke_with`),
//! `invoke_sync` and `release_client` run on the calling thread. A failure rejects or throws an
//! `Error` whose message is the core's error text (the JSON envelope, or plain text for schema
//! errors), so a wrapper maps it exactly as it would the official core's thrown string.
//!
//! `validate_secret_reference` and `generate_password` are typed fast paths for the two hot sync
//! calls (ARCHITECTURE.md §2.1): the same core functions run, without the invocation envelope
//! around them (the benchmark in bench/compare.js shows the envelope is most of the cost).

mod bridge;

use napi::bindgen_prelude::{Object, Result};
use napi::{Env, Error};
use napi_derive::napi;
use op_core::wire::PasswordRecipe;

fn thrown(text: String) -> Error {
    Error::from_reason(text)
}

/// `init_client(config)`: a Promise of the new client id as text.
#[napi(
    js_name = "init_client",
    ts_return_type = "Promise<string>",
    catch_unwind
)]
pub fn init_client(env: &Env, config: String) -> Result<Object<'_>> {
    bridge::promise(env, |done| op_sdk::init_client_with(config, done))
}

/// `invoke(invocation)`: a Promise of the result's JSON text (`""` for unit results).
#[napi(js_name = "invoke", ts_return_type = "Promise<string>", catch_unwind)]
pub fn invoke(env: &Env, invocation: String) -> Result<Object<'_>> {
    bridge::promise(env, |done| op_sdk::invoke_with(invocation, done))
}

/// `invoke_sync(invocation)`: `ValidateSecretReference` or `GeneratePassword` on this thread.
#[napi(js_name = "invoke_sync", catch_unwind)]
pub fn invoke_sync(invocation: String) -> Result<String> {
    op_sdk::invoke_sync(invocation).map_err(thrown)
}

/// `release_client(id)`: drops the core client; its id is never reused.
#[napi(js_name = "release_client", catch_unwind)]
pub fn release_client(client_id: String) -> Result<()> {
    op_sdk::release_client(client_id).map_err(thrown)
}

/// `ValidateSecretReference` without the invocation envelope: throws its error envelope.
#[napi(js_name = "validate_secret_reference", catch_unwind)]
pub fn validate_secret_reference(secret_reference: String) -> Result<()> {
    op_sdk::protocol::validate_reference(&secret_reference).map_err(|e| thrown(e.to_envelope()))
}

/// `GeneratePassword` without the invocation envelope: the recipe as JSON in, the password out.
#[napi(js_name = "generate_password", catch_unwind)]
pub fn generate_password(recipe: String) -> Result<String> {
    let recipe: PasswordRecipe =
        serde_json::from_str(&recipe).map_err(|e| thrown(e.to_string()))?;
    op_sdk::protocol::generate_password(&recipe)
        .map(|response| response.password.expose_secret().to_owned())
        .map_err(|e| thrown(e.to_envelope()))
}
