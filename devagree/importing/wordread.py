"""A Word document's body as a flat list of paragraphs and tables, with their formatting.

Only what the importer needs survives: each paragraph's text as runs (bold, italic, manual
line breaks), its style, whether Word numbers it as a list (from the numbering definitions
the paragraph or its style points to, not from the style's name alone), and where it stood
("paragraph 14", "table 2 row 3", in the workbook's language). Rows, cells, paragraphs
and runs inside tracked insertions, hyperlinks, fields, custom XML and content controls are
read too; deleted text is not, nor what Word generates or only suggests (``wordshown``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from devagree.i18n import _
from devagree.importing.wordshown import generated, in_placeholder, showing_placeholder

if TYPE_CHECKING:
    from docx.document import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text with one formatting; ``text`` may be "\\n" (a manual line break)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Para:
    pieces: list[Piece]
    style: str
    heading: int
    """The outline level of a Word heading (1, 2, ...) or of the Title style (0 otherwise)."""
    list_kind: str
    """"bullet" or "number" when Word numbers the paragraph as a list, else ""."""
    list_level: int
    list_number: int
    """The paragraph's number within its Word list (1, 2, ...), 0 when not numbered."""
    style_bold: bool
    where: str
    page_break: bool = False

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def all_bold(self) -> bool:
        """Every visible character is bold (directly or by the paragraph's style)."""
        visible = [p for p in self.pieces if p.text.strip()]
        return bool(visible) and (self.style_bold or all(p.bold for p in visible))


@dataclass(slots=True)
class Row:
    cells: list[list[Para]]
    header: bool
    where: str


@dataclass(slots=True)
class Table:
    rows: list[Row]
    number: int
    where: str


Block = Para | Table


@dataclass(slots=True)
class _Numbering:
    """The document's numbering definitions: numId → level → (kind, start)."""

    kinds: dict[str, dict[int, tuple[str, int]]] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    def kind(self, num_id: str, level: int) -> tuple[str, int]:
        return self.kinds.get(num_id, {}).get(level, ("", 1))

    def next_number(self, num_id: str, level: int) -> int:
        _kind, start = self.kind(num_id, level)
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for other, deeper in list(self.counters):
            if other == num_id and deeper > level:
                del self.counters[(other, deeper)]
        return self.counters[key]


def _numbering(document: Document) -> _Numbering:
    result = _Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return result
    abstract: dict[str, dict[int, tuple[str, int]]] = {}
    for node in root.findall(f"{W}abstractNum"):
        levels: dict[int, tuple[str, int]] = {}
        for lvl in node.findall(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            start = lvl.find(f"{W}start")
            value = fmt.get(f"{W}val") if fmt is not None else "decimal"
            kind = "bullet" if value == "bullet" else "" if value == "none" else "number"
            first = int(start.get(f"{W}val", "1")) if start is not None else 1
            levels[int(lvl.get(f"{W}ilvl", "0"))] = (kind, first)
        abstract[node.get(f"{W}abstractNumId", "")] = levels
    for num in root.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is None:
            continue
        levels = dict(abstract.get(ref.get(f"{W}val", ""), {}))
        for override in num.findall(f"{W}lvlOverride"):
            start = override.find(f"{W}startOverride")
            level = int(override.get(f"{W}ilvl", "0"))
            if start is not None and level in levels:
                levels[level] = (levels[level][0], int(start.get(f"{W}val", "1")))
        result.kinds[num.get(f"{W}numId", "")] = levels
    return result


@dataclass(slots=True)
class _Styles:
    """Per paragraph style: its name, heading level, bold, and numbering (numId, ilvl)."""

    names: dict[str, str] = field(default_factory=dict)
    based: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)
    bold: dict[str, bool] = field(default_factory=dict)
    italic: dict[str, bool] = field(default_factory=dict)
    num: dict[str, tuple[str, int]] = field(default_factory=dict)

    def chain(self, style_id: str) -> list[str]:
        seen: list[str] = []
        while style_id and style_id not in seen and len(seen) < 20:
            seen.append(style_id)
            style_id = self.based.get(style_id, "")
        return seen

    def first(self, table: dict[str, Any], style_id: str) -> Any:
        for step in self.chain(style_id):
            if step in table:
                return table[step]
        return None


def _on(element: Any) -> bool | None:
    """A Word toggle (``w:b``, ``w:i``): None when absent, else its value."""
    if element is None:
        return None
    return element.get(f"{W}val", "true") not in ("0", "false", "off", "none")


