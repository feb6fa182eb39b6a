"""Unit tests: multipart parser, Range parsing, JSON error phrasing, validation messages."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from immich_bulk.testing.multipart import (
    MultipartError,
    MultipartParser,
    PartData,
    PartEnd,
    PartStart,
    parse_boundary,
    parse_options_header,
)
from immich_bulk.testing.ranges import is_not_modified, parse_range, range_fresh
from immich_bulk.testing.validate import Validator
from immich_bulk.testing.web import HTTPError, v8_json_error

BOUNDARY = b"----b0und4ry"


def encode(parts: list[tuple[str, str | None, bytes]]) -> bytes:
    out = b"preamble to ignore\r\n"
    for name, filename, data in parts:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += b"--" + BOUNDARY + b"\r\nContent-Disposition: " + disp.encode() + b"\r\n\r\n"
        out += data + b"\r\n"
    return out + b"--" + BOUNDARY + b"--\r\nepilogue"


def parse(body: bytes, cuts: list[int]) -> list[tuple[str, str | None, bytes]]:
    parser = MultipartParser(BOUNDARY)
    chunks, last = [], 0
    for cut in sorted(set(cuts)):
        chunks.append(body[last:cut])
        last = cut
    chunks.append(body[last:])
    result: list[tuple[str, str | None, bytes]] = []
    current: PartStart | None = None
    data = b""
    for chunk in chunks:
        for event in parser.feed(chunk):
            if isinstance(event, PartStart):
                current, data = event, b""
            elif isinstance(event, PartData):
                data += event.data
            elif isinstance(event, PartEnd):
                assert current is not None
                result.append((current.name, current.filename, data))
    parser.close()
    return result


payloads = st.binary(max_size=300).map(lambda b: b.replace(b"--" + BOUNDARY, b"x"))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "assetData", "x y"]), st.none() | st.just("f.jpg"), payloads
        ),
        max_size=4,
    ),
    st.lists(st.integers(min_value=0, max_value=2000), max_size=12),
)
def test_multipart_any_chunking(
    parts: list[tuple[str, str | None, bytes]], cuts: list[int]
) -> None:
    body = encode(parts)
    assert parse(body, [c % (len(body) + 1) for c in cuts]) == parts


def test_multipart_tricky_content() -> None:
    nasty = b"\r\n--" + BOUNDARY[:-1] + b"\r\n--" + BOUNDARY
    parts: list[tuple[str, str | None, bytes]] = [("f", "a.jpg", b"\r\n" + nasty[:-1] + b"--\r\n")]
    assert parse(encode(parts), list(range(0, 200, 7))) == parts


def test_multipart_errors() -> None:
    parser = MultipartParser(BOUNDARY)
    parser.feed(b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nabc')
    with pytest.raises(MultipartError):
        parser.close()
    with pytest.raises(MultipartError):
        MultipartParser(BOUNDARY).feed(b"--" + BOUNDARY + b"\r\nX-No-Name: 1\r\n\r\n")


def test_header_parsing() -> None:
    assert parse_boundary('multipart/form-data; boundary="abc def"') == b"abc def"
    assert parse_boundary("application/json") is None
    main, params = parse_options_header(
        'form-data; name="file"; filename="a\\"b.jpg"; filename*=UTF-8\'\'%C3%A9.jpg'
    )
    assert main == "form-data" and params["name"] == "file" and params["filename"] == "é.jpg"


def test_range_parsing() -> None:
    assert parse_range("bytes=5-", 10).ranges[0].start == 5  # type: ignore[index]
    assert parse_range("bytes=0-0,1-1", 10).ranges[0].length == 2  # type: ignore[index]
    assert parse_range("bytes=-99", 10).ranges == []  # suffix larger than the file
    assert parse_range("bytes=10-", 10).ranges == []
    assert parse_range("bytes=3-1", 10).ranges == []
    assert parse_range("pages=1-2", 10).ranges is None
    assert range_fresh(None, 'W/"a-b"', 0)
    assert range_fresh('W/"a-b"', 'W/"a-b"', 0)
    assert not range_fresh('"a-b"x', 'W/"a-b"', 0)
    assert is_not_modified('"x", W/"a-b"', None, 'W/"a-b"', 0)
    assert is_not_modified("*", None, 'W/"a-b"', 0)
    assert not is_not_modified(None, None, 'W/"a-b"', 0)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ('{"albumName": "x",', "Expected double-quoted property name in JSON at position 18"),
        ("", "Unexpected end of JSON input"),
        ('{"a" 1}', "Expected ':' after property name in JSON at position 5"),
        ('{"a": 1 "b"}', "Expected ',' or '}' after property value in JSON at position 8"),
        ("[1 2]", "Expected ',' or ']' after array element in JSON at position 3"),
        ("{} x", "Unexpected non-whitespace character after JSON at position 3"),
        ("nope", "Unexpected token 'n', \"nope\" is not valid JSON"),
    ],
)
def test_v8_json_errors(doc: str, message: str) -> None:
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(doc)
    assert v8_json_error(info.value).startswith(message)


def test_validator_messages() -> None:
    v = Validator({"ids": ["x"], "flag": "yes", "n": 1.5, "when": "soon"}, strings=True)
    v.uuid_list("ids", required=True)
    v.boolean("flag")
    v.number("n", integer=True)
    v.string("name", required=True, not_empty=True)
    assert v.errors == [
        "each value in ids must be a UUID",
        "flag must be a boolean value",
        "n must be an integer number",
        "name must be a string",
        "name should not be empty",
    ]
    with pytest.raises(HTTPError) as info:
        v.date("when")
    assert info.value.message == "when must be a date string"
