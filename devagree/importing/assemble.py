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
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devagree.core.model import ROWS
from devagree.deadlines.deadline import DeadlineError, parse_deadline
from devagree.drafting.writer import front_placeholder, row_placeholder
from devagree.i18n import _
from devagree.importing import front
from devagree.importing.labels import TITLE, Labels, normalise
from devagree.importing.richtext_out import Line, lines_of, plain_text, to_markdown
from devagree.importing.wordread import Block, Para, Row, Table

_ITEM_HEADING = re.compile(
    r"^\s*(?:(?P<word>udviklingsaftale|aftale|udviklingsmål|indsatsområde|indsats|tema|"
    r"punkt|mål|item|agreement|goal|objective|development goal)\s*(?:nr\.?|no\.?|#)?\s*)?"
    r"(?P<number>\d{1,2})(?![\d.,]\d)\s*(?P<sep>[.):\-\u2013\u2014]?)\s*(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_KEYWORD = re.compile(
    r"^\s*(?:udviklingsaftale|aftale|udviklingsmål|indsatsområde|indsats|tema|punkt|item|"
    r"agreement|goal|objective|development goal)\s*(?:nr\.?|no\.?|#)?\s*\d",
    re.IGNORECASE,
)
_SIGNATURES = frozenset(
    {"underskrifter", "underskrift", "signatures", "signature", "signaturer", "godkendelse"}
)
_PURPOSE = frozenset(
    {
        "formål",
        "formålet",
        "formål med aftalen",
        "formålet med aftalen",
        "formålet med udviklingsaftalen",
        "indledning",
        "purpose",
        "introduction",
    }
)
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
_DUE_SUFFIX = re.compile(r"^(?P<text>.+?)\s+\((?P<due>[^()]+)\)$")


