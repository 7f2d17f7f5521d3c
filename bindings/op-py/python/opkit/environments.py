"""`client.environments`, async and sync."""

from __future__ import annotations

import json

from ._inner import InnerClient
from ._model import decode
from .types import GetVariablesResponse


class Environments:
    """Environments of an async `Client`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    async def get_variables(self, environment_id: str) -> GetVariablesResponse:
        """An Environment's variables."""
        text = await self.inner_client.invoke(
            "EnvironmentsGetVariables", {"environment_id": environment_id}
        )
        return decode(GetVariablesResponse, json.loads(text))


class SyncEnvironments:
    """Environments of a `SyncClient`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    def get_variables(self, environment_id: str) -> GetVariablesResponse:
        """An Environment's variables."""
        text = self.inner_client.invoke_blocking(
            "EnvironmentsGetVariables", {"environment_id": environment_id}
        )
        return decode(GetVariablesResponse, json.loads(text))
