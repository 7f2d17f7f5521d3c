"""The runtime of the generated `opkit.types`: dataclasses that behave like the official package's
pydantic models where user code touches them, without importing pydantic (docs/adr/0014).

Each model's field annotations (strings, thanks to `from __future__ import annotations`) are
compiled once, on first use, into a decoder (wire -> Python, trusted: the core's replies), an
encoder (Python -> wire) and a validator (user input -> Python: camelCase aliases, nested dicts,
enum spellings, tagged unions). Decoding is lossless: unknown values of open enums stay plain
strings, unknown variants of open unions stay dicts, and unknown members are kept and sent back
on the next write (the core keeps them too).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import sys
from datetime import datetime, timezone
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    Iterator,
    List,
    Optional,
    Set,
    Tuple,
    TypeVar,
)

Codec = Callable[[Any], Any]
_T = TypeVar("_T")
_M = TypeVar("_M", bound="Model")
_E = TypeVar("_E", bound=type)

# Tagged unions: alias name -> (tag value -> variant class, open); filled by `union`.
_UNIONS: Dict[str, Tuple[Dict[str, type], bool]] = {}
_EXTRA = "_opkit_extra"
_OPEN = "_opkit_open_"

__all__ = [
    "FieldInfo",
    "Model",
    "ValidationError",
    "camel",
    "decode",
    "decode_union",
    "encode",
    "model",
    "open_enum",
    "union",
]


class ValidationError(ValueError):
    """A value does not fit a model (the role of pydantic's `ValidationError`)."""


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


# (decode, encode, validate) of one annotation.
Codecs = Tuple[Codec, Codec, Codec]


def _fail(expected: str, value: Any) -> ValidationError:
    shown = type(value).__name__ if not isinstance(value, (str, int, bool)) else repr(value)
    return ValidationError(f"expected {expected}, got {shown}")


def _codec(annotation: str, namespace: Dict[str, Any]) -> Codecs:
    annotation = annotation.strip()
    if "[" in annotation:
        head, inner = annotation.split("[", 1)
        args = _split_args(inner[:-1])
        if head == "Optional":
            dec, enc, val = _codec(args[0], namespace)
            return (
                lambda v: None if v is None else dec(v),
                lambda v: None if v is None else enc(v),
                _identity if val is _identity else (lambda v: None if v is None else val(v)),
            )
        if head == "List":
            dec, enc, val = _codec(args[0], namespace)

            def val_list(v: Any) -> Any:
                if not isinstance(v, (list, tuple)):
                    raise _fail("a list", v)
                return [val(x) for x in v]

            return (lambda v: [dec(x) for x in v], lambda v: [enc(x) for x in v], val_list)
        if head == "Dict":
            dec, enc, val = _codec(args[1], namespace)

            def val_dict(v: Any) -> Any:
                if not isinstance(v, dict):
                    raise _fail("a dict", v)
                return {k: val(x) for k, x in v.items()}

            return (
                lambda v: {k: dec(x) for k, x in v.items()},
                lambda v: {k: enc(x) for k, x in v.items()},
                val_dict,
            )
        if head == "Literal":
            enum_name, member = args[0].split(".", 1)
            dec, enc, val = _codec(enum_name, namespace)
            wanted = getattr(namespace[enum_name], member)

            def val_literal(v: Any) -> Any:
                if val(v) is not wanted:
                    raise _fail(repr(wanted.value), v)
                return wanted

            return dec, enc, val_literal
        if head == "Response":
            return _response_codec(args[0], args[1], namespace)
        raise TypeError(f"opkit: unsupported annotation {annotation!r}")
    if annotation in ("str", "int", "bool", "float", "None", "ErrorMessage", "Any"):
        return _identity, _identity, _identity
    if annotation == "bytes":
        return _decode_bytes, _encode_bytes, _decode_bytes
    if annotation == "datetime":

        def val_datetime(v: Any) -> Any:
            return _decode_datetime(v) if isinstance(v, str) else v

        return _decode_datetime, _encode_datetime, val_datetime
    if annotation in _UNIONS:
        return _union_codec(*_UNIONS[annotation])
    target = namespace[annotation]
    if isinstance(target, TypeVar):
        return _identity, _encode_any, _identity
    if isinstance(target, type) and issubclass(target, Enum):
        return _enum_codec(target)
    if isinstance(target, type) and issubclass(target, Model):
        return target.from_wire, _encode_model, target._validate_member
    raise TypeError(f"opkit: unsupported annotation {annotation!r}")


def _enum_codec(cls: type[Enum]) -> Codecs:
    members = cls._value2member_map_
    open_ = bool(getattr(cls, _OPEN, False))

    def validate(v: Any) -> Any:
        if isinstance(v, cls):
            return v
        found = members.get(v) if isinstance(v, str) else None
        if found is not None:
            return found
        if open_ and isinstance(v, str):
            return v  # a value a newer core knows: kept, as the core keeps it
        known = ", ".join(repr(m) for m in members)
        raise _fail(f"one of {known} ({cls.__name__})", v)

    return (lambda v: members.get(v, v)), _encode_any, validate


def _encode_model(value: Any) -> Any:
    return value.to_wire() if isinstance(value, Model) else value


def _union_codec(variants: Dict[str, type], open_: bool) -> Codecs:
    classes = tuple(variants.values())

    def decode(value: Any) -> Any:
        cls = variants.get(str(value.get("type"))) if isinstance(value, dict) else None
        return cls.from_wire(value) if cls is not None else value  # type: ignore[attr-defined]

    def validate(value: Any) -> Any:
        if isinstance(value, classes):
            return value
        if isinstance(value, dict):
            tag = value.get("type")
            cls = variants.get(tag.value if isinstance(tag, Enum) else str(tag))
            if cls is not None:
                return cls.model_validate(value)  # type: ignore[attr-defined]
            if open_:
                return value
        raise _fail(f"one of {', '.join(repr(t) for t in variants)} (tag `type`)", value)

    return decode, _encode_any, validate


def _response_codec(content: str, error: str, namespace: Dict[str, Any]) -> Codecs:
    response = namespace["Response"]
    dec_content, _, val_content = _codec(content, namespace)
    dec_error, _, val_error = _codec(error, namespace)

    def build(value: Dict[str, Any], content: Codec, error: Codec) -> Any:
        raw_content, raw_error = value.get("content"), value.get("error")
        out = response.__new__(response)
        out.__dict__.update(
            content=None if raw_content is None else content(raw_content),
            error=None if raw_error is None else error(raw_error),
        )
        return out

    def validate(value: Any) -> Any:
        if isinstance(value, response):
            return value
        if not isinstance(value, dict):
            raise _fail("a Response", value)
        return build(value, val_content, val_error)

    return (lambda v: build(v, dec_content, dec_error)), _encode_any, validate


class FieldInfo:
    """A member as `Model.model_fields` describes it (the parts of pydantic's `FieldInfo` that
    code reads)."""

    __slots__ = ("alias", "annotation", "default", "description")

    def __init__(self, annotation: str, alias: str, default: Any) -> None:
        self.annotation = annotation
        self.alias = alias
        self.default = default
        self.description: Optional[str] = None

    def is_required(self) -> bool:
        return self.default is dataclasses.MISSING

    def __repr__(self) -> str:
        default = "" if self.is_required() else f", default={self.default!r}"
        return f"FieldInfo(annotation={self.annotation}, alias={self.alias!r}{default})"


class _Spec:
    __slots__ = ("aliases", "by_wire", "defaults", "fields", "info", "names", "validators")

    def __init__(self, cls: type) -> None:
        namespace = vars(sys.modules[cls.__module__])
        # (attribute, wire name, decode, encode)
        self.fields: List[Tuple[str, str, Codec, Codec]] = []
        self.validators: List[Tuple[str, Codec]] = []
        self.info: Dict[str, FieldInfo] = {}
        for f in dataclasses.fields(cls):
            dec, enc, val = _codec(str(f.type), namespace)
            wire = camel(f.name)
            self.fields.append((f.name, wire, dec, enc))
            if val is not _identity:  # text, numbers and flags are taken as given
                self.validators.append((f.name, val))
            self.info[f.name] = FieldInfo(str(f.type), wire, f.default)
        self.by_wire = {wire: (attr, dec) for attr, wire, dec, _ in self.fields}
        self.names = {wire: attr for attr, wire, _, _ in self.fields}
        self.aliases = {wire: attr for wire, attr in self.names.items() if wire != attr}
        # (attribute, default, default factory) of every field, for members the reply omits
        self.defaults = [(f.name, f.default, f.default_factory) for f in dataclasses.fields(cls)]


class _FieldsOf:
    """`Model.model_fields`, on the class as on instances."""

    def __get__(self, obj: object, owner: type[Model]) -> Dict[str, FieldInfo]:
        return dict(owner._spec().info)


def _dump(value: Any, json_mode: bool, by_alias: bool, exclude_none: bool) -> Any:
    if isinstance(value, Model):
        return value._dump(json_mode, by_alias, exclude_none, None, None)
    if isinstance(value, list):
        return [_dump(v, json_mode, by_alias, exclude_none) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, json_mode, by_alias, exclude_none) for k, v in value.items()}
    if json_mode:
        return _encode_any(value)
    return value


