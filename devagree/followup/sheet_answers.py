"""Reading filled-in follow-up sheets: the file checked first, then its rows as found.

A spreadsheet comes back from outside, so it is treated as untrusted input. Before openpyxl
sees it, the file must be a zip holding an Excel workbook (not a Word document or an old
``.xls`` renamed), without macros, and small when unpacked: the sizes the zip declares for
its members are checked against limits (and their ratio to the packed sizes), and Python's
zip reader never unpacks more than a member declares. A macro-enabled workbook (``.xlsm``, or
any file holding a ``vbaProject.bin``) is refused rather than read without its macros:
devagree sends ``.xlsx`` files, and a sheet that came back with code in it should be looked
at, then saved as ``.xlsx``. openpyxl never runs macros nor fetches linked data in any case,
and the XML parser refuses entity expansion bombs.

The follow-up sheet is found by its header row (in any sheet, among the first rows, in any
language devagree speaks), so extra columns, moved columns, re-sorted and filtered rows all
read the same. Formulas are kept as formulas (not their cached results), so a formula where
an answer should be can be refused. Nothing here decides what a row means: ``collect`` does.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.files import not_regular, read_regular
from devagree.core.paths import display_path
from devagree.core.printable import printable
from devagree.followup.columns import COLUMNS, REQUIRED, Key, accepted_labels, normal
from devagree.i18n import _
from devagree.office_files import OLE_MAGIC, unpacks_too_far

MAX_FILE = 64 * 1024 * 1024
"""Bytes on disk; a follow-up sheet for a thousand agreements is well under 2 MB."""
MAX_UNPACKED = 256 * 1024 * 1024
"""Bytes, all members together, as the zip declares them."""
MAX_MEMBERS = 10_000
MAX_RATIO = 200
"""Unpacked/packed size of a member over 1 MB; ordinary sheets stay far below."""
HEADER_ROWS = 20
"""The header row is looked for among a sheet's first rows."""


