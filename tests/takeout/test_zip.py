"""Reading zip parts: the streamed central directory (ZIP64, a member over 4 GiB in a
sparse file, prepended data, name encodings), member streams (stored, deflated, seeks,
CRC-32 checked), refusals with clear errors, and tgz members read in any order."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

from immich_bulk.transfer.takeout.errors import MemberError, PartError
from immich_bulk.transfer.takeout.parts import PartKind, PartRef, identify_part, iter_members
from immich_bulk.transfer.takeout.reader import MemberReader, MemberRef
from immich_bulk.transfer.takeout.streams import Sha1Reader
from immich_bulk.transfer.takeout.zipdir import iter_central_directory

# --------------------------------------------------------------------------- helpers


def _gf2_times(matrix: list[int], vector: int) -> int:
    out = 0
    i = 0
    while vector:
        if vector & 1:
            out ^= matrix[i]
        vector >>= 1
        i += 1
    return out


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B) (GF(2) matrix powers of the
    one-zero-bit operator), so the CRC of a sparse 4 GiB member costs no 4 GiB pass."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    even = _gf2_square(odd)  # two
    odd = _gf2_square(even)  # four
    while True:
        even = _gf2_square(odd)  # 8, 32, 128, ... zero bits
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_zeros(count: int) -> int:
    """CRC-32 of *count* zero bytes (by doubling)."""
    crc, length = 0, 0
    block, block_len = zlib.crc32(b"\0"), 1
    while count:
        if count & 1:
            crc = crc32_combine(crc, block, block_len)
            length += block_len
        block = crc32_combine(block, block, block_len)
        block_len *= 2
        count >>= 1
    return crc


def test_crc32_combine_agrees_with_zlib() -> None:
    a, b = os.urandom(1000), os.urandom(777)
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
    assert crc32_zeros(12345) == zlib.crc32(bytes(12345))


def _local(name: bytes, *, crc: int, size: int, flags: int = 0x800, method: int = 0,
           extra: bytes = b"", csize: int | None = None) -> bytes:  # fmt: skip
    return struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 45, flags, method, 0, 0x58EC, crc,
        size if csize is None else csize, size, len(name), len(extra),
    ) + name + extra  # fmt: skip


def _central(name: bytes, *, crc: int, size: int, offset: int, flags: int = 0x800,
             method: int = 0, extra: bytes = b"", csize: int | None = None) -> bytes:  # fmt: skip
    return struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 45, 45, flags, method, 0, 0x58EC, crc,
        size if csize is None else csize, size, len(name), len(extra), 0, 0, 0, 0, offset,
    ) + name + extra  # fmt: skip


def _end(entries: int, cd_size: int, cd_offset: int) -> bytes:
    return struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, cd_size, cd_offset, 0)


def _part(path: Path) -> PartRef:
    return identify_part(path)


def _refs(part: PartRef) -> list[MemberRef]:
    return [
        MemberRef(
            id=n, part=part, path=m.member.path, name=m.member.path.rsplit("/", 1)[-1],
            size=m.member.size, csize=m.member.csize, method=m.member.method,
            offset=m.member.offset, crc32=m.member.crc32, mtime_ns=m.member.mtime_ns,
        )
        for n, m in enumerate(iter_members(part, lambda _p, _s: False))
    ]  # fmt: skip


# --------------------------------------------------------------------------- ZIP64


def test_member_over_4_gib_in_a_sparse_zip64(tmp_path: Path) -> None:
    """A stored member of 4 GiB + 1000 bytes (its sizes only in the ZIP64 extra field),
    a second member at an offset past 4 GiB, a ZIP64 end record: listed with the right
    sizes and offsets (as Python's zipfile sees them), head and tail read by seeking."""
    big = (4 << 30) + 1000
    head, tail = b"HEAD-of-a-big-video", b"the-TAIL"
    crc = crc32_combine(
        crc32_combine(zlib.crc32(head), crc32_zeros(big - len(head) - len(tail)),
                      big - len(head) - len(tail)),
        zlib.crc32(tail), len(tail),
    )  # fmt: skip
    name = b"Takeout/Google Photos/Photos from 2021/VID_big.mp4"
    small = b'{"title": "VID_big.mp4"}'
    small_name = b"Takeout/Google Photos/Photos from 2021/VID_big.mp4.json"
    path = tmp_path / "takeout-001.zip"
    with open(path, "wb") as f:
        f.write(_local(name, crc=crc, size=0xFFFFFFFF,
                       extra=struct.pack("<HHQQ", 1, 16, big, big)))  # fmt: skip
        data_at = f.tell()
        f.write(head)
        f.seek(data_at + big - len(tail))  # a hole: the file stays sparse
        f.write(tail)
        small_at = f.tell()
        f.write(_local(small_name, crc=zlib.crc32(small), size=len(small)) + small)
        cd_at = f.tell()
        cd = _central(name, crc=crc, size=0xFFFFFFFF, offset=0,
                      extra=struct.pack("<HHQQ", 1, 16, big, big))  # fmt: skip
        cd += _central(small_name, crc=zlib.crc32(small), size=len(small), offset=0xFFFFFFFF,
                       extra=struct.pack("<HHQ", 1, 8, small_at))  # fmt: skip
        f.write(cd)
        eocd64_at = f.tell()
        f.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, 2, 2, len(cd), cd_at))
        f.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd64_at, 1))
        f.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF,
                            0xFFFFFFFF, 0xFFFFFFFF, 0))  # fmt: skip
    assert os.stat(path).st_blocks * 512 < 1 << 20  # sparse: nothing like 4 GiB on disk

    with open(path, "rb") as f:
        entries = list(iter_central_directory(f))
    with zipfile.ZipFile(path) as zf:
        theirs = [(i.filename, i.file_size, i.compress_size, i.header_offset, i.CRC)
                  for i in zf.infolist()]  # fmt: skip
    assert [(e.name, e.size, e.csize, e.header_offset, e.crc32) for e in entries] == theirs
    assert entries[0].size == big and entries[1].header_offset == small_at > 1 << 32

    part = _part(path)
    refs = _refs(part)
    with MemberReader() as reader:
        with reader.open(refs[0]) as stream:
            assert stream.size == big
            assert stream.read(len(head)) == head
            stream.seek(-len(tail), io.SEEK_END)
            assert stream.read() == tail
        assert reader.read_bytes(refs[1]) == small


