"""Deadlines written the way people speak: "Juni 2016", "Ultimo 2016", "1. kvartal 2017".

Every expression names a period; its due date is the last day of that period. "Primo",
"medio" and "ultimo" name the first, middle and last third of a month (days 1-10, 11-20,
21-end) or of a year (January-April, May-August, September-December).

The grammar is a table of (pattern, precision, resolver) rows tried in order against the
normalised text (lowercased, whitespace collapsed, one trailing "." dropped). A resolver
turns a match into the period's (start, due) bounds, or None when the words or numbers do
not name a real period ("foo 2016", week 54, 31 February); then the next row is tried.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache

from devagree.i18n import N_, Localised, _

__all__ = ["ACCEPTED_FORMS", "Deadline", "DeadlineError", "Precision", "parse_deadline"]


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    PART_OF_MONTH = "part_of_month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    SEASON = "season"
    PART_OF_YEAR = "part_of_year"
    YEAR = "year"
    CONTINUOUS = "continuous"


PRECISION_LABELS: Localised[Precision] = Localised(
    {
        Precision.DAY: N_("day"),
        Precision.WEEK: N_("week"),
        Precision.MONTH: N_("month"),
        Precision.PART_OF_MONTH: N_("part of month"),
        Precision.QUARTER: N_("quarter"),
        Precision.HALF_YEAR: N_("half-year"),
        Precision.SEASON: N_("season"),
        Precision.PART_OF_YEAR: N_("part of year"),
        Precision.YEAR: N_("year"),
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

    def is_overdue(self, as_of: date) -> bool:
        """True when the whole period lies before `as_of`; continuous work is never overdue."""
        return self.due is not None and self.due < as_of


ACCEPTED_FORMS: tuple[str, ...] = (
    "31.12.2016",
    "uge 12 2017",
    "juni 2016",
    "ultimo juni 2016",
    "1. kvartal 2017",
    "1. halvår 2018",
    "foråret 2020",
    "ultimo 2017",
    "2017",
    "løbende",
)


class DeadlineError(ValueError):
    """Raised with a message that quotes the expression and lists the accepted forms."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(text)

    def __str__(self) -> str:
        """Said in the current language when shown, not when raised (parses are cached)."""
        return _(
            'cannot read the deadline "{text}"; write a date or a period such as '
            "{examples} or {last}"
        ).format(text=self.text, examples=", ".join(ACCEPTED_FORMS[:-1]), last=ACCEPTED_FORMS[-1])

    def __reduce__(self) -> tuple[type[DeadlineError], tuple[str]]:
        return (DeadlineError, (self.text,))


# --- words -------------------------------------------------------------------------------


