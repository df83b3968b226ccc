"""The deadline grammar's tokens and the small matchers every part of speech uses.

The text is split into tokens (numbers, words, punctuation; whether a space came before each
is kept). ``Tokens`` reads single tokens and fixed phrases from a position; the units
(``deadlines.units``) and the sentence (``deadlines.grammar``) are built on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeVar

from devagree.deadlines import calendar as cal
from devagree.deadlines import words

_TOKEN = re.compile(r"(\s+)|([0-9]+|[^\W\d_]+|[^\s\w]|_)|(.)", re.DOTALL)
_NORMAL = str.maketrans(
    {
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},  # dashes
        **{c: "'" for c in "\u2018\u2019\u00b4`"},  # apostrophes
    }
)


def split(text: str) -> tuple[list[str], list[bool]] | None:
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


def ascii_digits(token: str) -> bool:
    """ASCII digits only ("¹" and "٣" are digits to str.isdigit, but not to int here)."""
    return token.isascii() and token.isdigit()


def century(short: int) -> int:
    """A two-digit year as POSIX reads it: 69-99 are 1969-1999, 00-68 are 2000-2068."""
    return short + (1900 if short >= 69 else 2000)


def year_number(token: str) -> int | None:
    if len(token) == 4 and ascii_digits(token) and cal.FIRST_YEAR <= int(token) <= cal.LAST_YEAR:
        return int(token)
    return None


V = TypeVar("V")
Index = dict[str, tuple[tuple[words.Phrase, V], ...]]


def index(pairs: Iterable[tuple[words.Phrase, V]]) -> Index[V]:
    """Phrases by their first word, longest first, so a token is compared only with those."""
    grouped: dict[str, list[tuple[words.Phrase, V]]] = {}
    for phrase, value in pairs:
        grouped.setdefault(phrase[0], []).append((phrase, value))
    return {
        first: tuple(sorted(found, key=lambda pair: -len(pair[0])))
        for first, found in grouped.items()
    }


def plain(phrases: Iterable[words.Phrase]) -> Index[None]:
    return index((phrase, None) for phrase in phrases)


LEADS = index((phrase, (role, danish)) for phrase, role, danish in words.LEADS)
PARTS = index(words.PARTS)
HOLIDAYS = index(words.HOLIDAYS)
RANGE_WORDS = plain(words.RANGE_WORDS)
THEN_WORDS = plain(words.THEN_WORDS)
WEEK_NOUNS = plain(words.WEEK_NOUNS)
HALF_NOUNS = plain(words.HALF_NOUNS)
QUARTER_NOUNS = plain((noun,) for noun in words.QUARTER_NOUNS)
TURN_OF_YEAR = plain(words.TURN_OF_YEAR)
THE_YEAR = plain(words.THE_YEAR)


class Tokens:
    """The tokens of one text and matchers that return (value, next index) or None."""

    def __init__(self, tokens: list[str], spaced: list[bool]) -> None:
        self.t = tokens
        self.spaced = spaced
        self.n = len(tokens)
        self.years = [year_number(token) for token in tokens]
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

    def matches(self, i: int, index: Index[V]) -> Iterator[tuple[V, int]]:
        """Every phrase of `index` found at `i`, longest first, with where it ends."""
        for phrase, value in index.get(self.tok(i), ()):
            end = self.phrase(i, phrase)
            if end is not None:
                yield value, end

    def any_phrase(self, i: int, index: Index[None]) -> int | None:
        for _value, end in self.matches(i, index):
            return end
        return None

    def dot(self, i: int) -> int:
        return i + 1 if self.tok(i) == "." else i

    def number(self, i: int, digits: tuple[int, ...] = (1, 2)) -> tuple[int, int] | None:
        token = self.tok(i)
        if ascii_digits(token) and len(token) in digits:
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
        if ascii_digits(token) and len(token) == 1:
            if self.tok(i + 1) in words.ORDINAL_SUFFIXES and self.glued(i + 1):
                return int(token), i + 2
            return int(token), self.dot(i + 1)
        if token in words.ORDINALS:
            return words.ORDINALS[token], i + 1
        if token in words.LAST:
            return last, i + 1
        return None
