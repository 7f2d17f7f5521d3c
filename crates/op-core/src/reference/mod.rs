//! Secret references: `op://<vault>/<item>/[<section>/]<field>[?<key>=<value>]`.
//!
//! [`SecretReference::parse`] gives the same verdict as the official core on every case of the shared
//! vectors (`tests/vectors/secret-refs.json`): valid or not, and the same [`ReferenceErrorKind`].
//! The matching rules used by resolution (which vault, item, section and field a reference names)
//! are the pure functions of [`matching`].
//!
//! ```
//! use op_core::reference::{Query, SecretReference};
//!
//! let r = SecretReference::parse("op://Private/GitHub/Security/one-time password?attribute=otp")?;
//! assert_eq!(r.vault, "Private");
//! assert_eq!(r.section, Some("Security"));
//! assert_eq!(r.field, "one-time password");
//! assert_eq!(r.query, Some(Query::Totp));
//!
//! let err = SecretReference::parse("op://vault/item/f@x").unwrap_err();
//! assert_eq!(err.kind().name(), "character");
//! # Ok::<(), op_core::reference::ReferenceError>(())
//! ```

pub mod matching;
mod parse;

pub use parse::{Query, ReferenceError, ReferenceErrorKind, SecretReference};
