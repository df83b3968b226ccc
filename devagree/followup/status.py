"""Recording follow-up on an item: a dated status entry added without disturbing the file.

The entry itself is made and checked in ``followup.history_edit``. The write goes through
``write_path.edit_file``: under the file's lock, to the text on disk at that moment, so
entries recorded at the same time are all kept.

``status`` and ``collect`` record an entry the same way: ``plan_entry`` checks it against the
item, ``apply_entries`` makes and checks the edit in memory, ``write_entries`` writes it.
Everything here is pure except ``write_entries``; the day and today are parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.core.files import not_regular
from devagree.core.loader import load
from devagree.core.model import (
    STATE_LABELS,
    Agreement,
    State,
    agreement_from_data,
    state_word,
    valid_states,
)
from devagree.core.paths import display_path
from devagree.core.problems import Problem, Severity, listing
from devagree.core.settings import Settings
from devagree.core.write_path import edit_file
from devagree.followup.history_edit import StatusUpdate, checked_edit
from devagree.i18n import _, say_date
from devagree.workbook.pipeline import check_workbook, load_settings

OVERDUE_CODE = "DA208"
"""An overdue item is what a status update fixes, so it never blocks one."""


class StatusRefused(DevagreeError):
    """The file has errors: follow-up on a file that does not check would mislead."""

    exit_code = ExitCode.PROBLEMS


class NoteRefused(UsageError):
    """A note that cannot be recorded: control characters, or far too long."""


class DateRefused(UsageError):
    """An entry dated before the agreement's period starts."""


class OutOfOrder(UsageError):
    """The new entry is dated before the item's latest one; the history is in date order."""

    def __init__(self, update: StatusUpdate, latest: date, state: State) -> None:
        self.update, self.latest, self.state = update, latest, state
        super().__init__(
            _(
                "the new entry's date {date} is before the latest entry of item {number} "
                "({latest}, {state}); entries are kept in date order: use --as-of with that "
                "day or a later one"
            ).format(
                date=say_date(update.as_of),
                number=update.number,
                latest=say_date(latest),
                state=state_word(state),
            )
        )


def _state_names() -> dict[str, State]:
    names: dict[str, State] = {}
    for state in State:
        names[state.value] = state
        names[state.value.replace("_", "-")] = state
        names[state.value.replace("_", " ")] = state
        for labels in STATE_LABELS.values():
            names[labels[state].lower()] = state
    return names


def parse_state(text: str) -> State:
    """A state from its key (``in_progress``) or its label (``i gang``, ``in progress``)."""
    state = _state_names().get(" ".join(text.strip().lower().split()))
    if state is None:
        raise UsageError(
            _('unknown state "{text}"; the states are: {states}').format(
                text=text, states=valid_states()
            )
        )
    return state


@dataclass(frozen=True, slots=True)
class RecordedStatus:
    """What was recorded, for the CLI to report."""

    path: str
    agreement: str
    number: int
    title: str
    previous: State | None
    update: StatusUpdate
    entries: int
    """How many entries the item's history now has."""
    converted: bool
    """A single ``status:`` mapping was turned into a list (its lines were re-indented)."""


MAX_NOTE = 5000
"""Characters in one note: two pages of text. A note is a short word to the committee, and
a file must stay far below what devagree reads (``loader.MAX_BYTES``)."""


def _check_note(note: str) -> None:
    bad = sorted({c for c in note if (ord(c) < 32 and c not in "\n\t") or c == "\x7f"})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad)
        raise NoteRefused(
            _("the note holds control characters ({codes}); write plain text").format(codes=codes)
        )
    if len(note) > MAX_NOTE:
        raise NoteRefused(
            _(
                "the note is {length} characters long, and a note holds at most {limit}; "
                "write a short note and keep the rest in a document of its own"
            ).format(length=len(note), limit=MAX_NOTE)
        )


def workbook_paths(path: Path) -> list[Path]:
    """The file together with its workbook's folders, so links to other documents resolve.

    Checked alone, a file that links to a strategy would report the link as broken.
    """
    settings, _problems, _unreadable = load_settings(path.parent)
    if settings.config is None:
        return [path]
    folders = [settings.root / p for p in settings.paths if (settings.root / p).is_dir()]
    target = path.resolve()
    if any(target.is_relative_to(folder.resolve()) for folder in folders):
        return folders
    return [*folders, path]


def checked_agreement(path: Path, as_of: date) -> tuple[Agreement, Settings]:
    """The agreement in ``path`` and its workbook's settings, refused when its file has
    errors (overdue aside)."""
    shown = display_path(path)
    problem = not_regular(path)
    if problem is not None:
        raise UsageError(f"{shown}: {problem}")
    workbook = check_workbook(workbook_paths(path), as_of=as_of, start=path.parent)
    errors = file_errors(workbook.problems, shown)
    if errors:
        refused = StatusRefused(
            _(
                "{path} has errors; fix them before recording follow-up (devagree check {path}):"
            ).format(path=shown)
            + "\n"
            + listing(errors)
        )
        if workbook.unreadable:
            refused.exit_code = ExitCode.USAGE
        raise refused
    agreements = [a for a in workbook.agreements if a.source == shown]
    if len(agreements) != 1:
        raise UsageError(_("{path} is not an agreement file (kind: agreement)").format(path=shown))
    return agreements[0], workbook.settings


