"""Tests for devagree.deadlines: the table of accepted forms, errors, and properties."""

from __future__ import annotations

import calendar
import pickle
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devagree.deadlines import deadline as deadlines
from devagree.deadlines.deadline import (
    ACCEPTED_FORMS,
    Deadline,
    DeadlineError,
    MissingYearError,
    Precision,
    parse_deadline,
)

P = Precision
D = date

# --- the table: expression -> (due, precision) ---------------------------------------------

TABLE: list[tuple[str, date | None, Precision]] = [
    # day
    ("2016-12-31", D(2016, 12, 31), P.DAY),
    ("31.12.2016", D(2016, 12, 31), P.DAY),
    ("31/12/2016", D(2016, 12, 31), P.DAY),
    ("31. december 2016", D(2016, 12, 31), P.DAY),
    ("31 December 2016", D(2016, 12, 31), P.DAY),
    ("31. dec. 2016", D(2016, 12, 31), P.DAY),
    ("31 dec 2016", D(2016, 12, 31), P.DAY),
    ("1. maj 2016", D(2016, 5, 1), P.DAY),
    ("1 May 2016", D(2016, 5, 1), P.DAY),
    ("5. okt. 2016", D(2016, 10, 5), P.DAY),
    ("5 Oct 2016", D(2016, 10, 5), P.DAY),
    ("29.02.2016", D(2016, 2, 29), P.DAY),
    ("1.2.2016", D(2016, 2, 1), P.DAY),
    ("31.12.2016.", D(2016, 12, 31), P.DAY),
    ("  31.  DECEMBER   2016 ", D(2016, 12, 31), P.DAY),
    # week
    ("uge 12 2017", D(2017, 3, 26), P.WEEK),
    ("uge 12, 2017", D(2017, 3, 26), P.WEEK),
    ("week 12 2017", D(2017, 3, 26), P.WEEK),
    ("2017-W12", D(2017, 3, 26), P.WEEK),
    ("2017-w12", D(2017, 3, 26), P.WEEK),
    ("UGE 12 2017.", D(2017, 3, 26), P.WEEK),
    ("Week 12, 2017", D(2017, 3, 26), P.WEEK),
    ("uge 53 2020", D(2021, 1, 3), P.WEEK),
    ("uge 1 2019", D(2019, 1, 6), P.WEEK),
    # month
    ("juni 2016", D(2016, 6, 30), P.MONTH),
    ("Juni 2016", D(2016, 6, 30), P.MONTH),
    ("JUNI 2016", D(2016, 6, 30), P.MONTH),
    ("jun. 2016", D(2016, 6, 30), P.MONTH),
    ("jun 2016", D(2016, 6, 30), P.MONTH),
    ("June 2016", D(2016, 6, 30), P.MONTH),
    ("2016-06", D(2016, 6, 30), P.MONTH),
    ("juni 2016.", D(2016, 6, 30), P.MONTH),
    ("februar 2016", D(2016, 2, 29), P.MONTH),
    ("feb. 2017", D(2017, 2, 28), P.MONTH),
    ("marts 2016", D(2016, 3, 31), P.MONTH),
    ("March 2016", D(2016, 3, 31), P.MONTH),
    ("maj 2016", D(2016, 5, 31), P.MONTH),
    ("May 2016", D(2016, 5, 31), P.MONTH),
    ("sept. 2016", D(2016, 9, 30), P.MONTH),
    ("sep 2016", D(2016, 9, 30), P.MONTH),
    ("oktober 2016", D(2016, 10, 31), P.MONTH),
    ("okt. 2016", D(2016, 10, 31), P.MONTH),
    ("Oct 2016", D(2016, 10, 31), P.MONTH),
    # part of month
    ("primo juni 2016", D(2016, 6, 10), P.PART_OF_MONTH),
    ("medio juni 2016", D(2016, 6, 20), P.PART_OF_MONTH),
    ("ultimo juni 2016", D(2016, 6, 30), P.PART_OF_MONTH),
    ("Ultimo Juni 2016.", D(2016, 6, 30), P.PART_OF_MONTH),
    ("ULTIMO JUNI 2016", D(2016, 6, 30), P.PART_OF_MONTH),
    ("start of June 2016", D(2016, 6, 10), P.PART_OF_MONTH),
    ("mid June 2016", D(2016, 6, 20), P.PART_OF_MONTH),
    ("end of June 2016", D(2016, 6, 30), P.PART_OF_MONTH),
    ("primo jun. 2016", D(2016, 6, 10), P.PART_OF_MONTH),
    ("medio jun 2016", D(2016, 6, 20), P.PART_OF_MONTH),
    ("ultimo jun. 2016", D(2016, 6, 30), P.PART_OF_MONTH),
    ("ultimo februar 2016", D(2016, 2, 29), P.PART_OF_MONTH),
    ("ultimo feb. 2017", D(2017, 2, 28), P.PART_OF_MONTH),
    # quarter
    ("1. kvartal 2017", D(2017, 3, 31), P.QUARTER),
    ("første kvartal 2017", D(2017, 3, 31), P.QUARTER),
    ("FØRSTE KVARTAL 2017", D(2017, 3, 31), P.QUARTER),
    ("Første Kvartal 2017.", D(2017, 3, 31), P.QUARTER),
    ("2. kvartal 2017", D(2017, 6, 30), P.QUARTER),
    ("anden kvartal 2017", D(2017, 6, 30), P.QUARTER),
    ("andet kvartal 2017", D(2017, 6, 30), P.QUARTER),
    ("3. kvartal 2017", D(2017, 9, 30), P.QUARTER),
    ("tredje kvartal 2017", D(2017, 9, 30), P.QUARTER),
    ("4. kvartal 2017", D(2017, 12, 31), P.QUARTER),
    ("fjerde kvartal 2017", D(2017, 12, 31), P.QUARTER),
    ("Q1 2017", D(2017, 3, 31), P.QUARTER),
    ("q4 2017", D(2017, 12, 31), P.QUARTER),
    ("2017-Q1", D(2017, 3, 31), P.QUARTER),
    ("2017-Q3", D(2017, 9, 30), P.QUARTER),
    ("1st quarter 2017", D(2017, 3, 31), P.QUARTER),
    ("first quarter 2017", D(2017, 3, 31), P.QUARTER),
    ("second quarter 2017", D(2017, 6, 30), P.QUARTER),
    ("3rd quarter 2017", D(2017, 9, 30), P.QUARTER),
    ("fourth quarter of 2017", D(2017, 12, 31), P.QUARTER),
    # half year
    ("1. halvår 2018", D(2018, 6, 30), P.HALF_YEAR),
    ("første halvår 2018", D(2018, 6, 30), P.HALF_YEAR),
    ("H1 2018", D(2018, 6, 30), P.HALF_YEAR),
    ("2. halvår 2018", D(2018, 12, 31), P.HALF_YEAR),
    ("andet halvår 2018", D(2018, 12, 31), P.HALF_YEAR),
    ("anden halvår 2018", D(2018, 12, 31), P.HALF_YEAR),
    ("ANDET HALVÅR 2018", D(2018, 12, 31), P.HALF_YEAR),
    ("H2 2018", D(2018, 12, 31), P.HALF_YEAR),
    ("2018-H2", D(2018, 12, 31), P.HALF_YEAR),
    ("first half of 2018", D(2018, 6, 30), P.HALF_YEAR),
    ("second half of 2018", D(2018, 12, 31), P.HALF_YEAR),
    ("Second Half 2018.", D(2018, 12, 31), P.HALF_YEAR),
    # season
    ("foråret 2020", D(2020, 5, 31), P.SEASON),
    ("forår 2020", D(2020, 5, 31), P.SEASON),
    ("FORÅRET 2020", D(2020, 5, 31), P.SEASON),
    ("spring 2020", D(2020, 5, 31), P.SEASON),
    ("sommeren 2020", D(2020, 8, 31), P.SEASON),
    ("sommer 2020", D(2020, 8, 31), P.SEASON),
    ("summer 2020", D(2020, 8, 31), P.SEASON),
    ("efteråret 2020", D(2020, 11, 30), P.SEASON),
    ("efterår 2020", D(2020, 11, 30), P.SEASON),
    ("EFTERÅR 2020", D(2020, 11, 30), P.SEASON),
    ("autumn 2020", D(2020, 11, 30), P.SEASON),
    ("fall 2020", D(2020, 11, 30), P.SEASON),
    ("vinteren 2020", D(2021, 2, 28), P.SEASON),
    ("vinter 2020", D(2021, 2, 28), P.SEASON),
    ("winter 2020", D(2021, 2, 28), P.SEASON),
    ("vinteren 2023", D(2024, 2, 29), P.SEASON),
    ("Winter 2023.", D(2024, 2, 29), P.SEASON),
    # part of year
    ("primo 2017", D(2017, 4, 30), P.PART_OF_YEAR),
    ("medio 2017", D(2017, 8, 31), P.PART_OF_YEAR),
    ("ultimo 2017", D(2017, 12, 31), P.PART_OF_YEAR),
    ("Ultimo 2016", D(2016, 12, 31), P.PART_OF_YEAR),
    ("start of 2017", D(2017, 4, 30), P.PART_OF_YEAR),
    ("mid 2017", D(2017, 8, 31), P.PART_OF_YEAR),
    ("end of 2017", D(2017, 12, 31), P.PART_OF_YEAR),
    ("End Of 2017.", D(2017, 12, 31), P.PART_OF_YEAR),
    # year
    ("2017", D(2017, 12, 31), P.YEAR),
    ("2017.", D(2017, 12, 31), P.YEAR),
    ("i løbet af 2017", D(2017, 12, 31), P.YEAR),
    ("I LØBET AF 2017", D(2017, 12, 31), P.YEAR),
    ("i 2017", D(2017, 12, 31), P.YEAR),
    ("during 2017", D(2017, 12, 31), P.YEAR),
    ("in 2017", D(2017, 12, 31), P.YEAR),
    ("1900", D(1900, 12, 31), P.YEAR),
    ("2999", D(2999, 12, 31), P.YEAR),
    # continuous
    ("løbende", None, P.CONTINUOUS),
    ("Løbende", None, P.CONTINUOUS),
    ("LØBENDE.", None, P.CONTINUOUS),
    ("ongoing", None, P.CONTINUOUS),
    ("Continuous", None, P.CONTINUOUS),
]


