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

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from devagree.core.errors import UsageError
from devagree.core.model import Agreement, Item, State, state_labels
from devagree.core.printable import printable
from devagree.core.problems import Problem
from devagree.core.write_path import current_text, edit_files, refuse_unreadable_size
from devagree.followup.columns import Key, normal
from devagree.followup.history_edit import StatusUpdate
from devagree.followup.sheet_answers import Answer
from devagree.followup.status import (
    DateRefused,
    EntriesEdit,
    NoteRefused,
    OutOfOrder,
    RecordedStatus,
    apply_entries,
    file_errors,
    parse_state,
    plan_entry,
)
from devagree.i18n import _, current_language, say_date


@dataclass(frozen=True, slots=True)
class Refusal:
    answer: Answer
    reason: str
    column: Key | None = None
    """The cell at fault, when one is."""

    @property
    def where(self) -> str:
        answer = self.answer
        place = _('{file}, sheet "{sheet}", row {row}').format(
            file=printable(answer.file), sheet=printable(answer.sheet, 60), row=answer.row
        )
        index = answer.columns.get(self.column) if self.column is not None else None
        if self.column is None or index is None:
            return place
        from openpyxl.utils import get_column_letter

        return (
            place
            + ", "
            + _("column {letter} ({label})").format(
                letter=get_column_letter(index + 1), label=_column(self.column)
            )
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
        if math.isfinite(value) and int(value) == value and int(value) in _EXCEL_DAYS:
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
        year += 2000 if len(match.group(3)) == 2 else 0  # "10.05.16"; "01.01.0001" is year 1
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


_TYPED_NUMBER = re.compile(r"#?\s*([0-9]{1,9})")
"""An item number typed as text: ASCII digits only ("²" and "٣" are digits to Python)."""


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _TYPED_NUMBER.fullmatch(value.strip())
        return int(match.group(1)) if match else None
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


@dataclass(frozen=True, slots=True)
class _Days:
    """The day of rows without a date, today, and whether later days are accepted."""

    default: date
    today: date
    allow_future: bool


def _read(
    answer: Answer, agreements: dict[str, Agreement], problems: Sequence[Problem], days: _Days
) -> _Read | Refusal:
    values = answer.values
    read = (Key.NEW_STATE, Key.NEW_NOTE, Key.DATE, Key.AGREEMENT, Key.NUMBER, Key.TITLE)
    formula = [key for key in read if key in answer.formulas]
    if formula:
        return Refusal(
            answer,
            _("the cell {column} holds a formula ({formula}); type the answer itself").format(
                column=_column(formula[0]), formula=printable(str(values[formula[0]]), 80)
            ),
            formula[0],
        )
    ident = _text(values.get(Key.AGREEMENT, ""))
    agreement = agreements.get(ident)
    if agreement is None:
        return Refusal(
            answer,
            _('there is no agreement "{id}" in the workbook').format(id=printable(ident, 80))
            if ident
            else _("the row names no agreement"),
            Key.AGREEMENT,
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
                id=agreement.id, number=printable(_text(values.get(Key.NUMBER, "")), 40)
            ),
            Key.NUMBER,
        )
    title = values.get(Key.TITLE)
    if title is not None and normal(_text(title)) != normal(item.title):
        return Refusal(
            answer,
            _(
                'the heading "{sheet}" is not the heading of {id} item {number} any more '
                '("{title}"); export a new sheet, or correct the row'
            ).format(
                sheet=printable(_text(title), 120),
                id=agreement.id,
                number=item.number,
                title=item.title,
            ),
            Key.TITLE,
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
                    state=printable(_text(typed), 80), states=", ".join(labels[s] for s in State)
                ),
                Key.NEW_STATE,
            )
    day = days.default
    written = values.get(Key.DATE)
    if written is not None:
        found = answer_day(written)
        if found is None:
            return Refusal(
                answer,
                _('cannot read the date "{date}"; write it as 10.05.2016 or 2016-05-10').format(
                    date=printable(_text(written), 80)
                ),
                Key.DATE,
            )
        day = found
    if day > days.today and not days.allow_future:
        return Refusal(
            answer,
            _(
                "the date {date} is after today ({today}); follow-up records what has "
                "happened. Correct the date, or collect with --allow-future to record it anyway"
            ).format(date=day.isoformat(), today=days.today.isoformat()),
            Key.DATE,
        )
    note = _text(values.get(Key.NEW_NOTE, ""))
    return _Read(answer, agreement, item, state, note, day, written is not None)


