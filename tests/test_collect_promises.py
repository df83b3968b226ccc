"""collect keeps its promises against a careless or hostile sheet: the ordinary sheet collects,
every file is written or none, dates obey the rules of status, a malformed cell is a refusal
with its sheet, row and column, and no file grows past what devagree reads."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import DANISH, assert_no_traceback, lock_held
from conftest import run as run_command

from devagree.core.loader import MAX_BYTES, load
from devagree.core.write_path import edit_file
from devagree.followup.history_edit import StatusUpdate, add_entries
from devagree.i18n import translations
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"
SECOND = "agreements/zz-second-2016.yaml"
SHEET = "Opfølgning"
"""The sheet of an export in a Danish workbook."""
MAX_NOTE = 5000
"""The longest note (``followup.status.MAX_NOTE``)."""


def run(*args: Any, **kwargs: Any) -> Any:
    return run_command(*args, env=DANISH, **kwargs)


def da(message: str) -> str:
    return translations("da").gettext(message)


def _yaml_bytes(workbook: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((workbook / "agreements").rglob("*.yaml"))}


def _export(workbook: Path) -> Path:
    done = run("export", "out.xlsx", "--as-of", "2016-09-01", cwd=workbook)
    assert done.returncode == 0, done.stdout + done.stderr
    return workbook / "out.xlsx"


def _answer(path: Path, rows: list[tuple[str, int, dict[str, object]]]) -> Path:
    """Type answers in the rows of (agreement, item), as a person would."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    columns = {str(c.value): c.column for c in sheet[1] if c.value is not None}
    places = {
        (sheet.cell(r, columns[da("Agreement")]).value, sheet.cell(r, columns["#"]).value): r
        for r in range(2, sheet.max_row + 1)
    }
    for ident, number, answers in rows:
        row = places[(ident, number)]
        for label, value in answers.items():
            sheet.cell(row, columns[da(label)]).value = value
    book.save(path)
    return path


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    """The repository's workbook and a second agreement, whose file sorts after the seed's."""
    seed = (repo_workbook / NAME).read_text(encoding="utf-8")
    second = seed.replace("id: slagelse-chp-2016", "id: zz-second-2016", 1)
    (repo_workbook / SECOND).write_text(second, encoding="utf-8")
    return repo_workbook


# --- the ordinary sheet: two answers without a date ------------------------------------------


def test_two_answers_without_a_date_are_collected(workbook: Path) -> None:
    exported = _answer(
        _export(workbook),
        [
            ("slagelse-chp-2016", 1, {"New state": "i gang"}),
            ("slagelse-chp-2016", 2, {"New state": "i gang", "New note": "Godt i gang"}),
        ],
    )
    done = run("collect", exported, "--as-of", "2016-09-20", cwd=workbook)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (workbook / NAME).read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text
    assert text.count("as_of: 2016-09-20\n") == 2
    checked = run("check", "--as-of", "2016-09-20", cwd=workbook)
    assert " DA0" not in checked.stdout, checked.stdout


def test_the_round_trip_writer_never_writes_an_alias(repo: Path) -> None:
    """One date object for several entries (and so for every writer of the round trip)."""
    day = date(2016, 9, 20)
    text = (repo / NAME).read_text(encoding="utf-8")
    updates = [StatusUpdate(number, _state(), day) for number in (1, 2, 3)]
    new_text, _converted = add_entries(text, updates)
    assert "&id" not in new_text and "*id" not in new_text
    items = load(NAME, new_text).data["items"]
    assert [item["status"][-1]["as_of"] for item in items[:3]] == ["2016-09-20"] * 3


def _state() -> Any:
    from devagree.core.model import State

    return State.IN_PROGRESS


# --- all files or none -----------------------------------------------------------------------


def test_a_busy_second_file_leaves_the_first_unwritten(workbook: Path) -> None:
    exported = _answer(
        _export(workbook),
        [
            ("slagelse-chp-2016", 1, {"New state": "i gang"}),
            ("zz-second-2016", 1, {"New state": "i gang"}),
        ],
    )
    before = _yaml_bytes(workbook)
    with lock_held(workbook / SECOND):
        done = run_command(
            "collect", exported, "--as-of", "2016-09-20", cwd=workbook,
            env={"DEVAGREE_LOCK_TIMEOUT": "0.5"},
        )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert_no_traceback(done)
    assert "Nothing was written" in done.stderr
    assert _yaml_bytes(workbook) == before
    again = run("collect", exported, "--as-of", "2016-09-20", cwd=workbook)
    assert again.returncode == 0, again.stderr
    assert all(
        (workbook / name).read_text(encoding="utf-8").count("as_of: 2016-09-20") == 1
        for name in (NAME, SECOND)
    )


