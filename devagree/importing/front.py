"""Reading the front of an agreement: dates, the period, the parties, municipality, centre.

Each function reads one thing from text the document holds and returns None when the text
does not say it; nothing here guesses a value the document does not state.
"""

from __future__ import annotations

import re
from datetime import date

from devagree.deadlines.deadline import DeadlineError, Precision, parse_deadline

_MONTH = (
    r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    r"|january|february|march|may|june|july|october"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.?"
)
DATE = (
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}"
    rf"|\d{{1,2}}\.?\s*{_MONTH}\s+\d{{4}})"
)
_DATE_ONLY = re.compile(rf"^\s*(?:(?:dato|date)\s*:?\s*)?(?:d\.\s*)?({DATE})\s*\.?\s*$", re.I)
_PERIOD = re.compile(
    rf"(?:d\.\s*)?({DATE})\s*(?:til|to|until|-|\u2013|\u2014)\s*(?:og med\s+)?(?:d\.\s*)?({DATE})",
    re.IGNORECASE,
)
_YEARS = re.compile(r"^\s*((?:19|20)\d{2})(?:\s*[-\u2013\u2014/]\s*((?:19|20)\d{2}))?\s*$")
_TITLE_YEAR = re.compile(r"\b((?:19|20)\d{2})(?:\s*[-\u2013\u2014/]\s*((?:19|20)\d{2}))?\b")
_BETWEEN = re.compile(
    r"^\s*(?:udviklingsaftale|aftale|development agreement|agreement)\s+(?:mellem|between)\b"
    r"\s*:?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MUNICIPALITY = re.compile(
    r"\b([A-ZÆØÅ][\wæøåÆØÅ-]+(?:-[A-ZÆØÅ][\wæøå]+)?\s+Kommune)\b"
    r"|\b([A-Z][\w-]+\s+Municipality|Municipality of\s+[A-Z][\w-]+)\b"
)
_CENTRE = re.compile(
    r"\b((?:Center|Centre|Centret|Centeret) for [A-ZÆØÅ][\wæøå-]*"
    r"(?:(?:, | og | and | )[A-ZÆØÅ][\wæøå-]*)*)"
)

FRONT_LABELS: dict[str, str] = {
    "parter": "parties",
    "aftaleparter": "parties",
    "parties": "parties",
    "periode": "period",
    "aftaleperiode": "period",
    "gyldighed": "period",
    "gyldighedsperiode": "period",
    "period": "period",
    "validity": "period",
    "dato": "date",
    "date": "date",
    "center": "organisation",
    "centre": "organisation",
    "organisation": "organisation",
    "enhed": "organisation",
    "kommune": "municipality",
    "municipality": "municipality",
    "udvalg": "committee",
    "udvalget": "committee",
    "fagudvalg": "committee",
    "politisk udvalg": "committee",
    "committee": "committee",
    "centerchef": "chief",
    "centerchefen": "chief",
    "chef": "chief",
    "chefen": "chief",
    "centre chief": "chief",
    "center chief": "chief",
    "chief": "chief",
}
"""Labels of the front of an agreement (in a table or before a colon) → what they give."""

PURPOSE_WORDS = frozenset(
    {
        "formål",
        "formålet",
        "formål med aftalen",
        "formålet med aftalen",
        "formålet med udviklingsaftalen",
        "indledning",
        "purpose",
        "introduction",
    }
)
"""A heading, or a front table's label, over the purpose (normalised)."""

_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")


def section_of(label: str) -> str | None:
    """ "purpose" or "vision" when a heading or a front table's label (normalised) names the
    purpose or the vision, also under a section number ("1 Formål", "2. Udvalgets vision")."""
    text = _SECTION_NUMBER.sub("", label)
    if "vision" in text:
        return "vision"
    return "purpose" if text in PURPOSE_WORDS else None


def read_date(text: str) -> date | None:
    """A day written as a date, e.g. "29. februar 2016", "1.1.2027", "2016-02-29"."""
    try:
        deadline = parse_deadline(text.strip().rstrip("."))
    except DeadlineError:
        return None
    return deadline.due if deadline.precision is Precision.DAY else None


def date_paragraph(text: str) -> date | None:
    """The date when the whole paragraph is a date ("29. februar 2016", "Dato: 1.3.2027")."""
    match = _DATE_ONLY.match(text)
    return read_date(match.group(1)) if match else None


def find_period(text: str) -> tuple[date, date] | None:
    """A period written in ``text``: "d. 29. februar 2016 til d. 31. december 2016"."""
    for match in _PERIOD.finditer(text):
        start, end = read_date(match.group(1)), read_date(match.group(2))
        if start is not None and end is not None and start <= end:
            return start, end
    return None


def year_paragraph(text: str) -> tuple[int, int] | None:
    """The years of a paragraph that is only a year or a span of years ("2016", "2024-2030")."""
    match = _YEARS.match(text)
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    return (first, last) if first <= last else None


def title_years(text: str) -> tuple[int, int] | None:
    """The year (or span) a title names: "Udviklingsaftale for 2016"."""
    match = _TITLE_YEAR.search(text)
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    return (first, last) if first <= last else None


def between(text: str) -> str | None:
    """The parties' text after "Udviklingsaftale mellem", or None when it is not that line."""
    match = _BETWEEN.match(text)
    return match.group(1).strip() if match else None


_COMMITTEE_END = re.compile(r"(?:udvalget|udvalg|byrådet|committee|council)$", re.IGNORECASE)


def split_parties(text: str) -> list[str]:
    """Party names from "X og Y" (also "X og\\nY", "X and Y"); names may hold "og" themselves.

    A line break after "og" decides; otherwise the "og" after a committee's name
    ("...udvalget og ...").
    """
    text = text.strip().rstrip(".")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) > 1:
        names = [re.sub(r"\s+(?:og|and|&)$", "", line, flags=re.IGNORECASE) for line in lines]
        names = [re.sub(r"^(?:og|and|&)\s+", "", n, flags=re.IGNORECASE) for n in names]
        return [n for n in names if n]
    words = re.split(r"\s+(og|and|&)\s+", text)
    if len(words) == 1:
        return [text] if text else []
    cuts = [i for i in range(1, len(words), 2) if words[i + 1][:1].isupper()]
    if not cuts:
        return [text]
    chosen = next(
        (i for i in cuts if _COMMITTEE_END.search("".join(words[:i]).strip())),
        cuts[0] if len(cuts) == 1 else None,
    )
    if chosen is None:
        chosen = cuts[len(cuts) // 2]
    left = "".join(w if k % 2 == 0 else f" {w} " for k, w in enumerate(words[:chosen]))
    right = "".join(w if k % 2 == 0 else f" {w} " for k, w in enumerate(words[chosen + 1 :]))
    return [left.strip(), right.strip()]


def municipality_in(text: str) -> str | None:
    match = _MUNICIPALITY.search(text)
    if not match:
        return None
    return (match.group(1) or match.group(2)).strip()


def centre_in(*texts: str) -> str | None:
    """The first "Center for ..." named in one of ``texts``."""
    for text in texts:
        match = _CENTRE.search(text)
        if match:
            return match.group(1).strip()
    return None
