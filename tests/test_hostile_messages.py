"""Messages that are messages: no library warning or object repr, control characters escaped
in every output format, and two documents with one id never silently one output.

(openpyxl's warning of a date cell holding 1e400 is kept out of collect's output in
test_collect_promises.py.)
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import assert_no_traceback, run, standalone_seed_text
from pki import authority, sign_incrementally, signer

NAME = "agreements/slagelse-chp-2016.yaml"
ESCAPE = "\x1b[31m"


def _workbook(folder: Path, config: str = "") -> Path:
    (folder / "agreements").mkdir(parents=True)
    (folder / NAME).write_text(standalone_seed_text(), encoding="utf-8")
    (folder / "devagree.yaml").write_text(f"kind: workbook\nversion: 1\n{config}", encoding="utf-8")
    return folder


# --- control characters in file names, in every format of check --------------------------------


@pytest.fixture
def hostile_name(tmp_path: Path) -> Path:
    book = _workbook(tmp_path / "book")
    text = standalone_seed_text().replace("id: slagelse-chp-2016", "id: rod-2016")
    broken = text.replace("    deadline: Juni 2016.\n", "    deadline: Engang\n", 1)
    (book / "agreements" / f"{ESCAPE}r\u00f8d\nlinje.yaml").write_text(broken, encoding="utf-8")
    return book


def test_text_escapes_a_file_name(hostile_name: Path) -> None:
    done = run("check", "--as-of", "2016-03-01", cwd=hostile_name)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "\x1b" not in done.stdout
    line = next(line for line in done.stdout.splitlines() if " DA206 " in line)
    assert line.startswith("agreements/\\x1b[31mrød\\nlinje.yaml:"), line


def test_json_escapes_a_file_name_as_json_does(hostile_name: Path) -> None:
    done = run("check", "--as-of", "2016-03-01", "--format", "json", cwd=hostile_name)
    assert "\x1b" not in done.stdout and "\\u001b" in done.stdout
    problems = json.loads(done.stdout)
    assert any(p["path"] == f"agreements/{ESCAPE}rød\nlinje.yaml" for p in problems)


def test_github_escapes_a_file_name(hostile_name: Path) -> None:
    done = run("check", "--as-of", "2016-03-01", "--format", "github", cwd=hostile_name)
    assert "\x1b" not in done.stdout
    annotation = next(line for line in done.stdout.splitlines() if "DA206" in line)
    assert annotation.startswith("::error file=agreements/\\x1b[31mrød\\nlinje.yaml,line=")


def test_junit_is_xml_with_the_file_name_escaped(hostile_name: Path) -> None:
    done = run("check", "--as-of", "2016-03-01", "--format", "junit", cwd=hostile_name)
    assert "\x1b" not in done.stdout
    root = ElementTree.fromstring(done.stdout.encode("utf-8"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert "agreements/\\x1b[31mrød\\nlinje.yaml" in names


def test_a_refusal_escapes_a_file_name(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "book")
    done = run("status", f"agreements/{ESCAPE}x.yaml", "1", "-s", "done", cwd=book)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "agreements/\\x1b[31mx.yaml: no such file" in done.stderr


# --- a certificate whose name holds a line break and an escape ----------------------------------


def test_certificate_names_are_escaped_in_messages_and_the_record(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "book")
    rendered = run("render", NAME, "--pdf", "-o", "out", cwd=book)
    assert rendered.returncode == 0, rendered.stderr
    root = authority("Rod\nCA")
    hostile = signer(tmp_path, f"Anne\nJensen{ESCAPE}", root, file_name="anne.p12")
    signed = tmp_path / "signed.pdf"
    sign_incrementally(book / "out" / "slagelse-chp-2016.pdf", signed, hostile, "Underskrift1")
    asked = run("sign", NAME, "--from-pdf", signed, cwd=book)
    assert asked.returncode == 2
    assert "1. Anne\\nJensen\\x1b[31m, signed" in asked.stderr, asked.stderr
    done = run("sign", NAME, "--from-pdf", signed, "--party", "committee", cwd=book)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "signed by committee (Anne\\nJensen\\x1b[31m, " in done.stdout
    assert "issued by CN=Rod\\nCA,O=Testkommune,C=DK" in done.stdout
    text = (book / NAME).read_text(encoding="utf-8")
    assert "\x1b" not in text
    verified = run("verify", NAME, "--pdf", signed, cwd=book)
    lines = verified.stdout.splitlines()
    assert all("\x1b" not in line for line in lines)
    assert any(line.startswith("agreements/") and "Anne\\nJensen" in line for line in lines)
    word = run("render", NAME, "-o", "again", cwd=book)
    assert word.returncode == 0, word.stderr


# --- no object repr ------------------------------------------------------------------------------


def test_a_template_that_is_a_spreadsheet_is_named_in_words(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "book", "template: letterhead.docx\n")
    exported = run("export", "sheet.xlsx", "--as-of", "2016-09-01", cwd=book)
    assert exported.returncode == 0, exported.stderr
    (book / "sheet.xlsx").rename(book / "letterhead.docx")
    done = run("render", NAME, "-o", "out", cwd=book)
    assert_no_traceback(done)
    assert done.returncode == 1
    assert "<_io." not in done.stderr and "object at 0x" not in done.stderr
    assert "letterhead.docx is not a Word .docx file" in done.stderr


# --- one id, two documents, with DA203 off --------------------------------------------------------


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    book = _workbook(tmp_path / "book", "rules:\n  DA203: off\n")
    other = standalone_seed_text().replace("Recovery og rehabilitering", "Tvillingen", 1)
    (book / "agreements" / "twin.yaml").write_text(other, encoding="utf-8")
    return book


def test_render_says_when_two_agreements_would_be_one_document(twins: Path) -> None:
    done = run("render", "-o", "out", cwd=twins)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        "agreements/twin.yaml: slagelse-chp-2016: agreements/slagelse-chp-2016.yaml has the "
        "same id, and both would be written to one file"
    ) in done.stderr
    from docx import Document

    text = "\n".join(p.text for p in Document(str(twins / "out/slagelse-chp-2016.docx")).paragraphs)
    assert "Recovery og rehabilitering" in text and "Tvillingen" not in text


def test_site_says_when_two_agreements_would_be_one_page(twins: Path) -> None:
    done = run("site", "-o", "site", "--as-of", "2016-09-01", cwd=twins)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "left out: agreements/twin.yaml: slagelse-chp-2016: " in done.stderr
    page = (twins / "site/agreements/slagelse-chp-2016.html").read_text(encoding="utf-8")
    assert "Recovery og rehabilitering" in page and "Tvillingen" not in page
