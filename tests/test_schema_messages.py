"""Schema problems in plain words, at the right place; jsonschema's own words only on request."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, assert_no_traceback, run, standalone_seed_text

from devagree import check_workbook
from devagree.checks import CODES
from devagree.core.problems import Problem

AS_OF = date(2016, 3, 1)
MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
STATES = ("planned", "in_progress", "done", "partly_done", "not_met", "cancelled")

JARGON = (
    "is not valid under any of the given schemas",
    "Additional properties",
    "is a required property",
    "is not of type",
    "does not match",
    "is not one of",
    "was expected",
    "was unexpected",
    "Failed validating",
    "$defs",
    "#/",
    "instance",
)


def check_text(tmp_path: Path, text: str, name: str = "agreement.yaml") -> list[Problem]:
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_workbook([path], AS_OF, start=tmp_path).problems


def changed(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def messages(problems: list[Problem]) -> list[str]:
    return [f"{p.code} {p.message}" for p in problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- the messages the design names ---------------------------------------------------------------


def test_a_missing_row(tmp_path: Path) -> None:
    text = changed(standalone_seed_text(), "    deadline: Juni 2016\n", "")
    problems = check_text(tmp_path, text)
    assert messages(problems) == ["DA101 item 2 has no `deadline`"]
    assert problems[0].line == line_of(text, "  - number: 2")


def test_a_misspelt_row(tmp_path: Path) -> None:
    text = changed(standalone_seed_text(), "    deadline: Juni 2016\n", "    deadlnie: Juni 2016\n")
    problems = check_text(tmp_path, text)
    assert "DA102 unknown field `deadlnie` in item 2; did you mean `deadline`?" in messages(
        problems
    )


def test_an_unknown_status_state_lists_the_valid_states(tmp_path: Path) -> None:
    problems = check_text(tmp_path, MINIMAL + "    status:\n      state: finished\n")
    (problem,) = problems
    assert problem.code == "DA104"
    assert "`finished`" in problem.message
    assert "item 1" in problem.message
    for state in STATES:
        assert state in problem.message


def test_a_misspelt_status_state_is_suggested(tmp_path: Path) -> None:
    (problem,) = check_text(tmp_path, MINIMAL + "    status:\n      state: in-progress\n")
    assert problem.message.endswith("did you mean `in_progress`?")


# --- places in words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  end: 2016-12-31\n", "", "DA101 the period has no `end`"),
        ("    name: Handicap og Psykiatrichefen\n", "", "DA101 party 2 has no `name`"),
        (
            "  - role: chief\n    name: Handicap og Psykiatrichefen\n",
            "",
            "DA104 `parties` needs at least 2 entries",
        ),
        (
            "title: Udviklingsaftale for 2016\n",
            "title: 2016\n",
            "DA103 `title` must be text, not the number 2016",
        ),
        ("title: Udviklingsaftale for 2016\n", 'title: ""\n', "DA104 `title` is empty"),
        (
            "    deadline: Juni 2016\n",
            "    deadline: [Juni 2016]\n",
            "DA103 `deadline` in item 1 must be text or a whole number, not a list",
        ),
        (
            "    indicators: Strategien foreligger.\n",
            "    indicators: []\n",
            "DA104 `indicators` in item 1 needs at least 1 entry",
        ),
        (
            "    deadline: Juni 2016\n",
            "    deadline: Juni 2016\n    due: 30.06.2016\n",
            "DA104 `due` in item 1 is `30.06.2016`; it must be a date written as YYYY-MM-DD, "
            "e.g. 2016-02-29",
        ),
        (
            "items:\n",
            "vision:\n  title: Udvalgets vision\nitems:\n",
            "DA101 the vision has no `text`",
        ),
        (
            "    documentation: Strategidokumentet.\n",
            "    documentation: Strategidokumentet.\n    links: [bad link]\n",
            "DA104 `links` in item 1 is `bad link`; it must be written as document-id#part, "
            "e.g. `vision-2030#p1` or `slagelse-chp-2016#2`",
        ),
        (
            "    documentation: Strategidokumentet.\n",
            "    documentation: Strategidokumentet.\n    status: {state: done, notes: x}\n",
            "DA102 unknown field `notes` in the status of item 1; did you mean `note`?",
        ),
        (
            "items:\n",
            "signatures:\n  - party: chief\n    name: A\n    date: 2016-01-01\n"
            "    digest: abc\nitems:\n",
            "DA104 `digest` in signature 1 is `abc`; it must be `sha256:` followed by 64 "
            "hexadecimal digits (written by `devagree sign`)",
        ),
    ],
)
def test_places_are_said_in_words(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert messages(check_text(tmp_path, changed(MINIMAL, old, new))) == [expected]


def test_every_missing_row_is_named(tmp_path: Path) -> None:
    """An item without two rows gets a problem for each, so one run shows all the work."""
    text = changed(MINIMAL, "    deadline: Juni 2016\n", "")
    text = changed(text, "    baseline: Ingen samlet strategi foreligger.\n", "")
    assert sorted(messages(check_text(tmp_path, text))) == [
        "DA101 item 1 has no `baseline`",
        "DA101 item 1 has no `deadline`",
    ]


def test_a_wrong_entry_in_a_list_of_texts_is_named(tmp_path: Path) -> None:
    """A list is allowed for indicators; the problem is the entry that is not text."""
    text = changed(
        MINIMAL,
        "    indicators: Strategien foreligger.\n",
        "    indicators:\n      - Strategien foreligger.\n      - 12\n",
    )
    (problem,) = check_text(tmp_path, text)
    assert problem.code == "DA103"
    assert "not a list" not in problem.message
    assert "12" in problem.message
    assert (problem.line, problem.column) == (line_of(text, "      - 12"), 9)


def test_an_empty_required_row_does_not_advise_removing_it(tmp_path: Path) -> None:
    """Removing a required row only trades this problem for DA101."""
    text = changed(MINIMAL, "    deadline: Juni 2016\n", "    deadline:\n")
    (problem,) = check_text(tmp_path, text)
    assert problem.code == "DA103"
    assert "remove" not in problem.message


def test_a_hint_never_suggests_what_was_written(tmp_path: Path) -> None:
    text = changed(MINIMAL, "version: 1\n", "version: '1'\n")
    (problem,) = check_text(tmp_path, text)
    found = re.search(r"did you mean `([^`]*)`", problem.message)
    assert found is None or found.group(1) != "1", problem.message


def test_an_unforeseen_schema_rule_still_gives_a_located_registered_problem() -> None:
    """A schema keyword without its own wording still gives a problem at its place, with a
    code from the registry and jsonschema's words kept as the detail."""
    import jsonschema

    from devagree.core import loader as yamlio
    from devagree.core import schema

    document = yamlio.load("a.yaml", "kind: agreement\nparties:\n  - a\n  - a\n")
    validator = jsonschema.Draft202012Validator({"properties": {"parties": {"uniqueItems": True}}})
    (error,) = validator.iter_errors(document.data)
    (problem,) = schema._explain_error(document, error)
    assert (problem.line, problem.column) == (3, 3)
    assert problem.code in CODES
    assert problem.message.startswith("`parties`")
    assert problem.detail == error.message


