"""The forms municipal documents write: words around a date, ranges, holidays, no year.

Table-driven tests per form (Danish and English) with the start and the due date, and
hypothesis properties that compare the parser with dates computed independently here.
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devagree.deadlines.deadline import (
    Deadline,
    DeadlineError,
    MissingYearError,
    Precision,
    WrongWeekdayError,
    parse_deadline,
)

P = Precision
D = date
YEAR_2016 = (D(2016, 1, 1), D(2016, 12, 31))
YEARS_2016_2017 = (D(2016, 1, 1), D(2017, 12, 31))

# --- per form: text -> (start, due, precision) -------------------------------------------------

FORMS: dict[str, list[tuple[str, date, date, Precision]]] = {
    "words around a day": [
        ("Senest 31.12.2016", D(2016, 12, 31), D(2016, 12, 31), P.DAY),
        ("senest d. 31.12.2016.", D(2016, 12, 31), D(2016, 12, 31), P.DAY),
        ("d. 1. juni 2016", D(2016, 6, 1), D(2016, 6, 1), P.DAY),
        ("den 1. juni 2016", D(2016, 6, 1), D(2016, 6, 1), P.DAY),
        ("fra 1. april 2017", D(2017, 4, 1), D(2017, 4, 1), P.DAY),
        ("pr. 1. januar 2017", D(2017, 1, 1), D(2017, 1, 1), P.DAY),
        ("by 1 June 2016", D(2016, 6, 1), D(2016, 6, 1), P.DAY),
        ("no later than 1 June 2016", D(2016, 6, 1), D(2016, 6, 1), P.DAY),
        ("Deadline: 1 June 2016.", D(2016, 6, 1), D(2016, 6, 1), P.DAY),
    ],
    "days in figures": [
        ("31/12 2016", D(2016, 12, 31), D(2016, 12, 31), P.DAY),
        ("31.12.16", D(2016, 12, 31), D(2016, 12, 31), P.DAY),
        ("1/3-2017", D(2017, 3, 1), D(2017, 3, 1), P.DAY),
        ("1/3-17", D(2017, 3, 1), D(2017, 3, 1), P.DAY),
        ("01.03.2017", D(2017, 3, 1), D(2017, 3, 1), P.DAY),
        ("1-3-2017", D(2017, 3, 1), D(2017, 3, 1), P.DAY),
        ("31.12.99", D(1999, 12, 31), D(1999, 12, 31), P.DAY),
        ("1.1.68", D(2068, 1, 1), D(2068, 1, 1), P.DAY),
    ],
    "days in words": [
        ("1. april 2017", D(2017, 4, 1), D(2017, 4, 1), P.DAY),
        ("1 April 2027", D(2027, 4, 1), D(2027, 4, 1), P.DAY),
        ("April 1, 2027", D(2027, 4, 1), D(2027, 4, 1), P.DAY),
        ("April 1st 2027", D(2027, 4, 1), D(2027, 4, 1), P.DAY),
        ("the 1st of April 2027", D(2027, 4, 1), D(2027, 4, 1), P.DAY),
        ("mandag d. 3. april 2017", D(2017, 4, 3), D(2017, 4, 3), P.DAY),
        ("Monday 3 April 2017", D(2017, 4, 3), D(2017, 4, 3), P.DAY),
        ("fre. d. 31. marts 2017", D(2017, 3, 31), D(2017, 3, 31), P.DAY),
    ],
    "weeks": [
        ("senest uge 45, 2016", D(2016, 11, 7), D(2016, 11, 13), P.WEEK),
        ("uge 45 i 2016", D(2016, 11, 7), D(2016, 11, 13), P.WEEK),
        ("ultimo uge 12 2017", D(2017, 3, 24), D(2017, 3, 26), P.PART_OF_WEEK),
        ("primo uge 12 2017", D(2017, 3, 20), D(2017, 3, 21), P.PART_OF_WEEK),
        ("medio uge 12 2017", D(2017, 3, 22), D(2017, 3, 23), P.PART_OF_WEEK),
        ("end of week 12 2017", D(2017, 3, 24), D(2017, 3, 26), P.PART_OF_WEEK),
        ("uge 5-6 2017", D(2017, 1, 30), D(2017, 2, 12), P.RANGE),
        ("weeks 5-6 2017", D(2017, 1, 30), D(2017, 2, 12), P.RANGE),
        ("uge 52 2016 - uge 2 2017", D(2016, 12, 26), D(2017, 1, 15), P.RANGE),
    ],
    "parts of quarters, half-years and seasons": [
        ("primo 2. kvartal 2017", D(2017, 4, 1), D(2017, 4, 30), P.PART_OF_QUARTER),
        ("medio 2. kvartal 2017", D(2017, 5, 1), D(2017, 5, 31), P.PART_OF_QUARTER),
        ("ultimo 2. kvartal 2017", D(2017, 6, 1), D(2017, 6, 30), P.PART_OF_QUARTER),
        ("mid Q2 2017", D(2017, 5, 1), D(2017, 5, 31), P.PART_OF_QUARTER),
        ("primo 1. halvår 2017", D(2017, 1, 1), D(2017, 2, 28), P.PART_OF_HALF_YEAR),
        ("ultimo 2. halvår 2016", D(2016, 11, 1), D(2016, 12, 31), P.PART_OF_HALF_YEAR),
        ("primo vinteren 2016", D(2016, 12, 1), D(2016, 12, 31), P.PART_OF_SEASON),
        ("ultimo vinteren 2016/17", D(2017, 2, 1), D(2017, 2, 28), P.PART_OF_SEASON),
        ("sidste kvartal 2016", D(2016, 10, 1), D(2016, 12, 31), P.QUARTER),
        ("1. kvt. 2017", D(2017, 1, 1), D(2017, 3, 31), P.QUARTER),
        ("Q3/2017", D(2017, 7, 1), D(2017, 9, 30), P.QUARTER),
    ],
    "seasons across a new year": [
        ("vinteren 2016/2017", D(2016, 12, 1), D(2017, 2, 28), P.SEASON),
        ("vinteren 2016/17", D(2016, 12, 1), D(2017, 2, 28), P.SEASON),
        ("vinter 2015-2016", D(2015, 12, 1), D(2016, 2, 29), P.SEASON),
        ("winter 2016/17", D(2016, 12, 1), D(2017, 2, 28), P.SEASON),
    ],
    "ranges and alternatives": [
        ("april-maj 2017", D(2017, 4, 1), D(2017, 5, 31), P.RANGE),
        ("december 2016 \u2013 januar 2017", D(2016, 12, 1), D(2017, 1, 31), P.RANGE),
        ("december 2016 - januar 2017", D(2016, 12, 1), D(2017, 1, 31), P.RANGE),
        ("december 2016 til januar 2017", D(2016, 12, 1), D(2017, 1, 31), P.RANGE),
        ("marts/april 2017", D(2017, 3, 1), D(2017, 4, 30), P.RANGE),
        ("March/April 2017", D(2017, 3, 1), D(2017, 4, 30), P.RANGE),
        ("2016-2017", D(2016, 1, 1), D(2017, 12, 31), P.RANGE),
        ("2016/17", D(2016, 1, 1), D(2017, 12, 31), P.RANGE),
        ("årsskiftet 2016/17", D(2016, 12, 21), D(2017, 1, 10), P.RANGE),
        ("the turn of the year 2016/2017", D(2016, 12, 21), D(2017, 1, 10), P.RANGE),
        ("fra januar til marts 2017", D(2017, 1, 1), D(2017, 3, 31), P.RANGE),
        ("from January to March 2017", D(2017, 1, 1), D(2017, 3, 31), P.RANGE),
        ("mellem april og juni 2017", D(2017, 4, 1), D(2017, 6, 30), P.RANGE),
        ("between April and June 2017", D(2017, 4, 1), D(2017, 6, 30), P.RANGE),
        ("1.-15. maj 2017", D(2017, 5, 1), D(2017, 5, 15), P.RANGE),
        ("medio marts - ultimo april 2017", D(2017, 3, 11), D(2017, 4, 30), P.RANGE),
        ("1. marts - 15. april 2017", D(2017, 3, 1), D(2017, 4, 15), P.RANGE),
        ("Q4 2016 - Q1 2017", D(2016, 10, 1), D(2017, 3, 31), P.RANGE),
        ("2. halvår 2016/1. halvår 2017", D(2016, 7, 1), D(2017, 6, 30), P.RANGE),
        ("fra 1. april til og med 30. juni 2017", D(2017, 4, 1), D(2017, 6, 30), P.RANGE),
    ],
    "holidays": [
        ("påske 2017", D(2017, 4, 13), D(2017, 4, 17), P.HOLIDAY),
        ("inden påske 2017", D(2017, 4, 12), D(2017, 4, 12), P.DAY),
        ("before Easter 2016", D(2016, 3, 23), D(2016, 3, 23), P.DAY),
        ("pinse 2016", D(2016, 5, 15), D(2016, 5, 16), P.HOLIDAY),
        ("inden pinsen 2016", D(2016, 5, 14), D(2016, 5, 14), P.DAY),
        ("inden sommerferien 2016", D(2016, 6, 24), D(2016, 6, 24), P.DAY),
        ("sommerferien 2017", D(2017, 6, 24), D(2017, 8, 6), P.HOLIDAY),
        ("before the summer break 2017", D(2017, 6, 23), D(2017, 6, 23), P.DAY),
        ("efterårsferien 2017", D(2017, 10, 14), D(2017, 10, 22), P.HOLIDAY),
        ("inden efterårsferien 2017", D(2017, 10, 13), D(2017, 10, 13), P.DAY),
        ("vinterferien 2017", D(2017, 2, 11), D(2017, 2, 19), P.HOLIDAY),
        ("til jul 2016", D(2016, 12, 24), D(2016, 12, 26), P.HOLIDAY),
        ("inden jul 2016", D(2016, 12, 23), D(2016, 12, 23), P.DAY),
        ("inden juleferien 2016", D(2016, 12, 23), D(2016, 12, 23), P.DAY),
        ("nytår 2016/17", D(2016, 12, 31), D(2017, 1, 1), P.HOLIDAY),
        ("inden nytår 2016", D(2016, 12, 30), D(2016, 12, 30), P.DAY),
        ("New Year's Eve 2016", D(2016, 12, 31), D(2017, 1, 1), P.HOLIDAY),
    ],
    "before and the end of": [
        ("inden 1. juli 2016", D(2016, 6, 30), D(2016, 6, 30), P.DAY),
        ("før juli 2016", D(2016, 6, 30), D(2016, 6, 30), P.DAY),
        ("inden 2017", D(2016, 12, 31), D(2016, 12, 31), P.DAY),
        ("inden mandag d. 3. april 2017", D(2017, 4, 2), D(2017, 4, 2), P.DAY),
        ("Inden udgangen af 3. kvartal 2016", D(2016, 7, 1), D(2016, 9, 30), P.QUARTER),
        ("Ved udgangen af 2016", D(2016, 1, 1), D(2016, 12, 31), P.YEAR),
        ("slutningen af 2016", D(2016, 9, 1), D(2016, 12, 31), P.PART_OF_YEAR),
        ("i løbet af 1. halvår 2017", D(2017, 1, 1), D(2017, 6, 30), P.HALF_YEAR),
        ("by the end of 2016", D(2016, 9, 1), D(2016, 12, 31), P.PART_OF_YEAR),
        ("before the end of June 2016", D(2016, 6, 21), D(2016, 6, 30), P.PART_OF_MONTH),
        ("mid-2017", D(2017, 5, 1), D(2017, 8, 31), P.PART_OF_YEAR),
        ("mid-June 2017", D(2017, 6, 11), D(2017, 6, 20), P.PART_OF_MONTH),
        ("end of March 2017", D(2017, 3, 21), D(2017, 3, 31), P.PART_OF_MONTH),
    ],
}

CASES = [(form, *case) for form, cases in FORMS.items() for case in cases]


@pytest.mark.parametrize(("form", "text", "start", "due", "precision"), CASES)
def test_forms(form: str, text: str, start: date, due: date, precision: Precision) -> None:
    deadline = parse_deadline(text)
    assert (deadline.start, deadline.due, deadline.precision) == (start, due, precision), form
    assert not deadline.continues
    assert deadline.text == text


# --- work that starts and then continues -------------------------------------------------------

CONTINUING = [
    ("januar 2017 og løbende", D(2017, 1, 1), D(2017, 1, 31), P.MONTH),
    ("januar 2017 og derefter løbende", D(2017, 1, 1), D(2017, 1, 31), P.MONTH),
    ("Januar 2017, derefter løbende.", D(2017, 1, 1), D(2017, 1, 31), P.MONTH),
    ("løbende fra januar 2017", D(2017, 1, 1), D(2017, 1, 31), P.MONTH),
    ("opstart 1. kvartal 2017 og herefter løbende", D(2017, 1, 1), D(2017, 3, 31), P.QUARTER),
    ("January 2017 and ongoing", D(2017, 1, 1), D(2017, 1, 31), P.MONTH),
    ("ongoing from 1 March 2017", D(2017, 3, 1), D(2017, 3, 1), P.DAY),
    ("Q1 2017 onwards", D(2017, 1, 1), D(2017, 3, 31), P.QUARTER),
]


@pytest.mark.parametrize(("text", "start", "due", "precision"), CONTINUING)
def test_continuing(text: str, start: date, due: date, precision: Precision) -> None:
    deadline = parse_deadline(text)
    assert (deadline.start, deadline.due, deadline.precision) == (start, due, precision)
    assert deadline.continues


def test_continuing_work_is_overdue_only_until_it_has_started() -> None:
    deadline = parse_deadline("januar 2017 og løbende")
    assert not deadline.is_overdue(D(2017, 1, 31))
    assert deadline.is_overdue(D(2017, 2, 1))
    assert not deadline.is_overdue(D(2017, 2, 1), started=True)
    plain = parse_deadline("januar 2017")
    assert plain.is_overdue(D(2017, 2, 1), started=True)


def test_continuous_work_through_a_period_ends_with_it() -> None:
    deadline = parse_deadline("løbende i 2017")
    assert (deadline.due, deadline.precision, deadline.continues) == (
        D(2017, 12, 31),
        P.YEAR,
        False,
    )


# --- no year written ---------------------------------------------------------------------------

NO_YEAR_IN_ONE_YEAR = [
    ("Ultimo august", D(2016, 8, 31), P.PART_OF_MONTH),
    ("uge 40", D(2016, 10, 9), P.WEEK),
    ("d. 15. marts", D(2016, 3, 15), P.DAY),
    ("15/3", D(2016, 3, 15), P.DAY),
    ("3. kvartal", D(2016, 9, 30), P.QUARTER),
    ("i 2. halvår", D(2016, 12, 31), P.HALF_YEAR),
    ("efteråret", D(2016, 11, 30), P.SEASON),
    ("inden sommerferien", D(2016, 6, 24), P.DAY),
    ("inden jul", D(2016, 12, 23), P.DAY),
    ("april-maj", D(2016, 5, 31), P.RANGE),
    ("ved udgangen af året", D(2016, 12, 31), P.YEAR),
    ("end of August", D(2016, 8, 31), P.PART_OF_MONTH),
    ("Q3", D(2016, 9, 30), P.QUARTER),
]


@pytest.mark.parametrize(("text", "due", "precision"), NO_YEAR_IN_ONE_YEAR)
def test_no_year_in_a_one_year_period(text: str, due: date, precision: Precision) -> None:
    deadline = parse_deadline(text, YEAR_2016)
    assert (deadline.due, deadline.precision) == (due, precision)


def test_no_year_outside_a_one_year_period_still_takes_its_year() -> None:
    """A period within one year settles the year even where the date falls outside it."""
    assert parse_deadline("ultimo august", (D(2016, 1, 1), D(2016, 6, 30))).due == D(2016, 8, 31)


def test_no_year_with_only_one_date_inside_the_period() -> None:
    period = (D(2016, 9, 1), D(2017, 6, 30))
    assert parse_deadline("ultimo august", (D(2016, 7, 1), D(2017, 6, 30))).due == D(2016, 8, 31)
    assert parse_deadline("uge 40", period).due == D(2016, 10, 9)
    assert parse_deadline("1. kvartal", period).due == D(2017, 3, 31)
    assert parse_deadline("vinteren", period).due == D(2017, 2, 28)


def test_no_year_with_several_dates_in_the_period_names_them() -> None:
    with pytest.raises(MissingYearError) as caught:
        parse_deadline("Ultimo august", YEARS_2016_2017)
    assert caught.value.candidates == (D(2016, 8, 31), D(2017, 8, 31))
    assert str(caught.value) == (
        'the deadline "Ultimo august" names no year, and the agreement\'s period does not '
        "settle it; write the year of one of these due dates: 31 August 2016, 31 August 2017"
    )
    assert isinstance(caught.value, DeadlineError)


def test_no_year_with_no_date_in_the_period_names_the_years_it_covers() -> None:
    with pytest.raises(MissingYearError) as caught:
        parse_deadline("medio august", (D(2016, 9, 1), D(2017, 7, 31)))
    assert caught.value.candidates == (D(2016, 8, 20), D(2017, 8, 20))


def test_no_year_and_a_weekday_picks_the_year() -> None:
    """3 April is a Monday in 2017 and a Sunday in 2016."""
    assert parse_deadline("mandag d. 3. april", YEARS_2016_2017).due == D(2017, 4, 3)


def test_a_wrong_weekday_is_reported() -> None:
    with pytest.raises(WrongWeekdayError) as caught:
        parse_deadline("mandag d. 4. april 2017")
    assert str(caught.value) == (
        'the deadline "mandag d. 4. april 2017" says "mandag", but 4 April 2017 falls on '
        "another day of the week"
    )


@pytest.mark.parametrize(
    "error",
    [
        DeadlineError("snart"),
        MissingYearError("uge 40", (D(2016, 10, 9), D(2017, 10, 8))),
        WrongWeekdayError("mandag 4/4 2017", D(2017, 4, 4), "mandag"),
    ],
)
def test_errors_pickle(error: DeadlineError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def test_jul_is_christmas_after_a_danish_word_and_july_on_its_own() -> None:
    assert parse_deadline("inden jul 2016").due == D(2016, 12, 23)
    assert parse_deadline("jul 2016").due == D(2016, 7, 31)
    assert parse_deadline("jul. 2016").due == D(2016, 7, 31)
    assert parse_deadline("senest jul. 2016").due == D(2016, 7, 31)


# --- properties --------------------------------------------------------------------------------

YEARS = st.integers(1901, 2998)
DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
SHORT_MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sept.",
                "okt.", "nov.", "dec."]  # fmt: skip
FILLERS = ["", "senest ", "Senest d. ", "d. ", "den ", "i løbet af ", "by ", "no later than ",
           "Deadline: ", "pr. ", "ved ", "in "]  # fmt: skip
RANGE_SEPARATORS = [
    "-",
    " - ",
    " \u2013 ",
    "\u2013",
    " til ",
    "/",
    " / ",
    " eller ",
    " to ",
    " or ",
]


def last_of_month(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def month_name(month: int, draw: st.DrawFn) -> str:
    names = [DA_MONTHS, EN_MONTHS, SHORT_MONTHS]
    word = draw(st.sampled_from(names))[month - 1]
    return draw(st.sampled_from([word, word.upper(), word.capitalize()]))


def check_span(deadline: Deadline) -> None:
    """The due date lies in the named span."""
    assert deadline.start is not None and deadline.due is not None
    assert deadline.start <= deadline.due


@given(st.dates(date(1969, 1, 1), date(2068, 12, 31)), st.data())
def test_days_in_figures_with_words_around(day: date, data: st.DataObject) -> None:
    short = day.year % 100
    text = data.draw(
        st.sampled_from(
            [
                f"{day.day}/{day.month} {day.year}",
                f"{day.day}/{day.month}-{day.year}",
                f"{day.day}/{day.month}-{short:02}",
                f"{day.day}.{day.month}.{short:02}",
                f"{day.day:02}-{day.month:02}-{day.year}",
            ]
        )
    )
    lead = data.draw(st.sampled_from(FILLERS))
    end = data.draw(st.sampled_from(["", ".", " "]))
    deadline = parse_deadline(lead + text + end)
    assert (deadline.start, deadline.due, deadline.precision) == (day, day, P.DAY)


WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


@given(st.dates(date(1900, 1, 1), date(2999, 12, 31)), st.integers(0, 6), st.data())
def test_weekday_before_a_date(day: date, weekday: int, data: st.DataObject) -> None:
    name = month_name(day.month, data.draw)
    text = f"{WEEKDAYS[weekday]} d. {day.day}. {name} {day.year}"
    if weekday == day.weekday():
        assert parse_deadline(text).due == day
    else:
        with pytest.raises(WrongWeekdayError):
            parse_deadline(text)


@given(YEARS, st.integers(1, 12), st.integers(1, 12), st.data())
def test_month_ranges(year: int, first: int, last: int, data: st.DataObject) -> None:
    separator = data.draw(st.sampled_from(RANGE_SEPARATORS))
    text = f"{month_name(first, data.draw)}{separator}{month_name(last, data.draw)} {year}"
    deadline = parse_deadline(data.draw(st.sampled_from(FILLERS)) + text)
    start_year = year if first <= last else year - 1  # "december-januar 2017"
    assert deadline.precision is P.RANGE
    assert deadline.start == date(start_year, first, 1)
    assert deadline.due == last_of_month(year, last)
    check_span(deadline)


@given(YEARS, st.integers(1, 12), YEARS, st.integers(1, 12), st.data())
def test_ranges_with_two_years(
    year: int, first: int, end_year: int, last: int, data: st.DataObject
) -> None:
    separator = data.draw(st.sampled_from(RANGE_SEPARATORS))
    text = (
        f"{month_name(first, data.draw)} {year}{separator}{month_name(last, data.draw)} {end_year}"
    )
    if (year, first) > (end_year, last):
        with pytest.raises(DeadlineError):
            parse_deadline(text)
        return
    deadline = parse_deadline(text)
    assert (deadline.start, deadline.due) == (date(year, first, 1), last_of_month(end_year, last))


def week_span(year: int, week: int) -> tuple[date, date]:
    jan4 = date(year, 1, 4)
    monday = jan4 - timedelta(days=jan4.weekday()) + timedelta(weeks=week - 1)
    return monday, monday + timedelta(days=6)


@given(YEARS, st.integers(0, 2), st.data())
def test_parts_of_weeks(year: int, part: int, data: st.DataObject) -> None:
    weeks = 53 if date(year, 12, 28).isocalendar()[1] == 53 else 52
    week = data.draw(st.integers(1, weeks))
    word = ["primo", "medio", "ultimo"][part]
    deadline = parse_deadline(f"{word} uge {week} {year}")
    monday, sunday = week_span(year, week)
    assert deadline.start == monday + timedelta(days=2 * part)
    assert deadline.due == (sunday if part == 2 else monday + timedelta(days=2 * part + 1))
    assert monday <= deadline.start <= deadline.due <= sunday


@given(YEARS, st.integers(1, 4), st.integers(0, 2), st.data())
def test_parts_of_quarters(year: int, quarter: int, part: int, data: st.DataObject) -> None:
    word = data.draw(
        st.sampled_from([["primo", "start of"], ["medio", "mid"], ["ultimo", "end of"]][part])
    )
    noun = data.draw(st.sampled_from([f"{quarter}. kvartal", f"Q{quarter}", f"{quarter}. kvt."]))
    deadline = parse_deadline(f"{word} {noun} {year}")
    month = 3 * quarter - 2 + part
    assert (deadline.start, deadline.due) == (date(year, month, 1), last_of_month(year, month))
    assert deadline.precision is P.PART_OF_QUARTER


@given(YEARS, st.integers(1, 2), st.integers(0, 2))
def test_parts_of_half_years(year: int, half: int, part: int) -> None:
    word = ["primo", "medio", "ultimo"][part]
    deadline = parse_deadline(f"{word} {half}. halvår {year}")
    first = 6 * half - 5 + 2 * part
    assert (deadline.start, deadline.due) == (date(year, first, 1), last_of_month(year, first + 1))


def easter_sunday(year: int) -> date:
    """The Gregorian computus (Meeus/Jones/Butcher), independent of the parser's library."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


