"""devagree show and devagree report: labels, overdue marks, traffic lights, read back."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, assert_no_traceback, run

from devagree.core.model import State
from devagree.followup.report_model import Light, build_report, traffic_light
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


AS_OF = "2016-09-30"


@pytest.fixture
def followed(workbook: Path) -> Path:
    """The seed with two status updates on item 1 and one on item 3."""
    updates = [
        ("1", "in_progress", "2016-05-01", "Strategien er i gang"),
        ("1", "done", "2016-06-20", "Strategien er vedtaget.\n\n- dokument A\n- dokument B"),
        ("3", "in_progress", "2016-08-15", "Analyser bestilt"),
        ("4", "done", "2016-11-01", "Efter rapportens dato"),
    ]
    for number, state, day, note in updates:
        result = run(
            "status", NAME, number, "-s", state, "--note", note, "--as-of", day, cwd=workbook
        )
        assert result.returncode == 0, result.stderr
    return workbook


# --- the report's data --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "overdue", "light"),
    [
        (State.DONE, False, Light.GREEN),
        (State.IN_PROGRESS, False, Light.YELLOW),
        (State.PARTLY_DONE, False, Light.YELLOW),
        (State.IN_PROGRESS, True, Light.RED),
        (State.PLANNED, True, Light.RED),
        (State.NOT_MET, False, Light.RED),
        (State.PLANNED, False, Light.GREY),
        (State.CANCELLED, False, Light.GREY),
    ],
)
def test_traffic_lights(state: State, overdue: bool, light: Light) -> None:
    assert traffic_light(state, overdue) is light


def test_report_model_as_of_a_day(followed: Path) -> None:
    book = check_workbook([followed / NAME], date(2016, 9, 30))
    report = build_report(book.agreements, date(2016, 9, 30))
    lights = {i.number: i.light for i in report.items}
    assert lights == {1: Light.GREEN, 2: Light.RED, 3: Light.YELLOW, 4: Light.GREY}
    assert report.counts[State.DONE] == 1 and report.counts[State.PLANNED] == 2
    assert [i.number for i in report.overdue] == [2]
    assert report.overdue[0].days_overdue == 92
    # the entry dated after the report's day is left out
    item4 = report.items[3]
    assert item4.history == () and item4.state is State.PLANNED


# --- show ---------------------------------------------------------------------------------


def test_show_by_id_has_labels_and_overdue_marker(followed: Path) -> None:
    result = run("show", "slagelse-chp-2016", "--as-of", AS_OF, cwd=followed)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out  # NO_COLOR and piped: plain text
    for label in ("Politisk mål", "Målgruppe", "Tværgående forpligtelser", "Effektindikator"):
        assert label in out
    assert "Handicap og Psykiatriudvalget" in out and "29. februar 2016" in out
    assert "Juni 2016 → 30. juni 2016" in out
    assert "OVERSKREDET: 92 dage over fristen" in out  # item 2, still planned
    assert "• Fysiske mødesteder afsøges og vurderes." in out
    assert "1. Undersøge muligheder" in out and "2. Og afsøge" in out
    assert "opfyldt (20. juni 2016)" in out and "• dokument A" in out
    assert "**" not in out


def test_show_one_item_by_file(followed: Path) -> None:
    result = run("show", NAME, "--item", "3", "--as-of", AS_OF, cwd=followed)
    assert result.returncode == 0, result.stderr
    assert "Punkt 3: Slagelse som sælgerkommune" in result.stdout
    assert "Punkt 1:" not in result.stdout and "OVERSKREDET" not in result.stdout
    assert "i gang" in result.stdout and "Analyser bestilt" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), 'no agreement or strategy with the id "nope"'),
        (("agreements/none.yaml",), "no such file"),
        (("slagelse-chp-2016", "--item", "9"), "has no item 9"),
    ],
)
def test_show_errors(followed: Path, args: tuple[str, ...], message: str) -> None:
    before = (followed / NAME).read_bytes()
    result = run("show", *args, "--as-of", AS_OF, cwd=followed)
    assert result.returncode == 2
    assert message in result.stderr
    assert_no_traceback(result)
    assert (followed / NAME).read_bytes() == before


# --- report -------------------------------------------------------------------------------


def test_markdown_report(followed: Path) -> None:
    result = run("report", "--as-of", AS_OF, "-o", "opfoelgning.md", cwd=followed)
    assert result.returncode == 0, result.stderr
    text = (followed / "opfoelgning.md").read_text(encoding="utf-8")
    assert text.startswith("# Opfølgning på udviklingsaftaler\n")
    assert "Status pr. 30. september 2016" in text
    assert "Periode: 29. februar 2016 \u2013 31. december 2016" in text
    assert "| opfyldt | 1 |" in text and "| ikke påbegyndt | 2 |" in text
    assert "| i gang | 1 |" in text
    assert "🔴 Udviklingsaftale for 2016, punkt 2: **Tværgående borgermiljøer**" in text
    assert "| 1 | **Recovery og rehabilitering** |" in text
    assert "🟢 Grøn | opfyldt | Strategien er vedtaget.<br>• dokument A<br>• dokument B |" in text
    assert "🔴 Rød | ikke påbegyndt (92 dage over fristen)" in text
    assert "🟡 Gul | i gang" in text and "⚪ Grå" in text
    assert "| 1. maj 2016 | i gang | Strategien er i gang |" in text
    assert "Efter rapportens dato" not in text  # dated after the report


def _docx_text(path: Path) -> tuple[str, list[list[str]]]:
    from docx import Document

    document = Document(str(path))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, rows


def test_word_report_read_back(followed: Path) -> None:
    result = run("report", "--as-of", AS_OF, "-o", "opfoelgning.docx", cwd=followed)
    assert result.returncode == 0, result.stderr
    target = followed / "opfoelgning.docx"
    first = target.read_bytes()
    paragraphs, rows = _docx_text(target)
    assert "Opfølgning på udviklingsaftaler" in paragraphs
    assert "Status pr. 30. september 2016" in paragraphs
    assert ["opfyldt", "1"] in rows and ["ikke påbegyndt", "2"] in rows and ["I alt", "4"] in rows
    assert ["● Rød", "1"] in rows
    assert ["1", "Recovery og rehabilitering", "30. juni 2016", "● Grøn", "opfyldt"] in rows
    assert any(r[:4] == ["2", "Tværgående borgermiljøer", "30. juni 2016", "● Rød"] for r in rows)
    assert ["1. maj 2016", "i gang", "Strategien er i gang"] in rows
    assert any(r[0] == "20. juni 2016" and r[1] == "opfyldt" for r in rows)
    assert ["Trafiklys", "● Gul"] in rows
    # the same input gives the same bytes
    again = run("report", "--as-of", AS_OF, "-o", "opfoelgning.docx", cwd=followed)
    assert again.returncode == 0 and target.read_bytes() == first


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_report_opens_in_libreoffice(followed: Path, tmp_path: Path) -> None:
    result = run("report", "--as-of", AS_OF, "-o", "opfoelgning.docx", cwd=followed)
    assert result.returncode == 0, result.stderr
    profile = tmp_path / "lo-profile"
    converted = subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(followed / "opfoelgning.docx"),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    pdf = tmp_path / "opfoelgning.pdf"
    assert pdf.is_file(), converted.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Opfølgning på udviklingsaftaler",
        "Status pr. 30. september 2016",
        "Overskredne deadlines",
        "● Grøn",
        "● Rød",
        "● Gul",
        "Historik",
        "Strategien er i gang",
    ):
        assert expected in text, expected


def test_english_report(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples" / "english", tmp_path / "book")
    book = tmp_path / "book"
    result = run("report", "--as-of", "2026-09-30", "-o", "follow-up.md", cwd=book)
    assert result.returncode == 0, result.stderr
    text = (book / "follow-up.md").read_text(encoding="utf-8")
    assert text.startswith("# Follow-up on development agreements\n")
    assert "Status as of 30 September 2026" in text
    assert "| State | Items |" in text and "Traffic light" in text
    assert "Opfølgning" not in text
    docx = run("report", "--as-of", "2026-09-30", "-o", "follow-up.docx", cwd=book)
    assert docx.returncode == 0, docx.stderr
    paragraphs, rows = _docx_text(book / "follow-up.docx")
    assert "Follow-up on development agreements" in paragraphs
    assert any(r[0] == "Total" for r in rows)


@pytest.mark.parametrize("name", ["report.pdf", "report"])
def test_report_refuses_other_suffixes(workbook: Path, name: str) -> None:
    result = run("report", "--as-of", AS_OF, "-o", name, cwd=workbook)
    assert result.returncode == 2
    assert ".docx" in result.stderr and ".md" in result.stderr
    assert not (workbook / name).exists()


def test_report_honours_the_workbook_template(followed: Path) -> None:
    (followed / "devagree.yaml").write_text(
        "kind: workbook\nversion: 1\ntemplate: templates/missing.docx\n", encoding="utf-8"
    )
    result = run("report", "--as-of", AS_OF, "-o", "r.docx", cwd=followed)
    assert result.returncode == 2 and "templates/missing.docx" in result.stderr
    assert not (followed / "r.docx").exists()
