"""`client.secrets`: load secrets by `op://` reference; validate references; generate passwords."""

from __future__ import annotations

import json
from typing import List

from . import _core
from ._inner import InnerClient, typed
from ._model import decode, encode
from .types import (
    GeneratePasswordResponse,
    PasswordRecipe,
    PasswordRecipeMemorable,
    PasswordRecipePin,
    PasswordRecipeRandom,
    ResolveAllResponse,
)


def _generate_fast(recipe: PasswordRecipe) -> str | None:
    """The typed native path; None when the recipe is not well typed (the JSON path explains)."""
    try:
        if isinstance(recipe, PasswordRecipeRandom):
            p = recipe.parameters
            return _core.generate_password_random(p.length, p.include_digits, p.include_symbols)
        if isinstance(recipe, PasswordRecipePin):
            return _core.generate_password_pin(recipe.parameters.length)
        if isinstance(recipe, PasswordRecipeMemorable):
            m = recipe.parameters
            return _core.generate_password_memorable(
                m.separator_type, m.capitalize, m.word_list_type, m.word_count
            )
    except (AttributeError, OverflowError, TypeError):
        pass
    return None


class SecretsStatic:
    """The operations that need no client (static, synchronous, as in the official package)."""

    @staticmethod
    def validate_secret_reference(secret_reference: str) -> None:
        """Raises `ParsingSecretReferenceException` unless the reference is well formed."""
        try:
            if isinstance(secret_reference, str):
                _core.validate_secret_reference(secret_reference)
                return
            _core.invoke_sync(
                json.dumps(
                    {
                        "invocation": {
                            "parameters": {
                                "name": "ValidateSecretReference",
                                "parameters": {"secret_reference": secret_reference},
                            }
                        }
                    }
                )
            )
        except _core.CoreError as e:
            raise typed(e) from None

    @staticmethod
    def generate_password(recipe: PasswordRecipe) -> GeneratePasswordResponse:
        """A new password from a recipe (Random, Memorable or Pin)."""
        try:
            password = _generate_fast(recipe)
            if password is None:
                text = _core.invoke_sync(
                    json.dumps(
                        {
                            "invocation": {
                                "parameters": {
                                    "name": "GeneratePassword",
                                    "parameters": {"recipe": encode(recipe)},
                                }
                            }
                        }
                    )
                )
                return decode(GeneratePasswordResponse, json.loads(text))
        except _core.CoreError as e:
            raise typed(e) from None
        return GeneratePasswordResponse(password=password)


class Secrets(SecretsStatic):
    """Secrets of an async `Client`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    async def resolve(self, secret_reference: str) -> str:
        """The secret `op://vault/item/[section/]field` points to."""
        text = await self.inner_client.invoke(
            "SecretsResolve", {"secret_reference": secret_reference}
        )
        return str(json.loads(text))

    async def resolve_all(self, secret_references: List[str]) -> ResolveAllResponse:
        """Every reference's secret or error, keyed by reference; reads each item once."""
        text = await self.inner_client.invoke(
            "SecretsResolveAll", {"secret_references": list(secret_references)}
        )
        return decode(ResolveAllResponse, json.loads(text))


class SyncSecrets(SecretsStatic):
    """Secrets of a `SyncClient`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    def resolve(self, secret_reference: str) -> str:
        """The secret `op://vault/item/[section/]field` points to."""
        text = self.inner_client.invoke_blocking(
            "SecretsResolve", {"secret_reference": secret_reference}
        )
        return str(json.loads(text))

    def resolve_all(self, secret_references: List[str]) -> ResolveAllResponse:
        """Every reference's secret or error, keyed by reference; reads each item once."""
        text = self.inner_client.invoke_blocking(
            "SecretsResolveAll", {"secret_references": list(secret_references)}
        )
        return decode(ResolveAllResponse, json.loads(text))
