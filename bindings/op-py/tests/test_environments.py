"""environments.get_variables, sync and async, on a real vault file."""

from __future__ import annotations

from typing import List, Tuple

import pytest

import opkit
from conftest import Account, run


def variables(response: opkit.GetVariablesResponse) -> List[Tuple[str, str, bool]]:
    return [(v.name, v.value, v.masked) for v in response.variables]


CONFORMANCE = [("GREETING", "hello", False), ("API_KEY", "s3cr3t", True)]


def test_granted_reads_others_cannot_sync(sync_client: opkit.SyncClient, account: Account) -> None:
    got = sync_client.environments.get_variables(account.environment_id)
    assert isinstance(got.variables[0], opkit.EnvironmentVariable)
    assert variables(got) == CONFORMANCE
    with opkit.SyncClient.authenticate(account.reader_token, "tests", "1.0") as reader:
        with pytest.raises(opkit.ItemApiException):
            reader.environments.get_variables(account.environment_id)
    with pytest.raises(opkit.ItemApiException):
        sync_client.environments.get_variables("no-such-environment")


def test_grants_and_revocations_apply_to_open_clients(account: Account) -> None:
    env_id = account.cli("environment", "create", "staging")["id"]
    account.cli("environment", "set", env_id, "DB_URL=postgres://db/app")
    group_id = account.cli("group", "create", "Staging Readers")["id"]
    member = account.cli("service-account", "create", "--name", "staging", "--vault", "Test:read")
    account.cli("group", "add-member", group_id, member["id"])
    with opkit.SyncClient.authenticate(member["token"], "tests", "1.0") as client:
        with pytest.raises(opkit.ItemApiException):
            client.environments.get_variables(env_id)
        account.cli("environment", "grant", env_id, f"group:{group_id}")
        assert variables(client.environments.get_variables(env_id)) == [
            ("DB_URL", "postgres://db/app", False)
        ]
        account.cli("environment", "set", env_id, "TOKEN=t0k", "--masked")
        assert [v.name for v in client.environments.get_variables(env_id).variables] == [
            "DB_URL",
            "TOKEN",
        ]
        account.cli("environment", "revoke", env_id, f"group:{group_id}")
        with pytest.raises(opkit.ItemApiException):
            client.environments.get_variables(env_id)


def test_environments_async(account: Account) -> None:
    async def scenario() -> Tuple[List[Tuple[str, str, bool]], str]:
        async with await opkit.Client.authenticate(account.writer_token, "t", "1") as writer:
            got = variables(await writer.environments.get_variables(account.environment_id))
        async with await opkit.Client.authenticate(account.reader_token, "t", "1") as reader:
            try:
                await reader.environments.get_variables(account.environment_id)
            except opkit.ItemApiException as e:
                return got, e.name
        return got, "no error"

    assert run(scenario()) == (CONFORMANCE, "ItemApi")
