#!/usr/bin/env python3
"""Writes the op-crypto known-answer vectors with an independent implementation.

Every value here is computed with pyca/cryptography (OpenSSL) and plain Python, never with op-crypto,
so the Rust tests that replay these files check opkit's constructions against a second
implementation. XChaCha20-Poly1305 is built from its definition (HChaCha20 subkey, then IETF
ChaCha20-Poly1305), and the draft-irtf-cfrg-xchacha-03 test vector is checked first.

Run from anywhere: python3 crates/op-crypto/tests/vectors/generate.py (needs cryptography >= 44).
"""

import hashlib
import hmac
import json
import os
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

HERE = os.path.dirname(os.path.abspath(__file__))


def h(b: bytes) -> str:
    return b.hex()


def seq(start: int, n: int) -> bytes:
    return bytes((start + i) % 256 for i in range(n))


# --- XChaCha20-Poly1305 from its definition -------------------------------------------------------

SIGMA = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]


def hchacha20(key: bytes, nonce16: bytes) -> bytes:
    """HChaCha20 through a ChaCha20 block: block = rounds(state) + state, so rounds = block - state."""
    state = SIGMA + list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    # cryptography's ChaCha20 takes the 16 bytes counter || nonce, exactly state words 12..15.
    block = Cipher(algorithms.ChaCha20(key, nonce16), mode=None).encryptor().update(bytes(64))
    words = struct.unpack("<16I", block)
    rounds = [(w - s) % 2**32 for w, s in zip(words, state)]
    return struct.pack("<8I", *(rounds[0:4] + rounds[12:16]))


