"""Strategy milestones in `devagree deadlines`: beside the items, never overdue, stable UIDs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import assert_no_traceback, run

from devagree.followup.schedule import milestone_title

LONG = (
    "Systematisk opsamling og afdækning af status på kapaciteten (belægningsprocenter og "
    "udækket efterspørgsel efter pladser) leveres fremadrettet"
)

STRATEGY = f"""\
kind: strategy
version: 1
id: test-strategi
title: Teststrategi
municipality: Slagelse Kommune
body: Socialudvalget
tracks:
  - id: p1
    title: Første spor
    action_points:
      - title: Handling
        milestones:
          - text: |
              **Evaluering** af indsatsen

              Anden linje, som ikke er titlen.
            deadline: efteråret 2016
          - text: En milepæl uden tid
          - text: "{LONG}"
            due: 2016-04-15
"""

ITEM_KEYS = {
    "agreement",
    "file",
    "item",
    "title",
    "deadline",
    "due",
    "precision",
    "state",
    "overdue",
    "days_left",
    "owner",
}


@pytest.fixture
def book(workbook: Path) -> Path:
    """The seed agreement and a strategy with two dated milestones and one undated."""
    (workbook / "agreements" / "test-strategi.yaml").write_text(STRATEGY, encoding="utf-8")
    return workbook


def _json(folder: Path, *args: str) -> list[dict[str, object]]:
    result = run("deadlines", "-f", "json", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_milestones_are_listed_beside_items(book: Path) -> None:
    rows = _json(book, "--as-of", "2016-03-01")
    assert len(rows) == 6
    for row in rows:
        assert ITEM_KEYS | {"kind", "milestone"} <= set(row)
    items = [r for r in rows if r["kind"] == "item"]
    assert [r["item"] for r in items] == [1, 2, 3, 4]
    assert all(r["milestone"] is None for r in items)
    milestones = [r for r in rows if r["kind"] == "milestone"]
    assert [(r["due"], r["milestone"]) for r in milestones] == [
        ("2016-04-15", 3),
        ("2016-11-30", 1),
    ]
    assert rows[0]["kind"] == "milestone", "sorted by due date with the items"
    first, second = milestones
    assert second["title"] == "Evaluering af indsatsen"
    assert second["deadline"] == "efteråret 2016" and second["precision"] == "season"
    assert first["precision"] == "day" and first["deadline"] == "2016-04-15"
    for row in milestones:
        assert row["agreement"] == "test-strategi"
        assert row["item"] == "p1"
        assert row["owner"] == "Socialudvalget"
        assert row["state"] == "planned"
        assert row["overdue"] is False
        assert row["file"] == "agreements/test-strategi.yaml"
    assert first["days_left"] == 45


def test_a_past_milestone_is_never_overdue(book: Path) -> None:
    rows = _json(book, "--as-of", "2016-12-01")
    late = next(r for r in rows if r["kind"] == "milestone" and r["milestone"] == 1)
    assert late["overdue"] is False and late["days_left"] == -1
    overdue = _json(book, "--as-of", "2017-01-01", "--overdue")
    assert overdue and all(r["kind"] == "item" for r in overdue)


def test_within_lists_only_milestones_ahead(book: Path) -> None:
    rows = _json(book, "--as-of", "2016-04-10", "--within", "10d")
    assert [(r["kind"], r["milestone"]) for r in rows] == [("milestone", 3)]
    rows = _json(book, "--as-of", "2016-04-20", "--within", "365d")
    assert [r["milestone"] for r in rows if r["kind"] == "milestone"] == [1]


def test_csv_has_the_new_columns_last(book: Path) -> None:
    result = run("deadlines", "-f", "csv", "--as-of", "2016-03-01", cwd=book)
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames is not None and reader.fieldnames[-2:] == ["kind", "milestone"]
    rows = list(reader)
    assert [r["kind"] for r in rows].count("milestone") == 2
    assert rows[0]["item"] == "p1" and rows[0]["milestone"] == "3"


def _uids(text: str) -> list[str]:
    from icalendar import Calendar

    return [str(c["UID"]) for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def test_ics_uids_are_stable_and_distinct(book: Path) -> None:
    first = run("deadlines", "-f", "ics", "--as-of", "2016-03-01", cwd=book)
    later = run("deadlines", "-f", "ics", "--as-of", "2016-06-01", cwd=book)
    assert first.returncode == 0 and later.returncode == 0, first.stderr + later.stderr
    uids = _uids(first.stdout)
    assert len(uids) == len(set(uids)) == 6
    assert "test-strategi-p1-milestone-1@devagree" in uids
    assert "test-strategi-p1-milestone-3@devagree" in uids
    assert sorted(uids) == sorted(_uids(later.stdout))
    assert "Milepæl: Evaluering af indsatsen (test-strategi p1)" in first.stdout


def test_table_and_github(book: Path) -> None:
    table = run("deadlines", "--as-of", "2016-03-01", cwd=book)
    assert table.returncode == 0, table.stderr
    assert "milepæl" in table.stdout and "Evaluering af indsatsen" in table.stdout
    github = run("deadlines", "-f", "github", "--as-of", "2016-03-01", cwd=book)
    lines = github.stdout.splitlines()
    ahead = [line for line in lines if "test-strategi p1" in line]
    assert len(ahead) == 2 and all(line.startswith("::warning ") for line in ahead)
    late = run("deadlines", "-f", "github", "--as-of", "2016-12-31", cwd=book)
    assert "test-strategi" not in late.stdout, "a past milestone is not annotated"
    assert late.stdout.count("::error ") == 2
    assert_no_traceback(late)


def test_milestone_title_is_shortened_at_a_word() -> None:
    title = milestone_title(LONG)
    assert title.endswith("…") and len(title) <= 80
    assert LONG.startswith(title[:-1])
    assert milestone_title("**Fed** tekst\n\nmere") == "Fed tekst"