@given(YEARS, st.booleans(), st.data())
def test_holidays(year: int, before: bool, data: st.DataObject) -> None:
    easter = easter_sunday(year)
    june_end = date(year, 6, 30)
    summer = june_end - timedelta(days=(june_end.weekday() - 5) % 7)
    spans = {
        "påske": (easter - timedelta(days=3), easter + timedelta(days=1)),
        "pinse": (easter + timedelta(days=49), easter + timedelta(days=50)),
        "sommerferien": (summer, summer + timedelta(days=43)),
        "efterårsferien": (week_span(year, 42)[0] - timedelta(days=2), week_span(year, 42)[1]),
        "vinterferien": (week_span(year, 7)[0] - timedelta(days=2), week_span(year, 7)[1]),
        "julen": (date(year, 12, 24), date(year, 12, 26)),
        "nytår": (date(year, 12, 31), date(year + 1, 1, 1)),
    }
    name = data.draw(st.sampled_from(sorted(spans)))
    start, end = spans[name]
    if before:
        deadline = parse_deadline(
            f"{data.draw(st.sampled_from(['inden', 'før', 'Inden']))} {name} {year}"
        )
        assert deadline.due == deadline.start == start - timedelta(days=1)
    else:
        deadline = parse_deadline(f"{name} {year}")
        assert (deadline.start, deadline.due, deadline.precision) == (start, end, P.HOLIDAY)
    assert summer.weekday() == 5 and summer.month == 6
    assert (summer + timedelta(days=7)).month == 7


