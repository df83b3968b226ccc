"""Does a PDF show the agreement's text? Its pages' words against the words devagree renders.

``ShownText`` is what devagree renders from the agreement now, as words (the renderer makes
it: ``render.docx_words``), each with the part of the agreement it shows; ``compare`` holds
the words of a PDF's pages (``signatures.pdf_words``) against it, in order. Layout plays no
part: where a line breaks, a page ends or a column sits. What legitimately differs between
the Word document and the PDF that LibreOffice makes from it is handled here, each case by
name:

- the page header and footer of every page (the draft mark "UDKAST" may be there or not:
  it depends on whether a signature was recorded when the PDF was made; "Side 2 af 7" is
  read with the page's number and the count of pages);
- a table's head row ("Aftale # | Indhold") repeated at the top of a page it runs onto;
- list labels: a bullet or a number ("1.", "a)") before a list paragraph's first word;
- a word broken at the end of a line, with its own hyphen ("recovery-orienteret") or with
  one added by hyphenation ("udvik-lingen");
- ligatures and other compatibility characters ("ﬁ" is "fi": Unicode NFKC on both sides);
- the signature block: it shows the signatures recorded when the PDF was rendered, so it
  may be the block of any of the agreement's signatures so far, in their order.

Everything else must be the same words in the same order, including the deadline's date as
devagree reads it ("Juni 2016 (30. juni 2016)") and the fingerprint printed on the
signature page, which must be the agreement's. A difference is named by the parts of the
agreement whose words differ (``item-2.goal``: "punkt 2, Mål").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from devagree.signatures.pdf_words import Block, Page, Word

PAGE_NUMBER = "\x00PAGE"
"""In a header or footer: the number of the page it is on."""
PAGE_COUNT = "\x00NUMPAGES"
"""In a header or footer: the number of pages."""

FINGERPRINT = "fingerprint"
SIGNATURES = "signatures"
"""The parts of the signature page that are not rows of the agreement."""

_BULLETS = "\u2022\u25e6\u25aa\u25ab\u25cf\u2023\u2043\u2219\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e"
"""Bullet glyphs as Word fonts (Symbol, Wingdings) and LibreOffice write them."""
_LABEL = re.compile(r"\(?(?:[0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]|[^\w\s]|o")
"""A list label as a list shows it before its paragraph: "1.", "a)", "iv.", a dash, "o"."""


@dataclass(frozen=True, slots=True)
class ShownWord:
    text: str
    part: str
    """The part of the agreement the word shows (``item-2.goal``), as ``row_digests`` keys."""
    list_start: bool = False
    """The first word of a list paragraph: a bullet or number may stand before it."""


@dataclass(frozen=True, slots=True)
class ShownText:
    """The words devagree renders from an agreement, from the first page to the fingerprint."""

    words: tuple[ShownWord, ...]
    """Every word up to the fingerprint printed on the signature page, in reading order."""
    fingerprint: str
    """The fingerprint of the agreed text now, as printed ("0a64 3574 6cb0 11ef")."""
    endings: tuple[tuple[str, ...], ...]
    """The signature block after the fingerprint, once for each number of signatures the
    agreement has had recorded so far (none, the first, the first two, ...)."""
    headers: tuple[tuple[str, ...], ...]
    """What a page header may show (``PAGE_NUMBER`` and ``PAGE_COUNT`` as placeholders)."""
    footers: tuple[tuple[str, ...], ...]
    heads: tuple[tuple[str, ...], ...] = ()
    """Table head rows, which repeat at the top of each page a table runs onto."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """What differs between a PDF's pages and the agreement's rendered text."""

    parts: tuple[str, ...] = ()
    """The parts whose words differ, in the order of the document."""
    printed_fingerprint: str | None = None
    """The fingerprint the signature page shows (None: it shows none)."""
    expected_fingerprint: str = ""
    pages: tuple[int, ...] = field(default=())
    """Pages (from 1) whose header or footer is not one devagree renders."""

    @property
    def same(self) -> bool:
        return not self.parts and not self.pages and self.fingerprint_ok

    @property
    def fingerprint_ok(self) -> bool:
        return self.printed_fingerprint == self.expected_fingerprint


def normal(text: str) -> str:
    """A word as compared: NFKC (ligatures, compatibility forms), without soft hyphens and
    bullet glyphs."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return text.strip(_BULLETS)


def compare(shown: ShownText, pages: Sequence[Page]) -> Comparison:
    """Hold the pages' words against ``shown``; the differences, none when it is the same."""
    body: list[Word] = []
    bad_pages: list[int] = []
    count = len(pages)
    in_table = False
    for number, page in enumerate(pages, start=1):
        words, fitted, in_table = _page_body(shown, page, number, count, in_table)
        body.extend(words)
        if not fitted:
            bad_pages.append(number)
    texts = _joined(body, {normal(w.text) for w in shown.words} | _ending_words(shown))
    best: Comparison | None = None
    for ending in shown.endings or ((),):
        expected = [
            word
            for word in (*shown.words, *(ShownWord(word, SIGNATURES) for word in ending))
            if normal(word.text)  # a bullet typed as a word is a bullet on the page too
        ]
        parts, printed = _differences(expected, texts, len(shown.fingerprint.split()))
        found = Comparison(tuple(parts), printed, shown.fingerprint, tuple(bad_pages))
        if best is None or len(found.parts) < len(best.parts):
            best = found
        if not found.parts:
            break
    assert best is not None
    return best


