"""The follow-up report as a Word document, in the same template and styles as agreements.

The template (the workbook's ``template:`` or the built-in one) is opened and its styles are
checked by the agreement renderer's code; the bytes are deterministic (document properties
are stamped with the as-of day, the zip metadata is fixed). Traffic lights are a coloured
cell that also holds the word ("● Grøn"), so the report reads in black and white too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from devagree.core.richtext import parse
from devagree.followup.report_model import (
    LIGHT_COLOURS,
    REPORT_TEXT,
    Light,
    Report,
    ReportAgreement,
    ReportItem,
    days_over,
    light_word,
    state_label,
)
from devagree.i18n import LANGUAGE_TAGS, _, date_in
from devagree.render.docx import LABEL_WIDTH_CM
from devagree.render.docx_blocks import shade, write_blocks
from devagree.render.docx_build import Builder, Grid, add_run, first_paragraph
from devagree.render.docx_template import document_bytes, open_template

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

HEADER_FILL = "D9D9D9"


def render_report_docx(
    report: Report,
    template: Path | None = None,
    starts: dict[tuple[str, int], date | None] | None = None,
) -> bytes:
    """The report as the bytes of a deterministic .docx file.

    ``starts`` gives each item's deadline start (``svg_charts.starts``), so the timeline can
    draw the period a deadline names; without it only the due dates are marked.
    """
    document = open_template(template)
    _ReportWriter(document, report, starts or {}).write()
    return document_bytes(document)


def light_text(light: Light, language: str) -> str:
    return f"\u25cf {light_word(light, language)}"


class _ReportWriter:
    def __init__(
        self,
        document: Document,
        report: Report,
        starts: dict[tuple[str, int], date | None],
    ) -> None:
        self.doc = Builder.of(document)
        """Adds to the body at a constant cost, so the report takes linear time."""
        self.report = report
        self.starts = starts
        self.language = report.language
        self.t = REPORT_TEXT[report.language]

    def day(self, value: date | None) -> str:
        return date_in(self.language, value) if value is not None else "\u2013"

    def write(self) -> None:
        self._summary()
        for agreement in self.report.agreements:
            self._agreement(agreement)
        self._others()
        self._properties()

    def _others(self) -> None:
        """The agreements the report is not about, named so that none seems forgotten."""
        t, report = self.t, self.report
        if not report.others:
            return
        self.doc.add_heading(t["others"], level=1)
        self.doc.add_paragraph(t["others_intro"].format(day=self.day(report.as_of)))
        for other in report.others:
            paragraph = self.doc.add_paragraph(style=self.doc.styles["List Bullet"])
            paragraph.add_run(other.title).bold = True
            paragraph.add_run(
                f" ({other.id}), {other.organisation}, {self.day(other.period.start)} \u2013 "
                f"{self.day(other.period.end)}, {t['signed'] if other.signed else t['draft']}"
            )

    # --- the top of the report --------------------------------------------------------

    def _summary(self) -> None:
        t, report = self.t, self.report
        self.doc.add_paragraph(t["title"], style=self.doc.styles["Title"])
        first = self.doc.add_paragraph()
        first.add_run(t["as_of"].format(day=self.day(report.as_of))).bold = True
        for period in report.periods:
            self.doc.add_paragraph(
                f"{t['period']}: {self.day(period.start)} \u2013 {self.day(period.end)}"
            )
        self.doc.add_heading(t["overview"], level=1)
        counts = self._table((t["state"], t["count"]), len(report.counts) + 1, widths=(6.0,))
        for row, (state, count) in zip(counts.rows[1:], report.counts.items(), strict=False):
            self._set(row.cells[0], state_label(state, self.language))
            self._set(row.cells[1], str(count))
        total = counts.rows[-1].cells
        self._set(total[0], t["total"], bold=True)
        self._set(total[1], str(len(report.items)), bold=True)
        self.doc.add_paragraph()
        lights = self._table((t["light"], t["count"]), len(report.light_counts), widths=(6.0,))
        for row, (light, count) in zip(lights.rows[1:], report.light_counts.items(), strict=True):
            self._light(row.cells[0], light)
            self._set(row.cells[1], str(count))
        self._charts_state()
        self.doc.add_heading(t["overdue"], level=2)
        if not report.overdue:
            self.doc.add_paragraph(t["no_overdue"])
        titles = {a.id: a.title for a in report.agreements}
        for item in report.overdue:
            paragraph = self.doc.add_paragraph(style=self.doc.styles["List Bullet"])
            paragraph.add_run(f"{titles[item.agreement_id]}, {t['item'].lower()} {item.number}: ")
            paragraph.add_run(item.title).bold = True
            paragraph.add_run(
                f" ({t['due'].lower()} {self.day(item.due)}, {days_over(item, self.language)}; "
                f"{t['owner'].lower()}: {item.owner})"
            )
        legend = self.doc.add_paragraph()
        legend.add_run(t["legend"]).italic = True
        self._charts_timeline()

    # --- the pictures -----------------------------------------------------------------

    def _charts_state(self) -> None:
        from devagree.followup.charts import state_chart
        from devagree.render.chart_png import state_png

        picture = state_png(state_chart(self.report), self.language)
        self._picture(picture, _("Items by state and traffic light"))

    def _charts_timeline(self) -> None:
        from devagree.followup.charts import timeline
        from devagree.render.chart_png import timeline_png
        from devagree.render.svg_charts import agreement_lanes

        self.doc.add_heading(_("Deadlines over time"), level=2)
        chart = timeline(agreement_lanes(self.report, self.starts, href=""), self.report.as_of)
        picture = timeline_png(chart, self.language)
        described = _(
            "Each mark is an item's due date; a bar shows the period its deadline names. "
            "The dashed line is {day}."
        ).format(day=self.day(self.report.as_of))
        self._picture(picture, described)
        self.doc.add_paragraph(described).runs[0].italic = True

    def _picture(self, png: bytes, description: str) -> None:
        """A chart as wide as the text, with its description as the picture's alt text."""
        import io

        paragraph = self.doc.add_paragraph()
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=self.doc.text_width)
        shape._inline.docPr.set("descr", description)

    # --- per agreement and item -------------------------------------------------------

    def _agreement(self, agreement: ReportAgreement) -> None:
        t = self.t
        self.doc.add_heading(agreement.title, level=1).paragraph_format.keep_with_next = True
        self.doc.add_paragraph(
            f"{agreement.organisation} · {self.day(agreement.period.start)} \u2013 "
            f"{self.day(agreement.period.end)}"
        )
        heads = (t["number"], t["item"], t["due"], t["light"], t["state"])
        table = self._table(heads, len(agreement.items), widths=(1.0, 5.0, 3.2, 2.3))
        for row, item in zip(table.rows[1:], agreement.items, strict=True):
            cells = row.cells
            self._set(cells[0], str(item.number))
            self._set(cells[1], item.title)
            self._set(cells[2], self._due(item))
            self._light(cells[3], item.light)
            self._set(cells[4], self._state(item))
        for item in agreement.items:
            self._item(item)

    def _item(self, item: ReportItem) -> None:
        t = self.t
        heading = self.doc.add_heading(f"{item.number}. {item.title}", level=2)
        heading.paragraph_format.keep_with_next = True
        rows = (
            (t["owner"], item.owner),
            (t["deadline"], f"{item.deadline} ({self._due(item)})"),
            (t["light"], None),
            (t["state"], self._state(item)),
            (t["note"], item.note),
        )
        table = self._table(None, len(rows))
        for row, (label, value) in zip(table.rows, rows, strict=True):
            self._set(row.cells[0], label, bold=True)
            shade(row.cells[0], HEADER_FILL)
            if value is None:
                self._light(row.cells[1], item.light)
            elif label == t["note"]:
                write_blocks(self.doc, row.cells[1], parse(value))
            else:
                self._set(row.cells[1], value)
        history = self.doc.add_paragraph()
        history.paragraph_format.keep_with_next = True
        history.add_run(t["history"]).bold = True
        if not item.history:
            self.doc.add_paragraph(t["no_history"])
            return
        entries = self._table(
            (t["date"], t["state"], t["entry_note"]), len(item.history), widths=(3.5, 3.5)
        )
        for row, entry in zip(entries.rows[1:], item.history, strict=True):
            self._set(row.cells[0], self.day(entry.as_of))
            self._set(row.cells[1], state_label(entry.state, self.language))
            write_blocks(self.doc, row.cells[2], parse(entry.note))

    def _due(self, item: ReportItem) -> str:
        return self.day(item.due) if item.due is not None else self.t["continuous"]

    def _state(self, item: ReportItem) -> str:
        label = state_label(item.state, self.language)
        return f"{label} ({days_over(item, self.language)})" if item.overdue else label

    # --- table helpers ----------------------------------------------------------------

    def _table(
        self, heads: tuple[str, ...] | None, rows: int, widths: tuple[float, ...] = ()
    ) -> Grid:
        """A Table Grid table; with ``heads``, a shaded header row that repeats per page.

        ``widths`` are centimetres for all columns but the last, which takes the rest of
        the text width (default: a label column as wide as the agreement's).
        """
        from docx.shared import Cm

        columns = len(heads) if heads else 2
        fixed = [Cm(w) for w in (widths or (LABEL_WIDTH_CM,) * (columns - 1))]
        sizes = [*fixed, self.doc.text_width - sum(fixed)]
        table = self.doc.add_grid(sizes, rows + (1 if heads else 0), header=bool(heads))
        if heads:
            for cell, text in zip(table.rows[0].cells, heads, strict=True):
                self._set(cell, text, bold=True)
                shade(cell, HEADER_FILL)
        return table

    @staticmethod
    def _set(cell: _Cell, text: str, bold: bool = False) -> None:
        add_run(first_paragraph(cell._tc), text, bold=bold)

    def _light(self, cell: _Cell, light: Light) -> None:
        self._set(cell, light_text(light, self.language), bold=True)
        shade(cell, LIGHT_COLOURS[light])

    def _properties(self) -> None:
        from devagree.render.docx_fields import DocumentProperties, set_properties

        report = self.report
        set_properties(
            self.doc.document,
            DocumentProperties(
                title=f"{self.t['title']} ({self.day(report.as_of)})",
                subject=", ".join(a.title for a in report.agreements),
                author=", ".join(sorted({a.organisation for a in report.agreements})),
                keywords=" ".join(a.id for a in report.agreements),
                category="",
                identifier="",
                day=report.as_of,
                language=LANGUAGE_TAGS[self.language],
                custom={"devagree.report": "follow-up", "devagree.as_of": report.as_of.isoformat()},
            ),
        )
