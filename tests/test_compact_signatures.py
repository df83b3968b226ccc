"""A signature is a few lines in the agreement file and still names what changed; files signed
with a full digest per part still verify."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED, run
from hypothesis import given, settings
from hypothesis import strategies as st

from devagree.core.loader import load
from devagree.signatures.digest import (
    AGREEMENT_PARTS,
    ITEM_PARTS,
    changed_rows,
    read_marks,
    row_digests,
    row_marks,
)
from devagree.signatures.signing import append_records

NAME = "agreements/slagelse-chp-2016.yaml"
MAX_LINES = 12


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = load("seed", SEED.read_text(encoding="utf-8")).data
    return data


def _sign(workbook: Path, party: str = "chief", name: str = "Ole Hansen") -> None:
    done = run(
        "sign", NAME, "--party", party, "--name", name, "--title", "Centerchef for Handicap og "
        "Psykiatri", "--place", "Slagelse", "--date", "2016-03-01", cwd=workbook,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _signature_blocks(text: str) -> list[str]:
    tail = text.split("\nsignatures:\n", 1)[1]
    return ["  - " + block for block in tail.split("\n  - ")[0:] if block.strip()]


def test_a_signature_is_a_few_lines_and_names_what_changed(repo_workbook: Path) -> None:
    path = repo_workbook / NAME
    before = path.read_text(encoding="utf-8")
    _sign(repo_workbook)
    _sign(repo_workbook, "committee", "Anne Jensen")
    after = path.read_text(encoding="utf-8")
    blocks = _signature_blocks(after)
    assert len(blocks) == 2
    for block in blocks:
        assert block.rstrip("\n").count("\n") + 1 <= MAX_LINES, block
        assert "    rows: r1/" in block
        assert "    digest: sha256:" in block  # the full digest stays
    assert len(after.splitlines()) - len(before.splitlines()) <= 2 * MAX_LINES + 1
    assert run("verify", NAME, cwd=repo_workbook).returncode == 0

    text = after.replace("Målet for 2016 er en samlet", "Målet for 2016 er en fælles")
    text = text.replace(
        "    deadline: Ultimo 2016\n", "    deadline: Ultimo 2016\n    due: 2016-11-30\n", 1
    )
    text = text.replace("title: Udviklingsaftale for 2016", "title: Udviklingsaftale 2016")
    path.write_text(text, encoding="utf-8")
    verified = run("verify", NAME, cwd=repo_workbook)
    assert verified.returncode == 1
    lines = verified.stdout.splitlines()
    assert lines.count("    changed: `title`") == 2
    assert lines.count("    changed: item 1, Goal (`goal`)") == 2
    assert lines.count("    changed: item 3, `due`") == 2
    assert sum(1 for line in lines if "changed:" in line) == 6
    checked = run("check", NAME, "--as-of", "2016-03-01", cwd=repo_workbook)
    assert "DA210" in checked.stdout and "item 1, Goal (`goal`)" in checked.stdout


def test_a_signature_of_the_older_form_still_verifies(repo_workbook: Path) -> None:
    """Signed before the compact line: a full digest per part, as a mapping."""
    from devagree.signatures.digest import digest

    path = repo_workbook / NAME
    text = path.read_text(encoding="utf-8")
    data = load(NAME, text).data
    record = {
        "party": "chief", "name": "Ole Hansen", "date": date(2016, 3, 1),
        "digest": digest(data), "rows": row_digests(data),
    }  # fmt: skip
    path.write_text(append_records(text, [record]), encoding="utf-8")
    assert "    rows:\n      agreement.date: sha256:" in path.read_text(encoding="utf-8")
    assert run("check", NAME, "--as-of", "2016-03-01", cwd=repo_workbook).returncode == 0
    assert run("verify", NAME, cwd=repo_workbook).returncode == 0
    changed = path.read_text(encoding="utf-8").replace("Udsatteområdet", "Udsatte", 1)
    path.write_text(changed, encoding="utf-8")
    verified = run("verify", NAME, cwd=repo_workbook)
    assert verified.returncode == 1
    assert "    changed: item 4, `title`" in verified.stdout.splitlines()


def test_the_marks_are_the_beginnings_of_the_row_digests() -> None:
    data = _seed()
    marks = read_marks(row_marks(data))
    assert marks is not None
    full = row_digests(data)
    named = {f"agreement.{p}" for p in AGREEMENT_PARTS} | {
        f"item-{n}.{p}" for n in range(1, 5) for p in ITEM_PARTS
    }
    assert set(marks) == set(full) & named
    for key, mark in marks.items():
        assert full[key].removeprefix("sha256:").startswith(mark)
    line = row_marks(data)
    assert "\n" not in line and " " not in line and len(line) < 600


@pytest.mark.parametrize(
    "line", ["", "r2/abc", "r1", "r1/zzzzzz", "r1/" + "a" * 5, "r1/-/-/-", "sha256:00"]
)
def test_a_line_of_another_form_names_nothing(line: str) -> None:
    assert read_marks(line) is None


@settings(max_examples=150, deadline=None)
@given(
    item=st.integers(min_value=0, max_value=3),
    key=st.sampled_from([p for p in ITEM_PARTS if p not in ("number", "due", "links")]),
    text=st.text(min_size=1, max_size=30).filter(lambda t: t.strip()),
)
def test_the_marks_name_the_same_rows_as_the_full_digests(item: int, key: str, text: str) -> None:
    data = _seed()
    changed = copy.deepcopy(data)
    changed["items"][item][key] = str(changed["items"][item][key]) + text
    full = changed_rows(row_digests(data), row_digests(changed))
    signed, now = read_marks(row_marks(data)), read_marks(row_marks(changed))
    assert signed is not None and now is not None
    assert changed_rows(signed, now) == full or not full


def test_where_an_agreement_was_imported_from_is_not_signed_text(repo_workbook: Path) -> None:
    """`imported_from` says which document `devagree import` read, not what the parties
    agreed: adding or changing it keeps every signature, as follow-up does."""
    path = repo_workbook / NAME
    _sign(repo_workbook)
    text = path.read_text(encoding="utf-8")
    source = "imported_from:\n  file: aftale.docx\n  sha256: " + "ab" * 32 + "\n"
    path.write_text(text.replace("\nitems:\n", "\n" + source + "items:\n", 1), encoding="utf-8")
    assert run("verify", NAME, cwd=repo_workbook).returncode == 0
    path.write_text(path.read_text(encoding="utf-8").replace("aftale.docx", "x.pdf"), "utf-8")
    assert run("verify", NAME, cwd=repo_workbook).returncode == 0
    assert "DA210" not in run("check", NAME, "--as-of", "2016-03-01", cwd=repo_workbook).stdout
