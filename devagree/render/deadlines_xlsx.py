"""The deadline list as a sheet: on its own (``deadlines --format xlsx``) or in ``export``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from devagree.core.model import state_labels
from devagree.followup.schedule import DeadlineRow
from devagree.i18n import _
from devagree.render.xlsx import CellValue, Table, add_table, new_workbook, workbook_bytes

if TYPE_CHECKING:
    from devagree.formats.deadlines import ListOptions


def state_text(label: str, overdue: bool) -> str:
    """The state as written in a sheet; an overdue row says so in words, not by colour alone."""
    return _("{state} (overdue)").format(state=label) if overdue else label


def deadlines_table(rows: list[DeadlineRow], language: str) -> Table:
    labels = state_labels(language)
    values: list[list[CellValue]] = []
    for row in rows:
        state = _("milestone") if row.kind == "milestone" else labels[row.state]
        values.append(
            [
                row.agreement,
                row.item,
                row.title,
                row.deadline,
                row.due,
                state_text(state, row.overdue),
                row.days_left,
                row.owner,
            ]
        )
    return Table(
        title=_("Deadlines"),
        header=(
            _("Agreement"),
            "#",
            _("Heading"),
            _("Deadline"),
            _("Due date"),
            _("State"),
            _("Days left"),
            _("Owner"),
        ),
        rows=values,
        widths=(12, 4, 20, 12, 12, 14, 8, 16),
        wrap=frozenset({2, 7}),
        marked=frozenset(i for i, row in enumerate(rows) if row.overdue),
        date_columns=frozenset({4}),
    )


def deadlines_workbook(rows: list[DeadlineRow], as_of: date, language: str) -> bytes:
    """A workbook holding the deadline list alone."""
    book = new_workbook()
    add_table(book, deadlines_table(rows, language), language)
    return workbook_bytes(book, as_of, _("Deadlines"), language)


def xlsx(rows: list[DeadlineRow], options: ListOptions) -> bytes:
    """The ``deadlines --format xlsx`` format: bytes, written with ``-o FILE.xlsx``."""
    return deadlines_workbook(rows, options.as_of, options.language)
