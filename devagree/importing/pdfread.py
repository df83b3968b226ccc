"""A PDF's pages as lines of words and ruled tables, with what each word looks like.

pdfplumber (pdfminer.six under it) gives every word with its font and position, and the
tables drawn with ruling lines. This module keeps what the importer needs: per page, the
lines of text outside tables (top to bottom) and each table's cells with their lines; a
table continued on the next page becomes one table again (a repeated header row dropped, a
row split over the page break joined); running headers, footers and page numbers are left
out. ``pdfblocks`` turns the lines into the paragraphs the Word reader gives.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devagree.i18n import _
from devagree.importing.pdftags import Tags, read_tags
from devagree.importing.safety import ImportFailure

MAX_PAGES = 300
"""Most pages read from one PDF (an agreement has a handful; a 300-page report is the
largest document a committee's agenda attaches)."""
MAX_CHARS_PER_PAGE = 100_000
"""A page of text holds about 3,000 characters; far more is not a page of an agreement."""

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.|p\.)\s*)?[-\u2013]?\s*\d{1,3}\s*[-\u2013]?"
    r"(?:\s*(?:af|of|/|ud af)\s*\d{1,3})?$",
    re.IGNORECASE,
)
"""A page number: "3", "- 3 -", "Side 3 af 9", "Page 3 of 9", "3/9" (a year is no page)."""


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    paragraph: int = 0
    """The paragraph a tagged PDF marks the word's first letter as part of (0: unmarked);
    two words of different paragraphs are never one paragraph's."""


@dataclass(slots=True)
class Line:
    words: list[Word]
    page: int
    number: int = 0
    """The line's number on its page, counted from the top (tables left out)."""

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Cell:
    lines: list[Line]
    left: float
    right: float


@dataclass(slots=True)
class Grid:
    """A ruled table: rows of cells (a cell merged over several columns is one cell)."""

    rows: list[list[Cell]]
    columns: tuple[float, ...]
    page: int
    top: float
    bottom: float
    pages: list[int] = field(default_factory=list)
    """The page each row starts on."""
    header: list[str] | None = None
    """The text of the first row of the table this one continues, if it continues one."""


Element = Line | Grid


@dataclass(slots=True)
class PdfPages:
    """Everything read: lines and tables in reading order, and the text column's edges."""

    elements: list[Element]
    left: float
    right: float
    body_size: float
    pages: int
    info: dict[str, str] = field(default_factory=dict)
    """The document information's text entries ("Title", devagree's "DevagreeDigest")."""


def _word(raw: dict[str, Any]) -> Word:
    font = str(raw.get("fontname", ""))
    return Word(
        text=str(raw["text"]),
        x0=float(raw["x0"]),
        x1=float(raw["x1"]),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=round(float(raw.get("size", 0.0)), 1),
        bold=bool(_BOLD.search(font)),
        italic=bool(_ITALIC.search(font)),
    )


