//! Why an SSH private key was refused.
//!
//! Variant names are stable error codes (see [`SshKeyError::name`]). Messages tell the user what to do
//! and never quote the input: only fixed texts and numbers the parser worked out (a key size) appear.

/// The largest input [`super::SshPrivateKey::parse`] looks at, in bytes.
///
/// A 16384-bit RSA key in PEM is about 13 KiB; anything far larger is not a key, and refusing it
/// early keeps big-number arithmetic on hostile input bounded.
pub const MAX_INPUT_LEN: usize = 64 * 1024;

/// The smallest RSA modulus accepted, in bits (1Password and current OpenSSH guidance).
pub const MIN_RSA_BITS: u32 = 2048;

/// The largest RSA modulus accepted, in bits (the largest `ssh-keygen` generates).
pub const MAX_RSA_BITS: u32 = 16384;

/// An SSH private key could not be read or exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SshKeyError {
    /// The text was empty or only whitespace.
    #[error("no SSH private key was given: paste the whole private key file")]
    Empty,

    /// The text is far larger than any supported key.
    #[error("the text is larger than any supported SSH private key (limit {limit} bytes)")]
    TooLarge {
        /// The limit in bytes ([`MAX_INPUT_LEN`]).
        limit: usize,
    },

    /// The text is not a PEM-armoured private key at all.
    #[error(
        "the text is not an SSH private key: paste the whole key file, from the \
         -----BEGIN ... PRIVATE KEY----- line to the -----END ... PRIVATE KEY----- line"
    )]
    NotPem,

    /// The text is a public key; only the private half can be stored.
    #[error(
        "this is a public key, not a private key: store the private key file \
         (for ~/.ssh/id_ed25519.pub, use ~/.ssh/id_ed25519)"
    )]
    PublicKey,

    /// The key is in a container format this SDK does not read.
    #[error(
        "unsupported key format ({format}): convert the key to OpenSSH format first, e.g. \
         `puttygen key.ppk -O private-openssh -o key` for PuTTY keys"
    )]
    UnsupportedFormat {
        /// Which format was recognised.
        format: &'static str,
    },

    /// The key is protected by a passphrase.
    #[error(
        "the SSH private key is encrypted with a passphrase: remove the passphrase first \
         (on a copy of the file: `ssh-keygen -p -N \"\" -f key`), then store the unencrypted key"
    )]
    Encrypted,

    /// The key uses an algorithm or curve this SDK does not support.
    #[error(
        "unsupported SSH key type ({key_type}): use an Ed25519, RSA or ECDSA (P-256, P-384, P-521) key"
    )]
    UnsupportedKeyType {
        /// The algorithm that was recognised, e.g. `DSA`.
        key_type: &'static str,
    },

    /// An RSA key whose modulus is outside the accepted range.
    #[error(
        "unsupported RSA key size ({bits} bits): RSA keys must have {min} to {max} bits; \
         generate a new key, e.g. `ssh-keygen -t ed25519`"
    )]
    UnsupportedKeySize {
        /// The modulus size found.
        bits: u32,
        /// [`MIN_RSA_BITS`].
        min: u32,
        /// [`MAX_RSA_BITS`].
        max: u32,
    },

    /// The text looks like a key but is damaged, truncated or inconsistent.
    #[error(
        "the SSH private key is damaged or incomplete ({reason}): copy the whole key file again"
    )]
    Malformed {
        /// What was wrong, as a fixed text.
        reason: &'static str,
    },

    /// A parsed key could not be written out again (not expected for keys `parse` accepted).
    #[error("the SSH private key could not be written as {format}")]
    Export {
        /// The target format, e.g. `PKCS#8`.
        format: &'static str,
    },
}

impl SshKeyError {
    /// The variant name, a stable code for bindings and the wire error envelope.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Empty => "Empty",
            Self::TooLarge { .. } => "TooLarge",
            Self::NotPem => "NotPem",
            Self::PublicKey => "PublicKey",
            Self::UnsupportedFormat { .. } => "UnsupportedFormat",
            Self::Encrypted => "Encrypted",
            Self::UnsupportedKeyType { .. } => "UnsupportedKeyType",
            Self::UnsupportedKeySize { .. } => "UnsupportedKeySize",
            Self::Malformed { .. } => "Malformed",
            Self::Export { .. } => "Export",
        }
    }

    pub(crate) fn malformed(reason: &'static str) -> Self {
        Self::Malformed { reason }
    }

    pub(crate) fn unsupported(key_type: &'static str) -> Self {
        Self::UnsupportedKeyType { key_type }
    }

    pub(crate) fn rsa_size(bits: u32) -> Self {
        Self::UnsupportedKeySize {
            bits,
            min: MIN_RSA_BITS,
            max: MAX_RSA_BITS,
        }
    }
}

// Errors cross threads and FFI boundaries in the bindings.
const _: () = {
    const fn assert_send_sync_static<T: Send + Sync + 'static>() {}
    assert_send_sync_static::<SshKeyError>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_matches_the_variant() {
        let cases = [
            (SshKeyError::Empty, "Empty"),
            (SshKeyError::TooLarge { limit: 1 }, "TooLarge"),
            (SshKeyError::NotPem, "NotPem"),
            (SshKeyError::PublicKey, "PublicKey"),
            (
                SshKeyError::UnsupportedFormat { format: "PuTTY" },
                "UnsupportedFormat",
            ),
            (SshKeyError::Encrypted, "Encrypted"),
            (SshKeyError::unsupported("DSA"), "UnsupportedKeyType"),
            (SshKeyError::rsa_size(1024), "UnsupportedKeySize"),
            (SshKeyError::malformed("x"), "Malformed"),
            (SshKeyError::Export { format: "PKCS#8" }, "Export"),
        ];
        for (error, name) in cases {
            assert_eq!(error.name(), name);
            let debug = format!("{error:?}");
            assert!(debug.starts_with(name), "{debug} should start with {name}");
        }
    }

    #[test]
    fn encrypted_message_says_how_to_remove_the_passphrase() {
        let message = SshKeyError::Encrypted.to_string();
        assert!(message.contains("ssh-keygen -p -N \"\" -f"));
        assert!(message.contains("passphrase"));
    }

    #[test]
    fn size_message_names_the_limits() {
        let message = SshKeyError::rsa_size(1024).to_string();
        assert!(message.contains("1024 bits"));
        assert!(message.contains("2048 to 16384"));
    }
}