@cache
def _month_numbers() -> dict[str, int]:
    """Danish and English month names, full and abbreviated, lowercased, without dots."""
    from babel.dates import get_month_names  # lazily: importing this module stays cheap

    names = {"sept": 9}
    for locale in ("da", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[str(name).lower().rstrip(".")] = int(number)
    return names


_ORDINALS: dict[str, int] = {
    **{f"{n}": n for n in range(1, 10)},
    **{f"{n}.": n for n in range(1, 10)},
    "første": 1, "first": 1, "1st": 1,
    "anden": 2, "andet": 2, "second": 2, "2nd": 2,
    "tredje": 3, "third": 3, "3rd": 3,
    "fjerde": 4, "fourth": 4, "4th": 4,
}  # fmt: skip

_SEASONS: dict[str, int] = {  # the season's first month
    "forår": 3, "foråret": 3, "spring": 3,
    "sommer": 6, "sommeren": 6, "summer": 6,
    "efterår": 9, "efteråret": 9, "autumn": 9, "fall": 9,
    "vinter": 12, "vinteren": 12, "winter": 12,
}  # fmt: skip

_THIRDS: dict[str, int] = {  # primo/medio/ultimo: which third of the month or year
    "primo": 0, "start of": 0,
    "medio": 1, "mid": 1,
    "ultimo": 2, "end of": 2,
}  # fmt: skip


# --- periods -----------------------------------------------------------------------------

_Period = tuple[date, date]  # (start, due), both inclusive


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _months(year: int, first: int, count: int) -> _Period | None:
    """`count` whole months starting with month `first` (may run into the next year)."""
    if not 1 <= first <= 12:
        return None
    end_year, end_month = divmod(year * 12 + first - 1 + count - 1, 12)
    end_month += 1
    return date(year, first, 1), date(end_year, end_month, _last_day(end_year, end_month))


def _nth(number: int, size: int, count: int, year: int) -> _Period | None:
    """The `number`th (1-based) of `count` blocks of `size` months in `year`."""
    if not 1 <= number <= count:
        return None
    return _months(year, (number - 1) * size + 1, size)


# --- resolvers: match -> period ----------------------------------------------------------

_Match = re.Match[str]


def _year(m: _Match) -> int:
    return int(m["year"])


def _month(m: _Match) -> int:
    """The month as written, by number or by name; 0 when it is neither."""
    if m["month"].isdigit():
        return int(m["month"])
    return _month_numbers().get(m["month"], 0)


def _day(m: _Match) -> _Period | None:
    month = _month(m)
    if not 1 <= month <= 12 or not 1 <= int(m["day"]) <= _last_day(_year(m), month):
        return None
    day = date(_year(m), month, int(m["day"]))
    return day, day


def _week(m: _Match) -> _Period | None:
    year, week = _year(m), int(m["week"])
    weeks_in_year = date(year, 12, 28).isocalendar().week
    if not 1 <= week <= weeks_in_year:
        return None
    return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)


def _whole_month(m: _Match) -> _Period | None:
    return _months(_year(m), _month(m), 1)


def _part_of_month(m: _Match) -> _Period | None:
    month = _month(m)
    if not 1 <= month <= 12:
        return None
    year, third = _year(m), _THIRDS[m["part"]]
    last = _last_day(year, month) if third == 2 else 10 * third + 10
    return date(year, month, 10 * third + 1), date(year, month, last)


def _quarter(m: _Match) -> _Period | None:
    return _nth(_ORDINALS.get(m["n"], 0), 3, 4, _year(m))


def _half_year(m: _Match) -> _Period | None:
    return _nth(_ORDINALS.get(m["n"], 0), 6, 2, _year(m))


def _season(m: _Match) -> _Period | None:
    first = _SEASONS.get(m["season"])
    return None if first is None else _months(_year(m), first, 3)


def _part_of_year(m: _Match) -> _Period | None:
    return _nth(_THIRDS[m["part"]] + 1, 4, 3, _year(m))


def _whole_year(m: _Match) -> _Period | None:
    return _months(_year(m), 1, 12)


# --- the grammar -------------------------------------------------------------------------

_YEAR = r"(?P<year>19[0-9]{2}|2[0-9]{3})"
_WORD = r"[a-zæøå]+"
_MONTH_NAME = rf"(?P<month>{_WORD})\.?"
_PART = r"(?P<part>primo|medio|ultimo|start of|mid|end of)"
_ORD = rf"(?P<n>[0-9]\.?|[0-9](?:st|nd|rd|th)|{_WORD})"

_Resolver = Callable[[_Match], _Period | None]

