"""`devagree import` of agreements saved as PDF: every Word layout of the corpus made into a
PDF by LibreOffice and read back, tables over pages, hyphenated words, and bad PDFs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_traceback, run
from docx import Document
from docx.enum.text import WD_BREAK
from test_import import _same, _workbook
from word_corpus import CUSTOM_LABELS, LAYOUTS, build

from devagree.core.loader import load
from devagree.core.richtext import parse_texts
from devagree.importing import import_document
from devagree.libreoffice import convert_command

INEXACT = {
    "seed-original": (
        "two paragraphs of one table cell with no space between them, the first ending at "
        "a full line, look like one paragraph in a PDF"
    ),
}
"""Layouts whose untagged PDF gives every word in its field, but not every paragraph break
(a tagged PDF marks its paragraphs)."""


def _to_pdf(documents: list[Path], folder: Path, *, tagged: bool = False) -> None:
    """PDFs LibreOffice makes of ``documents`` in ``folder``: untagged, as its export does
    unless told, or tagged (as Word's own export and devagree's PDF/A are)."""
    soffice = shutil.which("soffice")
    assert soffice is not None, "LibreOffice is needed (see .ci/run)"
    target = "pdf"
    if tagged:
        target = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    subprocess.run(
        convert_command(soffice, folder / "lo", target, folder, documents),
        check=True,
        capture_output=True,
        timeout=240,
    )


@pytest.fixture(scope="module")
def corpus_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Any]]:
    """Every layout of the corpus as a PDF LibreOffice made from its Word document."""
    folder = tmp_path_factory.mktemp("pdf-corpus")
    built = {name: build(name, folder) for name in LAYOUTS}
    _to_pdf([path for path, _expected in built.values()], folder / "pdf")
    return {
        name: (folder / "pdf" / f"{name}.pdf", expected) for name, (_p, expected) in built.items()
    }


@pytest.fixture(scope="module")
def corpus_tagged_pdfs(
    corpus_pdfs: dict[str, tuple[Path, Any]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, Any]]:
    """Every layout of the corpus as a tagged PDF, as Word's own export makes them."""
    folder = tmp_path_factory.mktemp("tagged-corpus")
    documents = [pdf.parent.parent / f"{name}.docx" for name, (pdf, _e) in corpus_pdfs.items()]
    _to_pdf(documents, folder, tagged=True)
    return {name: (folder / f"{name}.pdf", made[1]) for name, made in corpus_pdfs.items()}


