"""The generated models behave like the official package's pydantic models where user code
touches them (issue 12 item 2), print no secret (item 6), and errors carry the core's reason."""

from __future__ import annotations

import json
import logging
import pprint
from datetime import datetime
from typing import Any, Dict

import pytest

import opkit
from conftest import Account, login
from opkit import _contract
from opkit.errors import from_core


def field(value: str = "hunter2") -> opkit.ItemField:
    return opkit.ItemField(
        id="password", title="password", field_type=opkit.ItemFieldType.CONCEALED, value=value
    )


def test_dict_and_iteration_give_attribute_value_pairs() -> None:
    f = field()
    assert dict(f) == {
        "id": "password",
        "title": "password",
        "field_type": opkit.ItemFieldType.CONCEALED,
        "value": "hunter2",
        "section_id": None,
        "details": None,
    }
    assert [name for name, _ in f] == list(opkit.ItemField.model_fields)


def test_model_dump_by_alias_exclude_none_and_json_mode() -> None:
    f = field()
    assert f.model_dump()["field_type"] is opkit.ItemFieldType.CONCEALED
    assert f.model_dump(by_alias=True, exclude_none=True) == {
        "id": "password",
        "title": "password",
        "fieldType": opkit.ItemFieldType.CONCEALED,
        "value": "hunter2",
    }
    dumped = f.model_dump(mode="json", by_alias=True)
    assert dumped["fieldType"] == "Concealed" and type(dumped["fieldType"]) is str
    assert dumped["sectionId"] is None
    text = f.model_dump_json(by_alias=True, exclude_none=True)
    assert json.loads(text) == {k: v for k, v in dumped.items() if v is not None}
    assert " " not in text  # compact, as pydantic writes it
    assert json.loads(f.model_dump_json(indent=2)) == f.model_dump(mode="json")
    with pytest.raises(ValueError):
        f.model_dump(mode="yaml")


def test_model_dump_recurses_into_nested_models_and_unions() -> None:
    otp = opkit.ItemField(
        id="otp",
        title="one-time password",
        field_type=opkit.ItemFieldType.TOTP,
        value="JBSWY3DPEHPK3PXP",
        details=opkit.ItemFieldDetailsOtp(content=opkit.OtpFieldDetails(code="123456")),
    )
    dumped = otp.model_dump(by_alias=True, mode="json")
    assert dumped["details"] == {
        "content": {"code": "123456", "errorMessage": None},
        "type": "Otp",
    }
    assert otp.model_dump()["details"]["content"]["error_message"] is None


def test_model_validate_takes_names_aliases_nested_dicts_and_json() -> None:
    wire = {
        "category": "Login",
        "vaultId": "v1",
        "title": "T",
        "fields": [{"id": "a", "title": "a", "fieldType": "Text", "value": "x"}],
        "websites": [{"url": "https://e", "label": "l", "autofill_behavior": "Never"}],
    }
    params = opkit.ItemCreateParams.model_validate(wire)
    assert params.vault_id == "v1" and params.category is opkit.ItemCategory.LOGIN
    assert isinstance(params.fields, list) and isinstance(params.fields[0], opkit.ItemField)
    assert params.fields[0].field_type is opkit.ItemFieldType.TEXT
    assert params.websites and params.websites[0].autofill_behavior is opkit.AutofillBehavior.NEVER
    assert opkit.ItemCreateParams.model_validate_json(json.dumps(wire)) == params
    assert opkit.ItemCreateParams.model_validate(params) is params
    by_name = opkit.ItemCreateParams.model_validate(params.model_dump())
    assert by_name == params
    with pytest.raises(opkit.ValidationError, match="vaultId"):
        opkit.ItemCreateParams.model_validate({"category": "Login", "title": "T"})


def test_construction_by_field_name_or_camel_case_alias_is_equal() -> None:
    a = opkit.VaultAccess(
        vault_uuid="v",
        accessor_type=opkit.VaultAccessorType.GROUP,
        accessor_uuid="g",
        permissions=opkit.READ_ITEMS,
    )
    wire_names: Dict[str, Any] = {
        "vaultUuid": "v",
        "accessorType": "group",
        "accessorUuid": "g",
        "permissions": 32,
    }
    b = opkit.VaultAccess(**wire_names)
    assert a == b and b.accessor_type is opkit.VaultAccessorType.GROUP
    assert a != opkit.VaultAccess(**{**wire_names, "permissions": 0})


