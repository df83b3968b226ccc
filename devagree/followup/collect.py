"""From answered follow-up sheets to status entries: every row checked before any file changes.

Each answered row (a new state or a new note) becomes one status entry on its item, recorded
the way ``devagree status`` records one (``followup.plan_entry``, ``apply_entries``,
``write_entries``). The whole collection is planned first: rows that name an unknown
agreement or item, whose heading no longer matches the item's, whose state or date cannot
be read, or that hold a formula, are refused with their sheet and row; then every edit is
made in memory and checked. Only when nothing was refused are the files written.

Collecting is repeatable: a row whose entry the item already has (same date, state and
note; for a row without a date, the same state and note as the latest entry) is reported as
already recorded and adds nothing.

Pure apart from reading the agreement files and ``write_collection``; the default day is a
parameter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from devagree.core.errors import UsageError
from devagree.core.model import Agreement, Item, State, state_labels
from devagree.core.problems import Problem
from devagree.core.write_path import current_text
from devagree.followup.columns import Key, normal
from devagree.followup.history_edit import StatusUpdate
from devagree.followup.sheet_answers import Answer
from devagree.followup.status import (
    OutOfOrder,
    RecordedStatus,
    apply_entries,
    file_errors,
    parse_state,
    plan_entry,
    write_entries,
)
from devagree.i18n import _, current_language, say_date


@dataclass(frozen=True, slots=True)
class Refusal:
    answer: Answer
    reason: str

    @property
    def where(self) -> str:
        return _('{file}, sheet "{sheet}", row {row}').format(
            file=self.answer.file, sheet=self.answer.sheet, row=self.answer.row
        )


@dataclass(frozen=True, slots=True)
class Planned:
    answer: Answer
    recorded: RecordedStatus


@dataclass(slots=True)
class Collection:
    planned: list[Planned] = field(default_factory=list)
    already: list[tuple[Answer, Agreement, Item]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    unanswered: int = 0
    """Rows with neither a new state nor a new note."""
    edits: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Per agreement file, its text and the checked new text, made while planning."""

    def files(self) -> dict[str, list[Planned]]:
        """The planned entries per agreement file, in the order they are recorded."""
        by_file: dict[str, list[Planned]] = {}
        for planned in self.planned:
            by_file.setdefault(planned.recorded.path, []).append(planned)
        return by_file


_TYPED_DAY = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./ -]\s*(\d{4}|\d{2})")
_EXCEL_DAYS = range(1, 2958466)
"""Serial numbers Excel can show as a date (1900-01-01 to 9999-12-31)."""


def answer_day(value: object) -> date | None:
    """The day a cell means: a date cell, or a date typed as text (ISO, 10.05.2016,
    10-05-2016, 10/5 2016, 10. maj 2016), or a date's serial number; None when it is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if int(value) == value and int(value) in _EXCEL_DAYS:
            from openpyxl.utils.datetime import from_excel

            converted: datetime = from_excel(int(value))
            return converted.date()
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    match = _TYPED_DAY.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    from devagree.deadlines.deadline import DeadlineError, Precision, parse_deadline

    try:
        deadline = parse_deadline(text)
    except DeadlineError:
        return None
    return deadline.due if deadline.precision is Precision.DAY else None


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("#").strip().isdigit():
        return int(value.strip().lstrip("#").strip())
    return None


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass(frozen=True, slots=True)
class _Read:
    """An answered row in the model's terms, before it is checked against the history."""

    answer: Answer
    agreement: Agreement
    item: Item
    state: State | None
    """None: only a note was given; the entry keeps the item's state."""
    note: str
    day: date
    dated: bool