def _styles(document: Document) -> _Styles:
    result = _Styles()
    try:
        root = document.styles.element
    except (KeyError, NotImplementedError):
        return result
    for style in root.findall(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        name = style.find(f"{W}name")
        result.names[sid] = name.get(f"{W}val", sid) if name is not None else sid
        based = style.find(f"{W}basedOn")
        if based is not None:
            result.based[sid] = based.get(f"{W}val", "")
        ppr = style.find(f"{W}pPr")
        if ppr is not None:
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None:
                result.outline[sid] = int(outline.get(f"{W}val", "9")) + 1
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{W}numId")
                ilvl = num_pr.find(f"{W}ilvl")
                result.num[sid] = (
                    num_id.get(f"{W}val", "") if num_id is not None else "",
                    int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0,
                )
        rpr = style.find(f"{W}rPr")
        if rpr is not None:
            bold = _on(rpr.find(f"{W}b"))
            italic = _on(rpr.find(f"{W}i"))
            if bold is not None:
                result.bold[sid] = bold
            if italic is not None:
                result.italic[sid] = italic
    return result


def _heading_level(name: str, outline: int | None) -> int:
    low = name.lower()
    if low == "title":
        return 1
    for prefix in ("heading ", "overskrift "):
        if low.startswith(prefix) and low[len(prefix) :].strip().isdigit():
            return int(low[len(prefix) :])
    return outline if outline is not None and outline <= 9 else 0


class _Reader:
    def __init__(self, document: Document) -> None:
        self.numbering = _numbering(document)
        self.styles = _styles(document)
        self.paragraphs = 0
        self.tables = 0

    def body(self, body: Any) -> list[Block]:
        blocks: list[Block] = []
        children = self._children(body)
        contents = generated(children, self.styles.names.get)
        for child in children:
            if child.tag == f"{W}p":
                self.paragraphs += 1
                if child in contents:
                    continue  # a table of contents: counted, as Word counts it, not read
                where = _("paragraph {number}").format(number=self.paragraphs)
                blocks.append(self.paragraph(child, where))
                blocks += self._text_boxes(child, where)
            elif child.tag == f"{W}tbl":
                self.tables += 1
                if child not in contents:
                    blocks.append(self.table(child, self.tables))
        return blocks

    def _children(self, parent: Any) -> list[Any]:
        """Paragraphs and tables, looking through content controls and tracked insertions."""
        return list(_unwrapped(parent, (f"{W}p", f"{W}tbl")))

    def _text_boxes(self, p: Any, where: str) -> list[Block]:
        """Paragraphs of the text boxes anchored in ``p`` (once: not Word's fallback copy)."""
        found: list[Block] = []
        for box in p.iter(f"{W}txbxContent"):
            node = box.getparent()
            while node is not None and node is not p:
                if node.tag.endswith("}Fallback"):
                    break
                node = node.getparent()
            else:
                for inner in box.findall(f"{W}p"):
                    found.append(
                        self.paragraph(inner, _("text box in {where}").format(where=where))
                    )
        return found

    def table(self, tbl: Any, number: int) -> Table:
        rows: list[Row] = []
        for index, tr in enumerate(_rows(tbl), start=1):
            trpr = tr.find(f"{W}trPr")
            header = trpr is not None and trpr.find(f"{W}tblHeader") is not None
            where = _("table {table} row {row}").format(table=number, row=index)
            cells: list[list[Para]] = []
            for tc in self._cells(tr):
                paragraphs: list[Para] = []
                for node in tc.iter(f"{W}p"):
                    paragraphs.append(self.paragraph(node, where))
                cells.append(paragraphs)
            rows.append(Row(cells, header, where))
        return Table(rows, number, _("table {table}").format(table=number))

    def _cells(self, tr: Any) -> list[Any]:
        cells: list[Any] = []
        for tc in _unwrapped(tr, (f"{W}tc",)):
            tcpr = tc.find(f"{W}tcPr")
            merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            if merge is not None and merge.get(f"{W}val", "continue") == "continue":
                continue  # the lower part of a vertically merged cell holds no text
            cells.append(tc)
        return cells

    def paragraph(self, p: Any, where: str) -> Para:
        ppr = p.find(f"{W}pPr")
        style_id = ""
        num: tuple[str, int] | None = None
        if ppr is not None:
            pstyle = ppr.find(f"{W}pStyle")
            if pstyle is not None:
                style_id = pstyle.get(f"{W}val", "")
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{W}numId")
                ilvl = num_pr.find(f"{W}ilvl")
                num = (
                    num_id.get(f"{W}val", "") if num_id is not None else "",
                    int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0,
                )
        styles = self.styles
        if num is None or not num[0]:
            inherited = styles.first(styles.num, style_id)
            if inherited is not None:
                num = (num[0] if num and num[0] else inherited[0], num[1] if num else inherited[1])
        name = styles.names.get(style_id, style_id or "Normal")
        kind, level, number = "", 0, 0
        if num is not None and num[0] not in ("", "0"):
            kind, _start = self.numbering.kind(num[0], num[1])
            level = num[1]
            if kind:
                number = self.numbering.next_number(num[0], num[1])
        if not kind and not num:
            low = name.lower()
            if low.startswith("list bullet"):
                kind = "bullet"
            elif low.startswith("list number"):
                kind = "number"
            if kind:
                tail = low.rsplit(" ", 1)[-1]
                level = int(tail) - 1 if tail.isdigit() else 0
        style_bold = bool(styles.first(styles.bold, style_id))
        style_italic = bool(styles.first(styles.italic, style_id))
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        level_of_outline = (
            int(outline.get(f"{W}val", "9")) + 1
            if outline is not None
            else styles.first(styles.outline, style_id)
        )
        pieces, page_break = self._pieces(p, style_bold, style_italic)
        return Para(
            pieces=pieces,
            style=name,
            heading=_heading_level(name, level_of_outline),
            list_kind=kind,
            list_level=level,
            list_number=number,
            style_bold=style_bold,
            where=where,
            page_break=page_break,
        )

    def _pieces(self, p: Any, style_bold: bool, style_italic: bool) -> tuple[list[Piece], bool]:
        pieces: list[Piece] = []
        page_break = False
        if in_placeholder(p):
            return pieces, page_break  # Word's suggestion, not the author's text
        for run in p.iter(f"{W}r"):
            if not _belongs_to(run, p):
                continue
            rpr = run.find(f"{W}rPr")
            bold = italic = None
            char_style = ""
            if rpr is not None:
                bold = _on(rpr.find(f"{W}b"))
                italic = _on(rpr.find(f"{W}i"))
                rstyle = rpr.find(f"{W}rStyle")
                if rstyle is not None:
                    char_style = rstyle.get(f"{W}val", "")
            if bold is None:
                from_style = self.styles.first(self.styles.bold, char_style) if char_style else None
                bold = bool(from_style) if from_style is not None else style_bold
            if italic is None:
                from_style = (
                    self.styles.first(self.styles.italic, char_style) if char_style else None
                )
                italic = bool(from_style) if from_style is not None else style_italic
            for child in run:
                tag = child.tag
                text = ""
                if tag == f"{W}t":
                    text = child.text or ""
                elif tag == f"{W}tab" or tag == f"{W}ptab":
                    text = "\t"
                elif tag == f"{W}br":
                    if child.get(f"{W}type") in ("page", "column"):
                        page_break = True
                        continue
                    text = "\n"
                elif tag == f"{W}cr":
                    text = "\n"
                elif tag == f"{W}noBreakHyphen":
                    text = "-"
                if text:
                    _add(pieces, Piece(text, bool(bold), bool(italic)))
        return pieces, page_break


_SKIPPED = frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent"})
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}ins", f"{W}customXml"})
"""What may stand around paragraphs, tables, rows and cells: content controls, tracked
insertions, custom XML."""


