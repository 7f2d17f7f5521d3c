"""The one place that talks to the native module: envelopes out, typed errors back."""

from __future__ import annotations

import json
import weakref
from typing import Any, Dict

from . import _core
from .errors import OpkitError, from_core


def _envelope(client_id: int, name: str, params: Dict[str, Any]) -> str:
    return json.dumps(
        {"invocation": {"clientId": client_id, "parameters": {"name": name, "parameters": params}}}
    )


def _release(client_id: int) -> None:
    try:
        _core.release_client(str(client_id))
    except _core.CoreError:
        pass  # already released; nothing else can fail here


def typed(error: _core.CoreError) -> OpkitError:
    return from_core(error.msg)


class InnerClient:
    """A client id plus its release: explicit (`close`) or when the client is collected."""

    __slots__ = ("__weakref__", "_finalizer", "client_id", "config")

    def __init__(self, client_id: int, config: Dict[str, str]) -> None:
        self.client_id = client_id
        self.config = config
        self._finalizer = weakref.finalize(self, _release, client_id)

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        self._finalizer()

    async def invoke(self, name: str, params: Dict[str, Any]) -> str:
        try:
            return await _core.invoke(_envelope(self.client_id, name, params))
        except _core.CoreError as e:
            raise typed(e) from None

    def invoke_blocking(self, name: str, params: Dict[str, Any]) -> str:
        try:
            return _core.invoke_blocking(_envelope(self.client_id, name, params))
        except _core.CoreError as e:
            raise typed(e) from None


async def init_client(config: Dict[str, str]) -> InnerClient:
    try:
        client_id = int(await _core.init_client(json.dumps(config)))
    except _core.CoreError as e:
        raise typed(e) from None
    return InnerClient(client_id, config)


def init_client_blocking(config: Dict[str, str]) -> InnerClient:
    try:
        client_id = int(_core.init_client_blocking(json.dumps(config)))
    except _core.CoreError as e:
        raise typed(e) from None
    return InnerClient(client_id, config)