@dataclass(slots=True)
class Reading:
    """What the importer made of a document."""

    data: dict[str, Any]
    unplaced: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Item:
    title: str | None = None
    heading: str = ""
    """The heading's text as the document wrote it ("Aftale 2: ...")."""
    fields: dict[str, list[Line]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    has_table: bool = False

    def add(self, key: str, lines: list[Line]) -> None:
        if key not in self.fields:
            self.fields[key] = []
            self.order.append(key)
        if lines and self.fields[key]:
            lines = [Line(lines[0].kind, lines[0].level, lines[0].text, False), *lines[1:]]
        self.fields[key].extend(lines)

    @property
    def filled(self) -> int:
        return len(self.fields)


def _heading_number(para: Para) -> tuple[int | None, str] | None:
    """(number, title) when the paragraph reads as a numbered item heading."""
    text = para.text.strip()
    if para.list_kind == "number" and (para.heading or para.all_bold):
        return para.list_number or None, text
    match = _ITEM_HEADING.match(text)
    if not match:
        return None
    if not match.group("word") and not match.group("sep"):
        return None
    if not match.group("word") and not match.group("title").strip():
        return None
    title = match.group("title").strip().lstrip(":.-\u2013\u2014 ").strip()
    return int(match.group("number")), title


class _Assembler:
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
        self.items: list[_Item] = []
        self.signature_parties: list[dict[str, str]] = []
        self.position = 0
        """The block being read, so unplaced text can be listed in document order."""

    # --- classification ---------------------------------------------------------------

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
        if not any(_cell_text(c) for c in cells):
            return None
        return self.labels.field(_cell_text(cells[0])) if cells else None

    def _shape(self, row: Row) -> list[list[Para]]:
        """The row's cells, without a leading number column ("1 | Mål | ...")."""
        cells = row.cells
        if (
            len(cells) >= 3
            and re.fullmatch(r"[\d.#)\s]*", _cell_text(cells[0]))
            and self.labels.field(_cell_text(cells[1])) is not None
        ):
            return cells[1:]
        return cells

    def matrix_columns(self, table: Table) -> tuple[int, dict[int, str]] | None:
        """(header row, column → field) for a table with one item per row and the labels
        across its first row ("Mål | Aktivitet | Deadline | Ansvarlig")."""
        for position, row in enumerate(table.rows[:2]):
            texts = [_cell_text(c) for c in row.cells]
            if not any(texts):
                continue
            keys = {i: self.labels.field(t) for i, t in enumerate(texts) if t}
            found = {i: k for i, k in keys.items() if k is not None}
            fields = [k for k in found.values() if k != TITLE]
            if len(fields) >= 3 and len(set(fields)) == len(fields):
                return position, found
            return None
        return None

    def _matrix_rows(self, table: Table, columns: tuple[int, dict[int, str]]) -> None:
        header, keys = columns
        names = [_cell_text(c) for c in table.rows[header].cells]
        for row in table.rows[header + 1 :]:
            if not any(_cell_text(c) for c in row.cells):
                continue
            item = _Item()
            item.has_table = True
            for index, cell in enumerate(row.cells):
                text = _cell_text(cell)
                if not text:
                    continue
                key = keys.get(index)
                lines = [line for p in cell for line in lines_of(p)]
                if key == TITLE:
                    item.title = plain_text(lines)
                elif key is not None:
                    item.add(key, lines)
                elif (
                    item.title is None
                    and not re.fullmatch(r"[\d.#)\s]*", text)
                    and ((index < len(names) and self.labels.is_header(names[index])) or index == 0)
                ):
                    item.title = plain_text(lines)
                elif not re.fullmatch(r"[\d.#)\s]*", text):
                    name = names[index] if index < len(names) else ""
                    shown = to_markdown(lines)
                    self._unplace(f"{name}: {shown}" if name else shown, row.where)
            self.items.append(item)

    def _heading_like(self, para: Para) -> bool:
        text = para.text.strip()
        if not text or len(text) > 200:
            return False
        return bool(para.heading or para.all_bold or _heading_number(para))

    # --- the walk -------------------------------------------------------------------------

    def first_item(self) -> int:
        """Index of the block where the items begin (their first heading or table)."""
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
                    anchor = index
                    break
        if anchor is None:
            return len(self.blocks)
        index = anchor - 1
        while index >= 0:
            block = self.blocks[index]
            if isinstance(block, Para) and not block.text.strip():
                index -= 1
                continue
            if isinstance(block, Para) and self._heading_like(block):
                return index
            break
        return anchor

    def run(self) -> tuple[dict[str, Any], int]:
        start = self.first_item()
        self.walk_items(start)
        return self.read_front(self.blocks[:start]), start

    def walk_items(self, start: int) -> None:
        current: _Item | None = None
        field_key: str | None = None
        mode = ""
        pending: list[Para] = []
        signatures = False

        def flush_pending(to_field: bool) -> None:
            nonlocal pending
            if to_field and current is not None and field_key is not None:
                for para in pending:
                    current.add(field_key, lines_of(para))
            else:
                for para in pending:
                    self._unplace_para(para)
            pending = []

        def new_item(title: str | None) -> _Item:
            item = _Item(title=title or None)
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
                if normalise(text) in _SIGNATURES and self._heading_like(block):
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
                if label is not None:
                    key, cut, _strong = label
                    flush_pending(False)
                    if current is None or (
                        key in current.fields and key != TITLE and current.filled >= 2
                    ):
                        current = new_item(None)
                    if key == TITLE:
                        rest = plain_text(lines_of(block, cut))
                        if rest:
                            current.title = rest
                        field_key = None
                    else:
                        field_key = key
                        current.add(key, lines_of(block, cut))
                    mode = "para"
                    continue
                heading = _heading_number(block)
                if (
                    heading is not None
                    and mode == "para"
                    and not (block.heading or block.all_bold or _KEYWORD.match(text))
                ):
                    heading = None  # "1) ..." inside a row's text is a list, not an item
                starts = heading is not None or bool(block.heading)
                if not starts and block.all_bold and len(text) <= 200:
                    starts = self._fresh_ahead(index, current)
                if starts:
                    if mode == "table":
                        flush_pending(False)
                    title = heading[1] if heading is not None else text
                    current = new_item(title)
                    current.heading = text
                    field_key = None
                    mode = ""
                    continue
                if mode == "para" and current is not None and field_key is not None:
                    current.add(field_key, lines_of(block))
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
                        self._unplace(text, "heading before " + block.where)
                self._matrix_rows(block, columns)
                current = self.items[-1] if self.items else None
                field_key, mode = None, ""
                continue
            continuing = current is not None and current.has_table and mode == "table"
            if not self.is_item_table(block, continuing=continuing):
                flush_pending(False)
                self._unplace_table(block)
                continue
            if continuing and current is not None and self._continues(block, current):
                flush_pending(True)
            else:
                flush_pending(False)
                if current is None or current.has_table or current.filled:
                    current = new_item(None)
                field_key = None
            assert current is not None
            current.has_table = True
            field_key = self._table_rows(block, current, field_key)
            mode = "table"
        flush_pending(False)

    def _fresh_ahead(self, index: int, current: _Item | None) -> bool:
        """Whether the next content after a bold paragraph starts a new item."""
        for block in self.blocks[index + 1 :]:
            if isinstance(block, Para):
                if not block.text.strip():
                    continue
                label = self.label_of(block)
                if label is None:
                    return False
                if not label[2]:
                    return False
                return current is None or label[0] in current.fields or label[0] == TITLE
            if not self.is_item_table(block, continuing=True):
                return False
            return current is None or not self._continues(block, current)
        return False

    def _continues(self, table: Table, current: _Item) -> bool:
        """A table with no header whose first label the current item does not have yet."""
        if not current.has_table:
            return False
        for position, row in enumerate(table.rows):
            shaped = self._shape(row)
            if not any(_cell_text(c) for c in shaped):
                continue
            label = _cell_text(shaped[0])
            if position == 0 and (row.header or self.labels.is_header(label)):
                return False
            key = self.labels.field(label)
            if key is None:
                continue
            return key not in current.fields
        return True

    def _table_rows(self, table: Table, item: _Item, field_key: str | None) -> str | None:
        for position, row in enumerate(table.rows):
            shaped = self._shape(row)
            cells = [c for c in shaped if _cell_text(c)]
            if not cells:
                continue
            label = _cell_text(shaped[0])
            key = self.labels.field(label) if label else None
            content = [p for cell in shaped[1:] for p in cell]
            if position == 0 and key is None and (row.header or self.labels.is_header(label)):
                rest = plain_text([line for p in content for line in lines_of(p)])
                if rest and not self.labels.is_header(rest) and item.title is None:
                    item.title = rest
                elif rest and not self.labels.is_header(rest):
                    self._unplace(rest, row.where)
                continue
            if len(cells) == 1 and not label:
                key = None  # text only in the content column: the row before goes on
            if len(cells) == 1 and label and key is None:
                heading = _heading_number(shaped[0][0]) if shaped[0] else None
                if heading is not None and item.title is None and item.filled == 0:
                    item.title = heading[1]
                    continue
                if field_key is not None and len(shaped) == 1:
                    item.add(field_key, [line for p in shaped[0] for line in lines_of(p)])
                    continue
                self._unplace(_row_text(row), row.where)
                continue
            if key == TITLE:
                title = plain_text([line for p in content for line in lines_of(p)])
                if title:
                    item.title = title
                continue
            if key is None:
                if not label and field_key is not None:
                    item.add(field_key, [line for p in content for line in lines_of(p)])
                else:
                    self._unplace(_row_text(row), row.where)
                continue
            field_key = key
            item.add(key, [line for p in content for line in lines_of(p)])
        return field_key

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

    def _unplace_para(self, para: Para) -> None:
        text = to_markdown(lines_of(para))
        if text:
            self._unplace(text, para.where)

    def _unplace_table(self, table: Table) -> None:
        for row in table.rows:
            text = _row_text(row)
            if text:
                self._unplace(text, row.where)

    def _unplace(self, text: str, where: str) -> None:
        self.unplaced.append({"text": text, "where": where, "_at": str(self.position)})

    # --- the front ------------------------------------------------------------------------

    def read_front(self, blocks: list[Block]) -> dict[str, Any]:
        state = _Front()
        for index, block in enumerate(blocks):
            self.position = index
            if isinstance(block, Table):
                for row in block.rows:
                    label = _cell_text(row.cells[0]) if len(row.cells) >= 2 else ""
                    content = [p for cell in row.cells[1:] for p in cell]
                    text = "\n".join(p.text.strip() for p in content if p.text.strip())
                    if not (label and self._front_label(label, text, state)):
                        row_text = _row_text(row)
                        if row_text:
                            self._unplace(row_text, row.where)
                continue
            colon = block.text.find(":")
            if 0 < colon <= 30 and self._front_label(
                block.text[:colon], block.text[colon + 1 :].strip(), state
            ):
                continue
            self._front_para(block, state)
        return self._front_data(state)

    def _front_label(self, label: str, text: str, state: _Front) -> bool:
        """Read a labelled line of the front ("Periode: 1.1.2027-31.12.2027"); False when
        the label is not one of the front's or its text cannot be read."""
        what = front.FRONT_LABELS.get(normalise(label))
        if what is None or not text:
            return False
        if what == "parties" and not state.parties_lines:
            state.parties_lines = [text]
            return True
        if what == "period":
            period = front.find_period(text)
            years = front.year_paragraph(text)
            if period is not None and state.period is None:
                state.period = period
                return True
            if years is not None and state.years is None:
                state.years = years
                return True
            return False
        if what == "date" and state.date is None:
            state.date = front.read_date(text)
            return state.date is not None
        if what == "organisation" and state.organisation is None:
            state.organisation = " ".join(text.split())
            return True
        if what == "municipality" and state.municipality is None:
            state.municipality = " ".join(text.split())
            return True
        return False

    def _front_para(self, para: Para, state: _Front) -> None:
        text = para.text.strip()
        if not text:
            return
        if state.parties_open and not para.heading:
            if front.year_paragraph(text) is None and len(state.parties_lines) < 3:
                state.parties_lines.append(para.text)
                if not re.search(r"\b(og|and|&)\s*$", text):
                    state.parties_open = len(state.parties_lines) < 2 and not _has_and(
                        state.parties_lines
                    )
                return
            state.parties_open = False
        if state.date is None and state.section != "vision":
            day = front.date_paragraph(text)
            if day is not None:
                state.date = day
                return
        rest = front.between(para.text)
        if rest is not None and not state.parties_lines:
            state.parties_lines = [rest] if rest else []
            state.parties_open = not rest or not _has_and(state.parties_lines)
            return
        if state.section == "pre" and front.year_paragraph(text) is not None:
            state.years = front.year_paragraph(text)
            return
        heading = bool(para.heading) or (para.all_bold and len(text) <= 200)
        if state.title is None and (
            para.heading
            or re.match(r"^(udviklingsaftale|development agreement)\b", text, re.IGNORECASE)
        ):
            state.title = plain_text(lines_of(para))
            state.section = "purpose"
            return
        if (heading and state.section != "pre") or (heading and state.title is not None):
            low = normalise(text)
            if "vision" in low:
                state.vision_title = plain_text(lines_of(para))
                state.section = "vision"
                return
            if low in _PURPOSE:
                state.section = "purpose"
                return
        if state.section == "pre":
            municipality = front.municipality_in(text)
            if municipality is not None and normalise(municipality) == normalise(text):
                state.municipality = municipality
                return
            if state.organisation is None:
                state.organisation = plain_text(lines_of(para))
                return
            if state.title is None:
                state.pre.append(para)
                return
        target = state.vision if state.section == "vision" else state.purpose
        target.append(para)

    def _front_data(self, state: _Front) -> dict[str, Any]:
        language = self.language
        if state.title is None and state.pre:
            # no title line: the purpose starts at the first paragraph after the front lines
            state.purpose[:0] = state.pre
            state.pre = []
        for para in state.pre:
            self._unplace_para(para)
        purpose_lines = [line for p in state.purpose for line in lines_of(p)]
        texts = [p.text for p in (*state.purpose, *state.vision)]
        period = state.period
        for text in texts if period is None else ():
            period = front.find_period(text)
            if period is not None:
                break
        if purpose_lines and self.properties.get("devagree.period-line") == "added":
            last_para = state.purpose[-1]
            if front.find_period(last_para.text) is not None:
                purpose_lines = [line for p in state.purpose[:-1] for line in lines_of(p)]
        title = state.title or _("TODO: fill in the title")
        everything = " ".join([title, state.organisation or "", *texts, *state.parties_lines])
        years = state.years or front.title_years(title)
        if period is None:
            if years is not None:
                period = (date(years[0], 1, 1), date(years[1], 12, 31))
                self.notes.append(
                    _(
                        "the document gives no period; the calendar year {years} is taken from it"
                    ).format(years="-".join(str(y) for y in sorted(set(years))))
                )
            elif state.date is not None:
                period = (date(state.date.year, 1, 1), date(state.date.year, 12, 31))
                self.notes.append(
                    _(
                        "the document gives no period; the year of its date, {year}, is taken"
                    ).format(year=state.date.year)
                )
        municipality = (
            state.municipality
            or front.municipality_in(everything)
            or front.municipality_in(self.properties.get("category", ""))
            or self.municipality
            or front_placeholder("municipality", language)
        )
        organisation = (
            state.organisation
            or front.centre_in(title, *texts, *state.parties_lines)
            or front_placeholder("organisation", language)
        )
        parties = self._parties(state)
        data: dict[str, Any] = {
            "title": title,
            "municipality": municipality,
            "organisation": organisation,
            "parties": parties,
        }
        if state.date is not None:
            data["date"] = state.date.isoformat()
        data["period"] = period
        purpose = to_markdown(purpose_lines)
        data["purpose"] = purpose or _("TODO: fill in the purpose")
        vision_text = to_markdown([line for p in state.vision for line in lines_of(p)])
        vision: dict[str, str] = {}
        if state.vision_title:
            vision["title"] = state.vision_title
        vision["text"] = vision_text or _("TODO: fill in the vision")
        data["vision"] = vision
        return data

    def _parties(self, state: _Front) -> list[dict[str, str]]:
        if len(self.signature_parties) >= 2:
            return self.signature_parties
        names = front.split_parties("\n".join(state.parties_lines))
        roles = ["committee", "chief"]
        parties = [
            {"role": roles[i] if i < 2 else f"party-{i + 1}", "name": name}
            for i, name in enumerate(names)
        ]
        if len(parties) < 2:
            hints = ["committee", "chief"]
            for i in range(len(parties), 2):
                parties.append(
                    {"role": roles[i], "name": front_placeholder(hints[i], self.language)}
                )
        return parties

    # --- items as data --------------------------------------------------------------------

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
                    value = _deadline(plain_text(lines)) if lines else ""
                else:
                    value = to_markdown(lines)
                entry[row.key] = value or row_placeholder(row.key, self.language)
            out.append(entry)
        return out


@dataclass(slots=True)
class _Front:
    period: tuple[date, date] | None = None
    section: str = "pre"
    organisation: str | None = None
    municipality: str | None = None
    date: date | None = None
    title: str | None = None
    years: tuple[int, int] | None = None
    parties_lines: list[str] = field(default_factory=list)
    parties_open: bool = False
    vision_title: str | None = None
    purpose: list[Para] = field(default_factory=list)
    vision: list[Para] = field(default_factory=list)
    pre: list[Para] = field(default_factory=list)


def _has_and(lines: list[str]) -> bool:
    return bool(re.search(r"\s(og|and|&)\s", " ".join(lines)))


def _cell_text(paragraphs: list[Para]) -> str:
    return " ".join(p.text for p in paragraphs).strip()


def _row_text(row: Row) -> str:
    cells = [to_markdown([line for p in cell for line in lines_of(p)]) for cell in row.cells]
    return " | ".join(c for c in cells if c)


def _deadline(text: str) -> str:
    """The deadline as written, without the resolved date devagree adds when rendering."""
    match = _DUE_SUFFIX.match(text)
    if match:
        due = front.read_date(match.group("due"))
        try:
            parsed = parse_deadline(match.group("text"))
        except DeadlineError:
            return text
        if due is not None and parsed.due == due:
            return match.group("text")
    return text


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
        assembler.items.append(_Item())
        items = assembler.item_data()
    data = {**front_data, "items": items}
    ordered = sorted(enumerate(assembler.unplaced), key=lambda pair: (int(pair[1]["_at"]), pair[0]))
    unplaced = [{"text": u["text"], "where": u["where"]} for _i, u in ordered]
    return Reading(data, unplaced, assembler.notes)
