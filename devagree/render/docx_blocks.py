"""Parts of a Word body every devagree document shares: rich text as paragraphs and lists,
shaded cells, page numbers in the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from devagree.core.richtext import Block, BulletList, NumberedList, Paragraph, Run
from devagree.i18n import N_, Localised
from devagree.render.docx_build import Builder

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.table import CT_Tc
    from docx.oxml.text.paragraph import CT_P
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

PAGE = Localised({"page": N_("Page "), "of": N_(" of ")})


def add_page_numbers(document: Document, language: str) -> None:
    """Page numbers ("Side 1 af 3") in every footer, unless the template already shows them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    t = PAGE.of(language)
    for section in document.sections:
        footer = section.footer
        if not _has_page(footer):
            paragraph = empty_or_new(footer)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(t["page"])
            _field(paragraph, "PAGE")
            paragraph.add_run(t["of"])
            _field(paragraph, "NUMPAGES")


def write_blocks(document: Document | Builder, container: Any, blocks: tuple[Block, ...]) -> None:
    """Rich-text blocks as paragraphs of ``container`` (the body or a table cell).

    A cell's first paragraph (every new cell holds an empty one) takes the first block.
    """
    from devagree.render.docx_build import new_paragraph, set_style

    builder = Builder.of(document)
    tc: CT_Tc | None = getattr(container, "_tc", None)
    first: CT_P | None = tc.p_lst[0] if tc is not None else None

    def paragraph(style: str | None = None) -> CT_P:
        nonlocal first
        style_id = builder.style_id(style) if style is not None else None
        p: CT_P
        if first is not None:
            p, first = first, None
        elif tc is not None:
            p = tc.add_p()
        else:
            return builder.append(new_paragraph(style_id))
        if style_id is not None:
            set_style(p, style_id)
        return p

    for block in blocks:
        if isinstance(block, Paragraph):
            _runs(paragraph(), block.runs)
            continue
        num_id = builder.new_numbering() if isinstance(block, NumberedList) else None
        for entry in block.items:
            if isinstance(block, BulletList):
                style = "List Bullet 2" if entry.level else "List Bullet"
            else:
                style = "List Number"
            p = paragraph(style)
            if num_id is not None:
                _set_numbering(p, num_id, entry.level)
            _runs(p, entry.runs)


def shade(cell: _Cell, fill: str) -> None:
    """Fill a table cell with a colour (hex RGB, e.g. ``D9D9D9``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def empty_or_new(part: Any) -> DocxParagraph:
    """The header's or footer's only paragraph when it is empty, else a new one after it."""
    paragraphs = part.paragraphs
    only = paragraphs[0] if len(paragraphs) == 1 else None
    if only is not None and not only.text and not only._p.xpath(".//w:drawing"):
        return only  # type: ignore[no-any-return]
    return part.add_paragraph()  # type: ignore[no-any-return]


def _has_page(part: Any) -> bool:
    from devagree.render.docx_fields import has_field

    return has_field(list(part.paragraphs), "PAGE")


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    from devagree.render.docx_fields import add_field

    add_field(paragraph, instruction)


def _runs(p: CT_P, runs: tuple[Run, ...]) -> None:
    from devagree.render.docx_build import add_run

    for piece in runs:
        add_run(p, piece.text, bold=piece.bold, italic=piece.italic)


def _set_numbering(p: CT_P, num_id: int, level: int) -> None:
    num_pr = p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
