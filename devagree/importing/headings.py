"""Headings of an imported agreement: what a heading looks like, its rank, its number.

An item's heading is found by where it stands (just before a run of row labels that starts
afresh), not by its words: "Udviklingsmål 1: ...", "Indsatsområde 2 - ...", "Mål 3.",
"Pejlemærke", a bold line, or a heading Word numbers itself all serve. What this module
knows is the shape of a heading (a Word heading level, Word's own numbering, bold, a number
written in the text) so that the walk can compare two headings, and the few words that
open a section that is never an item (an appendix, a meeting plan, the signatures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devagree.importing.labels import normalise
from devagree.importing.wordread import Para

NUMBERED = re.compile(
    r"^\s*(?P<word>[^\W\d_][\w\u00c0-\u024f-]*(?:\s+[^\W\d_][\w\u00c0-\u024f-]*){0,2})?"
    r"\s*(?:nr\.?|no\.?|#)?\s*(?P<number>\d{1,2})(?![\d.,]\d)"
    r"\s*(?P<sep>[.):\-\u2013\u2014]?)\s*(?P<title>.*)$",
    re.DOTALL,
)
"""A heading with its number written in the text: "Udviklingsmål 1: Recovery",
"Indsatsområde 2 - Overgange", "Mål 3. Trivsel", "4) Bolig", "Aftale nr. 2"."""

ITEM_WORDS = frozenset(
    {
        "udviklingsaftale",
        "aftale",
        "udviklingsmål",
        "indsatsområde",
        "indsats",
        "fokusområde",
        "pejlemærke",
        "tema",
        "punkt",
        "mål",
        "målsætning",
        "delmål",
        "spor",
        "strategispor",
        "område",
        "item",
        "agreement",
        "goal",
        "objective",
        "development goal",
        "focus area",
        "priority",
    }
)
"""Words that name an item in a numbered heading; with one of them, a heading in plain
type is a heading too ("Fokusområde 2 - Overgange" typed without bold)."""

SIGNING = frozenset(
    {
        "underskrifter",
        "underskrift",
        "underskrivere",
        "signaturer",
        "godkendelse",
        "godkendt",
        "signatures",
        "signature",
        "approval",
    }
)
"""First words of the signature section."""

CLOSING = SIGNING | frozenset(
    {
        "bilag",
        "bilagsoversigt",
        "bilagsliste",
        "appendiks",
        "mødeplan",
        "mødekalender",
        "møderække",
        "kontakt",
        "kontaktoplysninger",
        "ordliste",
        "referencer",
        "litteratur",
        "appendix",
        "annex",
        "attachment",
        "attachments",
        "annexes",
        "contact",
        "glossary",
        "references",
    }
)
"""First words of a section that is never an item (the signatures' among them); its text
goes to ``unplaced``."""

_FIRST_WORD = re.compile(r"[^\W\d_]+")


def numbered(text: str) -> tuple[int, str, str] | None:
    """(number, title, lead word) of a heading whose number is written in the text.

    "Udviklingsmål 1: Recovery" → (1, "Recovery", "udviklingsmål"); "1. Recovery" →
    (1, "Recovery", ""). A sentence that only holds a number ("Vi holder 2 møder") is not
    one: after its number comes a separator, the end, or a known item word came before.
    """
    if len(text) > 200:
        return None
    match = NUMBERED.match(text)
    if not match:
        return None
    word = normalise(match.group("word") or "")
    sep = match.group("sep")
    rest = match.group("title").strip()
    unknown_word = word and word not in ITEM_WORDS
    if unknown_word and (
        len(word.split()) > 1 or not match.group("word")[0].isupper() or not (sep or not rest)
    ):
        return None
    if not word and not sep:
        return None
    if not word and not rest:
        return None
    title = rest.lstrip(":.-\u2013\u2014 ").strip()
    return int(match.group("number")), title, word


def first_word(text: str) -> str:
    match = _FIRST_WORD.search(text)
    return match.group(0).casefold() if match else ""


def closes(text: str) -> bool:
    """The heading opens a section that is never an item ("Bilag 1. Mødeplan")."""
    return first_word(text) in CLOSING


def signing(text: str) -> bool:
    """The heading opens the signatures ("Underskrifter", "Godkendelse")."""
    return first_word(text) in SIGNING and len(text) <= 60


@dataclass(frozen=True, slots=True)
class Shape:
    """How a heading is set: two headings of one shape are headings of one rank."""

    level: int
    """The Word heading level (1 highest), or 0 for a bold or plain line."""
    word_numbered: bool
    word: str
    """The item word before a number written in the text ("udviklingsmål"), or ""."""
    text_numbered: bool

    def outranks(self, other: Shape) -> bool:
        """A heading of this shape ends a section under a heading of ``other``'s."""
        if self.level and other.level:
            return self.level <= other.level
        if self.level and not other.level:
            return True
        return self == other


def shape_of(para: Para) -> Shape:
    found = numbered(para.text.strip())
    return Shape(
        level=para.heading,
        word_numbered=para.list_kind == "number",
        word=found[2] if found else "",
        text_numbered=found is not None,
    )
