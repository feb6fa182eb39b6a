"""A zip's central directory read as a stream of entries (no member list in memory).

:func:`iter_central_directory` finds the end-of-central-directory record (ZIP64 too),
then reads the directory sequentially and yields one :class:`ZipEntry` per file, so a
part of 100,000 members costs one small record at a time, not a list of ``ZipInfo``.
:func:`data_offset` reads a member's local header to find where its bytes start.

Supported: stored and deflated members, ZIP64 (sizes and offsets over 4 GiB, more than
65,535 entries), UTF-8 names (flag bit 11) and the Info-ZIP Unicode path field, data
prepended to the archive. Refused with a clear error: split (multi-disk) archives,
encrypted members, other compression methods (reported when the member is opened).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

import attrs

__all__ = [
    "DEFLATED",
    "STORED",
    "ZipEntry",
    "ZipFormatError",
    "data_offset",
    "iter_central_directory",
]

STORED = 0
DEFLATED = 8

_EOCD = struct.Struct("<4s4H2LH")  # signature .. comment length: 22 bytes
_EOCD_SIG = b"PK\x05\x06"
_LOCATOR = struct.Struct("<4sLQL")  # ZIP64 end of central directory locator: 20 bytes
_LOCATOR_SIG = b"PK\x06\x07"
_EOCD64 = struct.Struct("<4sQ2H2L4Q")  # ZIP64 end of central directory record: 56 bytes
_EOCD64_SIG = b"PK\x06\x06"
_CENTRAL = struct.Struct("<4s6H3L5H2L")  # central directory header: 46 bytes
_CENTRAL_SIG = b"PK\x01\x02"
_LOCAL = struct.Struct("<4s5H3L2H")  # local file header: 30 bytes
_LOCAL_SIG = b"PK\x03\x04"
_MAX_COMMENT = 0xFFFF
_U16 = 0xFFFF
_U32 = 0xFFFFFFFF
_ZIP64_EXTRA = 0x0001
_UNICODE_PATH_EXTRA = 0x7075
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_READ_CHUNK = 1 << 20


class ZipFormatError(ValueError):
    """The file is not a zip, or its central directory is damaged (message says how)."""


@attrs.frozen(slots=True)
class ZipEntry:
    """One file of the central directory."""

    name: str
    size: int
    """Uncompressed size."""
    csize: int
    """Compressed size (the bytes stored in the archive)."""
    method: int
    crc32: int
    header_offset: int
    """Where the member's local header starts (prepended data already accounted for)."""
    flags: int
    dos_time: int
    """DOS date (high 16 bits) and time (low 16 bits): the export time, not capture time."""

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & _FLAG_ENCRYPTED)


@attrs.frozen
class _Directory:
    start: int  # file offset of the first central header
    size: int
    entries: int
    shift: int  # bytes of data prepended to the archive
    zip64: bool


def _find_directory(f: BinaryIO, file_size: int) -> _Directory:
    if file_size < _EOCD.size:
        raise ZipFormatError("too short to be a zip file")
    tail_len = min(file_size, _EOCD.size + _MAX_COMMENT + _LOCATOR.size)
    f.seek(file_size - tail_len)
    tail = f.read(tail_len)
    pos = tail.rfind(_EOCD_SIG, 0, len(tail) - _EOCD.size + len(_EOCD_SIG))
    while pos >= 0:
        fields = _EOCD.unpack_from(tail, pos)
        if pos + _EOCD.size + fields[7] <= len(tail):
            break
        pos = tail.rfind(_EOCD_SIG, 0, pos)
    if pos < 0:
        raise ZipFormatError("no end of central directory record: not a zip file, or truncated")
    _, disk, cd_disk, _disk_entries, entries, cd_size, cd_offset, _ = _EOCD.unpack_from(tail, pos)
    eocd_at = file_size - tail_len + pos
    locator_at = pos - _LOCATOR.size
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == _LOCATOR_SIG:
        # the record sits right before its locator; its recorded offset would miss
        # prepended data, so it is found by position (and the shift computed from it)
        _, eocd64_disk, _recorded_at, disks = _LOCATOR.unpack_from(tail, locator_at)
        if eocd64_disk != 0 or disks > 1:
            raise ZipFormatError("split (multi-disk) zip archives are not supported")
        record_at = eocd_at - _LOCATOR.size - _EOCD64.size
        f.seek(record_at)
        raw = f.read(_EOCD64.size)
        if len(raw) != _EOCD64.size or raw[:4] != _EOCD64_SIG:
            raise ZipFormatError("damaged ZIP64 end of central directory record")
        fields64 = _EOCD64.unpack(raw)
        disk, cd_disk = fields64[4], fields64[5]
        entries, cd_size, cd_offset = fields64[7], fields64[8], fields64[9]
        shift = record_at - cd_size - cd_offset
        start = record_at - cd_size
        zip64 = True
    else:
        shift = eocd_at - cd_size - cd_offset
        start = eocd_at - cd_size
        zip64 = False
    if disk != 0 or cd_disk != 0:
        raise ZipFormatError("split (multi-disk) zip archives are not supported")
    if shift < 0 or start < 0:
        raise ZipFormatError("central directory size or offset out of range (truncated file?)")
    return _Directory(start, cd_size, entries, shift, zip64)


