"""The deadline grammar's units: day, week, month, quarter, half-year, season, year, holiday.

Each unit knows its period for any year, so a unit written without a year ("ultimo august")
is kept as a function of the year (``YearSpan``) for the caller to settle from the
agreement's period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from devagree.deadlines import calendar as cal
from devagree.deadlines import words
from devagree.deadlines.calendar import Span
from devagree.deadlines.precision import Precision
from devagree.deadlines.tokens import (
    HALF_NOUNS,
    HOLIDAYS,
    QUARTER_NOUNS,
    RANGE_WORDS,
    THE_YEAR,
    TURN_OF_YEAR,
    WEEK_NOUNS,
    Index,
    Tokens,
    century,
    year_number,
)

Resolve = Callable[[int], Span | None]


@dataclass(frozen=True, slots=True)
class YearSpan:
    """A period as a function of its year, and the year if the text wrote one."""

    resolve: Resolve
    year: int | None
    precision: Precision

    @property
    def unit(self) -> str:
        """day, week, month, quarter, half, season, year (or holiday, range): what
        primo/medio/ultimo divide; a part of a unit ("ultimo juni") keeps the unit's name."""
        name = self.precision.removeprefix("part_of_")
        return "half" if name == "half_year" else name


Result = tuple[YearSpan, int] | None
"""A unit read from a position: its span and the index after it."""


def fixed(span: Span | None) -> Resolve:
    return lambda _year: span


PARTS_PRECISION = {
    "month": Precision.PART_OF_MONTH,
    "year": Precision.PART_OF_YEAR,
    "quarter": Precision.PART_OF_QUARTER,
    "half": Precision.PART_OF_HALF_YEAR,
    "week": Precision.PART_OF_WEEK,
    "season": Precision.PART_OF_SEASON,
}


def third(unit: str, span: Span, part: int) -> Span | None:
    if unit == "month":
        return cal.third_of_month(span, part)
    if unit == "week":
        return cal.third_of_week(span, part)
    size = {"year": 4, "quarter": 1, "season": 1, "half": 2}[unit]
    return cal.third_of_months(span, part, size)


HOLIDAY_SPANS: dict[str, Resolve] = {
    "easter": cal.easter,
    "whitsun": cal.whitsun,
    "summer": cal.summer_holiday,
    "autumn": cal.autumn_holiday,
    "winter": cal.winter_holiday,
    "christmas": cal.christmas,
    "new_year": cal.new_year,
}


