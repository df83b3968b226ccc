"""A strategy as a Word document in the structure of the published strategies.

Title block (title, subtitle, committee, municipality, period), then the document's parts in
the order its file gives them (foreword and other sections, vision, values), the tracks,
each under a heading such as "Første pejlemærke: Recovery og rehabilitering" with its text,
commitments or principles, statement, UN goals, initiatives done (numbered), action points
with their milestones and a budget table, and the closing sections.

It shares everything but the content with the agreement: the template and its styles, the
page numbers, the document language and the deterministic save. A strategy is not signed,
so there is no signature block and no UDKAST mark.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from devagree.core.richtext import Block, BulletList, ListItem, Paragraph, Run, parse
from devagree.core.strategy_model import Strategy, Track
from devagree.i18n import LANGUAGE_TAGS, date_in, document_language
from devagree.render.docx import SHADE, RenderOptions, refuse_unwritable
from devagree.render.docx_blocks import add_page_numbers, shade, write_blocks
from devagree.render.docx_build import text_width
from devagree.render.docx_template import document_bytes, open_template
from devagree.render.strategy_parts import (
    action_points,
    budget_amount,
    budget_phase,
    document_parts,
    milestone_when,
    period_text,
    texts_blocks,
    track_data,
    track_heading,
    track_parts,
    words,
)
from devagree.signatures.digest import digest
from devagree.strategies.rollup import sdg_name

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

PHASE_WIDTH_CM = 4.8
AMOUNT_WIDTH_CM = 4.4
"""Wide enough for "Implementeringsfasen" and "75.000-225.000 kr." on one line each."""

NO_DATE = date(1980, 1, 1)
"""The documents' time stamp when a strategy names neither a date nor a period."""


def render_strategy_docx(strategy: Strategy, options: RenderOptions) -> bytes:
    """The strategy as the bytes of a deterministic .docx file."""
    language = document_language(options.language)
    refuse_unwritable(strategy, language)
    document = open_template(options.template)
    _StrategyWriter(document, strategy, language).write()
    return document_bytes(document)