def xchacha_seal(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    subkey = hchacha20(key, nonce[:16])
    return ChaCha20Poly1305(subkey).encrypt(bytes(4) + nonce[16:], plaintext, aad)


def check_draft_vector():
    key = bytes(range(0x80, 0xA0))
    nonce = bytes(range(0x40, 0x58))
    aad = bytes.fromhex("50515253c0c1c2c3c4c5c6c7")
    pt = (
        b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
        b"future, sunscreen would be it."
    )
    out = xchacha_seal(key, nonce, pt, aad)
    assert out[-16:].hex() == "c0875924c1c7987947deafd8780acf49", "draft tag"
    assert out[:16].hex() == "bd6d179d3e83d43b9576579493c0e939", "draft ciphertext"
    return {"key": h(key), "nonce": h(nonce), "aad": h(aad), "plaintext": h(pt),
            "ciphertext": h(out[:-16]), "tag": h(out[-16:])}


# --- opkit constructions ---------------------------------------------------------------------------

def aad(parts):
    return b"".join(struct.pack(">Q", len(p)) + p for p in parts)


def opkit_encrypt(key, nonce, plaintext, context):
    return bytes([1]) + nonce + xchacha_seal(key, nonce, plaintext, bytes([1]) + context)


def hkdf32(ikm, salt, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def x25519_public(secret: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal_to(recipient_public, ephemeral_secret, nonce, plaintext, context):
    epk = x25519_public(ephemeral_secret)
    shared = X25519PrivateKey.from_private_bytes(ephemeral_secret).exchange(
        X25519PublicKey.from_public_bytes(recipient_public))
    key = hkdf32(shared, b"", b"opkit/v1/sealed-box" + epk + recipient_public)
    header = bytes([1]) + epk
    return header + nonce + xchacha_seal(key, nonce, plaintext, header + context)


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def format_account_key(key16: bytes) -> str:
    check = hashlib.sha256(b"opkit/v1/account-secret-key/check" + key16).digest()[:4]
    n = int.from_bytes(key16 + check, "big")
    symbols = "".join(CROCKFORD[(n >> (5 * i)) & 31] for i in reversed(range(32)))
    groups, at = [], 0
    for size in (6, 6, 5, 5, 5, 5):
        groups.append(symbols[at:at + size])
        at += size
    return "K1-" + "-".join(groups)


def b64url(b: bytes) -> str:
    import base64
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def main():
    out = {}

    # HKDF: RFC 5869 A.1 (first 32 bytes of its 42) and opkit's derivations.
    rfc = hkdf32(bytes([0x0B] * 22), bytes(range(0x0D)), bytes(range(0xF0, 0xFA)))
    assert rfc.hex() == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
    hkdf_cases = [{"name": "rfc5869-a1-first-32", "ikm": "0b" * 22, "salt": h(bytes(range(0x0D))),
                   "info": h(bytes(range(0xF0, 0xFA))), "okm": h(rfc)}]
    for name, ikm, salt, info in [
        ("empty-salt", seq(1, 32), b"", b"opkit/v1/title-index"),
        ("empty-everything", b"", b"", b""),
        ("long-info", seq(7, 80), seq(3, 16), b"opkit/v1/" + bytes(200)),
    ]:
        hkdf_cases.append({"name": name, "ikm": h(ikm), "salt": h(salt), "info": h(info),
                           "okm": h(hkdf32(ikm, salt, info))})
    out["hkdf.json"] = {"construction": "HKDF-SHA256, 32-byte output", "cases": hkdf_cases}

    # aad(): length-prefixed parts.
    aad_cases = []
    for parts in [[], [b""], [b"vault-1", b"item-1", struct.pack(">I", 3), b"details"], [b"ab", b"c"]]:
        aad_cases.append({"parts": [h(p) for p in parts], "encoded": h(aad(parts))})
    out["aad.json"] = {"construction": "u64 big-endian length || bytes, per part", "cases": aad_cases}

    # AEAD blobs.
    draft = check_draft_vector()
    aead_cases = []
    for name, key, nonce, pt, ctx in [
        ("empty-plaintext-empty-aad", seq(0x10, 32), seq(0x60, 24), b"", b""),
        ("item-details", seq(0x20, 32), seq(0x70, 24), b'{"fields":[{"id":"password","value":"hunter2"}]}',
         aad([b"vault-1", b"item-1", struct.pack(">I", 1), b"details"])),
        ("one-kib", seq(0x30, 32), seq(0x80, 24), seq(0, 1024), aad([b"x"])),
    ]:
        aead_cases.append({"name": name, "key": h(key), "nonce": h(nonce), "plaintext": h(pt),
                           "aad": h(ctx), "blob": h(opkit_encrypt(key, nonce, pt, ctx))})
    out["xchacha20poly1305.json"] = {
        "construction": "blob = 0x01 || nonce(24) || XChaCha20-Poly1305(key, nonce, plaintext, ad = 0x01 || aad)",
        "draft_irtf_cfrg_xchacha_03_a31": draft, "cases": aead_cases}

    # Sealed boxes.
    sealed_cases = []
    for name, rsk, esk, nonce, pt, ctx in [
        ("short", seq(0x01, 32), seq(0x41, 32), seq(0x90, 24), b"vault key", b""),
        ("with-aad", seq(0x02, 32), seq(0x42, 32), seq(0x91, 24), seq(0xC0, 32), aad([b"vault-7"])),
    ]:
        rpk = x25519_public(rsk)
        sealed_cases.append({"name": name, "recipient_secret": h(rsk), "recipient_public": h(rpk),
                             "ephemeral_secret": h(esk), "ephemeral_public": h(x25519_public(esk)),
                             "nonce": h(nonce), "plaintext": h(pt), "aad": h(ctx),
                             "blob": h(seal_to(rpk, esk, nonce, pt, ctx))})
    out["sealed_box.json"] = {
        "construction": "k = HKDF-SHA256(X25519(esk, rpk), salt='', info='opkit/v1/sealed-box' || epk || rpk); "
                        "blob = 0x01 || epk || nonce || XChaCha20-Poly1305(k, nonce, pt, ad = 0x01 || epk || aad)",
        "cases": sealed_cases}

    # Key wrapping: purpose-bound associated data.
    kek, key, nonce, ctx = seq(0xA0, 32), seq(0x05, 32), seq(0x33, 24), aad([b"vault-1"])
    pair_secret = seq(0x55, 32)
    rsk, esk, snonce = seq(0x66, 32), seq(0x77, 32), seq(0x88, 24)
    out["key_wrap.json"] = {"cases": [
        {"name": "wrap_key", "kek": h(kek), "key": h(key), "nonce": h(nonce), "aad": h(ctx),
         "blob": h(opkit_encrypt(kek, nonce, key, aad([b"opkit/v1/wrap/symmetric-key", ctx])))},
        {"name": "wrap_key_pair", "kek": h(kek), "key": h(pair_secret), "nonce": h(nonce), "aad": h(ctx),
         "public": h(x25519_public(pair_secret)),
         "blob": h(opkit_encrypt(kek, nonce, pair_secret, aad([b"opkit/v1/wrap/x25519-private-key", ctx])))},
        {"name": "seal_key_to", "recipient_secret": h(rsk), "ephemeral_secret": h(esk), "key": h(key),
         "nonce": h(snonce), "aad": h(ctx),
         "blob": h(seal_to(x25519_public(rsk), esk, snonce, key,
                           aad([b"opkit/v1/sealed/symmetric-key", ctx])))},
    ]}

    # Blind index.
    vault_key = seq(0xB0, 32)
    index_key = hkdf32(vault_key, b"", b"opkit/v1/title-index")
    titles = ["GitHub", "  github  ", "Ünïcode Straße", "ΟΔΥΣΣΕΥΣ", "İstanbul", "", "\tDB prod\n"]
    out["blind_index.json"] = {
        "construction": "HMAC-SHA256(HKDF-SHA256(vault key, '', 'opkit/v1/title-index'), lower(trim(title)))",
        "vault_key": h(vault_key), "index_key": h(index_key),
        "cases": [{"title": t, "normalised": t.strip().lower(),
                   "index": h(hmac.new(index_key, t.strip().lower().encode(), hashlib.sha256).digest())}
                  for t in titles]}

    # Person unlock key with TESTING parameters (64 KiB, t=1, p=1) and one moderate set.
    person_cases = []
    for name, pw, ask, salt, (m, t, p) in [
        ("testing-params", b"correct horse battery staple", seq(0xD0, 16), seq(0x01, 16), (64, 1, 1)),
        ("unicode-password", "pässwörd ✓".encode(), seq(0xE0, 16), seq(0x11, 24), (64, 1, 1)),
        ("two-lanes", b"pw", seq(0xF0, 16), seq(0x21, 16), (256, 2, 2)),
    ]:
        stretched = Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(pw)
        unlock = hkdf32(stretched + ask, salt, b"opkit/v1/person-unlock")
        person_cases.append({"name": name, "password": h(pw), "account_secret_key": h(ask), "salt": h(salt),
                             "memory_kib": m, "iterations": t, "parallelism": p,
                             "argon2id": h(stretched), "unlock_key": h(unlock)})
    out["person_unlock.json"] = {
        "construction": "HKDF-SHA256(ikm = Argon2id(password, salt) || account secret key, salt, 'opkit/v1/person-unlock')",
        "cases": person_cases}

    # Service accounts.
    sa_cases = []
    for secret in [bytes(32), seq(0x01, 32), bytes([0xFF]) * 32]:
        auth = hkdf32(secret, b"", b"opkit/v1/service-account/auth")
        sa_cases.append({"secret": h(secret), "base64url": b64url(secret),
                         "unlock_key": h(hkdf32(secret, b"", b"opkit/v1/service-account/unlock")),
                         "auth_key": h(auth), "auth_hash": h(hashlib.sha256(auth).digest())})
    out["service_account.json"] = {"cases": sa_cases}

    # Account secret keys.
    ask_cases = []
    for key16 in [bytes(16), seq(0x01, 16), bytes([0xFF]) * 16, bytes.fromhex("0123456789abcdeffedcba9876543210")]:
        ask_cases.append({"bytes": h(key16), "formatted": format_account_key(key16)})
    sample = ask_cases[1]["formatted"]
    out["account_secret_key.json"] = {
        "construction": "'K1-' + Crockford base32 of key(16) || SHA-256('opkit/v1/account-secret-key/check' || key)[0..4], grouped 6-6-5-5-5-5",
        "cases": ask_cases,
        "tolerant_parses": [
            {"input": sample.lower(), "bytes": ask_cases[1]["bytes"]},
            {"input": sample.replace("-", " "), "bytes": ask_cases[1]["bytes"]},
            {"input": " " + sample.replace("-", "") + " ", "bytes": ask_cases[1]["bytes"]},
            {"input": sample.replace("0", "O").replace("1", "I"), "bytes": ask_cases[1]["bytes"]},
        ],
        "invalid": ["", "K1", "A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB", sample[:-1],
                    sample + "0", sample[:-1] + ("0" if sample[-1] != "0" else "1"),
                    sample[:4] + "U" + sample[5:], "K2" + sample[2:]],
    }

    for name, value in out.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            json.dump(value, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
