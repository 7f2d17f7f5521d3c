#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod admin;
pub mod audit;
mod backend;
mod client;
mod codec;
mod environments;
pub mod error;
pub mod invocation;
mod local;
pub mod protocol;
mod runtime;
pub mod token;
mod vault_client;

pub use admin::{Admin, NewAccount};
pub use audit::AuditEntry;
pub use client::Client;
pub use environments::{
    Accessor, ENVIRONMENT_ALL, ENVIRONMENT_MANAGE, ENVIRONMENT_READ, ENVIRONMENT_WRITE,
    EnvironmentSummary,
};
pub use error::panic_message;
pub use error::{Error, Result};
pub use protocol::config;
pub use protocol::{
    MESSAGE_LIMIT, Outcome, init_client, init_client_blocking, init_client_with, invoke,
    invoke_blocking, invoke_inline_first, invoke_sync, invoke_with, release_client,
};
