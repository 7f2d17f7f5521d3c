//! Decoding each container format's binary body into [`KeyMaterial`].
//!
//! Every path validates the key (RSA: n = p·q and d·e ≡ 1; ECDSA: scalar in range; OpenSSH: the
//! stored public key matches the private key), so a damaged key is refused here instead of
//! producing a fingerprint that does not belong to it.

use pkcs8::{DecodePrivateKey, ObjectIdentifier, PrivateKeyInfo};
use rsa::BigUint;
use ssh_key::private::{EcdsaKeypair, KeypairData};

use super::error::{MAX_RSA_BITS, MIN_RSA_BITS, SshKeyError};
use super::material::KeyMaterial;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

const OPENSSH_MAGIC: &[u8] = b"openssh-key-v1\0";

/// `openssh-key-v1` binary body.
pub(crate) fn openssh(bytes: &[u8]) -> Result<KeyMaterial, SshKeyError> {
    // Checked by hand first so a key encrypted with a cipher `ssh-key` does not know is still
    // reported as encrypted rather than damaged.
    if openssh_cipher(bytes).is_some_and(|cipher| cipher != b"none") {
        return Err(SshKeyError::Encrypted);
    }
    let key = ssh_key::PrivateKey::from_bytes(bytes).map_err(|e| match e {
        ssh_key::Error::PublicKey | ssh_key::Error::Crypto => mismatch(),
        ssh_key::Error::Encrypted => SshKeyError::Encrypted,
        _ => SshKeyError::malformed("invalid OpenSSH key structure"),
    })?;
    if key.is_encrypted() {
        return Err(SshKeyError::Encrypted);
    }
    match key.key_data() {
        KeypairData::Rsa(pair) => rsa_from_parts(
            part(&pair.public.n)?,
            part(&pair.public.e)?,
            part(&pair.private.d)?,
            part(&pair.private.p)?,
            part(&pair.private.q)?,
        ),
        KeypairData::Ed25519(pair) => ed25519_dalek::SigningKey::try_from(pair)
            .map(KeyMaterial::Ed25519)
            .map_err(|_| mismatch()),
        KeypairData::Ecdsa(pair) => ecdsa_from_openssh(pair),
        KeypairData::Encrypted(_) => Err(SshKeyError::Encrypted),
        KeypairData::Dsa(_) => Err(SshKeyError::unsupported("DSA")),
        KeypairData::SkEcdsaSha2NistP256(_) => Err(SshKeyError::unsupported(
            "security-key ECDSA (sk-ecdsa-sha2-nistp256)",
        )),
        KeypairData::SkEd25519(_) => Err(SshKeyError::unsupported(
            "security-key Ed25519 (sk-ssh-ed25519)",
        )),
        _ => Err(SshKeyError::unsupported("an unknown algorithm")),
    }
}

/// The cipher name of an `openssh-key-v1` body, if the header is readable.
fn openssh_cipher(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(OPENSSH_MAGIC)?;
    let (len, rest) = rest.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
    rest.get(..len)
}

fn ecdsa_from_openssh(pair: &EcdsaKeypair) -> Result<KeyMaterial, SshKeyError> {
    let invalid = |_| SshKeyError::malformed("invalid ECDSA private key");
    let (key, derived) = match pair {
        EcdsaKeypair::NistP256 { private, .. } => {
            let key = p256::SecretKey::from_slice(private.as_slice()).map_err(invalid)?;
            let point = p256::EncodedPoint::from(key.public_key());
            (KeyMaterial::P256(key), point.as_bytes().to_vec())
        }
        EcdsaKeypair::NistP384 { private, .. } => {
            let key = p384::SecretKey::from_slice(private.as_slice()).map_err(invalid)?;
            let point = p384::EncodedPoint::from(key.public_key());
            (KeyMaterial::P384(key), point.as_bytes().to_vec())
        }
        EcdsaKeypair::NistP521 { private, .. } => {
            let key = p521::SecretKey::from_slice(private.as_slice()).map_err(invalid)?;
            let point = p521::EncodedPoint::from(key.public_key());
            (KeyMaterial::P521(key), point.as_bytes().to_vec())
        }
    };
    if derived.as_slice() == pair.public_key_bytes() {
        Ok(key)
    } else {
        Err(mismatch())
    }
}

/// DER `RSAPrivateKey` (PKCS#1).
pub(crate) fn pkcs1(der: &[u8]) -> Result<KeyMaterial, SshKeyError> {
    let key = rsa::pkcs1::RsaPrivateKey::try_from(der)
        .map_err(|_| SshKeyError::malformed("invalid PKCS#1 RSA key structure"))?;
    if key.other_prime_infos.is_some() {
        return Err(SshKeyError::unsupported("multi-prime RSA"));
    }
    rsa_from_parts(
        key.modulus.as_bytes(),
        key.public_exponent.as_bytes(),
        key.private_exponent.as_bytes(),
        key.prime1.as_bytes(),
        key.prime2.as_bytes(),
    )
}

