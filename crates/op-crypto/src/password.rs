//! A person's unlock key: Argon2id over the password, combined with the account secret key.
//!
//! `unlock = HKDF-SHA256(ikm = Argon2id(password, salt) || account secret key, salt, "opkit/v1/person-unlock")`.
//! Brute-forcing a stolen database needs both the password and the 128-bit account secret key, which
//! never leaves the person's devices; Argon2id still protects the password should the secret key leak
//! too. (1Password calls this two-secret key derivation.)

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::kdf::{hkdf_sha256_parts, info};
use crate::random::random_array;
use crate::{AccountSecretKey, CryptoError, SymmetricKey};

/// Length of the salts [`generate_salt`] draws.
pub const SALT_LEN: usize = 16;
/// Shortest salt [`person_unlock_key`] accepts.
pub const MIN_SALT_LEN: usize = 16;

/// Argon2id cost parameters. The algorithm is always Argon2id, version 0x13, with a 32-byte output.
///
/// Stored as `{"algorithm":"argon2id","version":19,"memoryKib":…,"iterations":…,"parallelism":…}`;
/// reading a stored form checks the limits below, so a tampered database can neither select another
/// algorithm nor make a client allocate unbounded memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredArgon2Params", into = "StoredArgon2Params")]
pub struct Argon2Params {
    /// Memory cost in KiB (at least 8 × `parallelism`, at most [`Argon2Params::MAX_MEMORY_KIB`]).
    pub memory_kib: u32,
    /// Number of passes over memory (1 to [`Argon2Params::MAX_ITERATIONS`]).
    pub iterations: u32,
    /// Number of lanes (1 to [`Argon2Params::MAX_PARALLELISM`]).
    pub parallelism: u32,
}

