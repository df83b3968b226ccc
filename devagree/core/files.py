"""Opening a file someone named: a regular file only, never a named pipe, device or folder.

Opening a named pipe (FIFO) for reading waits until something writes to it, which may be
never, and a device such as ``/dev/zero`` never ends. Every reader of a file from outside
(YAML, Word, spreadsheets, PDFs, certificates, templates) opens it here: without waiting
(``O_NONBLOCK``), then it asks the open file what it is (``fstat``), so a file swapped for a
pipe between a check and the open is caught too. Anything but a regular file is refused at
once with ``NotRegularFile``, which says what the path is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from devagree.i18n import _


class NotRegularFile(OSError):
    """The path is a pipe, a device, a socket or a folder; ``what`` says which, in words."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(what)
        self.path = path
        self.what = what
        self.strerror = what


def describe(mode: int) -> str | None:
    """What a file of ``mode`` is, in words, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO), not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device, not a file")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a file")
    return _("not a regular file")


def not_regular(path: Path) -> str | None:
    """Why ``path`` is no file to read ("no such file", "a named pipe (FIFO), not a file"),
    or None when it is a regular file (a symbolic link is followed)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return _("no such file")
    except OSError as err:
        return err.strerror or str(err)
    return describe(mode)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, when it is a regular file; else NotRegularFile.

    Other failures (missing, permissions) are the usual ``OSError``s.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        what = describe(os.fstat(descriptor).st_mode)
        if what is not None:
            raise NotRegularFile(path, what)
        return os.fdopen(descriptor, "rb")  # O_NONBLOCK changes nothing for a regular file
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit`` of them); else an OSError,
    NotRegularFile for a pipe, device or folder."""
    with open_regular(path) as handle:
        return handle.read() if limit is None else handle.read(limit)
