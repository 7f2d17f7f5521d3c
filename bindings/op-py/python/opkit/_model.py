"""Wire (de)serialisation for the types of `opkit.types`: plain dataclasses, no pydantic.

Each model's field annotations (strings, thanks to `from __future__ import annotations`) are
compiled once, on first use, into encoders and decoders. Attributes are snake_case; the wire
names are their camelCase forms, which constructors also accept. Decoding is lossless: unknown
enum values stay plain strings, unknown tagged-union variants stay dicts, and unknown members
are kept and sent back on the next write (the core keeps them too).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, List, Tuple, TypeVar

Codec = Callable[[Any], Any]
_T = TypeVar("_T")
_M = TypeVar("_M", bound="Model")

# Tagged unions: alias name -> (tag value -> variant class); filled by `union`.
_UNIONS: Dict[str, Dict[str, type]] = {}
_EXTRA = "_opkit_extra"

__all__ = ["Model", "camel", "decode", "decode_union", "encode", "model", "union"]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _identity(value: Any) -> Any:
    return value


def _encode_datetime(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _decode_datetime(value: str) -> datetime:
    # The core always writes UTC with `Z`; like the official package, return a naive UTC datetime.
    text = value[:-1] if value.endswith("Z") else value
    if "." in text:
        whole, fraction = text.split(".", 1)
        text = f"{whole}.{(fraction + '000000')[:6]}"
    return datetime.fromisoformat(text).replace(tzinfo=None)


def _encode_bytes(value: Any) -> Any:
    return list(value) if isinstance(value, (bytes, bytearray, memoryview)) else value


def _decode_bytes(value: Any) -> Any:
    return bytes(value) if isinstance(value, list) else value


def _encode_any(value: Any) -> Any:
    """Encoder for values whose static type is unknown (union variants, generic payloads)."""
    if isinstance(value, Model):
        return value.to_wire()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_encode_any(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode_any(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    if isinstance(value, datetime):
        return _encode_datetime(value)
    return value


def _split_args(text: str) -> List[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _codec(annotation: str, namespace: Dict[str, Any]) -> Tuple[Codec, Codec]:
    """(decode, encode) for a type annotation written as text."""
    annotation = annotation.strip()
    if "[" in annotation:
        head, inner = annotation.split("[", 1)
        args = _split_args(inner[:-1])
        if head == "Optional":
            dec, enc = _codec(args[0], namespace)
            return (
                lambda v: None if v is None else dec(v),
                lambda v: None if v is None else enc(v),
            )
        if head == "List":
            dec, enc = _codec(args[0], namespace)
            return (lambda v: [dec(x) for x in v], lambda v: [enc(x) for x in v])
        if head == "Dict":
            dec, enc = _codec(args[1], namespace)
            return (
                lambda v: {k: dec(x) for k, x in v.items()},
                lambda v: {k: enc(x) for k, x in v.items()},
            )
        if head == "Literal":
            enum_name = args[0].split(".", 1)[0]
            return _codec(enum_name, namespace)
        if head == "Response":
            return _response_codec(args[0], args[1], namespace)
        raise TypeError(f"opkit: unsupported annotation {annotation!r}")
    if annotation in ("str", "int", "bool", "None", "ErrorMessage", "Any"):
        return _identity, _identity
    if annotation == "bytes":
        return _decode_bytes, _encode_bytes
    if annotation == "datetime":
        return _decode_datetime, _encode_datetime
    if annotation in _UNIONS:
        return _union_codec(_UNIONS[annotation])
    target = namespace[annotation]
    if isinstance(target, type) and issubclass(target, Enum):
        members = target._value2member_map_
        return (lambda v: members.get(v, v)), _encode_any
    if isinstance(target, type) and issubclass(target, Model):
        return target.from_wire, _encode_model
    raise TypeError(f"opkit: unsupported annotation {annotation!r}")


def _encode_model(value: Any) -> Any:
    return value.to_wire() if isinstance(value, Model) else value


def _union_codec(variants: Dict[str, type]) -> Tuple[Codec, Codec]:
    def decode(value: Any) -> Any:
        cls = variants.get(str(value.get("type"))) if isinstance(value, dict) else None
        return cls.from_wire(value) if cls is not None else value  # type: ignore[attr-defined]

    return decode, _encode_any


def _response_codec(content: str, error: str, namespace: Dict[str, Any]) -> Tuple[Codec, Codec]:
    response = namespace["Response"]
    dec_content, _ = _codec(content, namespace)
    dec_error, _ = _codec(error, namespace)

    def decode(value: Dict[str, Any]) -> Any:
        raw_content, raw_error = value.get("content"), value.get("error")
        return response(
            content=None if raw_content is None else dec_content(raw_content),
            error=None if raw_error is None else dec_error(raw_error),
        )

    return decode, _encode_any


class _Spec:
    __slots__ = ("by_wire", "defaults", "fields")

    def __init__(self, cls: type) -> None:
        namespace = vars(sys.modules[cls.__module__])
        # (attribute, wire name, decode, encode)
        self.fields: List[Tuple[str, str, Codec, Codec]] = []
        for f in dataclasses.fields(cls):
            dec, enc = _codec(str(f.type), namespace)
            self.fields.append((f.name, camel(f.name), dec, enc))
        self.by_wire = {wire: (attr, dec) for attr, wire, dec, _ in self.fields}
        # (attribute, default, default factory) of every field, for members the reply omits
        self.defaults = [(f.name, f.default, f.default_factory) for f in dataclasses.fields(cls)]


class Model:
    """Base of every wire type: (de)serialisation plus the pydantic-style helpers people use."""

    __opkit_spec__: ClassVar[_Spec | None] = None
    __opkit_aliases__: ClassVar[Dict[str, str]] = {}

    @classmethod
    def _spec(cls) -> _Spec:
        spec = cls.__dict__.get("__opkit_spec__")
        if spec is None:
            spec = _Spec(cls)
            cls.__opkit_spec__ = spec
        return spec

    @classmethod
    def from_wire(cls: type[_M], data: Dict[str, Any]) -> _M:
        """Builds an instance from the JSON object the core sent."""
        spec = cls._spec()
        by_wire = spec.by_wire
        obj = cls.__new__(cls)
        values = obj.__dict__
        extra = None
        for key, raw in data.items():
            entry = by_wire.get(key)
            if entry is None:
                if extra is None:
                    extra = {}
                extra[key] = raw
            else:
                values[entry[0]] = entry[1](raw)
        if len(values) < len(spec.defaults):
            for name, default, factory in spec.defaults:
                if name in values:
                    continue
                if default is not dataclasses.MISSING:
                    values[name] = default
                elif factory is not dataclasses.MISSING:
                    values[name] = factory()
                else:
                    raise ValueError(f"{cls.__name__}: the core's reply lacks {camel(name)!r}")
        if extra is not None:
            values[_EXTRA] = extra
        return obj

    def to_wire(self) -> Dict[str, Any]:
        """The JSON object the core expects (camelCase keys, unset options as null)."""
        values = self.__dict__
        out: Dict[str, Any] = dict(values.get(_EXTRA) or ())
        for attr, wire, _, enc in self._spec().fields:
            value = values[attr]
            out[wire] = None if value is None else enc(value)
        return out

    # pydantic-style helpers, so code written for the official package keeps working.
    def model_dump(self, *, by_alias: bool = False, **_: Any) -> Dict[str, Any]:
        wire = self.to_wire()
        if by_alias:
            return wire
        names = {w: a for a, w, _, _ in self._spec().fields}
        return {names.get(k, k): v for k, v in wire.items()}

    def model_dump_json(self, *, by_alias: bool = False, **_: Any) -> str:
        return json.dumps(self.model_dump(by_alias=by_alias))

    @classmethod
    def model_validate(cls: type[_M], obj: Any) -> _M:
        if isinstance(obj, cls):
            return obj
        data = {camel(k): v for k, v in obj.items()}
        return cls.from_wire(data)

    @classmethod
    def model_validate_json(cls: type[_M], text: str | bytes) -> _M:
        return cls.model_validate(json.loads(text))


def _accept_aliases(cls: type[Model]) -> None:
    aliases = {camel(f.name): f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    aliases = {wire: attr for wire, attr in aliases.items() if wire != attr}
    if not aliases:
        return
    init = cls.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        for key in [k for k in kwargs if k in aliases]:
            kwargs[aliases[key]] = kwargs.pop(key)
        init(self, *args, **kwargs)

    __init__.__doc__ = init.__doc__
    __init__.__wrapped__ = init  # type: ignore[attr-defined]
    cls.__init__ = __init__  # type: ignore[method-assign]


# Fields whose values may be secrets: `repr` (and so `str`, logging, tracebacks) shows them as
# [REDACTED], as the Rust core's secret types print; the attribute itself is unchanged.
_SECRET_FIELDS = frozenset({"value", "secret", "password", "content", "notes"})


def _redacted_repr(self: Any) -> str:
    parts = []
    for f in dataclasses.fields(self):
        value = getattr(self, f.name)
        hidden = f.name in _SECRET_FIELDS and value not in (None, "", b"")
        parts.append(f"{f.name}={'[REDACTED]' if hidden else repr(value)}")
    return f"{type(self).__name__}({', '.join(parts)})"


if TYPE_CHECKING:
    from dataclasses import dataclass as model
else:

    def model(cls):
        """`@dataclass` whose constructor also accepts the camelCase wire names."""
        cls = dataclasses.dataclass(cls)
        _accept_aliases(cls)
        cls.__repr__ = _redacted_repr
        return cls


def union(name: str, *variants: type[Model]) -> None:
    """Registers a tagged union (tag key `type`) so fields annotated `name` decode to classes."""
    _UNIONS[name] = {
        getattr(v, "type").value: v  # noqa: B009 (the variant's default tag)
        for v in variants
    }


def encode(value: Any) -> Any:
    """Any request value (model, enum, list, bytes...) as JSON-ready data."""
    return _encode_any(value)


def decode(cls: Callable[..., _T], data: Any) -> _T:
    """A reply decoded as `cls` (a model class)."""
    return cls.from_wire(data)  # type: ignore[attr-defined, no-any-return]


def decode_union(name: str, data: Any) -> Any:
    """A reply decoded as the tagged union registered under `name`."""
    return _union_codec(_UNIONS[name])[0](data)
