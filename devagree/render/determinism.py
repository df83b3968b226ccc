"""Byte-identical .docx files: a zip with fixed timestamps and a stable order.

python-docx stamps each zip entry with the clock; two saves of the same content differ only
there. Writing with one fixed timestamp, fixed permissions and a stable entry order
(``[Content_Types].xml`` first, as Office writes it) makes renders comparable and
committable.

The zip is written here rather than by ``zipfile``, so that a member whose bytes were
compressed before (the template's 800 KB of styles, theme and fonts, the same in every
document of a batch) is not compressed again: the compressed bytes are remembered by their
content. The result is byte for byte what ``zipfile`` writes with the same settings.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Iterable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold; any fixed value would do."""

_FIRST = ("[Content_Types].xml", "_rels/.rels")

_LEVEL = 6
_VERSION = 20  # "2.0": deflate
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2
_ATTRIBUTES = 0o644 << 16

_REMEMBER_FROM = 16 * 1024
"""Members at least this large keep their compressed bytes; smaller ones are quick to redo."""
_REMEMBERED: dict[bytes, tuple[int, bytes]] = {}
_REMEMBER_AT_MOST = 64


def _order(name: str) -> tuple[int, str]:
    return (_FIRST.index(name), "") if name in _FIRST else (len(_FIRST), name)


def _deflate(data: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw deflate stream of ``data`` (as zipfile makes it), remembered if large."""
    key = b""
    if len(data) >= _REMEMBER_FROM:
        key = hashlib.sha1(data, usedforsecurity=False).digest() + len(data).to_bytes(8, "little")
        found = _REMEMBERED.get(key)
        if found is not None:
            return found
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    made = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
    if key:
        if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
            _REMEMBERED.clear()
        _REMEMBERED[key] = made
    return made


def zip_bytes(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``members`` (name, bytes) in a stable order with fixed metadata."""
    out = io.BytesIO()
    central: list[bytes] = []
    for name, data in sorted(members, key=lambda member: _order(member[0])):
        encoded = name.encode("ascii", errors="ignore")
        flags = 0
        if len(encoded) != len(name):
            encoded, flags = name.encode("utf-8"), 0x800
        crc, packed = _deflate(data)
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\003\004",
                _VERSION,
                0,
                flags,
                zipfile.ZIP_DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                len(packed),
                len(data),
                len(encoded),
                0,
            )
        )
        out.write(encoded)
        out.write(packed)
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\001\002",
                _VERSION,
                0,
                _VERSION,
                0,
                flags,
                zipfile.ZIP_DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                len(packed),
                len(data),
                len(encoded),
                0,
                0,
                0,
                0,
                _ATTRIBUTES,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    count = len(central)
    out.write(struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, count, count, size, start, 0))
    return out.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """The same package with fixed entry metadata and sorted entries."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_bytes((name, source.read(name)) for name in source.namelist())
