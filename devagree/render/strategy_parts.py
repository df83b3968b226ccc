"""What a strategy shows, in its own order, for the terminal view and the Word document.

A strategy is read in the order its author wrote it: the seeds differ (one puts the
commitments before the track's text, another the foreword before the vision), and the YAML
keeps the order of each document. So the parts of the document and of each track follow the
order of the keys in the file; both renderers walk the same parts with the same labels and
differ only in how they draw them. Pure: no printing, no clock, no Word, no terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from devagree.core.richtext import Block, BulletList, ListItem, NumberedList, Paragraph, parse
from devagree.core.strategy_model import BudgetLine, Milestone, Strategy, Track
from devagree.i18n import N_, Localised, document_language

WORDS = Localised(
    {
        "vision": N_("Vision"),
        "values": N_("Values"),
        "period": N_("Period"),
        "date": N_("Date"),
        "body": N_("Committee"),
        "sdgs": N_("Relation to the UN Sustainable Development Goals"),
        "initiatives": N_("Initiatives carried out"),
        "actions": N_("Current action points and milestones"),
        "milestones": N_("Milestones"),
        "budget": N_("Budget implications"),
        "text": N_("Text"),
        "phase": N_("Phase"),
        "amount": N_("Amount"),
        "funding": N_("Funding"),
        "no_amount": N_("no amount"),
        "continuous": N_("continuous"),
        "unreadable": N_("unreadable"),
        "tracks": N_("Tracks"),
    }
)

_TOP_GROUPS: dict[str, str] = {
    "sections": "sections",
    "vision": "vision",
    "values": "values",
    "tracks_title": "tracks",
    "tracks_intro": "tracks",
    "tracks": "tracks",
    "closing_sections": "closing_sections",
}

_TRACK_GROUPS: dict[str, str] = {
    "subtitle": "subtitle",
    "text": "text",
    "commitments": "commitments",
    "principles_intro": "principles_intro",
    "principles": "principles",
    "statement": "statement",
    "slogan": "slogan",
    "sdgs": "sdgs",
    "sdgs_text": "sdgs",
    "initiatives_done": "initiatives",
    "action_points_intro": "actions",
    "action_points": "actions",
    "budget": "budget",
    "budget_text": "budget",
    "sections": "sections",
}
"""Keys that show together (the SDG numbers and their text, ...) form one part."""


def words(language: str) -> Mapping[str, str]:
    return WORDS.of(language)


def _groups(data: dict[str, Any], groups: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(groups[key] for key in data if key in groups and data[key]))


def document_parts(strategy: Strategy) -> list[str]:
    """The parts after the title block, in the file's order: sections, vision, values, ..."""
    return _groups(strategy.data, _TOP_GROUPS)


def track_parts(raw: dict[str, Any]) -> list[str]:
    """The parts of one track (its data), in the file's order."""
    return _groups(raw, _TRACK_GROUPS)


def track_data(strategy: Strategy) -> Iterator[tuple[Track, dict[str, Any]]]:
    """Each track's model beside its plain data (which holds every text)."""
    yield from zip(strategy.tracks, strategy.data["tracks"], strict=True)


def track_heading(track: Track) -> str:
    """The label and title ("Første pejlemærke: Recovery og rehabilitering"), or the title."""
    return f"{track.label}: {track.title}" if track.label else track.title


def texts_blocks(texts: list[str], numbered: bool = False) -> tuple[Block, ...]:
    """A list of texts as one list, one entry each.

    A text that is more than one paragraph (a principle with its own intro and bullets)
    keeps its own blocks between the entries, so nothing is squeezed into one line.
    """
    blocks: list[Block] = []
    entries: list[ListItem] = []

    def flush() -> None:
        if entries:
            blocks.append(NumberedList(tuple(entries)) if numbered else BulletList(tuple(entries)))
            entries.clear()

    for text in texts:
        parsed = parse(text)
        if len(parsed) == 1 and isinstance(parsed[0], Paragraph):
            entries.append(ListItem(parsed[0].runs))
        else:
            flush()
            blocks.extend(parsed)
    flush()
    return tuple(blocks)


@dataclass(frozen=True, slots=True)
class ActionPoint:
    title: str
    text: str
    milestones: tuple[tuple[str, Milestone], ...]
    """Each milestone's text beside its model (with the resolved due date)."""


def action_points(track: Track, raw: dict[str, Any]) -> tuple[ActionPoint, ...]:
    """The track's action points with their milestones matched to the model's."""
    models = iter(track.milestones)
    points: list[ActionPoint] = []
    for point in raw.get("action_points", ()):
        milestones = tuple((m["text"], next(models)) for m in point.get("milestones", ()))
        points.append(ActionPoint(point["title"], point.get("text", ""), milestones))
    return tuple(points)


def milestone_when(milestone: Milestone, language: str) -> str:
    """The expression with its due date ("efteråret 2020 (30. november 2020)"), or ""."""
    from devagree.i18n import date_in

    w = words(language)
    lang = document_language(language)
    due = milestone.due
    text = milestone.deadline_text
    if due is None:
        if not text:
            return ""
        return f"{text} ({w['unreadable']})" if milestone.deadline is None else text
    when = date_in(lang, due)
    return f"{text} ({when})" if text else when


def budget_phase(line: BudgetLine) -> str:
    """The phase, with the budget years when the line names them: "Designfasen (2021)"."""
    years = ", ".join(str(y) for y in line.years)
    if line.phase and years:
        return f"{line.phase} ({years})"
    return line.phase or years


def budget_amount(line: BudgetLine, language: str) -> str:
    """``40.000 kr.``, ``75.000-125.000 kr.``, ``ca. 100.000 kr.``; "" without an amount."""
    from devagree.strategies.money import format_money, line_money

    money = line_money(line)
    return format_money(money, language) if money is not None else ""


def period_text(strategy: Strategy, language: str) -> str:
    """From the first to the last day in long dates; "" when the strategy names no period."""
    from devagree.i18n import date_in

    if strategy.period is None:
        return ""
    lang = document_language(language)
    start, end = strategy.period.start, strategy.period.end
    return f"{date_in(lang, start)} \u2013 {date_in(lang, end)}"
