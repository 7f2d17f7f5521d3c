//! Settles a JS Promise from op-sdk's one executor (`op_sdk::invoke_with`).
//!
//! The call starts on the JS thread and runs on the core's runtime; its outcome reaches the JS
//! thread through the deferred's threadsafe function. Nothing blocks a JS or libuv thread, and the
//! addon holds no future, waker or runtime of its own.

use napi::bindgen_prelude::{Object, Result};
use napi::{Env, Error};
use op_sdk::Outcome;

type Resolver = Box<dyn FnOnce(Env) -> Result<String> + Send>;

/// Starts the call `start` begins and returns the Promise its outcome settles.
pub fn promise(
    env: &Env,
    start: impl FnOnce(Box<dyn FnOnce(Outcome) + Send>),
) -> Result<Object<'_>> {
    let (deferred, promise) = env.create_deferred::<String, Resolver>()?;
    start(Box::new(move |outcome| match outcome {
        Ok(text) => deferred.resolve(Box::new(move |_env| Ok(text))),
        Err(text) => deferred.reject(Error::from_reason(text)),
    }));
    Ok(promise)
}