def _lines(words: list[Word], page: int) -> list[Line]:
    """Words grouped into lines: a word belongs to a line its middle lies within."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        middle = (word.top + word.bottom) / 2
        if lines and lines[-1].top - 1 <= middle <= lines[-1].bottom + 1:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word], page))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _page(page: Any, number: int, tags: Tags) -> list[Element]:
    """The page's lines outside tables and its tables, top to bottom."""
    if len(page.chars) > MAX_CHARS_PER_PAGE:
        raise ImportFailure(
            _("page {page} holds {count} characters; that is not a page of an agreement").format(
                page=number, count=len(page.chars)
            )
        )
    tagged = bool(tags.paragraphs)
    raw = page.extract_words(extra_attrs=["fontname", "size"], return_chars=tagged)
    words = [_word(w) for w in raw]
    for word, found in zip(words, raw, strict=True):
        if not tagged or not found["chars"]:
            continue
        word.paragraph = tags.paragraphs.get((number, found["chars"][0].get("mcid")), 0)
        last = (number, found["chars"][-1].get("mcid"))
        if word.text.endswith("-") and last in tags.soft:
            word.text = word.text[:-1] + "\u00ad"  # as the PDF's ActualText says it is
    words = [w for w in words if w.text.strip()]
    tables = [t for t in page.find_tables() if t.rows]
    grids: list[Grid] = []
    taken: set[int] = set()
    for table in tables:
        rows: list[list[Cell]] = []
        edges: set[float] = set()
        for row in table.rows:
            cells: list[Cell] = []
            for box in row.cells:
                if box is None:
                    continue  # covered by a merged cell
                edges.update((round(box[0]), round(box[2])))
                inner = [i for i, w in enumerate(words) if i not in taken and _inside(w, box)]
                taken.update(inner)
                cells.append(Cell(_lines([words[i] for i in inner], number), box[0], box[2]))
            rows.append(cells)
        top, bottom = float(table.bbox[1]), float(table.bbox[3])
        grids.append(Grid(rows, tuple(sorted(edges)), number, top, bottom, [number] * len(rows)))
    body = _lines([w for i, w in enumerate(words) if i not in taken], number)
    for index, line in enumerate(body, start=1):
        line.number = index
    elements: list[Element] = [*body, *grids]
    elements.sort(key=lambda e: e.top)
    return elements


