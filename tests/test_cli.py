"""The installed `devagree` command, run as a user would run it (in a subprocess)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import REPO, SEED, assert_no_traceback, run, standalone_seed_text

import devagree

AGREEMENT = Path("agreements") / SEED.name
DEADLINE_KEYS = {"agreement", "file", "item", "title", "deadline", "due", "precision", "overdue"}
PROBLEM_KEYS = {"path", "line", "column", "code", "severity", "message"}


def ok(result: subprocess.CompletedProcess[str], code: int = 0) -> str:
    """stdout of a run that must exit with ``code`` and never show a traceback."""
    assert_no_traceback(result)
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    return result.stdout


def problems(folder: Path, *args: str) -> tuple[list[dict[str, object]], int]:
    result = run("check", "-f", "json", *args, cwd=folder)
    assert_no_traceback(result)
    return json.loads(result.stdout), result.returncode


def located(records: list[dict[str, object]]) -> list[str]:
    return [f"{r['path']}:{r['line']}:{r['column']} {r['code']}" for r in records]


def find(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column where ``needle`` starts (its ``occurrence``-th time)."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def value_of(text: str, key_line: str, occurrence: int = 1) -> tuple[int, int]:
    """Position of the value on the line ``key_line`` (e.g. "    deadline: Juni 2016")."""
    line, column = find(text, key_line, occurrence)
    key, _, _ = key_line.partition(": ")
    return line, column + len(key) + 2


def seed_deadline_lines() -> list[int]:
    lines = standalone_seed_text().splitlines()
    return [n for n, line in enumerate(lines, 1) if line.startswith("    deadline: ")]


def set_rules(workbook: Path, rules: str) -> None:
    (workbook / "devagree.yaml").write_text(
        f"kind: workbook\nversion: 1\nrules:\n{rules}", encoding="utf-8"
    )


# --- check: the seed ------------------------------------------------------------------------------


def test_the_repository_checks_clean(repo: Path) -> None:
    out = ok(run("check", "--as-of", "2016-03-01", cwd=repo))
    summary = out.strip().splitlines()[-1]
    assert summary == "5 files checked, 1 agreement, 4 strategies: no problems."


def test_the_seed_checks_clean_in_a_workbook(workbook: Path) -> None:
    out = ok(run("check", "--as-of", "2016-03-01", cwd=workbook))
    assert "no problems" in out.strip().splitlines()[-1]
    assert "\x1b[" not in out  # plain text when piped and NO_COLOR is set


def test_overdue_items_are_warnings(workbook: Path) -> None:
    records, code = problems(workbook, "--as-of", "2017-01-01")
    assert code == 0
    assert [r["code"] for r in records] == ["DA208"] * 4
    assert {r["severity"] for r in records} == {"warning"}
    assert [r["line"] for r in records] == seed_deadline_lines()
    assert {r["column"] for r in records} == {len("    deadline: ") + 1}
    assert {r["path"] for r in records} == {AGREEMENT.as_posix()}
    out = ok(run("check", "--as-of", "2017-01-01", cwd=workbook))
    assert out.strip().splitlines()[-1].endswith("0 errors, 4 warnings.")


def test_overdue_counts_days_from_the_as_of_day(workbook: Path) -> None:
    records, _ = problems(workbook, "--as-of", "2016-07-01")
    assert [r["code"] for r in records] == ["DA208", "DA208"]
    assert all("(1 day ago)" in str(r["message"]) for r in records)
    records, _ = problems(workbook, "--as-of", "2016-06-30")
    assert records == []


def test_a_rule_can_be_made_an_error(workbook: Path) -> None:
    set_rules(workbook, "  DA208: error\n")
    records, code = problems(workbook, "--as-of", "2017-01-01")
    assert code == 1
    assert [(r["code"], r["severity"]) for r in records] == [("DA208", "error")] * 4


def test_a_rule_can_be_switched_off(workbook: Path) -> None:
    set_rules(workbook, "  DA208: off\n")
    out = ok(run("check", "--as-of", "2017-01-01", cwd=workbook))
    assert "DA208" not in out
    assert out.strip().endswith("no problems.")


def test_a_warning_rule_can_be_made_an_error_and_back(workbook: Path) -> None:
    text = (workbook / AGREEMENT).read_text(encoding="utf-8")
    (workbook / AGREEMENT).write_text(
        text.replace("deadline: Ultimo 2016", "deadline: Ultimo 2017", 1), encoding="utf-8"
    )
    _, code = problems(workbook, "--as-of", "2016-03-01")
    assert code == 0  # DA207 is a warning by default
    set_rules(workbook, "  DA207: error\n")
    records, code = problems(workbook, "--as-of", "2016-03-01")
    assert code == 1
    assert [(r["code"], r["severity"]) for r in records] == [("DA207", "error")]


@pytest.mark.parametrize(
    ("rules", "code"), [("  DA999: error\n", "DA999"), ("  DA101: off\n", "DA101")]
)
def test_a_code_that_cannot_be_set_gives_da301(workbook: Path, rules: str, code: str) -> None:
    set_rules(workbook, rules)
    records, exit_code = problems(workbook, "--as-of", "2016-03-01")
    assert exit_code == 1
    assert located(records) == ["devagree.yaml:4:3 DA301"]
    assert f"`{code}`" in str(records[0]["message"])
    assert "DA208" in str(records[0]["message"])  # lists the codes that can be set


def test_a_broken_devagree_yaml_is_reported_in_plain_words(workbook: Path) -> None:
    (workbook / "devagree.yaml").write_text(
        "kind: workbook\nversion: 1\nlanguage: fr\nrules:\n  DA208: loud\n", encoding="utf-8"
    )
    records, exit_code = problems(workbook, "--as-of", "2016-03-01")
    assert exit_code == 1
    assert located(records) == ["devagree.yaml:3:11 DA104", "devagree.yaml:5:10 DA104"]
    assert "da, en" in str(records[0]["message"])


# --- check: formats -------------------------------------------------------------------------------


@pytest.fixture
def overdue_and_broken(workbook: Path) -> Path:
    """The seed (4 overdue warnings as of 2017-01-01) and an agreement with one error."""
    text = standalone_seed_text().replace("id: slagelse-chp-2016", "id: broken")
    text = text.replace("    resources: Alle iværksatte", "    resources: TODO Alle iværksatte")
    (workbook / "agreements" / "broken.yaml").write_text(text, encoding="utf-8")
    return workbook


def test_format_text(overdue_and_broken: Path) -> None:
    out = ok(run("check", "--as-of", "2017-01-01", cwd=overdue_and_broken), 1)
    lines = out.strip().splitlines()
    assert lines[-1] == "2 files checked, 2 agreements: 1 error, 8 warnings."
    pattern = re.compile(r"^agreements/[\w.-]+\.yaml:\d+:\d+: DA\d{3} (error|warning) \S")
    assert all(pattern.match(line) for line in lines[:-1]), lines
    assert sum("DA209 error" in line for line in lines) == 1


def test_format_json(overdue_and_broken: Path) -> None:
    records, code = problems(overdue_and_broken, "--as-of", "2017-01-01")
    assert code == 1
    assert len(records) == 9
    for record in records:
        assert set(record) == PROBLEM_KEYS
        assert isinstance(record["line"], int) and isinstance(record["column"], int)
        assert record["severity"] in ("error", "warning")
    assert records == sorted(records, key=lambda r: (r["path"], r["line"], r["column"]))


def test_format_github(overdue_and_broken: Path) -> None:
    out = ok(run("check", "-f", "github", "--as-of", "2017-01-01", cwd=overdue_and_broken), 1)
    lines = out.strip().splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 9
    assert all(line.startswith(("::error file=", "::warning file=")) for line in annotations), (
        annotations
    )
    error = next(line for line in annotations if line.startswith("::error"))
    assert re.match(r"::error file=agreements/broken\.yaml,line=\d+,col=\d+,title=DA209::", error)
    assert [line for line in lines if not line.startswith("::")] == [lines[-1]]  # the summary


def test_format_github_escapes_percent_signs(tmp_path: Path) -> None:
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("kind: agreement\nversion: 1\nid: 100%\n", encoding="utf-8")
    result = run("check", "a.yaml", "-f", "github", "--as-of", "2016-03-01", cwd=tmp_path)
    lines = ok(result, 1).strip().splitlines()[:-1]
    assert lines and all(line.startswith("::error file=a.yaml,line=") for line in lines)
    assert any("100%25" in line for line in lines)
    for line in lines:
        assert not re.search(r"%(?!25|0A|0D|3A|2C)", line), line


def test_format_junit(overdue_and_broken: Path) -> None:
    out = ok(run("check", "-f", "junit", "--as-of", "2017-01-01", cwd=overdue_and_broken), 1)
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"agreements/broken.yaml", AGREEMENT.as_posix()}
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    assert cases["agreements/broken.yaml"].find("failure") is not None
    assert cases[AGREEMENT.as_posix()].find("failure") is None
    assert "DA208" in (cases[AGREEMENT.as_posix()].findtext("system-out") or "")


def test_every_format_of_a_clean_workbook_parses(workbook: Path) -> None:
    args = ("check", "--as-of", "2016-03-01", "-f")
    assert json.loads(ok(run(*args, "json", cwd=workbook))) == []
    assert ok(run(*args, "github", cwd=workbook)).strip().endswith("no problems.")
    suite = ElementTree.fromstring(ok(run(*args, "junit", cwd=workbook)).encode()).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"


def test_an_unknown_format_is_a_usage_error(workbook: Path) -> None:
    result = run("check", "-f", "yaml", "--as-of", "2016-03-01", cwd=workbook)
    ok(result, 2)
    assert "yaml" in result.stderr


def test_verbose_adds_the_raw_detail(workbook: Path) -> None:
    path = workbook / AGREEMENT
    path.write_text(
        path.read_text(encoding="utf-8").replace("    deadline: Juni 2016\n", "", 1),
        encoding="utf-8",
    )
    plain = ok(run("check", "--as-of", "2016-03-01", cwd=workbook), 1)
    verbose = ok(run("check", "--as-of", "2016-03-01", "--verbose", cwd=workbook), 1)
    assert "detail:" not in plain
    assert "    detail: 'deadline' is a required property" in verbose


# --- check: a broken copy of the seed, line by line -----------------------------------------------


def test_rule_problems_in_a_broken_seed_are_reported_line_by_line(workbook: Path) -> None:
    text = standalone_seed_text()
    text = text.replace("  - number: 3\n", "  - number: 5\n")
    text = text.replace(
        "    deadline: Ultimo 2016\n    owner: Myndighed",
        "    deadline: Når det passer\n    owner: Myndighed",
    )
    text = text.replace("    baseline: Ingen\n", "    baseline: TODO\n")
    (workbook / AGREEMENT).write_text(text, encoding="utf-8")

    where = AGREEMENT.as_posix()
    expected = sorted(
        [
            (*value_of(text, "  - number: 5"), "DA202"),
            (*value_of(text, "    deadline: Når det passer"), "DA206"),
            (*value_of(text, "    baseline: TODO"), "DA209"),
        ]
    )
    records, code = problems(workbook, "--as-of", "2016-03-01")
    assert located(records) == [f"{where}:{line}:{col} {c}" for line, col, c in expected]
    assert code == 1
    out = ok(run("check", "--as-of", "2016-03-01", cwd=workbook), 1)
    for line, col, c in expected:
        assert f"{where}:{line}:{col}: {c} error " in out


def test_a_misspelt_key_in_the_seed_points_at_the_key(workbook: Path) -> None:
    text = standalone_seed_text()
    text = text.replace("    deadline: Juni 2016\n", "    deadlnie: Juni 2016\n", 1)
    (workbook / AGREEMENT).write_text(text, encoding="utf-8")
    where = AGREEMENT.as_posix()
    item_line, item_col = find(text, "number: 2")
    key_line, key_col = find(text, "deadlnie:")
    records, code = problems(workbook, "--as-of", "2016-03-01")
    assert code == 1
    assert located(records) == [
        f"{where}:{item_line}:{item_col} DA101",
        f"{where}:{key_line}:{key_col} DA102",
    ]


def test_problems_in_several_files_are_sorted_by_file(workbook: Path) -> None:
    text = standalone_seed_text()
    for name in ("b.yaml", "a.yaml"):
        (workbook / "agreements" / name).write_text(
            text.replace("slagelse-chp-2016", name[0] + "-2016").replace("Ingen", "TBD", 1),
            encoding="utf-8",
        )
    records, _ = problems(workbook, "--as-of", "2016-03-01")
    assert [r["path"] for r in records] == ["agreements/a.yaml", "agreements/b.yaml"]


def test_named_files_and_folders(workbook: Path) -> None:
    records, code = problems(workbook, AGREEMENT.as_posix(), "--as-of", "2017-01-01")
    assert (len(records), code) == (4, 0)
    records, code = problems(workbook, "agreements", "--as-of", "2017-01-01")
    assert (len(records), code) == (4, 0)


def test_a_folder_holding_other_workbooks_is_checked_without_a_crash(
    tmp_path: Path, repo: Path
) -> None:
    """Another workbook's devagree.yaml inside a named folder is settings, not a document."""
    shutil.copytree(repo / "examples" / "english", tmp_path / "examples" / "english")
    result = run("check", "examples", "--as-of", "2016-03-01", "--format", "json", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    paths = {record["path"] for record in json.loads(result.stdout)}
    assert not any(path.endswith("devagree.yaml") for path in paths)


def test_a_missing_named_file_is_da001(workbook: Path) -> None:
    records, code = problems(workbook, "agreements/missing.yaml", "--as-of", "2016-03-01")
    assert located(records) == ["agreements/missing.yaml:0:0 DA001"]
    assert code == 2


def test_a_named_path_that_is_nothing_is_a_usage_error(workbook: Path) -> None:
    result = run("check", "nothing-here", "--as-of", "2016-03-01", cwd=workbook)
    ok(result, 2)
    assert "nothing-here" in result.stderr


def test_an_unreadable_file_exits_2_but_the_others_are_still_checked(workbook: Path) -> None:
    (workbook / "agreements" / "bad.yaml").write_text("kind: [\n", encoding="utf-8")
    records, code = problems(workbook, "--as-of", "2017-01-01")
    assert code == 2
    assert [r["code"] for r in records] == ["DA003"] + ["DA208"] * 4


def test_check_never_writes(workbook: Path) -> None:
    """Reading never writes a workbook file; check keeps its cache in .devagree-cache/ only."""

    def files() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in workbook.rglob("*") if p.is_file()}

    before = files()
    run("check", "--no-cache", "--as-of", "2017-01-01", cwd=workbook)
    run("deadlines", "--as-of", "2017-01-01", "-f", "ics", cwd=workbook)
    assert files() == before
    run("check", "--as-of", "2017-01-01", cwd=workbook)
    cache = workbook / ".devagree-cache"
    after = {p: data for p, data in files().items() if cache not in p.parents}
    assert after == before
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


