"""The deadline grammar: text -> tokens -> a reading (what period, which year, which words).

The text is split into tokens (``deadlines.tokens``), and a small recursive-descent parser
reads them, its units in ``deadlines.units``:

    deadline  := lead* ( continuous | point [range-word point] ) [then continuing] ["."]
    lead      := senest | inden | ved udgangen af | by the end of | d. | den | fra | weekday | ...
    point     := [primo | medio | ultimo | ...] unit  |  holiday  |  årsskiftet
    unit      := day | week | month | quarter | half-year | season | year

Each unit knows its period for any year, so a unit written without a year ("ultimo august")
is kept as a function of the year for the caller to settle from the agreement's period. The
parser backtracks, so an alternative that fails part-way simply lets the next one try; no
input makes it raise (the caller turns "no reading" into its own error).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from devagree.deadlines import calendar as cal
from devagree.deadlines import words
from devagree.deadlines.calendar import Span
from devagree.deadlines.precision import Precision
from devagree.deadlines.tokens import LEADS, PARTS, RANGE_WORDS, THEN_WORDS, split
from devagree.deadlines.units import PARTS_PRECISION, Resolve, Units, YearSpan, third

__all__ = ["Reading", "YearSpan", "read"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What the words say; ``span`` is None for continuous work ("løbende")."""

    span: YearSpan | None
    before: bool = False
    """Due the day before the period begins ("inden påske")."""
    continues: bool = False
    """Work that starts in the period and then continues ("januar 2017 og løbende")."""
    weekday: int | None = None
    """The day of the week written before a date ("mandag d. 3. april 2017"), Monday = 0."""
    weekday_word: str = ""


class _Parser(Units):
    """A deadline: leads, a point or a range, and what follows it."""

    def point(self, i: int) -> tuple[YearSpan, int, int | None] | None:
        """A unit with an optional primo/medio/ultimo, a holiday, or the turn of the year."""
        for reader in (self.holiday, self.turn_of_year):
            found = reader(i)
            if found is not None:
                return found[0], found[1], None
        for part, j in self.matches(i, PARTS):
            found = self.unit(j)
            if found is None or found[0].unit not in PARTS_PRECISION:
                continue
            span, after = found
            unit = span.unit
            inner = span.resolve

            def resolve(year: int, inner: Resolve = inner, unit: str = unit, part: int = part
                        ) -> Span | None:  # fmt: skip
                whole = inner(year)
                return None if whole is None else third(unit, whole, part)

            return replace(span, resolve=resolve, precision=PARTS_PRECISION[unit]), after, part
        found = self.unit(i)
        return None if found is None else (found[0], found[1], None)

    def span(self, i: int) -> tuple[YearSpan, int, int | None] | None:
        """A point, or a range of two points ("april-maj 2017", "december 2016 - januar 2017")."""
        first = self.point(i)
        if first is None:
            return None
        left, j, part = first
        sep = self.any_phrase(j, RANGE_WORDS)
        if sep is not None:
            second = self.point(sep)
            if second is not None:
                joined = _join(left, second[0])
                if joined is not None:
                    return joined, second[1], second[2]
            both = self.straddle(i) if left.unit == "year" else None
            if both is not None:  # 2016-17
                return (
                    YearSpan(_years(both[0]), both[0] + 1, Precision.RANGE),
                    both[1],
                    None,
                )
        return left, j, part

    # -- the whole expression

    def reading(self) -> Reading | None:
        i = 0
        before = end_of = continues = False
        weekday: int | None = None
        weekday_word = ""
        while i < self.n:
            lead = next(self.matches(i, LEADS), None)
            if lead is not None:
                (role, danish), i = lead
                before |= role == words.BEFORE
                end_of |= role == words.END_OF
                continues |= role == words.CONTINUES
                self.danish_lead |= danish
            elif self.tok(i) in words.WEEKDAYS:
                weekday, weekday_word = words.WEEKDAYS[self.tok(i)], self.tok(i)
                i = self.dot(i + 1)
                if self.tok(i) == ",":
                    i += 1
            else:
                break
        alone = self.dot(i + 1) == self.n and not (before or end_of or continues)
        if i < self.n and self.tok(i) in words.CONTINUOUS and alone:
            return Reading(None)
        found = self.span(i)
        if found is None:
            return None
        span, i, part = found
        then = self.any_phrase(i, THEN_WORDS)
        if then is not None and self.tok(then) in words.AFTER_THEN:
            continues, i = True, then + 1
        elif self.tok(i) in words.AFTER_THEN:
            continues, i = True, i + 1
        i = self.dot(i)
        if i != self.n:
            return None
        if part == 2 or end_of:
            before = False  # "inden udgangen af juni", "before the end of 2017": by that end
        return Reading(span, before, continues, weekday, weekday_word)


def _years(first: int) -> Resolve:
    """Two whole years from `first` ("2016-17")."""
    return lambda _year: cal.months(first, 1, 24)


def _join(left: YearSpan, right: YearSpan) -> YearSpan | None:
    """The range from `left` to `right`; `left` without a year takes `right`'s (or the one
    before, when it would otherwise start after `right`: "december - januar 2017")."""
    if (left.year is not None and right.year is None) or (
        right.unit == "year" and left.unit != "year"
    ):
        return None  # neither "31.12/2016" nor "foråret 2016/2017" is a range
    left_resolve, right_resolve = left.resolve, right.resolve
    left_year = left.year

    def resolve(year: int) -> Span | None:
        end = right_resolve(year if right.year is None else right.year)
        if end is None:
            return None
        if left_year is not None:
            start = left_resolve(left_year)
        else:
            same = year if right.year is None else right.year
            start = left_resolve(same)
            if start is not None and start[0] > end[0]:
                start = left_resolve(same - 1)
        if start is None or start[0] > end[0] or start[1] > end[1]:
            return None
        return start[0], end[1]

    return YearSpan(resolve, right.year, Precision.RANGE)


@lru_cache(maxsize=4096)  # the same words recur with different periods
def read(text: str) -> Reading | None:
    """What ``text`` says as a deadline, or None when the grammar cannot read it."""
    found = split(text)
    if found is None:
        return None
    return _Parser(*found).reading()
