"""An id wherever a file goes: every command that takes an agreement takes its id too, and an
unknown id is answered with the nearest ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_no_traceback, run

from devagree.workbook.resolve import looks_like_id, nearest

ID = "slagelse-chp-2016"
FILE = "agreements/slagelse-chp-2016.yaml"
DAY = "2016-05-01"


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


def test_status_sign_and_verify_by_id(workbook: Path) -> None:
    recorded = run("status", ID, "2", "--state", "in_progress", "--as-of", DAY, cwd=workbook)
    assert recorded.returncode == 0, recorded.stderr
    assert FILE in recorded.stdout
    signed = run(
        "sign", ID, "--party", "chief", "--name", "Anne Jensen", "--date", "2016-03-01",
        cwd=workbook,
    )  # fmt: skip
    assert signed.returncode == 0, signed.stderr
    text = (workbook / FILE).read_text(encoding="utf-8")
    assert "Anne Jensen" in text and "in_progress" in text
    verified = run("verify", ID, cwd=workbook)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "OK" in verified.stdout


def test_new_from_an_id(workbook: Path) -> None:
    renewed = run("new", "--from", ID, "--year", "2017", cwd=workbook)
    assert renewed.returncode == 0, renewed.stderr
    assert (workbook / "agreements" / "slagelse-chp-2017.yaml").is_file()


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--as-of", DAY),
        ("deadlines", "--as-of", DAY, "--format", "json"),
        ("show", "--as-of", DAY),
        ("coverage", "--format", "json"),
    ],
)
def test_reading_commands_take_an_id(workbook: Path, command: tuple[str, ...]) -> None:
    by_id = run(command[0], ID, *command[1:], cwd=workbook)
    by_file = run(command[0], FILE, *command[1:], cwd=workbook)
    assert by_id.returncode == by_file.returncode == 0, by_id.stderr
    assert by_id.stdout == by_file.stdout


def test_documents_by_id(workbook: Path, tmp_path: Path) -> None:
    rendered = run("render", ID, "-o", tmp_path / "out", cwd=workbook)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "out" / f"{ID}.docx").is_file()
    assert not (tmp_path / "out" / "slagelse-vision-pejlemaerker-2020.docx").exists()
    reported = run("report", ID, "--as-of", DAY, "-o", tmp_path / "r.md", cwd=workbook)
    assert reported.returncode == 0, reported.stderr
    exported = run("export", ID, "-o", tmp_path / "x.xlsx", "--as-of", DAY, cwd=workbook)
    assert exported.returncode == 0, exported.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("status", "slagelse-cph-2016", "2", "--state", "done", "--as-of", DAY),
        ("sign", "slagelse-cph-2016", "--party", "chief", "--name", "X", "--date", DAY),
        ("new", "--from", "slagelse-cph-2016", "--year", "2017"),
        ("show", "slagelse-cph-2016", "--as-of", DAY),
        ("check", "slagelse-cph-2016", "--as-of", DAY),
        ("verify", "slagelse-cph-2016"),
        ("deadlines", "slagelse-cph-2016", "--as-of", DAY),
    ],
)
def test_an_unknown_id_names_the_nearest(workbook: Path, command: tuple[str, ...]) -> None:
    before = (workbook / FILE).read_bytes()
    refused = run(*command, cwd=workbook)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert_no_traceback(refused)
    assert '"slagelse-cph-2016"' in refused.stderr
    assert f"the nearest: {ID}," in refused.stderr  # the likeliest first
    assert (workbook / FILE).read_bytes() == before


def test_export_names_the_nearest_agreement(workbook: Path, tmp_path: Path) -> None:
    refused = run(
        "export", "-o", tmp_path / "x.xlsx", "--agreement", "slagelse-chp-216", "--as-of", DAY,
        cwd=workbook,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "the nearest: slagelse-chp-2016" in refused.stderr
    assert "strategi" not in refused.stderr.split("nearest")[1]  # agreements only


def test_a_missing_file_is_still_a_missing_file(workbook: Path) -> None:
    refused = run("status", "agreements/nope.yaml", "1", "--state", "done", "--as-of", DAY,
                  cwd=workbook)  # fmt: skip
    assert refused.returncode == 2
    assert "nearest" not in refused.stderr
    assert "nope.yaml" in refused.stderr


def test_an_id_of_a_file_with_schema_problems_is_found(workbook: Path) -> None:
    path = workbook / FILE
    path.write_text(path.read_text(encoding="utf-8").replace("    goal: ", "    gaol: ", 1),
                    encoding="utf-8")  # fmt: skip
    checked = run("check", ID, "--as-of", DAY, "--format", "json", cwd=workbook)
    assert checked.returncode == 1
    assert {p["path"] for p in json.loads(checked.stdout)} == {FILE}


def test_what_looks_like_an_id() -> None:
    assert looks_like_id("slagelse-chp-2016")
    for path in ("agreements/x", "x.yaml", "X.YML", ".", "..", ""):
        assert not looks_like_id(path)
    assert nearest("slagelse-cph-2016", ["faxe", "slagelse-chp-2016", "slagelse-chp-2017"])[0] == (
        "slagelse-chp-2016"
    )