UNITS_WITH_YEAR = st.sampled_from(
    [
        "ultimo {month}", "primo {month}", "{month}", "uge {week}", "{day}. {month}",
        "{q}. kvartal", "Q{q}", "{h}. halvår", "foråret", "vinteren", "efteråret",
        "inden påske", "inden sommerferien", "inden jul", "medio {month}",
        "medio {q}. kvartal", "{month}-december", "uge {week}-52",
    ]
)  # fmt: skip


@given(YEARS, UNITS_WITH_YEAR, st.integers(1, 12), st.integers(1, 28), st.integers(1, 52),
       st.integers(1, 4), st.integers(1, 2))  # fmt: skip
def test_no_year_takes_the_one_year_period(
    year: int, form: str, month: int, day: int, week: int, q: int, h: int
) -> None:
    """Without a year, in a period within one year, a form means what it means with that year."""
    text = form.format(month=DA_MONTHS[month - 1], day=day, week=week, q=q, h=h)
    with_year = parse_deadline(f"{text} {year}")
    period = (date(year, 3, 1), date(year, 10, 31))
    without = parse_deadline(text, period)
    assert (without.start, without.due, without.precision) == (
        with_year.start,
        with_year.due,
        with_year.precision,
    )
    check_span(without)


@given(st.integers(1901, 2990), st.integers(1, 3), UNITS_WITH_YEAR, st.integers(1, 12))
def test_no_year_in_a_longer_period(first: int, length: int, form: str, month: int) -> None:
    """The year chosen gives the only due date inside the period, or the error names them all."""
    text = form.format(month=DA_MONTHS[month - 1], day=15, week=30, q=2, h=1)
    period = (date(first, 7, 1), date(first + length, 6, 30))
    dues = {}
    for year in range(first - 1, first + length + 1):
        dues[year] = parse_deadline(f"{text} {year}").due
    inside = [due for due in dues.values() if due is not None and period[0] <= due <= period[1]]
    try:
        deadline = parse_deadline(text, period)
    except MissingYearError as error:
        assert len(inside) != 1
        assert set(error.candidates) <= set(dues.values())
        assert len(error.candidates) >= 2
    else:
        assert inside == [deadline.due]


