"""More of the corpus: a cover page in large type, and titles and labels where a table's or
a paragraph's own lines hold them.

A cover page set in large centred type by hand (no heading styles), before the title as a
Word heading; a section heading over the whole run of item tables, each table titled in its
own merged first row; and rows written as one paragraph each (the label in bold, a manual
line break, then the text) under a running header and page numbers, with pages that begin
at a label.
Each builder writes the document with python-docx the way a municipality's secretary would
and returns the data an import must give; ``word_corpus.LAYOUTS`` includes them.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from word_corpus import _DA, PURPOSE, ROW_KEYS, VISION, _front, _front_data, _item, _table
from word_corpus_structure import _page_field

# --- a cover page in large centred type, typed by hand; the title a Word heading ------------


def _cover_line(doc: Any, text: str, size: int, bold: bool = False) -> Any:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(size), bold
    return paragraph


def cover_page_in_large_type(doc: Any) -> dict[str, Any]:
    _cover_line(doc, "Center for Sundhed og Omsorg", 20, bold=True)
    _cover_line(doc, "Holbæk Kommune", 14)
    _cover_line(doc, "1. marts 2027", 12)
    for _blank in range(4):
        doc.add_paragraph()
    _cover_line(doc, "Udviklingsaftale mellem", 22, bold=True)
    parties = "Social- og Sundhedsudvalget og Sundhedschefen i Center for Sundhed og Omsorg"
    _cover_line(doc, parties, 18)  # centred over two lines
    _cover_line(doc, "2027", 18).add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Udviklingsaftale for 2027", level=1)
    doc.add_paragraph(PURPOSE)
    doc.add_paragraph("Aftalen er gældende for d. 1. marts 2027 til d. 31. december 2027.")
    doc.add_heading("Social- og Sundhedsudvalgets vision", level=1)
    doc.add_paragraph(VISION)
    titles = ["Sund aldring", "Mental sundhed"]
    items = [_item(1), _item(2)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {titles[n - 1]}", level=1)
        _table(doc, [(_DA[k], item[k]) for k in ROW_KEYS], ("Aftale #", "Indhold"))
        doc.add_paragraph()
    data = _front_data()
    data["parties"][1]["name"] = "Sundhedschefen i Center for Sundhed og Omsorg"
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- "Aftalerne" over the tables, each table titled in its merged first row -----------------


def title_rows_under_a_section_heading(doc: Any) -> dict[str, Any]:
    _front(doc)
    doc.add_heading("Aftalerne", level=1)
    titles = [
        "Recovery og rehabilitering i bostøtten",
        "Overgang fra bostøtte til egen bolig",
        "Samarbejde med pårørende",
        "Sundhed og trivsel",
    ]
    items = [_item(n, deadline=f"{n}. kvartal 2027") for n in (1, 2, 3, 4)]
    for n, item in enumerate(items, start=1):
        table = doc.add_table(rows=1, cols=2)
        table.style = doc.styles["Table Grid"]
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.paragraphs[0].add_run(f"Aftale {n} \u2013 {titles[n - 1]}").bold = True
        for key in ROW_KEYS:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_DA[key]).bold = True
            cells[1].text = item[key]
        doc.add_paragraph()
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [{"text": "**Aftalerne**", "where": "paragraph 11"}]
    return data


# --- one paragraph a row: **label**, a line break, the text; pages that begin at a label -----


def label_line_breaks_over_pages(doc: Any) -> dict[str, Any]:
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Holbæk Kommune"
    footer = section.footer.paragraphs[0]
    footer.add_run("Side ")
    _page_field(footer, "PAGE")
    footer.add_run(" af ")
    _page_field(footer, "NUMPAGES")
    _front(doc)
    titles = [
        "Recovery-orienteret bostøtte",
        "Bolig og overgange",
        "Pårørendesamarbejde",
        "Beskæftigelse og uddannelse",
    ]
    items = [
        _item(n, deadline="Ultimo juni 2027", owner="Leder af bostøtten og afdelingslederne")
        for n in (1, 2, 3, 4)
    ]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}) {titles[n - 1]}", level=2)
        for key in ROW_KEYS:
            paragraph = doc.add_paragraph()
            paragraph.add_run(_DA[key]).bold = True
            paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(item[key])
            if key == "owner" and n in (2, 4):
                # the page breaks just before the label, on two pages of five
                paragraph.paragraph_format.page_break_before = True
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


ROW_LAYOUTS = {
    "cover-page-in-large-type": cover_page_in_large_type,
    "title-rows-under-a-section-heading": title_rows_under_a_section_heading,
    "label-line-breaks-over-pages": label_line_breaks_over_pages,
}
