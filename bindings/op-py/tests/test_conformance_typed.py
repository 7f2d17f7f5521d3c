"""Replays tests/conformance/cases.json through the typed public API (`opkit.Client`).

Each invocation of a case becomes the typed call a user writes: its parameters go through the
generated types (`ItemCreateParams.model_validate(...)` and so on) and the typed result is turned
back into wire JSON (`model_dump(mode="json", by_alias=True)`) before it is checked against the
case's expectation. A wrapper that drops or renames a member, in the request or in the reply,
fails here even when the raw protocol replay (test_conformance.py) passes.

Every invocation the cases contain has a typed call (`TYPED`). Seven steps cannot be expressed
through the typed API and are left to the raw replay (`UNTYPED_STEPS`, reasons in `UNTYPED`):
malformed request text (2 cases), an unknown invocation name, an unknown client id, a client
operation through `invoke_sync`, a config missing keys (`authenticate` always sends a full one)
and releasing a client id nobody holds. One step is expressed but refused earlier than the core
refuses it: a recipe with a mis-spelt tag (`random`) fails validation of the typed model.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Dict, List, Optional

import pytest

import opkit
from conftest import Account, conformance_cases
from opkit import types as t
from opkit._model import Model
from test_conformance import pointer, substitute

Params = Dict[str, Any]
Call = Callable[[opkit.Client, Params], Awaitable[Any]]


async def _static(value: Any) -> Any:
    return value


# Every invocation the cases contain, as the typed call that sends it.
TYPED: Dict[str, Call] = {
    "ValidateSecretReference": lambda c, p: _static(
        opkit.Secrets.validate_secret_reference(p["secret_reference"])
    ),
    "GeneratePassword": lambda c, p: _static(opkit.Secrets.generate_password(_recipe(p["recipe"]))),
    "SecretsResolve": lambda c, p: c.secrets.resolve(p["secret_reference"]),
    "SecretsResolveAll": lambda c, p: c.secrets.resolve_all(p["secret_references"]),
    "ItemsCreate": lambda c, p: c.items.create(t.ItemCreateParams.model_validate(p["params"])),
    "ItemsCreateAll": lambda c, p: c.items.create_all(
        p["vault_id"], [t.ItemCreateParams.model_validate(x) for x in p["params"]]
    ),
    "ItemsGet": lambda c, p: c.items.get(p["vault_id"], p["item_id"]),
    "ItemsPut": lambda c, p: c.items.put(t.Item.model_validate(p["item"])),
    "ItemsDelete": lambda c, p: c.items.delete(p["vault_id"], p["item_id"]),
    "ItemsArchive": lambda c, p: c.items.archive(p["vault_id"], p["item_id"]),
    "ItemsList": lambda c, p: c.items.list(
        p["vault_id"], *[t.ItemListFilterByState.model_validate(f) for f in p["filters"]]
    ),
    "ItemsFilesAttach": lambda c, p: c.items.files.attach(
        t.Item.model_validate(p["item"]), t.FileCreateParams.model_validate(p["file_params"])
    ),
    "ItemsFilesRead": lambda c, p: c.items.files.read(
        p["vault_id"], p["item_id"], t.FileAttributes.model_validate(p["attr"])
    ),
    "ItemsFilesDelete": lambda c, p: c.items.files.delete(
        t.Item.model_validate(p["item"]), p["section_id"], p["field_id"]
    ),
    "ItemsFilesReplaceDocument": lambda c, p: c.items.files.replace_document(
        t.Item.model_validate(p["item"]), t.DocumentCreateParams.model_validate(p["doc_params"])
    ),
    "VaultsCreate": lambda c, p: c.vaults.create(t.VaultCreateParams.model_validate(p["params"])),
    "VaultsList": lambda c, p: c.vaults.list(
        None if p["params"] is None else t.VaultListParams.model_validate(p["params"])
    ),
    "VaultsGet": lambda c, p: c.vaults.get(
        p["vault_id"], t.VaultGetParams.model_validate(p["vault_params"])
    ),
    "VaultsGetOverview": lambda c, p: c.vaults.get_overview(p["vault_id"]),
    "VaultsUpdate": lambda c, p: c.vaults.update(
        p["vault_id"], t.VaultUpdateParams.model_validate(p["params"])
    ),
    "VaultsDelete": lambda c, p: c.vaults.delete(p["vault_id"]),
    "VaultsGrantGroupPermissions": lambda c, p: c.vaults.grant_group_permissions(
        p["vault_id"], [t.GroupAccess.model_validate(g) for g in p["group_permissions_list"]]
    ),
    "VaultsUpdateGroupPermissions": lambda c, p: c.vaults.update_group_permissions(
        [t.GroupVaultAccess.model_validate(g) for g in p["group_permissions_list"]]
    ),
    "VaultsRevokeGroupPermissions": lambda c, p: c.vaults.revoke_group_permissions(
        p["vault_id"], p["group_id"]
    ),
    "GroupsGet": lambda c, p: c.groups.get(
        p["group_id"], t.GroupGetParams.model_validate(p["group_params"])
    ),
    "EnvironmentsGetVariables": lambda c, p: c.environments.get_variables(p["environment_id"]),
}


def _recipe(wire: Params) -> t.PasswordRecipe:
    by_tag: Dict[str, Any] = {
        "Memorable": t.PasswordRecipeMemorable,
        "Pin": t.PasswordRecipePin,
        "Random": t.PasswordRecipeRandom,
    }
    # A caller picks the class by the tag's meaning; a mis-spelt tag then fails validation.
    cls = next(c for tag, c in by_tag.items() if tag.lower() == str(wire.get("type")).lower())
    recipe: t.PasswordRecipe = cls.model_validate(wire)
    return recipe


# Steps the typed API cannot express, and why (the raw replay covers them).
UNTYPED = {
    "raw": "malformed request text: the typed API always sends a well-formed envelope",
    "unknown_name": "an invocation name no typed method has",
    "foreign_client": "a client id the test never authenticated: typed calls only use real clients",
    "sync_with_client": "a client operation through invoke_sync: typed client calls are async",
    "partial_config": "a config missing keys: `Client.authenticate` always sends a full config",
    "release_unknown": "releasing a client id nobody holds: `close()` acts on a held client",
    "desktop_and_token": "a desktop account next to a token: the typed `auth` is one or the other",
}


# The case names whose first step is left to the raw replay, and why.
UNTYPED_STEPS = {
    "invoke_sync refuses client operations": "sync_with_client",
    "non-JSON input is plain text": "raw",
    "a missing invocation key is plain text": "raw",
    "an unknown invocation name is plain text": "unknown_name",
    "an unknown client id is Internal": "foreign_client",
    "a config missing keys is plain text": "partial_config",
    "releasing an unknown client is Internal": "release_unknown",
}

# Cases with a later step left to the raw replay: the case name, the step and why.
DESKTOP_CASE = (
    "a desktop-app config (JS accountName, Go account_name) is InvalidConfiguration, token or not"
)
UNTYPED_LATER = {DESKTOP_CASE: (2, "desktop_and_token")}


def _desktop_account(config: Dict[str, Any]) -> Optional[str]:
    account = config.get("accountName") or config.get("account_name")
    return account if isinstance(account, str) else None


def _wire(result: Any) -> Any:
    """A typed result as the JSON the core sent, with null members dropped."""
    if result is None:
        return ""  # the unit result
    if isinstance(result, bytes):
        return list(result)
    if isinstance(result, list):
        return [_wire(r) for r in result]
    if isinstance(result, Model):
        return result.model_dump(mode="json", by_alias=True, exclude_none=True)
    return result


def _why_untyped(step: Dict[str, Any], clients: Dict[Any, opkit.Client]) -> Optional[str]:
    if "raw" in step:
        return UNTYPED["raw"]
    arg = step["arg"]
    if step["fn"] == "init_client":
        needed = {"serviceAccountToken", "integrationName", "integrationVersion"}
        if not (needed <= set(arg) and len(arg) > 3):
            return UNTYPED["partial_config"]
        if _desktop_account(arg) is not None and arg["serviceAccountToken"]:
            return UNTYPED["desktop_and_token"]
        return None
    if step["fn"] == "release_client":
        return None if arg in clients else UNTYPED["release_unknown"]
    invocation = arg["invocation"]
    name = invocation["parameters"]["name"]
    if name not in TYPED:
        return UNTYPED["unknown_name"]
    client_id = invocation.get("clientId")
    if step["fn"] == "invoke_sync" and client_id is not None:
        return UNTYPED["sync_with_client"]
    if client_id is not None and client_id not in clients:
        return UNTYPED["foreign_client"]
    return None


async def replay_typed(case: Dict[str, Any], variables: Dict[str, Any]) -> List[str]:
    """Runs the case; returns the steps it could not express, with the reason."""
    skipped: List[str] = []
    # Saved client "ids" are the typed clients themselves, keyed by a token standing for them.
    clients: Dict[Any, opkit.Client] = {}
    for number, step in enumerate(case["steps"]):
        where = f"{case['name']} step {number} ({step['fn']})"
        arg = substitute(step["arg"], variables) if "arg" in step else None
        resolved = dict(step, arg=arg) if arg is not None else step
        why = _why_untyped(resolved, clients)
        if why is not None:
            skipped.append(f"{where}: {why}")
            continue
        expect = step["expect"]
        try:
            result = await _typed_step(step["fn"], arg, clients)
        except opkit.OpkitError as e:
            assert not isinstance(e, opkit.InvalidRequestException) or "text_prefix" in expect, (
                f"{where}: {e!r}"
            )
            if "error" in expect:
                assert e.name == expect["error"], f"{where}: {e.name}: {e.message}"
            elif "text_prefix" in expect:
                assert e.message.startswith(expect["text_prefix"]), f"{where}: {e.message}"
            else:
                raise AssertionError(f"{where}: unexpected {e!r}") from None
            continue
        except opkit.ValidationError as e:
            # The typed layer refuses what the core would refuse as unparseable.
            assert "text_prefix" in expect, f"{where}: {e}"
            continue
        assert "ok" in expect, f"{where}: expected {expect}, got {result!r}"
        if isinstance(result, opkit.Client):
            key = f"client#{len(clients)}"
            clients[key] = result
            parsed: Any = key
        else:
            parsed = _wire(result)
        if expect["ok"] is not True:
            assert parsed == expect["ok"], where
        for key in step.get("expect_keys", []):
            assert parsed.get(key) is not None, f"{where}: the typed result lacks {key}"
        for var, path in step.get("save", {}).items():
            variables[var] = pointer(parsed, path)
    return skipped


async def _typed_step(fn: str, arg: Any, clients: Dict[Any, opkit.Client]) -> Any:
    if fn == "init_client":
        account = _desktop_account(arg)
        auth = opkit.DesktopAuth(account) if account is not None else arg["serviceAccountToken"]
        return await opkit.Client.authenticate(
            auth, arg["integrationName"], arg["integrationVersion"]
        )
    if fn == "release_client":
        clients[arg].close()
        return ""
    invocation = arg["invocation"]
    client_id = invocation.get("clientId")
    client = clients[client_id] if client_id is not None else None
    call = TYPED[invocation["parameters"]["name"]]
    return await call(client, invocation["parameters"]["parameters"])  # type: ignore[arg-type]


@pytest.mark.parametrize("case", conformance_cases(), ids=lambda c: c["name"])
def test_conformance_case_through_the_typed_api(
    case: Dict[str, Any], fresh_account: Account
) -> None:
    variables: Dict[str, Any] = {
        "writer_token": fresh_account.writer_token,
        "reader_token": fresh_account.reader_token,
        "vault_id": fresh_account.conformance_vault_id,
        "group_id": fresh_account.group_id,
        "environment_id": fresh_account.environment_id,
    }
    skipped = asyncio.run(replay_typed(case, variables))
    step, reason = (0, UNTYPED_STEPS.get(case["name"]))
    if case["name"] in UNTYPED_LATER:
        step, reason = UNTYPED_LATER[case["name"]]
    expected = [] if reason is None else [f"{case['name']} step {step} "]
    assert [s[: len(e)] for s, e in zip(skipped, expected)] == expected, skipped
    assert len(skipped) == len(expected), skipped
    assert reason is None or skipped[0].endswith(UNTYPED[reason])


def test_every_invocation_of_the_cases_has_a_typed_call() -> None:
    names = {
        step["arg"]["invocation"]["parameters"]["name"]
        for case in conformance_cases()
        for step in case["steps"]
        if step["fn"] in ("invoke", "invoke_sync") and "arg" in step
    }
    assert names - set(TYPED) == {"ItemsFrobnicate"}  # the deliberately unknown name
