"""`devagree import` of the PDFs devagree renders: import(render(x)) holds for a PDF as for
Word, apart from what a PDF cannot tell (each such case is named and tested here)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SEED, assert_no_traceback, run
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_import import _agreed, _same, agreements
from test_import_pdf import _to_pdf

from devagree.core.loader import load
from devagree.drafting.writer import document_text
from devagree.importing import Imported, import_document

EXAMPLE = REPO / "examples" / "english" / "agreements" / "exampleton-family-2026.yaml"
FRONT = ("title", "municipality", "organisation", "parties", "date", "period", "purpose", "vision")


def _rendered(source: Path, folder: Path, *, pdf: bool = True) -> Path:
    """The agreement rendered by `devagree render --pdf` in its own workbook."""
    out = folder / "out"
    result = run("render", source, "--pdf", "-o", out, cwd=source.parent.parent)
    assert_no_traceback(result)
    assert result.returncode in (0, 1), result.stderr  # (1: the seed's links are warned of)
    return out / f"{source.stem}.{'pdf' if pdf else 'docx'}"


def _imported(source: Path, document: Path) -> tuple[dict[str, Any], Imported]:
    data = load(str(source), source.read_text("utf-8")).data
    language = "en" if source == EXAMPLE else "da"
    return data, import_document(document, municipality=data["municipality"], language=language)


@pytest.mark.parametrize("source", [SEED, EXAMPLE], ids=["seed", "english-example"])
def test_the_front_of_a_pdf_devagree_rendered_reads_as_its_word_document(
    source: Path, tmp_path: Path
) -> None:
    pdf = _rendered(source, tmp_path)
    data, imported = _imported(source, pdf)
    _data, from_word = _imported(source, pdf.with_suffix(".docx"))
    for key in FRONT:
        assert _same(data[key], imported.data[key], key), (key, imported.data[key])
        assert _same(from_word.data[key], imported.data[key], key), key


# --- import(render(x)) --------------------------------------------------------------------


@pytest.mark.parametrize("source", [SEED, EXAMPLE], ids=["seed", "english-example"])
def test_round_trip_through_pdf(source: Path, tmp_path: Path) -> None:
    data, imported = _imported(source, _rendered(source, tmp_path))
    assert _same(_agreed(data), imported.data), imported.data
    assert imported.unplaced == []
    if source == SEED:  # "værtsfamilie-projekt" ends a line in the PDF, and keeps its hyphen
        assert "et værtsfamilie-projekt." in imported.data["items"][1]["activity"]


@settings(
    max_examples=3,
    deadline=None,
    database=None,
    phases=[Phase.generate],  # (no shrinking: each step renders PDFs)
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(agreements(), min_size=4, max_size=4))
def test_round_trip_of_generated_agreements_through_pdf(
    tmp_path_factory: pytest.TempPathFactory, batch: list[dict[str, Any]]
) -> None:
    folder = tmp_path_factory.mktemp("generated")
    (folder / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    (folder / "agreements").mkdir()
    for number, data in enumerate(batch, start=1):
        data["id"] = f"genereret-{number}-2016"
        source = folder / "agreements" / f"{data['id']}.yaml"
        source.write_text(document_text(data, None), encoding="utf-8")
    result = run("render", "--pdf", "-o", folder / "out", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    for data in batch:
        pdf = folder / "out" / f"{data['id']}.pdf"
        imported = import_document(pdf, municipality=data["municipality"])
        assert _same(_agreed(data), imported.data), (data, imported.data)
        assert imported.unplaced == []


# --- what a PDF cannot tell: whose is the sentence of validity after the purpose ------------

SENTENCE = "Aftalen er gældende for d. 29. februar 2016 til d. 31. december 2016."


def _seed_with_purpose(workbook: Path, old: str, new: str) -> Path:
    target = workbook / "agreements" / SEED.name
    text = target.read_text("utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_the_sentence_devagree_adds_after_a_purpose_without_the_period_is_left_out(
    workbook: Path,
) -> None:
    source = _seed_with_purpose(workbook, f"\n\n  {SENTENCE}\n", "\n")
    pdf = _rendered(source, workbook)
    data, imported = _imported(source, pdf)
    assert SENTENCE not in data["purpose"]
    assert _same(data["purpose"], imported.data["purpose"], "purpose")
    assert imported.notes == []  # the purpose's digest on the PDF told which reading is right


def test_the_agreements_own_sentence_of_validity_is_kept(workbook: Path) -> None:
    source = workbook / "agreements" / SEED.name
    _data, imported = _imported(source, _rendered(source, workbook))
    assert imported.data["purpose"].endswith(SENTENCE) and imported.notes == []


def test_where_the_pdf_cannot_tell_the_sentence_is_taken_as_devagrees_and_a_note_says_so(
    workbook: Path,
) -> None:
    # A line broken by hand inside the purpose: the PDF shows it as one line, so neither
    # reading of the purpose has the digest the PDF records, and the sentence the agreement
    # wrote itself reads as the one devagree adds.
    source = _seed_with_purpose(workbook, "og handicapchefen", "og\n  handicapchefen")
    data, imported = _imported(source, _rendered(source, workbook))
    assert data["purpose"].endswith(SENTENCE + "\n")
    assert not imported.data["purpose"].endswith(SENTENCE)
    assert len(imported.notes) == 1 and SENTENCE in imported.notes[0], imported.notes


# --- devagree's fingerprint line is its furniture, not the agreement's text ------------------


@pytest.mark.parametrize("source", [SEED, EXAMPLE], ids=["seed", "english-example"])
def test_the_fingerprint_line_is_left_out_of_a_pdf_with_or_without_devagrees_stamp(
    source: Path, tmp_path: Path
) -> None:
    import pdfplumber

    stamped = _rendered(source, tmp_path)
    _to_pdf([stamped.with_suffix(".docx")], tmp_path / "plain")  # the Word file printed
    plain = tmp_path / "plain" / stamped.name
    for pdf, stamp in ((stamped, True), (plain, False)):
        with pdfplumber.open(pdf) as opened:
            assert ("DevagreeDigest" in opened.metadata) is stamp
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        assert re.search(r"(Tekstens fingeraftryk|Digest of the text): [0-9a-f]{4} ", text.stdout)
        _data, imported = _imported(source, pdf)
        assert imported.unplaced == [], (pdf, imported.unplaced)


@pytest.mark.parametrize("word", ["Baseline", "Mål", "Målgruppe"])
def test_a_purpose_that_begins_with_a_bold_label_word_stays_the_purpose(
    workbook: Path, word: str
) -> None:
    """One bold label word in the front's text is not a run of row labels, so no item
    begins there: from Word and from PDF the title, purpose and items read as rendered."""
    old = "  Formålet med udviklingsaftalen er at præcisere"
    source = _seed_with_purpose(workbook, old, f"  **{word}** i aftalen er at præcisere")
    for document in (_rendered(source, workbook, pdf=False), _rendered(source, workbook)):
        data, imported = _imported(source, document)
        assert imported.data["title"] == data["title"], document.suffix
        assert _same(data["purpose"], imported.data["purpose"], "purpose"), document.suffix
        assert len(imported.data["items"]) == len(data["items"]), document.suffix
