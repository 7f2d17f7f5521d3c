"""Typed errors: one class per error name of the protocol (§5), under `OpkitError`.

Each has `.name` (the protocol's stable error name), `.message` (what happened and what to do;
never a secret) and `.reason`: the core's stable, finer-grained cause (`NotFound`,
`PermissionDenied`, `VersionConflict`, `KeyRotated`, `Busy`, `NotImplemented`, `Revoked`,
`TooLarge`, `Invalid`, `Internal`, ...), or None when the core sent none. Match on `.reason`
instead of message text; the official packages ignore the key, so code written for them is
unaffected. `DesktopSessionExpiredException` and `RateLimitExceededException` keep the
official package's names; the others follow the same pattern, `<Name>Exception`, with a trailing
`Error` of the name dropped. Requests the core cannot parse at all (it answers in plain text, not
JSON) raise `InvalidRequestException`.
"""

from __future__ import annotations

import json
from typing import ClassVar, Dict, Optional


class OpkitError(Exception):
    """Base of every error opkit raises for a failed call."""

    name: str
    message: str
    reason: Optional[str]

    def __init__(
        self, message: str, name: Optional[str] = None, reason: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.name = name if name is not None else type(self).error_name
        self.reason = reason

    error_name: ClassVar[str] = ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class ServiceAccountTokenParsingException(OpkitError):
    """The service-account token could not be read: create a new one."""

    error_name = "ServiceAccountTokenParsing"


class CustomerManagedSecretParsingException(OpkitError):
    """A workload-identity secret could not be read."""

    error_name = "CustomerManagedSecretParsing"


class WorkloadKeysetDecryptionException(OpkitError):
    """A workload-identity keyset could not be decrypted."""

    error_name = "WorkloadKeysetDecryption"


class AuthException(OpkitError):
    """Authentication failed (revoked token, unknown account)."""

    error_name = "Auth"


class AuthExpiredException(OpkitError):
    """The session expired: authenticate again."""

    error_name = "AuthExpired"


class ItemApiException(OpkitError):
    """An item, vault or permission operation failed."""

    error_name = "ItemApi"


class ResolvingSecretReferenceException(OpkitError):
    """A secret reference could not be resolved."""

    error_name = "ResolvingSecretReference"


class ParsingSecretReferenceException(OpkitError):
    """A secret reference is not well formed."""

    error_name = "ParsingSecretReference"


class GeneratingPasswordException(OpkitError):
    """A password could not be generated."""

    error_name = "GeneratingPassword"


class ParsingPrivateKeyException(OpkitError):
    """An SSH private key could not be read."""

    error_name = "ParsingPrivateKey"


class InvalidConfigurationException(OpkitError):
    """The configuration or a recipe broke one or more rules (all listed in the message)."""

    error_name = "InvalidConfiguration"


class UpdatingGroupVaultPermissionsException(OpkitError):
    """A group's vault permissions could not be updated."""

    error_name = "UpdatingGroupVaultPermissionsError"


class RevokingGroupVaultPermissionsException(OpkitError):
    """A group's vault permissions could not be revoked."""

    error_name = "RevokingGroupVaultPermissionsError"


class GettingGroupException(OpkitError):
    """A group could not be read."""

    error_name = "GettingGroup"


class DesktopSessionExpiredException(OpkitError):
    """The desktop app's authorization expired."""

    error_name = "DesktopSessionExpired"


class RateLimitExceededException(OpkitError):
    """Too many requests: retry later."""

    error_name = "RateLimitExceeded"


class InternalException(OpkitError):
    """A bug or an unexpected state in opkit: please report it."""

    error_name = "Internal"


class InvalidRequestException(OpkitError):
    """The core could not parse the request (plain-text error from the core)."""

    error_name = "InvalidRequest"


_BY_NAME: Dict[str, type[OpkitError]] = {
    cls.error_name: cls for cls in OpkitError.__subclasses__() if cls is not InvalidRequestException
}


def from_core(text: str) -> OpkitError:
    """The typed error for the core's error text (a JSON envelope, or plain text)."""
    try:
        envelope = json.loads(text)
        name, message = envelope["name"], envelope["message"]
    except (ValueError, TypeError, KeyError):
        return InvalidRequestException(text)
    # Lenient: a reason that is absent, null or not text is no reason.
    reason = envelope.get("reason")
    reason = reason if isinstance(reason, str) and reason else None
    cls = _BY_NAME.get(name)
    if cls is None:
        # A name from a newer core: still an OpkitError, still carrying the name.
        return OpkitError(str(message), str(name), reason)
    return cls(str(message), reason=reason)


__all__ = [
    "AuthException",
    "AuthExpiredException",
    "CustomerManagedSecretParsingException",
    "DesktopSessionExpiredException",
    "GeneratingPasswordException",
    "GettingGroupException",
    "InternalException",
    "InvalidConfigurationException",
    "InvalidRequestException",
    "ItemApiException",
    "OpkitError",
    "ParsingPrivateKeyException",
    "ParsingSecretReferenceException",
    "RateLimitExceededException",
    "ResolvingSecretReferenceException",
    "RevokingGroupVaultPermissionsException",
    "ServiceAccountTokenParsingException",
    "UpdatingGroupVaultPermissionsException",
    "WorkloadKeysetDecryptionException",
]
