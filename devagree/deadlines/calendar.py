"""The calendar behind deadlines: months, ISO weeks, thirds of a period, Danish holidays.

Every function returns a period as (first day, last day), both inclusive, or None when the
numbers do not name a real period (month 13, week 54, 31 February). Nothing here reads the
clock or knows any words; the grammar (``deadline_grammar``) turns words into these calls.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Span = tuple[date, date]
"""(first day, last day) of a period, both inclusive."""

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = timedelta(days=1)

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Years a deadline may name; the first and last have room for spans that straddle them."""


def last_day(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _year_ok(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def day(year: int, month: int, number: int) -> Span | None:
    if not _year_ok(year) or not 1 <= month <= 12 or not 1 <= number <= last_day(year, month):
        return None
    one = date(year, month, number)
    return one, one


def months(year: int, first: int, count: int) -> Span | None:
    """`count` whole months starting with month `first` (may run into the next year)."""
    if not _year_ok(year) or not 1 <= first <= 12:
        return None
    end_year, end_month = divmod(year * 12 + first - 1 + count - 1, 12)
    end_month += 1
    if end_year > LAST_YEAR + 1:
        return None
    return date(year, first, 1), date(end_year, end_month, last_day(end_year, end_month))


def nth(number: int, size: int, count: int, year: int) -> Span | None:
    """The `number`th (1-based) of `count` blocks of `size` months in `year`."""
    if not 1 <= number <= count:
        return None
    return months(year, (number - 1) * size + 1, size)


def week(year: int, number: int) -> Span | None:
    """ISO week `number` of `year`, Monday to Sunday."""
    if not _year_ok(year):
        return None
    if not 1 <= number <= date(year, 12, 28).isocalendar().week:
        return None
    return date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)


def year(number: int) -> Span | None:
    return months(number, 1, 12)


def day_before(span: Span) -> Span | None:
    """The last day before `span` begins, as a one-day span."""
    if span[0] == date.min:
        return None
    before = span[0] - _ONE_DAY
    return before, before


# --- thirds: primo, medio, ultimo -------------------------------------------------------------


def third_of_month(span: Span, part: int) -> Span:
    """Days 1-10, 11-20, 21-end."""
    first = span[0]
    if part == 2:
        return first.replace(day=21), span[1]
    return first.replace(day=10 * part + 1), first.replace(day=10 * part + 10)


def third_of_months(span: Span, part: int, size: int) -> Span | None:
    """The `part`th (0-2) of three blocks of `size` months from the span's first month."""
    first = span[0]
    start_year, start_month = divmod(first.year * 12 + first.month - 1 + part * size, 12)
    return months(start_year, start_month + 1, size)


def third_of_week(span: Span, part: int) -> Span:
    """Monday-Tuesday, Wednesday-Thursday, Friday-Sunday."""
    monday = span[0]
    return (
        (monday, monday + timedelta(days=1)),
        (monday + timedelta(days=2), monday + timedelta(days=3)),
        (monday + timedelta(days=4), monday + timedelta(days=6)),
    )[part]


# --- Danish holidays ----------------------------------------------------------------------------


def _easter(number: int) -> date:
    from dateutil.easter import easter  # lazily: only holidays need it

    return easter(number)


def easter(number: int) -> Span | None:
    """Påske: Maundy Thursday (skærtorsdag) to Easter Monday (2. påskedag)."""
    if not _year_ok(number):
        return None
    sunday = _easter(number)
    return sunday - timedelta(days=3), sunday + _ONE_DAY


def whitsun(number: int) -> Span | None:
    """Pinse: Whit Sunday (pinsedag) and Whit Monday (2. pinsedag), Easter + 49 and 50 days."""
    if not _year_ok(number):
        return None
    sunday = _easter(number) + timedelta(days=49)
    return sunday, sunday + _ONE_DAY


def summer_holiday(number: int) -> Span | None:
    """Sommerferien: the school summer holiday, from the last Saturday of June for six
    weeks, to and including the Sunday after them (44 days)."""
    if not _year_ok(number):
        return None
    end_of_june = date(number, 6, 30)
    saturday = end_of_june - timedelta(days=(end_of_june.weekday() - 5) % 7)
    return saturday, saturday + timedelta(days=43)


def _school_week(number: int, iso_week: int) -> Span | None:
    """A school holiday week: ISO week `iso_week` and the weekend before it (9 days)."""
    span = week(number, iso_week)
    return None if span is None else (span[0] - timedelta(days=2), span[1])


def autumn_holiday(number: int) -> Span | None:
    """Efterårsferien: week 42, from the Saturday before it."""
    return _school_week(number, 42)


def winter_holiday(number: int) -> Span | None:
    """Vinterferien: week 7, from the Saturday before it."""
    return _school_week(number, 7)


def christmas(number: int) -> Span | None:
    """Jul: 24 to 26 December."""
    return (date(number, 12, 24), date(number, 12, 26)) if _year_ok(number) else None


def new_year(number: int) -> Span | None:
    """Nytår `number`: New Year's Eve of that year and New Year's Day after it."""
    return (date(number, 12, 31), date(number + 1, 1, 1)) if _year_ok(number) else None


def turn_of_year(number: int) -> Span | None:
    """Årsskiftet after `number`: the last third of December to the first third of January."""
    return (date(number, 12, 21), date(number + 1, 1, 10)) if _year_ok(number) else None