# --- usage errors ---------------------------------------------------------------------------------


def test_no_workbook_here(tmp_path: Path) -> None:
    result = run("check", "--as-of", "2016-03-01", cwd=tmp_path)
    ok(result, 2)
    assert result.stderr.startswith("devagree: ")
    assert "agreements" in result.stderr


def test_a_bad_as_of_date(workbook: Path) -> None:
    for command in ("check", "deadlines"):
        result = run(command, "--as-of", "2016-13-01", cwd=workbook)
        ok(result, 2)
        assert "--as-of" in result.stderr and "2016-13-01" in result.stderr
        assert "YYYY-MM-DD" in result.stderr
        assert result.stdout == ""


def test_an_unknown_command(workbook: Path) -> None:
    result = run("chekc", cwd=workbook)
    ok(result, 2)
    assert "chekc" in result.stderr


# --- help and version -----------------------------------------------------------------------------


def test_python_dash_m_devagree(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devagree", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={"NO_COLOR": "1", "COLUMNS": "200", "PATH": ""},
        check=False,
    )
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


def test_version(tmp_path: Path) -> None:
    out = ok(run("--version", cwd=tmp_path))
    assert out.strip() == f"devagree {devagree.__version__}"
    assert devagree.__version__ == version("devagree")


def test_help_lists_the_commands(tmp_path: Path) -> None:
    out = ok(run("--help", cwd=tmp_path))
    for command in ("check", "deadlines"):
        assert re.search(rf"^\W*{command}\s+\w", out, re.MULTILINE), out
    bare = run(cwd=tmp_path)  # no arguments: the help, not a traceback
    assert_no_traceback(bare)
    assert "Usage:" in bare.stdout + bare.stderr