_RULES: tuple[tuple[re.Pattern[str], Precision, _Resolver], ...] = tuple(
    (re.compile(pattern), precision, resolver)
    for pattern, precision, resolver in (
        # 2016-12-31 · 31.12.2016 · 31/12/2016 · 31. december 2016 · 31 dec. 2016
        (rf"{_YEAR}-(?P<month>[0-9]{{1,2}})-(?P<day>[0-9]{{1,2}})", Precision.DAY, _day),
        (rf"(?P<day>[0-9]{{1,2}})(?P<sep>[./])(?P<month>[0-9]{{1,2}})(?P=sep){_YEAR}",
         Precision.DAY, _day),
        (rf"(?P<day>[0-9]{{1,2}})\.? {_MONTH_NAME} {_YEAR}", Precision.DAY, _day),
        # uge 12 2017 · uge 12, 2017 · week 12 2017 · 2017-w12
        (rf"(?:uge|week) (?P<week>[0-9]{{1,2}}),? {_YEAR}", Precision.WEEK, _week),
        (rf"{_YEAR}-w(?P<week>[0-9]{{1,2}})", Precision.WEEK, _week),
        # juni 2016 · jun. 2016 · 2016-06
        (rf"{_MONTH_NAME} {_YEAR}", Precision.MONTH, _whole_month),
        (rf"{_YEAR}-(?P<month>[0-9]{{1,2}})", Precision.MONTH, _whole_month),
        # primo juni 2016 · mid june 2016 · end of jun. 2016
        (rf"{_PART} {_MONTH_NAME} {_YEAR}", Precision.PART_OF_MONTH, _part_of_month),
        # 1. kvartal 2017 · første kvartal 2017 · q1 2017 · 2017-q1 · first quarter (of) 2017
        (rf"{_ORD} kvartal {_YEAR}", Precision.QUARTER, _quarter),
        (rf"{_ORD} quarter(?: of)? {_YEAR}", Precision.QUARTER, _quarter),
        (rf"q(?P<n>[0-9]) {_YEAR}", Precision.QUARTER, _quarter),
        (rf"{_YEAR}-q(?P<n>[0-9])", Precision.QUARTER, _quarter),
        # 1. halvår 2018 · andet halvår 2018 · h1 2018 · 2018-h1 · second half (of) 2018
        (rf"{_ORD} halvår {_YEAR}", Precision.HALF_YEAR, _half_year),
        (rf"{_ORD} half(?: of)? {_YEAR}", Precision.HALF_YEAR, _half_year),
        (rf"h(?P<n>[0-9]) {_YEAR}", Precision.HALF_YEAR, _half_year),
        (rf"{_YEAR}-h(?P<n>[0-9])", Precision.HALF_YEAR, _half_year),
        # foråret 2020 · sommer 2020 · autumn 2020 · winter 2020
        (rf"(?P<season>{_WORD}) {_YEAR}", Precision.SEASON, _season),
        # primo 2017 · medio 2017 · end of 2017
        (rf"{_PART} {_YEAR}", Precision.PART_OF_YEAR, _part_of_year),
        # 2017 · i 2017 · i løbet af 2017 · during 2017 · in 2017
        (rf"(?:(?:i|i løbet af|during|in) )?{_YEAR}", Precision.YEAR, _whole_year),
    )
)  # fmt: skip

_CONTINUOUS = frozenset({"løbende", "ongoing", "continuous"})


def _normalise(text: str) -> str:
    """Lowercase, NFC, whitespace runs collapsed, outer whitespace and one trailing "." off."""
    normal = " ".join(unicodedata.normalize("NFC", text).lower().split())
    return normal[:-1].rstrip() if normal.endswith(".") else normal


@lru_cache(maxsize=4096)  # workbooks repeat the same few expressions
def parse_deadline(text: str) -> Deadline:
    """Read a deadline expression; raise DeadlineError (a ValueError) if it cannot be read."""
    if not isinstance(text, str):
        raise TypeError(f"a deadline must be a str, not {type(text).__name__}")
    normal = _normalise(text)
    if normal in _CONTINUOUS:
        return Deadline(text, None, None, Precision.CONTINUOUS)
    for pattern, precision, resolve in _RULES:
        match = pattern.fullmatch(normal)
        if match is None:
            continue
        period = resolve(match)
        if period is not None:
            start, due = period
            return Deadline(text, due, start, precision)
    raise DeadlineError(text)