class Model:
    """Base of every wire type: (de)serialisation plus the pydantic-style methods people use."""

    __opkit_spec__: ClassVar[Optional[_Spec]] = None
    # Attributes printed as [REDACTED] (schema `x-secret`), set by the generated classes.
    __opkit_secret__: ClassVar[FrozenSet[str]] = frozenset()

    model_fields = _FieldsOf()

    @classmethod
    def _spec(cls) -> _Spec:
        spec = cls.__dict__.get("__opkit_spec__")
        if spec is None:
            spec = _Spec(cls)
            cls.__opkit_spec__ = spec
        return spec

    def __post_init__(self) -> None:
        # User-built values: coerce enum spellings, nested dicts and union dicts, as pydantic does.
        values = self.__dict__
        for attr, validate in self._spec().validators:
            try:
                values[attr] = validate(values[attr])
            except ValidationError as e:
                raise ValidationError(f"{type(self).__name__}.{attr}: {e}") from None

    @classmethod
    def _validate_member(cls: type[_M], value: Any) -> _M:
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls.model_validate(value)
        raise _fail(f"a {cls.__name__} or a dict", value)

    @classmethod
    def from_wire(cls: type[_M], data: Dict[str, Any]) -> _M:
        """Builds an instance from the JSON object the core sent (trusted: not validated)."""
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

    # Printed forms: secrets never show (the attribute itself is unchanged).
    def _printed(self) -> List[str]:
        secret = self.__opkit_secret__
        parts = []
        for attr, _, _, _ in self._spec().fields:
            value = self.__dict__[attr]
            hidden = attr in secret and value not in (None, "", b"")
            parts.append(f"{attr}={'[REDACTED]' if hidden else repr(value)}")
        return parts

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(self._printed())})"

    # `str` is `repr`, as before: the examples print results with their class names.

    def __iter__(self) -> Iterator[Tuple[str, Any]]:
        """`(name, value)` pairs, so `dict(model)` works as with pydantic."""
        values = self.__dict__
        for attr, _, _, _ in self._spec().fields:
            yield attr, values[attr]

    # pydantic-style methods, so code written for the official package keeps working.
    def _dump(
        self,
        json_mode: bool,
        by_alias: bool,
        exclude_none: bool,
        include: Optional[Set[str]],
        exclude: Optional[Set[str]],
    ) -> Dict[str, Any]:
        values = self.__dict__
        out: Dict[str, Any] = {}
        for attr, wire, _, enc in self._spec().fields:
            if (include is not None and attr not in include) or (exclude and attr in exclude):
                continue
            value = values[attr]
            if value is None and exclude_none:
                continue
            key = wire if by_alias else attr
            if json_mode and value is not None and not isinstance(value, (Model, list, dict)):
                out[key] = enc(value)
            elif json_mode:
                out[key] = _dump(value, True, by_alias, exclude_none)
            else:
                out[key] = _dump(value, False, by_alias, exclude_none)
        for key, value in (values.get(_EXTRA) or {}).items():
            if not (value is None and exclude_none):
                out.setdefault(key, value)
        return out

    def model_dump(
        self,
        *,
        mode: str = "python",
        by_alias: bool = False,
        exclude_none: bool = False,
        include: Optional[Set[str]] = None,
        exclude: Optional[Set[str]] = None,
        **_: Any,
    ) -> Dict[str, Any]:
        """The model as a dict: attribute names (or wire names with `by_alias=True`); with
        `mode="json"`, only JSON values (enums as their values, datetimes as RFC 3339 text,
        bytes as the wire's list of integers)."""
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json', not {mode!r}")
        return self._dump(mode == "json", by_alias, exclude_none, include, exclude)

    def model_dump_json(
        self,
        *,
        indent: Optional[int] = None,
        by_alias: bool = False,
        exclude_none: bool = False,
        include: Optional[Set[str]] = None,
        exclude: Optional[Set[str]] = None,
        **_: Any,
    ) -> str:
        """`model_dump(mode="json")` as JSON text, compact unless `indent` is given."""
        data = self._dump(True, by_alias, exclude_none, include, exclude)
        if indent is None:
            return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        return json.dumps(data, indent=indent, ensure_ascii=False)

    @classmethod
    def model_validate(cls: type[_M], obj: Any) -> _M:
        """An instance from a dict keyed by attribute or wire names (nested values too)."""
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, Model):
            obj = dict(obj)
        if not isinstance(obj, dict):
            raise _fail(f"a dict for {cls.__name__}", obj)
        spec = cls._spec()
        kwargs: Dict[str, Any] = {}
        extra: Dict[str, Any] = {}
        for key, value in obj.items():
            attr = spec.aliases.get(key, key)
            if attr in spec.info:
                kwargs[attr] = value
            else:
                extra[key] = value
        missing = [
            camel(a) for a, info in spec.info.items() if info.is_required() and a not in kwargs
        ]
        if missing:
            raise ValidationError(f"{cls.__name__}: missing {', '.join(missing)}")
        out = cls(**kwargs)
        if extra:
            out.__dict__[_EXTRA] = extra
        return out

    @classmethod
    def model_validate_json(cls: type[_M], text: str | bytes) -> _M:
        """`model_validate` of JSON text."""
        return cls.model_validate(json.loads(text))

    def model_copy(self: _M, *, update: Optional[Dict[str, Any]] = None, deep: bool = False) -> _M:
        """A copy with `update` applied (attribute names, not validated, as with pydantic)."""
        out = copy.deepcopy(self) if deep else copy.copy(self)
        if update:
            aliases = self._spec().aliases
            for key, value in update.items():
                out.__dict__[aliases.get(key, key)] = value
        return out


