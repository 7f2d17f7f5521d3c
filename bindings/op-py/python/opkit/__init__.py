"""opkit: the programming model of the official 1Password SDK, on an encrypted local vault.

Code written for `onepassword` runs after changing its import to `opkit`.
"""

from . import errors, types
from ._model import ValidationError
from .client import Client, SyncClient
from .defaults import DEFAULT_INTEGRATION_NAME, DEFAULT_INTEGRATION_VERSION, DesktopAuth
from .environments import Environments, SyncEnvironments
from .errors import *  # noqa: F403
from .groups import Groups, SyncGroups
from .items import Items, ItemsFiles, ItemsShares, SyncItems, SyncItemsFiles, SyncItemsShares
from .secrets import Secrets, SyncSecrets
from .types import *  # noqa: F403
from .vaults import SyncVaults, Vaults

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_INTEGRATION_NAME",
    "DEFAULT_INTEGRATION_VERSION",
    "Client",
    "DesktopAuth",
    "Environments",
    "Groups",
    "Items",
    "ItemsFiles",
    "ItemsShares",
    "Secrets",
    "SyncClient",
    "SyncEnvironments",
    "SyncGroups",
    "SyncItems",
    "SyncItemsFiles",
    "SyncItemsShares",
    "SyncSecrets",
    "SyncVaults",
    "ValidationError",
    "Vaults",
    *types.__all__,
    *errors.__all__,
]
