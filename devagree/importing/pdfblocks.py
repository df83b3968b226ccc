"""A PDF's lines as the blocks the Word reader gives, so one walk reads both.

A PDF has no paragraphs, only lines. A line starts a new paragraph when the space above it
is wider than between the lines of a paragraph, when the line before ended early (the first
word of this one would have fitted on it), when it starts further in or out than the
paragraph's lines, when it starts with a list sign, when its size or boldness differs, or
when a tagged PDF marks the two lines as parts of different paragraphs (``pdftags``). A
word broken at the end of a line by a soft hyphen is joined again; any other hyphen at a
line's end is the word's own and kept ("værtsfamilie-projekt", "Social- og"), unless the
document writes the word whole elsewhere and never with the hyphen. Headings are known by
their type (see ``_heading_types``), labels by bold, as in Word; list signs become lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from devagree.i18n import _
from devagree.importing.pdfread import Cell, Grid, Line, PdfPages, Word
from devagree.importing.richtext_out import typed_list
from devagree.importing.wordread import Block, Para, Piece, Row, Table

_HYPHENS = ("-", "\u00ad")
_KEEP_AFTER = frozenset({"og", "eller", "samt", "såvel", "som", "men", "end", "and", "or", "to"})
"""Words after a line-end hyphen that show it is a word's own ("Social- og sundhed")."""
_TRIM = " .,;:!?()\"'\u201c\u201d\u00bb\u00ab"


_GLYPHS = frozenset("•·▪■◦●○\uf0b7\uf0a7\uf076\uf0d8")
"""List signs that are nothing else; a "-", "+" or "1." at the start of a line may also be
where a sentence wrapped."""


@dataclass(slots=True)
class _Group:
    """The lines of one paragraph being gathered."""

    lines: list[Line]
    marker: tuple[str, int] | None
    start: float
    continuation: float | None = None
    """Where the paragraph's lines after the first begin (known from its second line, or
    from the text after a list sign)."""

    def __post_init__(self) -> None:
        if self.marker is not None and len(self.lines[0].words) > 1:
            self.continuation = self.lines[0].words[1].x0


