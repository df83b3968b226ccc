"""`devagree import` reads what Word shows: rows, cells and paragraphs inside content
controls, custom XML and tracked changes; a content control's placeholder is no text; a
table of contents is left out, in the Word document and in the PDF LibreOffice makes of it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run
from docx import Document
from docx.oxml.ns import qn
from test_import import _same, _workbook
from test_import_pdf import _imported, _to_pdf
from word_corpus_shown import DATE_PLACEHOLDER, PLACEHOLDER, SHOWN_LAYOUTS

from devagree.importing import import_document
from devagree.importing.pdfcontents import without_contents
from devagree.importing.pdfread import Line, PdfPages, Word

PDF_LAYOUTS = [
    "rows-in-content-controls",
    "contents-in-content-control",
    "contents-field-in-danish-styles",
    "contents-simple-field",
]
"""The layouts whose PDF shows exactly the Word document's text. Not in a PDF: a
placeholder (printed as grey text like any other) and a tracked deletion (printed struck
through) cannot be told from the author's text."""


def _build(name: str, folder: Path) -> tuple[Path, dict[str, Any]]:
    doc = Document()
    expected = SHOWN_LAYOUTS[name](doc)
    body = doc.element.body
    if len(body) > 1 and body[-2].tag == qn("w:tbl"):
        doc.add_paragraph()  # Word ends a document with a paragraph
    path = folder / f"{name}.docx"
    doc.save(str(path))
    return path, copy.deepcopy(expected)


@pytest.mark.parametrize("layout", list(SHOWN_LAYOUTS))
def test_a_word_document_imports_as_word_shows_it(layout: str, tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "workbook")
    document, expected = _build(layout, tmp_path)
    data, target = _imported(document, folder)
    assert _same(expected, data), (expected, data)
    text = target.read_text("utf-8")
    for generated in ("Klik eller tryk", "Indhold", "........", "afdelingslederne"):
        assert generated not in text, generated


def test_a_placeholder_leaves_its_field_to_be_written_and_check_says_so(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "workbook")
    document, _expected = _build("placeholders-in-fields", tmp_path)
    _data, target = _imported(document, folder)
    text = target.read_text("utf-8")
    assert PLACEHOLDER not in text and DATE_PLACEHOLDER not in text
    result = run("--lang", "en", "check", cwd=folder)
    found = re.findall(
        r"^agreements/imported-2027\.yaml:(\d+):(\d+): DA209 error (.*)$", result.stdout, re.M
    )
    fields = [message for _line, _column, message in found]
    assert len(found) == 4, result.stdout
    for name in ("Resources", "Baseline", "Deadline", "Indicators"):
        assert any(name.lower() in message.lower() for message in fields), (name, fields)
    lines = text.splitlines()
    for line, column, _message in found:
        assert "TODO" in lines[int(line) - 1][int(column) - 1 :], (line, column)


@pytest.fixture(scope="module")
def shown_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Path]:
    """The layouts as PDFs LibreOffice made of their Word documents, untagged and tagged."""
    folder = tmp_path_factory.mktemp("shown-pdfs")
    documents = [_build(name, folder)[0] for name in PDF_LAYOUTS]
    _to_pdf(documents, folder / "plain")
    _to_pdf(documents, folder / "tagged", tagged=True)
    return {
        (name, tagged): folder / ("tagged" if tagged else "plain") / f"{name}.pdf"
        for name in PDF_LAYOUTS
        for tagged in (False, True)
    }


@pytest.mark.parametrize("tagged", [False, True], ids=["untagged", "tagged"])
@pytest.mark.parametrize("layout", PDF_LAYOUTS)
def test_the_pdf_imports_as_its_word_document(
    layout: str, tagged: bool, shown_pdfs: dict[tuple[str, bool], Path], tmp_path: Path
) -> None:
    expected = _build(layout, tmp_path)[1]
    imported = import_document(shown_pdfs[(layout, tagged)])
    assert _same(expected, imported.data), (expected, imported.data)
    assert imported.unplaced == []


# --- what is a table of contents in a PDF, and what is not --------------------------------


def _line(page: int, number: int, *words: tuple[str, float, float]) -> Line:
    top = 100.0 + 14 * number
    return Line([Word(t, x0, x1, top, top + 11, 11.0, False, False) for t, x0, x1 in words], page)


def _pages(lines: list[Line]) -> PdfPages:
    return PdfPages(list(lines), 90.0, 571.5, 11.0, 3)


def _kept(lines: list[Line]) -> list[str]:
    return [e.text for e in without_contents(_pages(lines)).elements if isinstance(e, Line)]


def test_entries_with_tabbed_page_numbers_on_one_edge_are_left_out_with_their_title() -> None:
    lines = [
        _line(1, 1, ("Indhold", 90, 130)),
        _line(1, 2, ("Formål", 90, 130), ("1", 564.5, 571.5)),
        _line(1, 3, ("Vision", 90, 125), ("1", 564.5, 571.5)),
        _line(1, 4, ("Mål", 101, 120), ("2", 564.5, 571.5)),
        _line(1, 5, ("Formålet", 90, 140), ("er", 143, 150)),
    ]
    assert _kept(lines) == ["Formålet er"]


@pytest.mark.parametrize(
    "ends",
    [
        [("1", 564.5, 571.5), ("3", 564.5, 571.5), ("2", 564.5, 571.5)],  # numbers go down
        [("1", 136, 142), ("2", 136, 142), ("3", 136, 142)],  # one space after the text
        [("1", 564.5, 571.5), ("2", 530, 537), ("3", 564.5, 571.5)],  # no common edge
        [("2026", 545, 571.5), ("2027", 545, 571.5), ("2028", 545, 571.5)],  # years
    ],
    ids=["descending", "no-tab", "ragged", "years"],
)
def test_lines_ending_in_numbers_that_are_no_contents_stay(
    ends: list[tuple[str, float, float]],
) -> None:
    lines = [_line(1, n, ("Indsats", 90, 130), end) for n, end in enumerate(ends, start=1)] + [
        _line(4, 1, ("Punkt", 90, 120), ("1", 564.5, 571.5))
    ]
    assert len(_kept(lines)) == 4


def test_leaders_are_contents_only_on_the_first_pages() -> None:
    entries = [f"Indsats {n}" + "." * 40 + str(n + 3) for n in (1, 2, 3)]
    late = [_line(4, n, (text, 90, 571.5)) for n, text in enumerate(entries, start=1)]
    early = [_line(1, n, (text, 90, 571.5)) for n, text in enumerate(entries, start=1)]
    assert len(_kept(late)) == 3
    assert _kept(early) == []
