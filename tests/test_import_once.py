"""`devagree import`: items from the document's structure, one document imported once,
what --dry-run and --explain show, in the workbook's language."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import DANISH, assert_no_traceback, run
from docx import Document
from test_import import _workbook
from word_corpus import build

from devagree.core.loader import load
from devagree.importing import import_document
from devagree.importing.headings import numbered


def _issue_document(path: Path) -> None:
    """Items headed "Udviklingsmål N: ...", each label in bold, the text after it or in the
    paragraph below, and an appendix after the last item."""
    doc = Document()
    doc.add_heading("Udviklingsaftale for 2027", level=1)
    doc.add_paragraph("Aftalen er gældende for d. 1. januar 2027 til d. 31. december 2027.")
    for n, title in enumerate(["Recovery og rehabilitering", "Borgermiljøer", "Job", "Bolig"], 1):
        doc.add_heading(f"Udviklingsmål {n}: {title}", level=2)
        for label in ("Politisk mål", "Udviklingsmål", "Aktivitet"):
            doc.add_paragraph().add_run(f"{label}:").bold = True
            doc.add_paragraph(f"{label} for punkt {n}.")
        target = doc.add_paragraph()
        target.add_run("Målgruppe:").bold = True
        target.add_run(f" Borgere i punkt {n}.")
    doc.add_heading("Bilag 1. Mødeplan", level=2)
    doc.add_paragraph("Dialogmøde i marts.")
    doc.save(str(path))


def test_numbered_headings_with_a_label_word_give_one_item_each_and_no_appendix_item(
    tmp_path: Path,
) -> None:
    _issue_document(tmp_path / "aftale.docx")
    imported = import_document(tmp_path / "aftale.docx")
    items = imported.data["items"]
    assert [item["title"] for item in items] == [
        "Recovery og rehabilitering",
        "Borgermiljøer",
        "Job",
        "Bolig",
    ]
    for n, item in enumerate(items, start=1):
        assert item["political_goal"] == f"Politisk mål for punkt {n}."
        assert item["goal"] == f"Udviklingsmål for punkt {n}."
        assert item["activity"] == f"Aktivitet for punkt {n}."
        assert item["target_group"] == f"Borgere i punkt {n}."
    assert [u["text"] for u in imported.unplaced] == [
        "**Bilag 1. Mødeplan**",
        "Dialogmøde i marts.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Udviklingsmål 1: Recovery", (1, "Recovery", "udviklingsmål")),
        ("Indsatsområde 2 \u2013 Overgange", (2, "Overgange", "indsatsområde")),
        ("Mål 3. Trivsel", (3, "Trivsel", "mål")),
        ("Pejlemærke 4 - Det gode liv", (4, "Det gode liv", "pejlemærke")),
        ("Kerneopgave 5: Ældre", (5, "Ældre", "kerneopgave")),
        ("2. Tværgående borgermiljøer", (2, "Tværgående borgermiljøer", "")),
        ("Vi holder 2 møder om året", None),
        ("Udviklingsaftale for 2016", None),
        ("29. februar 2016", (29, "februar 2016", "")),
    ],
)
def test_a_numbered_heading_is_known_by_its_shape(
    text: str, expected: tuple[int, str, str] | None
) -> None:
    assert numbered(text) == expected


# --- one document, one agreement -----------------------------------------------------------


def test_the_same_document_twice_is_refused_naming_the_agreement(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "wb")
    document, _expected = build("front-table", tmp_path)
    first = run("import", document, cwd=folder)
    assert first.returncode == 0, first.stdout + first.stderr
    target = folder / "agreements" / "center-for-skole-og-dagtilbud-2027.yaml"
    data = load(str(target), target.read_text("utf-8")).data
    digest = hashlib.sha256(document.read_bytes()).hexdigest()
    assert data["imported_from"] == {"file": "front-table.docx", "sha256": digest}
    copy = tmp_path / "kopi af aftalen.docx"
    shutil.copy(document, copy)
    again = run("import", copy, cwd=folder)
    assert_no_traceback(again)
    assert again.returncode == 2
    said = again.stdout + again.stderr
    assert "center-for-skole-og-dagtilbud-2027" in said and "--again" in said, said
    assert len(list((folder / "agreements").iterdir())) == 1
    on_purpose = run("import", copy, "--again", cwd=folder)
    assert on_purpose.returncode == 0, on_purpose.stdout + on_purpose.stderr
    assert len(list((folder / "agreements").iterdir())) == 2
    checked = run("check", "--as-of", "2027-02-01", cwd=folder)
    assert checked.returncode == 0, checked.stdout


def test_a_batch_holding_one_document_twice_imports_it_once(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "wb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    document, _expected = build("front-table", inbox)
    shutil.copy(document, inbox / "samme aftale.docx")
    result = run("import", inbox, cwd=folder)
    assert result.returncode == 1
    assert "already imported" in result.stdout + result.stderr
    assert len(list((folder / "agreements").iterdir())) == 1


# --- what happened is visible --------------------------------------------------------------


def test_dry_run_prints_the_yaml_alone_on_standard_output(tmp_path: Path) -> None:
    folder = _workbook(tmp_path)
    document, _expected = build("custom-template", tmp_path)
    result = run("import", document, "--dry-run", cwd=folder)
    assert result.returncode == 0, result.stderr
    data = load("out.yaml", result.stdout).data
    assert data["kind"] == "agreement" and len(data["items"]) == 2
    assert "nothing was written" in result.stderr and "unplaced" in result.stderr
    assert "✓" not in result.stdout
    assert list((folder / "agreements").iterdir()) == []


def test_dry_run_and_explain_speak_the_workbooks_language(tmp_path: Path) -> None:
    folder = _workbook(tmp_path)
    document, _expected = build("label-tables-with-header", tmp_path)
    result = run("import", document, "--dry-run", "--explain", cwd=folder, env=DANISH)
    assert result.returncode == 0, result.stderr
    assert "intet blev skrevet" in result.stderr, result.stderr
    assert "punkt 1: Sammenhængende forløb" in result.stderr
    assert "Politisk mål:" in result.stderr and "tabel 1 række 2" in result.stderr


def test_explain_says_per_item_and_field_where_the_text_was_read(tmp_path: Path) -> None:
    folder = _workbook(tmp_path)
    document, _expected = build("bold-label-paragraphs", tmp_path)
    result = run("import", document, "--explain", cwd=folder)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    heading = lines.index("  item 1: Forebyggelse")
    title = lines[heading + 1].split()
    assert title[:2] == ["Heading:", "paragraph"] and title[-1] == "Forebyggelse", title
    goal = next(line for line in lines[heading:] if line.strip().startswith("Political goal:"))
    assert "paragraph" in goal and "Borgerne oplever sammenhæng i indsats 1." in goal
    couplings = [line for line in lines if line.strip().startswith("Couplings:")]
    assert len(couplings) == 2 and all("paragraph" in line for line in couplings)
    second = lines.index("  item 2: Frivillighed")
    goal2 = next(line for line in lines[second:] if line.strip().startswith("Goal:"))
    assert "Flere frivillige. Flere foreninger med." in goal2, goal2


def test_explain_names_a_field_the_document_does_not_fill(tmp_path: Path) -> None:
    folder = _workbook(tmp_path)
    document, _expected = build("matrix-table", tmp_path)
    result = run("import", document, "--explain", cwd=folder)
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "Couplings: not in the document; a placeholder to fill in" in " ".join(
        " ".join(line.split()) for line in lines
    )
    assert any(line.startswith("Goal:") and "table 1 row 2" in line for line in lines), lines
