"""devagree status: history appended, old lines kept, signatures valid, errors write nothing."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import DANISH, assert_no_traceback, run

from devagree.core.model import State
from devagree.followup.history_edit import StatusUpdate, add_entry
from devagree.followup.status import parse_state
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


def _only_added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds; fails when any line of ``before`` changed or moved."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            added.extend(new[j1:j2])
    return added


def _history(path: Path, number: int) -> list[tuple[str, str | None, str]]:
    book = check_workbook([path], date(2016, 12, 31))
    item = next(i for i in book.agreements[0].items if i.number == number)
    return [(e.state.value, e.as_of.isoformat() if e.as_of else None, e.note) for e in item.history]


def test_two_updates_append_history_and_keep_every_line(workbook: Path) -> None:
    path = workbook / NAME
    original = path.read_text(encoding="utf-8")
    first = run(
        "status", NAME, "1", "--state", "in_progress", "--note", "Strategien er i gang",
        "--as-of", "2016-05-01", cwd=workbook, env=DANISH,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "punkt 1 «Recovery og rehabilitering»: i gang pr. 1. maj 2016" in first.stdout
    second = run(
        "status", NAME, "1", "--state", "i gang", "--note", "Udkast til udvalget",
        "--as-of", "2016-06-01", cwd=workbook,
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    third = run("status", NAME, "2", "--state", "done", "--as-of", "2016-06-20", cwd=workbook)
    assert third.returncode == 0, third.stderr
    after = path.read_text(encoding="utf-8")
    added = _only_added(original, after)
    assert added[0].strip() == "status:" and "# " not in "".join(added)
    assert _history(path, 1) == [
        ("in_progress", "2016-05-01", "Strategien er i gang"),
        ("in_progress", "2016-06-01", "Udkast til udvalget"),
    ]
    assert _history(path, 2) == [("done", "2016-06-20", "")]
    # every comment is still there
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(c in after.splitlines() for c in comments)
    assert not list(path.parent.glob(".*.tmp"))
    check = run("check", "--as-of", "2016-06-25", cwd=workbook)
    assert check.returncode == 0, check.stdout


def test_signature_stays_valid(workbook: Path) -> None:
    # `sign FILE` checks the file alone, where links to the strategies cannot resolve:
    # sign the seed without its links (they are not what this test is about).
    path = workbook / NAME
    text = re.sub(r"(    # [^\n]*\n)?    links:\n(      - [^\n]*\n)+", "", path.read_text("utf-8"))
    path.write_text(text, encoding="utf-8")
    signed = run(
        "sign", NAME, "--party", "committee", "--name", "Formanden", "--date", "2016-03-01",
        cwd=workbook,
    )  # fmt: skip
    assert signed.returncode == 0, signed.stderr
    done = run("status", NAME, "3", "--state", "partly_done", "--as-of", "2016-12-01", cwd=workbook)
    assert done.returncode == 0, done.stderr
    verified = run("verify", cwd=workbook)
    assert verified.returncode == 0, verified.stdout
    assert "OK" in verified.stdout and "BROKEN" not in verified.stdout


def test_single_mapping_becomes_a_list_keeping_its_content(workbook: Path) -> None:
    path = workbook / NAME
    text = path.read_text(encoding="utf-8").replace(
        "    deadline: Ultimo 2016\n    owner: Myndighed",
        "    deadline: Ultimo 2016\n    status:\n      state: in_progress  # since spring\n"
        "      as_of: 2016-04-01\n      note: Begyndt\n    owner: Myndighed",
    )
    path.write_text(text, encoding="utf-8")
    result = run("status", NAME, "4", "--state", "done", "--as-of", "2016-11-01", cwd=workbook)
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert "# since spring" in after
    assert _history(path, 4) == [
        ("in_progress", "2016-04-01", "Begyndt"),
        ("done", "2016-11-01", ""),
    ]
    # outside the converted block, nothing changed
    head = text.split("    status:\n      state: in_progress")[0]
    tail = text.split("      note: Begyndt\n")[1]
    assert after.startswith(head) and after.endswith(tail)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("9", "--state", "done"), "its items are: 1 "),
        (("1", "--state", "finished"), "planned (not started)"),
        (("1", "--state", "done", "--as-of", "someday"), "not a date"),
    ],
)
def test_bad_arguments_write_nothing(workbook: Path, args: tuple[str, ...], expected: str) -> None:
    path = workbook / NAME
    before = path.read_bytes()
    if "--as-of" not in args:
        args = (*args, "--as-of", "2016-06-01")
    result = run("status", NAME, *args, cwd=workbook)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert_no_traceback(result)
    assert path.read_bytes() == before


def test_entry_before_the_latest_is_refused(workbook: Path) -> None:
    path = workbook / NAME
    assert (
        run("status", NAME, "1", "-s", "done", "--as-of", "2016-06-20", cwd=workbook).returncode
        == 0
    )
    before = path.read_bytes()
    result = run("status", NAME, "1", "-s", "not_met", "--as-of", "2016-06-01", cwd=workbook)
    assert result.returncode == 2
    assert "before the latest entry of item 1" in result.stderr
    assert path.read_bytes() == before


def test_file_with_errors_is_refused(workbook: Path) -> None:
    path = workbook / NAME
    text = path.read_text(encoding="utf-8").replace("  - number: 2\n", "  - number: 7\n")
    path.write_text(text, encoding="utf-8")
    result = run("status", NAME, "1", "-s", "done", "--as-of", "2016-06-20", cwd=workbook)
    assert result.returncode == 1, result.stderr
    assert "has errors" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_missing_file(workbook: Path) -> None:
    result = run(
        "status", "agreements/none.yaml", "1", "-s", "done", "--as-of", "2016-06-20", cwd=workbook
    )
    assert result.returncode == 2 and "no such file" in result.stderr


def test_states_by_key_or_label() -> None:
    assert parse_state("delvist opfyldt") is State.PARTLY_DONE
    assert parse_state("In-Progress") is State.IN_PROGRESS
    assert parse_state("not met") is State.NOT_MET


def test_trailing_blank_lines_and_comments_stay_with_the_next_item() -> None:
    text = "items:\n  - number: 1\n    title: a\n\n  # second\n  - number: 2\n    title: b\n"
    new, converted = add_entry(text, StatusUpdate(1, State.DONE, date(2016, 6, 1), "ok"))
    assert not converted
    assert new == (
        "items:\n  - number: 1\n    title: a\n    status:\n      - state: done\n"
        "        as_of: 2016-06-01\n        note: ok\n\n  # second\n  - number: 2\n    title: b\n"
    )


def test_windows_line_endings_and_bom_are_kept(workbook: Path) -> None:
    path = workbook / NAME
    original = "\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    result = run("status", NAME, "2", "-s", "in_progress", "--as-of", "2016-05-01", cwd=workbook)
    assert result.returncode == 0, result.stderr
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    added = _only_added(original, raw.decode("utf-8"))
    assert [line.strip() for line in added] == [
        "status:",
        "- state: in_progress",
        "as_of: 2016-05-01",
    ]