class _Builder:
    def __init__(self, pages: PdfPages) -> None:
        self.pages = pages
        self.heading_types = _heading_types(pages)
        self.lexicon = {w.text.casefold().strip(_TRIM) for w in _all_words(pages)}
        lines = [e for e in pages.elements if isinstance(e, Line)]
        cells = [c.lines for e in pages.elements if isinstance(e, Grid) for r in e.rows for c in r]
        self.body_gap = _least_gap([lines])
        self.cell_gap = _least_gap(cells)
        self.tables = 0

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        run: list[Line] = []
        for element in self.pages.elements:
            if isinstance(element, Line):
                run.append(element)
                continue
            out += self.paragraphs(run, (self.pages.left, self.pages.right), self.body_gap, None)
            run = []
            out.append(self.table(element))
        out += self.paragraphs(run, (self.pages.left, self.pages.right), self.body_gap, None)
        return out

    def table(self, grid: Grid) -> Table:
        self.tables += 1
        rows: list[Row] = []
        edges: dict[tuple[int, int], tuple[float, float]] = {}
        """Per column: where its text begins and how far it may reach, which is the cell's
        right edge less the space its text keeps from the left edge, or the longest line."""
        for cells in grid.rows:
            for cell in cells:
                start = min((line.x0 for line in cell.lines), default=cell.right)
                reach = max((line.x1 for line in cell.lines), default=cell.left)
                known = edges.get(_column(cell), (cell.right, cell.left))
                edges[_column(cell)] = (min(known[0], start), max(known[1], reach))
        for cells in grid.rows:
            for cell in cells:
                start, reach = edges[_column(cell)]
                if start < cell.right:
                    edges[_column(cell)] = (start, max(reach, cell.right - (start - cell.left)))
        for index, (cells, page) in enumerate(zip(grid.rows, grid.pages, strict=True), start=1):
            where = _("table {table} row {row} (page {page})").format(
                table=self.tables, row=index, page=page
            )
            paragraphs = [
                self.paragraphs(cell.lines, edges[_column(cell)], self.cell_gap, where)
                for cell in cells
            ]
            rows.append(Row(paragraphs, False, where))
        return Table(rows, self.tables, _("table {table}").format(table=self.tables))

    def paragraphs(
        self, lines: list[Line], column: tuple[float, float], gap: float, where: str | None
    ) -> list[Para]:
        """The lines as paragraphs; ``column`` is where the text's lines begin and end."""
        groups: list[_Group] = []
        for line in lines:
            marker = _marker(line)
            if groups:
                group = groups[-1]
                ends = self._breaks(group, line, column, gap, marker is not None)
                if marker is not None and not ends and line.words[0].text not in _GLYPHS:
                    marker = None  # "- og ..." wrapped to the start of a line, not a list
                if marker is None and not ends:
                    if group.continuation is None:
                        group.continuation = line.x0
                    group.lines.append(line)
                    continue
            groups.append(_Group([line], marker, line.x0))
        paras = [self.para(group.lines, group.marker, where) for group in groups]
        _list_levels(paras, [group.start for group in groups])
        return paras

    def _breaks(
        self,
        group: _Group,
        line: Line,
        column: tuple[float, float],
        gap: float,
        marked: bool = False,
    ) -> bool:
        """Whether ``line`` begins a new paragraph after ``group``'s lines (``marked``: the
        line begins with a list sign)."""
        left, right = column
        previous = group.lines[-1]
        size = max(previous.size, line.size)
        if abs(previous.size - line.size) > 0.6 or _all_bold(previous) != _all_bold(line):
            return True
        ending, beginning = previous.words[-1].paragraph, line.words[0].paragraph
        if ending and beginning and ending != beginning:
            return True  # a tagged PDF marks the two as paragraphs of their own
        # Within one tagged paragraph a line ends early only at a line break typed in it
        # (Shift+Enter), which leaves much more room than a word that just missed the line.
        room = 0.25 * size if not (ending and beginning) else 1.5 * size
        if line.page == previous.page and line.top - previous.bottom > gap + max(2.0, 0.3 * size):
            return True
        if marked and previous.text.endswith(":"):
            return True  # "Strategien kan fx indeholde:" and its list
        first = line.words[0]
        if _centred(group, line):
            # a centred paragraph: its lines share a middle; the line before ended early
            # when this one's first word would have fitted on it
            width = previous.x1 - previous.x0 + 0.25 * size + (first.x1 - first.x0)
            return width < right - left - 1
        if previous.x1 + room + (first.x1 - first.x0) < right - 1:
            return True  # the line before ended early: this one begins a paragraph
        if group.marker is not None and marked:
            return line.x0 > group.start - 3  # the next entry of the list, or one deeper
        if group.marker is not None:
            # a list entry goes on under its text, or under its sign when typed ("- ...")
            aligned = (group.continuation or group.lines[0].words[1].x0, group.start)
            return all(abs(line.x0 - x) > 3 for x in aligned)
        if group.continuation is None:
            return line.x0 > group.start + 3
        return abs(line.x0 - group.continuation) > 3

    def para(self, lines: list[Line], marker: tuple[str, int] | None, where: str | None) -> Para:
        pieces: list[Piece] = []
        words: list[tuple[Word, bool]] = []
        for index, line in enumerate(lines):
            chosen = line.words[1:] if index == 0 and marker is not None else line.words
            words += [(word, position == 0 and index > 0) for position, word in enumerate(chosen)]
        previous: Word | None = None
        for word, starts_line in words:
            text = word.text
            if previous is not None and starts_line:
                joint = self._joint(previous.text, text)
                if joint is None:
                    last = pieces[-1]
                    pieces[-1] = Piece(last.text[:-1], last.bold, last.italic)
                else:
                    text = joint + text
            elif previous is not None and word.x0 - previous.x1 > 0.1 * word.size:
                text = " " + text  # (words of two fonts may touch: "*Sund*,")
            _add(pieces, Piece(text, word.bold, word.italic))
            previous = word
        first = lines[0]
        size = max(line.size for line in lines)
        heading = 0
        style = (round(size * 2) / 2, all(_all_bold(line) for line in lines))
        if style in self.heading_types and min(w.size for line in lines for w in line.words) >= (
            self.pages.body_size * 1.15
        ):
            heading = self.heading_types.index(style) + 1
        kind, number = marker if marker is not None else ("", 0)
        shown = where or _("page {page} line {line}").format(page=first.page, line=first.number)
        return Para(
            pieces=pieces,
            style="",
            heading=heading,
            list_kind=kind,
            list_level=0,
            list_number=number,
            style_bold=False,
            where=shown,
        )

    def _joint(self, before: str, after: str) -> str | None:
        """What joins two lines of a paragraph: a space; nothing after a hyphen of the
        word's own ("værtsfamilie-" / "projekt"); or None when the hyphen only broke the
        word at the line's end, and is dropped.

        Word and LibreOffice hyphenate only where a document asks them to, so a hyphen at
        a line's end is the word's own unless there is evidence of a break: a soft hyphen
        in the PDF's text (or the ActualText of a tagged PDF, see ``pdftags``), or the word
        written whole elsewhere in the document while the hyphenated form is not.
        """
        if before.endswith("\u00ad"):
            return None
        if not before.endswith("-") or len(before) < 2 or not before[-2].isalnum():
            return " "
        tail = after.strip(_TRIM).casefold()
        if tail in _KEEP_AFTER:
            return " "  # "Social- og sundhed"
        head = before[:-1].casefold().strip(_TRIM)
        if head + tail in self.lexicon and f"{head}-{tail}" not in self.lexicon:
            return None
        return ""


