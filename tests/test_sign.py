"""Signing and verifying: digests, the DA210 rule, and files that keep every byte."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from devagree.i18n import in_language
from devagree.signatures.digest import changed_rows, describe_row, digest, row_digests
from devagree.workbook.pipeline import check_workbook

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "agreements" / "slagelse-chp-2016.yaml"
NAME = "agreements/slagelse-chp-2016.yaml"


def devagree(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it."""
    script = Path(sys.executable).parent / "devagree"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "devagree"]
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


def _data() -> dict[str, object]:
    book = check_workbook([SEED], as_of=__import__("datetime").date(2016, 3, 1))
    return book.agreements[0].data


# --- the canonical form ------------------------------------------------------------------


def test_digest_ignores_signatures_status_and_trailing_whitespace() -> None:
    data = _data()
    base = digest(data)
    assert base.startswith("sha256:") and len(base) == 7 + 64
    changed = copy.deepcopy(data)
    changed["signatures"] = [{"party": "chief", "name": "X", "date": "2016-03-01"}]
    changed["items"][0]["status"] = {"state": "done"}  # type: ignore[index]
    changed["items"][1]["goal"] += "  \n\n"  # type: ignore[index]
    assert digest(changed) == base


def test_digest_is_unicode_normalised() -> None:
    composed = copy.deepcopy(_data())
    decomposed = copy.deepcopy(composed)
    composed["vision"]["title"] = "M\u00e5let"  # type: ignore[index]
    decomposed["vision"]["title"] = "Ma\u030alet"  # type: ignore[index]
    assert digest(composed) == digest(decomposed)


def test_one_changed_word_names_its_row() -> None:
    data = _data()
    changed = copy.deepcopy(data)
    changed["items"][1]["goal"] = changed["items"][1]["goal"].replace(  # type: ignore[index]
        "inkluderende", "ekskluderende", 1
    )
    assert digest(changed) != digest(data)
    keys = changed_rows(row_digests(data), row_digests(changed))
    assert keys == ["item-2.goal"]
    assert describe_row(keys[0], "da") == "punkt 2, Mål (`goal`)"
    assert describe_row(keys[0], "en") == "item 2, Goal (`goal`)"
    with in_language("da"):
        assert describe_row(keys[0]) == "punkt 2, Mål (`goal`)"


# --- sign, verify, check, through the command --------------------------------------------


def _sign(workbook: Path, party: str = "committee") -> subprocess.CompletedProcess[str]:
    return devagree(
        workbook,
        "sign",
        NAME,
        "--party",
        party,
        "--name",
        "Anne Jensen",
        "--title",
        "Formand",
        "--date",
        "2016-03-01",
        "--place",
        "Slagelse",
    )


def test_sign_keeps_every_line_and_comment(workbook: Path) -> None:
    before = (workbook / NAME).read_text(encoding="utf-8")
    done = _sign(workbook)
    assert done.returncode == 0, done.stderr
    after = (workbook / NAME).read_text(encoding="utf-8")
    assert after.startswith(before), "the signature is only appended"
    added = after[len(before) :]
    assert added.startswith("signatures:\n  - party: committee\n    name: Anne Jensen\n")
    assert "    date: 2016-03-01\n" in added
    assert "# Transcribed word for word" in after
    # A second signature goes at the end of the list, again keeping everything before.
    done = _sign(workbook, "chief")
    assert done.returncode == 0, done.stderr
    again = (workbook / NAME).read_text(encoding="utf-8")
    assert again.startswith(after)
    assert not list((workbook / "agreements").glob(".*.tmp"))


def test_sign_refuses_an_unknown_party_and_a_file_with_errors(workbook: Path) -> None:
    before = (workbook / NAME).read_bytes()
    done = _sign(workbook, "mayor")
    assert done.returncode == 2
    assert "committee, chief" in done.stderr and "Traceback" not in done.stderr
    path = workbook / NAME
    path.write_text(path.read_text(encoding="utf-8").replace("number: 2", "number: 5"))
    broken = path.read_bytes()
    done = _sign(workbook)
    assert done.returncode == 1
    assert "har fejl" in done.stderr  # the workbook is Danish
    assert path.read_bytes() == broken
    assert before != broken


def test_sign_verify_change_revert(workbook: Path) -> None:
    path = workbook / NAME
    assert _sign(workbook).returncode == 0
    done = devagree(workbook, "verify")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout and "Anne Jensen, udvalg (1. marts 2016)" in done.stdout

    signed = path.read_text(encoding="utf-8")
    path.write_text(signed.replace("Det inkluderende perspektiv", "Det ekskluderende perspektiv"))
    done = devagree(workbook, "verify")
    assert done.returncode == 1
    assert "BRUDT" in done.stdout
    assert "ændret: punkt 2, Mål (`goal`)" in done.stdout
    assert done.stdout.count("ændret:") == 1
    done = devagree(workbook, "check", "--as-of", "2016-03-01")
    assert done.returncode == 1
    assert "DA210" in done.stdout and "punkt 2, Mål (`goal`)" in done.stdout
    line = next(x for x in done.stdout.splitlines() if "DA210" in x)
    digest_line = (
        signed.splitlines().index(
            next(x for x in signed.splitlines() if x.strip().startswith("digest:"))
        )
        + 1
    )
    assert line.startswith(f"{NAME}:{digest_line}:")

    path.write_text(signed)
    assert devagree(workbook, "verify").returncode == 0
    assert devagree(workbook, "check", "--as-of", "2016-03-01").returncode == 0


def test_status_never_breaks_a_signature(workbook: Path) -> None:
    path = workbook / NAME
    assert _sign(workbook).returncode == 0
    text = path.read_text(encoding="utf-8")
    anchor = "    documentation: Se punktet ovenfor\n"
    assert anchor in text
    path.write_text(
        text.replace(
            anchor,
            anchor + "    status:\n      state: in_progress\n      as_of: 2016-05-01\n"
            "      note: Mødesteder afsøges.\n",
        )
    )
    done = devagree(workbook, "verify")
    assert done.returncode == 0, done.stdout
    assert "BRUDT" not in done.stdout


def test_verify_without_signatures(workbook: Path) -> None:
    done = devagree(workbook, "verify")
    assert done.returncode == 0
    assert "ingen underskrifter" in done.stdout
