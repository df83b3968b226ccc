"""More of the corpus: agreements whose items are known only by the document's structure.

Headings of many wordings ("Udviklingsmål 1:", "Indsatsområde 2 \u2013", "Mål 3.", "Pejlemærke",
"Fokusområde" typed in plain text, headings Word numbers itself), label paragraphs in bold
with the text on the next line or after the label, appendices and signature pages that
must not become items, running headers and page numbers, and a table long enough to run
over several pages with its header row repeated. Each builder writes the document with
python-docx the way a municipality's secretary would and returns the data an import must
give; ``word_corpus.LAYOUTS`` includes them.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from word_corpus import _DA, ROW_KEYS, _front, _front_data, _item, _list_ids, _numbered, _table

# --- "Udviklingsmål 1: ..." headings, bold labels alone or before the text, an appendix ------


def numbered_goal_headings(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = [
        "Recovery og rehabilitering",
        "Tværgående borgermiljøer",
        "Sælgerkommune",
        "Udsatte borgere",
    ]
    inline = {"target_group", "deadline", "owner", "resources"}
    items = [
        _item(
            n,
            political_goal=f"Borgerne oplever sammenhæng i indsats {n}.\n\nVi tager udgangspunkt "
            "i borgerens egne mål.",
        )
        for n in range(1, 5)
    ]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Udviklingsmål {n}: {titles[n - 1]}", level=2)
        for key in ROW_KEYS:
            label = doc.add_paragraph()
            label.add_run(_DA[key] + ":").bold = True
            if key in inline:
                label.add_run(" " + item[key])
                continue
            for paragraph in item[key].split("\n\n"):
                doc.add_paragraph(paragraph)
    doc.add_heading("Bilag 1. Mødeplan", level=2)
    doc.add_paragraph("Udvalget og centret mødes fire gange i løbet af året.")
    plan = _table(doc, [("Dialogmøde", "Marts 2027"), ("Status", "September 2027")], None)
    plan.style = doc.styles["Table Grid"]
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [
        {"text": "**Bilag 1. Mødeplan**", "where": "paragraph 99"},
        {"text": "Udvalget og centret mødes fire gange i løbet af året.", "where": "paragraph 100"},
        {"text": "**Dialogmøde** | Marts 2027", "where": "table 1 row 1"},
        {"text": "**Status** | September 2027", "where": "table 1 row 2"},
    ]
    return data


# --- "Indsatsområde 2 - ..." in bold, a municipality's own labels, a signature page -----------

_OWN = {
    "political_goal": "Politisk målsætning",
    "goal": "Mål",
    "couplings": "Sammenhæng til andre indsatser",
    "target_group": "Målgruppe",
    "activity": "Aktiviteter",
    "deadline": "Tidsplan",
    "owner": "Ansvarlig",
    "cross_commitments": "Tværgående samarbejde",
    "resources": "Økonomi",
    "baseline": "Udgangspunkt",
    "indicators": "Succeskriterier",
    "documentation": "Dokumentation",
}


def area_headings_signature_page(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Styrket samarbejde med pårørende", "Flere unge i uddannelse", "Digital støtte"]
    items = [_item(n, deadline=f"{n}. halvår 2027" if n < 3 else "Løbende") for n in (1, 2, 3)]
    for n, item in enumerate(items, start=1):
        doc.add_paragraph().add_run(f"Indsatsområde {n} \u2013 {titles[n - 1]}").bold = True
        _table(doc, [(_OWN[k], item[k]) for k in ROW_KEYS], None)
        doc.add_paragraph()
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Underskrifter", level=1)
    doc.add_paragraph("Holbæk, den 1. marts 2027")
    doc.add_paragraph("_______________________________")
    doc.add_paragraph("Formand for Social- og Sundhedsudvalget")
    doc.add_paragraph("_______________________________")
    doc.add_paragraph("Sundhedschef")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [
        {"text": "Holbæk, den 1. marts 2027", "where": "paragraph 19"},
        {"text": "Formand for Social- og Sundhedsudvalget", "where": "paragraph 21"},
        {"text": "Sundhedschef", "where": "paragraph 23"},
    ]
    return data


# --- headings Word numbers itself (no number in the text), labels before the text ------------


def word_numbered_headings(doc: Any) -> dict[str, Any]:
    _front(doc)
    _bullet, decimal = _list_ids(doc)
    style = doc.styles["Heading 2"].element
    ppr = style.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(decimal))
    num_pr.append(num)
    ppr.append(num_pr)
    titles = ["Det gode hverdagsliv", "Mål for sundhed i nærmiljøet", "Aktiv hele livet"]
    items = [_item(n) for n in (1, 2, 3)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(titles[n - 1], level=2)
        for key in ROW_KEYS:
            p = doc.add_paragraph()
            p.add_run(f"{_DA[key]}: ").bold = True
            p.add_run(item[key])
    doc.add_heading("Mødeplan", level=2)
    doc.add_paragraph("Udvalget følger op på aftalen i juni og december.")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [
        {"text": "1. **Mødeplan**", "where": "paragraph 50"},
        {"text": "Udvalget følger op på aftalen i juni og december.", "where": "paragraph 51"},
    ]
    return data


# --- "Pejlemærke 1 - ..." with an introduction before each item's table ---------------------


def landmark_headings_with_introduction(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Sundhed for alle", "Trivsel i hverdagen"]
    items = [_item(n) for n in (1, 2)]
    unplaced = []
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Pejlemærke {n} - {titles[n - 1]}", level=2)
        intro = f"Pejlemærket er en del af udvalgets strategi, afsnit {n}."
        doc.add_paragraph(intro)
        unplaced.append({"text": intro, "where": f"paragraph {10 + 2 * n}"})
        _table(doc, [(_DA[k], item[k]) for k in ROW_KEYS], ("Aftale #", "Indhold"))
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = unplaced
    return data


# --- "Mål 3. ..." item headings over labels set as Word headings (a label word in both) -----


def goal_headings_over_heading_labels(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Flere borgere i job", "Færre genindlæggelser", "Bedre overgange"]
    items = [_item(n) for n in (1, 2, 3)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Mål {n}. {titles[n - 1]}", level=2)
        for key in ROW_KEYS:
            doc.add_heading(_DA[key], level=3)
            doc.add_paragraph(item[key])
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- "Fokusområde 1: ..." typed in plain text, labels in plain text, "Bilag:" at the end -----


def plain_focus_areas(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Ældre i eget hjem", "Rehabilitering efter udskrivelse"]
    items = [_item(n) for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        doc.add_paragraph(f"Fokusområde {n}: {titles[n - 1]}")
        for key in ROW_KEYS:
            doc.add_paragraph(f"{_DA[key]}: {item[key]}")
    doc.add_paragraph("Bilag: Oversigt over centrets tilbud.")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [{"text": "Bilag: Oversigt over centrets tilbud.", "where": "paragraph 37"}]
    return data


# --- a signature block without a heading after the last item --------------------------------


def signature_block_without_heading(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Tryghed om natten", "Mad og måltider"]
    items = [_item(n) for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        doc.add_paragraph().add_run(f"Aftale {n}: {titles[n - 1]}").bold = True
        for key in ROW_KEYS:
            p = doc.add_paragraph()
            p.add_run(f"{_DA[key]}:").bold = True
            p.add_run(f" {item[key]}")
    doc.add_paragraph()
    doc.add_paragraph("Holbæk, den 1. marts 2027")
    doc.add_paragraph("______________________          ______________________")
    doc.add_paragraph("Udvalgsformand          Sundhedschef")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [
        {"text": "Holbæk, den 1. marts 2027", "where": "paragraph 38"},
        {"text": "Udvalgsformand          Sundhedschef", "where": "paragraph 40"},
    ]
    return data


# --- running header and page numbers; a long table over pages, its header row repeated ------


def _page_field(paragraph: Any, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        if kind is None:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run._r.append(node)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _running_header(doc: Any) -> None:
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Udviklingsaftale 2027 \u00b7 Center for Sundhed og Omsorg"
    footer = section.footer.paragraphs[0]
    footer.add_run("Side ")
    _page_field(footer, "PAGE")
    footer.add_run(" af ")
    _page_field(footer, "NUMPAGES")


_LONG = (
    "Indsatsen bygger på de erfaringer, centret har gjort med tidlig opsporing, og den "
    "udvikles i tæt samarbejde med borgerne, de pårørende og de frivillige foreninger. "
)


def long_table_over_pages(doc: Any) -> dict[str, Any]:
    _running_header(doc)
    _front(doc)
    titles = ["Tidlig opsporing", "Samarbejde med frivillige"]
    items = [
        _item(
            n,
            activity=(_LONG * 9).strip() + "\n\n" + (_LONG * 6).strip(),
            baseline=(_LONG * 7).strip(),
            indicators="- Flere borgere opspores tidligt\n- Færre akutte indlæggelser",
        )
        for n in (1, 2)
    ]
    _bullet_id, _decimal = _list_ids(doc)
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {titles[n - 1]}", level=2)
        table = _table(doc, [], ("Aftale #", "Indhold"))
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
        for key in ROW_KEYS:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_DA[key]).bold = True
            if key == "indicators":
                first = True
                for entry in item[key].split("\n"):
                    p = cells[1].paragraphs[0] if first else cells[1].add_paragraph()
                    _numbered(p, _bullet_id)
                    p.add_run(entry[2:])
                    first = False
                continue
            paragraphs = item[key].split("\n\n")
            cells[1].text = paragraphs[0]
            for more in paragraphs[1:]:
                cells[1].add_paragraph(more)
        doc.add_paragraph()
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- one table for all items, each under a merged heading row ------------------------------


def one_table_for_all_items(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Ensomhed blandt ældre", "Demensvenlig kommune", "Hverdagsrehabilitering"]
    items = [_item(n) for n in (1, 2, 3)]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for n, item in enumerate(items, start=1):
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[1])
        merged.paragraphs[0].add_run(f"Udviklingsmål {n}: {titles[n - 1]}").bold = True
        for key in ROW_KEYS:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = _DA[key], item[key]
    doc.add_paragraph()
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


# --- "Indsats 1 - ..." as Heading 1, tables headed "Emne | Beskrivelse", labels not bold ----


def subject_description_tables(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Et styrket samarbejde", "Nye veje til job"]
    items = [_item(n) for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Indsats {n} \u2013 {titles[n - 1]}", level=1)
        _plain_table(doc, [("Emne", "Beskrivelse"), *((_DA[k], item[k]) for k in ROW_KEYS)])
    doc.add_heading("Bilag", level=1)
    doc.add_paragraph("Oversigt over møder i 2027.")
    doc.add_paragraph("Godkendt af udvalget den 1. marts 2027.")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    data["unplaced"] = [
        {"text": "**Bilag**", "where": "paragraph 13"},
        {"text": "Oversigt over møder i 2027.", "where": "paragraph 14"},
        {"text": "Godkendt af udvalget den 1. marts 2027.", "where": "paragraph 15"},
    ]
    return data


def _plain_table(doc: Any, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for label, text in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, text


# --- unnumbered headings, each label a bold line of its own, then the signatures -----------


def label_lines_then_signatures(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Sammenhængende forløb", "Digital velfærd"]
    items = [_item(n, activity="Vi vil:\n\n- holde dialogmøder\n- udvikle en app") for n in (1, 2)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(titles[n - 1], level=2)
        for key in ROW_KEYS:
            doc.add_paragraph().add_run(_DA[key]).bold = True
            if key == "activity":
                doc.add_paragraph("Vi vil:")
                doc.add_paragraph("\u2022 holde dialogmøder")
                doc.add_paragraph("\u2022 udvikle en app")
            else:
                doc.add_paragraph(item[key])
    doc.add_heading("Underskrifter", level=2)
    doc.add_paragraph("Dato: ____________")
    data = _front_data()
    data["items"] = [
        {"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)
    ]
    return data


STRUCTURE_LAYOUTS = {
    "one-table-for-all-items": one_table_for_all_items,
    "subject-description-tables": subject_description_tables,
    "label-lines-then-signatures": label_lines_then_signatures,
    "numbered-goal-headings": numbered_goal_headings,
    "area-headings-signature-page": area_headings_signature_page,
    "word-numbered-headings": word_numbered_headings,
    "landmark-headings-with-introduction": landmark_headings_with_introduction,
    "goal-headings-over-heading-labels": goal_headings_over_heading_labels,
    "plain-focus-areas": plain_focus_areas,
    "signature-block-without-heading": signature_block_without_heading,
    "long-table-over-pages": long_table_over_pages,
}