# --- no jargon, unless asked ---------------------------------------------------------------------


BROKEN = [
    ("    deadline: Juni 2016\n", ""),
    ("    deadline: Juni 2016\n", "    deadlnie: Juni 2016\n"),
    ("  start: 2016-01-01\n", "  start: 2016-02-30\n"),
    ("id: minimal\n", "id: Min Aftale\n"),
    ("id: minimal\n", "id: " + "a" * 90 + "\n"),
    ("  - number: 1\n", "  - number: 0\n"),
    ("  - number: 1\n", "  - number: one\n"),
    ("    indicators: Strategien foreligger.\n", "    indicators: 12\n"),
    ("    indicators: Strategien foreligger.\n", "    indicators: [a, 12]\n"),
    ("    documentation: Strategidokumentet.\n", "    documentation: x\n    status: done\n"),
    ("    documentation: Strategidokumentet.\n", "    documentation: x\n    status: [{}]\n"),
    ("    documentation: Strategidokumentet.\n", "    documentation: x\n    status: {state: x}\n"),
    ("parties:\n", "partys: x\nparties:\n"),
    ("version: 1\n", "version: 2\n"),
]


def _all_problems(tmp_path: Path) -> list[Problem]:
    found: list[Problem] = []
    for index, (old, new) in enumerate(BROKEN):
        folder = tmp_path / str(index)
        folder.mkdir()
        found += check_text(folder, changed(MINIMAL, old, new))
    return found


def test_no_message_speaks_jsonschema(tmp_path: Path) -> None:
    problems = _all_problems(tmp_path)
    assert len(problems) >= len(BROKEN)
    for problem in problems:
        for phrase in JARGON:
            assert phrase not in problem.message, (phrase, problem.message)


def test_every_schema_problem_keeps_its_raw_detail(tmp_path: Path) -> None:
    for problem in _all_problems(tmp_path):
        if problem.code.startswith("DA1") and problem.code != "DA105":
            assert problem.detail, problem


def test_the_cli_shows_detail_only_with_verbose(tmp_path: Path) -> None:
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    for index, (old, new) in enumerate(BROKEN[:4]):
        (tmp_path / f"case{index}.yaml").write_text(changed(MINIMAL, old, new), encoding="utf-8")
    args = ("check", ".", "--as-of", "2016-03-01")
    plain = run(*args, cwd=tmp_path)
    verbose = run(*args, "--verbose", cwd=tmp_path)
    for result in (plain, verbose):
        assert_no_traceback(result)
        assert result.returncode == 1
    assert "detail:" not in plain.stdout
    for phrase in JARGON:
        assert phrase not in plain.stdout
    details = [line for line in verbose.stdout.splitlines() if line.startswith("    detail: ")]
    assert len(details) >= 4
    assert any("is a required property" in line for line in details)
    json_plain = run(*args, "-f", "json", cwd=tmp_path).stdout
    json_verbose = run(*args, "-f", "json", "--verbose", cwd=tmp_path).stdout
    assert '"detail"' not in json_plain
    assert '"detail"' in json_verbose