def test_strict_enums_refuse_unknown_spellings_open_enums_keep_them() -> None:
    with pytest.raises(opkit.ValidationError, match="SeparatorType"):
        opkit.PasswordRecipeMemorableInner(
            separator_type="semicolons",  # type: ignore[arg-type]
            capitalize=True,
            word_list_type=opkit.WordListType.SYLLABLES,
            word_count=4,
        )
    with pytest.raises(opkit.ValidationError):
        opkit.PasswordRecipeRandom.model_validate(
            {
                "type": "random",
                "parameters": {"length": 20, "includeDigits": True, "includeSymbols": True},
            }
        )
    # Open (x-open-enum): a category a newer core knows stays a plain string.
    kept = opkit.ItemCreateParams(category="Spaceship", vault_id="v", title="t")  # type: ignore[arg-type]
    assert kept.category == "Spaceship"
    assert issubclass(opkit.ValidationError, ValueError)


def test_model_copy_with_update_and_deep() -> None:
    f = field()
    g = f.model_copy(update={"value": "other", "sectionId": "s"})
    assert (g.value, g.section_id, f.value, f.section_id) == ("other", "s", "hunter2", None)
    item = opkit.ItemCreateParams(
        category=opkit.ItemCategory.LOGIN, vault_id="v", title="t", fields=[f]
    )
    shallow, deep = item.model_copy(), item.model_copy(deep=True)
    assert shallow.fields is item.fields and deep.fields is not item.fields
    assert deep == item


def test_model_fields_describe_aliases_and_requiredness() -> None:
    fields = opkit.Item.model_fields
    assert fields["vault_id"].alias == "vaultId" and fields["vault_id"].is_required()
    assert not fields["document"].is_required() and fields["document"].default is None
    assert field().model_fields.keys() == opkit.ItemField.model_fields.keys()


def test_decoding_keeps_unknown_members_and_variants() -> None:
    wire = {
        "id": "f",
        "title": "t",
        "fieldType": "Hologram",
        "value": "v",
        "details": {"type": "Future", "content": {"x": 1}},
        "newKey": [1],
    }
    f = opkit.ItemField.from_wire(wire)
    details: Any = f.details
    assert f.field_type == "Hologram" and details == {"type": "Future", "content": {"x": 1}}
    assert f.to_wire()["newKey"] == [1] and f.to_wire()["details"] == wire["details"]


def _printed(obj: Any) -> str:
    stream: Any = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            stream.append(self.format(record))

    log = logging.getLogger("opkit-redaction-test")
    handler = Collect()
    log.addHandler(handler)
    try:
        log.warning("%s %r", obj, obj)
    finally:
        log.removeHandler(handler)
    return "\n".join([repr(obj), str(obj), f"{obj}", pprint.pformat(obj), *stream])


def test_a_printed_created_item_shows_no_secret_value(
    sync_client: opkit.SyncClient, account: Account
) -> None:
    params = login(account.vault_id, "Printed Login", password="pw-Secret-1")
    params.notes = "notes-Secret-2"
    assert params.fields is not None
    params.fields.append(
        opkit.ItemField(
            id="otp",
            title="one-time password",
            field_type=opkit.ItemFieldType.TOTP,
            value="JBSWY3DPEHPK3PXP",
        )
    )
    item = sync_client.items.create(params)
    otp = next(f for f in item.fields if f.id == "otp")
    assert isinstance(otp.details, opkit.ItemFieldDetailsOtp)
    code = otp.details.content.code
    assert code and code.isdigit()
    resolved = sync_client.secrets.resolve_all([f"op://{account.vault_id}/{item.id}/password"])
    for obj in (params, item, otp, resolved, otp.details):
        text = _printed(obj)
        for secret in ("pw-Secret-1", "notes-Secret-2", "JBSWY3DPEHPK3PXP", code):
            assert secret not in text, f"{type(obj).__name__} printed {secret}"
        assert "[REDACTED]" in text
    text = _printed(item)
    assert item.id in text and "Printed Login" in text and "one-time password" in text
    assert item.notes == "notes-Secret-2"  # the attribute itself is unchanged
    assert datetime.now().year - item.created_at.year <= 1


