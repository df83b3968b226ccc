"""The front of an imported agreement: title, centre, date, parties, period, purpose, vision.

Everything before the first item is read here: labelled lines and front tables ("Periode:
1.1.2027-31.12.2027", "Udvalg", "Centerchef", a table's "Formål" and "Vision" rows),
"Udviklingsaftale mellem X og Y", the headings of the purpose and the vision. A heading of
the rank of the one that opened the purpose or the vision ends it: what stands under it
before the first item ("Aftalerne for 2027" and an introduction) is no part of the front
and goes to ``unplaced``. What the document does not say becomes a placeholder or a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devagree.drafting.writer import front_placeholder
from devagree.i18n import _
from devagree.importing import front
from devagree.importing.collected import Collector, cell_text, row_text
from devagree.importing.headings import Shape, shape_of
from devagree.importing.labels import normalise
from devagree.importing.richtext_out import lines_of, plain_text, to_markdown
from devagree.importing.wordread import Block, Para, Table


class FrontAssembly(Collector):
    """The front stage of the reading."""

    def read_front(self, blocks: list[Block]) -> dict[str, Any]:
        state = _Front()
        for index, block in enumerate(blocks):
            self.position = index
            if isinstance(block, Table):
                for row in block.rows:
                    label = cell_text(row.cells[0]) if len(row.cells) >= 2 else ""
                    content = [p for cell in row.cells[1:] for p in cell]
                    text = "\n".join(p.text.strip() for p in content if p.text.strip())
                    if not (
                        label
                        and (
                            self._front_section(label, content, state)
                            or self._front_label(label, text, state)
                        )
                    ):
                        shown = row_text(row)
                        if shown:
                            self._unplace(shown, row.where)
                continue
            colon = block.text.find(":")
            if 0 < colon <= 30 and self._front_label(
                block.text[:colon], block.text[colon + 1 :].strip(), state
            ):
                continue
            self._front_para(block, state)
        return self._front_data(state)

    @staticmethod
    def _front_section(label: str, content: list[Para], state: _Front) -> bool:
        """A front table's row of the purpose or the vision ("Formål | ...", "Vision |
        ..."), its paragraphs kept as they are; False for another row, or one the front
        has read already."""
        what = front.section_of(normalise(label))
        if what is None or not any(p.text.strip() for p in content):
            return False
        target = state.vision if what == "vision" else state.purpose
        if target:
            return False
        target.extend(p for p in content if p.text.strip())
        return True

    def _front_label(self, label: str, text: str, state: _Front) -> bool:
        """Read a labelled line of the front ("Periode: 1.1.2027-31.12.2027"); False when
        the label is not one of the front's or its text cannot be read."""
        what = front.FRONT_LABELS.get(normalise(label))
        if what is None or not text:
            return False
        if what == "parties" and not state.parties_lines:
            state.parties_lines = [text]
            return True
        if what == "period":
            period = front.find_period(text)
            years = front.year_paragraph(text)
            if period is not None and state.period is None:
                state.period = period
                return True
            if years is not None and state.years is None:
                state.years = years
                return True
            return False
        if what == "date" and state.date is None:
            state.date = front.read_date(text)
            return state.date is not None
        if what == "organisation" and state.organisation is None:
            state.organisation = " ".join(text.split())
            return True
        if what == "municipality" and state.municipality is None:
            state.municipality = " ".join(text.split())
            return True
        if what in ("committee", "chief") and what not in state.named:
            state.named[what] = " ".join(text.split())
            return True
        return False

    def _front_para(self, para: Para, state: _Front) -> None:
        text = para.text.strip()
        if not text:
            return
        if state.section == "closed" and not (para.heading and front.section_of(normalise(text))):
            self._unplace_para(para)  # under a heading that ended the purpose or the vision
            return
        if state.parties_open and not para.heading:
            if front.year_paragraph(text) is None and len(state.parties_lines) < 3:
                state.parties_lines.append(para.text)
                if not re.search(r"\b(og|and|&)\s*$", text):
                    state.parties_open = len(state.parties_lines) < 2 and not _has_and(
                        state.parties_lines
                    )
                return
            state.parties_open = False
        if state.date is None and state.section != "vision":
            day = front.date_paragraph(text)
            if day is not None:
                state.date = day
                return
        rest = front.between(para.text)
        if rest is not None and not state.parties_lines:
            state.parties_lines = [rest] if rest else []
            state.parties_open = not rest or not _has_and(state.parties_lines)
            return
        if state.section == "pre" and front.year_paragraph(text) is not None:
            state.years = front.year_paragraph(text)
            return
        heading = bool(para.heading) or (para.all_bold and len(text) <= 200)
        if state.title is None and (
            para.heading
            or re.match(r"^(udviklingsaftale|development agreement)\b", text, re.IGNORECASE)
        ):
            state.title = plain_text(lines_of(para))
            state.section, state.opened = "purpose", _rank(para)
            return
        if (heading and state.section != "pre") or (heading and state.title is not None):
            low = normalise(text)
            section = front.section_of(low)
            if section == "vision":
                state.vision_title = plain_text(lines_of(para))
                state.section, state.opened = "vision", _rank(para)
                return
            if section == "purpose":
                state.section, state.opened = "purpose", _rank(para)
                return
            opened = state.opened
            if opened is not None and para.heading and shape_of(para).outranks(opened):
                state.section = "closed"  # "Aftalerne for 2027": no longer the front's text
                self._unplace_para(para)
                return
        if state.section == "pre":
            municipality = front.municipality_in(text)
            if municipality is not None and normalise(municipality) == normalise(text):
                state.municipality = municipality
                return
            if state.organisation is None:
                state.organisation = plain_text(lines_of(para))
                return
            if state.title is None:
                state.pre.append(para)
                return
        target = state.vision if state.section == "vision" else state.purpose
        target.append(para)

    def _front_data(self, state: _Front) -> dict[str, Any]:
        language = self.language
        if state.title is None and state.pre:
            # no title line: the purpose starts at the first paragraph after the front lines
            state.purpose[:0] = state.pre
            state.pre = []
        for para in state.pre:
            self._unplace_para(para)
        purpose_lines = [line for p in state.purpose for line in lines_of(p)]
        texts = [p.text for p in (*state.purpose, *state.vision)]
        period = state.period
        for text in texts if period is None else ():
            period = front.find_period(text)
            if period is not None:
                break
        if purpose_lines and self._period_line_added(state.purpose, period):
            purpose_lines = [line for p in state.purpose[:-1] for line in lines_of(p)]
        title = state.title or _("TODO: fill in the title")
        everything = " ".join([title, state.organisation or "", *texts, *state.parties_lines])
        years = state.years or front.title_years(title)
        if period is None:
            if years is not None:
                period = (date(years[0], 1, 1), date(years[1], 12, 31))
                self.notes.append(
                    _(
                        "the document gives no period; the calendar year {years} is taken from it"
                    ).format(years="-".join(str(y) for y in sorted(set(years))))
                )
            elif state.date is not None:
                period = (date(state.date.year, 1, 1), date(state.date.year, 12, 31))
                self.notes.append(
                    _(
                        "the document gives no period; the year of its date, {year}, is taken"
                    ).format(year=state.date.year)
                )
        municipality = (
            state.municipality
            or front.municipality_in(everything)
            or front.municipality_in(self.properties.get("category", ""))
            or self.municipality
            or front_placeholder("municipality", language)
        )
        organisation = (
            state.organisation
            or front.centre_in(title, *texts, *state.parties_lines)
            or front_placeholder("organisation", language)
        )
        parties = self._parties(state)
        data: dict[str, Any] = {
            "title": title,
            "municipality": municipality,
            "organisation": organisation,
            "parties": parties,
        }
        if state.date is not None:
            data["date"] = state.date.isoformat()
        data["period"] = period
        purpose = to_markdown(purpose_lines)
        data["purpose"] = purpose or _("TODO: fill in the purpose")
        vision_text = to_markdown([line for p in state.vision for line in lines_of(p)])
        vision: dict[str, str] = {}
        if state.vision_title:
            vision["title"] = state.vision_title
        vision["text"] = vision_text or _("TODO: fill in the vision")
        data["vision"] = vision
        return data

    def _period_line_added(self, purpose: list[Para], period: tuple[date, date] | None) -> bool:
        """Whether the purpose's last paragraph is the sentence of validity devagree adds
        when it renders a purpose that does not give the period itself.

        A Word file devagree made says so in a property. A PDF it made does not (its
        properties say "unstated"); there the renderer's own rule decides: the sentence word
        for word, after a purpose that lacks the first or the last day. Where the agreement
        could have written the sentence itself, the digest of its purpose that devagree
        stamps on the PDF tells which; when neither reading has that digest, the sentence is
        taken as devagree's, and a note says so.
        """
        last = " ".join(purpose[-1].text.split())
        if front.find_period(last) is None:
            return False
        said = self.properties.get("devagree.period-line")
        if said == "added":
            return True
        if said != "unstated" or period is None:
            return False  # (a Word file devagree made without the sentence says nothing)
        from babel.dates import format_date

        from devagree.i18n import BABEL_LOCALES, gettext_in
        from devagree.signatures.digest import row_digests

        rest = " ".join(" ".join(p.text.split()) for p in purpose[:-1])
        for language, locale in BABEL_LOCALES.items():
            start, end = (str(format_date(day, format="long", locale=locale)) for day in period)
            sentence = gettext_in(language, "The agreement is valid from {start} to {end}.")
            if last != sentence.format(start=start, end=end):
                continue
            if start in rest and end in rest:
                return False  # the renderer adds the sentence only where the period lacks
            recorded = self.properties.get("devagree.purpose-digest", "")
            for added, paragraphs in ((False, purpose), (True, purpose[:-1])):
                text = to_markdown([line for p in paragraphs for line in lines_of(p)])
                if recorded and row_digests({"purpose": text})["agreement.purpose"] == recorded:
                    return added
            self.notes.append(
                _(
                    'the purpose\'s last sentence, "{sentence}", is read as the one devagree '
                    "adds when it renders an agreement, and left out; if the agreement said "
                    "it itself, add it to the purpose again"
                ).format(sentence=last)
            )
            return True
        return False

    def _parties(self, state: _Front) -> list[dict[str, str]]:
        if len(self.signature_parties) >= 2:
            return self.signature_parties
        roles = ["committee", "chief"]
        if state.named:  # "Udvalg | ..." and "Centerchef | ..." rows name them one by one
            return [
                {
                    "role": role,
                    "name": state.named.get(role) or front_placeholder(role, self.language),
                }
                for role in roles
            ]
        names = front.split_parties("\n".join(state.parties_lines))
        parties = [
            {"role": roles[i] if i < 2 else f"party-{i + 1}", "name": name}
            for i, name in enumerate(names)
        ]
        if len(parties) < 2:
            hints = ["committee", "chief"]
            for i in range(len(parties), 2):
                parties.append(
                    {"role": roles[i], "name": front_placeholder(hints[i], self.language)}
                )
        return parties


@dataclass(slots=True)
class _Front:
    period: tuple[date, date] | None = None
    section: str = "pre"
    organisation: str | None = None
    municipality: str | None = None
    date: date | None = None
    title: str | None = None
    years: tuple[int, int] | None = None
    parties_lines: list[str] = field(default_factory=list)
    parties_open: bool = False
    vision_title: str | None = None
    purpose: list[Para] = field(default_factory=list)
    vision: list[Para] = field(default_factory=list)
    pre: list[Para] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)
    """The committee's and the chief's names from rows of their own ("Udvalg", "Centerchef")."""
    opened: Shape | None = None
    """The rank of the heading that opened the purpose or the vision, when it is a heading:
    a heading of its rank or higher ends it ("section" is then "closed")."""


def _rank(para: Para) -> Shape | None:
    return shape_of(para) if para.heading else None


def _has_and(lines: list[str]) -> bool:
    return bool(re.search(r"\s(og|and|&)\s", " ".join(lines)))
