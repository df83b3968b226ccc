"""The one write path: every command that changes a workbook file goes through here.

A change is a function from the file's current text to its new text. It is applied to what
is on disk at the moment of writing, never to a copy read earlier, and the result replaces
the file atomically. The file's byte-order mark and line endings are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from devagree.atomic import write_atomic
from devagree.yamlio import read_text

Change = Callable[[str], str]
"""Current text (without byte-order mark) → new text; raise a DevagreeError to refuse."""


def edit_file(path: Path, change: Change) -> str:
    """Apply ``change`` to the current content of ``path`` and write the result; returns it."""
    raw = path.read_bytes()
    bom = "\ufeff" if raw[:3] == b"\xef\xbb\xbf" else ""
    text = read_text(path)
    new_text = change(text)
    write_atomic(path, bom + new_text)
    return new_text


def create_file(path: Path, text: str) -> None:
    """Write a new file; an existing file is never overwritten."""
    write_atomic(path, text)
