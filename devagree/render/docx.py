"""The agreement as a Word document in the layout of the seed agreement.

Front block, title, purpose and validity, vision, one heading and two-column table per item
(12 labelled rows), and a signature block. The renderer reads the model only; the Word file
it returns is deterministic (fixed dates, fixed zip metadata), so the same agreement always
gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devagree.core.model import ROWS, Agreement, Item, role_label
from devagree.core.richtext import Block, parse_texts
from devagree.core.strategy_model import Strategy
from devagree.i18n import LANGUAGE_TAGS, N_, Localised, _, date_in, document_language, gettext_in
from devagree.render.docx_blocks import add_page_numbers, empty_or_new, shade, write_blocks
from devagree.render.docx_template import RenderError, document_bytes, open_template
from devagree.signatures.digest import describe_row, digest
from devagree.signatures.pdf_identity import fingerprint

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph


TEXT = Localised(
    {
        "between": N_("Development agreement between"),
        "and": N_(" and "),
        "valid": N_("The agreement is valid from {start} to {end}."),
        "number": N_("Agreement #"),
        "content": N_("Content"),
        "draft": N_("DRAFT"),
        "signatures": N_("Signatures"),
        "place_date": N_("Place and date"),
        "signature": N_("Signature"),
        "name": N_("Name"),
        "title": N_("Title"),
        "signed_by": N_("Signed by"),
        "digest": N_("Digest of the text"),
    }
)

LABEL_WIDTH_CM = 4.2
SHADE = "D9D9D9"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    language: str = "da"
    template: Path | None = None
    """A letterhead .docx to take styles, page setup, header and footer from."""


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF)."""


def find_unwritable(document: Agreement | Strategy, language: str) -> list[str]:
    """Places whose text holds characters a Word file cannot contain (e.g. ``\\v``)."""
    found: list[str] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document.data, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, (*where, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(value))
        elif isinstance(value, str):
            bad = sorted(set(_NOT_XML.findall(value)))
            if bad:
                codes = ", ".join(f"U+{ord(c):04X}" for c in bad)
                found.append(
                    _("{place}: control character {codes}").format(
                        place=_place(where, language), codes=codes
                    )
                )
    return sorted(found)


def _place(where: tuple[str | int, ...], language: str) -> str:
    if len(where) >= 3 and where[0] == "items" and isinstance(where[1], int):
        return describe_row(f"item-{where[1] + 1}.{where[2]}", language)
    return ".".join(str(step) for step in where)


def render_docx(agreement: Agreement, options: RenderOptions) -> bytes:
    """The agreement as the bytes of a deterministic .docx file."""
    return document_bytes(build_docx(agreement, options).document)


@dataclass(frozen=True, slots=True)
class BuiltDocx:
    """A rendered agreement before it is saved, and the part of the agreement each body
    paragraph, table and table row shows."""

    document: Document
    parts: dict[Any, str]
    """Body element (``w:p``, ``w:tbl``) or table row (``w:tr``) → part: a row key as
    ``signatures.digest.row_digests`` names it (``agreement.purpose``, ``item-2.goal``),
    ``item-2`` for an item's table head, ``fingerprint`` and ``signatures`` for the
    signature page."""
    language: str


def build_docx(agreement: Agreement, options: RenderOptions) -> BuiltDocx:
    """The agreement as a python-docx document, with the part each element shows."""
    language = document_language(options.language)
    refuse_unwritable(agreement, language)
    document = open_template(options.template)
    writer = _Writer(document, agreement, language)
    writer.write()
    return BuiltDocx(document, writer.parts, language)


def draft_word(language: str) -> str:
    """The draft mark of an unsigned agreement's page header ("UDKAST")."""
    return TEXT[document_language(language)]["draft"]


def refuse_unwritable(document: Agreement | Strategy, language: str) -> None:
    """Stop before anything is written when a text holds characters Word cannot store."""
    bad = find_unwritable(document, language)
    if bad:
        raise RenderError(
            _(
                "text with characters Word cannot hold (remove them in the YAML file): {places}"
            ).format(places="; ".join(bad))
        )