def _heading_types(pages: PdfPages) -> list[tuple[float, bool]]:
    """The (size, bold) of the PDF's headings, the highest rank first.

    A PDF does not say which lines are set in a heading style. A type larger than the
    body's is a heading's when a line of it stands just above text or a table on its page
    (Word keeps a heading with what follows it), or above a heading of a smaller such type.
    The large lines of a cover page, followed by no text, are no headings: Word reads them
    as plain paragraphs, and so does the import of the PDF.
    """
    body = pages.body_size
    kinds: list[tuple[float, bool] | str] = []
    for element in pages.elements:
        if isinstance(element, Grid):
            kinds.append("table")
        elif element.size <= body + 0.6:
            kinds.append("text")
        elif element.size >= body * 1.15:
            kinds.append((round(element.size * 2) / 2, _all_bold(element)))
        else:
            kinds.append("")
    followers: dict[tuple[float, bool], set[tuple[float, bool] | str]] = {}
    elements = pages.elements
    for index, kind in enumerate(kinds):
        if not isinstance(kind, tuple):
            continue
        following = index + 1
        while following < len(kinds) and kinds[following] == kind:
            following += 1  # the heading's own next lines
        same_page = following < len(kinds) and elements[following].page == elements[index].page
        followers.setdefault(kind, set()).add(kinds[following] if same_page else "")
    found = {kind for kind, after in followers.items() if after & {"text", "table"}}
    grown = True
    while grown:
        grown = False
        for kind, after in followers.items():
            if kind not in found and any(
                isinstance(other, tuple) and other in found and other[0] < kind[0]
                for other in after
            ):
                found.add(kind)
                grown = True
    return sorted(found, key=lambda kind: (-kind[0], not kind[1]))


def _column(cell: Cell) -> tuple[int, int]:
    return round(cell.left / 3), round(cell.right / 3)


def _marker(line: Line) -> tuple[str, int] | None:
    """("bullet"|"number", number) when the line starts with a list sign as a word."""
    if len(line.words) < 2:
        return None
    found = typed_list(line.text)
    if found is None or len(line.words[0].text) + 1 != found[1]:
        return None
    digits = re.match(r"\(?(\d+)", line.words[0].text)
    return found[0], int(digits.group(1)) if digits else 0


def _list_levels(paras: list[Para], starts: list[float]) -> None:
    """Levels of the list entries in a run: the further in the sign, the deeper."""
    run: list[int] = []
    for index in range(len(paras) + 1):
        if index < len(paras) and paras[index].list_kind:
            run.append(index)
            continue
        if run:
            positions = sorted({round(starts[i] / 6) for i in run})
            for i in run:
                paras[i].list_level = positions.index(round(starts[i] / 6))
            run = []


def _centred(group: _Group, line: Line) -> bool:
    """The group's lines and ``line`` are centred: they share a middle, but not a start."""
    previous = group.lines[-1]
    middle = (previous.x0 + previous.x1) / 2
    return (
        group.marker is None
        and abs(line.x0 - previous.x0) > 3
        and abs((line.x0 + line.x1) / 2 - middle) <= 2
        and all(abs((other.x0 + other.x1) / 2 - middle) <= 2 for other in group.lines)
    )


def _all_bold(line: Line) -> bool:
    return all(w.bold for w in line.words)


def _least_gap(groups: list[list[Line]]) -> float:
    """The smallest space between two lines of text on one page: between the lines of one
    paragraph."""
    gaps = [
        after.top - before.bottom
        for lines in groups
        for before, after in pairwise(lines)
        if after.page == before.page and after.top > before.bottom
    ]
    return min(gaps, default=4.0)


def _all_words(pages: PdfPages) -> list[Word]:
    out: list[Word] = []
    for element in pages.elements:
        if isinstance(element, Line):
            out += element.words
        else:
            out += [w for r in element.rows for c in r for line in c.lines for w in line.words]
    return out


def _add(pieces: list[Piece], piece: Piece) -> None:
    last = pieces[-1] if pieces else None
    if last is not None and (last.bold, last.italic) == (piece.bold, piece.italic):
        pieces[-1] = Piece(last.text + piece.text, piece.bold, piece.italic)
    elif last is not None and piece.text.startswith(" ") and not (piece.bold or piece.italic):
        pieces.append(piece)
    elif last is not None and piece.text.startswith(" "):
        pieces[-1] = Piece(last.text + " ", last.bold, last.italic)
        pieces.append(Piece(piece.text[1:], piece.bold, piece.italic))
    else:
        pieces.append(piece)


def pdf_blocks(pages: PdfPages) -> list[Block]:
    """The PDF's paragraphs and tables, as the Word reader gives a document's."""
    return _Builder(pages).blocks()
