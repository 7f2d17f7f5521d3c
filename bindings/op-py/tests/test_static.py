"""Secrets.validate_secret_reference and Secrets.generate_password (no client needed)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import opkit
from conftest import vectors
from opkit import Secrets


@pytest.mark.parametrize("case", vectors("secret-refs.json"), ids=lambda c: c["ref"])
def test_shared_reference_vectors(case: Dict[str, Any]) -> None:
    if case["valid"]:
        assert Secrets.validate_secret_reference(case["ref"]) is None
    else:
        with pytest.raises(opkit.ParsingSecretReferenceException) as info:
            Secrets.validate_secret_reference(case["ref"])
        assert info.value.name == "ParsingSecretReference"
        assert info.value.message.startswith("the secret reference could not be parsed: ")


def test_a_non_string_reference_takes_the_protocol_path() -> None:
    with pytest.raises(opkit.InvalidRequestException) as info:
        Secrets.validate_secret_reference(42)  # type: ignore[arg-type]
    assert "did not match any variant" in info.value.message


def random_recipe(
    length: int, digits: bool = True, symbols: bool = True
) -> opkit.types.PasswordRecipe:
    return opkit.PasswordRecipeRandom(
        parameters=opkit.PasswordRecipeRandomInner(
            length=length, include_digits=digits, include_symbols=symbols
        )
    )


def test_random_password_has_the_length_and_classes() -> None:
    password = Secrets.generate_password(random_recipe(20)).password
    assert len(password) == 20
    assert any(c.isdigit() for c in password)
    assert any(c in "!*-.@_" for c in password)


def test_pin_is_digits() -> None:
    recipe = opkit.PasswordRecipePin(parameters=opkit.PasswordRecipePinInner(length=6))
    password = Secrets.generate_password(recipe).password
    assert len(password) == 6 and password.isdigit()


def test_memorable_with_camel_case_aliases() -> None:
    wire_names: Dict[str, Any] = {
        "separatorType": opkit.SeparatorType.HYPHENS,
        "capitalize": False,
        "wordListType": opkit.WordListType.FULLWORDS,
        "wordCount": 4,
    }
    recipe = opkit.PasswordRecipeMemorable(
        parameters=opkit.PasswordRecipeMemorableInner(**wire_names)
    )
    password = Secrets.generate_password(recipe).password
    assert len(password.split("-")) == 4
    assert password == password.lower()


@pytest.mark.parametrize("length", [7, 101])
def test_out_of_range_random_is_invalid_configuration(length: int) -> None:
    with pytest.raises(opkit.InvalidConfigurationException) as info:
        Secrets.generate_password(random_recipe(length))
    assert "between 8 and 100" in info.value.message


@pytest.mark.parametrize("length", [-1, 2**40])
def test_a_length_outside_u32_is_refused_by_the_core_as_the_protocol_does(length: int) -> None:
    with pytest.raises(opkit.InvalidRequestException) as info:
        Secrets.generate_password(random_recipe(length))
    assert "did not match any variant" in info.value.message


def test_unknown_separator_is_refused_at_construction_as_pydantic_does() -> None:
    # SeparatorType is a strict enum: like the official pydantic model, the constructor refuses
    # an unknown spelling before anything reaches the core.
    with pytest.raises(opkit.ValidationError, match="semicolons"):
        opkit.PasswordRecipeMemorableInner(
            separator_type="semicolons",  # type: ignore[arg-type]
            capitalize=True,
            word_list_type=opkit.WordListType.SYLLABLES,
            word_count=4,
        )


def test_plain_enum_values_work_like_members() -> None:
    recipe = opkit.PasswordRecipeMemorable(
        parameters=opkit.PasswordRecipeMemorableInner(
            separator_type="digits",  # type: ignore[arg-type]
            capitalize=True,
            word_list_type="threeLetters",  # type: ignore[arg-type]
            word_count=3,
        )
    )
    assert len(Secrets.generate_password(recipe).password) >= 11


def test_the_static_methods_are_reachable_from_client_namespaces() -> None:
    assert opkit.SyncSecrets.generate_password is Secrets.generate_password
    assert opkit.SyncSecrets.validate_secret_reference is Secrets.validate_secret_reference


def test_repr_never_shows_secret_values() -> None:
    field = opkit.ItemField(
        id="password",
        title="password",
        field_type=opkit.ItemFieldType.CONCEALED,
        value="hunter2",
    )
    env = opkit.EnvironmentVariable(name="API_KEY", value="s3cr3t", masked=True)
    for obj in (field, env, opkit.GeneratePasswordResponse(password="pw-123456")):
        text = repr(obj)
        assert "[REDACTED]" in text and "hunter2" not in text and "s3cr3t" not in text
        assert "pw-123456" not in str(obj)
    assert field.value == "hunter2"  # the attribute itself is unchanged
    assert "API_KEY" in repr(env)