impl Argon2Params {
    /// Argon2id with 64 MiB, 3 passes, 1 lane: the memory and passes of RFC 9106's second
    /// recommended option, over three times OWASP's minimum (19 MiB, 2 passes, 1 lane). Use this for
    /// every real account.
    pub const RECOMMENDED: Self = Self {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// Tiny parameters (64 KiB, 1 pass) for tests and known-answer vectors ONLY: they offer no
    /// protection against guessing. Never use them for a real account.
    pub const TESTING: Self = Self {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// Largest memory cost accepted (1 GiB), so stored parameters cannot exhaust a client's memory.
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// Largest number of passes accepted.
    pub const MAX_ITERATIONS: u32 = 64;
    /// Largest number of lanes accepted.
    pub const MAX_PARALLELISM: u32 = 16;

    /// Checks the limits documented on the fields.
    pub fn validate(&self) -> Result<(), CryptoError> {
        let reason = if self.parallelism == 0 || self.parallelism > Self::MAX_PARALLELISM {
            "parallelism must be between 1 and 16"
        } else if self.iterations == 0 || self.iterations > Self::MAX_ITERATIONS {
            "iterations must be between 1 and 64"
        } else if self.memory_kib < 8 * self.parallelism {
            "memory must be at least 8 KiB per lane"
        } else if self.memory_kib > Self::MAX_MEMORY_KIB {
            "memory must be at most 1048576 KiB (1 GiB)"
        } else {
            return Ok(());
        };
        Err(CryptoError::InvalidArgon2Params { reason })
    }

    fn to_argon2(self) -> Result<Argon2<'static>, CryptoError> {
        self.validate()?;
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|_| CryptoError::InvalidArgon2Params {
                reason: "rejected by Argon2",
            })?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// The stored form of [`Argon2Params`], naming the algorithm so a future one can be told apart.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StoredArgon2Params {
    algorithm: String,
    version: u32,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

const STORED_ALGORITHM: &str = "argon2id";
const STORED_VERSION: u32 = 0x13;

impl From<Argon2Params> for StoredArgon2Params {
    fn from(p: Argon2Params) -> Self {
        Self {
            algorithm: STORED_ALGORITHM.to_owned(),
            version: STORED_VERSION,
            memory_kib: p.memory_kib,
            iterations: p.iterations,
            parallelism: p.parallelism,
        }
    }
}

impl TryFrom<StoredArgon2Params> for Argon2Params {
    type Error = CryptoError;

    fn try_from(s: StoredArgon2Params) -> Result<Self, CryptoError> {
        if s.algorithm != STORED_ALGORITHM {
            return Err(CryptoError::InvalidArgon2Params {
                reason: "algorithm must be argon2id",
            });
        }
        if s.version != STORED_VERSION {
            return Err(CryptoError::InvalidArgon2Params {
                reason: "version must be 19 (0x13)",
            });
        }
        let params = Self {
            memory_kib: s.memory_kib,
            iterations: s.iterations,
            parallelism: s.parallelism,
        };
        params.validate()?;
        Ok(params)
    }
}

/// A fresh random salt for [`person_unlock_key`] (stored beside the account, not secret).
pub fn generate_salt() -> Result<[u8; SALT_LEN], CryptoError> {
    Ok(*random_array::<SALT_LEN>()?)
}

/// Derives a person's unlock key from their password and account secret key.
///
/// `password` is taken as given (op-sdk passes UTF-8 bytes); `salt` is the account's stored salt
/// (at least [`MIN_SALT_LEN`] bytes); `params` are the account's stored parameters
/// ([`Argon2Params::RECOMMENDED`] for new accounts). Costs one Argon2id run.
pub fn person_unlock_key(
    password: &[u8],
    account_secret_key: &AccountSecretKey,
    salt: &[u8],
    params: Argon2Params,
) -> Result<SymmetricKey, CryptoError> {
    if salt.len() < MIN_SALT_LEN {
        return Err(CryptoError::InvalidSalt {
            len: salt.len(),
            min: MIN_SALT_LEN,
        });
    }
    let mut stretched = Zeroizing::new([0u8; 32]);
    params
        .to_argon2()?
        .hash_password_into(password, salt, stretched.as_mut())
        .map_err(|_| CryptoError::KeyDerivation {
            reason: "Argon2id rejected the password or salt length",
        })?;
    let ikm = Zeroizing::new([stretched.as_slice(), account_secret_key.expose_bytes()].concat());
    hkdf_sha256_parts(&ikm, salt, &[info::PERSON_UNLOCK])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_secrets_matter() {
        let ask = AccountSecretKey::from_bytes([1; 16]);
        let other = AccountSecretKey::from_bytes([2; 16]);
        let salt = [9u8; 16];
        let t = Argon2Params::TESTING;
        let a = person_unlock_key(b"pw", &ask, &salt, t).unwrap();
        let b = person_unlock_key(b"pw", &ask, &salt, t).unwrap();
        assert_eq!(a.expose_bytes(), b.expose_bytes());
        let c = person_unlock_key(b"pw2", &ask, &salt, t).unwrap();
        let d = person_unlock_key(b"pw", &other, &salt, t).unwrap();
        let e = person_unlock_key(b"pw", &ask, &[8u8; 16], t).unwrap();
        for x in [&c, &d, &e] {
            assert_ne!(a.expose_bytes(), x.expose_bytes());
        }
    }

    #[test]
    fn short_salt_and_bad_params_are_errors() {
        let ask = AccountSecretKey::from_bytes([1; 16]);
        assert_eq!(
            person_unlock_key(b"pw", &ask, &[0; 8], Argon2Params::TESTING)
                .unwrap_err()
                .name(),
            "InvalidSalt"
        );
        for bad in [
            Argon2Params {
                parallelism: 0,
                ..Argon2Params::TESTING
            },
            Argon2Params {
                iterations: 0,
                ..Argon2Params::TESTING
            },
            Argon2Params {
                memory_kib: 7,
                ..Argon2Params::TESTING
            },
            Argon2Params {
                memory_kib: u32::MAX,
                ..Argon2Params::TESTING
            },
        ] {
            let err = person_unlock_key(b"pw", &ask, &[0; 16], bad).unwrap_err();
            assert_eq!(err.name(), "InvalidArgon2Params");
        }
    }

    #[test]
    fn stored_form_round_trips_and_is_checked() {
        let json = serde_json::to_string(&Argon2Params::RECOMMENDED).unwrap();
        assert_eq!(
            json,
            r#"{"algorithm":"argon2id","version":19,"memoryKib":65536,"iterations":3,"parallelism":1}"#
        );
        let back: Argon2Params = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Argon2Params::RECOMMENDED);
        for bad in [
            r#"{"algorithm":"argon2i","version":19,"memoryKib":65536,"iterations":3,"parallelism":1}"#,
            r#"{"algorithm":"argon2id","version":16,"memoryKib":65536,"iterations":3,"parallelism":1}"#,
            r#"{"algorithm":"argon2id","version":19,"memoryKib":4294967295,"iterations":3,"parallelism":1}"#,
            r#"{"algorithm":"argon2id","version":19,"memoryKib":65536,"iterations":3,"parallelism":1,"x":1}"#,
        ] {
            assert!(serde_json::from_str::<Argon2Params>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn recommended_and_testing_are_valid() {
        Argon2Params::RECOMMENDED.validate().unwrap();
        Argon2Params::TESTING.validate().unwrap();
        assert_eq!(generate_salt().unwrap().len(), SALT_LEN);
    }
}
