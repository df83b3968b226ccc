"""The shipped example workbooks do what their READMEs say."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run

from devagree.checks import CODES

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

NOT_SHOWABLE_BY_A_COMMITTED_FILE = {"DA001", "DA010", "DA302"}


def test_every_problem_workbook_shows_every_code() -> None:
    result = run(
        "check", "--as-of", "2016-03-01", "--format", "json", cwd=EXAMPLES / "every-problem"
    )
    assert result.returncode == 2  # it holds unreadable files
    shown = {problem["code"] for problem in json.loads(result.stdout)}
    assert shown == set(CODES) - NOT_SHOWABLE_BY_A_COMMITTED_FILE


def test_english_workbook_is_clean_and_english() -> None:
    clean = run("check", "--as-of", "2026-02-01", cwd=EXAMPLES / "english")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no problems" in clean.stdout
    table = run("deadlines", "--as-of", "2026-07-01", cwd=EXAMPLES / "english")
    assert "Due" in table.stdout and "1 day overdue" in table.stdout
