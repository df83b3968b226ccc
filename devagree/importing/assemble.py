"""From a Word document's paragraphs and tables to an agreement's data.

The document is read in two parts. The front (everything before the first item) gives the
title, centre, date, parties, period, purpose and vision. The items follow: each starts at
a heading (a Word heading, a bold paragraph, numbered in the text or by Word) or at a table
of labelled rows, and its rows come from label/content table rows or from paragraphs that
begin with a label ("Politisk mål: ...") and run until the next label. A table split over a
page break is one item; text between its two parts belongs to the row before the break.
Whatever fits nowhere is kept in ``unplaced`` with where it stood.
"""

from __future__ import annotations

import re
from typing import Any

from devagree.core.model import ROWS
from devagree.drafting.writer import front_placeholder, row_placeholder
from devagree.i18n import _
from devagree.importing.collected import Item, Reading, Source, cell_text, starts_next
from devagree.importing.front_assembly import FrontAssembly
from devagree.importing.headings import ITEM_WORDS, closes, shape_of, signing
from devagree.importing.item_deadline import item_deadline
from devagree.importing.item_rows import RowReading, heading_number
from devagree.importing.labels import TITLE, Labels
from devagree.importing.richtext_out import lines_of, plain_text, to_markdown
from devagree.importing.wordread import Block, Para, Table

_PARTY_LINE = re.compile(r"^(?P<name>.+?) \((?P<role>[^()]+)\)$")

_ROLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _role(word: str) -> str | None:
    """The role id of a word in a rendered signature block ("udvalg", "centre chief", "chief")."""
    from devagree.core.model import ROLE_LABELS

    said = word.strip().casefold()
    for language in ("da", "en"):
        for role, label in ROLE_LABELS[language].items():
            if label.casefold() == said:
                return role
    return said if _ROLE_ID.match(said) else None


_FURNITURE = re.compile(r"_{4,}|\.{6,}")


