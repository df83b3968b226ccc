"""The deadline list as a table, JSON, CSV, or an iCalendar file for calendars.

Strategy milestones appear beside agreement items: in the table the "#" column holds the
track's id and the state reads "milepæl" (a milestone has no follow-up state); they are
never overdue, so never red nor an ``::error`` annotation.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from devagree.core.model import state_labels
from devagree.deadlines.deadline import PRECISION_LABELS
from devagree.followup.schedule import DeadlineRow
from devagree.formats.fit import Column, FittedTable, Row, Step
from devagree.i18n import N_, Localised, date_in, gettext_in, ngettext_in


@dataclass(frozen=True, slots=True)
class ListOptions:
    as_of: date
    language: str = "da"


_WORDS = Localised(
    {
        "title": N_("Deadlines as of {day}"),
        "overdue": N_("{n} {days} overdue"),
        "left": N_("{n} {days} left"),
        "ago": N_("{n} {days} ago"),
        "day": N_("day"),
        "days": N_("days"),
        "unreadable": N_("unreadable"),
        "empty": N_("No deadlines match."),
        "milestone": N_("milestone"),
        "Milestone": N_("Milestone"),
        "track": N_("Track"),
        "body": N_("Committee"),
        "owner": N_("Owner"),
    }
)
_COLUMNS = (
    Column("agreement", N_("Agreement"), wraps=True, least=10),
    Column("number", "#"),
    Column("title", N_("Title"), wraps=True, least=14),
    Column("deadline", N_("Deadline"), wraps=True, least=10),
    Column("due", N_("Due")),
    Column("precision", N_("Precision")),
    Column("state", N_("State"), wraps=True, least=10),
    Column("days", N_("Days"), wraps=True, least=10),
    Column("owner", N_("Owner"), wraps=True, least=12),
)
_NARROWER = (
    Step("precision"),
    Step("deadline", into="due"),
    Step("days", into="due"),
    Step("agreement", into="title"),
)
"""What gives way first on a narrow terminal; the title, due date, state and owner stay."""


def _days(row: DeadlineRow, words: Mapping[str, object]) -> str:
    if row.days_left is None:
        return ""
    if row.overdue:
        key, n = "overdue", -row.days_left
    elif row.days_left >= 0:
        key, n = "left", row.days_left
    else:
        key, n = "ago", -row.days_left
    unit = words["day"] if n == 1 else words["days"]
    return str(words[key]).format(n=n, days=unit)


def _state(row: DeadlineRow, language: str) -> str:
    if row.kind == "milestone":
        return str(_WORDS.of(language)["milestone"])
    return state_labels(language)[row.state]


def table(rows: list[DeadlineRow], options: ListOptions) -> FittedTable:
    """A terminal table in the workbook's language, overdue items in red, fitted to the
    terminal's width when printed."""
    language = options.language
    words = _WORDS.of(language)
    columns = [Column(c.key, gettext_in(language, c.header), c.wraps, c.least) for c in _COLUMNS]
    lines = []
    for row in rows:
        if row.due:
            due = date_in(language, row.due)
        else:
            due = str(words["unreadable"]) if row.precision is None else "-"
        cells = {
            "agreement": row.agreement,
            "number": str(row.item),
            "title": row.title,
            "deadline": row.deadline,
            "due": due,
            "precision": PRECISION_LABELS.of(language)[row.precision] if row.precision else "",
            "state": _state(row, language),
            "days": _days(row, words),
            "owner": row.owner,
        }
        lines.append(Row(cells, style="red" if row.overdue else None))
    return FittedTable(
        columns,
        lines,
        _NARROWER,
        title=str(words["title"]).format(day=date_in(language, options.as_of)),
        caption=None if rows else str(words["empty"]),
        heading=("number", "title"),
    )


def as_json(rows: list[DeadlineRow], options: ListOptions) -> str:
    return json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2)


