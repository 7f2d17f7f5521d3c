"""Client configuration (protocol §3) and the integration defaults of the official package."""

from __future__ import annotations

import platform
from typing import Dict, Union

DEFAULT_INTEGRATION_NAME = "Unknown"
DEFAULT_INTEGRATION_VERSION = "Unknown"

SDK_LANGUAGE = "Python"
# The workspace version, and the same in the official wrappers' build-number form (M, mm, pp,
# build 00) that every opkit binding sends; `cargo xtask doctor` checks both.
VERSION = "0.1.0"
SDK_VERSION = "0010000"


class DesktopAuth:
    """Authentication through a desktop app, kept for source compatibility.

    opkit has no desktop app: the core refuses such a client with a typed error.
    """

    def __init__(self, account_name: str) -> None:
        self.account_name = account_name


def new_default_config(
    auth: Union[str, DesktopAuth], integration_name: str, integration_version: str
) -> Dict[str, str]:
    config = {
        "serviceAccountToken": "" if isinstance(auth, DesktopAuth) else auth,
        "programmingLanguage": SDK_LANGUAGE,
        "sdkVersion": SDK_VERSION,
        "integrationName": integration_name,
        "integrationVersion": integration_version,
        "requestLibraryName": "opkit",
        "requestLibraryVersion": VERSION,
        "os": platform.system().lower(),
        "osVersion": "0.0.0",
        "architecture": platform.machine(),
    }
    if isinstance(auth, DesktopAuth):
        config["accountName"] = auth.account_name
    return config