def _running(pages: list[list[Element]]) -> set[tuple[int, int]]:
    """(page, line number) of running headers, footers and page numbers.

    A running line stands at the same height with the same words (its digits aside: a page
    number) on at least half of the pages, two at the least, and no page has other text at
    that height at its top or bottom: there the body of each page begins and ends, and its
    words differ from page to page ("Ansvarlig" at the top of two pages of five is a label,
    not a header). Only the first page's outermost line may differ, as Word can give the
    first page a header of its own. A line that reads as a page number ("Side 3 af 9") at
    a page's top or bottom is dropped as well.
    """

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))

    edges: list[tuple[Line, str, bool]] = []
    """Each page's two first and two last lines: the line, its words, and whether it is
    the outermost line of the first page."""
    for elements in pages:
        lines = [e for e in elements if isinstance(e, Line)]
        chosen = [*lines[:2], *(line for line in lines[-2:] if line not in lines[:2])]
        for line in chosen:
            first_outer = line.page == 1 and line in (lines[0], lines[-1])
            edges.append((line, key(line), first_outer))
    at_height: dict[int, list[tuple[Line, str, bool]]] = {}
    for edge in edges:
        at_height.setdefault(round(edge[0].top / 4), []).append(edge)
    needed = max(2, (len(pages) + 1) // 2)
    dropped: set[tuple[int, int]] = set()
    for line, text, _outer in edges:
        near = [
            other
            for bucket in (round(line.top / 4) + step for step in (-1, 0, 1))
            for other in at_height.get(bucket, [])
            if abs(other[0].top - line.top) <= 3
        ]
        same = {other[0].page for other in near if other[1] == text}
        differ = any(other[1] != text and not other[2] for other in near)
        if (len(same) >= needed and not differ) or _PAGE_NUMBER.match(" ".join(line.text.split())):
            dropped.add((line.page, line.number))
    return dropped


def _same_columns(first: Grid, second: Grid) -> bool:
    return len(first.columns) == len(second.columns) and all(
        abs(a - b) <= 3 for a, b in zip(first.columns, second.columns, strict=True)
    )


def _row_text(row: list[Cell]) -> list[str]:
    return [" ".join(line.text for line in cell.lines) for cell in row]


def _stitch(previous: Grid, following: Grid) -> None:
    """``following`` starts the next page right under ``previous``, with its columns: a
    header row repeated there is dropped, and a row split over the page break is joined
    again. Whether the table goes on or a new one starts is left to the walk, as for Word
    (where a table split by a page break is two tables)."""
    following.header = previous.header or (_row_text(previous.rows[0]) if previous.rows else None)
    if following.rows and _row_text(following.rows[0]) == following.header:
        del following.rows[0], following.pages[0]  # the header row repeated
    if following.rows and previous.rows:
        first, last = following.rows[0], previous.rows[-1]
        if len(first) == len(last) and not first[0].lines and last[0].lines:
            for before, after in zip(last, first, strict=True):
                before.lines.extend(after.lines)  # a row split over the page break
            del following.rows[0], following.pages[0]


def read_pages(path: Path) -> PdfPages:
    """The PDF's lines and tables. Raises ImportFailure for a PDF that cannot be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    name = str(path)
    try:
        with pdfplumber.open(path) as pdf:
            if getattr(pdf.doc, "encryption", None) is not None:
                raise ImportFailure(
                    _(
                        "{file}: the PDF is encrypted; save a copy without protection "
                        "(or export the agreement again from Word) and import that"
                    ).format(file=name)
                )
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise ImportFailure(
                    _("{file}: the PDF has {count} pages; at most {limit} are read").format(
                        file=name, count=count, limit=MAX_PAGES
                    )
                )
            tags = read_tags(pdf)
            pages = [_page(page, number, tags) for number, page in enumerate(pdf.pages, start=1)]
            info = _info(pdf.metadata)
    except ImportFailure as err:
        if str(err).startswith(name):
            raise
        raise ImportFailure(f"{name}: {err}") from None
    except Exception as err:  # pdfminer raises many types for a damaged file
        cause = err.args[0] if err.args else None
        if isinstance(err, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
            raise ImportFailure(
                _(
                    "{file}: the PDF is protected by a password; save a copy without the "
                    "password and import that"
                ).format(file=name)
            ) from None
        raise ImportFailure(
            _("{file}: the PDF is damaged and cannot be read ({reason})").format(
                file=name, reason=type(err).__name__
            )
        ) from None
    read = _assemble(pages, name)
    read.info = info
    return read


def _info(metadata: Any) -> dict[str, str]:
    """The text entries of the document information, each at most a few thousand characters
    (devagree's own entries are an id and digests)."""
    if not isinstance(metadata, dict):
        return {}
    return {
        str(key): value[:20_000]
        for key, value in metadata.items()
        if isinstance(value, str) and isinstance(key, str)
    }


def _assemble(pages: list[list[Element]], name: str) -> PdfPages:
    words = [w for elements in pages for e in elements for w in _words_of(e)]
    if not words:
        raise ImportFailure(
            _(
                "{file}: the PDF has no text layer (it is probably a scan); devagree reads "
                "the text of a PDF and does not recognise text in images: import the Word "
                "document, or a PDF saved from it"
            ).format(file=name)
        )
    unreadable = sum(1 for w in words if "(cid:" in w.text)
    if unreadable * 3 > len(words):
        raise ImportFailure(
            _(
                "{file}: the PDF's fonts give no readable text (their characters are not "
                "mapped to letters); import the Word document instead"
            ).format(file=name)
        )
    dropped = _running(pages)
    elements: list[Element] = []
    for page in pages:
        kept = [e for e in page if not (isinstance(e, Line) and (e.page, e.number) in dropped)]
        if (
            kept
            and elements
            and isinstance(kept[0], Grid)
            and isinstance(elements[-1], Grid)
            and kept[0].page > elements[-1].page
            and _same_columns(elements[-1], kept[0])
        ):
            _stitch(elements[-1], kept[0])
            if not kept[0].rows:
                kept = kept[1:]
        elements += kept
    body_lines = [e for e in elements if isinstance(e, Line)]
    counted = [w for line in body_lines for w in line.words] or words
    sizes = Counter(w.size for w in counted for _c in w.text)  # the size of most letters
    left = min((line.x0 for line in body_lines), default=0.0)
    right = max((line.x1 for line in body_lines), default=0.0)
    return PdfPages(elements, left, right, sizes.most_common(1)[0][0], len(pages))


def _words_of(element: Element) -> list[Word]:
    if isinstance(element, Line):
        return element.words
    return [w for row in element.rows for cell in row for line in cell.lines for w in line.words]