class _StrategyWriter:
    def __init__(self, document: Document, strategy: Strategy, language: str) -> None:
        self.doc = document
        self.strategy = strategy
        self.language = language
        self.w = words(language)

    def write(self) -> None:
        add_page_numbers(self.doc, self.language)
        self._front()
        data = self.strategy.data
        for part in document_parts(self.strategy):
            if part == "sections":
                self._sections(data["sections"], level=1, signed_by=data.get("signed_by", ""))
            elif part == "vision":
                self._vision(data["vision"])
            elif part == "values":
                self._values(data["values"])
            elif part == "tracks":
                self._tracks()
            elif part == "closing_sections":
                self._sections(data["closing_sections"], level=1)
        if "sections" not in data and data.get("signed_by"):
            self._italic(data["signed_by"])
        self._properties()

    # --- the title block and the framing text ----------------------------------------

    def _front(self) -> None:
        from docx.shared import Pt

        s, data = self.strategy, self.strategy.data
        self.doc.add_paragraph(s.title, style=self.doc.styles["Title"])
        if data.get("subtitle"):
            self.doc.add_paragraph().add_run(data["subtitle"]).font.size = Pt(14)
        for text in (s.body, s.municipality):
            self.doc.add_paragraph().add_run(text).bold = True
        period = period_text(s, self.language)
        if period:
            self.doc.add_paragraph(f"{self.w['period']}: {period}")
        if data.get("date"):
            day = date_in(self.language, date.fromisoformat(str(data["date"])))
            self.doc.add_paragraph(f"{self.w['date']}: {day}")

    def _sections(self, sections: list[dict[str, Any]], level: int, signed_by: str = "") -> None:
        for index, section in enumerate(sections):
            if section.get("title"):
                self._heading(section["title"], level)
            self._blocks(parse(section["text"]))
            if index == 0 and signed_by:  # the signature under the foreword
                self._italic(signed_by)

    def _vision(self, vision: dict[str, Any]) -> None:
        self._heading(vision.get("title") or self.w["vision"], 1)
        self._blocks(parse(vision["text"]))

    def _values(self, values: dict[str, Any]) -> None:
        self._heading(values.get("title") or self.w["values"], 1)
        self._blocks(parse(values.get("text", "")))
        self._blocks(texts_blocks(values.get("items", [])))
        self._blocks(parse(values.get("closing", "")))

    # --- the tracks ------------------------------------------------------------------

    def _tracks(self) -> None:
        data = self.strategy.data
        if data.get("tracks_title"):
            self._heading(data["tracks_title"], 1)
        self._blocks(parse(data.get("tracks_intro", "")))
        for track, raw in track_data(self.strategy):
            self._track(track, raw)

    def _track(self, track: Track, raw: dict[str, Any]) -> None:
        from docx.shared import Pt

        self._heading(track_heading(track), 1)
        for part in track_parts(raw):
            if part == "subtitle":
                self._italic(raw["subtitle"])
            elif part in ("text", "principles_intro", "statement"):
                self._blocks(parse(raw[part]))
            elif part in ("commitments", "principles"):
                self._blocks(texts_blocks(raw[part]))
            elif part == "slogan":
                run = self.doc.add_paragraph().add_run(raw["slogan"])
                run.bold, run.font.size = True, Pt(13)
            elif part == "sdgs":
                self._sdgs(track, raw)
            elif part == "initiatives":
                self._heading(self.w["initiatives"], 2)
                self._blocks(texts_blocks(raw["initiatives_done"], numbered=True))
            elif part == "actions":
                self._actions(track, raw)
            elif part == "budget":
                self._budget(track, raw)
            elif part == "sections":
                self._sections(raw["sections"], level=2)

    def _sdgs(self, track: Track, raw: dict[str, Any]) -> None:
        """The track's own words about the UN goals, else the goals' names as a list."""
        self._heading(self.w["sdgs"], 2)
        if raw.get("sdgs_text"):
            self._blocks(parse(raw["sdgs_text"]))
        else:
            names = (ListItem((Run(sdg_name(n, self.language)),)) for n in track.sdgs)
            self._blocks((BulletList(tuple(names)),))

    def _actions(self, track: Track, raw: dict[str, Any]) -> None:
        self._heading(self.w["actions"], 2)
        self._blocks(parse(raw.get("action_points_intro", "")))
        for point in action_points(track, raw):
            title = self.doc.add_paragraph()
            title.paragraph_format.keep_with_next = True
            title.add_run(point.title).bold = True
            self._blocks(parse(point.text))
            if not point.milestones:
                continue
            label = self.doc.add_paragraph()
            label.paragraph_format.keep_with_next = True
            label.add_run(self.w["milestones"] + ":").italic = True
            blocks: list[Block] = []
            entries: list[ListItem] = []
            for text, milestone in point.milestones:
                when = milestone_when(milestone, self.language)
                parsed = parse(text)
                if len(parsed) == 1 and isinstance(parsed[0], Paragraph):
                    tail = (Run(f" \u2013 {when}", italic=True),) if when else ()
                    entries.append(ListItem((*parsed[0].runs, *tail)))
                    continue
                if entries:
                    blocks.append(BulletList(tuple(entries)))
                    entries = []
                blocks.extend(parsed)
                if when:
                    blocks.append(Paragraph((Run(when, italic=True),)))
            if entries:
                blocks.append(BulletList(tuple(entries)))
            self._blocks(tuple(blocks))

    def _budget(self, track: Track, raw: dict[str, Any]) -> None:
        """A table of the budget lines (text, phase, amount), then the budget's own text."""
        self._heading(self.w["budget"], 2)
        lines = list(zip(track.budget, raw.get("budget", ()), strict=True))
        if lines:
            table = self._table((self.w["text"], self.w["phase"], self.w["amount"]), len(lines))
            for row, (line, line_raw) in zip(table.rows[1:], lines, strict=True):
                text_cell, phase_cell, amount_cell = row.cells
                write_blocks(self.doc, text_cell, parse(line.text))
                if line_raw.get("funding"):
                    funding = text_cell.add_paragraph()
                    funding.add_run(f"{self.w['funding']}: ").italic = True
                    funding.add_run(line_raw["funding"])
                phase_cell.paragraphs[0].add_run(budget_phase(line))
                amount_cell.paragraphs[0].add_run(budget_amount(line, self.language))
            self.doc.add_paragraph()
        self._blocks(parse(raw.get("budget_text", "")))

    # --- helpers ---------------------------------------------------------------------

    def _heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level=level).paragraph_format.keep_with_next = True

    def _blocks(self, blocks: tuple[Block, ...]) -> None:
        write_blocks(self.doc, self.doc, blocks)

    def _italic(self, text: str) -> None:
        self.doc.add_paragraph().add_run(text).italic = True

    def _table(self, heads: tuple[str, str, str], rows: int) -> Any:
        """Text, phase and amount: the text takes what the two fixed columns leave."""
        from docx.oxml import OxmlElement
        from docx.shared import Cm

        table = self.doc.add_table(rows=rows + 1, cols=3)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        phase, amount = Cm(PHASE_WIDTH_CM), Cm(AMOUNT_WIDTH_CM)
        sizes = (text_width(self.doc) - phase - amount, phase, amount)
        for column, width in zip(table.columns, sizes, strict=True):
            column.width = width
        for index, row in enumerate(table.rows):
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if index == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))
            for cell, width in zip(row.cells, sizes, strict=True):
                cell.width = width
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            self._label(cell, text)
        return table

    @staticmethod
    def _label(cell: _Cell, text: str) -> None:
        cell.paragraphs[0].add_run(text).bold = True
        shade(cell, SHADE)

    def _properties(self) -> None:
        from devagree.render.docx_fields import DocumentProperties, set_properties

        s, data = self.strategy, self.strategy.data
        if data.get("date"):
            when = date.fromisoformat(str(data["date"]))
        else:
            when = s.period.start if s.period is not None else NO_DATE
        set_properties(
            self.doc,
            DocumentProperties(
                title=s.title,
                subject=data.get("subtitle", "") or s.title,
                author=s.body,
                keywords=s.id,
                category=s.municipality,
                identifier=s.id,
                day=when,
                language=LANGUAGE_TAGS[self.language],
                custom={
                    "devagree.id": s.id,
                    "devagree.kind": "strategy",
                    "devagree.digest": digest(data),
                },
            ),
        )
