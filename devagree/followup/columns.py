"""The columns of the follow-up sheet: what ``export`` writes and what ``collect`` looks for.

One table for both directions, so the writer and the reader cannot drift apart. Labels are
English message ids, written in the workbook's language; the reader accepts a column's label
in any language devagree speaks (a sheet exported in Danish can be collected in an English
workbook and the other way round), whatever the case or spacing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from devagree.i18n import LANGUAGES, N_, translations


class Key(StrEnum):
    AGREEMENT = "agreement"
    NUMBER = "number"
    TITLE = "title"
    OWNER = "owner"
    DEADLINE = "deadline"
    DUE = "due"
    STATE = "state"
    NOTE = "note"
    NEW_STATE = "new_state"
    NEW_NOTE = "new_note"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Column:
    key: Key
    label: str
    """An English message id; ``_(label)`` is the header cell."""
    width: int
    """Characters, a starting point: the writer widens a column to fit what it holds."""
    answer: bool = False
    """One of the columns the centre fills in (the rest are devagree's)."""


SHEET_TITLE = N_("Follow-up")

COLUMNS: tuple[Column, ...] = (
    Column(Key.AGREEMENT, N_("Agreement"), 12),
    Column(Key.NUMBER, "#", 4),
    Column(Key.TITLE, N_("Heading"), 20),
    Column(Key.OWNER, N_("Owner"), 16),
    Column(Key.DEADLINE, N_("Deadline"), 12),
    Column(Key.DUE, N_("Due date"), 12),
    Column(Key.STATE, N_("State"), 14),
    Column(Key.NOTE, N_("Latest note"), 24),
    Column(Key.NEW_STATE, N_("New state"), 16, answer=True),
    Column(Key.NEW_NOTE, N_("New note"), 40, answer=True),
    Column(Key.DATE, N_("Date"), 12, answer=True),
)

REQUIRED = (Key.AGREEMENT, Key.NUMBER, Key.NEW_STATE, Key.NEW_NOTE)
"""Without these a sheet cannot be collected; the others are used when they are there."""


def normal(text: str) -> str:
    """Case and runs of spaces do not matter in a header cell or a typed state."""
    return " ".join(text.split()).casefold()


def accepted_labels() -> dict[str, Key]:
    """Every spelling of every column's label that a header cell may have."""
    accepted: dict[str, Key] = {}
    for column in COLUMNS:
        accepted[normal(column.label)] = column.key
        for language in LANGUAGES:
            accepted[normal(translations(language).gettext(column.label))] = column.key
    return accepted
