"""Text from outside made safe to show on one line: control characters escaped, length bounded.

File names, spreadsheet cells and certificate names come from people and programs devagree
does not control. Printed raw, an escape character (ESC) recolours or rewrites the terminal,
a line break splits a one-line message (``file:line:col CODE message``) in two, and
right-to-left overrides turn the order of what is read around. ``printable`` writes each
such character as a visible escape (``\\x1b``, ``\\n``, ``\\u202e``), the way Python shows
it, so the text says what it holds and stays on its line.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
"""C0 and C1 controls, DEL, and the marks and overrides that change the direction of text."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` with every control character escaped; cut to ``limit`` characters with "…"."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return _UNSAFE.sub(_escaped, text)


def printable_lines(text: str) -> str:
    """``text`` kept on its lines (``\\n`` stays a line break), every other control escaped.

    For whole messages whose own lines are meant: the line breaks devagree wrote stay, an
    escape character or carriage return from a file name in them does not.
    """
    return "\n".join(printable(line) for line in text.split("\n"))
