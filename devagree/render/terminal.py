"""An agreement as rich renderables for the terminal (`devagree show`).

Labels in the workbook's language, rich text as text (bullets as "•", numbered lists
numbered), deadlines with their due dates, overdue in red and marked in words as well (so
it shows without colour), and the latest status with its note. Pure: takes the day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from devagree.core.model import ROWS, STATE_LABELS, Agreement, Item, Party, role_label
from devagree.core.richtext import Block, BulletList, NumberedList, Paragraph, Run, parse_texts
from devagree.formats.fit import LabelledRows
from devagree.i18n import N_, Localised, date_in, document_language

WORDS = Localised(
    {
        "parties": N_("Parties"),
        "period": N_("Validity"),
        "date": N_("Date"),
        "purpose": N_("Purpose"),
        "number": N_("Item"),
        "status": N_("Status"),
        "note": N_("Note"),
        "overdue": N_("OVERDUE"),
        "days": N_("{n} days overdue"),
        "day": N_("1 day overdue"),
        "continuous": N_("continuous"),
        "unreadable": N_("unreadable"),
        "no_status": N_("not started (no status recorded)"),
        "signatures": N_("Signatures"),
        "unsigned": N_("not signed"),
    }
)


def rich_text(blocks: tuple[Block, ...]) -> Text:
    """Rich-text blocks as terminal text: one line per paragraph or list entry."""
    out = Text()
    for block in blocks:
        if isinstance(block, Paragraph):
            _line(out, "", block.runs)
        elif isinstance(block, BulletList):
            for entry in block.items:
                _line(out, "  " * entry.level + "• ", entry.runs)
        elif isinstance(block, NumberedList):
            for number, entry in enumerate(block.items, block.start):
                _line(out, "  " * entry.level + f"{number}. ", entry.runs)
    out.rstrip()
    return out


def _line(out: Text, prefix: str, runs: tuple[Run, ...]) -> None:
    if out:
        out.append("\n")
    out.append(prefix)
    for run in runs:
        style = " ".join(s for s, on in (("bold", run.bold), ("italic", run.italic)) if on)
        out.append(run.text, style=style or None)


def _words(language: str) -> Mapping[str, str]:
    return WORDS.of(language)


def _party(party: Party, language: str) -> str:
    """The party's name, with its title or its role in words (never the role's identifier)."""
    described = party.title or role_label(party.role, language)
    return f"{party.name} ({described})" if described else party.name


def agreement_header(agreement: Agreement, language: str) -> RenderableType:
    """Title, organisation, parties, period (and signatures) above the items."""
    w = _words(language)
    lang = document_language(language)
    period = agreement.period
    rows: list[tuple[str, RenderableType]] = [
        (w["parties"], Text("\n".join(_party(p, lang) for p in agreement.parties))),
        (w["period"], Text(f"{date_in(lang, period.start)} \u2013 {date_in(lang, period.end)}")),
    ]
    if agreement.date is not None:
        rows.append((w["date"], Text(date_in(lang, agreement.date))))
    roles = {p.role: p for p in agreement.parties}
    signed = "\n".join(
        f"{_party(roles[s.party], lang) if s.party in roles else s.party}: "
        f"{s.name} ({date_in(lang, s.date)})"
        for s in agreement.signatures
    )
    rows.append((w["signatures"], Text(signed or w["unsigned"])))
    grid = LabelledRows(rows)
    title = Text(agreement.title, style="bold")
    subtitle = Text(f"{agreement.organisation}, {agreement.municipality}")
    return Group(title, subtitle, Text(agreement.id, style="dim"), Text(""), grid)


def item_panel(item: Item, as_of: date, language: str) -> Panel:
    """One item: its twelve rows, the deadline resolved, and its latest status."""
    w = _words(language)
    lang = document_language(language)
    rows: list[tuple[str, RenderableType]] = []
    overdue = item.is_overdue(as_of)
    for row in ROWS:
        label = row.label_in(lang)
        if row.key == "deadline":
            rows.append((label, _deadline(item, as_of, lang)))
        else:
            rows.append((label, rich_text(parse_texts(item.rows[row.key]))))
    status = item.status
    labels = STATE_LABELS[lang]
    if status is None:
        rows.append((w["status"], Text(w["no_status"], style="red" if overdue else "")))
    else:
        when = f" ({date_in(lang, status.as_of)})" if status.as_of else ""
        rows.append(
            (w["status"], Text(labels[status.state] + when, style="red" if overdue else ""))
        )
        if status.note:
            rows.append((w["note"], rich_text(parse_texts(status.note))))
    table = LabelledRows(rows)
    title = Text(f"{w['number']} {item.number}: {item.title}", style="bold")
    if overdue:
        title.append(f"  [{w['overdue']}]", style="bold red")
    return Panel(
        table,
        title=title,
        title_align="left",
        border_style="red" if overdue else "blue",
    )


def _deadline(item: Item, as_of: date, language: str) -> Text:
    w = _words(language)
    due = item.due
    if due is None:
        if item.deadline is None and item.pinned_due is None:
            return Text(f"{item.deadline_text} ({w['unreadable']})", style="yellow")
        return Text(f"{item.deadline_text} ({w['continuous']})")
    text = Text(f"{item.deadline_text} → {date_in(language, due)}")
    if item.is_overdue(as_of):
        days = (as_of - due).days
        late = w["day"] if days == 1 else w["days"].format(n=days)
        text.append(f"  {w['overdue']}: {late}", style="bold red")
        text.stylize("red", 0, len(item.deadline_text))
    return text


def agreement_view(
    agreement: Agreement, as_of: date, language: str = "da", number: int | None = None
) -> RenderableType:
    """The whole agreement, or only item ``number``, ready to print."""
    parts: list[RenderableType] = [agreement_header(agreement, language), Text("")]
    for item in agreement.items:
        if number is None or item.number == number:
            parts.append(item_panel(item, as_of, language))
    return Group(*parts)
