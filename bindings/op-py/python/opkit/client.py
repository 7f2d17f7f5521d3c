"""`Client` (async, as in the official package) and `SyncClient` (the same methods, blocking)."""

from __future__ import annotations

from types import TracebackType
from typing import Optional, Union

from ._inner import InnerClient, init_client, init_client_blocking
from .defaults import DesktopAuth, new_default_config
from .environments import Environments, SyncEnvironments
from .groups import Groups, SyncGroups
from .items import Items, SyncItems
from .secrets import Secrets, SyncSecrets
from .vaults import SyncVaults, Vaults


class Client:
    """An authenticated client. Create it with `await Client.authenticate(...)`.

    Release it with `close()` or `async with`; otherwise it is released when collected.
    """

    secrets: Secrets
    items: Items
    vaults: Vaults
    environments: Environments
    groups: Groups

    def __init__(self, inner_client: InnerClient) -> None:
        self._inner = inner_client
        self.secrets = Secrets(inner_client)
        self.items = Items(inner_client)
        self.vaults = Vaults(inner_client)
        self.environments = Environments(inner_client)
        self.groups = Groups(inner_client)

    @classmethod
    async def authenticate(
        cls, auth: Union[str, DesktopAuth], integration_name: str, integration_version: str
    ) -> Client:
        """Authenticates with a service-account token (`ops_...`)."""
        config = new_default_config(auth, integration_name, integration_version)
        return cls(await init_client(config))

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return self._inner.closed

    def close(self) -> None:
        """Releases the client in the core now; later calls fail. Safe to call twice."""
        self._inner.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class SyncClient:
    """A blocking client with the methods of `Client`. The GIL is released while the core works,
    so other Python threads keep running."""

    secrets: SyncSecrets
    items: SyncItems
    vaults: SyncVaults
    environments: SyncEnvironments
    groups: SyncGroups

    def __init__(self, inner_client: InnerClient) -> None:
        self._inner = inner_client
        self.secrets = SyncSecrets(inner_client)
        self.items = SyncItems(inner_client)
        self.vaults = SyncVaults(inner_client)
        self.environments = SyncEnvironments(inner_client)
        self.groups = SyncGroups(inner_client)

    @classmethod
    def authenticate(
        cls, auth: Union[str, DesktopAuth], integration_name: str, integration_version: str
    ) -> SyncClient:
        """Authenticates with a service-account token (`ops_...`)."""
        config = new_default_config(auth, integration_name, integration_version)
        return cls(init_client_blocking(config))

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return self._inner.closed

    def close(self) -> None:
        """Releases the client in the core now; later calls fail. Safe to call twice."""
        self._inner.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()
