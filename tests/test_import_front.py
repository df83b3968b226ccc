"""`devagree import`: which of two deadline labels gives the deadline, and sub-headings that
stay in the vision while a heading of its rank ends it. (The layouts of ``word_corpus_front``
run through the corpus tests of test_import and test_import_pdf.)"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from devagree.importing import import_document

ROWS = [
    ("Politisk mål", "Borgerne oplever sammenhæng."),
    ("Mål", "Ventetiden halveres."),
    ("Aktivitet", "Vi kortlægger forløbene."),
]


def _agreement(path: Path, timeline: str, deadline: str) -> None:
    """One item whose table gives "Tidsplan" and then "Deadline"."""
    doc = Document()
    doc.add_heading("Udviklingsaftale 2027", level=1)
    doc.add_paragraph("Aftalen er gældende for d. 1. januar 2027 til d. 31. december 2027.")
    doc.add_heading("Aftale #1: Sund aldring", level=2)
    table = doc.add_table(rows=0, cols=2)
    rows = [*ROWS, ("Tidsplan", timeline), ("Deadline", deadline), ("Ansvarlig", "Centerchefen")]
    for label, text in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = text
    doc.add_paragraph()
    doc.save(str(path))


def test_a_readable_timeline_is_the_deadline_and_the_unreadable_deadline_is_unplaced(
    tmp_path: Path,
) -> None:
    _agreement(tmp_path / "aftale.docx", "Ultimo juni 2027", "Når projektet er evalueret")
    imported = import_document(tmp_path / "aftale.docx")
    [item] = imported.data["items"]
    assert item["title"] == "Sund aldring"
    assert item["deadline"] == "Ultimo juni 2027"
    assert item["owner"] == "Centerchefen"
    assert imported.unplaced == [
        {"text": "Deadline: Når projektet er evalueret", "where": "table 1 row 5"}
    ]
    deadline = next(s for s in imported.sources if s.key == "deadline")
    assert deadline.places == ("table 1 row 4",)


def test_two_deadline_texts_neither_readable_are_joined_in_one_item(tmp_path: Path) -> None:
    _agreement(tmp_path / "aftale.docx", "Opstart i januar", "Når projektet er evalueret")
    imported = import_document(tmp_path / "aftale.docx")
    [item] = imported.data["items"]
    assert item["deadline"] == "Opstart i januar Når projektet er evalueret"
    assert item["owner"] == "Centerchefen"
    assert imported.unplaced == []


def test_a_sub_heading_stays_in_the_vision_and_a_heading_of_its_rank_ends_it(
    tmp_path: Path,
) -> None:
    doc = Document()
    doc.add_heading("Udviklingsaftale 2027", level=1)
    doc.add_paragraph("Aftalen er gældende for d. 1. januar 2027 til d. 31. december 2027.")
    doc.add_heading("Udvalgets vision", level=1)
    doc.add_paragraph("Alle skal have et godt liv.")
    doc.add_heading("Vores værdier", level=2)
    doc.add_paragraph("Tillid og åbenhed.")
    doc.add_heading("Aftalerne", level=1)
    doc.add_heading("Aftale #1: Sund aldring", level=2)
    table = doc.add_table(rows=0, cols=2)
    for label, text in ROWS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, text
    doc.add_paragraph()
    doc.save(str(tmp_path / "aftale.docx"))
    imported = import_document(tmp_path / "aftale.docx")
    assert imported.data["vision"] == {
        "title": "Udvalgets vision",
        "text": "Alle skal have et godt liv.\n\n**Vores værdier**\n\nTillid og åbenhed.",
    }
    assert imported.unplaced == [{"text": "**Aftalerne**", "where": "paragraph 7"}]
    assert [item["title"] for item in imported.data["items"]] == ["Sund aldring"]
