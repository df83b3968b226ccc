"""What the importer collects while it reads a document, and the text of its cells and rows.

The reading goes in stages (the front in ``importing.front_assembly``, the items' rows and
tables in ``importing.item_rows``, the walk in ``importing.assemble``); each stage adds to
one ``Collector``: the items found, the text placed nowhere (with where it stood), notes.
Here too is the rule of a label an item names twice: its text joins the field's, unless it
starts the next item (``starts_next``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from devagree.importing.headings import Shape
from devagree.importing.labels import TITLE, Labels
from devagree.importing.richtext_out import Line, lines_of, to_markdown
from devagree.importing.wordread import Block, Para, Row, Table


@dataclass(frozen=True, slots=True)
class Source:
    """Where one field of an item was read: its places in the document, first first."""

    item: int
    key: str
    """"title" or a row's key."""
    places: tuple[str, ...]


@dataclass(slots=True)
class Reading:
    """What the importer made of a document."""

    data: dict[str, Any]
    unplaced: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Part:
    """Where one label of a field began its text: the field's line it starts at, the label
    as the document wrote it, its place, and its block's index."""

    start: int
    label: str
    where: str
    at: int


def repeats(key: str, item: Item) -> bool:
    """The label names a field the item has already, once it holds two fields."""
    return key != TITLE and key in item.fields and item.filled >= 2


def starts_next(key: str, item: Item, after: str | None) -> bool:
    """A repeated label starts the next item, rather than adding to its field, where it is
    the item's first label again, or where the label after it repeats one too (the next
    item, without the first label). ``after`` is the next label's field, or None."""
    if not repeats(key, item):
        return False
    if key == item.order[0]:
        return True
    return after is not None and after != key and repeats(after, item)


@dataclass(slots=True)
class Item:
    title: str | None = None
    heading: str = ""
    """The heading's text as the document wrote it ("Aftale 2: ...")."""
    fields: dict[str, list[Line]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    has_table: bool = False
    shape: Shape | None = None
    """How the item's heading is set, when it has one (a later heading of the same rank
    ends the item)."""
    sources: dict[str, list[str]] = field(default_factory=dict)
    """Field → where in the document its text stood ("table 1 row 3", "page 2 line 14")."""
    title_where: str = ""
    heading_para: Para | None = None
    """The heading the item stands under, when it has one."""
    heading_at: int = 0
    """Its block's index, so that it keeps its place if it goes to ``unplaced``."""
    parts: dict[str, list[Part]] = field(default_factory=dict)
    """Field → each label that opened text of it, when a label names it twice."""

    def open(self, key: str, label: str, lines: list[Line], where: str, at: int) -> None:
        """Text under a label row or paragraph; a label the item has already joins its text
        to the field's, and where each part began is kept (``parts``)."""
        self.parts.setdefault(key, []).append(Part(len(self.fields.get(key, [])), label, where, at))
        self.add(key, lines, where)

    def pieces(self, key: str) -> list[tuple[Part, list[Line]]]:
        """The field's text in the parts its labels opened, first first."""
        lines = self.fields.get(key, [])
        parts = self.parts.get(key, [])
        if not parts or parts[0].start > 0:  # text added before any label opened it
            parts = [Part(0, "", "", 0), *parts]
        ends = [part.start for part in parts[1:]] + [len(lines)]
        return [(part, lines[part.start : end]) for part, end in zip(parts, ends, strict=True)]

    def add(self, key: str, lines: list[Line], where: str = "") -> None:
        if key not in self.fields:
            self.fields[key] = []
            self.order.append(key)
        if lines and self.fields[key]:
            lines = [Line(lines[0].kind, lines[0].level, lines[0].text, False), *lines[1:]]
        self.fields[key].extend(lines)
        places = self.sources.setdefault(key, [])
        if where and lines and where not in places:
            places.append(where)

    @property
    def filled(self) -> int:
        return len(self.fields)


class Collector:
    """The document's blocks and what has been made of them so far."""

    def __init__(
        self,
        blocks: list[Block],
        labels: Labels,
        municipality: str,
        language: str,
        properties: dict[str, str],
    ) -> None:
        self.blocks = blocks
        self.labels = labels
        self.municipality = municipality
        self.language = language
        self.properties = properties
        self.unplaced: list[dict[str, str]] = []
        self.notes: list[str] = []
        self.items: list[Item] = []
        self.signature_parties: list[dict[str, str]] = []
        self.position = 0
        """The block being read, so unplaced text can be listed in document order."""

    def _unplace_para(self, para: Para, at: int | None = None) -> None:
        text = to_markdown(lines_of(para))
        if text:
            self._unplace(text, para.where, at)

    def _unplace_table(self, table: Table) -> None:
        for row in table.rows:
            text = row_text(row)
            if text:
                self._unplace(text, row.where)

    def _unplace(self, text: str, where: str, at: int | None = None) -> None:
        place = self.position if at is None else at
        self.unplaced.append({"text": text, "where": where, "_at": str(place)})


def cell_text(paragraphs: list[Para]) -> str:
    return " ".join(p.text for p in paragraphs).strip()


def row_text(row: Row) -> str:
    cells = [to_markdown([line for p in cell for line in lines_of(p)]) for cell in row.cells]
    return " | ".join(c for c in cells if c)