def test_force_zip64_local_headers_and_prepended_data(tmp_path: Path) -> None:
    """Local headers with ZIP64 extras (``force_zip64``), and an archive with data
    before it (a self-extracting stub): offsets shift, members still read right."""
    inner = io.BytesIO()
    payload = {f"Takeout/Google Photos/x/{n}.jpg": os.urandom(300 + n) for n in range(5)}
    with zipfile.ZipFile(inner, "w") as zf:
        for n, (name, data) in enumerate(payload.items()):
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED if n % 2 else zipfile.ZIP_STORED
            with zf.open(info, "w", force_zip64=True) as f:
                f.write(data)
    path = tmp_path / "takeout-sfx.zip"
    path.write_bytes(b"MZ" + os.urandom(4000) + inner.getvalue())
    with MemberReader() as reader:
        got = {r.path: reader.read_bytes(r) for r in _refs(_part(path))}
    assert got == payload


def test_names_cp437_and_unicode_path_field(tmp_path: Path) -> None:
    raw = "Album é/café.jpg".encode("cp437")
    utf8 = "Album é/café.jpg".encode()
    unicode_field = struct.pack("<HHB", 0x7075, 5 + len(utf8), 1) + struct.pack(
        "<L", zlib.crc32(raw)
    ) + utf8  # fmt: skip
    data = b"\xff\xd8photo"
    blob = _local(raw, crc=zlib.crc32(data), size=len(data), flags=0) + data
    blob2_at = len(blob)
    name2 = "Album é/plain.jpg".encode("cp437")
    blob += _local(name2, crc=zlib.crc32(data), size=len(data), flags=0) + data
    cd = _central(raw, crc=zlib.crc32(data), size=len(data), offset=0, flags=0,
                  extra=unicode_field)  # fmt: skip
    cd += _central(name2, crc=zlib.crc32(data), size=len(data), offset=blob2_at, flags=0)
    path = tmp_path / "names.zip"
    path.write_bytes(blob + cd + _end(2, len(cd), len(blob)))
    with open(path, "rb") as f:
        assert [e.name for e in iter_central_directory(f)] == [
            "Album é/café.jpg",
            "Album é/plain.jpg",
        ]


# --------------------------------------------------------------------------- streams


def _zip(tmp_path: Path, members: dict[str, tuple[bytes, int]]) -> Path:
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, (data, method) in members.items():
            zf.writestr(name, data, compress_type=method)
    return path