class SheetUnreadable(DevagreeError):
    """A file that cannot be collected at all; nothing is written."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Answer:
    """One row of a follow-up sheet, with the values of the columns devagree knows."""

    file: str
    sheet: str
    row: int
    values: dict[Key, object]
    formulas: frozenset[Key]
    """Columns whose cell holds a formula (its text is in ``values``)."""
    columns: Mapping[Key, int]
    """Where each known column is in the sheet (0 is column A); one mapping per sheet."""


def check_package(path: Path) -> None:
    """Refuse a file that is not a plain, reasonably sized Excel workbook."""
    shown = display_path(path)
    problem = not_regular(path)
    if problem is not None:
        raise SheetUnreadable(f"{shown}: {problem}")
    size = path.stat().st_size
    if size > MAX_FILE:
        raise SheetUnreadable(
            _("{file} is {size} MB; a follow-up sheet is far smaller, so it is not read").format(
                file=shown, size=size // (1024 * 1024)
            )
        )
    try:
        start = read_regular(path, 8)
    except OSError as err:
        raise SheetUnreadable(f"{shown}: {err.strerror or err}") from None
    if start == OLE_MAGIC:  # an old .xls, or an encrypted (password-protected) workbook
        raise SheetUnreadable(
            _(
                "{file} is an old Excel file (.xls) or a password-protected workbook; open it "
                "in Excel or LibreOffice and save it as an Excel workbook (.xlsx) without a "
                "password"
            ).format(file=shown)
        )
    not_xlsx = _(
        "{file} is not an Excel workbook (.xlsx); collect the sheets that devagree export wrote"
    ).format(file=shown)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SheetUnreadable(not_xlsx) from None
    names = {info.filename for info in members}
    if len(members) > MAX_MEMBERS or unpacks_too_far(members, MAX_UNPACKED, MAX_RATIO):
        raise SheetUnreadable(_bomb(shown))
    if "word/document.xml" in names:
        raise SheetUnreadable(
            _("{file} is a Word document, not an Excel workbook (.xlsx)").format(file=shown)
        )
    if "xl/workbook.xml" not in names:
        raise SheetUnreadable(not_xlsx)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise SheetUnreadable(
            _(
                "{file} is a macro-enabled workbook; devagree does not read files with macros. "
                "Open it, check it, and save it as an Excel workbook (.xlsx) without macros"
            ).format(file=shown)
        )


def _bomb(shown: str) -> str:
    return _(
        "{file} would unpack to far more than a follow-up sheet holds (a zip bomb?); it is not read"
    ).format(file=shown)


def read_answers(path: Path) -> list[Answer]:
    """The rows of every follow-up sheet in ``path`` (the file is checked first)."""
    check_package(path)
    shown = display_path(path)
    damaged = _(
        "{file} cannot be read as an Excel workbook (it is damaged); open it in Excel or "
        "LibreOffice and save it again"
    ).format(file=shown)
    with warnings.catch_warnings():
        # openpyxl warns (with its own source lines) of what it passes over; what matters
        # to collect is refused row by row instead.
        warnings.simplefilter("ignore")
        return _read_book(path, shown, damaged)


def _read_book(path: Path, shown: str, damaged: str) -> list[Answer]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise SheetUnreadable(damaged) from None
    answers: list[Answer] = []
    found = False
    labels = accepted_labels()
    where: tuple[str, int] | None = None
    """The sheet being read and its last row read whole, to say where a damaged cell is."""
    try:
        for sheet in book.worksheets:
            header: dict[Key, int] | None = None
            where = (sheet.title, 0)
            for counted, row in enumerate(sheet.iter_rows(), 1):
                number = next((c.row for c in row if getattr(c, "row", None)), None) or counted
                where = (sheet.title, number)
                if header is None:
                    if number > HEADER_ROWS:
                        break
                    header = _header(row, labels)
                    found = found or header is not None
                    continue
                answer = _answer(shown, sheet.title, number, row, header)
                if answer is not None:
                    answers.append(answer)
    except Exception:  # a cell openpyxl cannot read ("NaN" as a number) stops the sheet
        if where is None:
            raise SheetUnreadable(damaged) from None
        raise SheetUnreadable(
            _(
                '{file}, sheet "{sheet}": a cell after row {row} cannot be read (the file is '
                "damaged); open it in Excel or LibreOffice and save it again"
            ).format(file=shown, sheet=printable(where[0], 60), row=where[1])
        ) from None
    finally:
        book.close()
    if not found:
        expected = ", ".join(_(c.label) for c in COLUMNS)
        raise SheetUnreadable(
            _(
                "{file} has no follow-up sheet: no sheet has a header row with the columns "
                "{columns}; collect the sheets that devagree export wrote"
            ).format(file=shown, columns=expected)
        )
    return answers


def _header(row: tuple[object, ...], labels: dict[str, Key]) -> dict[Key, int] | None:
    """The column of each known label, when the row holds the required ones."""
    columns: dict[Key, int] = {}
    for index, cell in enumerate(row):
        value = getattr(cell, "value", None)
        if isinstance(value, str):
            key = labels.get(normal(value))
            if key is not None and key not in columns:
                columns[key] = index
    return columns if all(key in columns for key in REQUIRED) else None


def _answer(
    shown: str, sheet: str, number: int, row: tuple[object, ...], header: dict[Key, int]
) -> Answer | None:
    values: dict[Key, object] = {}
    formulas: set[Key] = set()
    for key, index in header.items():
        cell = row[index] if index < len(row) else None
        value = getattr(cell, "value", None)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
            if not value.strip():
                value = None
        if value is None:
            continue
        values[key] = value
        if getattr(cell, "data_type", None) == "f":
            formulas.add(key)
    if not values:
        return None
    return Answer(shown, sheet, number, values, frozenset(formulas), header)
