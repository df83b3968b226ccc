"""The follow-up workbook ``export`` writes: the question sheet, the deadlines, the coverage.

The first sheet has one row per item with devagree's columns (agreement, number, heading,
owner, deadline, due date, state, latest note) and the three a centre fills in (new state
from a drop-down of the state labels, new note, date). ``collect`` reads it back; the
columns are defined once, in ``followup_columns``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from devagree.core.model import Agreement, State, state_labels
from devagree.core.richtext import parse_texts, plain
from devagree.followup.columns import COLUMNS, SHEET_TITLE, Key
from devagree.followup.schedule import DeadlineRow
from devagree.i18n import _
from devagree.render.deadlines_xlsx import deadlines_table, state_text
from devagree.render.xlsx import CellValue, Table, add_table, new_workbook, workbook_bytes
from devagree.strategies.coverage import Coverage


def _plain(value: str | list[str]) -> str:
    return plain(parse_texts(value)).strip()


def followup_table(agreements: Sequence[Agreement], as_of: date, language: str) -> Table:
    labels = state_labels(language)
    rows: list[list[CellValue]] = []
    marked: set[int] = set()
    for agreement in agreements:
        for item in agreement.items:
            overdue = item.is_overdue(as_of)
            if overdue:
                marked.add(len(rows))
            latest = item.status
            values: dict[Key, CellValue] = {
                Key.AGREEMENT: agreement.id,
                Key.NUMBER: item.number,
                Key.TITLE: item.title,
                Key.OWNER: _plain(item.rows["owner"]),
                Key.DEADLINE: item.deadline_text,
                Key.DUE: item.due,
                Key.STATE: state_text(labels[item.state], overdue),
                Key.NOTE: latest.note.strip() if latest is not None else "",
            }
            rows.append([values.get(column.key) for column in COLUMNS])
    index = {column.key: i for i, column in enumerate(COLUMNS)}
    wrapped = (Key.TITLE, Key.OWNER, Key.NOTE, Key.NEW_NOTE)
    return Table(
        title=_(SHEET_TITLE),
        header=tuple(_(column.label) for column in COLUMNS),
        rows=rows,
        widths=tuple(column.width for column in COLUMNS),
        wrap=frozenset(index[key] for key in wrapped),
        marked=frozenset(marked),
        answers=frozenset(i for i, column in enumerate(COLUMNS) if column.answer),
        choices={index[Key.NEW_STATE]: tuple(labels[state] for state in State)},
        date_columns=frozenset({index[Key.DUE], index[Key.DATE]}),
        prompts={
            index[Key.NEW_STATE]: _("Pick the item's state now from the list."),
            index[Key.NEW_NOTE]: _("A short note for the committee."),
            index[Key.DATE]: _("The day of the answer. Empty: the day it is collected."),
        },
    )


def coverage_table(coverage: Coverage, language: str) -> Table:
    from devagree.formats.coverage import format_percent

    rows: list[list[CellValue]] = []
    uncovered: set[int] = set()
    for strategy in coverage.strategies:
        for track in strategy.tracks:
            if not track.covered:
                uncovered.add(len(rows))
            items = "\n".join(f"{r.agreement} #{r.number} {r.title}" for r in track.items)
            rows.append(
                [
                    track.strategy,
                    f"{track.track.label} ({track.track.id})"
                    if track.track.label
                    else track.track.id,
                    track.track.title,
                    items,
                    _("yes") if track.covered else _("no"),
                ]
            )
    summary = _("{covered} of {total} tracks ({percent})").format(
        covered=coverage.covered,
        total=coverage.total,
        percent=format_percent(coverage.percent, language),
    )
    rows.append(["", "", _("Overall coverage"), summary, ""])
    return Table(
        title=_("Coverage"),
        header=(_("Strategy"), _("Track"), _("Heading"), _("Agreement items"), _("Covered")),
        rows=rows,
        widths=(16, 8, 30, 40, 8),
        wrap=frozenset({2, 3}),
        marked=frozenset(uncovered),
    )


def followup_workbook(
    agreements: Sequence[Agreement],
    deadlines: list[DeadlineRow],
    coverage: Coverage,
    as_of: date,
    language: str,
) -> bytes:
    """The workbook to send to the centres, as .xlsx bytes."""
    book = new_workbook()
    add_table(book, followup_table(agreements, as_of, language), language)
    add_table(book, deadlines_table(deadlines, language), language)
    add_table(book, coverage_table(coverage, language), language)
    return workbook_bytes(book, as_of, _(SHEET_TITLE), language)
