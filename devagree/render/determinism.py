"""Byte-identical .docx files: a zip with fixed timestamps and a stable order.

python-docx stamps each zip entry with the clock; two saves of the same content differ only
there. Writing with one fixed timestamp, fixed permissions and a stable entry order
(``[Content_Types].xml`` first, as Office writes it) makes renders comparable and
committable.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold; any fixed value would do."""

_FIRST = ("[Content_Types].xml", "_rels/.rels")


def _order(name: str) -> tuple[int, str]:
    return (_FIRST.index(name), "") if name in _FIRST else (len(_FIRST), name)


def zip_bytes(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``members`` (name, bytes) in a stable order with fixed metadata."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in sorted(members, key=lambda member: _order(member[0])):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """The same package with fixed entry metadata and sorted entries."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_bytes((name, source.read(name)) for name in source.namelist())
