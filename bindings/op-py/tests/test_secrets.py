"""secrets.resolve / resolve_all, TOTP and SSH key vectors through items."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

import opkit
from conftest import ROOT, Account, login, run, vectors


@pytest.fixture(scope="module")
def resolved_item(sync_client: opkit.SyncClient, account: Account) -> opkit.Item:
    return sync_client.items.create(login(account.vault_id, "Resolve Me", "pa55"))


def test_resolve_sync_and_async(
    sync_client: opkit.SyncClient, account: Account, resolved_item: opkit.Item
) -> None:
    assert sync_client.secrets.resolve("op://Test/Resolve Me/password") == "pa55"
    assert sync_client.secrets.resolve(f"op://{account.vault_id}/{resolved_item.id}/username") == (
        "alice"
    )

    async def scenario() -> List[str]:
        client = await opkit.Client.authenticate(account.reader_token, "tests", "1.0")
        import asyncio

        refs = ["op://Test/Resolve Me/password"] * 20
        return await asyncio.gather(*(client.secrets.resolve(r) for r in refs))

    assert run(scenario()) == ["pa55"] * 20


def test_resolve_errors(sync_client: opkit.SyncClient, resolved_item: opkit.Item) -> None:
    with pytest.raises(opkit.ResolvingSecretReferenceException) as info:
        sync_client.secrets.resolve("op://Test/Resolve Me/nope")
    assert info.value.message.startswith("error resolving secret reference")
    assert "pa55" not in info.value.message
    with pytest.raises(opkit.ResolvingSecretReferenceException):
        sync_client.secrets.resolve("op://Test/Resolve Me")


def test_resolve_all(sync_client: opkit.SyncClient, resolved_item: opkit.Item) -> None:
    refs = ["op://Test/Resolve Me/password", "op://Test/Missing/password", "op://bad"]
    result = sync_client.secrets.resolve_all(refs).individual_responses
    assert set(result) == set(refs)
    ok = result[refs[0]].content
    assert ok is not None and (ok.secret, ok.item_id) == ("pa55", resolved_item.id)
    assert isinstance(result[refs[1]].error, opkit.ResolveReferenceErrorItemNotFound)
    assert isinstance(result[refs[2]].error, opkit.ResolveReferenceErrorParsing)


def hotp_oracle(secret_b32: str, algorithm: str, digits: int, counter: int) -> str:
    """Independent RFC 4226 check for the test (the binding itself computes nothing)."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, algorithm.lower())).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return str(code).zfill(digits)


@pytest.mark.parametrize("vector", vectors("totp/rfc-vectors.json")["totp"][:3], ids=str)
def test_totp_vectors_through_an_item(
    sync_client: opkit.SyncClient, account: Account, vector: Dict[str, Any]
) -> None:
    uri = (
        f"otpauth://totp/ACME:alice?secret={vector['secret_base32']}&issuer=ACME"
        f"&algorithm={vector['algorithm']}&digits={vector['digits']}&period={vector['period']}"
    )
    params = login(account.vault_id, f"TOTP {vector['algorithm']}")
    params.fields = [
        opkit.ItemField(id="otp", title="otp", field_type=opkit.ItemFieldType.TOTP, value=uri)
    ]
    before = int(time.time()) // vector["period"]
    item = sync_client.items.create(params)
    after = int(time.time()) // vector["period"]
    details = item.fields[0].details
    assert isinstance(details, opkit.ItemFieldDetailsOtp)
    assert details.content.error_message is None
    expected = {
        hotp_oracle(vector["secret_base32"], vector["algorithm"], vector["digits"], c)
        for c in (before, after)
    }
    assert details.content.code in expected


def test_an_invalid_totp_seed_reports_why(sync_client: opkit.SyncClient, account: Account) -> None:
    params = login(account.vault_id, "Bad TOTP")
    params.fields = [
        opkit.ItemField(
            id="otp", title="otp", field_type=opkit.ItemFieldType.TOTP, value="not base32 !!"
        )
    ]
    with pytest.raises(opkit.ItemApiException):
        sync_client.items.create(params)


SSH = ROOT / "tests" / "vectors" / "ssh"


@pytest.mark.parametrize(
    "key", [k for k in vectors("ssh/manifest.json") if not k["encrypted"]], ids=lambda k: k["file"]
)
def test_ssh_key_fixtures(
    sync_client: opkit.SyncClient, account: Account, key: Dict[str, Any]
) -> None:
    pem = Path(SSH / key["file"]).read_text()
    item = sync_client.items.create(
        opkit.ItemCreateParams(
            category=opkit.ItemCategory.SSHKEY,
            vault_id=account.vault_id,
            title=f"SSH {key['file']}",
            fields=[
                opkit.ItemField(
                    id="private_key",
                    title="private key",
                    field_type=opkit.ItemFieldType.SSHKEY,
                    value=pem,
                )
            ],
        )
    )
    details = item.fields[0].details
    assert isinstance(details, opkit.ItemFieldDetailsSshKey) and details.content is not None
    assert details.content.public_key.split()[:2] == key["public_key"].split()[:2]
    assert details.content.fingerprint == key["fingerprint"]
    expected_type = "Ed25519" if "ed25519" in key["key_type_ssh"] else None
    if expected_type:
        assert details.content.key_type == expected_type
    else:
        assert details.content.key_type


@pytest.mark.parametrize(
    "key", [k for k in vectors("ssh/manifest.json") if k["encrypted"]], ids=lambda k: k["file"]
)
def test_encrypted_ssh_keys_are_refused(
    sync_client: opkit.SyncClient, account: Account, key: Dict[str, Any]
) -> None:
    with pytest.raises(opkit.OpkitError) as info:
        sync_client.items.create(
            opkit.ItemCreateParams(
                category=opkit.ItemCategory.SSHKEY,
                vault_id=account.vault_id,
                title="Encrypted",
                fields=[
                    opkit.ItemField(
                        id="k",
                        title="k",
                        field_type=opkit.ItemFieldType.SSHKEY,
                        value=(SSH / key["file"]).read_text(),
                    )
                ],
            )
        )
    assert info.value.name in ("ItemApi", "ParsingPrivateKey")
