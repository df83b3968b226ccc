"""export and collect: a sheet written, filled in as a person would, saved again, read back."""

from __future__ import annotations

import difflib
import io
import re
import shutil
import subprocess
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import DANISH, assert_no_traceback
from conftest import run as run_command

from devagree.core.model import STATE_LABELS, State
from devagree.followup.collect import answer_day
from devagree.i18n import translations
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"
AS_OF = "2016-09-01"
LABELS = (
    "Agreement", "#", "Heading", "Owner", "Deadline", "Due date", "State", "Latest note",
    "New state", "New note", "Date",
)  # fmt: skip


def run(*args: Any, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
    """The command in the workbook's language (Danish here), as a secretary runs it."""
    return run_command(*args, env=DANISH if env is None else env, **kwargs)


def da(message: str) -> str:
    """A label as a Danish workbook writes it (from the message catalogue)."""
    return translations("da").gettext(message)


def _summary(**counts: int) -> str:
    return da(
        "entries recorded: {recorded}; agreement files changed: {files}; rows already "
        "recorded: {already}; rows without an answer: {empty}"
    ).format(**counts)


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


def _export(workbook: Path, name: str = "out.xlsx", *args: str) -> Path:
    done = run("export", "-o", name, "--as-of", AS_OF, *args, cwd=workbook)
    assert done.returncode == 0, done.stdout + done.stderr
    return workbook / name


def _yaml_bytes(workbook: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((workbook / "agreements").rglob("*.yaml"))}


def _columns(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[1] if c.value is not None}


def _fill(path: Path, answers: dict[int, dict[str, object]], save_as: Path | None = None) -> Path:
    """Type answers into the follow-up sheet's rows for items (by number), as a person would."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    columns = _columns(sheet)
    for row in range(2, sheet.max_row + 1):
        number = sheet.cell(row, columns["#"]).value
        for label, value in answers.get(int(number), {}).items():  # type: ignore[arg-type]
            sheet.cell(row, columns[da(label)]).value = value
    target = save_as or path
    book.save(target)
    return target


def _through_libreoffice(path: Path, tmp_path: Path) -> Path:
    """The file opened and saved again by LibreOffice Calc: a file another program wrote."""
    assert shutil.which("soffice"), "LibreOffice (Calc) is part of the test environment"
    out = tmp_path / f"lo-out-{uuid.uuid4().hex[:8]}"
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "xlsx", "--outdir", str(out), str(path),
        ],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    converted = out / path.name
    assert converted.is_file(), "LibreOffice Calc did not write the file"
    return converted


def _added_lines(before: str, after: str) -> list[str]:
    old, new = before.splitlines(), after.splitlines()
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            added.extend(new[j1:j2])
    return added


def _history(workbook: Path) -> dict[int, list[tuple[str, str, str]]]:
    book = check_workbook([workbook / NAME], date(2016, 12, 31))
    return {
        item.number: [
            (e.state.value, e.as_of.isoformat() if e.as_of else "", e.note.strip())
            for e in item.history
        ]
        for item in book.agreements[0].items
    }


# --- export ----------------------------------------------------------------------------------


def test_export_writes_the_follow_up_sheet(workbook: Path) -> None:
    path = _export(workbook)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [da("Follow-up"), da("Deadlines"), da("Coverage")]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [da(label) for label in LABELS]
    agreement = check_workbook([workbook / NAME], date(2016, 9, 1)).agreements[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (agreement.id, item.number, item.title) for item in agreement.items
    ]
    # due dates as date cells, the answer date column formatted as dates
    assert rows[0][5] == datetime(2016, 6, 30)
    assert sheet.cell(2, 11).is_date and sheet.cell(2, 6).is_date
    # the drop-down holds the six state labels, over the whole answer column
    [rule] = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert rule.formula1 == '"' + ",".join(STATE_LABELS["da"][s] for s in State) + '"'
    assert "I2:I5" in str(rule.sqref)
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:K5"
    # overdue on 2016-09-01: items 1 and 2 (due June 2016); marked by fill and in words
    overdue_word = da("{state} (overdue)").format(state="")
    states = [str(r[6]) for r in rows]
    assert [overdue_word.strip() in s for s in states] == [True, True, False, False]
    fills = [sheet.cell(row, 7).fill.fgColor.rgb for row in range(2, 6)]
    assert fills[0] == fills[1] != fills[2] == fills[3]
    # readable: the heading column is as wide as the longest heading (up to a limit)
    longest = max(len(i.title) for i in agreement.items)
    assert sheet.column_dimensions["C"].width >= min(longest, 50)
    # answer columns set apart from devagree's
    assert sheet.cell(1, 9).fill.fgColor.rgb != sheet.cell(1, 1).fill.fgColor.rgb
    deadlines = run("deadlines", "--format", "json", "--as-of", AS_OF, cwd=workbook)
    import json

    assert book.worksheets[1].max_row == len(json.loads(deadlines.stdout)) + 1
    coverage = [r for r in book.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert any(r[3] and "slagelse-chp-2016 #1" in str(r[3]) for r in coverage)


def test_export_is_deterministic_and_narrows_to_an_agreement(workbook: Path) -> None:
    first = _export(workbook, "a.xlsx").read_bytes()
    second = _export(workbook, "b.xlsx").read_bytes()
    assert first == second
    narrowed = _export(workbook, "c.xlsx", "--agreement", "slagelse-chp-2016")
    assert openpyxl.load_workbook(narrowed).worksheets[0].max_row == 5
    unknown = run("export", "-o", "d.xlsx", "--agreement", "nope", "--as-of", AS_OF, cwd=workbook)
    assert unknown.returncode == 2 and "nope" in unknown.stderr
    assert not (workbook / "d.xlsx").exists()
    assert_no_traceback(unknown)


def test_english_workbook_has_english_labels(tmp_path: Path, repo: Path) -> None:
    shutil.copytree(repo / "examples" / "english", tmp_path / "en")
    done = run("export", "-o", "out.xlsx", "--as-of", "2026-03-01", cwd=tmp_path / "en")
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(tmp_path / "en" / "out.xlsx")
    assert book.sheetnames[0] == "Follow-up"
    assert [c.value for c in book.worksheets[0][1]] == list(LABELS)
    [rule] = [v for v in book.worksheets[0].data_validations.dataValidation if v.type == "list"]
    assert "in progress" in rule.formula1


# --- collect ---------------------------------------------------------------------------------


def test_collect_a_sheet_saved_by_libreoffice(workbook: Path, tmp_path: Path) -> None:
    before = _yaml_bytes(workbook)
    exported = _export(workbook)
    filled = _fill(
        exported,
        {
            1: {"New state": "  I   GANG ", "New note": "Strategien er skrevet\nUdvalget i oktober",
                "Date": datetime(2016, 9, 20)},
            2: {"New state": "done", "Date": "10.09.2016"},
            3: {"New note": "Kun en note", "Date": "10/9 2016"},
            4: {"New state": "Partly Done", "Date": "15-09-2016"},
        },
        save_as=tmp_path / "filled.xlsx",
    )  # fmt: skip
    # the centre sorts the rows backwards and adds a column of its own before the answers
    book = openpyxl.load_workbook(filled)
    sheet = book.worksheets[0]
    values = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    for offset, row in enumerate(reversed(values)):
        for column, value in enumerate(row, 1):
            sheet.cell(offset + 2, column).value = value
    sheet.insert_cols(4)
    sheet.cell(1, 4).value = "Vores kommentar"
    sheet.cell(2, 4).value = "intern"
    book.save(filled)
    saved = _through_libreoffice(filled, tmp_path)
    # LibreOffice kept the drop-down
    again = openpyxl.load_workbook(saved)
    assert any(v.type == "list" for v in again.worksheets[0].data_validations.dataValidation)

    done = run("collect", saved, "--as-of", "2016-09-30", cwd=workbook)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len([line for line in lines if "slagelse-chp-2016" in line]) == 4, done.stdout
    assert lines[-1] == _summary(recorded=4, files=1, already=0, empty=0), done.stdout
    assert _history(workbook) == {
        1: [("in_progress", "2016-09-20", "Strategien er skrevet\nUdvalget i oktober")],
        2: [("done", "2016-09-10", "")],
        3: [("planned", "2016-09-10", "Kun en note")],
        4: [("partly_done", "2016-09-15", "")],
    }
    after = _yaml_bytes(workbook)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == [str(workbook / NAME)]
    added = _added_lines(before[changed[0]].decode(), after[changed[0]].decode())
    assert added == [
        "    status:", "      - state: in_progress", "        as_of: 2016-09-20",
        "        note: |", "          Strategien er skrevet", "          Udvalget i oktober",
        "    status:", "      - state: done", "        as_of: 2016-09-10",
        "    status:", "      - state: planned", "        as_of: 2016-09-10",
        "        note: Kun en note",
        "    status:", "      - state: partly_done", "        as_of: 2016-09-15",
    ]  # fmt: skip
    check = run("check", "--as-of", "2016-09-30", cwd=workbook)
    assert check.returncode == 0, check.stdout
    report = run("report", "--as-of", "2016-09-30", "-o", "r.md", cwd=workbook)
    assert report.returncode == 0, report.stderr
    text = (workbook / "r.md").read_text(encoding="utf-8")
    assert "Kun en note" in text and "Strategien er skrevet" in text

    # collecting the same sheet again records nothing new, even on another day
    again_done = run("collect", saved, "--as-of", "2016-10-15", cwd=workbook)
    assert again_done.returncode == 0, again_done.stderr
    last = again_done.stdout.splitlines()[-1]
    assert last == _summary(recorded=0, files=0, already=4, empty=0), again_done.stdout
    assert _yaml_bytes(workbook) == after


def test_refused_rows_change_no_file(workbook: Path, tmp_path: Path) -> None:
    before = _yaml_bytes(workbook)
    exported = _export(workbook)
    book = openpyxl.load_workbook(exported)
    sheet = book.worksheets[0]
    c = _columns(sheet)
    sheet.cell(2, c[da("New state")]).value = "done"  # fine on its own
    sheet.cell(3, c[da("New state")]).value = "halvvejs"  # not a state
    sheet.cell(4, c[da("New state")]).value = "=A1"  # a formula
    sheet.cell(5, c[da("Heading")]).value = "En anden overskrift"  # heading changed
    sheet.cell(5, c[da("New note")]).value = "note"
    sheet.append(["ukendt-aftale", 1, "", "", "", None, "", "", "done", "", None])  # row 6
    sheet.append(["slagelse-chp-2016", 9, "", "", "", None, "", "", "done", "", None])  # row 7
    sheet.append(["slagelse-chp-2016", 1, "", "", "", None, "", "", "done", "", "32.13.2016"])
    book.save(exported)
    done = run("collect", exported, "--as-of", "2016-09-30", cwd=workbook)
    assert done.returncode == 1, done.stdout + done.stderr
    assert_no_traceback(done)
    sheet_name = da("Follow-up")
    located = da('{file}, sheet "{sheet}", row {row}')
    where = re.escape(located.format(file="out.xlsx", sheet=sheet_name, row=999))
    where = where.replace("999", r"(\d+)")
    column = re.escape(da("column {letter} ({label})")).replace(r"\{letter\}", "[A-Z]+")
    column = column.replace(r"\{label\}", "[^)]+")
    refused = re.findall(rf"^{where}, {column}: ", done.stderr, re.M)
    assert refused == ["3", "4", "5", "6", "7", "8"], done.stderr
    assert "halvvejs" in done.stderr and "=A1" in done.stderr and "ukendt-aftale" in done.stderr
    assert "En anden overskrift" in done.stderr and "32.13.2016" in done.stderr
    assert _yaml_bytes(workbook) == before


def test_an_answer_dated_before_the_latest_entry_is_refused(workbook: Path) -> None:
    status = run("status", NAME, "1", "--state", "in_progress", "--as-of", "2016-08-01",
                 cwd=workbook)  # fmt: skip
    assert status.returncode == 0, status.stderr
    before = _yaml_bytes(workbook)
    exported = _fill(_export(workbook), {1: {"New state": "done", "Date": "2016-07-01"}})
    done = run("collect", exported, "--as-of", "2016-09-30", cwd=workbook)
    assert done.returncode == 1 and "1. august 2016" in done.stderr, done.stderr
    assert _yaml_bytes(workbook) == before


def test_dry_run_writes_nothing(workbook: Path) -> None:
    before = _yaml_bytes(workbook)
    exported = _fill(_export(workbook), {2: {"New state": "opfyldt"}})
    done = run("collect", exported, "--dry-run", "--as-of", "2016-09-30", cwd=workbook)
    assert done.returncode == 0 and "slagelse-chp-2016" in done.stdout, done.stderr
    assert _yaml_bytes(workbook) == before


# --- bad input -------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def test_bad_files_are_refused_with_their_name(workbook: Path) -> None:
    exported = _export(workbook)
    with zipfile.ZipFile(exported) as package:
        contents = {name: package.read(name) for name in package.namelist()}
    text = workbook / "notes.xlsx"
    text.write_text("Aftale;#;Ny status\n", encoding="utf-8")
    word = _zip(workbook / "letter.xlsx", {"[Content_Types].xml": b"<x/>",
                                          "word/document.xml": b"<w/>"})  # fmt: skip
    macros = _zip(workbook / "macros.xlsm", {**contents, "xl/vbaProject.bin": b"\0" * 64})
    bomb = _zip(workbook / "bomb.xlsx", {**contents, "xl/media/big.bin": b"\0" * (20 << 20)})
    old = workbook / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    other = openpyxl.Workbook()
    other.active.append(["Navn", "Adresse"])  # type: ignore[union-attr]
    other.save(workbook / "other.xlsx")
    before = _yaml_bytes(workbook)
    columns = ", ".join(da(label) for label in LABELS)
    expected = {
        text: "{file} is not an Excel workbook (.xlsx); collect the sheets that devagree "
        "export wrote",
        word: "{file} is a Word document, not an Excel workbook (.xlsx)",
        macros: "{file} is a macro-enabled workbook; devagree does not read files with "
        "macros. Open it, check it, and save it as an Excel workbook (.xlsx) without macros",
        bomb: "{file} would unpack to far more than a follow-up sheet holds (a zip bomb?); "
        "it is not read",
        old: "{file} is an old Excel file (.xls) or a password-protected workbook; open it "
        "in Excel or LibreOffice and save it as an Excel workbook (.xlsx) without a password",
        workbook / "other.xlsx": "{file} has no follow-up sheet: no sheet has a header row "
        "with the columns {columns}; collect the sheets that devagree export wrote",
    }
    for path, message in expected.items():
        done = run("collect", exported, path.name, "--as-of", "2016-09-30", cwd=workbook)
        assert done.returncode == 2, (path, done.stdout, done.stderr)
        said = da(message).format(file=path.name, columns=columns)
        assert done.stderr == f"devagree: {said}\n", done.stderr
        assert done.stdout == ""
    assert _yaml_bytes(workbook) == before


def test_typed_dates() -> None:
    expected = date(2016, 5, 10)
    for typed in (
        "10.05.2016",
        "10-05-2016",
        "10/5 2016",
        "2016-05-10",
        "10. maj 2016",
        " 10.5.2016 ",
        "10/05/2016",
        datetime(2016, 5, 10, 0, 0),
        42500,
    ):
        assert answer_day(typed) == expected, typed  # fmt: skip
    for bad in ("32.13.2016", "maj 2016", "i morgen", "", True, 1.5):
        assert answer_day(bad) is None, bad


# --- deadlines --format xlsx ----------------------------------------------------------------


def test_deadlines_as_a_sheet(workbook: Path) -> None:
    done = run("deadlines", "--format", "xlsx", "-o", "d.xlsx", "--as-of", AS_OF, cwd=workbook)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(workbook / "d.xlsx")
    assert book.sheetnames == [da("Deadlines")]
    exported = openpyxl.load_workbook(_export(workbook))
    # the same sheet as in export, written by the same code
    assert [r for r in book.worksheets[0].iter_rows(values_only=True)] == [
        r for r in exported.worksheets[1].iter_rows(values_only=True)
    ]
    unnamed = run("deadlines", "--format", "xlsx", "--as-of", AS_OF, cwd=workbook)
    assert unnamed.returncode == 0, unnamed.stderr
    assert (workbook / f"deadlines-{AS_OF}.xlsx").is_file()  # where every document goes
    as_text = run("deadlines", "-o", "d.txt", "--as-of", AS_OF, cwd=workbook)
    assert as_text.returncode == 0
    assert as_text.stdout.split() == [da("wrote {path}").split()[0], "d.txt"]
    assert "slagelse-chp-2016" in (workbook / "d.txt").read_text(encoding="utf-8")


def test_export_does_not_depend_on_the_environment_clock(workbook: Path) -> None:
    # the workbook's dates are the as-of day, so a later export of the same day is the same
    data = _export(workbook).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode()
    assert core.count("2016-09-01T00:00:00Z") == 2  # created and modified


def test_answers_from_several_sheets_are_recorded_in_date_order(workbook: Path) -> None:
    exported = _export(workbook)
    first = _fill(exported, {1: {"New state": "i gang", "Date": "10.09.2016"}},
                  save_as=workbook / "first.xlsx")  # fmt: skip
    second = _fill(
        exported,
        {1: {"New state": "opfyldt", "New note": "Vedtaget", "Date": "20.09.2016"},
         2: {"New note": "Vi er i gang", "Date": "2016-09-12"}},
        save_as=workbook / "second.xlsx",
    )  # fmt: skip
    # the later answer first on the command line, and the first sheet given twice
    done = run("collect", second, first, first, "--as-of", "2016-09-30", cwd=workbook)
    assert done.returncode == 0, done.stdout + done.stderr
    history = _history(workbook)
    assert history[1] == [("in_progress", "2016-09-10", ""), ("done", "2016-09-20", "Vedtaget")]
    assert history[2] == [("planned", "2016-09-12", "Vi er i gang")]
    assert run("check", "--as-of", "2016-09-30", cwd=workbook).returncode == 0


def test_an_english_sheet_takes_danish_labels_too(tmp_path: Path, repo: Path) -> None:
    root = tmp_path / "en"
    shutil.copytree(repo / "examples" / "english", root)
    done = run("export", "-o", "out.xlsx", "--as-of", "2026-03-01", cwd=root)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(root / "out.xlsx")
    sheet = book.worksheets[0]
    sheet.cell(2, 9).value = "Delvist Opfyldt"  # typed, in Danish, in another case
    sheet.cell(2, 11).value = "1/5 2026"
    sheet.cell(3, 9).value = "not met"
    book.save(root / "out.xlsx")
    collected = run("collect", "out.xlsx", "--as-of", "2026-05-02", cwd=root)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "entries recorded: 2;" in collected.stdout
    book_after = check_workbook([root / "agreements"], date(2026, 5, 2), start=root)
    states = [
        (i.state.value, i.status.as_of.isoformat() if i.status and i.status.as_of else None)
        for a in book_after.agreements
        for i in a.items
    ][:2]
    assert states == [("partly_done", "2026-05-01"), ("not_met", "2026-05-02")]


def test_rows_for_a_file_with_errors_are_refused(workbook: Path) -> None:
    exported = _fill(_export(workbook), {4: {"New state": "i gang"}})
    path = workbook / NAME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    deadline: Ultimo 2016\n", "    deadline: engang\n", 1),
                    encoding="utf-8")  # fmt: skip
    before = _yaml_bytes(workbook)
    done = run("collect", exported, "--as-of", "2016-09-30", cwd=workbook)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"devagree check {NAME}" in done.stderr
    assert _yaml_bytes(workbook) == before
