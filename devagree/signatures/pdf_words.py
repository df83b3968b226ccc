"""The words on a PDF's pages, in the order a person reads them.

A signed PDF proves the text its pages show, so the pages are read as a reader sees them:
pdfplumber (on pdfminer.six) gives each word with its place on the page, and the tables
with their cells from the ruling lines LibreOffice draws. The words are then put in reading
order: top to bottom, a table row by row and each row cell by cell from the left, the words
of a cell line by line. The order in which the PDF's content stream draws them (LibreOffice
draws the shaded label column of a table before the text beside it) plays no part.

Only the page content counts: what annotations (comments, stamps, form fields) lay over
the pages is checked elsewhere (``signed_pdf``). No LibreOffice is needed, and nothing here
knows what an agreement is.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

LINE_TOLERANCE = 3.0
"""Points between the tops of two words on one line (LibreOffice's baselines agree)."""


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    line_end: bool
    """The last word of its line: a hyphen there may be a line break, not a hyphen."""


@dataclass(frozen=True, slots=True)
class Block:
    """A line of text outside tables, or a whole table, as its words in reading order."""

    words: tuple[Word, ...]
    head: int
    """For a table: how many of its words are its first row (a head repeated on a new page
    is one); 0 for a line."""


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[Block, ...]
    """Top to bottom."""


class PdfTextUnreadable(Exception):
    """pdfminer could not read the pages' text."""


def read_pages(data: bytes) -> list[Page]:
    """The words of every page of the PDF in ``data`` (one revision's bytes), in order."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page(page) for page in pdf.pages]
    except Exception as err:  # pdfminer raises many types for damaged bytes
        raise PdfTextUnreadable(type(err).__name__) from None


def _page(page: Any) -> Page:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    tables = [table for table in page.find_tables() if table.rows]
    cells: list[tuple[Any, int, int, tuple[float, float, float, float]]] = []
    for number, table in enumerate(tables):
        for row_index, row in enumerate(table.rows):
            for cell in row.cells:
                if cell is not None:
                    cells.append((table, number, row_index, cell))
    free: list[dict[str, Any]] = []
    in_cells: dict[tuple[int, int, float], list[dict[str, Any]]] = {}
    for word in words:
        x = (word["x0"] + word["x1"]) / 2
        y = (word["top"] + word["bottom"]) / 2
        home = next(
            (
                (number, row_index, cell[0])
                for _table, number, row_index, cell in cells
                if cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]
            ),
            None,
        )
        if home is None:
            free.append(word)
        else:
            in_cells.setdefault(home, []).append(word)
    blocks: list[tuple[float, Block]] = []
    for line in _lines(free):
        blocks.append((line[0]["top"], Block(tuple(_words(line)), 0)))
    for number, table in enumerate(tables):
        ordered: list[Word] = []
        head = 0
        for row_index in range(len(table.rows)):
            keys = sorted(key for key in in_cells if key[0] == number and key[1] == row_index)
            for key in keys:
                for line in _lines(in_cells[key]):
                    ordered.extend(_words(line))
            if row_index == 0:
                head = len(ordered)
        if ordered:
            blocks.append((table.bbox[1], Block(tuple(ordered), head)))
    blocks.sort(key=lambda block: block[0])
    return Page(tuple(block for _top, block in blocks))


def _lines(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines (tops within ``LINE_TOLERANCE``), each left to right."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _words(line: Iterable[dict[str, Any]]) -> list[Word]:
    texts = [part for word in line for part in str(word["text"]).split()]
    return [Word(text, index == len(texts) - 1) for index, text in enumerate(texts)]
