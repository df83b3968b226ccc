"""The deadline grammar: text -> tokens -> a reading (what period, which year, which words).

The text is split into tokens (numbers, words, punctuation; whether a space came before each
is kept), and a small recursive-descent parser reads them:

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

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from devagree.deadlines import calendar as cal
from devagree.deadlines import words
from devagree.deadlines.calendar import Span
from devagree.deadlines.precision import Precision

__all__ = ["Reading", "YearSpan", "read"]

_Resolve = Callable[[int], Span | None]


@dataclass(frozen=True, slots=True)
class YearSpan:
    """A period as a function of its year, and the year if the text wrote one."""

    resolve: _Resolve
    year: int | None
    precision: Precision

    @property
    def unit(self) -> str:
        """day, week, month, quarter, half, season, year (or holiday, range): what
        primo/medio/ultimo divide; a part of a unit ("ultimo juni") keeps the unit's name."""
        name = self.precision.removeprefix("part_of_")
        return "half" if name == "half_year" else name


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


# --- tokens -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"(\s+)|([0-9]+|[^\W\d_]+|[^\s\w]|_)|(.)", re.DOTALL)
_NORMAL = str.maketrans(
    {
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},  # dashes
        **{c: "'" for c in "\u2018\u2019\u00b4`"},  # apostrophes
    }
)


def _tokens(text: str) -> tuple[list[str], list[bool]] | None:
    """Tokens and, for each, whether whitespace came before it; None for odd characters
    (digits other than 0-9, control characters)."""
    normal = unicodedata.normalize("NFC", text).lower().translate(_NORMAL)
    tokens: list[str] = []
    spaced: list[bool] = []
    space = True
    for blank, token, _odd in _TOKEN.findall(normal):
        if token:
            tokens.append(token)
            spaced.append(space)
            space = False
        elif blank:
            space = True
        else:
            return None
    return tokens, spaced


# --- the parser ---------------------------------------------------------------------------------

_Result = tuple[YearSpan, int] | None


def _fixed(span: Span | None) -> _Resolve:
    return lambda _year: span


def _digits(token: str) -> bool:
    """ASCII digits only ("¹" and "٣" are digits to str.isdigit, but not to int here)."""
    return token.isascii() and token.isdigit()


def _century(short: int) -> int:
    """A two-digit year as POSIX reads it: 69-99 are 1969-1999, 00-68 are 2000-2068."""
    return short + (1900 if short >= 69 else 2000)


def _year_number(token: str) -> int | None:
    if len(token) == 4 and _digits(token) and cal.FIRST_YEAR <= int(token) <= cal.LAST_YEAR:
        return int(token)
    return None


_PARTS_PRECISION = {
    "month": Precision.PART_OF_MONTH,
    "year": Precision.PART_OF_YEAR,
    "quarter": Precision.PART_OF_QUARTER,
    "half": Precision.PART_OF_HALF_YEAR,
    "week": Precision.PART_OF_WEEK,
    "season": Precision.PART_OF_SEASON,
}


def _third(unit: str, span: Span, part: int) -> Span | None:
    if unit == "month":
        return cal.third_of_month(span, part)
    if unit == "week":
        return cal.third_of_week(span, part)
    size = {"year": 4, "quarter": 1, "season": 1, "half": 2}[unit]
    return cal.third_of_months(span, part, size)


_HOLIDAY_SPANS: dict[str, _Resolve] = {
    "easter": cal.easter,
    "whitsun": cal.whitsun,
    "summer": cal.summer_holiday,
    "autumn": cal.autumn_holiday,
    "winter": cal.winter_holiday,
    "christmas": cal.christmas,
    "new_year": cal.new_year,
}

_V = TypeVar("_V")
_Index = dict[str, tuple[tuple[words.Phrase, _V], ...]]


def _index(pairs: Iterable[tuple[words.Phrase, _V]]) -> _Index[_V]:
    """Phrases by their first word, longest first, so a token is compared only with those."""
    grouped: dict[str, list[tuple[words.Phrase, _V]]] = {}
    for phrase, value in pairs:
        grouped.setdefault(phrase[0], []).append((phrase, value))
    return {
        first: tuple(sorted(found, key=lambda pair: -len(pair[0])))
        for first, found in grouped.items()
    }


