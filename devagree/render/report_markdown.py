"""The follow-up report as Markdown that reads well on a git host (GitHub, GitLab).

A table per agreement with a traffic-light emoji and its word (never colour alone), then per
item its latest note and its history. Cell text is escaped so a note cannot break a table.
"""

from __future__ import annotations

from datetime import date

from devagree.core.richtext import Block, BulletList, NumberedList, Paragraph, Run, parse
from devagree.followup.report_model import (
    REPORT_TEXT,
    Light,
    Report,
    ReportItem,
    days_over,
    light_word,
    state_label,
)
from devagree.i18n import _, date_in

EMOJI: dict[Light, str] = {
    Light.GREEN: "🟢",
    Light.YELLOW: "🟡",
    Light.RED: "🔴",
    Light.GREY: "⚪",
}

_SPECIAL = "\\`*_[]<>|#"


def escape(text: str) -> str:
    """Text that Markdown shows as it is (also inside a table cell)."""
    out = "".join(f"\\{c}" if c in _SPECIAL else c for c in text)
    return " ".join(out.split())


def _runs(runs: tuple[Run, ...]) -> str:
    parts: list[str] = []
    for run in runs:
        text = escape(run.text)
        if text.strip() and run.bold:
            text = f"**{text}**"
        if text.strip() and run.italic:
            text = f"*{text}*"
        parts.append(text)
    return "".join(parts)


def inline(blocks: tuple[Block, ...]) -> str:
    """Rich text on one line (for a table cell): entries joined with <br>, bullets as •."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(_runs(block.runs))
        elif isinstance(block, BulletList):
            lines.extend(f"{'  ' * e.level}• {_runs(e.runs)}" for e in block.items)
        elif isinstance(block, NumberedList):
            lines.extend(
                f"{number}. {_runs(e.runs)}" for number, e in enumerate(block.items, block.start)
            )
    return "<br>".join(lines)


def light_cell(light: Light, language: str) -> str:
    return f"{EMOJI[light]} {light_word(light, language)}"


def render_markdown(report: Report, charts: tuple[str, str] | None = None) -> str:
    """The whole report as Markdown text.

    ``charts`` names the two SVG pictures written beside the report (states, deadlines),
    relative to it; they are shown after the overview and after the overdue list.
    """
    language = report.language
    t = REPORT_TEXT[language]

    def day(value: date | None) -> str:
        return _day(value, language)

    lines = [f"# {t['title']}", ""]
    lines.append(f"**{t['as_of'].format(day=day(report.as_of))}**  ")
    for period in report.periods:
        lines.append(f"{t['period']}: {day(period.start)} \u2013 {day(period.end)}  ")
    lines += ["", f"## {t['overview']}", "", f"| {t['state']} | {t['count']} |", "|---|---:|"]
    for state, count in report.counts.items():
        lines.append(f"| {escape(state_label(state, language))} | {count} |")
    lines.append(f"| **{t['total']}** | **{len(report.items)}** |")
    lines += ["", f"| {t['light']} | {t['count']} |", "|---|---:|"]
    for light, count in report.light_counts.items():
        lines.append(f"| {light_cell(light, language)} | {count} |")
    if charts:
        lines += ["", f"![{escape(_('Items by state and traffic light'))}]({_url(charts[0])})"]
    lines += ["", f"### {t['overdue']}", ""]
    if report.overdue:
        titles = {a.id: a.title for a in report.agreements}
        for item in report.overdue:
            lines.append(
                f"- {EMOJI[Light.RED]} {escape(titles[item.agreement_id])}, "
                f"{t['item'].lower()} {item.number}: **{escape(item.title)}** "
                f"({t['due'].lower()} {day(item.due)}, {days_over(item, language)}; "
                f"{t['owner'].lower()}: {escape(item.owner)})"
            )
    else:
        lines.append(t["no_overdue"])
    lines += ["", f"_{t['legend']}_", ""]
    if charts:
        described = _(
            "Each mark is an item's due date; a bar shows the period its deadline names. "
            "The dashed line is {day}."
        ).format(day=day(report.as_of))
        lines += [f"### {escape(_('Deadlines over time'))}", ""]
        lines += [f"![{escape(described)}]({_url(charts[1])})", ""]
    for agreement in report.agreements:
        lines += [f"## {escape(agreement.title)}", ""]
        lines.append(
            f"{escape(agreement.organisation)} · {day(agreement.period.start)} \u2013 "
            f"{day(agreement.period.end)} · `{agreement.id}`"
        )
        head = [t["number"], t["item"], t["owner"], t["deadline"], t["due"], t["light"]]
        head += [t["state"], t["note"]]
        lines += ["", "| " + " | ".join(head) + " |", "|---:|---|---|---|---|---|---|---|"]
        for item in agreement.items:
            lines.append(_row(item, language, day(item.due) if item.due else t["continuous"]))
        for item in agreement.items:
            lines += ["", *_details(item, language)]
        lines.append("")
    if report.others:
        lines += [f"## {t['others']}", "", t["others_intro"].format(day=day(report.as_of)), ""]
        for other in report.others:
            lines.append(
                f"- **{escape(other.title)}** (`{other.id}`), {escape(other.organisation)}, "
                f"{day(other.period.start)} \u2013 {day(other.period.end)}, "
                f"{t['signed'] if other.signed else t['draft']}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _url(name: str) -> str:
    """A relative link that survives spaces and other characters in a file name."""
    from urllib.parse import quote

    return quote(name)


def _row(item: ReportItem, language: str, due: str) -> str:
    state = escape(state_label(item.state, language))
    if item.overdue:
        state += f" ({days_over(item, language)})"
    cells = (
        str(item.number),
        f"**{escape(item.title)}**",
        escape(item.owner),
        escape(item.deadline),
        due,
        light_cell(item.light, language),
        state,
        inline(parse(item.note)) if item.note else "",
    )
    return "| " + " | ".join(cells) + " |"


def _day(value: date | None, language: str) -> str:
    return date_in(language, value) if value is not None else "\u2013"


def _details(item: ReportItem, language: str) -> list[str]:
    t = REPORT_TEXT[language]
    lines = [f"### {item.number}. {escape(item.title)} — {light_cell(item.light, language)}", ""]
    if not item.history:
        return [*lines, t["no_history"]]
    lines += [f"| {t['date']} | {t['state']} | {t['entry_note']} |"]
    lines.append("|---|---|---|")
    for entry in item.history:
        when = _day(entry.as_of, language)
        note = inline(parse(entry.note)) if entry.note else ""
        lines.append(f"| {when} | {escape(state_label(entry.state, language))} | {note} |")
    return lines
