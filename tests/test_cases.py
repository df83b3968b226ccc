"""Example files with the problems they must give, run through the API and the installed CLI.

``cases/valid/*.yaml`` must give no problem at all. ``cases/invalid/NAME.yaml`` must give
exactly the ``line:col CODE`` lines of ``NAME.expected``, in that order; a folder
``cases/invalid/NAME/`` is a workbook whose ``expected`` file lists ``file:line:col CODE``.
Every case is checked as of 2016-03-01 unless its first line says ``# as-of: YYYY-MM-DD``.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, assert_no_traceback, run

from devagree import check_workbook
from devagree.core.problems import Problem

DEFAULT_AS_OF = date(2016, 3, 1)
WARNINGS = frozenset({"DA207", "DA208", "DA214", "DA215"})
"""The codes that are warnings by default (due outside the period, overdue, history order,
a digital signature not validated against a trust root)."""

AS_OF = re.compile(r"#\s*as-of:\s*(\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True)
class Case:
    path: Path
    """The YAML file, or the folder of a multi-file case."""
    expected: tuple[str, ...]
    as_of: date

    @property
    def folder(self) -> Path:
        return self.path if self.path.is_dir() else self.path.parent

    @property
    def exit_code(self) -> int:
        codes = [line.split()[-1] for line in self.expected]
        if any(code.startswith("DA0") for code in codes):
            return 2
        if any(code not in WARNINGS for code in codes):
            return 1
        return 0


def _as_of(path: Path) -> date:
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    for file in files:
        first = file.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
        found = AS_OF.match(first)
        if found:
            return date.fromisoformat(found.group(1))
    return DEFAULT_AS_OF


def _expected(file: Path) -> tuple[str, ...]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _cases() -> list[Case]:
    found = [Case(path, (), _as_of(path)) for path in sorted((CASES / "valid").glob("*.yaml"))]
    invalid = CASES / "invalid"
    for path in sorted(invalid.iterdir()):
        if path.is_dir():
            found.append(Case(path, _expected(path / "expected"), _as_of(path)))
        elif path.suffix == ".yaml":
            found.append(Case(path, _expected(path.with_suffix(".expected")), _as_of(path)))
    return found


CASE_LIST = _cases()
IDS = [f"{c.path.parent.name}/{c.path.name}" for c in CASE_LIST]


def _line(case: Case, cwd: Path, path: str, line: int, column: int, code: str) -> str:
    """A problem as the expected files write it; in a folder case, with its file's path
    relative to that folder (``path`` is as devagree showed it, run in ``cwd``)."""
    if not case.path.is_dir():
        return f"{line}:{column} {code}"
    relative = (cwd / path).resolve().relative_to(case.folder.resolve())
    return f"{relative.as_posix()}:{line}:{column} {code}"


def _json(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    """The JSON report on stdout; a failure shows what devagree said instead."""
    try:
        records: list[dict[str, object]] = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"no JSON report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return records


def _run_cli(case: Case) -> subprocess.CompletedProcess[str]:
    target = "." if case.path.is_dir() else case.path.name
    return run("check", target, "--as-of", case.as_of.isoformat(), "-f", "json", cwd=case.folder)


# --- the case files themselves ---------------------------------------------------------------


def test_there_are_cases_for_each_kind() -> None:
    valid = [c for c in CASE_LIST if not c.expected]
    invalid = [c for c in CASE_LIST if c.expected]
    assert len(valid) >= 6
    assert len(invalid) >= 25


def test_every_invalid_file_has_its_expected_file() -> None:
    invalid = CASES / "invalid"
    for path in invalid.glob("*.yaml"):
        assert path.with_suffix(".expected").is_file(), f"{path.name} has no .expected file"
    for path in invalid.glob("*.expected"):
        assert path.with_suffix(".yaml").is_file(), f"{path.name} has no .yaml file"
    for folder in (p for p in invalid.iterdir() if p.is_dir()):
        assert (folder / "expected").is_file(), f"{folder.name}/ has no expected file"


@pytest.mark.parametrize("case", [c for c in CASE_LIST if c.expected], ids=lambda c: c.path.name)
def test_expected_lines_are_well_formed_and_named(case: Case) -> None:
    """Each line is `line:col CODE`; a file named `daNNN-...` expects DANNN."""
    pattern = r"^(\S+\.yaml:)?\d+:\d+ DA\d{3}$"
    for line in case.expected:
        assert re.match(pattern, line), f"{case.path.name}: malformed expected line {line!r}"
    named = re.match(r"da(\d{3})-", case.path.name)
    if named:
        codes = {line.split()[-1] for line in case.expected}
        assert f"DA{named.group(1)}" in codes


def test_valid_cases_are_small_and_not_copies_of_the_seed(seed: Path) -> None:
    seed_text = seed.read_text(encoding="utf-8")
    for case in (c for c in CASE_LIST if not c.expected):
        text = case.path.read_text(encoding="utf-8")
        assert text != seed_text
        assert len(text) < 6000, case.path.name


# --- through the API and through the CLI -----------------------------------------------------


@pytest.mark.parametrize("case", CASE_LIST, ids=IDS)
def test_case_through_the_api(case: Case) -> None:
    workbook = check_workbook([case.path], case.as_of, start=case.folder)
    got = [_line(case, Path.cwd(), p.path, p.line, p.column, p.code) for p in workbook.problems]
    assert got == list(case.expected)
    assert workbook.unreadable == (case.exit_code == 2)
    for problem in workbook.problems:
        expected_severity = "warning" if problem.code in WARNINGS else "error"
        assert problem.severity.value == expected_severity, problem
        assert problem.message.strip(), problem
    if not case.expected:
        assert len(workbook.agreements) == 1


@pytest.mark.parametrize("case", CASE_LIST, ids=IDS)
def test_case_through_the_cli(case: Case) -> None:
    result = _run_cli(case)
    assert_no_traceback(result)
    records = _json(result)
    got = [_line(case, case.folder, r["path"], r["line"], r["column"], r["code"]) for r in records]
    assert got == list(case.expected), result.stderr
    assert result.returncode == case.exit_code, (result.stdout, result.stderr)
    for record in records:
        assert record["severity"] == ("warning" if record["code"] in WARNINGS else "error")


# --- cases made at test time -----------------------------------------------------------------


def _check_generated(path: Path, as_of: date = DEFAULT_AS_OF) -> tuple[list[Problem], int]:
    workbook = check_workbook([path], as_of, start=path.parent)
    result = run("check", path.name, "--as-of", as_of.isoformat(), "-f", "json", cwd=path.parent)
    assert_no_traceback(result)
    records = _json(result)
    api = [f"{p.line}:{p.column} {p.code}" for p in workbook.problems]
    cli = [f"{r['line']}:{r['column']} {r['code']}" for r in records]
    assert api == cli
    return workbook.problems, result.returncode


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A folder with default settings, so no devagree.yaml above it takes part."""
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    return tmp_path


