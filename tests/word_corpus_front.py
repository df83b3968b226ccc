"""More of the corpus: fronts written as a table of labels, section headings that end the
vision, and item tables that name one field twice.

A front with no paragraphs of its own: a title and a table whose rows give the
municipality, the centre, the committee, the centre chief, the purpose and the vision. A
vision under its own heading, followed by a section heading of the same rank ("Aftalerne
for 2027", "3 Indsatser i 2027") and its introduction before the first item: the section is
not the vision's. Item tables with a "Tidsplan" row just before their "Deadline" row, and
rows that name the activity twice; items in one table that start again at the first
label, or at a later one. Each builder writes the document with python-docx the way a
municipality's secretary would and returns the data an import must give;
``word_corpus.LAYOUTS`` includes them.
"""

from __future__ import annotations

from typing import Any

from word_corpus import _DA, ROW_KEYS, _item, _table

PURPOSE = "Aftalen skal sikre, at centrets udvikling hænger sammen med kommunens strategi."
VISION = "Alle børn skal have en god start på livet."
TIMELINE = "Opstart i januar, evaluering i marts"


def _front_rows(doc: Any, rows: list[tuple[str, list[str]]]) -> None:
    """A front table of labels; a cell of several paragraphs keeps them."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for label, paragraphs in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = paragraphs[0]
        for paragraph in paragraphs[1:]:
            cells[1].add_paragraph(paragraph)


def _items(doc: Any, titles: list[str], items: list[dict[str, Any]], level: int = 2) -> None:
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Aftale #{n}: {titles[n - 1]}", level=level)
        _table(doc, [(_DA[k], item[k]) for k in ROW_KEYS], None)
        doc.add_paragraph()


def _numbered_items(titles: list[str], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)]


# --- a title and a front table: Kommune, Center, Udvalg, Centerchef, Formål, Vision ---------


def front_table_with_purpose_and_vision(doc: Any) -> dict[str, Any]:
    doc.add_paragraph("Udviklingsaftale 2027", style="Title")
    second = "Aftalen gælder hele centrets område."
    _front_rows(
        doc,
        [
            ("Kommune", ["Faxe Kommune"]),
            ("Center", ["Center for Børn og Familie"]),
            ("Udvalg", ["Børne- og Familieudvalget"]),
            ("Centerchef", ["Hanne Holm"]),
            ("Formål", [PURPOSE, second]),
            ("Vision", [VISION]),
        ],
    )
    titles = ["Tidlig indsats", "Stærke familier"]
    items = [_item(1), _item(2)]
    _items(doc, titles, items)
    return {
        "title": "Udviklingsaftale 2027",
        "municipality": "Faxe Kommune",
        "organisation": "Center for Børn og Familie",
        "parties": [
            {"role": "committee", "name": "Børne- og Familieudvalget"},
            {"role": "chief", "name": "Hanne Holm"},
        ],
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "purpose": f"{PURPOSE}\n\n{second}",
        "vision": {"text": VISION},
        "items": _numbered_items(titles, items),
    }


def front_table_with_label_variants(doc: Any) -> dict[str, Any]:
    doc.add_heading("Udviklingsaftale for Center for Kultur og Fritid", level=1)
    _front_rows(
        doc,
        [
            ("Center:", ["Center for Kultur og Fritid"]),
            ("Kommune:", ["Ringsted Kommune"]),
            ("Periode:", ["1.1.2027-31.12.2027"]),
            ("Politisk udvalg:", ["Kultur- og Fritidsudvalget"]),
            ("Chef:", ["Kultur- og Fritidschefen"]),
            ("Formålet med aftalen:", [PURPOSE]),
            ("Udvalgets vision:", [VISION]),
        ],
    )
    titles = ["Flere aktive borgere"]
    items = [_item(1)]
    _items(doc, titles, items, level=1)
    return {
        "title": "Udviklingsaftale for Center for Kultur og Fritid",
        "municipality": "Ringsted Kommune",
        "organisation": "Center for Kultur og Fritid",
        "parties": [
            {"role": "committee", "name": "Kultur- og Fritidsudvalget"},
            {"role": "chief", "name": "Kultur- og Fritidschefen"},
        ],
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "purpose": PURPOSE,
        "vision": {"text": VISION},
        "items": _numbered_items(titles, items),
    }


# --- a section heading of the vision's rank ends the vision --------------------------------


def _front_paragraphs(doc: Any, title: str, vision_heading: str, purpose_heading: str = "") -> None:
    doc.add_paragraph().add_run("Center for Sundhed og Omsorg").bold = True
    doc.add_paragraph("Næstved Kommune")
    doc.add_paragraph("Udviklingsaftale mellem")
    doc.add_paragraph("Sundhedsudvalget og Sundhedschefen")
    doc.add_heading(title, level=1)
    if purpose_heading:
        doc.add_heading(purpose_heading, level=1)
    doc.add_paragraph(PURPOSE)
    doc.add_heading(vision_heading, level=1)
    doc.add_paragraph(VISION)


def _front_data(title: str, vision_heading: str) -> dict[str, Any]:
    return {
        "title": title,
        "municipality": "Næstved Kommune",
        "organisation": "Center for Sundhed og Omsorg",
        "parties": [
            {"role": "committee", "name": "Sundhedsudvalget"},
            {"role": "chief", "name": "Sundhedschefen"},
        ],
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "purpose": PURPOSE,
        "vision": {"title": vision_heading, "text": VISION},
    }


INTRO = "Udvalget og centret har aftalt tre indsatser for året."


def section_heading_after_the_vision(doc: Any) -> dict[str, Any]:
    _front_paragraphs(doc, "Udviklingsaftale 2027", "Udvalgets vision")
    doc.add_heading("Aftalerne for 2027", level=1)
    doc.add_paragraph(INTRO)
    titles = ["Sund aldring", "Mental sundhed", "Færre genindlæggelser"]
    items = [_item(n) for n in (1, 2, 3)]
    _items(doc, titles, items)
    data = _front_data("Udviklingsaftale 2027", "Udvalgets vision")
    data["items"] = _numbered_items(titles, items)
    data["unplaced"] = [
        {"text": "**Aftalerne for 2027**", "where": "paragraph 9"},
        {"text": INTRO, "where": "paragraph 10"},
    ]
    return data


def numbered_section_headings(doc: Any) -> dict[str, Any]:
    _front_paragraphs(doc, "Udviklingsaftale for 2027", "2 Udvalgets vision", "1 Formål")
    doc.add_heading("3 Indsatser i 2027", level=1)
    titles = ["Styrket overgang til eget hjem", "Flere i job"]
    items = [_item(n) for n in (1, 2)]
    _items(doc, titles, items)
    data = _front_data("Udviklingsaftale for 2027", "2 Udvalgets vision")
    data["items"] = _numbered_items(titles, items)
    data["unplaced"] = [{"text": "**3 Indsatser i 2027**", "where": "paragraph 10"}]
    return data


# --- one field named twice in an item ------------------------------------------------------


def timeline_before_deadline(doc: Any) -> dict[str, Any]:
    _front_paragraphs(doc, "Udviklingsaftale 2027", "Udvalgets vision")
    titles = ["Sund aldring", "Mental sundhed"]
    items = [_item(1, deadline="31. december 2027"), _item(2, deadline="Ultimo juni 2027")]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Aftale #{n}: {titles[n - 1]}", level=2)
        rows = []
        for key in ROW_KEYS:
            if key == "deadline":
                rows.append(("Tidsplan", TIMELINE))
                rows.append(("Deadline", item[key]))
            else:
                rows.append((_DA[key], item[key]))
        _table(doc, rows, None)
        doc.add_paragraph()
    data = _front_data("Udviklingsaftale 2027", "Udvalgets vision")
    data["items"] = _numbered_items(titles, items)
    data["unplaced"] = [
        {"text": f"Tidsplan: {TIMELINE}", "where": "table 1 row 6"},
        {"text": f"Tidsplan: {TIMELINE}", "where": "table 2 row 6"},
    ]
    return data


def activity_named_twice_in_paragraphs(doc: Any) -> dict[str, Any]:
    _front_paragraphs(doc, "Udviklingsaftale 2027", "Udvalgets vision")
    titles = ["Sund aldring", "Mental sundhed"]
    more = "Vi samarbejder med de frivillige foreninger."
    items = [_item(n) for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(titles[n - 1], level=2)
        for key in ROW_KEYS:
            paragraph = doc.add_paragraph()
            paragraph.add_run(_DA[key] + ":").bold = True
            paragraph.add_run(" " + item[key])
            if key == "activity":
                again = doc.add_paragraph()
                again.add_run("Handlinger:").bold = True
                again.add_run(" " + more)
        item["activity"] = f"{item['activity']}\n\n{more}"
    data = _front_data("Udviklingsaftale 2027", "Udvalgets vision")
    data["items"] = _numbered_items(titles, items)
    return data


def one_table_labels_start_again(doc: Any) -> dict[str, Any]:
    """Items with no titles in one table: the second starts at the first label again, the
    third (which has no political goal) at two labels in a row that its item already has."""
    _front_paragraphs(doc, "Udviklingsaftale 2027", "Udvalgets vision")
    more = "Vi holder fælles temadage."
    items = [_item(n) for n in (1, 2, 3)]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for n, item in enumerate(items, start=1):
        for key in ROW_KEYS:
            if n == 3 and key == "political_goal":
                continue
            cells = table.add_row().cells
            cells[0].text, cells[1].text = _DA[key], item[key]
            if n == 1 and key == "activity":
                cells = table.add_row().cells
                cells[0].text, cells[1].text = "Indsatser", more
    doc.add_paragraph()
    items[0]["activity"] = f"{items[0]['activity']}\n\n{more}"
    items[2]["political_goal"] = "<TODO>"
    data = _front_data("Udviklingsaftale 2027", "Udvalgets vision")
    data["items"] = [{"number": n, "title": "<TODO>", **item} for n, item in enumerate(items, 1)]
    return data


FRONT_LAYOUTS = {
    "front-table-with-purpose-and-vision": front_table_with_purpose_and_vision,
    "front-table-with-label-variants": front_table_with_label_variants,
    "section-heading-after-the-vision": section_heading_after_the_vision,
    "numbered-section-headings": numbered_section_headings,
    "timeline-before-deadline": timeline_before_deadline,
    "activity-named-twice-in-paragraphs": activity_named_twice_in_paragraphs,
    "one-table-labels-start-again": one_table_labels_start_again,
}
