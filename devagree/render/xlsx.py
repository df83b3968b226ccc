"""Excel workbooks (.xlsx) with openpyxl: tables a person can read, sort, filter and print.

Every sheet devagree writes is a ``Table``: a header row (frozen, filtered, bold), one row per
thing, dates as real date cells, long texts wrapped, rows to watch (overdue ones) filled and
said in words, since colour alone is lost on a grey printer and on some readers. Columns for
the reader to fill in (``answers``) are white with a yellow header; devagree's own columns are
grey. The sheets are not password-protected: protection would stop a centre from sorting,
filtering or adding its own columns, which ``collect`` allows; ``collect`` checks what it
relies on (agreement, number, heading) instead.

The same content gives the same bytes: the workbook's dates are the as-of day, and the zip is
written with fixed timestamps and a stable order. openpyxl is imported here only, when a
workbook is written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from devagree.i18n import document_language
from devagree.render.determinism import zip_bytes

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | float | date | None

GREY = "F2F2F2"
"""devagree's columns."""
HEADER = "D9D9D9"
ANSWER_HEADER = "FFF2CC"
"""The columns the reader fills in: a yellow header over white cells."""
MARKED = "F8D7DA"
"""Rows to watch (overdue), on devagree's columns."""
MAX_WIDTH = 50
"""Characters; a longer text wraps."""

CORE_PART = "docProps/core.xml"

DATE_FORMATS = {"da": "dd.mm.yyyy", "en": "yyyy-mm-dd"}


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: a header row and rows of plain values."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[CellValue]]
    widths: tuple[int, ...] = ()
    """Minimum widths in characters, per column."""
    wrap: frozenset[int] = frozenset()
    """Columns (0-based) whose texts wrap."""
    marked: frozenset[int] = frozenset()
    """Rows (0-based, after the header) to mark."""
    answers: frozenset[int] = frozenset()
    """Columns the reader fills in."""
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Columns with a drop-down list of these values."""
    date_columns: frozenset[int] = frozenset()
    """Columns that hold (or are to hold) dates."""
    prompts: dict[int, str] = field(default_factory=dict)
    """A short help shown when a cell of the column is selected."""


def new_workbook() -> Workbook:
    """An empty workbook (openpyxl's default sheet removed)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    return book


def _clean(value: CellValue) -> CellValue:
    """Text without the control characters a cell cannot hold."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _width(value: CellValue, date_width: int) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return date_width
    return max((len(line) for line in str(value).splitlines()), default=0)


def add_table(book: Workbook, table: Table, language: str) -> Worksheet:
    """Write ``table`` as a new sheet of ``book``."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet: Worksheet = book.create_sheet(table.title[:31])
    date_format = DATE_FORMATS[document_language(language)]
    grey = PatternFill("solid", fgColor=GREY)
    marked = PatternFill("solid", fgColor=MARKED)
    thin = Side(style="thin", color="BFBFBF")
    answer_border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(list(table.header))
    for index, cell in enumerate(sheet[1]):
        colour = ANSWER_HEADER if index in table.answers else HEADER
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=colour)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for number, values in enumerate(table.rows):
        row = number + 2
        for index in range(len(table.header)):
            value = _clean(values[index]) if index < len(values) else None
            cell = sheet.cell(row=row, column=index + 1)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a text, never a formula
            wrap = index in table.wrap
            cell.alignment = Alignment(vertical="top", wrap_text=wrap)
            if index in table.date_columns:
                cell.number_format = date_format
            if index in table.answers:
                cell.border = answer_border
            else:
                cell.fill = marked if number in table.marked else grey
    last = len(table.rows) + 1
    for index in range(len(table.header)):
        letter = get_column_letter(index + 1)
        wanted = max(
            [table.widths[index] if index < len(table.widths) else 0]
            + [len(table.header[index])]
            + [_width(v[index] if index < len(v) else None, 11) for v in table.rows]
        )
        sheet.column_dimensions[letter].width = min(wanted, MAX_WIDTH) + 2
    for index, values in table.choices.items():
        letter = get_column_letter(index + 1)
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showDropDown=False,  # (sic) False shows the arrow
            errorStyle="warning",  # a typed variant ("I gang") is still allowed
            showErrorMessage=True,
        )
        prompt = table.prompts.get(index)
        if prompt:
            rule.prompt = prompt
            rule.showInputMessage = True
        rule.add(f"{letter}2:{letter}{max(last, 2)}")
        sheet.add_data_validation(rule)
    for index, prompt in table.prompts.items():
        if index in table.choices:
            continue
        letter = get_column_letter(index + 1)
        note = DataValidation(allow_blank=True, showInputMessage=True, prompt=prompt)
        note.add(f"{letter}2:{letter}{max(last, 2)}")
        sheet.add_data_validation(note)
    sheet.freeze_panes = "C2" if len(table.header) > 2 else "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.header))}{last}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    return sheet


def workbook_bytes(book: Workbook, as_of: date, title: str, language: str) -> bytes:
    """The workbook as .xlsx bytes; the same content always gives the same bytes."""
    stamp = datetime.combine(as_of, time(0, 0))
    props = book.properties
    props.creator = "devagree"
    props.lastModifiedBy = "devagree"
    props.title = title
    props.language = "da-DK" if language == "da" else "en-GB"
    props.created = stamp
    props.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)  # stamps ``modified`` with the clock: the core part is written again
    from openpyxl.xml.functions import tostring

    props.modified = stamp
    core = tostring(props.to_tree())
    with zipfile.ZipFile(buffer) as source:
        return zip_bytes(
            (name, core if name == CORE_PART else source.read(name)) for name in source.namelist()
        )
