"""What Word shows as the author's text, against what Word generates or merely suggests.

A table of contents is generated from the headings (its entries are titles and page
numbers, not content), and a content control still showing its placeholder ("Klik eller
tryk her for at skrive tekst.") is empty in Word's sense: neither may become an
agreement's text. Both are known by Word's own markup, never by the words alone, except a
contents title ("Indhold") standing right before a table of contents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from devagree.importing.labels import is_contents_title

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_ENTRY_STYLE = re.compile(r"(?:toc|indholdsfortegnelse|indhold)\s*[1-9]", re.IGNORECASE)
"""A style of a contents entry, by its name ("toc 1") or a Danish Word's style id
("Indholdsfortegnelse1", "TOC1")."""
_TITLE_STYLES = frozenset({"toc heading", "tocheading", "overskrift til indholdsfortegnelse"})


def showing_placeholder(node: Any) -> bool:
    """``node`` is a content control that shows its placeholder text, not the author's."""
    if node.tag != f"{W}sdt":
        return False
    props = node.find(f"{W}sdtPr")
    return props is not None and props.find(f"{W}showingPlcHdr") is not None


def in_placeholder(node: Any) -> bool:
    """``node`` stands inside a content control that shows its placeholder."""
    while node is not None:
        if showing_placeholder(node):
            return True
        node = node.getparent()
    return False


def _contents_control(node: Any) -> bool:
    """``node`` stands inside a content control Word made for a table of contents."""
    while node is not None:
        if node.tag == f"{W}sdt":
            gallery = node.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
            if gallery is not None and gallery.get(f"{W}val", "").startswith("Table of Contents"):
                return True
        node = node.getparent()
    return False


def _style(p: Any, name_of: Callable[[str], str | None]) -> tuple[str, str]:
    """The paragraph's style id and name, both in lower case."""
    style = p.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val", "") if style is not None else ""
    return style_id.lower(), (name_of(style_id) or style_id).lower()


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t")).strip()


class _Fields:
    """The complex fields open at a point of the document, to know when a TOC field's
    result (its entries) runs."""

    def __init__(self) -> None:
        self.open: list[str] = []

    @property
    def in_contents(self) -> bool:
        return any(_is_contents(instruction) for instruction in self.open)

    def read(self, node: Any) -> bool:
        """Follow the fields in ``node``; whether a TOC field was open anywhere in it."""
        seen = self.in_contents
        for part in node.iter(f"{W}fldChar", f"{W}instrText", f"{W}fldSimple"):
            if part.tag == f"{W}fldSimple":
                seen = seen or _is_contents(part.get(f"{W}instr", ""))
            elif part.tag == f"{W}instrText":
                if self.open:
                    self.open[-1] += part.text or ""
            else:
                kind = part.get(f"{W}fldCharType")
                if kind == "begin":
                    self.open.append("")
                elif kind == "end" and self.open:
                    seen = seen or self.in_contents
                    self.open.pop()
            seen = seen or self.in_contents
        return seen


def _is_contents(instruction: str) -> bool:
    return instruction.strip().upper().split(" ", 1)[0] == "TOC"


def generated(blocks: Iterable[Any], name_of: Callable[[str], str | None]) -> set[Any]:
    """Which of the body's paragraphs and tables (in order) make up a table of contents:
    its content control, its field's result, its entries and its title."""
    order = list(blocks)
    fields = _Fields()
    in_field = [fields.read(node) for node in order]
    if fields.in_contents:  # a TOC field that never ends: its result is not known
        in_field = [False] * len(order)
    dropped: list[bool] = []
    for node, in_result in zip(order, in_field, strict=True):
        style_id, name = ("", "") if node.tag != f"{W}p" else _style(node, name_of)
        dropped.append(
            in_result
            or _contents_control(node)
            or bool(_ENTRY_STYLE.fullmatch(style_id) or _ENTRY_STYLE.fullmatch(name))
            or style_id in _TITLE_STYLES
            or name in _TITLE_STYLES
        )
    for index in range(len(order)):
        if not dropped[index] or (index and dropped[index - 1]):
            continue
        before = index - 1
        while before >= 0 and order[before].tag == f"{W}p" and not _text(order[before]):
            before -= 1
        if before >= 0 and order[before].tag == f"{W}p" and is_contents_title(_text(order[before])):
            dropped[before] = True
    return {node for node, gone in zip(order, dropped, strict=True) if gone}
