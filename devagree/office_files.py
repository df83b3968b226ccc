"""What Office files look like from outside, checked before a reader opens one.

Word and Excel files are zip packages; an old binary file, or a password-protected (and so
encrypted) document, is an OLE2 compound file. A zip declares the sizes of its members, so a
package that would unpack beyond reason (a zip bomb) is refused before any member is read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE2 compound file."""

LARGE_MEMBER = 1 << 20
"""Members at least this large are held to the compression ratio; small ones cannot harm."""


def unpacks_too_far(members: Sequence[zipfile.ZipInfo], max_unpacked: int, max_ratio: int) -> bool:
    """True when the members together, or a large one alone, would expand beyond reason."""
    if sum(member.file_size for member in members) > max_unpacked:
        return True
    return any(
        member.file_size > LARGE_MEMBER
        and member.file_size > max_ratio * max(member.compress_size, 1)
        for member in members
    )