@pytest.mark.parametrize(("text", "due", "precision"), TABLE)
def test_table(text: str, due: date | None, precision: Precision) -> None:
    deadline = parse_deadline(text)
    assert deadline == Deadline(text, due, deadline.start, precision)
    assert deadline.text == text
    if due is None:
        assert deadline.start is None
    else:
        assert deadline.start is not None
        assert deadline.start <= due


@pytest.mark.parametrize("text", ACCEPTED_FORMS)
def test_accepted_forms_parse(text: str) -> None:
    parse_deadline(text)


# --- the README's table: every example of every row -----------------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"
README_PERIOD = (D(2016, 1, 1), D(2016, 12, 31))
"""The period the README's table assumes for the examples that leave the year out."""


def readme_rows() -> list[tuple[str, str, str, str]]:
    """(form, example, due, precision) for every example in the README's deadline table."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("<!-- deadlines:start -->") : text.index("<!-- deadlines:end -->")]
    rows = []
    for line in table.splitlines()[3:]:
        form, examples, due, precision = (cell.strip() for cell in line.strip("|").split("|"))
        for example in re.findall(r"`([^`]+)`", examples):
            rows.append((form, example, due.split()[0], precision))
    return rows


def test_readme_table_is_long() -> None:
    """The table is read at all (a broken marker would otherwise make no tests)."""
    assert len(readme_rows()) > 150


@pytest.mark.parametrize(("form", "text", "due", "precision"), readme_rows())
def test_readme_table(form: str, text: str, due: str, precision: str) -> None:
    deadline = parse_deadline(text, README_PERIOD)
    shown = "none" if deadline.due is None else deadline.due.isoformat()
    kind = deadline.precision.value + (", continues" if deadline.continues else "")
    assert (shown, kind) == (due, precision), form


def test_decomposed_danish_letters() -> None:
    """An "å" typed as "a" + combining ring (as pasted from some systems) still reads."""
    assert parse_deadline("fora\u030aret 2020").due == D(2020, 5, 31)


def test_non_breaking_space() -> None:
    assert parse_deadline("juni\u00a02016").due == D(2016, 6, 30)


# --- errors --------------------------------------------------------------------------------

UNREADABLE = [
    "",
    "   ",
    ".",
    "snart",
    "Juni tyve seksten",
    "13/13/2016",
    "31.02.2016",
    "29.02.2017",
    "32.01.2016",
    "0.1.2016",
    "31.12/2016",
    "31.12.1899",
    "uge 54 2017",
    "uge 53 2017",
    "uge 0 2017",
    "2017-W54",
    "Q5 2017",
    "Q0 2017",
    "2017-Q5",
    "5. kvartal 2017",
    "femte kvartal 2017",
    "5. kvartal",
    "31. februar",
    "3. halvår 2018",
    "H3 2018",
    "2016-13",
    "2016-00",
    "2016-02-30",
    "primo 2017 2018",
    "12345",
    "1899",
    "3000",
    "99",
    "juni 16",
    "smarts 2016",
    "ultimo smarts 2016",
    "31. smarts 2016",
    "høst 2020",
    "løbende 2017",
    "2017..",
    "primo",
    "2017-2016",
    "2016 - juni",
    "vinteren 2016/2018",
    "foråret 2016/2017",
    "inden løbende",
    "efter sommerferien 2016",
    "uge 6-5 2017",
    "januar 2017 og",
    "og løbende",
]

NO_YEAR = ["juni", "uge 12", "ultimo august", "3. kvartal", "inden jul", "Q3", "d. 15. marts"]


@pytest.mark.parametrize("text", NO_YEAR)
def test_no_year_without_a_period(text: str) -> None:
    with pytest.raises(MissingYearError) as caught:
        parse_deadline(text)
    assert caught.value.text == text
    assert caught.value.candidates == ()
    assert str(caught.value) == (
        f'the deadline "{text}" names no year, and there is no period to take it from; '
        "write the year"
    )


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable(text: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, README_PERIOD)
    assert type(caught.value) is DeadlineError
    message = str(caught.value)
    assert f'"{text}"' in message
    assert "31.12.2016" in message
    assert caught.value.text == text


def test_error_message_wording() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("Juni tyve seksten")
    assert str(caught.value) == (
        'cannot read the deadline "Juni tyve seksten"; write a day (31.12.2016, 1. april 2017), '
        "a week (uge 12 2017), a month or part of one (juni 2016, ultimo juni 2016), a quarter "
        "or half-year (1. kvartal 2017, 2. halvår 2018), a season or holiday (foråret 2020, "
        "inden sommerferien 2016), a year (ultimo 2017, 2017), a range (april-maj 2017) or "
        "løbende"
    )
    for example in ACCEPTED_FORMS:
        assert example in str(caught.value)


def test_error_is_a_value_error_and_pickles() -> None:
    error = DeadlineError("snart")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert copy.text == "snart"
    assert str(copy) == str(error)


@pytest.mark.parametrize("value", [None, 2017, b"2017", date(2017, 1, 1)])
def test_non_string_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        parse_deadline(value)  # type: ignore[arg-type]


def test_deadline_is_frozen() -> None:
    deadline = parse_deadline("2017")
    with pytest.raises(AttributeError):
        deadline.due = None  # type: ignore[misc]


def test_import_is_cheap() -> None:
    """Neither importing the module nor reading a deadline imports babel: the month names
    come from the message catalogue (test_i18n holds them to Babel's).

    The module file is loaded on its own so that whatever the package imports does not count.
    """
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('deadlines', {deadlines.__file__!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['deadlines'] = module\n"
        "spec.loader.exec_module(module)\n"
        "print('babel' in sys.modules)\n"
        "module.parse_deadline('juni 2016')\n"
        "print('babel' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


# --- property 1: any text either parses or raises DeadlineError -----------------------------


def _parses_or_deadline_error(text: str) -> None:
    try:
        deadline = parse_deadline(text)
    except DeadlineError as error:
        assert error.text == text
        assert f'"{text}"' in str(error)
    else:
        assert isinstance(deadline, Deadline)
        assert deadline.text == text
        assert (deadline.due is None) == (deadline.start is None)
        assert (deadline.due is None) == (deadline.precision is P.CONTINUOUS)
        if deadline.due is not None and deadline.start is not None:
            assert deadline.start <= deadline.due


@given(st.text())
def test_any_text(text: str) -> None:
    _parses_or_deadline_error(text)


MONTH_WORDS = [
    "januar", "jan", "februar", "feb", "marts", "mar", "march", "april", "apr", "maj", "may",
    "juni", "jun", "june", "juli", "jul", "july", "august", "aug", "september", "sep", "sept",
    "oktober", "okt", "october", "oct", "november", "nov", "december", "dec",
]  # fmt: skip
GRAMMAR_WORDS = [
    *MONTH_WORDS,
    "uge", "week", "primo", "medio", "ultimo", "start", "of", "mid", "end", "kvartal",
    "quarter", "halvår", "half", "første", "anden", "andet", "tredje", "fjerde", "femte",
    "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "q1", "q5", "h1", "h3",
    "foråret", "forår", "sommeren", "sommer", "efteråret", "efterår", "vinteren", "vinter",
    "spring", "summer", "autumn", "fall", "winter", "i", "løbet", "af", "during", "in",
    "løbende", "ongoing", "continuous", "FØRSTE", "HALVÅR", "Juni", "ÆØÅ",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(0, 99).map(str),
    st.integers(1890, 3010).map(str),
    st.integers(0, 99999).map(str),
    st.sampled_from(["00", "01", "09", "12", "29", "30", "31", "53", "54"]),
)
PUNCTUATION = st.sampled_from([".", ",", "-", "/", "-w", "-q", "-h", ". ", "  ", "\t"])
TOKEN = st.one_of(st.sampled_from(GRAMMAR_WORDS), NUMBERS, PUNCTUATION)
SEPARATOR = st.sampled_from([" ", "", ".", ". ", "-", "/", ", ", "  "])


@st.composite
def grammar_text(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(TOKEN, min_size=1, max_size=6))
    text = tokens[0]
    for token in tokens[1:]:
        text += draw(SEPARATOR) + token
    return text


@given(grammar_text())
def test_grammar_words(text: str) -> None:
    _parses_or_deadline_error(text)


# --- property 2: generated periods resolve to independently computed bounds ----------------

YEARS = st.integers(1900, 2999)


def last_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, first: int, count: int) -> tuple[date, date]:
    """`count` months from month `first` of `year`, counted month by month."""
    end_year, end_month = year, first
    for _ in range(count - 1):
        end_month += 1
        if end_month == 13:
            end_year, end_month = end_year + 1, 1
    return date(year, first, 1), last_of_month(end_year, end_month)


DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
ABBREVIATIONS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.",
                 "okt.", "nov.", "dec."]  # fmt: skip


@st.composite
def month_word(draw: st.DrawFn, month: int) -> str:
    word = draw(
        st.sampled_from([DA_MONTHS[month - 1], EN_MONTHS[month - 1], ABBREVIATIONS[month - 1]])
    )
    return draw(st.sampled_from([word, word.upper(), word.capitalize()]))


@given(st.dates(date(1900, 1, 1), date(2999, 12, 31)), st.data())
def test_generated_days(day: date, data: st.DataObject) -> None:
    name = data.draw(month_word(day.month))
    text = data.draw(
        st.sampled_from(
            [
                day.isoformat(),
                f"{day.day:02}.{day.month:02}.{day.year}",
                f"{day.day}.{day.month}.{day.year}",
                f"{day.day}/{day.month}/{day.year}",
                f"{day.day}. {name} {day.year}",
                f"{day.day} {name} {day.year}",
            ]
        )
    )
    deadline = parse_deadline(text)
    assert (deadline.start, deadline.due, deadline.precision) == (day, day, P.DAY)


@given(YEARS, st.data())
def test_generated_weeks(year: int, data: st.DataObject) -> None:
    weeks = 53 if date(year, 12, 28).isocalendar()[1] == 53 else 52
    week = data.draw(st.integers(1, weeks))
    text = data.draw(
        st.sampled_from(
            [f"uge {week} {year}", f"uge {week}, {year}", f"week {week} {year}",
             f"{year}-W{week:02}"]
        )
    )  # fmt: skip
    jan4 = date(year, 1, 4)
    monday = jan4 - timedelta(days=jan4.weekday()) + timedelta(weeks=week - 1)
    deadline = parse_deadline(text)
    assert deadline.precision is P.WEEK
    assert deadline.start == monday
    assert deadline.due == monday + timedelta(days=6)
    assert deadline.due.weekday() == 6  # Sunday
    assert tuple(deadline.due.isocalendar()) == (year, week, 7)


@given(YEARS, st.integers(1, 12), st.data())
def test_generated_months(year: int, month: int, data: st.DataObject) -> None:
    name = data.draw(month_word(month))
    text = data.draw(st.sampled_from([f"{name} {year}", f"{year}-{month:02}"]))
    deadline = parse_deadline(text)
    assert deadline.precision is P.MONTH
    assert (deadline.start, deadline.due) == (date(year, month, 1), last_of_month(year, month))


@given(YEARS, st.integers(1, 12), st.integers(0, 2), st.data())
def test_generated_parts_of_month(year: int, month: int, part: int, data: st.DataObject) -> None:
    name = data.draw(month_word(month))
    word = data.draw(
        st.sampled_from([["primo", "start of"], ["medio", "mid"], ["ultimo", "end of"]][part])
    )
    deadline = parse_deadline(f"{word} {name} {year}")
    first_day = [1, 11, 21][part]
    last = last_of_month(year, month) if part == 2 else date(year, month, first_day + 9)
    assert deadline.precision is P.PART_OF_MONTH
    assert (deadline.start, deadline.due) == (date(year, month, first_day), last)


QUARTER_WORDS = [
    ["1.", "første", "1st", "first"],
    ["2.", "anden", "andet", "2nd", "second"],
    ["3.", "tredje", "3rd", "third"],
    ["4.", "fjerde", "4th", "fourth"],
]


@given(YEARS, st.integers(1, 4), st.data())
def test_generated_quarters(year: int, quarter: int, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(QUARTER_WORDS[quarter - 1]))
    danish = word.endswith(".") or word in {"første", "anden", "andet", "tredje", "fjerde"}
    noun = "kvartal" if danish else "quarter"
    text = data.draw(
        st.sampled_from([f"{word} {noun} {year}", f"Q{quarter} {year}", f"{year}-Q{quarter}"])
    )
    deadline = parse_deadline(text)
    assert deadline.precision is P.QUARTER
    assert (deadline.start, deadline.due) == month_span(year, 3 * quarter - 2, 3)


@given(YEARS, st.integers(1, 2), st.data())
def test_generated_half_years(year: int, half: int, data: st.DataObject) -> None:
    text = data.draw(
        st.sampled_from(
            [
                f"{half}. halvår {year}",
                f"{['første', 'andet'][half - 1]} halvår {year}",
                f"H{half} {year}",
                f"{['first', 'second'][half - 1]} half of {year}",
            ]
        )
    )
    deadline = parse_deadline(text)
    assert deadline.precision is P.HALF_YEAR
    assert (deadline.start, deadline.due) == month_span(year, 6 * half - 5, 6)


SEASON_WORDS = [
    ["foråret", "forår", "spring"],
    ["sommeren", "sommer", "summer"],
    ["efteråret", "efterår", "autumn", "fall"],
    ["vinteren", "vinter", "winter"],
]


@given(YEARS, st.integers(0, 3), st.data())
def test_generated_seasons(year: int, season: int, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(SEASON_WORDS[season]))
    word = data.draw(st.sampled_from([word, word.upper(), word.capitalize()]))
    deadline = parse_deadline(f"{word} {year}")
    first = [3, 6, 9, 12][season]
    assert deadline.precision is P.SEASON
    assert (deadline.start, deadline.due) == month_span(year, first, 3)
    if season == 3:
        assert deadline.due == date(year + 1, 3, 1) - timedelta(days=1)


@given(YEARS, st.integers(0, 2), st.data())
def test_generated_parts_of_year(year: int, part: int, data: st.DataObject) -> None:
    word = data.draw(
        st.sampled_from([["primo", "start of"], ["medio", "mid"], ["ultimo", "end of"]][part])
    )
    deadline = parse_deadline(f"{word} {year}")
    assert deadline.precision is P.PART_OF_YEAR
    assert (deadline.start, deadline.due) == month_span(year, 4 * part + 1, 4)


@given(YEARS, st.sampled_from(["{}", "i løbet af {}", "during {}", "in {}", "I {}"]))
def test_generated_years(year: int, form: str) -> None:
    deadline = parse_deadline(form.format(year))
    assert deadline.precision is P.YEAR
    assert (deadline.start, deadline.due) == (date(year, 1, 1), date(year, 12, 31))


# --- property 3: overdue exactly when the due date has passed -------------------------------

PERIOD_TEXTS = st.one_of(
    st.dates(date(1900, 1, 1), date(2999, 12, 31)).map(date.isoformat),
    st.builds("{} {}".format, st.sampled_from(MONTH_WORDS), YEARS),
    st.builds("Q{} {}".format, st.integers(1, 4), YEARS),
    st.builds("{} {}".format, st.sampled_from(["primo", "medio", "ultimo", "vinter"]), YEARS),
    YEARS.map(str),
    st.sampled_from(["løbende", "ongoing", "continuous"]),
)


@given(PERIOD_TEXTS, st.dates())
def test_is_overdue(text: str, as_of: date) -> None:
    deadline = parse_deadline(text)
    expected = deadline.due is not None and deadline.due < as_of
    assert deadline.is_overdue(as_of) is expected
    if deadline.due is None:
        assert not deadline.is_overdue(date.max)
    else:
        assert not deadline.is_overdue(deadline.due)
        if deadline.due < date.max:
            assert deadline.is_overdue(deadline.due + timedelta(days=1))