def as_csv(rows: list[DeadlineRow], options: ListOptions) -> str:
    buffer = io.StringIO()
    fields = list(DeadlineRow.__slots__)
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.as_dict())
    return buffer.getvalue()


def ics(rows: list[DeadlineRow], options: ListOptions) -> str:
    """One all-day event per due date; the UID is the item's, so a re-import updates it.

    A milestone's UID is ``<strategy>-<track>-milestone-<n>@devagree``, n its place among
    the track's milestones.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//devagree//deadlines//DA")
    calendar.add("version", "2.0")

    def say(message: str) -> str:
        return gettext_in(options.language, message)

    calendar.add("x-wr-calname", say(N_("Development agreements: deadlines")))
    stamp = datetime.combine(options.as_of, time(0, 0), tzinfo=UTC)
    for row in rows:
        if row.due is None:
            continue
        event = Event()
        if row.kind == "milestone":
            event.add("uid", f"{row.agreement}-{row.item}-milestone-{row.milestone}@devagree")
            summary = say(N_("Milestone: {title} ({document} {track})")).format(
                title=row.title, document=row.agreement, track=row.item
            )
            description = say(
                N_(
                    "Milestone of track {track}: {title}\nDeadline: {deadline}\n"
                    "Committee: {owner}\nFile: {file}"
                )
            ).format(
                track=row.item,
                title=row.title,
                deadline=row.deadline,
                owner=row.owner,
                file=row.file,
            )
        else:
            event.add("uid", f"{row.agreement}-item-{row.item}@devagree")
            summary = say(N_("Deadline: {title} ({document} #{number})")).format(
                title=row.title, document=row.agreement, number=row.item
            )
            description = say(
                N_("Item {number}: {title}\nDeadline: {deadline}\nOwner: {owner}\nFile: {file}")
            ).format(
                number=row.item,
                title=row.title,
                deadline=row.deadline,
                owner=row.owner,
                file=row.file,
            )
        event.add("dtstamp", stamp)
        event.add("dtstart", row.due)
        event.add("dtend", row.due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("categories", ["devagree", row.agreement])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(rows: list[DeadlineRow], options: ListOptions) -> str:
    """GitHub Actions annotations: ::error for overdue items, ::warning for upcoming ones.

    The annotation names the file (the rows carry no line numbers). Closed items (done,
    cancelled, ...) are not annotated; combine with --within for a reminder job. Strategy
    milestones are warnings while they are ahead (due today or later), else not annotated.
    """
    words = _WORDS.of(options.language)
    labels = state_labels(options.language)
    lines: list[str] = []
    for row in rows:
        if row.kind == "milestone":
            if row.due is None or row.days_left is None or row.days_left < 0:
                continue
            due = date_in(options.language, row.due)
            level = "warning"
            title = f"{row.agreement} {row.item}: {_days(row, words)}"
            message = (
                f"{words['Milestone']}: {row.title}: {row.deadline} ({due}); "
                f"{words['body']}: {row.owner}"
            )
        else:
            if not row.state.is_open and not row.overdue:
                continue
            level = "error" if row.overdue else "warning"
            due = date_in(options.language, row.due) if row.due else str(words["unreadable"])
            title = f"{row.agreement} #{row.item}: {_days(row, words) or due}"
            message = (
                f"{row.title}: {row.deadline} ({due}), {labels[row.state]}; "
                f"{words['owner']}: {row.owner}"
            )
        props = f"file={_escape_property(row.file.replace(chr(92), '/'))}"
        props += f",title={_escape_property(title)}"
        lines.append(f"::{level} {props}::{_escape_data(message)}")
    overdue = sum(1 for row in rows if row.overdue)
    lines.append(
        ngettext_in(
            options.language,
            "{count} deadline annotation ({overdue} overdue) as of {date}",
            "{count} deadline annotations ({overdue} overdue) as of {date}",
            len(lines),
        ).format(count=len(lines), overdue=overdue, date=date_in(options.language, options.as_of))
    )
    return "\n".join(lines)
