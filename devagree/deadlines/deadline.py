"""Deadlines written the way people speak: "Juni 2016", "Senest 31.12.2016", "inden påske".

Every expression names a period; its due date is the last day of that period, and its start
the first day (a timeline can draw the span). "Primo", "medio" and "ultimo" name the first,
middle and last third of a month (days 1-10, 11-20, 21-end), of a year (January-April,
May-August, September-December), of a quarter (its months), of a half-year (two months
each) and of a week (Monday-Tuesday, Wednesday-Thursday, Friday-Sunday). A range or two
alternatives ("april-maj 2017", "marts/april 2017") is due at the end of the later one and
starts with the earlier. "Inden", "før" and "before" make the due date the day before the
named period begins ("inden påske 2017" is 12 April 2017), except before an end ("inden
udgangen af juni", "before the end of 2017"), which is that end.

Work that starts and then continues ("januar 2017 og løbende") is due at the end of its
first period (it must have started by then) and has ``continues`` set; once started it is
never overdue.

An expression without a year ("ultimo august") takes it from the period given, when that
settles it: the period lies within one year, or only one such date falls inside it.
Otherwise ``MissingYearError`` names the candidates. The words and the grammar are in
``deadline_words`` and ``deadline_grammar``, the calendar and the holidays in
``deadline_calendar``; this module settles the year and says what went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from devagree.deadlines.precision import Precision
from devagree.i18n import N_, Localised, _, say_date

if TYPE_CHECKING:  # the grammar is loaded when a deadline is read, not to use one read before
    from devagree.deadlines.grammar import Reading

__all__ = [
    "ACCEPTED_FORMS",
    "Deadline",
    "DeadlineError",
    "MissingYearError",
    "Precision",
    "WrongWeekdayError",
    "parse_deadline",
]


PRECISION_LABELS: Localised[Precision] = Localised(
    {
        Precision.DAY: N_("day"),
        Precision.WEEK: N_("week"),
        Precision.PART_OF_WEEK: N_("part of week"),
        Precision.MONTH: N_("month"),
        Precision.PART_OF_MONTH: N_("part of month"),
        Precision.QUARTER: N_("quarter"),
        Precision.PART_OF_QUARTER: N_("part of quarter"),
        Precision.HALF_YEAR: N_("half-year"),
        Precision.PART_OF_HALF_YEAR: N_("part of half-year"),
        Precision.SEASON: N_("season"),
        Precision.PART_OF_SEASON: N_("part of season"),
        Precision.HOLIDAY: N_("holiday"),
        Precision.PART_OF_YEAR: N_("part of year"),
        Precision.YEAR: N_("year"),
        Precision.RANGE: N_("range"),
        Precision.CONTINUOUS: N_("continuous"),
    }
)
"""The precisions as people read them, by language: ``PRECISION_LABELS["da"][p]``."""


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str  # the expression exactly as given
    due: date | None  # last day of the named period; None for continuous work
    start: date | None  # first day of the named period; None for continuous work
    precision: Precision
    continues: bool = False
    """The work goes on after ``due`` ("januar 2017 og løbende"): due means started by then."""

    def is_overdue(self, as_of: date, *, started: bool = False) -> bool:
        """True when the whole period lies before `as_of`.

        Continuous work is never overdue; work that continues after its first period is
        overdue after it only while it has not ``started``.
        """
        if self.due is None or (self.continues and started):
            return False
        return self.due < as_of


ACCEPTED_FORMS: tuple[str, ...] = (
    "31.12.2016",
    "1. april 2017",
    "uge 12 2017",
    "juni 2016",
    "ultimo juni 2016",
    "1. kvartal 2017",
    "2. halvår 2018",
    "foråret 2020",
    "inden sommerferien 2016",
    "ultimo 2017",
    "2017",
    "april-maj 2017",
    "løbende",
)
"""One example of each kind of form, as the unreadable-deadline message lists them."""

_UNREADABLE = N_(
    'cannot read the deadline "{text}"; write a day (31.12.2016, 1. april 2017), a week '
    "(uge 12 2017), a month or part of one (juni 2016, ultimo juni 2016), a quarter or "
    "half-year (1. kvartal 2017, 2. halvår 2018), a season or holiday (foråret 2020, inden "
    "sommerferien 2016), a year (ultimo 2017, 2017), a range (april-maj 2017) or løbende"
)


class DeadlineError(ValueError):
    """The expression cannot be read; the message quotes it and lists the forms by kind.

    The message is put together when it is shown, in the language in use then.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return _(_UNREADABLE).format(text=self.text)

    def __reduce__(self) -> tuple[type[DeadlineError], tuple[object, ...]]:
        return (type(self), (self.text,))


