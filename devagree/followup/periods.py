"""Which agreements a report or the site is about: by default those in force on its day.

After `devagree new --from`, a workbook holds this year's agreements beside next year's
drafts. A report for a committee meeting is about what is in force on the meeting's day;
the rest (drafts for a coming period, agreements of past ones) is named in a section of
its own. ``--period 2017`` chooses the agreements whose period touches 2017, ``--period
all`` every agreement. Pure: the day is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from devagree.core.model import Agreement

ALL = "all"
_ALL_WORDS = frozenset({"all", "alle"})


def parse_period(text: str) -> int | str:
    """``all`` (or ``alle``), or a year; ValueError for anything else."""
    word = text.strip().lower()
    if word in _ALL_WORDS:
        return ALL
    if word.isdigit() and len(word) == 4:
        return int(word)
    raise ValueError(text)


def in_force(agreement: Agreement, day: date) -> bool:
    return agreement.period.start <= day <= agreement.period.end


def in_year(agreement: Agreement, year: int) -> bool:
    return agreement.period.start.year <= year <= agreement.period.end.year


@dataclass(frozen=True, slots=True)
class Chosen:
    shown: tuple[Agreement, ...]
    """The agreements the report or the site is about, in the order given."""
    others: tuple[Agreement, ...]
    """The rest: drafts and agreements of other periods, by period and id."""


def choose(agreements: Iterable[Agreement], day: date, period: int | str | None = None) -> Chosen:
    """The agreements in force on ``day`` (``period`` None), of a year, or ``ALL``."""
    every = list(agreements)
    if period == ALL:
        shown = every
    elif isinstance(period, int):
        shown = [a for a in every if in_year(a, period)]
    else:
        shown = [a for a in every if in_force(a, day)]
    chosen = {id(a) for a in shown}
    others = sorted((a for a in every if id(a) not in chosen), key=lambda a: (a.period.start, a.id))
    return Chosen(tuple(shown), tuple(others))


def years(agreements: Iterable[Agreement]) -> list[int]:
    """The years the agreements' periods begin in, for a message naming the choices."""
    return sorted({a.period.start.year for a in agreements})
