"""Deadlines as they are pasted from existing agreements, and what a person reads in them.

Each phrasing is read in an agreement whose period is 1 March 2016 to 28 February 2017 (a
season's agreement that straddles a new year, so that a phrase without a year must be
settled by the period). The due date beside it is what a reader would answer.
"""

from __future__ import annotations

from datetime import date

import pytest

from devagree.deadlines.deadline import MissingYearError, parse_deadline

D = date
PERIOD = (D(2016, 3, 1), D(2017, 2, 28))

PHRASINGS: list[tuple[str, date | None]] = [
    ("Senest den 1/3-2017", D(2017, 3, 1)),
    ("senest d. 1/3-17", D(2017, 3, 1)),
    ("1.3.2017", D(2017, 3, 1)),
    ("01.03.17", D(2017, 3, 1)),
    ("Mandag d. 3. april 2017", D(2017, 4, 3)),
    ("tirsdag den 15. november 2016", D(2016, 11, 15)),
    ("Ult. sept. 2016", D(2016, 9, 30)),
    ("ult. okt.", D(2016, 10, 31)),
    ("prim. dec. 2016", D(2016, 12, 10)),
    ("Primo jan. 2017", D(2017, 1, 10)),
    ("medio nov.", D(2016, 11, 20)),
    ("MEDIO OKTOBER 2016", D(2016, 10, 20)),
    ("ultimo   maj  2016", D(2016, 5, 31)),
    ("1. kvt. 2017", D(2017, 3, 31)),
    ("4. kvt.", D(2016, 12, 31)),
    ("Q3", D(2016, 9, 30)),
    ("q4 2016", D(2016, 12, 31)),
    ("uge 5-6 2017", D(2017, 2, 12)),
    ("Uge 48", D(2016, 12, 4)),
    ("senest uge 37", D(2016, 9, 18)),
    ("i 2. halvår", D(2016, 12, 31)),
    ("efteråret", D(2016, 11, 30)),
    ("Efteråret 2016.", D(2016, 11, 30)),
    ("i løbet af efteråret", D(2016, 11, 30)),
    ("vinteren 2016/17", D(2017, 2, 28)),
    ("Inden sommerferien", D(2016, 6, 24)),
    ("inden efterårsferien", D(2016, 10, 14)),
    ("Før jul", D(2016, 12, 23)),
    ("inden påske 2017", D(2017, 4, 12)),
    ("Senest ved udgangen af november", D(2016, 11, 30)),
    ("inden udgangen af 2. halvår 2016", D(2016, 12, 31)),
    ("Ved udgangen af 1. kvt. 2017", D(2017, 3, 31)),
    ("i slutningen af 2016", D(2016, 12, 31)),
    ("i starten af 2017", D(2017, 4, 30)),
    ("fra oktober 2016 og løbende", D(2016, 10, 31)),
    ("Løbende fra 1. september 2016", D(2016, 9, 1)),
    ("sept.-okt. 2016", D(2016, 10, 31)),
    ("september/oktober", D(2016, 10, 31)),
    ("nov. 2016 - jan. 2017", D(2017, 1, 31)),
    ("dec.-jan.", D(2017, 1, 31)),
    ("1.-2. kvartal 2017", D(2017, 6, 30)),
    ("2016/2017", D(2017, 12, 31)),
    ("omkring årsskiftet", D(2017, 1, 10)),
    ("by the end of Q4 2016", D(2016, 12, 31)),
    ("no later than 30 Sept 2016", D(2016, 9, 30)),
    ("end of Oct.", D(2016, 10, 31)),
    ("mid-November 2016", D(2016, 11, 20)),
    ("Before the summer holidays", D(2016, 6, 24)),
    ("September 30, 2016", D(2016, 9, 30)),
    ("H2 2016", D(2016, 12, 31)),
    ("during autumn 2016", D(2016, 11, 30)),
    ("Løbende", None),
]


@pytest.mark.parametrize(("text", "due"), PHRASINGS)
def test_phrasing(text: str, due: date | None) -> None:
    assert parse_deadline(text, PERIOD).due == due


def test_there_are_many() -> None:
    assert len(PHRASINGS) >= 40


AMBIGUOUS = ["ultimo marts", "uge 10", "d. 1. marts", "i løbet af februar"]
"""Phrases whose month lies in both years of the period: only the writer knows which."""


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_phrasing_names_both_candidates(text: str) -> None:
    with pytest.raises(MissingYearError) as caught:
        parse_deadline(text, (D(2016, 1, 1), D(2017, 12, 31)))
    assert [day.year for day in caught.value.candidates] == [2016, 2017]