class Units(Tokens):
    """The units of time a deadline names; each method returns (span, next index) or None."""

    def with_year(
        self, i: int, resolve: Resolve, precision: Precision, straddle: bool = False
    ) -> Result:
        """A unit's optional year; without one the span waits for the caller's year. With
        `straddle`, two consecutive years ("vinteren 2016/2017") give the first."""
        both = self.straddle(i) if straddle else None
        if both is not None:
            return YearSpan(resolve, both[0], precision), both[1]
        tail = self.year_tail(i)
        if tail is not None:
            year, after = tail
            return YearSpan(resolve, year, precision), after
        return YearSpan(resolve, None, precision), i

    def numeric_day(self, i: int) -> Result:
        """2016-12-31 · 31.12.2016 · 31/12/2016 · 31/12 2016 · 1/3-2017 · 31.12.16 · 15.3"""
        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.glued(iso[1]):
            month = self.number(iso[1] + 1)
            if month and self.tok(month[1]) == "-":
                day = self.number(month[1] + 1)
                if day:
                    span = cal.day(iso[0], month[0], day[0])
                    return YearSpan(fixed(span), iso[0], Precision.DAY), day[1]
            return None
        day = self.number(i)
        if day is None or self.tok(day[1]) not in {".", "/", "-"}:
            return None
        first = self.tok(day[1])
        month = self.number(day[1] + 1)
        if month is None:
            return None
        d, m, j = day[0], month[0], month[1]
        second = self.tok(j)
        if (first, second) in {(".", "."), ("/", "/"), ("-", "-"), ("/", "-"), (".", "-")}:
            year = self.number(j + 1, (2, 4))
            if year is not None:
                y = year[0] if year[0] >= 100 else century(year[0])
                if year_number(str(y)) is None:
                    return None
                return YearSpan(fixed(cal.day(y, m, d)), y, Precision.DAY), year[1]
        if first in {".", "/"}:
            year = self.year(j)
            if year is not None:  # 31/12 2016 · 31.12 2016
                return YearSpan(fixed(cal.day(year[0], m, d)), year[0], Precision.DAY), year[1]
            end = self.dot(j) if first == "." else j
            return YearSpan(lambda y: cal.day(y, m, d), None, Precision.DAY), end
        return None

    def named_day(self, i: int) -> Result:
        """31. december 2016 · 1 April 2027 · 1st of April 2027 · April 1, 2027 · 15. marts"""
        day = self.number(i)
        if day is not None:
            j = day[1]
            if self.tok(j) == "." or (self.tok(j) in words.ORDINAL_SUFFIXES and self.glued(j)):
                j += 1
            if self.tok(j) == "of":
                j += 1
            month = self.month_name(j)
            if month is None:
                return None
            d, m = day[0], month[0]
            return self.with_year(month[1], lambda y: cal.day(y, m, d), Precision.DAY)
        month = self.month_name(i)
        if month is None or self.tok(i) not in words.english_months():
            return None
        day = self.number(month[1])
        if day is None:
            return None
        j = day[1]
        if self.tok(j) in words.ORDINAL_SUFFIXES and self.glued(j):
            j += 1
        m, d = month[0], day[0]
        return self.with_year(j, lambda y: cal.day(y, m, d), Precision.DAY)

    def day_range(self, i: int) -> Result:
        """1.-15. april 2017 · 1-15 April 2017: days of one month."""
        first = self.number(i)
        if first is None:
            return None
        j = self.dot(first[1])
        sep = self.any_phrase(j, RANGE_WORDS)
        if sep is None:
            return None
        last = self.named_day(sep)
        if last is None or last[0].unit != "day":
            return None
        end, after = last
        d = first[0]

        def resolve(year: int) -> Span | None:
            span = end.resolve(year)
            if span is None or not 1 <= d <= span[1].day:
                return None
            return span[1].replace(day=d), span[1]

        return YearSpan(resolve, end.year, Precision.RANGE), after

    def week(self, i: int) -> Result:
        """uge 12 2017 · uge 12, 2017 · week 12 · uge 5-6 2017 · 2017-W12 · W12 2017"""
        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.tok(iso[1] + 1) == "w":
            number = self.number(iso[1] + 2)
            if number is None:
                return None
            w = number[0]
            return YearSpan(fixed(cal.week(iso[0], w)), iso[0], Precision.WEEK), number[1]
        j = self.any_phrase(i, WEEK_NOUNS)
        if j is None:
            if self.tok(i) != "w":
                return None
            j = i + 1
        j = self.dot(j)
        first = self.number(j)
        if first is None:
            return None
        w1 = first[0]
        sep = self.any_phrase(first[1], RANGE_WORDS)
        second = self.number(sep) if sep is not None else None
        if second is not None and second[0] >= w1:
            w2 = second[0]

            def weeks(year: int) -> Span | None:
                a, b = cal.week(year, w1), cal.week(year, w2)
                return None if a is None or b is None else (a[0], b[1])

            return self.with_year(second[1], weeks, Precision.RANGE)
        return self.with_year(first[1], lambda y: cal.week(y, w1), Precision.WEEK)

    def month(self, i: int) -> Result:
        """juni 2016 · jun. 2016 · June · 2016-06 · 06/2016 · 6.2016"""
        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.glued(iso[1]):
            number = self.number(iso[1] + 1)
            if number is None or not 1 <= number[0] <= 12:
                return None
            span = cal.months(iso[0], number[0], 1)
            return YearSpan(fixed(span), iso[0], Precision.MONTH), number[1]
        number = self.number(i)
        if number is not None and self.tok(number[1]) in {"/", ".", "-"}:
            year = self.year(number[1] + 1)
            if year is None or not 1 <= number[0] <= 12:
                return None
            span = cal.months(year[0], number[0], 1)
            return YearSpan(fixed(span), year[0], Precision.MONTH), year[1]
        name = self.month_name(i)
        if name is None:
            return None
        m = name[0]
        return self.with_year(name[1], lambda y: cal.months(y, m, 1), Precision.MONTH)

    def nth_of(self, i: int, nouns: Index[None], count: int) -> tuple[int, int, int] | None:
        """ "2. kvartal" · "1.-2. kvartal" · "første og andet halvår": (first, last, next)."""
        first = self.ordinal(i, count)
        if first is None:
            return None
        last = first
        sep = self.any_phrase(first[1], RANGE_WORDS)
        if sep is not None:
            second = self.ordinal(sep, count)
            if second is not None and second[0] >= first[0]:
                last = second
        j = self.any_phrase(last[1], nouns)
        if j is None:
            return None
        if self.tok(j) == "of":
            j += 1
        return first[0], last[0], j

    def blocks(self, i: int, size: int, count: int, letter: str, nouns: Index[None],
               precision: Precision) -> Result:  # fmt: skip
        """Quarters (3 months, 4 a year) and half-years (6 months, 2 a year)."""

        def span(a: int, b: int) -> Resolve:
            def resolve(year: int) -> Span | None:
                first, last = cal.nth(a, size, count, year), cal.nth(b, size, count, year)
                return None if first is None or last is None else (first[0], last[1])

            return resolve

        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.tok(iso[1] + 1) == letter:
            number = self.number(iso[1] + 2, (1,))
            if number is None:
                return None
            n = number[0]
            return YearSpan(span(n, n), iso[0], precision), number[1]
        if self.tok(i) == letter:
            number = self.number(i + 1, (1,))
            if number is None or not self.glued(i + 1):
                return None
            n = number[0]
            return self.with_year(number[1], span(n, n), precision)
        found = self.nth_of(i, nouns, count)
        if found is None:
            return None
        a, b, j = found
        if a == b:
            return self.with_year(j, span(a, a), precision)
        return self.with_year(j, span(a, b), Precision.RANGE)

    def quarter(self, i: int) -> Result:
        return self.blocks(i, 3, 4, "q", QUARTER_NOUNS, Precision.QUARTER)

    def half_year(self, i: int) -> Result:
        return self.blocks(i, 6, 2, "h", HALF_NOUNS, Precision.HALF_YEAR)

    def straddle(self, i: int) -> tuple[int, int] | None:
        """ "2016/2017" · "2016/17" · "2016-17": the first of two consecutive years."""
        first = self.year(i)
        if first is None or self.tok(first[1]) not in {"/", "-"}:
            return None
        second = self.number(first[1] + 1, (2, 4))
        if second is None:
            return None
        written = second[0] if second[0] >= 100 else first[0] // 100 * 100 + second[0]
        if written != first[0] + 1:
            return None
        return first[0], second[1]

    def season(self, i: int) -> Result:
        """foråret 2020 · vinteren 2016/2017 · efteråret"""
        token = self.tok(i)
        first = words.SEASONS.get(token)
        if first is None:
            return None
        j = i + 1
        resolve: Resolve = lambda y: cal.months(y, first, 3)  # noqa: E731
        return self.with_year(j, resolve, Precision.SEASON, straddle=first == 12)

    def whole_year(self, i: int) -> Result:
        """2017 · året, i år, the year (the year of the agreement's period)"""
        year = self.year(i)
        if year is None:
            j = self.any_phrase(i, THE_YEAR)
            return None if j is None else (YearSpan(cal.year, None, Precision.YEAR), j)
        return YearSpan(cal.year, year[0], Precision.YEAR), year[1]

    def holiday(self, i: int) -> Result:
        """påske 2017 · inden sommerferien · jul · nytår 2016/17"""
        kind = None
        j: int | None = None
        for name, end in self.matches(i, HOLIDAYS):
            kind, j = name, end
            break
        short = self.tok(i) == words.CHRISTMAS_SHORT and self.tok(i + 1) != "."
        if kind is None and short and self.danish_lead:
            kind, j = "christmas", i + 1
        if kind is None or j is None:
            return None
        resolve = HOLIDAY_SPANS[kind]
        return self.with_year(j, resolve, Precision.HOLIDAY, straddle=kind == "new_year")

    def turn_of_year(self, i: int) -> Result:
        """årsskiftet 2016/17 · årsskiftet 2016 (the one after 2016) · the turn of the year"""
        j = self.any_phrase(i, TURN_OF_YEAR)
        if j is None:
            return None
        return self.with_year(j, cal.turn_of_year, Precision.RANGE, straddle=True)

    def unit(self, i: int) -> Result:
        for reader in (
            self.numeric_day, self.day_range, self.named_day, self.week, self.quarter,
            self.half_year, self.month, self.season, self.whole_year,
        ):  # fmt: skip
            found = reader(i)
            if found is not None:
                return found
        return None