def test_da002_not_utf8(scratch: Path) -> None:
    path = scratch / "latin1.yaml"
    path.write_bytes("kind: agreement\ntitle: Café for alle\n".encode("latin-1"))
    problems, exit_code = _check_generated(path)
    assert [f"{p.line}:{p.column} {p.code}" for p in problems] == ["2:11 DA002"]
    assert "0xe9" in problems[0].message
    assert "UTF-8" in problems[0].message
    assert exit_code == 2


def test_da010_too_large(scratch: Path) -> None:
    path = scratch / "huge.yaml"
    filler = "# " + "x" * 998 + "\n"
    path.write_text("kind: agreement\n" + filler * 3000, encoding="utf-8")  # 3 MB
    problems, exit_code = _check_generated(path)
    assert [p.code for p in problems] == ["DA010"]
    assert exit_code == 2


def test_da010_message_states_the_real_size(scratch: Path) -> None:
    """If the message says how large the file is, that must be the file's size."""
    path = scratch / "huge.yaml"
    filler = "# " + "x" * 998 + "\n"
    path.write_text("kind: agreement\n" + filler * 3000, encoding="utf-8")
    size_kb = path.stat().st_size // 1024
    workbook = check_workbook([path], DEFAULT_AS_OF, start=scratch)
    (problem,) = workbook.problems
    stated = [int(n) for n in re.findall(r"(\d+) KB", problem.message)]
    assert all(n == size_kb for n in stated), (problem.message, size_kb)


def test_a_file_just_under_the_size_limit_is_read(scratch: Path) -> None:
    from devagree.core.loader import MAX_BYTES

    seed_text = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    padding = MAX_BYTES - len(seed_text.encode("utf-8")) - 1
    path = scratch / "padded.yaml"
    path.write_text(seed_text + "#" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    problems, exit_code = _check_generated(path)
    assert problems == []
    assert exit_code == 0


def test_da001_missing_file(scratch: Path) -> None:
    problems, exit_code = _check_generated(scratch / "missing.yaml")
    assert [p.code for p in problems] == ["DA001"]
    assert exit_code == 2
