//! opkit's C ABI, linked by the Go package as a static library (ARCHITECTURE.md §2.2).
//!
//! Four functions mirror the invocation protocol of op-sdk (`init_client`, `invoke`, `invoke_sync`,
//! `release_client`), taking UTF-8 JSON text as a (pointer, length) pair; a fifth frees every
//! string they return. Each call writes its result or its error text to `*out` and returns a status:
//!
//! - [`OPKIT_OK`]: `*out` is the result text (`""`, a null pointer with length 0, for unit results);
//! - [`OPKIT_ERROR`]: `*out` is the core's error text, the `{"name","message"}` envelope for domain
//!   errors or plain text for schema errors, exactly as op-sdk returns it;
//! - [`OPKIT_NO_OUTPUT`]: `out` was null, so nothing could be reported (nothing was run).
//!
//! A null input pointer or input that is not UTF-8 is an `Internal` error, never a crash; a panic
//! anywhere inside becomes an `Internal` error. Strings returned here are owned by Rust and must be
//! released with [`opkit_string_free`], never with C `free`.
//!
//! The blocking functions run in parallel when called from several threads: each call runs on its
//! own (cgo) thread through op-sdk's blocking executor (`op_sdk::invoke_blocking`), the variant of
//! `op_sdk::invoke_with` for callers that wait anyway, so no hand-off to a runtime thread and back.

// The C ABI needs raw pointers; every unsafe block below says why it is sound.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use op_sdk::Error;

/// Status: success, `*out` holds the result text.
pub const OPKIT_OK: i32 = 0;
/// Status: failure, `*out` holds the error text (a JSON envelope or plain text).
pub const OPKIT_ERROR: i32 = 1;
/// Status: `out` was null; nothing was run and nothing needs freeing.
pub const OPKIT_NO_OUTPUT: i32 = -1;

/// UTF-8 text owned by Rust (not NUL-terminated). Release it with [`opkit_string_free`].
///
/// The empty string is a null `ptr` with `len` 0.
#[repr(C)]
#[derive(Debug)]
pub struct OpkitString {
    /// The first byte, or null for the empty string.
    pub ptr: *mut u8,
    /// The number of bytes.
    pub len: usize,
}

impl OpkitString {
    fn empty() -> Self {
        Self {
            ptr: std::ptr::null_mut(),
            len: 0,
        }
    }

    fn new(text: String) -> Self {
        if text.is_empty() {
            return Self::empty();
        }
        // A boxed slice has capacity == length, so (ptr, len) is all `opkit_string_free` needs.
        let bytes = text.into_bytes().into_boxed_slice();
        let len = bytes.len();
        Self {
            ptr: Box::into_raw(bytes).cast::<u8>(),
            len,
        }
    }
}

fn internal(message: String) -> String {
    Error::Internal(message).to_envelope()
}

/// Copies the caller's bytes into a `String`, refusing null pointers and invalid UTF-8.
///
/// # Safety
/// `input` must be null or point to `len` readable bytes that stay valid for this call.
unsafe fn read_input(function: &str, input: *const u8, len: usize) -> Result<String, String> {
    if input.is_null() {
        return Err(internal(format!(
            "{function} received a null input pointer; pass UTF-8 JSON text (a non-null pointer, even for length 0)"
        )));
    }
    // SAFETY: the caller guarantees `input` points to `len` readable bytes for this call, and it
    // was checked to be non-null above.
    let bytes = unsafe { std::slice::from_raw_parts(input, len) };
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(internal(format!(
            "{function} received input that is not UTF-8 (at byte {}); pass UTF-8 JSON text",
            e.valid_up_to()
        ))),
    }
}

/// The body every export shares: read the input, run `work` with panics caught, write `*out`.
///
/// # Safety
/// As for the exports: `input` points to `len` readable bytes (or is null), `out` is null or
/// points to writable memory for one `OpkitString`.
unsafe fn export(
    function: &str,
    input: *const u8,
    len: usize,
    out: *mut OpkitString,
    work: impl FnOnce(String) -> Result<String, String>,
) -> i32 {
    if out.is_null() {
        return OPKIT_NO_OUTPUT;
    }
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { read_input(function, input, len) }?;
        work(text)
    }))
    .unwrap_or_else(|payload| {
        Err(internal(format!(
            "{function} panicked: {}",
            op_sdk::panic_message(payload.as_ref())
        )))
    });
    let (status, text) = match result {
        Ok(text) => (OPKIT_OK, text),
        Err(text) => (OPKIT_ERROR, text),
    };
    // SAFETY: `out` is non-null (checked above) and the caller guarantees it is writable; `write`
    // does not read or drop whatever was there before.
    unsafe { out.write(OpkitString::new(text)) };
    status
}

/// Creates a client from a `ClientConfig` JSON text; `*out` is the new client id as text.
///
/// Blocks the calling thread until the client is ready.
///
/// # Safety
/// `config` must be null or point to `config_len` readable bytes; `out` must be null or point to
/// writable memory for one `OpkitString`, which the caller then frees with `opkit_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn opkit_init_client(
    config: *const u8,
    config_len: usize,
    out: *mut OpkitString,
) -> i32 {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        export(
            "opkit_init_client",
            config,
            config_len,
            out,
            op_sdk::init_client_blocking,
        )
    }
}

/// Runs an invocation (a client operation, or `ValidateSecretReference` / `GeneratePassword`
/// without a client); `*out` is the result's JSON text, empty for unit results.
///
/// Blocks the calling thread until the operation is done; calls from several threads run in
/// parallel.
///
/// # Safety
/// As for [`opkit_init_client`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn opkit_invoke(
    invocation: *const u8,
    invocation_len: usize,
    out: *mut OpkitString,
) -> i32 {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        export(
            "opkit_invoke",
            invocation,
            invocation_len,
            out,
            op_sdk::invoke_blocking,
        )
    }
}

/// Runs `ValidateSecretReference` or `GeneratePassword` on the calling thread.
///
/// # Safety
/// As for [`opkit_init_client`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn opkit_invoke_sync(
    invocation: *const u8,
    invocation_len: usize,
    out: *mut OpkitString,
) -> i32 {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        export(
            "opkit_invoke_sync",
            invocation,
            invocation_len,
            out,
            op_sdk::invoke_sync,
        )
    }
}

/// Releases a client given its id as JSON text (`5` or `"5"`); `*out` is empty on success.
///
/// # Safety
/// As for [`opkit_init_client`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn opkit_release_client(
    client_id: *const u8,
    client_id_len: usize,
    out: *mut OpkitString,
) -> i32 {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        export(
            "opkit_release_client",
            client_id,
            client_id_len,
            out,
            |text| op_sdk::release_client(text).map(|()| String::new()),
        )
    }
}

/// Frees a string returned by the functions above. Freeing the empty (null) string is a no-op.
///
/// # Safety
/// `string` must have been written by one of this library's functions and not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn opkit_string_free(string: OpkitString) {
    if string.ptr.is_null() {
        return;
    }
    // Dropping a byte slice cannot unwind, but an export must never let a panic cross into C.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let slice = std::ptr::slice_from_raw_parts_mut(string.ptr, string.len);
        // SAFETY: `ptr`/`len` come from `Box::<[u8]>::into_raw` in `OpkitString::new` and the
        // caller guarantees this string was not freed before, so ownership returns to a Box once.
        drop(unsafe { Box::from_raw(slice) });
    }));
}