def _extra_fields(extra: bytes) -> Iterator[tuple[int, bytes]]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        yield tag, extra[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _decode_name(raw: bytes, flags: int, extra: bytes) -> str:
    if flags & _FLAG_UTF8:
        return raw.decode("utf-8", "surrogateescape")
    for tag, data in _extra_fields(extra):
        if (
            tag == _UNICODE_PATH_EXTRA
            and len(data) > 5
            and data[0] == 1
            and struct.unpack_from("<L", data, 1)[0] == zlib.crc32(raw)
        ):
            return data[5:].decode("utf-8", "surrogateescape")
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        return raw.decode("cp437")


def iter_central_directory(f: BinaryIO) -> Iterator[ZipEntry]:
    """Every file entry of the zip open as *f* (directories are skipped), in directory
    order. Raises :class:`ZipFormatError` for a file that is not a readable zip."""
    file_size = f.seek(0, io.SEEK_END)
    directory = _find_directory(f, file_size)
    f.seek(directory.start)
    reader = io.BufferedReader(_Window(f, directory.start, directory.size), _READ_CHUNK)
    count = 0
    while True:
        head = reader.read(_CENTRAL.size)
        if not head:
            break
        if len(head) != _CENTRAL.size or head[:4] != _CENTRAL_SIG:
            raise ZipFormatError(f"damaged central directory at entry {count + 1}")
        (
            _sig, _made, _need, flags, method, time_, date,
            crc, csize, size, name_len, extra_len, comment_len, disk, _iattr, _eattr, offset,
        ) = _CENTRAL.unpack(head)  # fmt: skip
        rest = reader.read(name_len + extra_len + comment_len)
        if len(rest) != name_len + extra_len + comment_len:
            raise ZipFormatError(f"central directory truncated at entry {count + 1}")
        raw_name = rest[:name_len]
        extra = rest[name_len : name_len + extra_len]
        if _U32 in (size, csize, offset) or disk == _U16:
            size, csize, offset, disk = _zip64_values(extra, size, csize, offset, disk)
        if disk not in (0, _U16):
            raise ZipFormatError("split (multi-disk) zip archives are not supported")
        count += 1
        entry = ZipEntry(
            name=_decode_name(raw_name, flags, extra),
            size=size,
            csize=csize,
            method=method,
            crc32=crc,
            header_offset=offset + directory.shift,
            flags=flags,
            dos_time=(date << 16) | time_,
        )
        if not entry.is_dir:
            yield entry
    if directory.zip64 and count != directory.entries:
        raise ZipFormatError(
            f"central directory lists {count} entries, its end record says {directory.entries}"
        )
    if not directory.zip64 and count % 0x10000 != directory.entries % 0x10000:
        raise ZipFormatError(
            f"central directory lists {count} entries, its end record says {directory.entries}"
        )


def _zip64_values(
    extra: bytes, size: int, csize: int, offset: int, disk: int
) -> tuple[int, int, int, int]:
    for tag, data in _extra_fields(extra):
        if tag != _ZIP64_EXTRA:
            continue
        pos = 0
        values = []
        for value, width, mark in ((size, 8, _U32), (csize, 8, _U32), (offset, 8, _U32)):
            if value == mark:
                if pos + width > len(data):
                    raise ZipFormatError("damaged ZIP64 extra field")
                values.append(struct.unpack_from("<Q", data, pos)[0])
                pos += width
            else:
                values.append(value)
        if disk == _U16:
            if pos + 4 > len(data):
                raise ZipFormatError("damaged ZIP64 extra field")
            disk = struct.unpack_from("<L", data, pos)[0]
        return values[0], values[1], values[2], disk
    raise ZipFormatError("a 4 GiB size or offset without its ZIP64 extra field")


class _Window(io.RawIOBase):
    """A read-only window [start, start + size) of *f* (so the buffered reader never
    reads past the central directory)."""

    def __init__(self, f: BinaryIO, start: int, size: int) -> None:
        self._f = f
        self._pos = start
        self._end = start + size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        want = min(len(buffer), self._end - self._pos)
        if want <= 0:
            return 0
        self._f.seek(self._pos)
        data = self._f.read(want)
        n = len(data)
        buffer[:n] = data
        self._pos += n
        return n


def data_offset(read_at: Callable[[int, int], bytes], entry_offset: int) -> int:
    """Where the data of the member whose local header is at *entry_offset* starts
    (``read_at(size, offset)`` reads the archive). Refuses an encrypted member."""
    head = read_at(_LOCAL.size, entry_offset)
    if len(head) != _LOCAL.size or head[:4] != _LOCAL_SIG:
        raise ZipFormatError("no local file header where the central directory points")
    fields = _LOCAL.unpack(head)
    if fields[2] & _FLAG_ENCRYPTED:
        raise ZipFormatError("encrypted members are not supported")
    return int(entry_offset + _LOCAL.size + fields[9] + fields[10])
