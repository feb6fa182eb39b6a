"""Turn an operation and the arguments of a method call into the parts of an HTTP request."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import attrs

from .._converter import converter, dumps, wire_names
from .._types import Unset
from ..files import UploadFile
from .multipart import MultipartBody, is_file_value
from .operation import Op

__all__ = ["PreparedRequest", "prepare"]


@attrs.frozen
class PreparedRequest:
    """Everything needed to send (and re-send) one request."""

    method: str
    path: str  # relative to the API root, e.g. /assets/5f.../original
    params: list[tuple[str, str]]
    headers: dict[str, str]
    content: bytes | None = None
    multipart: MultipartBody | None = None

    @property
    def replayable(self) -> bool:
        return self.multipart is None or self.multipart.replayable


def query_text(value: Any) -> str:
    """A query or header value as text (booleans as true/false, dates ISO, enums by value)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (str, int, float, uuid.UUID)):
        return str(value)
    raise TypeError(f"cannot send a {type(value).__name__} as a query or header value")


def _path_value(op: Op, name: str, value: Any) -> str:
    if isinstance(value, Unset) or value is None or value == "":
        raise ValueError(f"{op.op_id}: path parameter {name!r} must not be empty")
    return quote(query_text(value), safe="")


#: Text fields sent after every file part. Immich judges the type of each file part by the
#: ``filename`` field when that field arrived before the part, so ``filename=a.jpg`` sent
#: ahead of a ``sidecarData`` part (``a.jpg.xmp``) makes the server refuse the sidecar.
_SENT_LAST = ("filename",)


def multipart_fields(body: Any) -> Mapping[str, Any]:
    """A multipart model's set fields by wire name, in the order they are sent; files stay
    as they are (streamed later)."""
    if isinstance(body, Mapping):
        fields = dict(body)
    else:
        names = wire_names(type(body))
        fields = {}
        for field in attrs.fields(type(body)):
            value = getattr(body, field.name)
            if isinstance(value, Unset):
                continue
            wire = names[field.name]
            fields[wire] = value if is_file_value(value) else converter.unstructure(value)
    for name in _SENT_LAST:
        if name in fields and not is_file_value(fields[name]):
            fields[name] = fields.pop(name)
    filename = fields.get("filename")
    if isinstance(filename, str) and filename and is_file_value(fields.get("assetData")):
        fields["assetData"] = _named(fields["assetData"], filename)
    return fields


def _named(value: Any, filename: str) -> UploadFile:
    """The asset part, named *filename* when it has no name of its own (bytes, an anonymous
    stream): Immich would judge it by its default name, "file", and refuse it."""
    upload = value if isinstance(value, UploadFile) else UploadFile(value)
    if upload.filename or upload.name != "file":
        return upload
    return attrs.evolve(upload, filename=filename)


def prepare(op: Op, args: Mapping[str, Any]) -> PreparedRequest:
    """Build the request for *op* from the method's arguments (its ``locals()``)."""
    path = op.template
    for py_name, wire in op.path:
        path = path.replace("{" + wire + "}", _path_value(op, py_name, args[py_name]))
    params: list[tuple[str, str]] = []
    for py_name, wire in op.query:
        value = args.get(py_name)
        if isinstance(value, Unset) or value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            params.extend((wire, query_text(v)) for v in value)
        else:
            params.append((wire, query_text(value)))
    headers: dict[str, str] = {}
    for py_name, wire in op.header:
        value = args.get(py_name)
        if not isinstance(value, Unset) and value is not None:
            headers[wire] = query_text(value)
    extra = args.get("_headers")
    if extra:
        headers.update(extra)
    content = None
    multipart = None
    if op.body is not None:
        py_name, media = op.body
        body = args.get(py_name)
        if isinstance(body, Unset) or body is None:
            pass
        elif media == "multipart":
            multipart = MultipartBody(multipart_fields(body))
        else:
            content = dumps(body)
            headers.setdefault("Content-Type", "application/json")
    return PreparedRequest(op.method, path, params, headers, content, multipart)
