"""Passwords and reference checks need no client: `python passwords_example.py`."""

from opkit import (
    ParsingSecretReferenceException,
    PasswordRecipeMemorable,
    PasswordRecipeMemorableInner,
    PasswordRecipePin,
    PasswordRecipePinInner,
    PasswordRecipeRandom,
    PasswordRecipeRandomInner,
    Secrets,
    SeparatorType,
    WordListType,
)

random = PasswordRecipeRandom(
    parameters=PasswordRecipeRandomInner(length=20, include_digits=True, include_symbols=True)
)
memorable = PasswordRecipeMemorable(
    parameters=PasswordRecipeMemorableInner(
        separator_type=SeparatorType.HYPHENS,
        capitalize=True,
        word_list_type=WordListType.FULLWORDS,
        word_count=4,
    )
)
pin = PasswordRecipePin(parameters=PasswordRecipePinInner(length=6))
for recipe in (random, memorable, pin):
    print(Secrets.generate_password(recipe).password)

Secrets.validate_secret_reference("op://vault/item/section/field")
try:
    Secrets.validate_secret_reference("op://vault/item")
except ParsingSecretReferenceException as e:
    print(e.name, "-", e.message)
