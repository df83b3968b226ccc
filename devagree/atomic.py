"""Writing a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from devagree.errors import OutputError


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applies)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(target: Path, data: str | bytes) -> None:
    """Replace ``target`` with ``data`` (text is written as UTF-8, line endings untouched)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as err:
        raise OutputError(f"cannot write in {target.parent} ({err.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target} ({err.strerror})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