class MissingYearError(DeadlineError):
    """The expression names no year, and the period given does not settle it."""

    def __init__(self, text: str, candidates: tuple[date, ...] = ()) -> None:
        super().__init__(text)
        self.candidates = candidates

    def __str__(self) -> str:
        if not self.candidates:
            return _(
                'the deadline "{text}" names no year, and there is no period to take it '
                "from; write the year"
            ).format(text=self.text)
        return _(
            'the deadline "{text}" names no year, and the agreement\'s period does not '
            "settle it; write the year of one of these due dates: {candidates}"
        ).format(text=self.text, candidates=", ".join(say_date(day) for day in self.candidates))

    def __reduce__(self) -> tuple[type[DeadlineError], tuple[object, ...]]:
        return (type(self), (self.text, self.candidates))


class WrongWeekdayError(DeadlineError):
    """The day of the week written before a date is not that date's ("mandag d. 4. april")."""

    def __init__(self, text: str, day: date, weekday: str) -> None:
        super().__init__(text)
        self.day = day
        self.weekday = weekday

    def __str__(self) -> str:
        return _(
            'the deadline "{text}" says "{weekday}", but {day} falls on another day of the week'
        ).format(text=self.text, weekday=self.weekday, day=say_date(self.day))

    def __reduce__(self) -> tuple[type[DeadlineError], tuple[object, ...]]:
        return (type(self), (self.text, self.day, self.weekday))


_Found = tuple[date, date, Precision, date]
"""(start, due, precision, the first day of the span as written, for its weekday)."""


def _resolve(reading: Reading, year: int) -> _Found | None:
    """The span the reading names in `year`, with "inden" (the day before) applied."""
    assert reading.span is not None
    span = reading.span.resolve(year)
    if span is None:
        return None
    if reading.before:
        from devagree.deadlines import calendar as cal

        before = cal.day_before(span)
        return None if before is None else (*before, Precision.DAY, span[0])
    return span[0], span[1], reading.span.precision, span[0]


def _weekday_fits(reading: Reading, found: _Found) -> bool:
    """A weekday written before a date ("mandag d. 3. april") is that date's."""
    assert reading.span is not None
    named = found[3]
    single_day = reading.span.precision is Precision.DAY
    return reading.weekday is None or not single_day or named.weekday() == reading.weekday


def _settle_year(text: str, reading: Reading, period: tuple[date, date] | None) -> _Found:
    """The year of an expression that wrote none, from the period (see the module doc)."""
    if period is None or period[0] > period[1]:
        raise MissingYearError(text)
    first, last = period
    if first.year == last.year:
        found = _resolve(reading, first.year)
        if found is None:
            raise DeadlineError(text)
        return found
    options = [
        (year, found)
        for year in range(first.year - 1, last.year + 1)
        if (found := _resolve(reading, year)) is not None and _weekday_fits(reading, found)
    ]
    inside = [found for _year, found in options if first <= found[1] <= last]
    if len(inside) == 1:
        return inside[0]
    candidates = inside or [found for year, found in options if year >= first.year]
    if not candidates:
        raise DeadlineError(text)
    raise MissingYearError(text, tuple(found[1] for found in candidates))


@lru_cache(maxsize=4096)  # workbooks repeat the same few expressions
def parse_deadline(text: str, period: tuple[date, date] | None = None) -> Deadline:
    """Read a deadline expression; raise DeadlineError (a ValueError) if it cannot be read.

    ``period`` (first and last day of the agreement) supplies the year to an expression that
    names none; without it such an expression raises MissingYearError.
    """
    from devagree.deadlines.grammar import read

    if not isinstance(text, str):
        raise TypeError(f"a deadline must be a str, not {type(text).__name__}")
    reading = read(text)
    if reading is None:
        raise DeadlineError(text)
    if reading.span is None:
        return Deadline(text, None, None, Precision.CONTINUOUS)
    if reading.span.year is None:
        found = _settle_year(text, reading, period)
    else:
        resolved = _resolve(reading, reading.span.year)
        if resolved is None:
            raise DeadlineError(text)
        found = resolved
    start, due, precision, named = found
    if not _weekday_fits(reading, found):
        raise WrongWeekdayError(text, named, reading.weekday_word)
    return Deadline(text, due, start, precision, reading.continues)
