"""A strategy as rich renderables for the terminal (`devagree show` of a strategy).

The title block, then the framing text in the file's order (foreword, vision, values), then
one panel per track: its text, commitments or principles, statement, the UN goals by number
and name, initiatives done, action points with milestones and their resolved due dates, and
the budget lines with money written the Danish way. Pure: no clock, nothing printed here.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from devagree.core.richtext import parse
from devagree.core.strategy_model import Strategy, Track
from devagree.formats.fit import Column, FittedTable, Row, Step
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
from devagree.render.terminal import rich_text
from devagree.strategies.rollup import sdg_name


def strategy_view(
    strategy: Strategy, language: str = "da", track_id: str | None = None
) -> RenderableType:
    """The whole strategy, or only the track ``track_id`` under the title block."""
    parts: list[RenderableType] = [_header(strategy, language)]
    data = strategy.data
    for part in document_parts(strategy):
        if track_id is not None and part != "tracks":
            continue
        if part in ("sections", "closing_sections"):
            parts.extend(_sections(data[part]))
        elif part == "vision":
            vision = data["vision"]
            parts.extend(_titled(vision.get("title") or words(language)["vision"], vision["text"]))
        elif part == "values":
            parts.extend(_values(data["values"], language))
        elif part == "tracks":
            if track_id is None:
                if data.get("tracks_title"):
                    parts.extend((Text(""), Text(data["tracks_title"], style="bold underline")))
                if data.get("tracks_intro"):
                    parts.append(rich_text(parse(data["tracks_intro"])))
            for track, raw in track_data(strategy):
                if track_id is None or track.id == track_id:
                    parts.extend((Text(""), track_panel(track, raw, language)))
    return Group(*parts)


def _header(strategy: Strategy, language: str) -> RenderableType:
    w = words(language)
    data = strategy.data
    lines: list[RenderableType] = [Text(strategy.title, style="bold")]
    if data.get("subtitle"):
        lines.append(Text(data["subtitle"], style="italic"))
    lines.append(Text(f"{strategy.body}, {strategy.municipality}"))
    period = period_text(strategy, language)
    if period:
        lines.append(Text(f"{w['period']}: {period}"))
    if data.get("signed_by"):
        lines.append(Text(data["signed_by"]))
    ids = ", ".join(t.id for t in strategy.tracks)
    lines.append(Text(f"{strategy.id} · {w['tracks'].lower()}: {ids}", style="dim"))
    return Group(*lines)


def _titled(title: str, text: str) -> list[RenderableType]:
    out: list[RenderableType] = [Text(""), Text(title, style="bold underline")]
    if text:
        out.append(rich_text(parse(text)))
    return out


def _sections(sections: list[dict[str, Any]]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for section in sections:
        if section.get("title"):
            out.extend(_titled(section["title"], section["text"]))
        else:
            out.extend((Text(""), rich_text(parse(section["text"]))))
    return out


def _values(values: dict[str, Any], language: str) -> list[RenderableType]:
    out = _titled(values.get("title") or words(language)["values"], values.get("text", ""))
    if values.get("items"):
        out.append(rich_text(texts_blocks(values["items"])))
    if values.get("closing"):
        out.append(rich_text(parse(values["closing"])))
    return out


def track_panel(track: Track, raw: dict[str, Any], language: str) -> Panel:
    """One track in a panel titled with its label and title (and its id, for --track)."""
    w = words(language)
    body: list[RenderableType] = []

    def heading(text: str) -> None:
        body.extend((Text(""), Text(text, style="bold")))

    for part in track_parts(raw):
        if part == "subtitle":
            body.append(Text(raw["subtitle"], style="italic"))
        elif part in ("text", "principles_intro", "statement"):
            body.append(rich_text(parse(raw[part])))
        elif part in ("commitments", "principles"):
            body.append(rich_text(texts_blocks(raw[part])))
        elif part == "slogan":
            body.append(Text(raw["slogan"], style="bold"))
        elif part == "sdgs":
            heading(w["sdgs"])
            if track.sdgs:
                body.append(Text("\n".join(f"• {sdg_name(n, language)}" for n in track.sdgs)))
            else:
                body.append(rich_text(parse(raw["sdgs_text"])))
        elif part == "initiatives":
            heading(w["initiatives"])
            body.append(rich_text(texts_blocks(raw["initiatives_done"], numbered=True)))
        elif part == "actions":
            heading(w["actions"])
            body.extend(_actions(track, raw, language))
        elif part == "budget":
            heading(w["budget"])
            body.extend(_budget(track, raw, language))
        elif part == "sections":
            body.extend(_sections(raw["sections"]))
    title = Text(track_heading(track), style="bold")
    title.append(f"  ({track.id})", style="dim")
    return Panel(Group(*body), title=title, title_align="left", border_style="blue")


def _actions(track: Track, raw: dict[str, Any], language: str) -> list[RenderableType]:
    out: list[RenderableType] = []
    if raw.get("action_points_intro"):
        out.append(rich_text(parse(raw["action_points_intro"])))
    for point in action_points(track, raw):
        out.append(Text(point.title, style="bold"))
        if point.text:
            out.append(rich_text(parse(point.text)))
        for text, milestone in point.milestones:
            entry = Text("  ◆ ")
            entry.append_text(rich_text(parse(text)))
            when = milestone_when(milestone, language)
            if when:
                entry.append(f"\n    → {when}", style="cyan")
            out.append(entry)
    return out


def _budget(track: Track, raw: dict[str, Any], language: str) -> list[RenderableType]:
    w = words(language)
    out: list[RenderableType] = []
    if track.budget:
        rows = []
        for line, line_raw in zip(track.budget, raw.get("budget", ()), strict=True):
            text = rich_text(parse(line.text))
            if line_raw.get("funding"):
                text.append(f"\n{w['funding']}: {line_raw['funding']}", style="italic")
            rows.append(
                Row(
                    {
                        "text": text,
                        "phase": budget_phase(line),
                        "amount": budget_amount(line, language),
                    }
                )
            )
        table = FittedTable(
            [
                Column("text", w["text"], wraps=True, least=16),
                Column("phase", w["phase"], wraps=True, least=10),
                Column("amount", w["amount"], justify="right"),
            ],
            rows,
            [Step("phase", into="text")],
            heading=("amount",),
        )
        out.append(table)
    if raw.get("budget_text"):
        out.append(rich_text(parse(raw["budget_text"])))
    return out
