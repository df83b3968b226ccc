"""Deadlines in a workbook, through the installed command: the year from the agreement's
period, the missing year reported with its candidates, and work that continues."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEED, assert_no_traceback, run

AGREEMENT = Path("agreements") / SEED.name


def rewrite(workbook: Path, *changes: tuple[str, str]) -> None:
    path = workbook / AGREEMENT
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def check(workbook: Path, as_of: str) -> tuple[list[dict[str, object]], int]:
    result = run("check", "-f", "json", "--as-of", as_of, cwd=workbook)
    assert_no_traceback(result)
    return json.loads(result.stdout), result.returncode


def deadlines(workbook: Path, as_of: str) -> list[dict[str, object]]:
    result = run("deadlines", "-f", "json", "--as-of", as_of, cwd=workbook)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_a_deadline_without_a_year_takes_the_agreements_year(workbook: Path) -> None:
    """The seed's period is 2016-02-29 to 2016-12-31: "Ultimo august" is 31 August 2016."""
    rewrite(
        workbook,
        ("deadline: Juni 2016.", "deadline: Ultimo august"),
        ("deadline: Juni 2016\n", "deadline: inden sommerferien\n"),
    )
    problems, code = check(workbook, "2016-03-01")
    assert (problems, code) == ([], 0)
    rows = deadlines(workbook, "2016-03-01")
    dues = {row["deadline"]: (row["due"], row["precision"]) for row in rows}
    assert dues["Ultimo august"] == ("2016-08-31", "part_of_month")
    assert dues["inden sommerferien"] == ("2016-06-24", "day")


def test_a_missing_year_that_the_period_cannot_settle_is_da206(workbook: Path) -> None:
    rewrite(
        workbook,
        ("  end: 2016-12-31", "  end: 2017-12-31"),
        ("deadline: Juni 2016.", "deadline: Ultimo august"),
    )
    problems, code = check(workbook, "2016-03-01")
    assert code == 1
    assert [(p["code"], p["message"]) for p in problems] == [
        (
            "DA206",
            'item 1: the deadline "Ultimo august" names no year, and the agreement\'s period '
            "does not settle it; write the year of one of these due dates: 31 August 2016, "
            "31 August 2017",
        )
    ]


def test_work_that_continues_is_overdue_only_until_it_has_started(workbook: Path) -> None:
    rewrite(workbook, ("deadline: Juni 2016.", "deadline: juni 2016 og løbende"))
    problems, _ = check(workbook, "2016-07-01")
    overdue = sorted(str(p["message"])[:7] for p in problems if p["code"] == "DA208")
    assert overdue == ["item 1 ", "item 2 "]
    rewrite(
        workbook,
        (
            "deadline: juni 2016 og løbende\n",
            "deadline: juni 2016 og løbende\n    status:\n      state: in_progress\n"
            "      as_of: 2016-06-15\n",
        ),
    )
    problems, _ = check(workbook, "2016-07-01")
    overdue = sorted(str(p["message"])[:7] for p in problems if p["code"] == "DA208")
    assert overdue == ["item 2 "]
