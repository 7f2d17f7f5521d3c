//! Typed fast paths for the two sync operations, which callers use in hot loops.
//!
//! They build the core's own request types from typed arguments (conversion only) and call the
//! same functions `invoke_sync` dispatches to, so results and errors are identical; only the JSON
//! encoding and decoding on both sides of the boundary is skipped. An enum spelling the core does
//! not know yields `None`, and the Python side then takes the JSON path for the core's own error.

use op_core::generator::{
    PasswordRecipeMemorableInner, PasswordRecipePinInner, PasswordRecipeRandomInner,
};
use op_core::wire::PasswordRecipe;
use pyo3::prelude::*;

use crate::core_error;

fn generate(py: Python<'_>, recipe: &PasswordRecipe) -> PyResult<String> {
    py.detach(|| {
        op_sdk::protocol::generate_password(recipe)
            .map(|response| response.password.expose_secret().to_owned())
            .map_err(|e| e.to_envelope())
    })
    .map_err(|msg| core_error(py, msg))
}

/// `validate_secret_reference(reference: str) -> None`, as `ValidateSecretReference`.
#[pyfunction]
fn validate_secret_reference(py: Python<'_>, reference: &str) -> PyResult<()> {
    op_sdk::protocol::validate_reference(reference).map_err(|e| core_error(py, e.to_envelope()))
}

/// `generate_password_random(length, include_digits, include_symbols) -> str`.
#[pyfunction]
fn generate_password_random(
    py: Python<'_>,
    length: u32,
    include_digits: bool,
    include_symbols: bool,
) -> PyResult<String> {
    let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
        include_digits,
        include_symbols,
        length,
    });
    generate(py, &recipe)
}

/// `generate_password_pin(length) -> str`.
#[pyfunction]
fn generate_password_pin(py: Python<'_>, length: u32) -> PyResult<String> {
    generate(py, &PasswordRecipe::Pin(PasswordRecipePinInner { length }))
}

/// `generate_password_memorable(separator_type, capitalize, word_list_type, word_count)`:
/// the password, or `None` when an enum spelling is not one the core knows.
#[pyfunction]
fn generate_password_memorable(
    py: Python<'_>,
    separator_type: &str,
    capitalize: bool,
    word_list_type: &str,
    word_count: u32,
) -> PyResult<Option<String>> {
    let spelling = |s: &str| serde_json::Value::String(s.to_owned());
    let (Ok(separator_type), Ok(word_list_type)) = (
        serde_json::from_value(spelling(separator_type)),
        serde_json::from_value(spelling(word_list_type)),
    ) else {
        return Ok(None);
    };
    let recipe = PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
        separator_type,
        capitalize,
        word_list_type,
        word_count,
    });
    generate(py, &recipe).map(Some)
}

/// Adds the fast paths to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_secret_reference, m)?)?;
    m.add_function(wrap_pyfunction!(generate_password_random, m)?)?;
    m.add_function(wrap_pyfunction!(generate_password_pin, m)?)?;
    m.add_function(wrap_pyfunction!(generate_password_memorable, m)?)?;
    Ok(())
}