@pytest.mark.parametrize("command", ["check", "deadlines"])
def test_every_command_has_help(tmp_path: Path, command: str) -> None:
    out = ok(run(command, "--help", cwd=tmp_path))
    assert "--as-of" in out and "--format" in out


def test_help_does_not_import_heavy_libraries() -> None:
    """`devagree --help` starts fast: no jsonschema, python-docx or icalendar behind it."""
    code = (
        "import sys\n"
        "from devagree.cli.app import main\n"
        "main(['--help'])\n"
        "heavy = {'jsonschema', 'docx', 'icalendar', 'fastjsonschema'}\n"
        "print('LOADED', sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED []"


def test_reading_the_clock_fails_in_tests() -> None:
    """The autouse fixture works: a forgotten --as-of cannot make a test depend on today."""
    from devagree.cli.options import as_of_day

    with pytest.raises(AssertionError, match="--as-of"):
        as_of_day(None)
    assert as_of_day("2016-03-01") == date(2016, 3, 1)


def test_the_core_never_reads_the_clock() -> None:
    """Only the CLI may ask for today (the default of --as-of); the core takes the day."""
    clock = re.compile(
        r"\b(date\.today|datetime\.now|datetime\.today|datetime\.utcnow|time\.time)\("
    )
    core = [p for p in (REPO / "devagree").rglob("*.py") if "cli" not in p.parts]
    assert core
    offenders = [
        f"{p.relative_to(REPO)}:{n}"
        for p in core
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if clock.search(line)
    ]
    assert offenders == []


# --- deadlines ------------------------------------------------------------------------------------


def deadlines(folder: Path, *args: str, code: int = 0) -> str:
    return ok(run("deadlines", *args, cwd=folder), code)


def test_deadlines_json(workbook: Path) -> None:
    rows = json.loads(deadlines(workbook, "-f", "json", "--as-of", "2016-03-01"))
    assert len(rows) == 4
    for row in rows:
        assert DEADLINE_KEYS | {"owner"} <= set(row)
        assert row["agreement"] == "slagelse-chp-2016"
        assert row["file"] == AGREEMENT.as_posix()
        assert row["overdue"] is False
    assert [row["item"] for row in rows] == [1, 2, 3, 4]
    assert [row["due"] for row in rows] == ["2016-06-30", "2016-06-30", "2016-12-31", "2016-12-31"]
    assert [row["deadline"] for row in rows] == [
        "Juni 2016.",
        "Juni 2016",
        "Ultimo 2016",
        "Ultimo 2016",
    ]
    assert [row["precision"] for row in rows] == ["month", "month", "part_of_year", "part_of_year"]
    assert rows[0]["owner"] == "Centerchefen og Ledergruppen."
    assert rows[0]["title"] == "Recovery og rehabilitering"


def test_deadlines_are_sorted_by_due_date(workbook: Path) -> None:
    path = workbook / AGREEMENT
    text = path.read_text(encoding="utf-8").replace(
        "    deadline: Juni 2016.\n", "    deadline: løbende\n"
    )
    text = text.replace(
        "    deadline: Ultimo 2016\n    owner: Myndighed",
        "    deadline: 1. kvartal 2016\n    owner: Myndighed",
    )
    path.write_text(text, encoding="utf-8")
    rows = json.loads(deadlines(workbook, "-f", "json", "--as-of", "2016-03-01"))
    assert [(row["item"], row["due"]) for row in rows] == [
        (4, "2016-03-31"),
        (2, "2016-06-30"),
        (3, "2016-12-31"),
        (1, None),
    ]
    assert rows[-1]["precision"] == "continuous"


def test_deadlines_within(workbook: Path) -> None:
    rows = json.loads(deadlines(workbook, "-f", "json", "--as-of", "2016-06-20", "--within", "14d"))
    assert [row["item"] for row in rows] == [1, 2]
    rows = json.loads(deadlines(workbook, "-f", "json", "--as-of", "2016-06-16", "--within", "2w"))
    assert [row["item"] for row in rows] == [1, 2]  # due in exactly 14 days is within 14 days
    rows = json.loads(deadlines(workbook, "-f", "json", "--as-of", "2016-06-15", "--within", "14"))
    assert rows == []


def test_deadlines_overdue(workbook: Path) -> None:
    rows = json.loads(deadlines(workbook, "-f", "json", "--as-of", "2016-07-01", "--overdue"))
    assert [(row["item"], row["overdue"]) for row in rows] == [(1, True), (2, True)]


def test_deadlines_csv(workbook: Path) -> None:
    out = deadlines(workbook, "-f", "csv", "--as-of", "2016-03-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4
    assert DEADLINE_KEYS | {"owner"} <= set(rows[0])
    assert [row["due"] for row in rows] == ["2016-06-30", "2016-06-30", "2016-12-31", "2016-12-31"]
    assert rows[1]["title"] == "Tværgående borgermiljøer"


def _events(ics_text: str) -> list[object]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(ics_text)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_deadlines_ics(workbook: Path) -> None:
    first = deadlines(workbook, "-f", "ics", "--as-of", "2016-03-01")
    second = deadlines(workbook, "-f", "ics", "--as-of", "2016-05-01")
    events = _events(first)
    assert len(events) == 4
    uids = [str(e["UID"]) for e in events]  # type: ignore[index]
    assert len(set(uids)) == 4
    assert uids == [str(e["UID"]) for e in _events(second)]  # type: ignore[index]
    dues = []
    for event in events:
        start = event["DTSTART"].dt  # type: ignore[index]
        end = event["DTEND"].dt  # type: ignore[index]
        assert type(start) is date, "an all-day event has a date, not a date-time"
        assert end - start == timedelta(days=1)
        dues.append(start.isoformat())
    assert dues == ["2016-06-30", "2016-06-30", "2016-12-31", "2016-12-31"]


def test_deadlines_ics_leaves_out_continuous_work(workbook: Path) -> None:
    path = workbook / AGREEMENT
    path.write_text(
        path.read_text(encoding="utf-8").replace("deadline: Juni 2016.", "deadline: løbende"),
        encoding="utf-8",
    )
    assert len(_events(deadlines(workbook, "-f", "ics", "--as-of", "2016-03-01"))) == 3


def test_deadlines_table(workbook: Path) -> None:
    out = deadlines(workbook, "--as-of", "2016-03-01")
    assert "Deadlines pr. 1. marts 2016" in out  # the workbook's language and date form
    assert "30. juni 2016" in out and "2016-06-30" not in out
    for title in ("Recovery og rehabilitering", "Udsatteområdet"):
        assert title in out
    assert "\x1b[" not in out


def test_deadlines_fail_if_any(workbook: Path) -> None:
    deadlines(workbook, "--as-of", "2017-01-01", "--overdue", "--fail-if-any", code=1)
    deadlines(workbook, "--as-of", "2016-03-01", "--overdue", "--fail-if-any", code=0)


def test_deadlines_within_a_bad_value(workbook: Path) -> None:
    result = run("deadlines", "--as-of", "2016-03-01", "--within", "3x", cwd=workbook)
    ok(result, 2)
    assert "3x" in result.stderr
    assert result.stdout == ""


def test_deadlines_no_workbook(tmp_path: Path) -> None:
    result = run("deadlines", "--as-of", "2016-03-01", cwd=tmp_path)
    ok(result, 2)
    assert "agreements" in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("report", "-o", "in/the/way/r.docx"), "-o in/the/way/r.docx"),
        (("deadlines", "--format", "xlsx", "-o", "in/d.xlsx"), "-o in/d.xlsx"),
        (("export", "-o", "in/f.xlsx"), "-o in/f.xlsx"),
        (("site", "-o", "in/site"), "-o in/site"),
    ],
)
def test_an_output_behind_a_file_is_refused_first(
    workbook: Path, args: tuple[str, ...], named: str
) -> None:
    (workbook / "in").write_text("a file where a folder should be\n", encoding="utf-8")
    result = run(*args, "--as-of", "2016-09-30", cwd=workbook)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert f"{named}: in is a file, not a folder" in result.stderr, result.stderr
    assert (workbook / "in").read_text(encoding="utf-8").startswith("a file")
