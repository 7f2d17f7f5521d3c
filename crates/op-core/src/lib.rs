#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod access;
pub mod generator;
pub mod id;
pub mod random;
pub mod reference;
pub mod secret;
pub mod ssh;
pub mod totp;
pub mod validate;
pub mod wire;

pub use secret::SecretString;

/// The workspace README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
