"""Every generated model survives to_dict / to_json -> JSON -> from_dict / from_json (the
public wire form), as JSON primitives only, with camelCase keys and UNSET fields left out."""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from immich_bulk import UNSET, Unset, models, serialization
from immich_bulk._converter import wire_names
from immich_bulk._enum import OpenStrEnum
from immich_bulk._http.multipart import MultipartBody
from immich_bulk._http.request import multipart_fields
from immich_bulk.files import UploadFile

_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

MODELS = sorted(
    (getattr(models, name) for name in models.__all__),
    key=lambda c: c.__name__,
)
ENUMS = [m for m in MODELS if isinstance(m, type) and issubclass(m, OpenStrEnum)]
FILE_BYTES = st.binary(max_size=64)


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """Values of a generated model's field type (known and unknown enum values included)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Unset:
        return st.just(UNSET)
    if tp is type(None):
        return st.none()
    if origin in (typing.Union, types.UnionType):
        if UploadFile in args:
            return FILE_BYTES
        return st.one_of([strategy_for(a) for a in args])
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=4)
    if tp is str:
        return st.text(max_size=24)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-(2**53), 2**53)
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if tp is dt.datetime:
        return st.datetimes(timezones=st.none() | st.just(dt.timezone.utc))
    if tp is dt.date:
        return st.dates()
    if isinstance(tp, type) and issubclass(tp, OpenStrEnum):
        return st.sampled_from(list(tp)) | st.text(min_size=1, max_size=10).map(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return st.deferred(
            lambda: st.builds(tp, **{f.name: strategy_for(f.type) for f in attrs.fields(tp)})
        )
    raise AssertionError(f"no strategy for {tp!r}")


def _is_file_type(tp: Any) -> bool:
    return UploadFile in typing.get_args(tp)


def _has_file_field(cls: type) -> bool:
    return any(_is_file_type(f.type) for f in attrs.fields(cls))


JSON_MODELS = [m for m in MODELS if attrs.has(m) and not _has_file_field(m)]
MULTIPART_MODELS = [m for m in MODELS if attrs.has(m) and _has_file_field(m)]


def assert_only_json(value: Any, path: str = "$") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, path
            assert_only_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_only_json(item, f"{path}[{index}]")
    else:
        assert value is None or type(value) in (str, int, float, bool), f"{path}: {value!r}"


def test_model_counts() -> None:
    # 361 schemas, plus the enums the spec declares inline (named <Schema><Field>)
    assert len(JSON_MODELS) + len(MULTIPART_MODELS) == 315
    assert len(ENUMS) == 46 + 4
    assert {m.__name__ for m in MULTIPART_MODELS} == {
        "AssetMediaCreateDto",
        "AssetMediaReplaceDto",
        "CreateProfileImageDto",
        "DatabaseBackupUploadDto",
    }


@pytest.mark.parametrize("cls", JSON_MODELS, ids=lambda c: c.__name__)
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_round_trip(cls: type[Any], data: st.DataObject) -> None:
    obj = data.draw(strategy_for(cls))
    raw = obj.to_dict()
    assert_only_json(raw)
    # camelCase keys; exactly the fields that are set (None included, as null)
    names = wire_names(cls)
    assert set(raw) == {
        names[f.name] for f in attrs.fields(cls) if getattr(obj, f.name) is not UNSET
    }
    for field in attrs.fields(cls):
        value = getattr(obj, field.name)
        if value is None:
            assert raw[names[field.name]] is None
        elif isinstance(value, OpenStrEnum):  # known or not, the value as sent
            assert raw[names[field.name]] == value._value_
    decoded = json.loads(json.dumps(raw))
    assert cls.from_dict(decoded) == obj
    assert serialization.to_dict(obj) == raw
    assert serialization.from_dict(cls, decoded) == obj
    text = obj.to_json()
    assert json.loads(text) == decoded
    assert cls.from_json(text) == obj
    assert serialization.from_json(cls, text.encode()) == obj
    pair = serialization.to_json([obj, obj])
    assert serialization.from_json(list[cls], pair) == [obj, obj]  # type: ignore[valid-type]
    # what we produce has no field the spec does not define
    assert cls.from_dict(decoded, strict=True) == obj


@pytest.mark.parametrize("cls", MULTIPART_MODELS, ids=lambda c: c.__name__)
def test_models_holding_a_file_have_no_json_form(cls: type[Any]) -> None:
    field = next(f.name for f in attrs.fields(cls) if _is_file_type(f.type))
    obj = cls(**{f.name: b"x" if f.name == field else UNSET for f in attrs.fields(cls)})
    for call in (
        obj.to_dict,
        obj.to_json,
        lambda: cls.from_dict({}),
        lambda: serialization.from_json(cls, "{}"),
    ):
        with pytest.raises(TypeError, match=f"{cls.__name__} holds a file \\({field}\\)"):
            call()


def test_wire_form_of_a_response_is_kept_whole() -> None:
    """A recorded v2.7.5 response: from_json -> to_dict gives the same data back (camelCase,
    nulls kept, datetimes as instants), and an unknown enum value survives."""
    raw = json.loads((Path(__file__).parent / "data" / "asset.json").read_text("utf-8"))
    raw["type"] = "HOLOGRAM"
    asset = models.AssetResponseDto.from_json(json.dumps(raw))
    assert asset.type == "HOLOGRAM" and not asset.type.is_known
    back = asset.to_dict()
    assert set(back) <= set(raw)
    for key, value in back.items():
        if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\dT", value):
            assert _instant(value) == _instant(raw[key]), key
        elif key != "exifInfo":
            assert value == raw[key], key
    assert back["exifInfo"].keys() <= raw["exifInfo"].keys()


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_bad_data_names_the_field_and_unknown_keys_are_refused_only_when_strict() -> None:
    from immich_bulk.errors import ResponseValidationError

    assert models.ServerPingResponse.from_dict({"res": "pong", "extra": 1}).res == "pong"
    with pytest.raises(ResponseValidationError, match="extra"):
        models.ServerPingResponse.from_dict({"res": "pong", "extra": 1}, strict=True)
    with pytest.raises(ResponseValidationError, match="res"):
        models.ServerPingResponse.from_dict({"res": 3})
    with pytest.raises(ResponseValidationError, match="not a JSON document"):
        models.ServerPingResponse.from_json("{")
    with pytest.raises(ResponseValidationError, match="expected a JSON object"):
        models.ServerPingResponse.from_dict(["pong"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a model"):
        serialization.to_dict({"res": "pong"})  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", MULTIPART_MODELS, ids=lambda c: c.__name__)
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_multipart_round_trip(cls: type, data: st.DataObject) -> None:
    kwargs = {}
    for field in attrs.fields(cls):
        if _is_file_type(field.type):
            if field.default is attrs.NOTHING or data.draw(st.booleans()):
                kwargs[field.name] = data.draw(FILE_BYTES)
        else:
            kwargs[field.name] = data.draw(strategy_for(field.type))
    obj = cls(**kwargs)
    body = MultipartBody(multipart_fields(obj))
    raw = b"".join([chunk async for chunk in body.stream()])
    assert len(raw) == body.content_length
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {body.content_type}\r\n\r\n".encode() + raw
    )
    parts = {
        part.get_param("name", header="content-disposition"): part for part in message.iter_parts()
    }
    sent = {name: value for name, value in multipart_fields(obj).items()}
    assert set(parts) == {k for k, v in sent.items() if v is not None}
    for name, value in sent.items():
        if value is None:
            continue
        payload = parts[name].get_payload(decode=True)
        assert isinstance(payload, bytes)
        if isinstance(value, UploadFile):  # the asset part, named after the filename field
            value = value.source
        if isinstance(value, bytes):
            assert payload == value
        elif isinstance(value, (list, dict)):
            assert json.loads(payload) == value
        elif isinstance(value, bool):
            assert payload == (b"true" if value else b"false")
        else:
            assert payload.decode() == str(value)