class _Assembler(FrontAssembly, RowReading):
    """The walk through the document: the front, then the items."""

    def first_item(self) -> int:
        """Index of the block where the items begin: their first heading or table."""
        anchor = None
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table) and (
                self.matrix_columns(block) is not None or self.is_item_table(block)
            ):
                anchor = index
                break
            if isinstance(block, Para) and block.text.strip():
                label = self.label_of(block)
                if label is not None and label[0] != TITLE and label[2]:
                    if self._run_ahead(index, label[0]):
                        anchor = index
                        break
                    continue  # one bold label word in the front's text: no row of an item
                if (
                    label is None
                    and self._heading_like(block)
                    and heading_number(block) is not None
                    and self._item_ahead(index, None)
                ):
                    return index  # "Udviklingsmål 1: ..." over rows labelled in plain type
        if anchor is None:
            return len(self.blocks)
        index, body = anchor - 1, 0
        while index >= 0:
            block = self.blocks[index]
            if isinstance(block, Para) and not block.text.strip():
                index -= 1
                continue
            if isinstance(block, Para) and self._heading_like(block):
                if body == 0 or heading_number(block) is not None:
                    return index
                break
            if isinstance(block, Para) and body < 3 and len(block.text) < 1000:
                body += 1  # an introduction between a numbered heading and its rows
                index -= 1
                continue
            break
        return anchor

    def run(self) -> tuple[dict[str, Any], int]:
        start = self.first_item()
        self.walk_items(start)
        return self.read_front(self.blocks[:start]), start

    def walk_items(self, start: int) -> None:
        """Items where a run of row labels starts afresh, each under the heading just
        before it; a heading with no run of labels after it opens a section that is not an
        item, and its text is kept as unplaced."""
        current: Item | None = None
        field_key: str | None = None
        mode = ""
        """"para": a labelled paragraph's text goes on; "table": after an item table;
        "section": under a heading that is not an item's; "": after an item's heading."""
        pending: list[Para] = []
        signatures = False
        matrix: tuple[tuple[int, dict[int, str]], list[str]] | None = None
        """The columns and their names of the table of one item per row read last."""

        def flush_pending(to_field: bool) -> None:
            nonlocal pending
            if to_field and current is not None and field_key is not None:
                for para in pending:
                    current.add(field_key, lines_of(para), para.where)
            else:
                for para in pending:
                    self._unplace_para(para)
            pending = []

        def new_item(heading: Para | None, title: str | None) -> Item:
            item = Item(title=title or None)
            if heading is not None:
                item.heading = heading.text.strip()
                item.shape = shape_of(heading)
                item.title_where = heading.where
                item.heading_para, item.heading_at = heading, self.position
            self.items.append(item)
            return item

        blocks = self.blocks
        for index in range(start, len(blocks)):
            block = blocks[index]
            self.position = index
            if signatures:
                self._signature_block(block)
                continue
            if isinstance(block, Para):
                text = block.text.strip()
                if not text:
                    continue
                heading_like = self._heading_like(block, in_field=mode in ("para", "table"))
                if heading_like and signing(text):
                    flush_pending(False)
                    signatures = True
                    continue
                label = self.label_of(block)
                if (
                    label is not None
                    and not label[2]
                    and (current is None or label[0] in current.fields)
                ):
                    label = None  # "Mål: ..." in running text, not a new row
                if (
                    label is not None
                    and mode == "section"
                    and not self._restarts(label, current, index)
                ):
                    label = None  # a label word in an appendix, not a row of the last item
                if label is not None:
                    key, cut, _strong = label
                    flush_pending(False)
                    if current is None or self._restarts(label, current, index):
                        current = new_item(None, None)
                    if key == TITLE:
                        rest = plain_text(lines_of(block, cut))
                        if rest:
                            current.title, current.title_where = rest, block.where
                        field_key = None
                    else:
                        field_key = key
                        written = block.text[:cut].strip()
                        current.open(key, written, lines_of(block, cut), block.where, index)
                    mode = "para"
                    continue
                if heading_like:
                    if self._item_ahead(index, current):
                        flush_pending(False)
                        heading = heading_number(block)
                        current = new_item(block, heading[1] if heading is not None else text)
                        field_key, mode = None, ""
                        continue
                    inside = current is not None and mode in ("para", "table")
                    if inside and current is not None and not self._ends_item(block, current):
                        if mode == "para" and field_key is not None:
                            current.add(field_key, lines_of(block), block.where)
                        else:
                            pending.append(block)
                        continue
                    flush_pending(False)
                    self._unplace_para(block)
                    field_key, mode = None, "section"
                    continue
                if current is not None and self._signatures_begin(index):
                    flush_pending(mode == "table")
                    signatures = True
                    self._signature_block(block)
                    continue
                if mode == "para" and current is not None and field_key is not None:
                    current.add(field_key, lines_of(block), block.where)
                elif mode == "table":
                    pending.append(block)
                else:
                    self._unplace_para(block)
                continue
            # a table
            columns = self.matrix_columns(block)
            if columns is not None:
                flush_pending(False)
                if current is not None and not current.filled and not current.has_table:
                    self.items.remove(current)  # a heading over the whole table, not an item
                    if current.heading or current.title:
                        text = current.heading or current.title or ""
                        self._unplace(text, current.title_where or block.where)
                matrix = (columns, self._matrix_rows(block, columns))
                current = self.items[-1] if self.items else None
                field_key, mode = None, "matrix"
                continue
            if mode == "matrix" and matrix is not None and self._goes_on(block, matrix[1]):
                self._matrix_rows(block, matrix[0], matrix[1])  # the rest, after a page break
                current = self.items[-1] if self.items else None
                continue
            continuing = current is not None and (
                (current.has_table and mode == "table")
                or (mode == "" and not current.filled and not current.has_table)
            )  # (a table just under an item's heading may hold one row before a page break)
            if not self.is_item_table(block, continuing=continuing) or (
                mode == "section" and current is not None and self._continues(block, current)
            ):
                flush_pending(False)
                self._unplace_table(block)
                continue
            if continuing and current is not None and self._continues(block, current):
                flush_pending(True)
            else:
                flush_pending(False)
                if current is None or current.has_table or current.filled:
                    current = new_item(None, None)
                field_key = None
            assert current is not None
            current.has_table = True
            current, field_key = self._table_rows(block, current, field_key)
            mode = "table"
        flush_pending(False)

    def _goes_on(self, table: Table, names: list[str]) -> bool:
        """A table of as many columns as a table of one item per row just before it, with no
        header row of its own: the rest of that table, after a page break."""
        first = next((row for row in table.rows if any(cell_text(c) for c in row.cells)), None)
        if first is None or len(first.cells) != len(names):
            return False
        return not any(self.labels.field(cell_text(c)) for c in first.cells)

    def _restarts(self, label: tuple[str, int, bool], current: Item | None, index: int) -> bool:
        """The label paragraph at ``index`` starts the run of labels afresh: the item before
        has it, and it is the item's first label or the next label repeats one too."""
        if current is None:
            return True
        return starts_next(label[0], current, self._label_after_para(index, current))

    def _label_after_para(self, index: int, current: Item) -> str | None:
        """The field of the next row label after the paragraph at ``index``; None at a
        heading, a table or the end."""
        for block in self.blocks[index + 1 :]:
            if isinstance(block, Table):
                return None
            if not block.text.strip():
                continue
            label = self.label_of(block)
            if label is not None and (label[2] or label[0] not in current.fields):
                return label[0] if label[0] != TITLE else None
            if self._heading_like(block, in_field=True):
                return None
        return None

    def _run_ahead(self, index: int, key: str) -> bool:
        """Whether the label paragraph at ``index`` begins a run of row labels: another row's
        label (or a table of them) follows before the next heading. A purpose that happens to
        begin with a bold "Baseline" or "Mål" is text of the front, not an item."""
        for block in self.blocks[index + 1 :]:
            if isinstance(block, Table):
                return self.is_item_table(block, continuing=True)
            if not block.text.strip():
                continue
            label = self.label_of(block)
            if label is not None and label[2] and label[0] not in (key, TITLE):
                return True
            if label is None and self._heading_like(block, in_field=False):
                return False
        return False

    def _item_ahead(self, index: int, current: Item | None) -> bool:
        """Whether the heading at ``index`` is an item's: a run of row labels starts afresh
        after it, before the next heading (a few paragraphs of introduction may come first)."""
        heading = self.blocks[index]
        assert isinstance(heading, Para)
        shape = shape_of(heading)
        same_rank = current is not None and current.shape == shape and current.filled > 0
        body = 0
        for block in self.blocks[index + 1 :]:
            if isinstance(block, Table):
                if self.matrix_columns(block) is not None:
                    return True  # the heading over the table; the table's rows are the items
                if not self.is_item_table(block, continuing=True):
                    return False
                return current is None or same_rank or not self._continues(block, current)
            if not block.text.strip():
                continue
            label = self.label_of(block)
            if label is not None:
                return (
                    current is None
                    or same_rank
                    or label[0] in current.fields
                    or label[0] == TITLE
                    or not current.fields
                )
            if self._heading_like(block, in_field=False) or body >= 4:
                return False
            body += 1
        return False

    def _ends_item(self, para: Para, current: Item) -> bool:
        """A heading after an item's rows that is not part of its text: an appendix, or a
        heading of the item's own rank or higher."""
        text = para.text.strip()
        if closes(text):
            return True
        shape = shape_of(para)
        if current.shape is not None:
            if shape.level or current.shape.level:
                return shape.outranks(current.shape)
            numbered_alike = shape.text_numbered or shape.word_numbered
            return numbered_alike and shape == current.shape
        return bool(para.heading) or (shape.text_numbered and shape.word in ITEM_WORDS)

    def _signatures_begin(self, index: int) -> bool:
        """A short line that opens a signature block without a heading: lines to sign on
        ("________") follow within three paragraphs."""
        first = self.blocks[index]
        if not isinstance(first, Para) or len(first.text.strip()) > 80:
            return False
        seen = 0
        for block in self.blocks[index:]:
            if isinstance(block, Table):
                return False
            text = block.text.strip()
            if not text:
                continue
            if _FURNITURE.search(text):
                return True
            if self.label_of(block) is not None or len(text) > 80:
                return False
            if block is not first and self._heading_like(block):
                return False  # a heading comes first: it says what follows
            seen += 1
            if seen >= 3:
                return False
        return False

    def _signature_block(self, block: Block) -> None:
        if isinstance(block, Table):
            self._unplace_table(block)
            return
        text = block.text.strip()
        if not text:
            return
        match = _PARTY_LINE.match(text)
        first = next((p for p in block.pieces if p.text.strip()), None)
        role = _role(match.group("role")) if match else None
        if match and role is not None and first is not None and first.bold:
            self.signature_parties.append({"role": role, "name": match.group("name").strip()})
            return
        if _FURNITURE.search(text) or (":" not in text and len(text) < 3):
            return  # a line to sign on
        self._unplace_para(block)

    def item_data(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for number, item in enumerate(self.items, start=1):
            entry: dict[str, Any] = {
                "number": number,
                "title": item.title or front_placeholder("item", self.language),
            }
            for row in ROWS:
                lines = item.fields.get(row.key, [])
                if row.key == "deadline":
                    value, left = item_deadline(item)
                    for text, part in left:
                        self._unplace(text, part.where, part.at)
                else:
                    value = to_markdown(lines)
                entry[row.key] = value or row_placeholder(row.key, self.language)
            out.append(entry)
        return out


def assemble(
    blocks: list[Block],
    labels: Labels,
    municipality: str = "",
    language: str = "da",
    properties: dict[str, str] | None = None,
) -> Reading:
    """The agreement's data (without id) read from the document's blocks."""
    assembler = _Assembler(blocks, labels, municipality, language, properties or {})
    front_data, _start = assembler.run()
    items = assembler.item_data()
    if not items:
        assembler.notes.append(_("no items were found; one item of placeholders is written"))
        assembler.items.append(Item())
        items = assembler.item_data()
    data = {**front_data, "items": items}
    ordered = sorted(enumerate(assembler.unplaced), key=lambda pair: (int(pair[1]["_at"]), pair[0]))
    unplaced = [{"text": u["text"], "where": u["where"]} for _i, u in ordered]
    sources: list[Source] = []
    for number, item in enumerate(assembler.items, start=1):
        title = (item.title_where,) if item.title and item.title_where else ()
        sources.append(Source(number, TITLE, title))
        for row in ROWS:
            sources.append(Source(number, row.key, tuple(item.sources.get(row.key, ()))))
    return Reading(data, unplaced, assembler.notes, sources)