def test_edit_files_refused_by_one_change_writes_none(tmp_path: Path) -> None:
    from devagree.core.write_path import FileTooLarge, edit_files

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a: 1\n", encoding="utf-8")
    second.write_text("b: 1\n", encoding="utf-8")

    def refuse(text: str) -> str:
        raise FileTooLarge("no")

    with pytest.raises(FileTooLarge):
        edit_files({first: lambda text: "a: 2\n", second: refuse})
    assert first.read_text(encoding="utf-8") == "a: 1\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    written = edit_files({first: lambda text: "a: 2\n", second: lambda text: "b: 2\n"})
    assert written == {first: "a: 2\n", second: "b: 2\n"}
    assert first.read_text(encoding="utf-8") == "a: 2\n"
    assert second.read_text(encoding="utf-8") == "b: 2\n"


# --- dates obey the rules of status ----------------------------------------------------------

DATE_CASES = {
    "after today": ("10.09.2106", "after today", ()),
    "before the period": ("01.01.0001", "before the period of slagelse-chp-2016 starts", ()),
    "before the latest entry": ("2016-06-01", "before the latest entry", ()),
}


@pytest.mark.parametrize("case", list(DATE_CASES))
def test_a_date_status_refuses_is_refused(workbook: Path, case: str) -> None:
    typed, reason, extra = DATE_CASES[case]
    status = run("status", NAME, "2", "-s", "in_progress", "--as-of", "2016-08-01", cwd=workbook)
    assert status.returncode == 0, status.stderr
    exported = _answer(
        _export(workbook), [("slagelse-chp-2016", 2, {"New state": "done", "Date": typed})]
    )
    before = _yaml_bytes(workbook)
    done = run_command("collect", exported, "--as-of", "2016-09-20", *extra, cwd=workbook)
    assert done.returncode == 1, done.stdout + done.stderr
    assert reason in done.stderr, done.stderr
    refusal = next(line for line in done.stderr.splitlines() if reason in line)
    assert refusal.startswith(f'out.xlsx, sheet "{SHEET}", row 3, column K (Date): refused: ')
    assert _yaml_bytes(workbook) == before


def test_a_future_date_is_taken_with_allow_future(workbook: Path) -> None:
    exported = _answer(
        _export(workbook), [("slagelse-chp-2016", 2, {"New state": "i gang", "Date": "10.09.2106"})]
    )
    done = run("collect", exported, "--as-of", "2016-09-20", "--allow-future", cwd=workbook)
    assert done.returncode == 0, done.stderr
    assert "as_of: 2106-09-10" in (workbook / NAME).read_text(encoding="utf-8")


def test_status_refuses_a_day_before_the_period_too(workbook: Path) -> None:
    before = _yaml_bytes(workbook)
    done = run_command("status", NAME, "1", "-s", "done", "--as-of", "2015-12-31", cwd=workbook)
    assert done.returncode == 2, done.stderr
    assert "before the period of slagelse-chp-2016 starts (2016-02-29)" in done.stderr
    assert _yaml_bytes(workbook) == before


# --- malformed cells ---------------------------------------------------------------------------


def _raw_cells(path: Path, cells: dict[str, bytes]) -> Path:
    """Cells written as a hostile program would write them: the sheet's XML replaced."""
    source = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                for reference, xml in cells.items():
                    start = data.index(f'<c r="{reference}"'.encode())
                    end = data.index(b"</c>", start) + len(b"</c>")
                    data = data[:start] + xml + data[end:]
            new.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