def test_every_secret_member_of_the_schema_is_redacted() -> None:
    values: Dict[Any, Any] = {
        opkit.ItemField: field("s-1"),
        opkit.OtpFieldDetails: opkit.OtpFieldDetails(code="s-1"),
        opkit.ResolvedReference: opkit.ResolvedReference(secret="s-1", item_id="i", vault_id="v"),
        opkit.EnvironmentVariable: opkit.EnvironmentVariable(name="N", value="s-1", masked=True),
        opkit.GeneratePasswordResponse: opkit.GeneratePasswordResponse(password="s-1"),
        opkit.FileCreateParams: opkit.FileCreateParams(
            name="n", content=b"s-1", section_id="s", field_id="f"
        ),
        opkit.DocumentCreateParams: opkit.DocumentCreateParams(name="n", content=b"s-1"),
        opkit.ItemCreateParams: opkit.ItemCreateParams(
            category=opkit.ItemCategory.LOGIN, vault_id="v", title="t", notes="s-1"
        ),
    }
    for cls, obj in values.items():
        assert cls.__opkit_secret__, cls
        assert "s-1" not in _printed(obj), cls


def test_errors_carry_the_core_reason_leniently() -> None:
    e = from_core(json.dumps({"name": "ItemApi", "message": "m", "reason": "NotFound"}))
    assert isinstance(e, opkit.ItemApiException) and e.reason == "NotFound"
    assert from_core('{"name":"ItemApi","message":"m"}').reason is None
    assert from_core('{"name":"ItemApi","message":"m","reason":null}').reason is None
    assert from_core('{"name":"ItemApi","message":"m","reason":7}').reason is None
    future = from_core('{"name":"Future","message":"m","reason":"Busy"}')
    assert (future.name, future.reason) == ("Future", "Busy")
    assert from_core("plain text").reason is None


def test_a_core_error_from_a_call_has_the_reason_attribute(
    sync_client: opkit.SyncClient, account: Account
) -> None:
    with pytest.raises(opkit.ItemApiException) as info:
        sync_client.items.get(account.vault_id, "no-such-item")
    # The core may not send a reason yet (issue 12 item 5 lands in the core in parallel).
    assert info.value.reason in (None, "NotFound")


def test_every_error_name_of_the_schema_has_a_class() -> None:
    for name in _contract.ERROR_NAMES:
        error = from_core(json.dumps({"name": name, "message": "m"}))
        assert type(error) is not opkit.OpkitError, name


def test_versions_come_from_the_workspace() -> None:
    assert opkit.__version__ == _contract.VERSION
    major, minor, patch = (int(p) for p in _contract.VERSION.split("."))
    assert _contract.SDK_VERSION == f"{major}{minor:02}{patch:02}00"
    from opkit.defaults import SDK_VERSION, new_default_config

    config = new_default_config("ops_x", "n", "1")
    assert config["sdkVersion"] == SDK_VERSION and config["requestLibraryVersion"] == "0.1.0"


def test_desktop_auth_goes_to_the_core_which_refuses_it_typed() -> None:
    from opkit.defaults import new_default_config
    from opkit.errors import _BY_NAME

    config = new_default_config(opkit.DesktopAuth("acme"), "tests", "1.0")
    assert config["accountName"] == "acme"  # passed on, not refused by the binding
    with pytest.raises(opkit.OpkitError) as info:
        opkit.SyncClient.authenticate(opkit.DesktopAuth("acme"), "tests", "1.0")
    error = info.value
    assert not isinstance(error, opkit.InvalidRequestException), error
    assert type(error) is _BY_NAME[error.name]  # the class of the core's own error name
    assert error.name == "InvalidConfiguration" and "desktop" in error.message.lower(), error
    assert error.reason == "NotImplemented"
