"""`devagree import` reads what Word shows: rows, cells and paragraphs inside content
controls, custom XML and tracked changes; a content control's placeholder is no text; a
table of contents is left out.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_traceback, run
from docx import Document
from docx.oxml.ns import qn
from test_import import _same, _workbook
from word_corpus_shown import DATE_PLACEHOLDER, PLACEHOLDER, SHOWN_LAYOUTS

from devagree.core.loader import load


def _build(name: str, folder: Path) -> tuple[Path, dict[str, Any]]:
    doc = Document()
    expected = SHOWN_LAYOUTS[name](doc)
    body = doc.element.body
    if len(body) > 1 and body[-2].tag == qn("w:tbl"):
        doc.add_paragraph()  # Word ends a document with a paragraph
    path = folder / f"{name}.docx"
    doc.save(str(path))
    return path, copy.deepcopy(expected)


def _imported(document: Path, folder: Path) -> tuple[dict[str, Any], Path]:
    result = run("import", document, "--id", "imported-2027", cwd=folder)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout + result.stderr
    target = folder / "agreements" / "imported-2027.yaml"
    data = load(str(target), target.read_text("utf-8")).data
    for key in ("kind", "version", "id", "imported_from"):
        data.pop(key)
    return data, target


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
