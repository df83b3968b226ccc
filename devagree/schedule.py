"""The deadline list: every item with its due date, selected and sorted for a given day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from devagree.deadlines import Precision
from devagree.model import Agreement, State


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    agreement: str
    file: str
    item: int
    title: str
    deadline: str
    due: date | None
    precision: Precision | None
    """None when the deadline cannot be read (and no `due:` is pinned)."""
    state: State
    overdue: bool
    days_left: int | None
    owner: str

    def as_dict(self) -> dict[str, object]:
        return {
            "agreement": self.agreement,
            "file": self.file,
            "item": self.item,
            "title": self.title,
            "deadline": self.deadline,
            "due": self.due.isoformat() if self.due else None,
            "precision": self.precision.value if self.precision else None,
            "state": self.state.value,
            "overdue": self.overdue,
            "days_left": self.days_left,
            "owner": self.owner,
        }


def deadline_rows(
    agreements: Iterable[Agreement],
    as_of: date,
    within: int | None = None,
    overdue_only: bool = False,
) -> list[DeadlineRow]:
    """Items sorted by due date (continuous and unreadable last).

    ``within`` keeps open items due up to that many days after ``as_of`` (overdue ones
    included); ``overdue_only`` keeps only overdue items.
    """
    rows: list[DeadlineRow] = []
    for agreement in agreements:
        for item in agreement.items:
            overdue = item.is_overdue(as_of)
            due = item.due
            if overdue_only and not overdue:
                continue
            if within is not None and (
                not item.state.is_open or due is None or due > as_of + timedelta(days=within)
            ):
                continue
            if item.pinned_due is not None:
                precision: Precision | None = Precision.DAY
            else:
                precision = item.deadline.precision if item.deadline else None
            owner = item.rows["owner"]
            rows.append(
                DeadlineRow(
                    agreement=agreement.id,
                    file=agreement.source,
                    item=item.number,
                    title=item.title,
                    deadline=item.deadline_text,
                    due=due,
                    precision=precision,
                    state=item.state,
                    overdue=overdue,
                    days_left=item.days_left(as_of),
                    owner=owner if isinstance(owner, str) else "; ".join(owner),
                )
            )
    rows.sort(key=lambda r: (r.due is None, r.due or date.max, r.agreement, r.item))
    return rows


def parse_within(text: str) -> int:
    """Days in "30d", "2w", "14", "30 dage", "2 uger"; ValueError with a plain message."""
    cleaned = text.strip().lower().replace(" ", "")
    units = {
        "": 1,
        "d": 1,
        "day": 1,
        "days": 1,
        "dag": 1,
        "dage": 1,
        "w": 7,
        "week": 7,
        "weeks": 7,
        "u": 7,
        "uge": 7,
        "uger": 7,
    }
    digits = cleaned.rstrip("abcdefghijklmnopqrstuvwxyzæøå")
    unit = cleaned[len(digits) :]
    if not digits.isdigit() or unit not in units:
        raise ValueError(
            f'cannot read "{text}" as a number of days; write for example 30d, 14 or 2w'
        )
    return int(digits) * units[unit]