/// DER `PrivateKeyInfo` (PKCS#8).
pub(crate) fn pkcs8(der: &[u8]) -> Result<KeyMaterial, SshKeyError> {
    let info = PrivateKeyInfo::try_from(der)
        .map_err(|_| SshKeyError::malformed("invalid PKCS#8 key structure"))?;
    let invalid = |_| SshKeyError::malformed("invalid PKCS#8 private key");
    match info.algorithm.oid {
        OID_RSA => pkcs1(info.private_key),
        OID_ED25519 => ed25519_dalek::SigningKey::from_pkcs8_der(der)
            .map(KeyMaterial::Ed25519)
            .map_err(invalid),
        OID_EC => {
            let curve = info
                .algorithm
                .parameters_oid()
                .map_err(|_| SshKeyError::malformed("the EC key does not name its curve"))?;
            match Curve::from_oid(curve)? {
                Curve::P256 => p256::SecretKey::from_pkcs8_der(der).map(KeyMaterial::P256),
                Curve::P384 => p384::SecretKey::from_pkcs8_der(der).map(KeyMaterial::P384),
                Curve::P521 => p521::SecretKey::from_pkcs8_der(der).map(KeyMaterial::P521),
            }
            .map_err(invalid)
        }
        OID_DSA => Err(SshKeyError::unsupported("DSA")),
        OID_RSA_PSS => Err(SshKeyError::unsupported("RSA-PSS")),
        OID_ED448 => Err(SshKeyError::unsupported("Ed448")),
        OID_X25519 => Err(SshKeyError::unsupported("X25519")),
        OID_X448 => Err(SshKeyError::unsupported("X448")),
        _ => Err(SshKeyError::unsupported("an unknown algorithm")),
    }
}

/// DER `ECPrivateKey` (SEC1).
pub(crate) fn sec1(der: &[u8]) -> Result<KeyMaterial, SshKeyError> {
    let key = sec1::EcPrivateKey::try_from(der)
        .map_err(|_| SshKeyError::malformed("invalid SEC1 EC key structure"))?;
    let curve = key
        .parameters
        .and_then(|p| p.named_curve())
        .ok_or(SshKeyError::malformed("the EC key does not name its curve"))?;
    match Curve::from_oid(curve)? {
        Curve::P256 => p256::SecretKey::from_sec1_der(der).map(KeyMaterial::P256),
        Curve::P384 => p384::SecretKey::from_sec1_der(der).map(KeyMaterial::P384),
        Curve::P521 => p521::SecretKey::from_sec1_der(der).map(KeyMaterial::P521),
    }
    .map_err(|_| SshKeyError::malformed("invalid EC private key"))
}

enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    fn from_oid(oid: ObjectIdentifier) -> Result<Self, SshKeyError> {
        match oid {
            OID_P256 => Ok(Self::P256),
            OID_P384 => Ok(Self::P384),
            OID_P521 => Ok(Self::P521),
            OID_SECP256K1 => Err(SshKeyError::unsupported("ECDSA on secp256k1")),
            _ => Err(SshKeyError::unsupported("ECDSA on an unsupported curve")),
        }
    }
}

/// Builds and validates a two-prime RSA key from big-endian integers.
///
/// The size is checked before any arithmetic so hostile input cannot make validation slow.
fn rsa_from_parts(
    n: &[u8],
    e: &[u8],
    d: &[u8],
    p: &[u8],
    q: &[u8],
) -> Result<KeyMaterial, SshKeyError> {
    let bits = bit_length(n);
    if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) {
        return Err(SshKeyError::rsa_size(bits));
    }
    let int = BigUint::from_bytes_be;
    rsa::RsaPrivateKey::from_components(int(n), int(e), int(d), vec![int(p), int(q)])
        .map(KeyMaterial::Rsa)
        .map_err(|_| SshKeyError::malformed("the RSA key's numbers are inconsistent"))
}

/// Bit length of a big-endian unsigned integer.
fn bit_length(be: &[u8]) -> u32 {
    let Some(start) = be.iter().position(|&b| b != 0) else {
        return 0;
    };
    let significant = be.len() - start;
    let leading = be.get(start).map_or(0, |b| b.leading_zeros());
    u32::try_from(significant)
        .unwrap_or(u32::MAX)
        .saturating_mul(8)
        .saturating_sub(leading)
}

fn part(m: &ssh_key::Mpint) -> Result<&[u8], SshKeyError> {
    m.as_positive_bytes()
        .ok_or(SshKeyError::malformed("invalid RSA key"))
}

fn mismatch() -> SshKeyError {
    SshKeyError::malformed("the public and private halves do not match")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_length_ignores_leading_zeros() {
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0, 0]), 0);
        assert_eq!(bit_length(&[1]), 1);
        assert_eq!(bit_length(&[0, 0x80, 0]), 16);
        assert_eq!(bit_length(&[0x7f; 256]), 2047);
    }

    #[test]
    fn openssh_cipher_reads_the_header() {
        let mut body = OPENSSH_MAGIC.to_vec();
        body.extend_from_slice(&[0, 0, 0, 10]);
        body.extend_from_slice(b"aes256-ctr");
        assert_eq!(openssh_cipher(&body), Some(&b"aes256-ctr"[..]));
        assert_eq!(openssh(&body).err(), Some(SshKeyError::Encrypted));
        assert_eq!(openssh_cipher(&body[..20]), None);
        assert_eq!(openssh_cipher(b"not openssh"), None);
    }

    #[test]
    fn rsa_size_is_checked_before_arithmetic() {
        let small = [0xff_u8; 128];
        let err = rsa_from_parts(&small, &[1, 0, 1], &small, &small, &small);
        assert_eq!(err.err().map(|e| e.name()), Some("UnsupportedKeySize"));
        let huge = vec![0xff_u8; 2049];
        let err = rsa_from_parts(&huge, &[1, 0, 1], &huge, &huge, &huge);
        assert_eq!(err.err(), Some(SshKeyError::rsa_size(16392)));
    }
}