def _accept_aliases(cls: type[Model]) -> None:
    init = cls.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        aliases = cls._spec().aliases
        for key in [k for k in kwargs if k in aliases]:
            kwargs[aliases[key]] = kwargs.pop(key)
        init(self, *args, **kwargs)

    __init__.__doc__ = init.__doc__
    __init__.__wrapped__ = init  # type: ignore[attr-defined]
    cls.__init__ = __init__  # type: ignore[method-assign]


if TYPE_CHECKING:
    from dataclasses import dataclass as model
else:

    def model(cls):
        """`@dataclass` whose constructor also accepts the camelCase wire names."""
        # repr=False: `Model.__repr__` redacts; it also keeps `pprint` on `repr`.
        cls = dataclasses.dataclass(cls, repr=False)
        _accept_aliases(cls)
        return cls


def open_enum(cls: _E) -> _E:
    """Marks an enum whose unknown spellings are accepted and kept (schema `x-open-enum`)."""
    setattr(cls, _OPEN, True)
    return cls


def union(name: str, *variants: type[Model], open: bool = False) -> None:
    """Registers a tagged union (tag key `type`) so fields annotated `name` decode to classes."""
    _UNIONS[name] = (
        {
            getattr(v, "type").value: v  # noqa: B009 (the variant's default tag)
            for v in variants
        },
        open,
    )


def encode(value: Any) -> Any:
    """Any request value (model, enum, list, bytes...) as JSON-ready data."""
    return _encode_any(value)


def decode(cls: Callable[..., _T], data: Any) -> _T:
    """A reply decoded as `cls` (a model class)."""
    return cls.from_wire(data)  # type: ignore[attr-defined, no-any-return]


def decode_union(name: str, data: Any) -> Any:
    """A reply decoded as the tagged union registered under `name`."""
    return _union_codec(*_UNIONS[name])[0](data)