class _Writer:
    """One document being written; keeps the language and the list numbering state."""

    def __init__(self, document: Document, agreement: Agreement, language: str) -> None:
        from devagree.render.docx_build import Builder

        self.doc = Builder.of(document)
        self.agreement = agreement
        self.language = language
        self.t = TEXT[language]
        self.period_line = False
        """Whether the validity sentence was added after the purpose (import reads it)."""
        self.parts: dict[Any, str] = {}
        """The part each body element and item table row shows (``BuiltDocx.parts``)."""

    @contextmanager
    def _part(self, key: str) -> Iterator[None]:
        """Record the body elements written in the block as showing ``key``."""
        start = self.doc.block_count()
        yield
        for element in self.doc.blocks_since(start):
            self.parts.setdefault(element, key)

    # --- the document, top to bottom ---------------------------------------------------

    def write(self) -> None:
        self._page_setup()
        self._front()
        self._purpose()
        self._vision()
        for item in self.agreement.items:
            self._item(item)
        self._signature_block()
        self._properties()

    def _page_setup(self) -> None:
        """Footer page numbers (unless the template shows them) and the draft mark.

        Page size and margins come from the template (the built-in one is A4).
        """
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        add_page_numbers(self.doc.document, self.language)
        for section in self.doc.sections:
            if not self.agreement.signatures:
                paragraph = empty_or_new(section.header)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(self.t["draft"])
                run.bold = True
                run.font.size = Pt(14)

    def _front(self) -> None:
        from docx.enum.text import WD_BREAK
        from docx.shared import Pt

        a = self.agreement
        with self._part("agreement.organisation"):
            self._line(a.organisation, size=16, bold=True)
        if a.date is not None:
            with self._part("agreement.date"):
                self._line(date_in(self.language, a.date), size=12)
        for _blank in range(3):
            self.doc.add_paragraph()
        with self._part("agreement.parties"):
            self._line(self.t["between"], size=20, bold=True, centre=True)
            self._line(self.t["and"].join(p.name for p in a.parties), size=16, centre=True)
        start, end = a.period.start.year, a.period.end.year
        with self._part("agreement.period"):
            year = str(start) if start == end else f"{start}\u2013{end}"
            self._line(year, size=16, centre=True)
        last = self.doc.add_paragraph()
        last.add_run().add_break(WD_BREAK.PAGE)
        last.paragraph_format.space_after = Pt(0)

    def _line(self, text: str, size: int, bold: bool = False, centre: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.doc.add_paragraph()
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)

    def _purpose(self) -> None:
        a = self.agreement
        with self._part("agreement.title"):
            self.doc.add_heading(a.title, level=1)
        with self._part("agreement.purpose"):
            self._blocks_to(self.doc, parse_texts(a.purpose))
        start = date_in(self.language, a.period.start)
        end = date_in(self.language, a.period.end)
        if start not in a.purpose or end not in a.purpose:
            with self._part("agreement.period"):
                self.doc.add_paragraph(self.t["valid"].format(start=start, end=end))
            self.period_line = True

    def _vision(self) -> None:
        a = self.agreement
        with self._part("agreement.vision"):
            if a.vision_title:
                self.doc.add_heading(a.vision_title, level=1)
            if a.vision_text:
                self._blocks_to(self.doc, parse_texts(a.vision_text))

    def _item(self, item: Item) -> None:
        from docx.shared import Cm

        from devagree.render.docx_build import add_run, first_paragraph

        part = f"item-{item.number}"
        with self._part(f"{part}.title"):
            heading = self.doc.add_heading(f"{item.number}. {item.title}", level=1)
        heading.paragraph_format.keep_with_next = True
        widths = (Cm(LABEL_WIDTH_CM), self.doc.text_width - Cm(LABEL_WIDTH_CM))
        with self._part(part):
            table = self.doc.add_grid(widths, 1 + len(ROWS), header=True)
        head = table.rows[0].cells
        self.parts[table.rows[0].tr] = part
        self._label(head[0], self.t["number"])
        self._label(head[1], self.t["content"])
        for row_def, row in zip(ROWS, table.rows[1:], strict=True):
            self.parts[row.tr] = f"{part}.{row_def.key}"
            label, content = row.cells
            self._label(label, row_def.label_in(self.language))
            if row_def.key == "deadline":
                add_run(first_paragraph(content._tc), self._deadline(item))
            else:
                self._blocks_to(content, parse_texts(item.rows[row_def.key]))
        self.doc.add_paragraph()

    def _deadline(self, item: Item) -> str:
        due = item.due
        if due is None:
            return item.deadline_text
        return f"{item.deadline_text} ({date_in(self.language, due)})"

    def _label(self, cell: _Cell, text: str) -> None:
        from devagree.render.docx_build import add_run, first_paragraph

        add_run(first_paragraph(cell._tc), text, bold=True)
        shade(cell, SHADE)

    # --- rich text ------------------------------------------------------------------------

    def _blocks_to(self, container: Any, blocks: tuple[Block, ...]) -> None:
        """Blocks as paragraphs of ``container`` (the body or a table cell)."""
        write_blocks(self.doc, container, blocks)

    # --- signatures and properties --------------------------------------------------------

    def _signature_block(self) -> None:
        t = self.t
        with self._part("signatures"):
            heading = self.doc.add_heading(t["signatures"], level=1)
            heading.paragraph_format.keep_with_next = True
        # The short fingerprint of the agreed text, draft or not: a signed PDF must print the
        # agreement's own (devagree.signatures.shown_text compares the pages' words).
        with self._part("fingerprint"):
            agreed = fingerprint(digest(self.agreement.data))
            self._keep(self.doc.add_paragraph(f"{t['digest']}: {agreed}"))
        with self._part("signatures"):
            self._parties_signing()

    def _parties_signing(self) -> None:
        a = self.agreement
        t = self.t
        for party in a.parties:
            title = self.doc.add_paragraph()
            title.paragraph_format.keep_with_next = True
            run = title.add_run(party.name)
            run.bold = True
            described = party.title or role_label(party.role, self.language)
            if described:
                title.add_run(f" ({described})")
            signed = [s for s in a.signatures if s.party == party.role]
            if signed:
                for signature in signed:
                    where = f"{signature.place}, " if signature.place else ""
                    who = signature.name + (f", {signature.title}" if signature.title else "")
                    lines = [
                        f"{t['signed_by']}: {who}",
                        f"{t['place_date']}: {where}{date_in(self.language, signature.date)}",
                        f"{t['digest']}: {signature.digest}",
                    ]
                    if signature.certificate is not None:
                        lines.append(
                            gettext_in(
                                self.language,
                                "Signed digitally (PAdES), certificate issued by {issuer}",
                            ).format(issuer=signature.certificate.issuer)
                        )
                    for text in lines:
                        self._keep(self.doc.add_paragraph(text))
            else:
                lines = [
                    f"{t['place_date']}: " + "_" * 40,
                    "",
                    f"{t['signature']}: " + "_" * 40,
                    f"{t['name']}: " + "_" * 40,
                    f"{t['title']}: " + "_" * 40,
                ]
                for text in lines:
                    self._keep(self.doc.add_paragraph(text))
            self.doc.add_paragraph()

    @staticmethod
    def _keep(paragraph: DocxParagraph) -> None:
        paragraph.paragraph_format.keep_with_next = True

    def _properties(self) -> None:
        from devagree.render.docx_fields import DocumentProperties, set_properties

        a = self.agreement
        set_properties(
            self.doc.document,
            DocumentProperties(
                title=a.title,
                subject=self.t["between"] + " " + self.t["and"].join(p.name for p in a.parties),
                author=a.organisation,
                keywords=a.id,
                category=a.municipality,
                identifier=a.id,
                day=a.date or a.period.start,
                language=LANGUAGE_TAGS[self.language],
                custom={
                    "devagree.id": a.id,
                    "devagree.digest": digest(a.data),
                    **({"devagree.period-line": "added"} if self.period_line else {}),
                },
                content_status="" if a.signatures else self.t["draft"],
            ),
        )
