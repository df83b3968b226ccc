"""Strategy coverage and its roll-ups as a terminal table, JSON or Markdown.

Headings are Danish unless the workbook says ``language: en``; money is written the way the
reader's language writes it, with Babel: ``1.250.000 kr.`` and ``75.000-125.000 kr.`` in
Danish, ``DKK 1,250,000`` in English. The JSON is for programs and keeps its keys and shapes
from version to version (see ``as_json``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from devagree.core.strategy_model import Track
from devagree.formats.fit import Column, FittedTable, Row, Step
from devagree.i18n import N_, Localised, document_language
from devagree.strategies.coverage import Coverage, ItemRef, TrackCoverage
from devagree.strategies.money import format_money
from devagree.strategies.rollup import Money, SdgUse, StrategyBudget, sdg_name, years_label

JSON_VERSION = 1
"""Bumped only when a key of the JSON report changes meaning or disappears."""


@dataclass(frozen=True, slots=True)
class CoverageData:
    """Everything the coverage command shows, computed by the core."""

    coverage: Coverage
    sdgs: tuple[SdgUse, ...]
    budgets: tuple[StrategyBudget, ...]
    language: str = "da"
    errors: int = 0
    """Problems of error severity that `devagree check` reports for these files."""
    left_out: tuple[str, ...] = ()
    """Files not counted because they could not be read or do not pass the schema."""


_WORDS = Localised(
    {
        "title": N_("Strategy coverage"),
        "strategy_line": N_("{covered} of {total} tracks covered ({pct})"),
        "track": N_("Track"),
        "track_title": N_("Title"),
        "items": N_("Agreement items"),
        "none": N_("none"),
        "uncovered": N_("Tracks with no item"),
        "uncovered_none": N_("Every track has at least one item."),
        "tracks_none": N_("No strategy tracks."),
        "unlinked": N_("Items with no strategy link"),
        "unlinked_none": N_("Every item links to a strategy track."),
        "links": N_("links"),
        "overall": N_("Overall coverage"),
        "overall_line": N_("{covered} of {total} tracks ({pct})"),
        "no_tracks": N_("No strategy tracks in the workbook; coverage cannot be measured."),
        "no_strategies": N_("No strategies in the workbook."),
        "sdgs": N_("UN Sustainable Development Goals"),
        "sdg": N_("UN goal"),
        "sdgs_none": N_("No track names a UN goal."),
        "budget": N_("Budget per strategy and year"),
        "year": N_("Year"),
        "amount": N_("Amount"),
        "lines": N_("Lines"),
        "total": N_("Total"),
        "no_year": N_("no year"),
        "unpriced": N_("{n} budget line without an amount is not included."),
        "unpriced_many": N_("{n} budget lines without an amount are not included."),
        "budget_none": N_("No strategy has budget lines."),
        "errors": N_(
            "Note: `devagree check` finds {n} error(s) in these files; broken links are not "
            "counted in the coverage."
        ),
        "left_out": N_("Not counted (unreadable or not valid against the schema): {files}."),
    }
)


def words(language: str) -> Mapping[str, str]:
    return _WORDS.of(language)


def format_percent(value: float | None, language: str = "da", *, fixed: bool = True) -> str:
    """``66,7 %`` in Danish, ``66.7%`` in English; ``-`` when there is nothing to measure.

    ``fixed``: always one decimal (measured shares); else as few as needed (a limit: 70 %).
    """
    from babel.numbers import format_decimal  # lazily: `devagree --help` stays light

    if value is None:
        return "-"
    locale = document_language(language)
    number = format_decimal(value, format="0.0" if fixed else None, locale=locale)
    return f"{number}%" if language == "en" else f"{number} %"


def _item(ref: ItemRef) -> str:
    return f"{ref.agreement} #{ref.number} {ref.title}"


def _track_name(track: Track) -> str:
    return f"{track.label} ({track.id})" if track.label else track.id


def _notices(report: CoverageData) -> list[str]:
    w = words(report.language)
    notes = []
    if report.errors:
        notes.append(w["errors"].format(n=report.errors))
    if report.left_out:
        notes.append(w["left_out"].format(files=", ".join(report.left_out)))
    return notes


# --- table -----------------------------------------------------------------------------------


def table(report: CoverageData) -> RenderableType:
    """The terminal view: a table per strategy, the gaps, the total, then the roll-ups."""
    lang = report.language
    w = words(lang)
    cov = report.coverage
    head: list[RenderableType] = [Text(w["title"], style="bold underline")]
    head += [Text(note, style="yellow") for note in _notices(report)]
    sections: list[RenderableType] = [Group(*head)]
    if not cov.strategies:
        sections.append(Text(w["no_strategies"]))
    for sc in cov.strategies:
        s = sc.strategy
        heading = w["strategy_line"].format(
            covered=sc.covered, total=sc.total, pct=format_percent(sc.percent, lang)
        )
        rows = [
            Row(
                {
                    "track": _track_name(tc.track),
                    "title": tc.track.title,
                    "items": Text("\n".join(_item(ref) for ref in tc.items))
                    if tc.covered
                    else Text(w["none"], style="red"),
                }
            )
            for tc in sc.tracks
        ]
        out = FittedTable(
            [
                Column("track", w["track"], wraps=True, least=10),
                Column("title", w["track_title"], wraps=True, least=14),
                Column("items", w["items"], wraps=True, least=16),
            ],
            rows,
            [Step("title", into="track")],
            title=Text(f"{s.title} ({s.id}): {heading}"),
            heading=("track",),
        )
        sections.append(out)
    sections.append(
        _list(
            w["uncovered"],
            [f"{tc.strategy}#{tc.track.id} {tc.track.title}" for tc in cov.uncovered],
            w["uncovered_none" if cov.total else "tracks_none"],
        )
    )
    sections.append(
        _list(w["unlinked"], [_unlinked(ref, w) for ref in cov.unlinked], w["unlinked_none"])
    )
    sections.append(Group(Text(w["overall"], style="bold"), Text("  " + _overall(cov, lang))))
    sections.append(_sdg_table(report.sdgs, lang))
    sections.append(_budget_tables(report.budgets, lang))
    spaced: list[RenderableType] = []
    for section in sections:
        if spaced:
            spaced.append(Text(""))
        spaced.append(section)
    return Group(*spaced)


def _list(heading: str, lines: list[str], empty: str) -> RenderableType:
    """A heading and its entries, each wrapped under its own start rather than the dash."""
    if not lines:
        return Group(Text(heading, style="bold"), Text("  " + empty))
    entries = Table.grid(padding=(0, 1, 0, 0))
    entries.add_column(no_wrap=True)
    entries.add_column()
    for line in lines:
        entries.add_row("  -", line)
    return Group(Text(heading, style="bold"), entries)


def _unlinked(ref: ItemRef, w: Mapping[str, str]) -> str:
    links = f" ({w['links']}: {', '.join(ref.links)})" if ref.links else ""
    return _item(ref) + links


def _overall(cov: Coverage, language: str) -> str:
    w = words(language)
    if not cov.total:
        return w["no_tracks"]
    return w["overall_line"].format(
        covered=cov.covered, total=cov.total, pct=format_percent(cov.percent, language)
    )


def _sdg_table(uses: tuple[SdgUse, ...], language: str) -> RenderableType:
    w = words(language)
    if not uses:
        return Group(Text(w["sdgs"], style="bold"), Text("  " + w["sdgs_none"]))
    rows = [
        Row(
            {
                "sdg": sdg_name(use.number, language),
                "tracks": "\n".join(f"{t.strategy}#{t.track} {t.title}" for t in use.tracks),
            }
        )
        for use in uses
    ]
    return FittedTable(
        [
            Column("sdg", w["sdg"], wraps=True, least=14),
            Column("tracks", w["track"], wraps=True, least=16),
        ],
        rows,
        title=Text(w["sdgs"], style="bold"),
        heading=("sdg",),
    )


def _budget_tables(budgets: tuple[StrategyBudget, ...], language: str) -> RenderableType:
    w = words(language)
    if not budgets:
        return Group(Text(w["budget"], style="bold"), Text("  " + w["budget_none"]))
    parts: list[RenderableType] = [Text(w["budget"], style="bold")]
    for budget in budgets:
        rows = [
            Row(
                {
                    "year": years_label(year.years, w["no_year"]),
                    "amount": format_money(year.total, language),
                    "lines": str(year.lines),
                }
            )
            for year in budget.years
        ]
        total = budget.total
        if total is not None:
            rows.append(
                Row(
                    {
                        "year": w["total"],
                        "amount": format_money(total, language),
                        "lines": str(sum(y.lines for y in budget.years)),
                    },
                    style="bold",
                )
            )
        out = FittedTable(
            [
                Column("year", w["year"], wraps=True, least=9),
                Column("amount", w["amount"], justify="right"),
                Column("lines", w["lines"], justify="right"),
            ],
            rows,
            title=Text(f"{budget.title} ({budget.strategy})"),
            caption=_unpriced(budget.unpriced, w) if budget.unpriced else None,
            heading=("year",),
        )
        parts.append(out)
    return Group(*parts)


def _unpriced(n: int, w: Mapping[str, str]) -> str:
    return w["unpriced" if n == 1 else "unpriced_many"].format(n=n)


# --- Markdown --------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(report: CoverageData) -> str:
    """The same sections as the table, as Markdown for a wiki, an issue or a CI summary."""
    lang = report.language
    w = words(lang)
    cov = report.coverage
    lines = [f"# {w['title']}", ""]
    for note in _notices(report):
        lines += [f"> {note}", ""]
    if not cov.strategies:
        lines += [w["no_strategies"], ""]
    for sc in cov.strategies:
        s = sc.strategy
        lines += [f"## {_cell(s.title)} (`{s.id}`)", ""]
        lines += [
            w["strategy_line"].format(
                covered=sc.covered, total=sc.total, pct=format_percent(sc.percent, lang)
            )
            + ".",
            "",
        ]
        lines += [f"| {w['track']} | {w['track_title']} | {w['items']} |", "|---|---|---|"]
        for tc in sc.tracks:
            items = (
                "<br>".join(_cell(_item(ref)) for ref in tc.items)
                if tc.covered
                else f"*{w['none']}*"
            )
            name = (
                f"{_cell(tc.track.label)} (`{tc.track.id}`)"
                if tc.track.label
                else (f"`{tc.track.id}`")
            )
            lines.append(f"| {name} | {_cell(tc.track.title)} | {items} |")
        lines.append("")
    lines += [f"## {w['uncovered']}", ""]
    uncovered = [f"- `{tc.strategy}#{tc.track.id}` {_cell(tc.track.title)}" for tc in cov.uncovered]
    lines += (uncovered or [w["uncovered_none" if cov.total else "tracks_none"]]) + [""]
    lines += [f"## {w['unlinked']}", ""]
    unlinked = [f"- {_cell(_unlinked(ref, w))}" for ref in cov.unlinked]
    lines += (unlinked or [w["unlinked_none"]]) + [""]
    lines += [f"## {w['overall']}", "", _overall(cov, lang) + ".", ""]
    lines += [f"## {w['sdgs']}", ""]
    if report.sdgs:
        lines += [f"| {w['sdg']} | {w['track']} |", "|---|---|"]
        for use in report.sdgs:
            tracks = "<br>".join(f"`{t.strategy}#{t.track}` {_cell(t.title)}" for t in use.tracks)
            lines.append(f"| {sdg_name(use.number, lang)} | {tracks} |")
    else:
        lines.append(w["sdgs_none"])
    lines += ["", f"## {w['budget']}", ""]
    if not report.budgets:
        lines += [w["budget_none"], ""]
    for budget in report.budgets:
        lines += [f"### {_cell(budget.title)} (`{budget.strategy}`)", ""]
        if budget.years:
            lines += [f"| {w['year']} | {w['amount']} | {w['lines']} |", "|---|--:|--:|"]
            for year in budget.years:
                lines.append(
                    f"| {years_label(year.years, w['no_year'])} | "
                    f"{format_money(year.total, lang)} | {year.lines} |"
                )
            total = budget.total
            assert total is not None
            lines.append(
                f"| **{w['total']}** | **{format_money(total, lang)}** | "
                f"{sum(y.lines for y in budget.years)} |"
            )
            lines.append("")
        if budget.unpriced:
            lines += [_unpriced(budget.unpriced, w), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- JSON ------------------------------------------------------------------------------------


def _ref(ref: ItemRef) -> dict[str, Any]:
    return {
        "agreement": ref.agreement,
        "number": ref.number,
        "title": ref.title,
        "file": ref.source,
        "links": list(ref.links),
    }


def _track(tc: TrackCoverage) -> dict[str, Any]:
    return {
        "strategy": tc.strategy,
        "id": tc.track.id,
        "label": tc.track.label,
        "title": tc.track.title,
        "sdgs": list(tc.track.sdgs),
        "covered": tc.covered,
        "items": [_ref(ref) for ref in tc.items],
    }


def _money(money: Money | None) -> dict[str, Any] | None:
    if money is None:
        return None
    return {"low": money.low, "high": money.high, "approximate": money.approximate}


def as_data(report: CoverageData) -> dict[str, Any]:
    """The report as plain data; see ``as_json`` for its shape."""
    cov = report.coverage
    return {
        "version": JSON_VERSION,
        "language": report.language,
        "summary": {
            "tracks": cov.total,
            "covered": cov.covered,
            "percent": cov.percent,
            "unlinked_items": len(cov.unlinked),
        },
        "strategies": [
            {
                "id": sc.strategy.id,
                "title": sc.strategy.title,
                "file": sc.strategy.source,
                "tracks_total": sc.total,
                "tracks_covered": sc.covered,
                "percent": sc.percent,
                "tracks": [_track(tc) for tc in sc.tracks],
            }
            for sc in cov.strategies
        ],
        "uncovered_tracks": [
            {"strategy": tc.strategy, "id": tc.track.id, "title": tc.track.title}
            for tc in cov.uncovered
        ],
        "unlinked_items": [_ref(ref) for ref in cov.unlinked],
        "sdgs": [
            {
                "number": use.number,
                "name": sdg_name(use.number, report.language),
                "tracks": [
                    {"strategy": t.strategy, "id": t.track, "title": t.title} for t in use.tracks
                ],
            }
            for use in report.sdgs
        ],
        "budget": [
            {
                "strategy": b.strategy,
                "title": b.title,
                "years": [
                    {"years": list(y.years), "lines": y.lines, **(_money(y.total) or {})}
                    for y in b.years
                ],
                "total": _money(b.total),
                "unpriced_lines": b.unpriced,
            }
            for b in report.budgets
        ],
        "problems": {"errors": report.errors, "left_out": list(report.left_out)},
    }


def as_json(report: CoverageData) -> str:
    """Stable JSON (``version`` 1); keys are English whatever the workbook's language.

    ``summary``: ``tracks``, ``covered``, ``percent`` (one decimal, null without tracks),
    ``unlinked_items``. ``strategies[]``: ``id``, ``title``, ``file``, ``tracks_total``,
    ``tracks_covered``, ``percent``, ``tracks[]`` (``strategy``, ``id``, ``label``,
    ``title``, ``sdgs``, ``covered``, ``items[]``). An item is ``agreement``, ``number``,
    ``title``, ``file``, ``links``. ``uncovered_tracks[]``: ``strategy``, ``id``, ``title``.
    ``unlinked_items[]``: items. ``sdgs[]``: ``number``, ``name`` (workbook language),
    ``tracks[]``. ``budget[]``: ``strategy``, ``title``, ``years[]`` (``years``: the years
    the lines name, ``[]`` for none; ``low``, ``high`` in whole DKK, equal for an amount;
    ``approximate``; ``lines``), ``total`` (same money keys, or null), ``unpriced_lines``.
    ``problems``: ``errors`` (error-severity problems `check` reports), ``left_out`` (files
    not counted).
    """
    return json.dumps(as_data(report), ensure_ascii=False, indent=2)
