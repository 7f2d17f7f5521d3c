#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

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
