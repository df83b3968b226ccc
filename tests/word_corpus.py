"""A corpus of Word agreements laid out the way Word users lay them out, not as devagree
renders: each builder writes a .docx with python-docx and returns the data an import must
give (without ``kind``, ``version`` and ``id``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

NBSP = "\u00a0"

ROW_KEYS = (
    "political_goal",
    "goal",
    "couplings",
    "target_group",
    "activity",
    "deadline",
    "owner",
    "cross_commitments",
    "resources",
    "baseline",
    "indicators",
    "documentation",
)

PURPOSE = "Formålet med aftalen er at sætte retning for centerets udvikling i 2027."
VISION = "Alle borgere skal have et godt og selvstændigt liv."


def _item(n: int, **over: str) -> dict[str, Any]:
    values = {
        "political_goal": f"Borgerne oplever sammenhæng i indsats {n}.",
        "goal": f"Ventetiden i indsats {n} halveres.",
        "couplings": "Sundhedsstrategien og beskæftigelsesplanen.",
        "target_group": f"Voksne borgere med behov for støtte, gruppe {n}.",
        "activity": f"Vi kortlægger forløbene og afprøver en ny model {n}.",
        "deadline": "Ultimo 2027",
        "owner": "Centerchefen og ledergruppen",
        "cross_commitments": "Jobcentret deltager i arbejdsgruppen.",
        "resources": "Inden for den nuværende ramme.",
        "baseline": f"Ventetiden er i dag {10 + n} uger.",
        "indicators": f"Ventetiden er højst {5 + n} uger ved udgangen af året.",
        "documentation": "Halvårlig opgørelse til udvalget.",
    }
    values.update(over)
    return values


def _front(doc: Any, *, title: str = "Udviklingsaftale for 2027") -> None:
    p = doc.add_paragraph()
    p.add_run("Center for Sundhed og Omsorg").bold = True
    doc.add_paragraph("Holbæk Kommune")
    doc.add_paragraph("1. marts 2027")
    doc.add_paragraph("Udviklingsaftale mellem")
    doc.add_paragraph("Social- og Sundhedsudvalget og Sundhedschefen")
    doc.add_heading(title, level=1)
    doc.add_paragraph(PURPOSE)
    doc.add_paragraph("Aftalen er gældende for d. 1. marts 2027 til d. 31. december 2027.")
    doc.add_heading("Social- og Sundhedsudvalgets vision", level=1)
    doc.add_paragraph(VISION)


def _front_data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Udviklingsaftale for 2027",
        "municipality": "Holbæk Kommune",
        "organisation": "Center for Sundhed og Omsorg",
        "parties": [
            {"role": "committee", "name": "Social- og Sundhedsudvalget"},
            {"role": "chief", "name": "Sundhedschefen"},
        ],
        "date": "2027-03-01",
        "period": {"start": "2027-03-01", "end": "2027-12-31"},
        "purpose": PURPOSE
        + "\n\nAftalen er gældende for d. 1. marts 2027 til d. 31. december 2027.",
        "vision": {"title": "Social- og Sundhedsudvalgets vision", "text": VISION},
    }
    data.update(over)
    return data


def _runs(paragraph: Any, *pieces: str, bold: bool = False) -> None:
    for piece in pieces:
        run = paragraph.add_run(piece)
        if bold:
            run.bold = True


def _table(doc: Any, rows: list[tuple[str, str]], header: tuple[str, str] | None) -> Any:
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    if header is not None:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = header
    for label, text in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = text
    return table


# --- 1: tables with a header row, Word headings, labels in odd shapes -------------------------


def label_tables_with_header(doc: Any) -> dict[str, Any]:
    _front(doc)
    items = [_item(1), _item(2, deadline="Juni 2027")]
    shapes = {
        "political_goal": "POLITISK MÅL:",
        "goal": f"Mål{NBSP}",
        "couplings": "Koblinger :",
        "target_group": "målgruppe",
        "activity": "Aktivitet",
        "deadline": "Deadline",
        "owner": "Ansvar",
        "cross_commitments": f"Tværgående{NBSP}{NBSP}forpligtelser",
        "resources": "Ressourcer",
        "baseline": "Baseline",
        "indicators": "Effektindikatorer:",
        "documentation": "Dokumentation",
    }
    titles = ["Sammenhængende forløb", "Kortere ventetid"]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {titles[n - 1]}", level=2)
        table = _table(doc, [], ("Aftale #", "Indhold"))
        for key in ROW_KEYS:
            cells = table.add_row().cells
            label = shapes[key]
            if key == "cross_commitments":
                _runs(cells[0].paragraphs[0], "Tvær", "gående", f"{NBSP}{NBSP}forpligtelser")
            else:
                cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].text = item[key]
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- 2: no header row, bold "Aftale 2:" headings, a table split by a page break --------------


def split_tables_bold_headings(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Rehabilitering", "Digitale løsninger"]
    items = [_item(1), _item(2, activity="Vi afprøver skærmbesøg.\n\n**Opfølgning**\n\nVi måler.")]
    for n, item in enumerate(items, start=1):
        heading = doc.add_paragraph()
        heading.add_run(f"Aftale {n}: {titles[n - 1]}").bold = True
        first = [(_label(k), item[k]) for k in ROW_KEYS[:5] if k != "activity"]
        if n == 2:
            first = [(_label(k), item[k]) for k in ROW_KEYS[:4]]
            first.append(("Aktivitet", "Vi afprøver skærmbesøg."))
            _table(doc, first, None)
            # the page break splits the table; text between belongs to the row before
            brk = doc.add_paragraph()
            brk.add_run().add_break(WD_BREAK.PAGE)
            doc.add_paragraph().add_run("Opfølgning").bold = True
            doc.add_paragraph("Vi måler.")
            _table(doc, [(_label(k), item[k]) for k in ROW_KEYS[5:]], None)
        else:
            _table(doc, [(_label(k), item[k]) for k in ROW_KEYS[:6]], None)
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _table(doc, [(_label(k), item[k]) for k in ROW_KEYS[6:]], None)
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


_DA = {
    "political_goal": "Politisk mål",
    "goal": "Mål",
    "couplings": "Koblinger",
    "target_group": "Målgruppe",
    "activity": "Aktivitet",
    "deadline": "Tidsfrist",
    "owner": "Ansvarlig",
    "cross_commitments": "Tværgående forpligtelser",
    "resources": "Ressourcer",
    "baseline": "Baseline",
    "indicators": "Effektindikator",
    "documentation": "Dokumentation",
}


def _label(key: str) -> str:
    return _DA[key]


# --- 3: paragraphs that begin with a bold label; typed bullets; manual line breaks ----------


def bold_label_paragraphs(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Forebyggelse", "Frivillighed"]
    items = [
        _item(
            1,
            activity="Vi gør tre ting:\n\n- holder borgermøder\n- laver en pjece\n- følger op",
            indicators="1. Flere deltagere\n2. Færre genindlæggelser",
        ),
        _item(2, goal="Flere frivillige.\n\nFlere *foreninger* med.", deadline="1. halvår 2027"),
    ]
    for n, item in enumerate(items, start=1):
        p = doc.add_paragraph()
        p.add_run(f"Udviklingsmål {n} - {titles[n - 1]}").bold = True
        for key in ROW_KEYS:
            label = _label(key)
            if key == "activity" and n == 1:
                para = doc.add_paragraph()
                para.add_run(f"{label}:").bold = True
                para.add_run(" Vi gør tre ting:")
                typed = doc.add_paragraph("- holder borgermøder")
                typed.add_run().add_break()
                typed.add_run("• laver en pjece")
                doc.add_paragraph("- følger op")
            elif key == "indicators" and n == 1:
                para = doc.add_paragraph()
                para.add_run(f"{label}:").bold = True
                doc.add_paragraph("1) Flere deltagere")
                doc.add_paragraph("2) Færre genindlæggelser")
            elif key == "goal" and n == 2:
                para = doc.add_paragraph()
                para.add_run(f"{label}: ").bold = True
                para.add_run("Flere frivillige.")
                last = doc.add_paragraph("Flere ")
                last.add_run("foreninger").italic = True
                last.add_run(" med.")
            else:
                para = doc.add_paragraph()
                para.add_run(f"{label}:").bold = True
                para.add_run(" " + item[key])
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- 4: English labels, headings numbered by Word, a numeric period -------------------------


_EN = {
    "political_goal": "Political goal",
    "goal": "Goals",
    "couplings": "Links",
    "target_group": "Target group",
    "activity": "Activities",
    "deadline": "Deadline",
    "owner": "Responsible",
    "cross_commitments": "Cross-cutting commitments",
    "resources": "Resources",
    "baseline": "Baseline",
    "indicators": "Indicators",
    "documentation": "Documentation",
}


def english_word_numbered(doc: Any) -> dict[str, Any]:
    doc.add_paragraph().add_run("Centre for Children and Families").bold = True
    doc.add_paragraph("Development agreement between")
    doc.add_paragraph("Children and Families Committee and Head of Children and Families")
    doc.add_heading("Development agreement 2027", level=1)
    doc.add_paragraph("The agreement runs 1.1.2027-31.12.2027 in Exampleton Municipality.")
    titles = ["Early help", "School attendance"]
    items = [
        _item(n, deadline="Q3 2027", political_goal=f"Children thrive, step {n}.") for n in (1, 2)
    ]
    for n, item in enumerate(items, start=1):
        heading = doc.add_paragraph(style="List Number")
        heading.add_run(titles[n - 1]).bold = True
        _table(doc, [(_EN[k], item[k]) for k in ROW_KEYS], ("Field", "Content"))
    return {
        "title": "Development agreement 2027",
        "municipality": "Exampleton Municipality",
        "organisation": "Centre for Children and Families",
        "parties": [
            {"role": "committee", "name": "Children and Families Committee"},
            {"role": "chief", "name": "Head of Children and Families"},
        ],
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "purpose": "The agreement runs 1.1.2027-31.12.2027 in Exampleton Municipality.",
        "vision": {"text": "<TODO>"},
        "items": [
            {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
        ],
    }


# --- 5: Word bullet and numbered lists in cells, runs split mid-word, bold and italic --------


def _numbered(paragraph: Any, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.append(num_pr)


def _list_ids(doc: Any) -> tuple[int, int]:
    """numIds of a bullet list and a decimal list defined in the numbering part."""
    numbering = doc.part.numbering_part.element
    ids: dict[str, int] = {}
    for num in numbering.findall(qn("w:num")):
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        for abstract in numbering.findall(qn("w:abstractNum")):
            if abstract.get(qn("w:abstractNumId")) != abstract_id:
                continue
            fmt = abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val"))
            ids.setdefault(fmt, int(num.get(qn("w:numId"))))
    return ids["bullet"], ids["decimal"]


def word_lists_in_cells(doc: Any) -> dict[str, Any]:
    _front(doc)
    bullet, decimal = _list_ids(doc)
    titles = ["Bedre overgange", "Styrket dialog"]
    items = [
        _item(
            n,
            activity="Vi vil:\n\n- samle **ét** team\n- skrive en *fælles* plan",
            indicators="1. Tilfredshed over 80 %\n2. Færre klager",
            goal="Borgerne oplever en sammenhængende overgang.",
        )
        for n in (1, 2)
    ]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {titles[n - 1]}", level=2)
        table = _table(doc, [], ("Aftale #", "Indhold"))
        for key in ROW_KEYS:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_DA[key]).bold = True
            cell = cells[1]
            if key == "activity":
                cell.paragraphs[0].add_run("Vi vil:")
                p = cell.add_paragraph()
                _numbered(p, bullet)
                p.add_run("samle ")
                p.add_run("ét").bold = True
                p.add_run(" team")
                p = cell.add_paragraph()
                _numbered(p, bullet)
                p.add_run("skrive en ")
                p.add_run("fælles").italic = True
                p.add_run(" plan")
            elif key == "indicators":
                p = cell.paragraphs[0]
                _numbered(p, decimal)
                p.add_run("Tilfredshed over 80 %")
                p = cell.add_paragraph()
                _numbered(p, decimal)
                p.add_run("Færre klager")
            elif key == "goal":
                p = cell.paragraphs[0]
                _runs(p, "Borgerne oplever en sammen", "hængende over", "gang.")
            else:
                cell.text = item[key]
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- 6: a municipality's own template, mapped in devagree.yaml; text that fits nowhere -------

CUSTOM_LABELS = {
    "Hvad vil vi opnå": "goal",
    "Hvem er det for": "target_group",
    "Hvad gør vi": "activity",
    "Hvornår": "deadline",
    "Hvordan måler vi": "indicators",
}


def custom_template(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Trivsel", "Fællesskaber"]
    custom = {v: k for k, v in CUSTOM_LABELS.items()}
    items = [_item(n) for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Indsats {n}. {titles[n - 1]}", level=2)
        rows = [(custom.get(k, _DA[k]), item[k]) for k in ROW_KEYS]
        rows.insert(3, ("Bemærkninger", f"Drøftet på udvalgsmødet {n}."))
        _table(doc, rows, None)
    doc.add_paragraph("Bilag: referat af dialogmødet.")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [
        {"text": "**Bemærkninger** | Drøftet på udvalgsmødet 1.", "where": "table 1 row 4"},
        {"text": "**Bemærkninger** | Drøftet på udvalgsmødet 2.", "where": "table 2 row 4"},
        {"text": "Bilag: referat af dialogmødet.", "where": "paragraph 13"},
    ]
    return data


# --- 7: the seed agreement laid out as the original document was --------------------------


def _typed(cell_or_doc: Any, blocks: Any, first: Any = None) -> None:
    """Rich text the way the original was typed: paragraphs, and lists typed as "- " or
    "1) " lines separated by manual line breaks in one paragraph."""
    from devagree.core.richtext import BulletList, Paragraph

    def paragraph() -> Any:
        nonlocal first
        if first is not None:
            out, first = first, None
            return out
        return cell_or_doc.add_paragraph()

    for block in blocks:
        p = paragraph()
        if isinstance(block, Paragraph):
            for run in block.runs:
                r = p.add_run(run.text)
                r.bold = run.bold or None
                r.italic = run.italic or None
            continue
        for index, entry in enumerate(block.items):
            if index:
                p.add_run().add_break()
            sign = "- " if isinstance(block, BulletList) else f"{index + 1}) "
            p.add_run(sign)
            for run in entry.runs:
                r = p.add_run(run.text)
                r.bold = run.bold or None
                r.italic = run.italic or None


def seed_original(doc: Any) -> dict[str, Any]:
    from devagree.core.loader import load
    from devagree.core.richtext import parse_texts

    seed = Path(__file__).resolve().parent.parent / "agreements" / "slagelse-chp-2016.yaml"
    data = load(str(seed), seed.read_text("utf-8")).data
    doc.add_paragraph().add_run("Center for Handicap og Psykiatri").bold = True
    doc.add_paragraph("29. februar 2016")
    for _ in range(3):
        doc.add_paragraph()
    doc.add_paragraph().add_run("Udviklingsaftale mellem").bold = True
    parties = doc.add_paragraph("Handicap og Psykiatriudvalget og")
    parties.add_run().add_break()
    parties.add_run("Handicap og Psykiatrichefen")
    doc.add_paragraph("2016").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph().add_run("Udviklingsaftale for 2016").bold = True
    _typed(doc, parse_texts(data["purpose"]))
    doc.add_paragraph().add_run(data["vision"]["title"]).bold = True
    _typed(doc, parse_texts(data["vision"]["text"]))
    for item in data["items"]:
        doc.add_paragraph().add_run(f"{item['number']}. {item['title']}").bold = True
        table = _table(doc, [], ("Aftale #", "Indhold"))
        for key in ROW_KEYS:
            if key == "cross_commitments" and item["number"] in (1, 4):
                doc.add_paragraph()  # the page break split the table here
                table = _table(doc, [], None)
            value = item[key]
            if key == "activity" and item["number"] == 3:
                before, _sep, after = value.partition("**Opbygning")
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(_DA[key]).bold = True
                _typed(cells[1], parse_texts(before), cells[1].paragraphs[0])
                _typed(doc, parse_texts("**Opbygning" + after))
                table = _table(doc, [], None)
                continue
            cells = table.add_row().cells
            label = "Deadline" if key == "deadline" else _DA[key]
            cells[0].paragraphs[0].add_run(label).bold = True
            _typed(cells[1], parse_texts(str(value)), cells[1].paragraphs[0])
        doc.add_paragraph()
    expected = {k: v for k, v in data.items() if k not in ("kind", "version", "id")}
    expected["items"] = [{k: v for k, v in item.items() if k != "links"} for item in data["items"]]
    return copy.deepcopy(expected)


# --- 8: one table for all items, a row each, labels across the top --------------------------


def matrix_table(doc: Any) -> dict[str, Any]:
    from docx.enum.section import WD_ORIENT

    section = doc.sections[0]  # a table of eight columns is laid out on a landscape page
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    _front(doc)
    doc.add_heading("Udviklingsmål 2027", level=1)
    columns = ("political_goal", "goal", "activity", "deadline", "owner", "indicators")
    header = (
        "Nr.",
        "Tema",
        "Politisk mål",
        "Mål",
        "Aktiviteter",
        "Tidsfrist",
        "Ansvarlig",
        "Effektindikatorer",
    )
    titles = ["Sund aldring", "Mental sundhed", "Rusmidler"]
    items = [_item(n, deadline=f"{n}. kvartal 2027") for n in (1, 2, 3)]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for n, item in enumerate(items, start=1):
        cells = table.add_row().cells
        cells[0].text = f"{n}."
        cells[1].text = titles[n - 1]
        for cell, key in zip(cells[2:], columns, strict=True):
            cell.text = item[key]
    for row in table.rows:  # a wide table is set in a smaller type
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    data = _front_data()
    data["items"] = [
        {
            "number": n,
            "title": titles[n - 1],
            **{k: (v if k in columns else "<TODO>") for k, v in item.items()},
        }
        for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [{"text": "Udviklingsmål 2027", "where": "paragraph 11"}]
    return data


# --- 9: the heading in a merged first row, a number column before the labels --------------


def merged_heading_rows(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Hverdagsrehabilitering", "Velfærdsteknologi"]
    items = [_item(n) for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        table = doc.add_table(rows=1, cols=3)
        table.style = doc.styles["Table Grid"]
        merged = table.cell(0, 0).merge(table.cell(0, 2))
        merged.paragraphs[0].add_run(f"Udviklingsmål {n}: {titles[n - 1]}").bold = True
        for index, key in enumerate(ROW_KEYS, start=1):
            cells = table.add_row().cells
            cells[0].text = f"{n}.{index}"
            cells[1].paragraphs[0].add_run(_DA[key] + ":").bold = True
            cells[2].text = item[key]
        doc.add_paragraph()
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- 10: Title style, labels as Word headings with the text in paragraphs below ------------


def heading_labels(doc: Any) -> dict[str, Any]:
    doc.add_paragraph("Udviklingsaftale 2027 for Center for Børn og Unge", style="Title")
    doc.add_paragraph("Aftalen gælder fra 1. januar 2027 til 31. december 2027 i Roskilde Kommune.")
    titles = ["Tidlig indsats", "Skolefravær"]
    items = [
        _item(1, activity="Vi holder:\n\n- netværksmøder\n- forældrekurser"),
        _item(2, deadline="2. halvår 2027"),
    ]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Indsats {n}: {titles[n - 1]}", level=2)
        for key in ROW_KEYS:
            doc.add_heading(_DA[key], level=3)
            if key == "activity" and n == 1:
                doc.add_paragraph("Vi holder:")
                doc.add_paragraph("- netværksmøder")
                doc.add_paragraph("- forældrekurser")
            else:
                doc.add_paragraph(item[key])
    return {
        "title": "Udviklingsaftale 2027 for Center for Børn og Unge",
        "municipality": "Roskilde Kommune",
        "organisation": "Center for Børn og Unge",
        "parties": [{"role": "committee", "name": "<TODO>"}, {"role": "chief", "name": "<TODO>"}],
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "purpose": "Aftalen gælder fra 1. januar 2027 til 31. december 2027 i Roskilde Kommune.",
        "vision": {"text": "<TODO>"},
        "items": [
            {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
        ],
    }


# --- 11: the front as a table of labels ------------------------------------------------------


def front_table(doc: Any) -> dict[str, Any]:
    doc.add_paragraph("Udviklingsaftale 2027", style="Title")
    front_rows = [
        ("Center", "Center for Skole og Dagtilbud"),
        ("Kommune", "Lejre Kommune"),
        ("Parter", "Børne- og Skoleudvalget og Børne- og Skolechefen"),
        ("Periode:", "1.1.2027-31.12.2027"),
        ("Dato", "15.01.2027"),
    ]
    _table(doc, front_rows, None)
    doc.add_heading("Formål", level=1)
    doc.add_paragraph(PURPOSE)
    doc.add_heading("Vision", level=1)
    doc.add_paragraph(VISION)
    titles = ["Læsning"]
    items = [_item(1)]
    doc.add_heading("1. Læsning", level=1)
    _table(doc, [(_DA[k], items[0][k]) for k in ROW_KEYS], ("Aftale #", "Indhold"))
    return {
        "title": "Udviklingsaftale 2027",
        "municipality": "Lejre Kommune",
        "organisation": "Center for Skole og Dagtilbud",
        "parties": [
            {"role": "committee", "name": "Børne- og Skoleudvalget"},
            {"role": "chief", "name": "Børne- og Skolechefen"},
        ],
        "date": "2027-01-15",
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "purpose": PURPOSE,
        "vision": {"title": "Vision", "text": VISION},
        "items": [{"number": 1, "title": titles[0], **items[0]}],
    }


LAYOUTS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "label-tables-with-header": label_tables_with_header,
    "split-tables-bold-headings": split_tables_bold_headings,
    "bold-label-paragraphs": bold_label_paragraphs,
    "english-word-numbered": english_word_numbered,
    "word-lists-in-cells": word_lists_in_cells,
    "custom-template": custom_template,
    "seed-original": seed_original,
    "matrix-table": matrix_table,
    "merged-heading-rows": merged_heading_rows,
    "heading-labels": heading_labels,
    "front-table": front_table,
}


from word_corpus_structure import STRUCTURE_LAYOUTS  # noqa: E402 (it uses the helpers above)

LAYOUTS.update(STRUCTURE_LAYOUTS)

from word_corpus_rows import ROW_LAYOUTS  # noqa: E402 (it uses the helpers above)

LAYOUTS.update(ROW_LAYOUTS)

from word_corpus_front import FRONT_LAYOUTS  # noqa: E402 (it uses the helpers above)

LAYOUTS.update(FRONT_LAYOUTS)


def build(name: str, folder: Path) -> tuple[Path, dict[str, Any]]:
    """Write the layout's document into ``folder``; returns its path and the expected data."""
    doc = Document()
    expected = LAYOUTS[name](doc)
    body = doc.element.body
    if len(body) > 1 and body[-2].tag == qn("w:tbl"):
        doc.add_paragraph()  # Word always ends a document with a paragraph, never a table
    path = folder / f"{name}.docx"
    doc.save(str(path))
    return path, copy.deepcopy(expected)
