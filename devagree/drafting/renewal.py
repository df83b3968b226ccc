"""Next period's draft from this period's agreement (`devagree new --from`).

Pure: the old agreement's plain data in, the new one's out. Parties, purpose, vision and
items are carried over; signatures and the status history stay behind with the old
agreement, which the new one names in `renews`. A deadline that falls before the new
period becomes a placeholder to revise, keeping the old wording so the author sees what it
was; one that names no year ("ultimo august") is carried as it is, and takes its year from
the new period. A title that does not name the organisation is made to, so the new draft's
heading differs from other centres'. With ``open_only`` only items not done or cancelled
come along, numbered from 1.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devagree.core.model import State
from devagree.deadlines.deadline import DeadlineError, parse_deadline
from devagree.drafting.names import agreement_title
from devagree.i18n import _, current_language

CLOSED = frozenset({State.DONE.value, State.CANCELLED.value})


@dataclass(slots=True)
class Renewal:
    data: dict[str, Any]
    revised: list[int] = field(default_factory=list)
    """Numbers (in the new draft) of items whose deadline became a placeholder."""
    left_out: list[int] = field(default_factory=list)
    """Numbers (in the old agreement) of items not carried over."""


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _state(item: dict[str, Any]) -> str:
    status = item.get("status")
    if isinstance(status, list) and status:
        status = status[-1]
    return str(status.get("state", "planned")) if isinstance(status, dict) else "planned"


def renew(data: dict[str, Any], new_id: str, year: int, open_only: bool = False) -> Renewal:
    """The draft for ``year`` from the agreement ``data`` (as loaded: dates as ISO text)."""
    old_start = date.fromisoformat(str(data["period"]["start"]))
    old_end = date.fromisoformat(str(data["period"]["end"]))
    years = year - old_start.year
    start, end = _shift(old_start, years), _shift(old_end, years)
    title = str(data["title"])
    if years:
        title = re.sub(rf"\b{old_start.year}\b", str(year), title)
    organisation = str(data["organisation"])
    if organisation.casefold() not in title.casefold():
        title = agreement_title(organisation, year, current_language())
    out: dict[str, Any] = {"kind": "agreement", "version": 1, "id": new_id, "renews": data["id"]}
    for key in ("title", "municipality", "organisation", "parties"):
        out[key] = copy.deepcopy(data[key]) if key != "title" else title
    out["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    for key in ("purpose", "vision"):
        if key in data:
            out[key] = copy.deepcopy(data[key])
    result = Renewal(out)
    items: list[dict[str, Any]] = []
    for item in data["items"]:
        if open_only and _state(item) in CLOSED:
            result.left_out.append(int(item["number"]))
            continue
        new = {k: copy.deepcopy(v) for k, v in item.items() if k not in ("status", "due")}
        new["number"] = len(items) + 1
        if _stale(str(item["deadline"]), start, end):
            new["deadline"] = _("TODO: revise the deadline (was: {deadline})").format(
                deadline=item["deadline"]
            )
            result.revised.append(new["number"])
        items.append(new)
    out["items"] = items
    if "unplaced" in data:
        out["unplaced"] = copy.deepcopy(data["unplaced"])
    return result


def _stale(text: str, start: date, end: date) -> bool:
    """The deadline's due date lies before the new period, or it cannot be read at all.

    A deadline that names no year reads in the new period as it did in the old one, so it
    is not stale.
    """
    try:
        deadline = parse_deadline(text)
    except DeadlineError:
        try:
            parse_deadline(text, (start, end))
        except DeadlineError:
            return True
        return False
    return deadline.due is not None and deadline.due < start