# --- property: any text made of the grammar's words reads or raises the parser's own error -----

WORDS = [
    "senest", "inden", "udgangen", "af", "ved", "slutningen", "i", "løbet", "d", "den", "fra",
    "til", "by", "the", "end", "of", "no", "later", "than", "before", "mid", "primo", "medio",
    "ultimo", "ult", "prim", "uge", "week", "kvartal", "kvt", "halvår", "q", "h", "w", "påske",
    "pinse", "sommerferien", "efterårsferien", "vinterferien", "jul", "julen", "nytår",
    "årsskiftet", "vinteren", "foråret", "og", "løbende", "derefter", "ongoing", "and",
    "mandag", "fredag", "marts", "april", "maj", "dec", "sept", "okt", "januar", "året",
    "eller", "or", "mellem", "between", "st", "nd", "første", "sidste", "Easter", "summer",
    "holidays", "turn", "year", "new", "'", "s", "eve", "onwards", "MAJ", "ÆØÅ", "ß", "¹",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(0, 60).map(str),
    st.integers(1890, 3010).map(str),
    st.sampled_from(["00", "01", "09", "12", "16", "17", "29", "31", "53", "69", "99"]),
)
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    NUMBERS,
    st.sampled_from([".", ",", "-", "\u2013", "/", ":", "(", ")", "&", "+"]),
)
SEPARATORS = st.sampled_from([" ", "", ".", ". ", "-", "/", ", ", " \u2013 ", "  "])
PERIODS = st.one_of(
    st.none(),
    st.tuples(
        st.dates(date(1900, 1, 1), date(2999, 12, 31)),
        st.dates(date(1900, 1, 1), date(2999, 12, 31)),
    ),
)


@st.composite
def phrases(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(TOKENS, min_size=1, max_size=8))
    text = tokens[0]
    for token in tokens[1:]:
        text += draw(SEPARATORS) + token
    return text


@given(phrases(), PERIODS)
def test_grammar_phrases(text: str, period: tuple[date, date] | None) -> None:
    try:
        deadline = parse_deadline(text, period)
    except DeadlineError as error:
        assert error.text == text
        assert f'"{text}"' in str(error)
    else:
        assert deadline.text == text
        assert (deadline.due is None) == (deadline.start is None)
        assert (deadline.due is None) == (deadline.precision is P.CONTINUOUS)
        if deadline.due is not None:
            check_span(deadline)


def test_devagree_new_reads_a_missing_year_in_the_period_given() -> None:
    from devagree.drafting.writer import describe_deadline

    assert describe_deadline("ultimo august", "da", YEAR_2016)[1] == (
        "ultimo august -> 31. august 2016"
    )
    with pytest.raises(MissingYearError):
        describe_deadline("ultimo august", "da")
