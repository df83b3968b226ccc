"""What a tagged PDF's structure says of its text: the paragraph each marked piece of a page
is part of, and which hyphens are soft.

Word's own PDF export, LibreOffice's when asked, and devagree's PDF/A tag their text: every
piece of a page's text is marked with a number (an MCID), and the structure tree tells the
element each belongs to (a paragraph, a heading, a list entry, or a span inside one). The
page's entry in the tree's ParentTree lists, by MCID, the element that owns it: the way the
PDF standard gives to map a page's text to its structure, as an element's own page is
optional and one paragraph may run over two pages. A hyphen LibreOffice sets where a line
broke a word is such a span, its ActualText a soft hyphen (U+00AD).

Read with pdfminer's objects. An untagged PDF, or a tree that is missing, damaged or
larger than any agreement's, gives nothing, and the text is read by its layout alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INLINE = frozenset(
    {"Span", "Link", "Quote", "Note", "Reference", "BibEntry", "Code", "Lbl", "Annot", "Ruby"}
)
"""Structure types that stand inside a paragraph; every other type that holds text is one."""

MAX_MARKS = 2_000_000
"""Most marked pieces read (a 300-page agreement has a few tens of thousands)."""
MAX_DEPTH = 100
"""Most steps from a span up to its paragraph."""


@dataclass(slots=True)
class Tags:
    """What the structure says, by (page number, MCID)."""

    paragraphs: dict[tuple[int, int], int] = field(default_factory=dict)
    """The paragraph a marked piece of text is part of (an identity, not a count)."""
    soft: set[tuple[int, int]] = field(default_factory=set)
    """The marked pieces that are a soft hyphen: where a line broke a word."""


def read_tags(pdf: Any) -> Tags:
    """The tags of a pdfplumber PDF; empty for an untagged one."""
    from pdfminer.data_structures import NumberTree
    from pdfminer.pdftypes import resolve1

    tags = Tags()
    try:
        root = resolve1(pdf.doc.catalog.get("StructTreeRoot"))
        if not isinstance(root, dict) or "ParentTree" not in root:
            return tags
        role_map = resolve1(root.get("RoleMap")) or {}
        arrays = dict(NumberTree(root["ParentTree"]).values)
        owners: dict[int, tuple[int, bool]] = {}
        count = 0
        for page in pdf.pages:
            key = resolve1(page.page_obj.attrs.get("StructParents"))
            array = resolve1(arrays.get(key)) if isinstance(key, int) else None
            if not isinstance(array, list):
                continue
            count += len(array)
            if count > MAX_MARKS:
                return Tags()
            for mcid, ref in enumerate(array):
                objid = getattr(ref, "objid", None)
                if objid is None:
                    continue  # (a piece of text no element owns)
                if objid not in owners:
                    owners[objid] = _owner(ref, role_map)
                paragraph, soft = owners[objid]
                tags.paragraphs[(page.page_number, mcid)] = paragraph
                if soft:
                    tags.soft.add((page.page_number, mcid))
    except Exception:  # a damaged structure tree: the text is read by its layout
        return Tags()
    return tags


def _owner(ref: Any, role_map: dict[str, Any]) -> tuple[int, bool]:
    """(the paragraph ``ref``'s element is part of, whether the element is a soft hyphen)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    element = resolve1(ref)
    actual = resolve1(element.get("ActualText")) if isinstance(element, dict) else None
    soft = isinstance(actual, bytes) and (actual == b"\xad" or decode_text(actual) == "\u00ad")
    for _step in range(MAX_DEPTH):
        if not isinstance(element, dict):
            break
        if _type(element, role_map) not in INLINE:
            return ref.objid, soft
        parent = element.get("P")
        if getattr(parent, "objid", None) is None:
            break
        ref, element = parent, resolve1(parent)
    return ref.objid, soft


def _type(element: dict[str, Any], role_map: dict[str, Any]) -> str:
    """The element's structure type, as the role map names it among the standard ones."""
    name = _name(element.get("S"))
    mapped = _name(role_map.get(name)) if name in role_map else ""
    return mapped or name


def _name(value: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else ""