def file_errors(problems: Iterable[Problem], shown: str) -> list[Problem]:
    """The errors that stop follow-up on the file ``shown`` (an overdue item never does)."""
    return [
        p
        for p in problems
        if p.severity is Severity.ERROR and p.code != OVERDUE_CODE and p.path == shown
    ]


def plan_entry(
    agreement: Agreement, update: StatusUpdate, pending: Sequence[StatusUpdate] = ()
) -> RecordedStatus:
    """What recording ``update`` on its item will do, or a refusal; nothing is written.

    ``pending``: entries for the same item planned before this one in the same run, in
    date order, so several answers for one item are checked against each other too.
    """
    _check_note(update.note)
    item = next((i for i in agreement.items if i.number == update.number), None)
    if item is None:
        numbers = ", ".join(f"{i.number} «{i.title}»" for i in agreement.items)
        raise UsageError(
            _("{id} has no item {number}; its items are: {items}").format(
                id=agreement.id, number=update.number, items=numbers or _("none")
            )
        )
    if update.as_of < agreement.period.start:
        raise DateRefused(
            _(
                "the date {date} is before the period of {id} starts ({start}); follow-up "
                "is recorded from the first day of the agreement"
            ).format(
                date=update.as_of.isoformat(),
                id=agreement.id,
                start=agreement.period.start.isoformat(),
            )
        )
    last = item.status
    latest: tuple[date | None, State] | None = (last.as_of, last.state) if last else None
    if pending:
        latest = (pending[-1].as_of, pending[-1].state)
    if latest is not None and latest[0] is not None and update.as_of < latest[0]:
        raise OutOfOrder(update, latest[0], latest[1])
    return RecordedStatus(
        path=agreement.source,
        agreement=agreement.id,
        number=item.number,
        title=item.title,
        previous=latest[1] if latest is not None else None,
        update=update,
        entries=len(item.history) + len(pending) + 1,
        converted=False,
    )


def apply_entries(shown: str, text: str, updates: Sequence[StatusUpdate]) -> tuple[str, list[bool]]:
    """``text`` with every update added (in one edit, checked); nothing is written.

    Returns the new text and, per update, whether a single ``status:`` mapping was turned
    into a list.
    """
    return checked_edit(shown, text, updates)


class EntriesEdit:
    """The change that records ``updates`` in one file (for ``edit_file``/``edit_files``).

    ``prepared``: an (old text, new text) pair from ``apply_entries``; when the file still
    holds the old text, the checked new text is written without making the edit again.
    When the file changed since, every update is planned again against what is on disk
    now (the item must still exist, the dates must still be in order) or refused.
    Afterwards ``converted`` says, per update, whether a ``status:`` mapping became a list,
    and ``written`` holds the text written.
    """

    def __init__(
        self, shown: str, updates: Sequence[StatusUpdate], prepared: tuple[str, str] | None
    ) -> None:
        self.shown, self.updates, self.prepared = shown, updates, prepared
        self.converted: list[bool] = [False] * len(updates)
        self.written = ""

    def __call__(self, text: str) -> str:
        if self.prepared is not None and text == self.prepared[0]:
            self.written = self.prepared[1]
            return self.written
        current = agreement_from_data(self.shown, load(self.shown, text).data)
        planned: dict[int, list[StatusUpdate]] = {}
        for update in self.updates:
            before = planned.setdefault(update.number, [])
            plan_entry(current, update, before)
            before.append(update)
        self.written, self.converted = apply_entries(self.shown, text, self.updates)
        return self.written


def write_entries(
    path: Path,
    updates: Sequence[StatusUpdate],
    prepared: tuple[str, str] | None = None,
    *,
    timeout: float | None = None,
) -> tuple[list[bool], str]:
    """Record ``updates`` in ``path`` through the one write path (the file's current text).

    Returns, per update, whether a ``status:`` mapping became a list, and the text written
    (see ``EntriesEdit``).
    """
    edit = EntriesEdit(display_path(path), updates, prepared)
    edit_file(path, edit, timeout=timeout)
    return edit.converted, edit.written


def record_status(
    path: Path,
    update: StatusUpdate,
    *,
    today: date,
    allow_future: bool = False,
    lock_timeout: float | None = None,
) -> RecordedStatus:
    """Add ``update`` to the item's history in ``path`` through the one write path.

    The workbook is checked first (a file with errors is refused); the entry itself is then
    added under the file's lock to the text on disk at that moment, so entries recorded at
    the same time by others are kept, and what is reported (the previous state, the number
    of entries) is read from that text. ``today`` bounds ``as_of`` unless ``allow_future``.
    """
    if update.as_of > today and not allow_future:
        raise UsageError(
            _(
                "--as-of {day} is after today ({today}); follow-up records what has happened. "
                "Use --allow-future to record a planned state anyway"
            ).format(day=say_date(update.as_of), today=say_date(today))
        )
    agreement, settings = checked_agreement(path, update.as_of)
    plan_entry(agreement, update)
    converted, written = write_entries(path, [update], timeout=settings.lock_wait(lock_timeout))
    after = agreement_from_data(agreement.source, load(agreement.source, written).data)
    now = next(i for i in after.items if i.number == update.number)
    return RecordedStatus(
        path=agreement.source,
        agreement=after.id,
        number=now.number,
        title=now.title,
        previous=now.history[-2].state if len(now.history) > 1 else None,
        update=update,
        entries=len(now.history),
        converted=converted[0],
    )


# --- the edit ----------------------------------------------------------------------------
