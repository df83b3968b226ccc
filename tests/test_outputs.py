"""Commands alike: `-o` names every file or folder a command writes, the current folder is
the default, and a missing folder on the way is made for a file as for a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DANISH, assert_no_traceback, run

DAY = "2016-09-30"


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (("report", "--as-of", DAY), "opfoelgning-2016-09-30.docx"),
        (("export", "--as-of", DAY), "opfoelgningsark-2016-09-30.xlsx"),
        (("site", "--as-of", DAY), "site/index.html"),
        (("render", "slagelse-chp-2016"), "slagelse-chp-2016.docx"),
        (("deadlines", "--format", "xlsx", "--as-of", DAY), "deadlines-2016-09-30.xlsx"),
        (("template", "export"), "skabelon.docx"),
    ],
)
def test_without_o_every_document_goes_to_the_current_folder(
    workbook: Path, args: tuple[str, ...], written: str
) -> None:
    done = run(*args, cwd=workbook, env=DANISH)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (workbook / written).is_file()
    assert written.split("/")[0] in done.stdout  # and says where


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (("report", "--as-of", DAY, "-o", "ny/mappe/r.docx"), "ny/mappe/r.docx"),
        (("report", "--as-of", DAY, "-o", "ny/mappe/r.md"), "ny/mappe/r.md"),
        (("export", "--as-of", DAY, "-o", "ny/mappe/x.xlsx"), "ny/mappe/x.xlsx"),
        (("site", "--as-of", DAY, "-o", "ny/mappe/site"), "ny/mappe/site/index.html"),
        (("render", "slagelse-chp-2016", "-o", "ny/mappe/a.docx"), "ny/mappe/a.docx"),
        (("render", "slagelse-chp-2016", "-o", "ny/mappe"), "ny/mappe/slagelse-chp-2016.docx"),
        (("deadlines", "-f", "csv", "--as-of", DAY, "-o", "ny/mappe/d.csv"), "ny/mappe/d.csv"),
        (("template", "export", "-o", "ny/mappe/t.docx"), "ny/mappe/t.docx"),
        (("new", "--no-input", "--id", "ny-2017", "--year", "2017", "-o", "ny/mappe/n.yaml"),
         "ny/mappe/n.yaml"),
    ],
)  # fmt: skip
def test_a_missing_folder_is_made_for_files_and_folders_alike(
    workbook: Path, args: tuple[str, ...], written: str
) -> None:
    done = run(*args, cwd=workbook)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (workbook / written).is_file()


def test_export_still_takes_the_file_first_with_a_note(workbook: Path) -> None:
    done = run("export", "old.xlsx", "--as-of", DAY, cwd=workbook)
    assert done.returncode == 0, done.stderr
    assert (workbook / "old.xlsx").is_file()
    assert "-o old.xlsx" in done.stderr
    beside = run("export", "old2.xlsx", "slagelse-chp-2016", "--as-of", DAY, cwd=workbook)
    assert beside.returncode == 0, beside.stderr
    assert (workbook / "old2.xlsx").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--as-of", DAY, "-o", "agreements"),
        ("export", "--as-of", DAY, "-o", "agreements"),
        ("deadlines", "--as-of", DAY, "-o", "agreements"),
        ("site", "--as-of", DAY, "-o", "devagree.yaml"),
        ("render", "-o", "devagree.yaml"),
    ],
)
def test_a_folder_for_a_file_or_a_file_for_a_folder_is_refused(
    workbook: Path, args: tuple[str, ...]
) -> None:
    before = sorted(p.name for p in workbook.iterdir())
    refused = run(*args, cwd=workbook)
    assert refused.returncode == 2, refused.stdout
    assert_no_traceback(refused)
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert sorted(p.name for p in workbook.iterdir()) == before


def test_import_makes_its_folder_too(workbook: Path) -> None:
    made = run("render", "slagelse-chp-2016", "-o", "seed.docx", cwd=workbook)
    assert made.returncode == 0, made.stderr
    one = run("import", "seed.docx", "--id", "imported-2016", "-o", "ny/a/x.yaml", cwd=workbook)
    assert one.returncode == 0, one.stdout + one.stderr
    assert (workbook / "ny" / "a" / "x.yaml").is_file()
    many = run("import", "seed.docx", "--id", "imported-2017", "-o", "ny/b", cwd=workbook)
    assert many.returncode == 0, many.stdout + many.stderr
    assert (workbook / "ny" / "b" / "imported-2017.yaml").is_file()