MALFORMED = {
    "superscript two in #": (
        "B2",
        b'<c r="B2" t="inlineStr"><is><t>\xc2\xb2</t></is></c>',
        "B (#)",
    ),
    "Arabic three in #": ("B2", b'<c r="B2" t="inlineStr"><is><t>\xd9\xa3</t></is></c>', "B (#)"),
    "1e400 in a date cell": ("K2", b'<c r="K2" s="13"><v>1e400</v></c>', "K (Date)"),
    "1e400 as a number": ("K2", b'<c r="K2"><v>1e400</v></c>', "K (Date)"),
    "-1e400 in #": ("B2", b'<c r="B2"><v>-1e400</v></c>', "B (#)"),
    "an error cell": ("K2", b'<c r="K2" t="e"><v>#DIV/0!</v></c>', "K (Date)"),
    "a negative date": ("K2", b'<c r="K2" s="13"><v>-5</v></c>', "K (Date)"),
    "a boolean date": ("K2", b'<c r="K2" t="b"><v>1</v></c>', "K (Date)"),
    "a huge item number": ("B2", b'<c r="B2"><v>1e300</v></c>', "B (#)"),
    "an escape in the id": (
        "A2",
        b'<c r="A2" t="inlineStr"><is><t>slagelse_x001B_[31m</t></is></c>',
        "A (Agreement)",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_cell_is_refused_with_sheet_row_and_column(workbook: Path, case: str) -> None:
    reference, xml, column = MALFORMED[case]
    exported = _answer(_export(workbook), [("slagelse-chp-2016", 1, {"New state": "i gang"})])
    _raw_cells(exported, {reference: xml})
    before = _yaml_bytes(workbook)
    done = run_command("collect", exported, "--as-of", "2016-09-20", cwd=workbook)
    assert_no_traceback(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f'out.xlsx, sheet "{SHEET}", row 2, column {column}: refused: ' in done.stderr
    assert "Warning" not in done.stderr and "openpyxl" not in done.stderr, done.stderr
    assert "\x1b" not in done.stderr
    assert _yaml_bytes(workbook) == before


# --- sizes -------------------------------------------------------------------------------------


def test_a_note_too_long_is_refused(workbook: Path) -> None:
    exported = _answer(
        _export(workbook), [("slagelse-chp-2016", 3, {"New note": "x" * (MAX_NOTE + 1)})]
    )
    before = _yaml_bytes(workbook)
    done = run_command("collect", exported, "--as-of", "2016-09-20", cwd=workbook)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "row 4, column J (New note): refused: the note is 5001 characters long" in done.stderr
    assert _yaml_bytes(workbook) == before


def test_a_file_is_never_written_past_what_devagree_reads(workbook: Path) -> None:
    """Many notes within the limit that together would make the file unreadable (DA010)."""
    exported = _export(workbook)
    book = openpyxl.load_workbook(exported)
    sheet = book.worksheets[0]
    rows = MAX_BYTES // MAX_NOTE + 10
    for index in range(rows):
        sheet.append(["slagelse-chp-2016", 1, None, None, None, None, None, None, "i gang",
                      f"{index} " + "n" * (MAX_NOTE - 10), "2016-09-01"])  # fmt: skip
    book.save(exported)
    before = _yaml_bytes(workbook)
    done = run_command("collect", exported, "--as-of", "2016-09-20", cwd=workbook)
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert "and devagree reads files up to 2 MB" in done.stderr
    assert _yaml_bytes(workbook) == before
    checked = check_workbook([workbook / NAME], date(2016, 9, 20))
    assert not checked.unreadable


def test_the_write_path_refuses_a_file_too_large_to_read(tmp_path: Path) -> None:
    from devagree.core.write_path import FileTooLarge

    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(FileTooLarge, match="reads files up to 2 MB"):
        edit_file(path, lambda text: text + "#" * MAX_BYTES)
    assert path.read_text(encoding="utf-8") == "a: 1\n"


def test_a_cell_no_reader_can_read_names_its_sheet_and_row(workbook: Path) -> None:
    exported = _answer(_export(workbook), [("slagelse-chp-2016", 1, {"New state": "i gang"})])
    _raw_cells(exported, {"K3": b'<c r="K3"><v>NaN</v></c>'})
    before = _yaml_bytes(workbook)
    done = run_command("collect", exported, "--as-of", "2016-09-20", cwd=workbook)
    assert_no_traceback(done)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f'out.xlsx, sheet "{SHEET}": a cell after row 2 cannot be read' in done.stderr
    assert _yaml_bytes(workbook) == before


def test_the_note_limit_is_the_documented_one() -> None:
    from devagree.followup.status import MAX_NOTE as limit

    assert limit == MAX_NOTE


def test_an_import_is_never_written_past_what_devagree_reads(tmp_path: Path) -> None:
    """60,000 paragraphs of a Word document, kept under `unplaced`, would make 5 MB of YAML."""
    from docx import Document

    book = tmp_path / "book"
    (book / "agreements").mkdir(parents=True)
    (book / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    document = Document()
    document.add_paragraph("Udviklingsaftale for 2016")
    for number in range(60_000):
        document.add_paragraph(f"Afsnit {number}, som ikke hører til noget felt i aftalen.")
    document.save(str(book / "stor.docx"))
    done = run_command("import", "stor.docx", "--year", "2016", cwd=book)
    assert_no_traceback(done)
    assert done.returncode != 0, done.stdout + done.stderr
    assert "and devagree reads files up to 2 MB; nothing was written" in done.stderr
    assert not list((book / "agreements").iterdir())