def _read(
    answer: Answer, agreements: dict[str, Agreement], problems: Sequence[Problem], today: date
) -> _Read | Refusal:
    values = answer.values
    read = (Key.NEW_STATE, Key.NEW_NOTE, Key.DATE, Key.AGREEMENT, Key.NUMBER, Key.TITLE)
    formula = [key for key in read if key in answer.formulas]
    if formula:
        return Refusal(
            answer,
            _("the cell {column} holds a formula ({formula}); type the answer itself").format(
                column=_column(formula[0]), formula=values[formula[0]]
            ),
        )
    ident = _text(values.get(Key.AGREEMENT, ""))
    agreement = agreements.get(ident)
    if agreement is None:
        return Refusal(
            answer,
            _('there is no agreement "{id}" in the workbook').format(id=ident)
            if ident
            else _("the row names no agreement"),
        )
    if file_errors(problems, agreement.source):
        return Refusal(
            answer,
            _("{file} has errors; fix them first (devagree check {file})").format(
                file=agreement.source
            ),
        )
    number = _number(values.get(Key.NUMBER))
    item = next((i for i in agreement.items if i.number == number), None)
    if item is None:
        return Refusal(
            answer,
            _("{id} has no item {number}").format(
                id=agreement.id, number=_text(values.get(Key.NUMBER, ""))
            ),
        )
    title = values.get(Key.TITLE)
    if title is not None and normal(_text(title)) != normal(item.title):
        return Refusal(
            answer,
            _(
                'the heading "{sheet}" is not the heading of {id} item {number} any more '
                '("{title}"); export a new sheet, or correct the row'
            ).format(sheet=_text(title), id=agreement.id, number=item.number, title=item.title),
        )
    state: State | None = None
    typed = values.get(Key.NEW_STATE)
    if typed is not None:
        try:
            state = parse_state(typed) if isinstance(typed, str) else None
        except UsageError:
            state = None
        if state is None:
            labels = state_labels(current_language())
            return Refusal(
                answer,
                _('"{state}" is not a state; write one of: {states}').format(
                    state=_text(typed), states=", ".join(labels[s] for s in State)
                ),
            )
    day = today
    written = values.get(Key.DATE)
    if written is not None:
        found = answer_day(written)
        if found is None:
            return Refusal(
                answer,
                _('cannot read the date "{date}"; write it as 10.05.2016 or 2016-05-10').format(
                    date=_text(written)
                ),
            )
        day = found
    note = _text(values.get(Key.NEW_NOTE, ""))
    return _Read(answer, agreement, item, state, note, day, written is not None)


def _column(key: Key) -> str:
    from devagree.followup.columns import COLUMNS

    return next(_(c.label) for c in COLUMNS if c.key is key)


def plan_collection(
    answers: Sequence[Answer],
    agreements: Sequence[Agreement],
    problems: Sequence[Problem],
    today: date,
) -> Collection:
    """What collecting ``answers`` would record, skip and refuse; nothing is written.

    ``today`` dates the rows without a date. ``problems`` are the workbook's, so rows for a
    file with errors are refused as ``status`` refuses them.
    """
    collection = Collection()
    by_id: dict[str, Agreement] = {}
    for agreement in agreements:
        by_id.setdefault(agreement.id, agreement)
    reads: list[_Read] = []
    for answer in answers:
        if Key.NEW_STATE not in answer.values and Key.NEW_NOTE not in answer.values:
            collection.unanswered += 1
            continue
        read = _read(answer, by_id, problems, today)
        if isinstance(read, Refusal):
            collection.refused.append(read)
        else:
            reads.append(read)
    reads.sort(key=lambda r: (r.agreement.source, r.item.number, r.day))
    pending: dict[tuple[str, int], list[StatusUpdate]] = {}
    for read in reads:
        planned = pending.setdefault((read.agreement.source, read.item.number), [])
        history = [(e.as_of, e.state, e.note.strip()) for e in read.item.history]
        history += [(u.as_of, u.state, u.note) for u in planned]
        state = read.state or (history[-1][1] if history else State.PLANNED)
        if (read.day, state, read.note) in history or (
            not read.dated and history and history[-1][1:] == (state, read.note)
        ):
            collection.already.append((read.answer, read.agreement, read.item))
            continue
        update = StatusUpdate(read.item.number, state, read.day, read.note)
        try:
            recorded = plan_entry(read.agreement, update, planned)
        except OutOfOrder as err:
            collection.refused.append(
                Refusal(
                    read.answer,
                    _(
                        "the date {date} is before the latest entry of {id} item {number} "
                        "({latest}); entries are kept in date order: write that day or a "
                        "later one in the date column"
                    ).format(
                        date=say_date(read.day),
                        id=read.agreement.id,
                        number=read.item.number,
                        latest=say_date(err.latest),
                    ),
                )
            )
            continue
        except UsageError as err:
            collection.refused.append(Refusal(read.answer, str(err)))
            continue
        planned.append(update)
        collection.planned.append(Planned(read.answer, recorded))
    if not collection.refused:
        _try_edits(collection)
    return collection


def _try_edits(collection: Collection) -> None:
    """Make every file's edit in memory; a file that cannot take it refuses its rows."""
    for shown, planned in collection.files().items():
        text = current_text(Path(shown))
        try:
            new_text, _converted = apply_entries(shown, text, [p.recorded.update for p in planned])
        except UsageError as err:
            collection.refused.extend(Refusal(p.answer, str(err)) for p in planned)
            continue
        collection.edits[shown] = (text, new_text)


def write_collection(collection: Collection, *, timeout: float | None = None) -> None:
    """Record the planned entries, one write per agreement file (``timeout``: seconds to
    wait for each file's lock)."""
    if collection.refused:
        raise UsageError(_("rows were refused; nothing was written"))
    for shown, planned in collection.files().items():
        updates = [p.recorded.update for p in planned]
        write_entries(Path(shown), updates, prepared=collection.edits.get(shown), timeout=timeout)
