"""Word body content added at the same cost at the 4,000th item as at the 4th.

python-docx's document-level calls look at everything already written. ``add_paragraph``
and ``add_table`` search the body's children for its final section, ``add_table`` and
``Document.sections`` run an XPath for section breaks over the whole body, setting a style
compares it with every style of the template to find the default one, and ``_Row.cells``
lays out the row's grid again. On one agreement that is unnoticeable; on a follow-up report
of 1,000 agreements (4,000 items, 5,000 tables) it made the report take 20 times as long
as one of 100 (profiled: ``sectPr_lst`` 13.8 s, style lookups 10.6 s of 49 s).

``Builder`` wraps a document and does each of those things once: the final section, the
text width and the style ids are looked up the first time they are needed, new elements
are inserted just before the final section, tables are made from a row prepared once per
shape, and numbering ids are counted instead of searched. The XML is the one python-docx
writes, element for element, so documents are byte-for-byte what they were.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from lxml.etree import SubElement  # type: ignore[import-untyped]  # python-docx's own XML library

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.text.run import CT_R
    from docx.section import Sections
    from docx.styles.styles import Styles
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

_E = TypeVar("_E")

StyleIds = dict[tuple[str, int], "str | None"]
"""Style ids by (name, style type); the same for every copy of one template."""

_ATTRIBUTE = "_devagree_builder"
"""Where a document keeps its builder, so both go when the document goes."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_R, _W_RPR, _W_B, _W_I, _W_T = (_W + tag for tag in ("r", "rPr", "b", "i", "t"))
_W_PPR, _W_PSTYLE, _W_VAL = (_W + tag for tag in ("pPr", "pStyle", "val"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_SPECIAL = frozenset("\t\r\n")
"""Characters python-docx turns into elements of their own (tab, break) inside a run."""


class GridRow:
    """A table row and its cells, known when the row is made (no grid layout to redo)."""

    __slots__ = ("cells", "tr")

    def __init__(self, tr: CT_Row, cells: list[_Cell]) -> None:
        self.tr = tr
        self.cells = cells


class Grid:
    """A table whose rows were all made at once; ``rows[i].cells[j]`` as in python-docx."""

    __slots__ = ("_tbl", "rows")

    def __init__(self, tbl: CT_Tbl, rows: list[GridRow]) -> None:
        self._tbl = tbl
        self.rows = rows


class Builder:
    """A document's body, written at a constant cost per paragraph, table and row.

    It offers the python-docx calls the renderers use (``add_paragraph``, ``add_heading``,
    ``add_picture``, ``styles``, ``sections``) plus ``add_grid`` for tables, and hands back
    python-docx's own paragraph and cell objects, so code written for python-docx works on
    it unchanged.
    """

    def __init__(self, document: Document) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.body = document.element.body
        last = self.body[-1] if len(self.body) else None
        self._end = last if last is not None and last.tag == qn("w:sectPr") else None
        self._style_ids: StyleIds = {}
        self._width: int | None = None
        self._rows: dict[tuple[tuple[int, ...], bool], CT_Row] = {}
        self._tables: dict[tuple[str | None, tuple[int, ...]], CT_Tbl] = {}
        self._numbering: tuple[Any, int, set[int]] | None = None
        self._list_number: int | None = None
        self._list_number_known = False

    @classmethod
    def of(cls, document: Document | Builder) -> Builder:
        """The builder of ``document`` (one per document, made on first use, kept with it)."""
        if isinstance(document, Builder):
            return document
        found: Builder | None = getattr(document, _ATTRIBUTE, None)
        if found is None:
            found = cls(document)
            setattr(document, _ATTRIBUTE, found)
        return found

    def share_style_ids(self, ids: StyleIds) -> None:
        """Use (and add to) ``ids``, the style ids known for copies of the same template."""
        ids.update(self._style_ids)
        self._style_ids = ids

    # --- what python-docx's Document offers -------------------------------------------

    @property
    def styles(self) -> Styles:
        styles: Styles = self.document.styles
        return styles

    @property
    def sections(self) -> Sections:
        return self.document.sections

    def add_paragraph(self, text: str = "", style: Any = None) -> Paragraph:
        """A paragraph at the end of the body, as ``Document.add_paragraph`` makes it."""
        from docx.text.paragraph import Paragraph

        p = new_paragraph(self.style_id(style) if style is not None else None)
        if text:
            add_run(p, text)
        self.append(p)
        return Paragraph(p, self.document)

    def add_heading(self, text: str = "", level: int = 1) -> Paragraph:
        if not 0 <= level <= 9:
            raise ValueError(f"level must be in range 0-9, got {level}")
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def __getattr__(self, name: str) -> Any:
        """Whatever else python-docx's Document offers (``add_table``, ``add_page_break``,
        ``core_properties``...), at python-docx's own cost: correct, only not as quick."""
        if name == "document":  # not set yet: during construction or unpickling
            raise AttributeError(name)
        return getattr(self.document, name)

    def add_picture(self, image: Any, width: Any = None, height: Any = None) -> Any:
        """A picture in a paragraph of its own, as ``Document.add_picture`` adds it."""
        return self.add_paragraph().add_run().add_picture(image, width, height)

    # --- lookups done once --------------------------------------------------------------

    def style_id(self, style: Any, kind: str = "paragraph") -> str | None:
        """The id of a style given by name or object; None for the type's default style."""
        from docx.enum.style import WD_STYLE_TYPE

        style_type = WD_STYLE_TYPE.TABLE if kind == "table" else WD_STYLE_TYPE.PARAGRAPH
        name = style if isinstance(style, str) else style.name
        key = (name, int(style_type))
        if key not in self._style_ids:
            found = self.document.styles[name] if isinstance(style, str) else style
            self._style_ids[key] = self.document.part.get_style_id(  # type: ignore[no-untyped-call]
                found, style_type
            )
        return self._style_ids[key]

    @property
    def text_width(self) -> int:
        """The width between the margins of the last section, in EMU (tables span it)."""
        if self._width is None:
            self._width = int(text_width(self.document))
        return self._width

    # --- adding ---------------------------------------------------------------------------

    def block_count(self) -> int:
        """How many blocks (paragraphs, tables) the body holds, the final section aside."""
        return len(self.body) - (1 if self._end is not None else 0)

    def blocks_since(self, count: int) -> list[Any]:
        """The blocks added after the body held ``count`` of them."""
        return list(self.body)[count : self.block_count()]

    def append(self, element: _E) -> _E:
        """``element`` as the last block of the body, before the final section."""
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.body.append(element)
        return element

    def add_grid(
        self,
        widths: Sequence[int],
        rows: int,
        header: bool = False,
        style: str = "Table Grid",
    ) -> Grid:
        """A fixed-layout table of ``rows`` rows with column ``widths`` (EMU).

        Rows never split across pages; with ``header`` the first row repeats on every
        page. Each cell holds one empty paragraph, as in ``Document.add_table``.
        """
        from docx.table import Table, _Cell

        twips = tuple(_twips(width) for width in widths)
        tbl = copy.deepcopy(self._table_start(self.style_id(style, "table"), twips))
        table = Table(tbl, self.document)
        made: list[GridRow] = []
        for index in range(rows):
            tr = copy.deepcopy(self._row(twips, header and index == 0))
            tbl.append(tr)
            made.append(GridRow(tr, [_Cell(tc, table) for tc in tr.tc_lst]))
        self.append(tbl)
        return Grid(tbl, made)

    def _table_start(self, style_id: str | None, twips: tuple[int, ...]) -> CT_Tbl:
        key = (style_id, twips)
        if key not in self._tables:
            from docx.oxml.ns import nsdecls
            from docx.oxml.parser import parse_xml

            style = f'<w:tblStyle w:val="{style_id}"/>' if style_id is not None else ""
            grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
            self._tables[key] = parse_xml(
                f"<w:tbl {nsdecls('w')}><w:tblPr>"
                f'{style}<w:tblW w:type="auto" w:w="0"/>'
                '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
                'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
                f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
            )
        return self._tables[key]

    def _row(self, twips: tuple[int, ...], header: bool) -> CT_Row:
        key = (twips, header)
        if key not in self._rows:
            from docx.oxml.ns import nsdecls
            from docx.oxml.parser import parse_xml

            cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr><w:p/></w:tc>'
                for w in twips
            )
            repeat = "<w:tblHeader/>" if header else ""
            self._rows[key] = parse_xml(
                f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>"
            )
        return self._rows[key]

    def new_numbering(self) -> int | None:
        """A fresh numbering instance of "List Number", so a numbered list starts at 1.

        None when the template's "List Number" style is not numbered.
        """
        from docx.oxml.numbering import CT_Num

        if not self._list_number_known:
            ppr = self.document.styles["List Number"].element.pPr
            if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
                self._list_number = int(ppr.numPr.numId.val)
            self._list_number_known = True
        if self._list_number is None:
            return None
        if self._numbering is None:
            numbering = self.document.part.numbering_part.element
            abstract = int(numbering.num_having_numId(self._list_number).abstractNumId.val)
            used = {int(n) for n in numbering.xpath("./w:num/@w:numId")}
            self._numbering = (numbering, abstract, used)
        numbering, abstract, used = self._numbering
        num_id = next(n for n in range(1, len(used) + 2) if n not in used)
        used.add(num_id)
        num = numbering._insert_num(CT_Num.new(num_id, abstract))  # type: ignore[no-untyped-call]
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num_id


def new_paragraph(style_id: str | None = None) -> CT_P:
    """A detached ``w:p``, with ``w:pStyle`` when a style other than the default is given."""
    from docx.oxml.parser import OxmlElement

    p: CT_P = OxmlElement("w:p")
    if style_id is not None:
        set_style(p, style_id)
    return p


def set_style(p: CT_P, style_id: str) -> None:
    """``p``'s paragraph style, as ``Paragraph.style`` sets it (directly on a bare paragraph)."""
    if len(p):
        p.style = style_id
        return
    SubElement(SubElement(p, _W_PPR), _W_PSTYLE).set(_W_VAL, style_id)


def add_run(p: CT_P, text: str, bold: bool = False, italic: bool = False) -> CT_R:
    """A run at the end of ``p``, as ``Paragraph.add_run`` and ``run.bold``/``italic`` make it.

    Made with lxml's ``SubElement`` (a ``w:r`` always goes last in a ``w:p``); text with
    tabs or line breaks goes through python-docx, which turns them into elements.
    """
    r: CT_R = SubElement(p, _W_R)
    if bold or italic:
        rpr = SubElement(r, _W_RPR)
        if bold:
            SubElement(rpr, _W_B)
        if italic:
            SubElement(rpr, _W_I)
    if text:
        if _SPECIAL.isdisjoint(text):
            t = SubElement(r, _W_T)
            t.text = text
            if len(text.strip()) < len(text):
                t.set(_XML_SPACE, "preserve")
        else:
            r.text = text
    return r


def first_paragraph(tc: CT_Tc) -> CT_P:
    """The paragraph every new cell holds."""
    return tc.p_lst[0]


def _twips(emu: int) -> int:
    from docx.shared import Emu

    twips: int = Emu(emu).twips
    return twips


def text_width(document: Document) -> Any:
    """The width between the margins of the last section (tables span it)."""
    from docx.shared import Cm

    section = document.sections[-1]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        return Cm(16)  # A4 with 2.5 cm margins, when a template leaves them unset
    return width - left - right
