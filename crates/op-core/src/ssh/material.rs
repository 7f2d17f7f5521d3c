//! The private key as a RustCrypto type, whatever container it came in.
//!
//! Every input format is decoded into one of these, and the SSH view (public key, fingerprint,
//! OpenSSH export) is rebuilt from it, so the public key we show is always the one the private key
//! implies, never one copied from the file.

use pkcs8::{EncodePrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use ssh_key::private::{EcdsaKeypair, Ed25519Keypair, KeypairData, RsaKeypair};
use zeroize::Zeroizing;

use super::error::SshKeyError;

/// A decoded private key of a supported algorithm.
#[derive(Clone)]
pub(crate) enum KeyMaterial {
    Rsa(rsa::RsaPrivateKey),
    Ed25519(ed25519_dalek::SigningKey),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    P521(p521::SecretKey),
}

impl KeyMaterial {
    /// Key size in bits as `ssh-keygen -l` prints it.
    pub(crate) fn bits(&self) -> u32 {
        match self {
            Self::Rsa(key) => u32::try_from(key.n().bits()).unwrap_or(u32::MAX),
            Self::Ed25519(_) | Self::P256(_) => 256,
            Self::P384(_) => 384,
            Self::P521(_) => 521,
        }
    }

    /// The SSH algorithm name, as in the first word of a public key line.
    pub(crate) fn ssh_algorithm(&self) -> &'static str {
        match self {
            Self::Rsa(_) => "ssh-rsa",
            Self::Ed25519(_) => "ssh-ed25519",
            Self::P256(_) => "ecdsa-sha2-nistp256",
            Self::P384(_) => "ecdsa-sha2-nistp384",
            Self::P521(_) => "ecdsa-sha2-nistp521",
        }
    }

    /// The key type as 1Password shows it in `SshKeyAttributes.keyType`.
    pub(crate) fn key_type(&self) -> String {
        match self {
            Self::Ed25519(_) => "Ed25519".to_owned(),
            Self::Rsa(_) => format!("RSA, {}-bit", self.bits()),
            Self::P256(_) | Self::P384(_) | Self::P521(_) => format!("ECDSA, {}-bit", self.bits()),
        }
    }

    /// The same key as an `ssh-key` keypair, public half derived from the private half.
    pub(crate) fn to_keypair_data(&self) -> Result<KeypairData, SshKeyError> {
        Ok(match self {
            Self::Rsa(key) => KeypairData::Rsa(
                RsaKeypair::try_from(key).map_err(|_| SshKeyError::malformed("invalid RSA key"))?,
            ),
            Self::Ed25519(key) => KeypairData::Ed25519(Ed25519Keypair::from(key)),
            Self::P256(key) => KeypairData::Ecdsa(EcdsaKeypair::NistP256 {
                public: key.public_key().into(),
                private: key.clone().into(),
            }),
            Self::P384(key) => KeypairData::Ecdsa(EcdsaKeypair::NistP384 {
                public: key.public_key().into(),
                private: key.clone().into(),
            }),
            Self::P521(key) => KeypairData::Ecdsa(EcdsaKeypair::NistP521 {
                public: key.public_key().into(),
                private: key.clone().into(),
            }),
        })
    }

    /// PKCS#8 v1 PEM (`BEGIN PRIVATE KEY`), LF line endings.
    pub(crate) fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, SshKeyError> {
        let pem = match self {
            Self::Rsa(key) => key.to_pkcs8_pem(LineEnding::LF),
            // v1 without the optional public key: what OpenSSL writes and every reader accepts
            // (ed25519-dalek's own encoder writes v2, which older OpenSSL versions reject).
            Self::Ed25519(key) => ed25519_dalek::pkcs8::KeypairBytes {
                secret_key: key.to_bytes(),
                public_key: None,
            }
            .to_pkcs8_pem(LineEnding::LF),
            Self::P256(key) => key.to_pkcs8_pem(LineEnding::LF),
            Self::P384(key) => key.to_pkcs8_pem(LineEnding::LF),
            Self::P521(key) => key.to_pkcs8_pem(LineEnding::LF),
        };
        pem.map_err(|_| SshKeyError::Export { format: "PKCS#8" })
    }
}