def _ending_words(shown: ShownText) -> set[str]:
    return {normal(word) for ending in shown.endings for word in ending}


def _page_body(
    shown: ShownText, page: Page, number: int, count: int, after_table: bool
) -> tuple[list[Word], bool, bool]:
    """The page's words without its header, footer and a table head repeated from the page
    before (``after_table``: that page's text ended in a table); whether the header and
    footer are ones devagree renders; and whether this page's text ends in a table."""
    words = [word for block in page.blocks for word in block.words]
    texts = [normal(word.text) for word in words]

    def filled(pattern: tuple[str, ...]) -> list[str]:
        values = {PAGE_NUMBER: str(number), PAGE_COUNT: str(count)}
        return [values.get(word, normal(word)) for word in pattern]

    top = _longest(texts, [filled(h) for h in shown.headers], at_start=True)
    bottom = _longest(texts[max(top, 0) :], [filled(f) for f in shown.footers], at_start=False)
    fitted = top >= 0 and bottom >= 0
    top, bottom = max(top, 0), max(bottom, 0)
    end = max(top, len(words) - bottom)
    first = _block_at(page, top)
    if after_table and first is not None and first.head:
        head = tuple(normal(word.text) for word in first.words[: first.head])
        if head in {tuple(normal(w) for w in h) for h in shown.heads}:
            top = min(top + first.head, end)
    last = _block_ending(page, end)
    kept = [word for word in words[top:end] if normal(word.text)]
    return kept, fitted, last is not None and last.head > 0


def _block_at(page: Page, start: int) -> Block | None:
    """The block whose first word is the page's ``start``-th word."""
    seen = 0
    for block in page.blocks:
        if seen == start:
            return block
        seen += len(block.words)
        if seen > start:
            return None
    return None


def _block_ending(page: Page, end: int) -> Block | None:
    """The block whose last word is the page's ``end - 1``-th word."""
    seen = 0
    for block in page.blocks:
        seen += len(block.words)
        if seen == end:
            return block
        if seen > end:
            return None
    return None


def _longest(texts: list[str], patterns: list[list[str]], at_start: bool) -> int:
    """The length of the longest pattern ``texts`` starts (or ends) with; -1 for none."""
    best = -1
    for pattern in patterns:
        size = len(pattern)
        piece = texts[:size] if at_start else texts[len(texts) - size :]
        if size <= len(texts) and piece == pattern:
            best = max(best, size)
    return best


def _joined(words: Sequence[Word], vocabulary: set[str]) -> list[str]:
    """The words, with words broken at a line end joined again.

    A word the rendered text does not have is joined with the next when the two make one
    it has (a long word broken where it had to be). A word that ends a line with a hyphen
    is joined with the next when that makes a word the text has: with the hyphen
    ("recovery-" + "orienteret") or without it, when hyphenation added it ("handicap-" +
    "chefen"). "handicap- og" stays two words: "handicap-og" is no word of the text.
    """
    texts = [normal(word.text) for word in words]
    joined: list[str] = []
    index = 0
    while index < len(texts):
        text = texts[index]
        following = texts[index + 1] if index + 1 < len(texts) else None
        if following is not None:
            whole = _whole(text, following, words[index].line_end, vocabulary)
            if whole is not None:
                joined.append(whole)
                index += 2
                continue
        joined.append(text)
        index += 1
    return joined


def _whole(text: str, following: str, line_end: bool, vocabulary: set[str]) -> str | None:
    if line_end and text.endswith("-"):
        for candidate in (text + following, text[:-1] + following):
            if candidate in vocabulary:
                return candidate
        return None
    if text not in vocabulary and text + following in vocabulary:
        return text + following
    return None


def _differences(
    expected: Sequence[ShownWord], texts: list[str], size: int
) -> tuple[list[str], str | None]:
    """The parts whose words differ, in order, and the fingerprint the pages print (the
    ``size`` words after the fingerprint's label, where the label is found in its place)."""
    from difflib import SequenceMatcher

    wanted = [normal(w.text) for w in expected]
    parts: list[str] = []
    placed: dict[int, int] = {}
    matcher = SequenceMatcher(a=wanted, b=texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            placed.update(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        if tag == "insert" and _a_list_label(expected, i1, texts[j1:j2]):
            continue
        if i2 > i1:
            parts.extend(w.part for w in expected[i1:i2])
        elif expected:
            parts.append(expected[min(i1, len(expected) - 1)].part)
    marks = [index for index, w in enumerate(expected) if w.part == FINGERPRINT]
    printed = None
    if len(marks) > size and marks[-size - 1] in placed:
        after = placed[marks[-size - 1]] + 1
        printed = " ".join(texts[after : after + size])
    return list(dict.fromkeys(p for p in parts if p != FINGERPRINT)), printed


def _a_list_label(shown: Sequence[ShownWord], before: int, inserted: list[str]) -> bool:
    """Whether the inserted words are a list's label before a list paragraph."""
    return (
        len(inserted) == 1
        and before < len(shown)
        and shown[before].list_start
        and _LABEL.fullmatch(inserted[0]) is not None
    )
