//! [`SshPrivateKey`]: a parsed, unencrypted SSH private key and its public views.

use std::fmt;

use ssh_key::{HashAlg, LineEnding};

use super::armor::{Armored, unarmor};
use super::decode;
use super::error::SshKeyError;
use super::material::KeyMaterial;
use crate::secret::SecretString;

/// An unencrypted RSA, Ed25519 or ECDSA (P-256/P-384/P-521) private key.
///
/// Key material is zeroized on drop. `Debug` shows only the key type and fingerprint.
/// The comment of an OpenSSH key is not kept: the SDK stores keys as PKCS#8, which has no comment,
/// so keeping it would make exports depend on the format the key first arrived in.
#[derive(Clone)]
pub struct SshPrivateKey {
    material: KeyMaterial,
    ssh: ssh_key::PrivateKey,
    public_key: String,
    fingerprint: String,
}

impl SshPrivateKey {
    /// Parses a PEM private key: OpenSSH (`BEGIN OPENSSH PRIVATE KEY`), PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`), PKCS#8 (`BEGIN PRIVATE KEY`) or SEC1 (`BEGIN EC PRIVATE KEY`).
    ///
    /// Surrounding whitespace, CRLF line endings and re-wrapped base64 are accepted. Keys protected
    /// by a passphrase are refused with [`SshKeyError::Encrypted`].
    pub fn parse(text: &str) -> Result<Self, SshKeyError> {
        let material = match unarmor(text)? {
            Armored::OpenSsh(body) => decode::openssh(&body)?,
            Armored::Pkcs1(der) => decode::pkcs1(&der)?,
            Armored::Pkcs8(der) => decode::pkcs8(&der)?,
            Armored::Sec1(der) => decode::sec1(&der)?,
        };
        Self::from_material(material)
    }

    fn from_material(material: KeyMaterial) -> Result<Self, SshKeyError> {
        let ssh = ssh_key::PrivateKey::new(material.to_keypair_data()?, "")
            .map_err(|_| SshKeyError::Export { format: "OpenSSH" })?;
        let public_key = ssh
            .public_key()
            .to_openssh()
            .map_err(|_| SshKeyError::Export {
                format: "an OpenSSH public key",
            })?;
        let fingerprint = ssh.fingerprint(HashAlg::Sha256).to_string();
        Ok(Self {
            material,
            ssh,
            public_key,
            fingerprint,
        })
    }

    /// The public key in `authorized_keys` form without a comment, e.g. `ssh-ed25519 AAAA...`.
    pub fn public_key_openssh(&self) -> String {
        self.public_key.clone()
    }

    /// The SHA-256 fingerprint as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// The key type as 1Password shows it: `Ed25519`, `RSA, 2048-bit`, `ECDSA, 256-bit`, ...
    pub fn key_type(&self) -> String {
        self.material.key_type()
    }

    /// The SSH algorithm name: `ssh-ed25519`, `ssh-rsa` or `ecdsa-sha2-nistp256/384/521`.
    pub fn ssh_algorithm(&self) -> &'static str {
        self.material.ssh_algorithm()
    }

    /// Key size in bits: the RSA modulus size, 256 for Ed25519, the curve size for ECDSA.
    pub fn bits(&self) -> u32 {
        self.material.bits()
    }

    /// The private key in OpenSSH format (`BEGIN OPENSSH PRIVATE KEY`), unencrypted, LF endings.
    pub fn to_openssh(&self) -> Result<SecretString, SshKeyError> {
        let mut pem = self
            .ssh
            .to_openssh(LineEnding::LF)
            .map_err(|_| SshKeyError::Export { format: "OpenSSH" })?;
        // Moved out rather than copied; the emptied `Zeroizing` has nothing left to wipe.
        Ok(SecretString::new(std::mem::take(&mut *pem)))
    }

    /// The private key as PKCS#8 PEM (`BEGIN PRIVATE KEY`), LF endings: the form the SDK stores
    /// in SSH key fields.
    pub fn to_pkcs8_pem(&self) -> Result<SecretString, SshKeyError> {
        let mut pem = self.material.to_pkcs8_pem()?;
        Ok(SecretString::new(std::mem::take(&mut *pem)))
    }
}

impl fmt::Debug for SshPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SshPrivateKey")
            .field("key_type", &self.key_type())
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}