def test_deflated_member_seeks_and_hashes(tmp_path: Path) -> None:
    data = os.urandom(3000) * 200  # compressible, 600 kB
    path = _zip(tmp_path, {"a/b/v.mp4": (data, zipfile.ZIP_DEFLATED)})
    (ref,) = _refs(_part(path))
    with MemberReader() as reader, reader.open(ref) as stream:
        assert stream.read(10) == data[:10]
        stream.seek(0)
        with Sha1Reader(stream) as hashing:
            while hashing.read(65536):
                pass
            assert hashing.digest() == hashlib.sha1(data).digest()
    with MemberReader() as reader, reader.open(ref) as stream:
        stream.seek(500_000)
        assert stream.read(100) == data[500_000:500_100]
        stream.seek(1000)  # backwards: inflation restarts
        assert stream.read() == data[1000:]


def test_sha1_reader_refuses_a_digest_before_the_end(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"a/b/x.jpg": (b"12345678", zipfile.ZIP_STORED)})
    (ref,) = _refs(_part(path))
    with MemberReader() as reader, Sha1Reader(reader.open(ref)) as hashing:
        hashing.read(3)
        with pytest.raises(ValueError, match="not read to its end"):
            hashing.digest()


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_damaged_member_is_refused(tmp_path: Path, method: int) -> None:
    """A flipped byte in a member is caught by its CRC-32 (or the inflater): the reader
    raises MemberError naming the part and the member, never returns wrong bytes."""
    data = os.urandom(200_000) if method == zipfile.ZIP_STORED else b"abcdefgh" * 40_000
    path = _zip(tmp_path, {"a/b/x.jpg": (data, method)})
    with zipfile.ZipFile(path) as zf:
        entry = zf.infolist()[0]
    raw = bytearray(path.read_bytes())
    at = entry.header_offset + 30 + len(b"a/b/x.jpg") + entry.compress_size // 2
    raw[at] ^= 0xFF  # in the middle of the member's (compressed) data
    path.write_bytes(raw)
    (ref,) = _refs(_part(path))
    with MemberReader() as reader, pytest.raises(MemberError) as info:
        reader.read_bytes(ref)
    assert "p.zip" in str(info.value) and "a/b/x.jpg" in str(info.value)


def test_unsupported_and_encrypted_members_are_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"a/b/x.jpg": (b"x" * 1000, zipfile.ZIP_BZIP2)})
    (ref,) = _refs(_part(path))
    with MemberReader() as reader, pytest.raises(MemberError, match="compression method 12"):
        reader.open(ref)
    data = b"secret"
    blob = _local(b"s.jpg", crc=zlib.crc32(data), size=len(data), flags=0x801) + data
    cd = _central(b"s.jpg", crc=zlib.crc32(data), size=len(data), offset=0, flags=0x801)
    enc = tmp_path / "enc.zip"
    enc.write_bytes(blob + cd + _end(1, len(cd), len(blob)))
    (ref,) = _refs(_part(enc))
    with MemberReader() as reader, pytest.raises(MemberError, match="encrypted"):
        reader.open(ref)
    listed = list(iter_members(_part(enc), lambda _p, _s: True))
    assert listed[0].error == "encrypted members are not supported"


def test_a_part_that_changed_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"a/b/x.jpg": (b"x" * 1000, zipfile.ZIP_STORED)})
    (ref,) = _refs(_part(path))
    with path.open("ab") as f:
        f.write(b"more")
    with MemberReader() as reader, pytest.raises(MemberError, match="changed since"):
        reader.open(ref)


def test_tgz_members_read_in_any_order(tmp_path: Path) -> None:
    payload = {f"Takeout/Google Photos/y/{n}.jpg": os.urandom(50_000 + n) for n in range(6)}
    path = tmp_path / "takeout-001.tgz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in payload.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    part = _part(path)
    assert part.kind is PartKind.TGZ
    refs = _refs(part)
    assert all(r.crc32 == zlib.crc32(payload[r.path]) for r in refs)
    with MemberReader() as reader:
        for ref in [*reversed(refs), refs[2], refs[4]]:
            assert reader.read_bytes(ref) == payload[ref.path]


def test_identify_part_by_content_and_name(tmp_path: Path) -> None:
    z = _zip(tmp_path, {"a": (b"1", zipfile.ZIP_STORED)})
    renamed = tmp_path / "takeout-part"
    renamed.write_bytes(z.read_bytes())
    assert identify_part(renamed).kind is PartKind.ZIP
    (tmp_path / "d").mkdir()
    assert identify_part(tmp_path / "d").kind is PartKind.DIR
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with pytest.raises(PartError, match="not a Takeout part"):
        identify_part(notes)
