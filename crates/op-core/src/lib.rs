#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod id;
pub mod random;
pub mod secret;

pub use secret::SecretString;