def _unwrapped(parent: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The children of ``parent`` with one of ``tags``, in order, looking through the
    wrappers around them."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                yield from _unwrapped(inner, tags)


def _rows(tbl: Any) -> list[Any]:
    """The table's rows, looking through the wrappers around them; a row whose deletion
    is tracked is left out."""
    return [tr for tr in _unwrapped(tbl, (f"{W}tr",)) if tr.find(f"{W}trPr/{W}del") is None]


def _belongs_to(run: Any, p: Any) -> bool:
    """A run of this paragraph itself: not deleted text, not in a nested paragraph, not a
    content control's placeholder."""
    node = run.getparent()
    while node is not None and node is not p:
        if node.tag in _SKIPPED or node.tag == f"{W}p" or showing_placeholder(node):
            return False
        node = node.getparent()
    return True


def _add(pieces: list[Piece], piece: Piece) -> None:
    last = pieces[-1] if pieces else None
    if (
        last is not None
        and (last.bold, last.italic) == (piece.bold, piece.italic)
        and "\n" not in (last.text, piece.text)
    ):
        pieces[-1] = Piece(last.text + piece.text, piece.bold, piece.italic)
    else:
        pieces.append(piece)


def read_blocks(document: Document) -> list[Block]:
    """The body of ``document`` as paragraphs and tables, in order."""
    return _Reader(document).body(document.element.body)