def _plain(phrases: Iterable[words.Phrase]) -> _Index[None]:
    return _index((phrase, None) for phrase in phrases)


_LEADS = _index((phrase, (role, danish)) for phrase, role, danish in words.LEADS)
_PARTS = _index(words.PARTS)
_HOLIDAYS = _index(words.HOLIDAYS)
_RANGE_WORDS = _plain(words.RANGE_WORDS)
_THEN_WORDS = _plain(words.THEN_WORDS)
_WEEK_NOUNS = _plain(words.WEEK_NOUNS)
_HALF_NOUNS = _plain(words.HALF_NOUNS)
_QUARTER_NOUNS = _plain((noun,) for noun in words.QUARTER_NOUNS)
_TURN_OF_YEAR = _plain(words.TURN_OF_YEAR)
_THE_YEAR = _plain(words.THE_YEAR)


class _Parser:
    """Recursive descent over the tokens; every method returns (value, next index) or None."""

    def __init__(self, tokens: list[str], spaced: list[bool]) -> None:
        self.t = tokens
        self.spaced = spaced
        self.n = len(tokens)
        self.years = [_year_number(token) for token in tokens]
        self.danish_lead = False

    # -- small matchers

    def tok(self, i: int) -> str:
        return self.t[i] if i < self.n else ""

    def phrase(self, i: int, phrase: words.Phrase) -> int | None:
        """Match the words of `phrase` from `i`, each word optionally followed by a dot."""
        for word in phrase:
            if self.tok(i) != word:
                return None
            i += 1
            if word.isalpha() and self.tok(i) == ".":
                i += 1
        return i

    def matches(self, i: int, index: _Index[_V]) -> Iterator[tuple[_V, int]]:
        """Every phrase of `index` found at `i`, longest first, with where it ends."""
        for phrase, value in index.get(self.tok(i), ()):
            end = self.phrase(i, phrase)
            if end is not None:
                yield value, end

    def any_phrase(self, i: int, index: _Index[None]) -> int | None:
        for _value, end in self.matches(i, index):
            return end
        return None

    def dot(self, i: int) -> int:
        return i + 1 if self.tok(i) == "." else i

    def number(self, i: int, digits: tuple[int, ...] = (1, 2)) -> tuple[int, int] | None:
        token = self.tok(i)
        if _digits(token) and len(token) in digits:
            return int(token), i + 1
        return None

    def year(self, i: int) -> tuple[int, int] | None:
        value = self.years[i] if i < self.n else None
        return None if value is None else (value, i + 1)

    def year_tail(self, i: int) -> tuple[int, int] | None:
        """The year after a unit: "2017", ", 2017", "/2017", "i 2017", "of 2017"."""
        found = self.year(i)
        if found:
            return found
        if self.tok(i) in {",", "/", "-", "i", "in", "of", "af"}:
            return self.year(i + 1)
        return None

    def glued(self, i: int) -> bool:
        """No whitespace before token `i`."""
        return i < self.n and not self.spaced[i]

    def month_name(self, i: int) -> tuple[int, int] | None:
        token = self.tok(i)
        if not token.isalpha():
            return None
        month = words.month_numbers().get(token)
        if month is None:
            return None
        if token == words.CHRISTMAS_SHORT and self.tok(i + 1) != "." and self.danish_lead:
            return None  # "inden jul": Christmas, not July
        return month, self.dot(i + 1)

    def ordinal(self, i: int, last: int) -> tuple[int, int] | None:
        """1. · 1 · 1st · første · first · sidste (= `last`)."""
        token = self.tok(i)
        if _digits(token) and len(token) == 1:
            if self.tok(i + 1) in words.ORDINAL_SUFFIXES and self.glued(i + 1):
                return int(token), i + 2
            return int(token), self.dot(i + 1)
        if token in words.ORDINALS:
            return words.ORDINALS[token], i + 1
        if token in words.LAST:
            return last, i + 1
        return None

    # -- units

    def with_year(
        self, i: int, resolve: _Resolve, precision: Precision, straddle: bool = False
    ) -> _Result:
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

    def numeric_day(self, i: int) -> _Result:
        """2016-12-31 · 31.12.2016 · 31/12/2016 · 31/12 2016 · 1/3-2017 · 31.12.16 · 15.3"""
        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.glued(iso[1]):
            month = self.number(iso[1] + 1)
            if month and self.tok(month[1]) == "-":
                day = self.number(month[1] + 1)
                if day:
                    span = cal.day(iso[0], month[0], day[0])
                    return YearSpan(_fixed(span), iso[0], Precision.DAY), day[1]
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
                y = year[0] if year[0] >= 100 else _century(year[0])
                if _year_number(str(y)) is None:
                    return None
                return YearSpan(_fixed(cal.day(y, m, d)), y, Precision.DAY), year[1]
        if first in {".", "/"}:
            year = self.year(j)
            if year is not None:  # 31/12 2016 · 31.12 2016
                return YearSpan(_fixed(cal.day(year[0], m, d)), year[0], Precision.DAY), year[1]
            end = self.dot(j) if first == "." else j
            return YearSpan(lambda y: cal.day(y, m, d), None, Precision.DAY), end
        return None

    def named_day(self, i: int) -> _Result:
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

    def day_range(self, i: int) -> _Result:
        """1.-15. april 2017 · 1-15 April 2017: days of one month."""
        first = self.number(i)
        if first is None:
            return None
        j = self.dot(first[1])
        sep = self.any_phrase(j, _RANGE_WORDS)
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

    def week(self, i: int) -> _Result:
        """uge 12 2017 · uge 12, 2017 · week 12 · uge 5-6 2017 · 2017-W12 · W12 2017"""
        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.tok(iso[1] + 1) == "w":
            number = self.number(iso[1] + 2)
            if number is None:
                return None
            w = number[0]
            return YearSpan(_fixed(cal.week(iso[0], w)), iso[0], Precision.WEEK), number[1]
        j = self.any_phrase(i, _WEEK_NOUNS)
        if j is None:
            if self.tok(i) != "w":
                return None
            j = i + 1
        j = self.dot(j)
        first = self.number(j)
        if first is None:
            return None
        w1 = first[0]
        sep = self.any_phrase(first[1], _RANGE_WORDS)
        second = self.number(sep) if sep is not None else None
        if second is not None and second[0] >= w1:
            w2 = second[0]

            def weeks(year: int) -> Span | None:
                a, b = cal.week(year, w1), cal.week(year, w2)
                return None if a is None or b is None else (a[0], b[1])

            return self.with_year(second[1], weeks, Precision.RANGE)
        return self.with_year(first[1], lambda y: cal.week(y, w1), Precision.WEEK)

    def month(self, i: int) -> _Result:
        """juni 2016 · jun. 2016 · June · 2016-06 · 06/2016 · 6.2016"""
        iso = self.year(i)
        if iso and self.tok(iso[1]) == "-" and self.glued(iso[1]):
            number = self.number(iso[1] + 1)
            if number is None or not 1 <= number[0] <= 12:
                return None
            span = cal.months(iso[0], number[0], 1)
            return YearSpan(_fixed(span), iso[0], Precision.MONTH), number[1]
        number = self.number(i)
        if number is not None and self.tok(number[1]) in {"/", ".", "-"}:
            year = self.year(number[1] + 1)
            if year is None or not 1 <= number[0] <= 12:
                return None
            span = cal.months(year[0], number[0], 1)
            return YearSpan(_fixed(span), year[0], Precision.MONTH), year[1]
        name = self.month_name(i)
        if name is None:
            return None
        m = name[0]
        return self.with_year(name[1], lambda y: cal.months(y, m, 1), Precision.MONTH)

    def nth_of(self, i: int, nouns: _Index[None], count: int) -> tuple[int, int, int] | None:
        """ "2. kvartal" · "1.-2. kvartal" · "første og andet halvår": (first, last, next)."""
        first = self.ordinal(i, count)
        if first is None:
            return None
        last = first
        sep = self.any_phrase(first[1], _RANGE_WORDS)
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

    def blocks(self, i: int, size: int, count: int, letter: str, nouns: _Index[None],
               precision: Precision) -> _Result:  # fmt: skip
        """Quarters (3 months, 4 a year) and half-years (6 months, 2 a year)."""

        def span(a: int, b: int) -> _Resolve:
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

    def quarter(self, i: int) -> _Result:
        return self.blocks(i, 3, 4, "q", _QUARTER_NOUNS, Precision.QUARTER)

    def half_year(self, i: int) -> _Result:
        return self.blocks(i, 6, 2, "h", _HALF_NOUNS, Precision.HALF_YEAR)

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

    def season(self, i: int) -> _Result:
        """foråret 2020 · vinteren 2016/2017 · efteråret"""
        token = self.tok(i)
        first = words.SEASONS.get(token)
        if first is None:
            return None
        j = i + 1
        resolve: _Resolve = lambda y: cal.months(y, first, 3)  # noqa: E731
        return self.with_year(j, resolve, Precision.SEASON, straddle=first == 12)

    def whole_year(self, i: int) -> _Result:
        """2017 · året, i år, the year (the year of the agreement's period)"""
        year = self.year(i)
        if year is None:
            j = self.any_phrase(i, _THE_YEAR)
            return None if j is None else (YearSpan(cal.year, None, Precision.YEAR), j)
        return YearSpan(cal.year, year[0], Precision.YEAR), year[1]

    def holiday(self, i: int) -> _Result:
        """påske 2017 · inden sommerferien · jul · nytår 2016/17"""
        kind = None
        j: int | None = None
        for name, end in self.matches(i, _HOLIDAYS):
            kind, j = name, end
            break
        short = self.tok(i) == words.CHRISTMAS_SHORT and self.tok(i + 1) != "."
        if kind is None and short and self.danish_lead:
            kind, j = "christmas", i + 1
        if kind is None or j is None:
            return None
        resolve = _HOLIDAY_SPANS[kind]
        return self.with_year(j, resolve, Precision.HOLIDAY, straddle=kind == "new_year")

    def turn_of_year(self, i: int) -> _Result:
        """årsskiftet 2016/17 · årsskiftet 2016 (the one after 2016) · the turn of the year"""
        j = self.any_phrase(i, _TURN_OF_YEAR)
        if j is None:
            return None
        return self.with_year(j, cal.turn_of_year, Precision.RANGE, straddle=True)

    def unit(self, i: int) -> _Result:
        for reader in (
            self.numeric_day, self.day_range, self.named_day, self.week, self.quarter,
            self.half_year, self.month, self.season, self.whole_year,
        ):  # fmt: skip
            found = reader(i)
            if found is not None:
                return found
        return None

    def point(self, i: int) -> tuple[YearSpan, int, int | None] | None:
        """A unit with an optional primo/medio/ultimo, a holiday, or the turn of the year."""
        for reader in (self.holiday, self.turn_of_year):
            found = reader(i)
            if found is not None:
                return found[0], found[1], None
        for part, j in self.matches(i, _PARTS):
            found = self.unit(j)
            if found is None or found[0].unit not in _PARTS_PRECISION:
                continue
            span, after = found
            unit = span.unit
            inner = span.resolve

            def resolve(year: int, inner: _Resolve = inner, unit: str = unit, part: int = part
                        ) -> Span | None:  # fmt: skip
                whole = inner(year)
                return None if whole is None else _third(unit, whole, part)

            return replace(span, resolve=resolve, precision=_PARTS_PRECISION[unit]), after, part
        found = self.unit(i)
        return None if found is None else (found[0], found[1], None)

    def span(self, i: int) -> tuple[YearSpan, int, int | None] | None:
        """A point, or a range of two points ("april-maj 2017", "december 2016 - januar 2017")."""
        first = self.point(i)
        if first is None:
            return None
        left, j, part = first
        sep = self.any_phrase(j, _RANGE_WORDS)
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
            lead = next(self.matches(i, _LEADS), None)
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
        then = self.any_phrase(i, _THEN_WORDS)
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


def _years(first: int) -> _Resolve:
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
    found = _tokens(text)
    if found is None:
        return None
    return _Parser(*found).reading()
