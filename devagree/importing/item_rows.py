"""An imported agreement's item rows: labels at the start of paragraphs, label tables, and
tables with one item per row.

Whether a paragraph begins with a label ("Politisk mål: ...", a bold "Mål" or a heading),
which table rows carry labels, and how a table's rows become the item's fields.
"""

from __future__ import annotations

import re

from devagree.importing.collected import (
    Collector,
    Item,
    cell_text,
    repeats,
    row_text,
    starts_next,
)
from devagree.importing.headings import ITEM_WORDS, closes, numbered
from devagree.importing.labels import TITLE, normalise
from devagree.importing.richtext_out import lines_of, plain_text, to_markdown
from devagree.importing.wordread import Para, Row, Table


def heading_number(para: Para) -> tuple[int | None, str] | None:
    """(number, title) when the paragraph reads as a numbered heading: numbered by Word
    (and set as a heading or in bold), or with its number written in the text."""
    text = para.text.strip()
    if para.list_kind == "number" and (para.heading or para.all_bold):
        return para.list_number or None, text
    found = numbered(text)
    if found is None:
        return None
    number, title, _word = found
    return number, title or text


class RowReading(Collector):
    """The rows stage of the reading: labels, label tables and item-per-row tables."""

    def label_of(self, para: Para) -> tuple[str, int, bool] | None:
        """(field, characters the label takes, whether it is set off in bold or as a
        heading) when the paragraph begins with a label."""
        if para.list_kind:
            return None
        text = para.text
        stripped = text.lstrip()
        offset = len(text) - len(stripped)
        colon = stripped.find(":")
        if 0 < colon <= 60:
            head = stripped[:colon]
            key = self.labels.field(head)
            exact = self.labels.table.get(normalise(head))
            head_bold = self._bold_prefix(para) >= offset + len(head.rstrip())
            if key is not None and (head_bold or exact is not None):
                return key, offset + colon + 1, head_bold or bool(para.heading)
        bold = self._bold_prefix(para)
        if bold:
            head = text[:bold]
            key = self.labels.field(head)
            if key is not None:
                return key, bold, True
        if (para.heading or para.all_bold) and len(stripped) <= 60:
            key = self.labels.field(stripped)
            if key is not None:
                return key, len(text), True
        return None

    @staticmethod
    def _bold_prefix(para: Para) -> int:
        length = 0
        for piece in para.pieces:
            if piece.bold or para.style_bold:
                length += len(piece.text)
            elif piece.text.strip():
                break
            else:
                length += len(piece.text)
        return length if any(p.bold for p in para.pieces) or para.style_bold else 0

    def is_item_table(self, table: Table, continuing: bool = False) -> bool:
        mapped = sum(1 for row in table.rows if self._row_key(row) not in (None, TITLE))
        return mapped >= 2 or (continuing and mapped >= 1)

    def _row_key(self, row: Row) -> str | None:
        cells = self._shape(row)
        if not any(cell_text(c) for c in cells):
            return None
        return self.labels.field(cell_text(cells[0])) if cells else None

    def _shape(self, row: Row) -> list[list[Para]]:
        """The row's cells, without a leading number column ("1 | Mål | ...")."""
        cells = row.cells
        if (
            len(cells) >= 3
            and re.fullmatch(r"[\d.#)\s]*", cell_text(cells[0]))
            and self.labels.field(cell_text(cells[1])) is not None
        ):
            return cells[1:]
        return cells

    def matrix_columns(self, table: Table) -> tuple[int, dict[int, str]] | None:
        """(header row, column → field) for a table with one item per row and the labels
        across its first row ("Mål | Aktivitet | Deadline | Ansvarlig")."""
        for position, row in enumerate(table.rows[:2]):
            texts = [cell_text(c) for c in row.cells]
            if not any(texts):
                continue
            keys = {i: self.labels.field(t) for i, t in enumerate(texts) if t}
            found = {i: k for i, k in keys.items() if k is not None}
            fields = [k for k in found.values() if k != TITLE]
            if len(fields) >= 3 and len(set(fields)) == len(fields):
                return position, found
            return None
        return None

    def _matrix_rows(
        self, table: Table, columns: tuple[int, dict[int, str]], names: list[str] | None = None
    ) -> list[str]:
        """The table's rows as items; ``names`` are the column names of the table this one
        continues (over a page break, with no header row of its own). Returns the names."""
        header, keys = columns
        if names is None:
            names = [cell_text(c) for c in table.rows[header].cells]
        else:
            header = -1
        for row in table.rows[header + 1 :]:
            if not any(cell_text(c) for c in row.cells):
                continue
            item = Item()
            item.has_table = True
            for index, cell in enumerate(row.cells):
                text = cell_text(cell)
                if not text:
                    continue
                key = keys.get(index)
                lines = [line for p in cell for line in lines_of(p)]
                if key == TITLE:
                    item.title = plain_text(lines)
                    item.title_where = row.where
                elif key is not None:
                    item.add(key, lines, row.where)
                elif (
                    item.title is None
                    and not re.fullmatch(r"[\d.#)\s]*", text)
                    and ((index < len(names) and self.labels.is_header(names[index])) or index == 0)
                ):
                    item.title, item.title_where = plain_text(lines), row.where
                elif not re.fullmatch(r"[\d.#)\s]*", text):
                    name = names[index] if index < len(names) else ""
                    shown = to_markdown(lines)
                    self._unplace(f"{name}: {shown}" if name else shown, row.where)
            self.items.append(item)
        return names

    def _heading_like(self, para: Para, in_field: bool = False) -> bool:
        """A Word heading, a bold line, or a line numbered as a heading ("2. Overgange";
        inside a row's text only with an item word: "Fokusområde 2 - Overgange")."""
        text = para.text.strip()
        if not text or len(text) > 200:
            return False
        if para.heading or para.all_bold:
            return True
        if para.list_kind:
            return False
        if len(text) <= 80 and re.match(r"^\w+\s*(?::|\d|$)", text) and closes(text):
            return True  # "Bilag: Oversigt over ..." in plain type
        found = numbered(text)
        return found is not None and (not in_field or found[2] in ITEM_WORDS)

    def _continues(self, table: Table, current: Item) -> bool:
        """A table with no header whose first label the current item does not have yet."""
        if not current.has_table:
            return False
        for position, row in enumerate(table.rows):
            shaped = self._shape(row)
            if not any(cell_text(c) for c in shaped):
                continue
            label = cell_text(shaped[0])
            if position == 0 and (row.header or self.labels.is_header(label)):
                return False
            key = self.labels.field(label)
            if key is None:
                continue
            return key not in current.fields
        return True

    def _titles_its_table(self, item: Item, row: Row) -> bool:
        """A numbered title row at the top of the item's own table ("Aftale 1 - Recovery")
        names the item rather than the heading before the table, which may stand over the
        whole run of tables ("Aftalerne"). That heading then goes to ``unplaced`` at its own
        place, unless it gave the same title. False when the row has only a number."""
        para = next((p for cell in row.cells for p in cell if p.text.strip()), None)
        before = item.heading_para
        if para is None or before is None or item.title_where != before.where:
            return False  # (a title the document gave with a label stays)
        found = numbered(para.text.strip())
        heading = heading_number(para)
        if heading is None or (found is not None and not found[1]):
            return False
        title = heading[1]
        if normalise(item.title or "") != normalise(title):
            self._unplace_para(before, item.heading_at)
        item.title, item.title_where = title, row.where
        item.heading, item.heading_para, item.shape = "", None, None
        return True

    def _labelled(
        self, row: Row
    ) -> tuple[list[list[Para]], list[list[Para]], str, str | None] | None:
        """The row's cells as its table lays them out, those that hold text, its label and
        the label's field; None for a row without text."""
        shaped = self._shape(row)
        cells = [c for c in shaped if cell_text(c)]
        if not cells:
            return None
        label = cell_text(shaped[0])
        return shaped, cells, label, self.labels.field(label) if label else None

    def _label_after(self, table: Table, position: int) -> str | None:
        """The field of the next labelled row of the table after ``position``; None at a
        heading row or the table's end."""
        for row in table.rows[position + 1 :]:
            read = self._labelled(row)
            if read is None:
                continue
            _shaped, cells, label, key = read
            if key == TITLE or (key is None and len(cells) == 1 and label):
                return None
            if key is not None:
                return key
        return None

    def _table_rows(
        self, table: Table, item: Item, field_key: str | None
    ) -> tuple[Item, str | None]:
        """The table's labelled rows into ``item``; where the labels start again inside the
        table (one table for several items), a new item begins, under the heading row before
        it. Returns the item the table ends in and the field its last row filled."""
        pending: tuple[str, str, str] | None = None
        """A heading row inside a filled item: its title, where it stood, its text."""
        for position, row in enumerate(table.rows):
            read = self._labelled(row)
            if read is None:
                continue
            shaped, cells, label, key = read
            content = [p for cell in shaped[1:] for p in cell]
            header_row = row.header or self.labels.is_header(label)
            if position == 0 and key in (None, TITLE) and header_row:  # "Emne | Beskrivelse"
                rest = plain_text([line for p in content for line in lines_of(p)])
                if rest and not self.labels.is_header(rest) and item.title is None:
                    item.title, item.title_where = rest, row.where
                elif rest and not self.labels.is_header(rest):
                    self._unplace(rest, row.where)
                continue
            if len(cells) == 1 and not label:
                key = None  # text only in the content column: the row before goes on
            if len(cells) == 1 and label and key is None:
                heading = heading_number(shaped[0][0]) if shaped[0] else None
                if heading is not None and item.title is None and item.filled == 0:
                    item.title, item.title_where = heading[1], row.where
                    continue
                if heading is not None and item.filled == 0 and self._titles_its_table(item, row):
                    continue
                if heading is not None and item.filled:
                    if pending is not None:
                        self._unplace(pending[2], pending[1])
                    pending = (heading[1], row.where, row_text(row))  # the next item's heading?
                    continue
                if field_key is not None and len(shaped) == 1:
                    item.add(
                        field_key, [line for p in shaped[0] for line in lines_of(p)], row.where
                    )
                    continue
                self._unplace(row_text(row), row.where)
                continue
            if key is not None and (
                (pending is not None and repeats(key, item))
                or starts_next(key, item, self._label_after(table, position))
            ):
                item = Item(has_table=True)  # the labels start again: the next item
                self.items.append(item)
                field_key = None
                if pending is not None:
                    item.title, item.title_where = pending[0], pending[1]
                    pending = None
            if pending is not None:
                self._unplace(pending[2], pending[1])
                pending = None
            if key == TITLE:
                title = plain_text([line for p in content for line in lines_of(p)])
                if title and not self.labels.is_header(title):
                    item.title, item.title_where = title, row.where
                continue
            if key is None:
                if not label and field_key is not None:
                    item.add(field_key, [line for p in content for line in lines_of(p)], row.where)
                else:
                    self._unplace(row_text(row), row.where)
                continue
            field_key = key
            lines = [line for p in content for line in lines_of(p)]
            item.open(key, label, lines, row.where, self.position)
        if pending is not None:
            self._unplace(pending[2], pending[1])
        return item, field_key