def _at_fault(refused: UsageError) -> Key | None:
    """The cell ``plan_entry``'s refusal is about: the note's, or the date's."""
    if isinstance(refused, NoteRefused):
        return Key.NEW_NOTE
    if isinstance(refused, DateRefused):
        return Key.DATE
    return None


def _column(key: Key) -> str:
    from devagree.followup.columns import COLUMNS

    return next(_(c.label) for c in COLUMNS if c.key is key)


@dataclass(slots=True)
class _History:
    """An item's entries (with those planned in this run) as a set, and the latest one, so
    each row is compared with them in constant time."""

    entries: set[tuple[date | None, State, str]]
    latest: tuple[State, str] | None

    @classmethod
    def of(cls, item: Item) -> _History:
        entries = {(e.as_of, e.state, e.note.strip()) for e in item.history}
        last = item.history[-1] if item.history else None
        return cls(entries, (last.state, last.note.strip()) if last is not None else None)

    @property
    def state(self) -> State:
        """The state a row with only a note keeps."""
        return self.latest[0] if self.latest is not None else State.PLANNED

    def holds(self, day: date, state: State, note: str, dated: bool) -> bool:
        """Whether the row's entry is already there (undated: the latest, state and note)."""
        return (day, state, note) in self.entries or (not dated and self.latest == (state, note))

    def add(self, update: StatusUpdate) -> None:
        self.entries.add((update.as_of, update.state, update.note))
        self.latest = (update.state, update.note)


def plan_collection(
    answers: Sequence[Answer],
    agreements: Sequence[Agreement],
    problems: Sequence[Problem],
    day: date,
    *,
    today: date,
    allow_future: bool = False,
) -> Collection:
    """What collecting ``answers`` would record, skip and refuse; nothing is written.

    ``day`` dates the rows without a date. Dates obey the rules of ``status``: none after
    ``today`` unless ``allow_future``, none before the agreement's period starts or before
    the item's latest entry. ``problems`` are the workbook's, so rows for a file with errors
    are refused as ``status`` refuses them.
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
        read = _read(answer, by_id, problems, _Days(day, today, allow_future))
        if isinstance(read, Refusal):
            collection.refused.append(read)
        else:
            reads.append(read)
    reads.sort(key=lambda r: (r.agreement.source, r.item.number, r.day))
    pending: dict[tuple[str, int], list[StatusUpdate]] = {}
    histories: dict[tuple[str, int], _History] = {}
    for read in reads:
        key = (read.agreement.source, read.item.number)
        planned = pending.setdefault(key, [])
        history = histories.get(key) or histories.setdefault(key, _History.of(read.item))
        state = read.state or history.state
        if history.holds(read.day, state, read.note, read.dated):
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
                    Key.DATE,
                )
            )
            continue
        except UsageError as err:
            collection.refused.append(Refusal(read.answer, str(err), _at_fault(err)))
            continue
        planned.append(update)
        history.add(update)
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
            refuse_unreadable_size(Path(shown), len(new_text.encode("utf-8")))
        except UsageError as err:
            collection.refused.extend(Refusal(p.answer, str(err)) for p in planned)
            continue
        collection.edits[shown] = (text, new_text)


def write_collection(collection: Collection, *, timeout: float | None = None) -> None:
    """Record the planned entries, all files or none (``timeout``: seconds to wait for each
    file's lock).

    Every agreement file of the collection is locked before the first is changed, and none
    is renamed into place before all are written (``write_path.edit_files``): a file that
    stays busy, or changed meanwhile so that an entry no longer fits, leaves every file as
    it was.
    """
    if collection.refused:
        raise UsageError(_("rows were refused; nothing was written"))
    edits = {
        Path(shown): EntriesEdit(
            shown, [p.recorded.update for p in planned], collection.edits.get(shown)
        )
        for shown, planned in collection.files().items()
    }
    edit_files(edits, timeout=timeout)
