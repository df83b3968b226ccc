"""Paths on disk as users type them, and places inside a document as keys and indexes."""

from __future__ import annotations

import os
from pathlib import Path

Path_ = tuple[str | int, ...]
"""A place in a document: keys and list indexes from the root, as in JSON Schema errors."""


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    if os.sep == "/":  # the same as below, in string operations (called for every file)
        text = str(path)
        if not text.startswith("/"):
            return text  # already relative to the current folder
        here = os.getcwd()
        if text == here:
            return "."
        inside = here if here.endswith("/") else here + "/"
        return text[len(inside) :] if text.startswith(inside) else text
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
