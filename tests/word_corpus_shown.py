"""Word features the main corpus lacks, built from raw OOXML where python-docx has no API:
rows, cells and paragraphs inside content controls (``w:sdt``), custom XML and tracked
changes; content controls still showing their placeholder text; and tables of contents
(in a content control, as a bare field in Danish styles, as one ``w:fldSimple``).

Each builder writes into a python-docx document and returns the data an import must give
(without ``kind``, ``version`` and ``id``); ``SHOWN_LAYOUTS`` names them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from word_corpus import _DA, ROW_KEYS, _front, _front_data, _item, _table

W = nsdecls("w")
PLACEHOLDER = "Klik eller tryk her for at skrive tekst."
DATE_PLACEHOLDER = "Klik eller tryk for at angive en dato."


def _xml(text: str) -> Any:
    return parse_xml(text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sdt(*children: Any, placeholder: bool = False, gallery: str = "") -> Any:
    """A content control around ``children`` (moved into its ``w:sdtContent``)."""
    props = '<w:alias w:val="Felt"/><w:id w:val="1"/>'
    if placeholder:
        props += '<w:showingPlcHdr/><w:placeholder><w:docPart w:val="Tekst"/></w:placeholder>'
    if gallery:
        props += (
            f'<w:docPartObj><w:docPartGallery w:val="{gallery}"/><w:docPartUnique/></w:docPartObj>'
        )
    sdt = _xml(f"<w:sdt {W}><w:sdtPr>{props}</w:sdtPr><w:sdtContent/></w:sdt>")
    content = sdt.find(qn("w:sdtContent"))
    for child in children:
        content.append(child)
    return sdt


def _wrap(tag: str, *children: Any) -> Any:
    """``children`` moved into a ``w:customXml`` or ``w:ins`` element."""
    if tag == "customXml":
        node = _xml(f'<w:customXml {W} w:element="raekke"/>')
    else:
        node = _xml(f'<w:ins {W} w:id="7" w:author="Sekretær" w:date="2027-02-01T10:00:00Z"/>')
    for child in children:
        node.append(child)
    return node


def _in_place(node: Any, wrapper: Callable[..., Any], **options: Any) -> Any:
    """Wrap ``node`` where it stands."""
    parent = node.getparent()
    index = parent.index(node)
    wrapped = wrapper(node, **options)
    parent.insert(index, wrapped)
    return wrapped


def _rows_of(table: Any) -> list[Any]:
    return list(table._tbl.findall(qn("w:tr")))


def _placeholder_cell(cell: Any, text: str = PLACEHOLDER) -> None:
    """A cell holding nothing but a content control that shows its placeholder."""
    p = cell.paragraphs[0]._p
    run = _xml(
        f'<w:r {W}><w:rPr><w:rStyle w:val="Pladsholdertekst"/></w:rPr><w:t>{text}</w:t></w:r>'
    )
    p.append(_sdt(run, placeholder=True))


def _items_data(titles: list[str], items: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [{"number": n, "title": titles[n - 1], **item} for n, item in enumerate(items, start=1)]


# --- rows in content controls: all rows of a table, one row, each row, rows in custom XML --


def rows_in_content_controls(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Sammenhængende forløb", "Kortere ventetid", "Pårørende som partnere"]
    items = [_item(n) for n in (1, 2, 3)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {titles[n - 1]}", level=2)
        table = _table(doc, [(_DA[k], item[k]) for k in ROW_KEYS], ("Aftale #", "Indhold"))
        rows = _rows_of(table)
        if n == 1:  # every row in one repeating-section control
            tbl = table._tbl
            for row in rows:
                tbl.remove(row)
            tbl.append(_sdt(*rows))
        elif n == 2:  # only the row of "Ressourcer"
            _in_place(rows[1 + ROW_KEYS.index("resources")], _sdt)
        else:  # each row in its own control, two of them in custom XML as well
            for index, row in enumerate(rows[1:]):
                wrapped = _in_place(row, _sdt)
                if index % 5 == 0:
                    _in_place(wrapped, lambda node: _wrap("customXml", node))
            _in_place(table._tbl, _sdt)  # and the whole table in a control, too
        doc.add_paragraph()
    data = _front_data()
    data["items"] = _items_data(titles, items)
    return data


# --- cells and paragraphs in controls, tracked changes, controls around heading and table ---


def cells_in_content_controls(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Rehabilitering", "Digitale løsninger"]
    items = [
        _item(1, activity="Vi kortlægger forløbene.\n\nVi afprøver en ny model."),
        _item(2, owner="Centerchefen"),
    ]
    tables = []
    for n, item in enumerate(items, start=1):
        heading = doc.add_heading(f"Udviklingsmål {n}: {titles[n - 1]}", level=2)
        rows = [(_DA[k], item[k]) for k in ROW_KEYS]
        if n == 1:  # its second paragraph is added below, inside a control
            rows[ROW_KEYS.index("activity")] = (_DA["activity"], "Vi kortlægger forløbene.")
        table = _table(doc, rows, None)
        tables.append(table)
        if n == 2:  # one control around the heading and its table (as Word's quick parts)
            body = heading._p.getparent()
            index = body.index(heading._p)
            body.insert(index, _sdt(heading._p, table._tbl))
        doc.add_paragraph()
    first = _rows_of(tables[0])
    # the text cell of "Mål" in a control; the cell of "Målgruppe" in custom XML
    _in_place(first[1].findall(qn("w:tc"))[1], _sdt)
    _in_place(first[3].findall(qn("w:tc"))[1], lambda node: _wrap("customXml", node))
    # a second paragraph of "Aktivitet" inside a control, typed as a tracked insertion
    cell = first[4].findall(qn("w:tc"))[1]
    p = _xml(
        f'<w:p {W}><w:ins w:id="8" w:author="Sekretær" w:date="2027-02-01T10:00:00Z">'
        "<w:r><w:t>Vi afprøver en ny model.</w:t></w:r></w:ins></w:p>"
    )
    cell.append(_sdt(p))
    # a tracked deletion in "Ansvarlig" is not the text
    owner = first[6].findall(qn("w:tc"))[1].find(qn("w:p"))
    owner.append(
        _xml(
            f'<w:del {W} w:id="9" w:author="Sekretær" w:date="2027-02-01T10:00:00Z">'
            "<w:r><w:delText> og afdelingslederne</w:delText></w:r></w:del>"
        )
    )
    # the row of "Ressourcer" of the second table in a control, in the heading's control
    second = _rows_of(tables[1])
    _in_place(second[ROW_KEYS.index("resources")], _sdt)
    # a body paragraph after the tables inside custom XML and a tracked insertion
    closing = doc.add_paragraph()
    _in_place(closing._p, lambda node: _wrap("customXml", _wrap("ins", node)))
    data = _front_data()
    data["items"] = _items_data(titles, items)
    return data


# --- content controls that still show their placeholder text ---------------------------------


def placeholders_in_fields(doc: Any) -> dict[str, Any]:
    _front(doc)
    titles = ["Tidlig opsporing", "Frivillige"]
    items = [
        _item(1, resources="<TODO>", baseline="<TODO>"),
        _item(2, deadline="<TODO>", indicators="<TODO>"),
    ]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {titles[n - 1]}", level=2)
        table = doc.add_table(rows=0, cols=2)
        table.style = doc.styles["Table Grid"]
        for key in ROW_KEYS:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_DA[key]).bold = True
            if item[key] != "<TODO>":
                cells[1].text = item[key]
            elif key == "deadline":
                _placeholder_cell(cells[1], DATE_PLACEHOLDER)
            elif key == "baseline":  # a block-level control around the cell's paragraph
                cells[1].paragraphs[0].add_run(PLACEHOLDER)
                _in_place(cells[1].paragraphs[0]._p, _sdt, placeholder=True)
            else:
                _placeholder_cell(cells[1])
        doc.add_paragraph()
    data = _front_data()
    data["items"] = _items_data(titles, items)
    return data


# --- tables of contents ------------------------------------------------------------------------

ENTRIES = [
    (1, "Formål", 1),
    (1, "Social- og Sundhedsudvalgets vision", 1),
    (1, "Udviklingsmål 1: Sammenhængende forløb", 2),
    (2, "Politisk mål", 2),
    (1, "Udviklingsmål 2: Kortere ventetid", 3),
]


def _contents_styles(doc: Any, ids: tuple[str, str, str]) -> None:
    """ "TOC Heading", "toc 1" and "toc 2" under the style ids a Danish Word gives them."""
    styles = doc.styles.element
    heading, first, second = ids
    styles.append(
        _xml(
            f'<w:style {W} w:type="paragraph" w:styleId="{heading}"><w:name w:val="TOC Heading"/>'
            '<w:basedOn w:val="Heading1"/><w:next w:val="Normal"/>'
            '<w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
        )
    )
    for style_id, level in ((first, 1), (second, 2)):
        styles.append(
            _xml(
                f'<w:style {W} w:type="paragraph" w:styleId="{style_id}">'
                f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/>'
                f'<w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" '
                f'w:pos="9628"/></w:tabs><w:ind w:left="{(level - 1) * 220}"/></w:pPr></w:style>'
            )
        )


def _field(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _entry(style: str, title: str, page: int, anchor: int, *, first: bool, leader: str) -> Any:
    """One entry as Word writes it: a hyperlink to the heading, a tab, a PAGEREF field."""
    begin = ""
    if first:
        begin = (
            _field("begin")
            + '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>'
            "</w:r>" + _field("separate")
        )
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="{leader}" w:pos="9628"/></w:tabs>'
    return _xml(
        f'<w:p {W}><w:pPr><w:pStyle w:val="{style}"/>{tabs}</w:pPr>{begin}'
        f'<w:hyperlink w:anchor="_Toc{anchor}" w:history="1">'
        f"<w:r><w:t>{_escape(title)}</w:t></w:r><w:r><w:tab/></w:r>"
        + _field("begin")
        + f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{anchor} \\h </w:instrText></w:r>'
        + _field("separate")
        + f"<w:r><w:t>{page}</w:t></w:r>"
        + _field("end")
        + "</w:hyperlink></w:p>"
    )


def _contents(ids: tuple[str, str, str], title: str, *, leader: str) -> list[Any]:
    """The title and the entries of a TOC field, the field ending in a paragraph of its own."""
    heading = _xml(
        f'<w:p {W}><w:pPr><w:pStyle w:val="{ids[0]}"/></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>'
    )
    entries = [
        _entry(ids[level], text, page, 100 + index, first=index == 0, leader=leader)
        for index, (level, text, page) in enumerate(ENTRIES)
    ]
    end = _xml(f"<w:p {W}>{_field('end')}</w:p>")
    return [heading, *entries, end]


def _item_sections(doc: Any, titles: list[str], items: list[dict[str, str]]) -> None:
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"Udviklingsmål {n}: {titles[n - 1]}", level=2)
        _table(doc, [(_DA[k], item[k]) for k in ROW_KEYS], None)
        doc.add_paragraph()


_TITLES = ["Sammenhængende forløb", "Kortere ventetid"]


def _front_with_contents(doc: Any, contents: list[Any], *, before_title: bool) -> None:
    """The corpus's front with ``contents`` before the title or between it and the purpose,
    then a page break, as a TOC stands on a page of its own."""
    _front(doc)
    body = doc.element.body
    paragraphs = body.findall(qn("w:p"))
    anchor = paragraphs[5] if before_title else paragraphs[6]  # the title; the purpose
    index = body.index(anchor)
    breaker = _xml(f'<w:p {W}><w:r><w:br w:type="page"/></w:r></w:p>')
    for offset, node in enumerate([*contents, breaker]):
        body.insert(index + offset, node)


def contents_in_content_control(doc: Any) -> dict[str, Any]:
    ids = ("TOCHeading", "TOC1", "TOC2")
    _contents_styles(doc, ids)
    control = _sdt(*_contents(ids, "Indhold", leader="dot"), gallery="Table of Contents")
    _front_with_contents(doc, [control], before_title=False)
    items = [_item(1), _item(2)]
    _item_sections(doc, _TITLES, items)
    data = _front_data()
    data["items"] = _items_data(_TITLES, items)
    return data


def contents_field_in_danish_styles(doc: Any) -> dict[str, Any]:
    ids = ("Overskrift", "Indholdsfortegnelse1", "Indholdsfortegnelse2")
    _contents_styles(doc, ids)
    _front_with_contents(
        doc, _contents(ids, "Indholdsfortegnelse", leader="none"), before_title=True
    )
    items = [_item(1), _item(2, deadline="Juni 2027")]
    _item_sections(doc, _TITLES, items)
    data = _front_data()
    data["items"] = _items_data(_TITLES, items)
    return data


def contents_simple_field(doc: Any) -> dict[str, Any]:
    runs = "<w:r><w:br/></w:r>".join(
        f"<w:r><w:t>{_escape(text)}</w:t><w:tab/><w:t>{page}</w:t></w:r>"
        for _level, text, page in ENTRIES
    )
    title = _xml(f"<w:p {W}><w:r><w:rPr><w:b/></w:rPr><w:t>Indhold</w:t></w:r></w:p>")
    field = _xml(
        f'<w:p {W}><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9628"/></w:tabs>'
        f'</w:pPr><w:fldSimple w:instr=" TOC \\o &quot;1-3&quot; \\h ">{runs}</w:fldSimple></w:p>'
    )
    _front_with_contents(doc, [title, field], before_title=False)
    items = [_item(1, activity="Vi afprøver en ny model."), _item(2)]
    _item_sections(doc, _TITLES, items)
    data = _front_data()
    data["items"] = _items_data(_TITLES, items)
    return data


SHOWN_LAYOUTS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "rows-in-content-controls": rows_in_content_controls,
    "cells-in-content-controls": cells_in_content_controls,
    "placeholders-in-fields": placeholders_in_fields,
    "contents-in-content-control": contents_in_content_control,
    "contents-field-in-danish-styles": contents_field_in_danish_styles,
    "contents-simple-field": contents_simple_field,
}
"""Layouts whose PDF shows what Word shows, except the placeholders (grey text in a PDF)."""
