//! SSH private keys: parse, public key, fingerprint, key type, OpenSSH and PKCS#8 export.
//!
//! 1Password's SSH Key fields hold an unencrypted private key (stored as PKCS#8 PEM) and show its
//! public key, `SHA256:` fingerprint and key type (`SshKeyAttributes`). [`SshPrivateKey::parse`]
//! reads the formats people have on disk — OpenSSH, PKCS#1, PKCS#8 and SEC1 PEM — for RSA, Ed25519
//! and ECDSA P-256/P-384/P-521, and refuses passphrase-protected keys with
//! [`SshKeyError::Encrypted`], whose message says how to remove the passphrase.
//!
//! ```
//! use op_core::ssh::{SshKeyError, SshPrivateKey};
//!
//! let pem = "-----BEGIN PRIVATE KEY-----\r\n\
//!            MC4CAQAwBQYDK2VwBCIEIHIdpTZjVvYC4zYeYZzWgJpRZB1rqwkWO6glK/NRI3ao\r\n\
//!            -----END PRIVATE KEY-----\r\n";
//! let key = SshPrivateKey::parse(pem)?;
//! assert_eq!(key.key_type(), "Ed25519");
//! assert_eq!(key.bits(), 256);
//! assert_eq!(
//!     key.public_key_openssh(),
//!     "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBY+053102KEl00BqQgi/iCRNTUdh+DT88eYez27E453"
//! );
//! assert_eq!(key.fingerprint(), "SHA256:jcFD52RUBkE7jfyPgxilyCFzENsUY1Bs+7Lc2ASApL8");
//!
//! // Exports are `SecretString`s: they print as [REDACTED] and are wiped on drop.
//! let openssh = key.to_openssh()?;
//! assert!(openssh.expose_secret().starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
//! let again = SshPrivateKey::parse(openssh.expose_secret())?;
//! assert_eq!(again.fingerprint(), key.fingerprint());
//!
//! // Debug never shows key material.
//! assert!(!format!("{key:?}").contains("MC4CAQAw"));
//!
//! let public_only = SshPrivateKey::parse(&key.public_key_openssh());
//! assert_eq!(public_only.err().map(|e| e.name()), Some("PublicKey"));
//! # Ok::<(), SshKeyError>(())
//! ```

mod armor;
mod decode;
mod error;
mod key;
mod material;

pub use error::{MAX_INPUT_LEN, MAX_RSA_BITS, MIN_RSA_BITS, SshKeyError};
pub use key::SshPrivateKey;
