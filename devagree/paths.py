"""Paths on disk as users type them, and places inside a document as keys and indexes."""

from __future__ import annotations

from pathlib import Path

Path_ = tuple[str | int, ...]
"""A place in a document: keys and list indexes from the root, as in JSON Schema errors."""


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