def _words(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [w for v in value.values() for w in _words(v)]
    if isinstance(value, list):
        return [w for v in value for w in _words(v)]
    return re.findall(r"\w+", str(value).casefold())


def _imported(document: Path, folder: Path) -> tuple[dict[str, Any], Path]:
    """What `devagree import` made of ``document``, without the keys that name the file."""
    result = run("import", document, "--id", "imported-2027", cwd=folder)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout + result.stderr
    target = folder / "agreements" / "imported-2027.yaml"
    data = load(str(target), target.read_text("utf-8")).data
    for key in ("kind", "version", "id", "imported_from"):
        data.pop(key)
    return data, target


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_pdf_of_every_layout_imports_as_its_word_document(
    layout: str, corpus_pdfs: dict[str, tuple[Path, Any]], tmp_path: Path
) -> None:
    pdf, expected = corpus_pdfs[layout]
    folder = _workbook(tmp_path, CUSTOM_LABELS if layout == "custom-template" else None)
    data, _target = _imported(pdf, folder)
    unplaced = data.pop("unplaced", [])
    wanted = {k: v for k, v in expected.items() if k != "unplaced"}
    if layout in INEXACT:
        assert len(data["items"]) == len(wanted["items"])
        for got, item in zip(data["items"], wanted["items"], strict=True):
            for key, value in item.items():
                assert _words(got[key]) == _words(value), (key, got[key], value)
    else:
        assert _same(wanted, data), (wanted, data)
    texts = [" ".join(u["text"].split()) for u in unplaced]
    assert texts == [" ".join(u["text"].split()) for u in expected.get("unplaced", [])]
    assert all(
        re.match(
            r"(page \d+ line \d+|table \d+ row \d+ \(page \d+\))$",
            u["where"],
        )
        for u in unplaced
    ), unplaced


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_tagged_pdf_of_every_layout_imports_exactly_as_its_word_document(
    layout: str, corpus_tagged_pdfs: dict[str, tuple[Path, Any]]
) -> None:
    pdf, expected = corpus_tagged_pdfs[layout]
    imported = import_document(pdf, CUSTOM_LABELS if layout == "custom-template" else None)
    wanted = {k: v for k, v in expected.items() if k != "unplaced"}
    assert _same(wanted, imported.data), (wanted, imported.data)  # (INEXACT layouts too)
    texts = [" ".join(u["text"].split()) for u in imported.unplaced]
    assert texts == [" ".join(u["text"].split()) for u in expected.get("unplaced", [])]


# --- what only a PDF has: hyphenation, running headers, tables split over pages --------------


GOAL = (
    "Vi styrker udvik\u00adlingen af en recovery-orienteret praksis i Social- og "
    "Sundheds\u00adafdelingen, i IT-afdelingen og i sam\u00adarbejdet med de frivillige "
    "for\u00adeninger om be\u00adskæftigelses\u00adindsatsen."
)
"""Soft hyphens (U+00AD) where a line may break a word, and hyphens of the words' own."""
ACTIVITY = "Vi starter et værtsfamilie-projekt."


def _hyphens_pdf(folder: Path, tagged: bool) -> Path:
    """A narrow column in which lines end at soft hyphens and at words' own hyphens."""
    from docx.shared import Inches

    doc = Document()
    doc.add_heading("Udviklingsaftale for 2027", level=1)
    doc.add_paragraph("Aftalen er gældende for d. 1. januar 2027 til d. 31. december 2027.")
    doc.add_paragraph("Centret arbejder recovery-orienteret og styrker samarbejdet.")
    doc.add_paragraph().add_run("1. Recovery").bold = True
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for label, text in (("Mål", GOAL), ("Aktivitet", ACTIVITY)):
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = text
    for column, width in zip(table.columns, (Inches(1), Inches(1.3)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width  # a narrow column: long words break at their hyphens
    doc.add_paragraph()
    doc.save(str(folder / "hyphens.docx"))
    _to_pdf([folder / "hyphens.docx"], folder, tagged=tagged)
    shown = subprocess.run(
        ["pdftotext", "-layout", str(folder / "hyphens.pdf"), "-"],
        capture_output=True,
        text=True,
    ).stdout
    ends = {line.split()[-1] for line in shown.splitlines() if line.strip()}
    wanted = {"recovery-", "Sundheds-", "sam-", "be-", "skæftigelses-", "værtsfamilie-"}
    assert wanted <= ends, shown  # lines end at soft hyphens and at the words' own
    return folder / "hyphens.pdf"


def test_a_tagged_pdf_joins_words_at_its_soft_hyphens_and_keeps_the_words_own(
    tmp_path: Path,
) -> None:
    item = import_document(_hyphens_pdf(tmp_path, tagged=True)).data["items"][0]
    assert item["goal"] == GOAL.replace("\u00ad", ""), item["goal"]
    assert item["activity"] == ACTIVITY  # "værtsfamilie-" at a line's end keeps its hyphen


def test_without_tags_a_hyphen_at_a_line_end_is_kept_unless_the_document_writes_the_word_whole(
    tmp_path: Path,
) -> None:
    # An untagged PDF shows a soft hyphen where a line broke as a plain "-": nothing tells
    # it from a word's own hyphen, except "samarbejdet" written whole elsewhere.
    item = import_document(_hyphens_pdf(tmp_path, tagged=False)).data["items"][0]
    assert item["goal"] == (
        "Vi styrker udviklingen af en recovery-orienteret praksis i Social- og "
        "Sundheds-afdelingen, i IT-afdelingen og i samarbejdet med de frivillige "
        "foreninger om be-skæftigelses-indsatsen."
    ), item["goal"]
    assert item["activity"] == ACTIVITY


def test_a_table_over_pages_with_its_header_repeated_is_one_item(
    corpus_pdfs: dict[str, tuple[Path, Any]],
) -> None:
    pdf, expected = corpus_pdfs["long-table-over-pages"]
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert int(re.search(r"Pages:\s+(\d+)", pages.stdout).group(1)) >= 4  # type: ignore[union-attr]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("Aftale #") > 2 and text.count("Side ") >= 4  # repeated; page numbers
    imported = import_document(pdf)
    assert [i["title"] for i in imported.data["items"]] == [i["title"] for i in expected["items"]]
    assert imported.unplaced == []
    everything = str(imported.data)
    assert "Side " not in everything and "Center for Sundhed og Omsorg \u00b7" not in everything


def test_a_label_at_the_top_of_a_page_is_kept_and_the_running_header_dropped(
    corpus_pdfs: dict[str, tuple[Path, Any]],
) -> None:
    pdf, expected = corpus_pdfs["label-line-breaks-over-pages"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    tops = [page.split()[:3] for page in text.split("\f") if page.strip()]
    assert len(tops) == 5 and tops.count(["Holbæk", "Kommune", "Ansvarlig"]) == 2, tops
    items = import_document(pdf).data["items"]
    assert [(i["deadline"], i["owner"]) for i in items] == [
        (i["deadline"], i["owner"]) for i in expected["items"]
    ]
    assert "Holbæk Kommune" not in str(items) and "Side " not in str(items)


# --- bad PDFs ------------------------------------------------------------------------------


def _encrypted(source: Path, user_password: str) -> bytes:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    with source.open("rb") as handle:
        writer = copy_into_new_writer(PdfFileReader(handle))
        writer.encrypt("owner-secret", user_password)
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()


def _scan(path: Path) -> None:
    """A page that is only a picture of text, as a scanner makes it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(8.27, 11.69))
    figure.figimage([[0.0, 1.0], [1.0, 0.0]], resize=False)
    figure.savefig(path, format="pdf")
    plt.close(figure)


def _many_pages(path: Path, count: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        figure = plt.figure(figsize=(1, 1))
        figure.text(0.1, 0.5, "Side")
        for _ in range(count):
            pdf.savefig(figure)
        plt.close(figure)


def test_bad_pdfs_are_refused_in_one_line_and_nothing_is_written(
    corpus_pdfs: dict[str, tuple[Path, Any]], tmp_path: Path
) -> None:
    good, _expected = corpus_pdfs["front-table"]
    data = good.read_bytes()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = {
        "password.pdf": (_encrypted(good, "hemmelig"), "password"),
        "encrypted.pdf": (_encrypted(good, ""), "encrypted"),
        "truncated.pdf": (data[: len(data) // 2], "cut short"),
        "damaged.pdf": (data[:9] + bytes(range(256)) * 40 + b"\n%%EOF\n", "damaged"),
        "not-a-pdf.pdf": (b"Udviklingsaftale 2027\n", "not a PDF"),
        "empty.pdf": (b"", "empty"),
    }
    for name, (content, _reason) in files.items():
        (inbox / name).write_bytes(content)
    _scan(inbox / "scan.pdf")
    files["scan.pdf"] = (b"", "no text layer")
    _many_pages(inbox / "long.pdf", 301)
    files["long.pdf"] = (b"", "301 pages")
    huge = inbox / "huge.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.seek(101 * 1024 * 1024)
        handle.write(b"\n%%EOF\n")
    files["huge.pdf"] = (b"", "MB")
    folder = _workbook(tmp_path / "wb")
    for name, (_content, reason) in files.items():
        result = run("import", inbox / name, cwd=folder)
        assert_no_traceback(result)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        said = (result.stdout + result.stderr).strip()
        assert len(said.splitlines()) == 1 and name in said and reason in said, (name, said)
        assert list((folder / "agreements").iterdir()) == [], name


def test_a_folder_of_word_and_pdf_documents_imports_both(
    corpus_pdfs: dict[str, tuple[Path, Any]], tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    build("english-word-numbered", inbox)
    shutil.copy(corpus_pdfs["front-table"][0], inbox)
    folder = _workbook(tmp_path / "wb")
    result = run("import", inbox, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (folder / "agreements").iterdir()) == [
        "center-for-skole-og-dagtilbud-2027.yaml",
        "centre-for-children-and-families-2027.yaml",
    ]


def test_a_page_break_inside_a_paragraph_does_not_split_it(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("Udviklingsaftale for 2027", level=1)
    doc.add_paragraph("Aftalen er gældende for d. 1. januar 2027 til d. 31. december 2027.")
    doc.add_paragraph().add_run("1. Trivsel").bold = True
    p = doc.add_paragraph()
    p.add_run("Aktivitet:").bold = True
    long = "Vi afprøver nye måder at samarbejde på med borgerne og deres netværk. " * 60
    p.add_run(" " + long.strip())
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(str(tmp_path / "long.docx"))
    _to_pdf([tmp_path / "long.docx"], tmp_path)
    activity = import_document(tmp_path / "long.pdf").data["items"][0]["activity"]
    assert parse_texts(activity) == parse_texts(long.strip())


@pytest.mark.parametrize(
    ("line", "page_number"),
    [
        ("3", True),
        ("- 3 -", True),
        ("Side 3 af 9", True),
        ("Page 3 of 9", True),
        ("3/9", True),
        ("2016", False),
        ("Udviklingsaftale for 2016", False),
        ("1. Recovery og rehabilitering", False),
    ],
)
def test_a_page_number_is_known_and_a_year_is_not_one(line: str, page_number: bool) -> None:
    from devagree.importing.pdfread import _PAGE_NUMBER

    assert bool(_PAGE_NUMBER.match(line)) is page_number


@pytest.mark.parametrize(
    ("before", "after", "joint"),
    [
        ("udvik-", "lingen", ""),  # no evidence of a break: the hyphen is kept
        ("udvik\u00ad", "lingen", None),  # a soft hyphen: the line broke the word
        ("sam-", "arbejdet", None),  # "samarbejdet" is written whole elsewhere
        ("e-", "mail", ""),  # "email" and "e-mail" are both written elsewhere
        ("værtsfamilie-", "projekt", ""),
        ("recovery-", "orienteret", ""),  # written so elsewhere in the document
        ("Social-", "og", " "),  # "Social- og Sundhedsudvalget"
        ("IT-", "afdelingen", ""),
        ("2010-", "2015", ""),
        ("praksis", "i", " "),
    ],
)
def test_the_joint_of_two_lines_keeps_a_hyphen_unless_a_break_is_shown(
    before: str, after: str, joint: str | None
) -> None:
    from devagree.importing.pdfblocks import _Builder
    from devagree.importing.pdfread import Line, PdfPages, Word

    written = ("recovery-orienteret", "samarbejdet.", "email", "e-mail,")
    words = [Word(w, 0, 10, 0, 10, 11, False, False) for w in written]
    builder = _Builder(PdfPages([Line(words, 1, 1)], 0, 100, 11, 1))
    assert builder._joint(before, after) == joint


def test_a_pdf_without_tags_or_with_a_damaged_structure_tree_is_read_by_its_layout(
    corpus_pdfs: dict[str, tuple[Path, Any]],
) -> None:
    from types import SimpleNamespace

    import pdfplumber

    from devagree.importing.pdftags import read_tags

    with pdfplumber.open(corpus_pdfs["front-table"][0]) as untagged:
        assert read_tags(untagged).paragraphs == {}
    for root in (5, {"ParentTree": 7}, {"ParentTree": {"Nums": [0, "x"]}}):
        damaged = SimpleNamespace(doc=SimpleNamespace(catalog={"StructTreeRoot": root}), pages=[])
        tags = read_tags(damaged)
        assert tags.paragraphs == {} and tags.soft == set()
