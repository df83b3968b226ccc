"""The deadline list: every item and strategy milestone with its due date, for a given day.

Agreement items carry follow-up (``status``) and can be overdue. Strategy milestones carry
none: they are listed with their due date and days left (or ago), but they are never overdue,
never in ``--overdue``, and ``--within`` lists only those still ahead (due on or after the
day), so a reminder job does not repeat a milestone's date forever.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from devagree.core.model import Agreement, State
from devagree.core.richtext import parse, plain
from devagree.core.strategy_model import Milestone, Strategy
from devagree.deadlines.deadline import Precision
from devagree.i18n import _

TITLE_LENGTH = 80
"""A milestone's title is its text's first line, shortened to this many characters."""


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """One line of the deadline list.

    For an item (``kind`` "item"): ``agreement`` is the agreement's id, ``item`` its number,
    ``title`` its title and ``owner`` its Ansvarlig row. For a strategy milestone (``kind``
    "milestone"): ``agreement`` is the strategy's id, ``item`` the track's id (a string),
    ``milestone`` its 1-based place among the track's milestones, ``title`` the first line of
    its text, ``owner`` the strategy's body and ``state`` always planned; a milestone has no
    follow-up, so ``overdue`` is always false.
    """

    agreement: str
    file: str
    item: int | str
    title: str
    deadline: str
    due: date | None
    precision: Precision | None
    """None when the deadline cannot be read (and no `due:` is pinned)."""
    state: State
    overdue: bool
    days_left: int | None
    owner: str
    kind: str = "item"
    milestone: int | None = None
    """For a milestone: its number within the track (counting undated ones too)."""

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
            "kind": self.kind,
            "milestone": self.milestone,
        }


def deadline_rows(
    agreements: Iterable[Agreement],
    as_of: date,
    within: int | None = None,
    overdue_only: bool = False,
    strategies: Iterable[Strategy] = (),
) -> list[DeadlineRow]:
    """Items and dated milestones sorted by due date (continuous and unreadable last).

    ``within`` keeps open items due up to that many days after ``as_of`` (overdue ones
    included) and milestones due from ``as_of`` up to that many days after it;
    ``overdue_only`` keeps only overdue items (never milestones).
    """
    keyed: list[tuple[tuple[str, int, int, int], DeadlineRow]] = []
    for row in _item_rows(agreements, as_of, within, overdue_only):
        keyed.append(((row.agreement, 0, int(row.item), 0), row))
    if not overdue_only:
        for order, row in _milestone_rows(strategies, as_of, within):
            keyed.append(((row.agreement, 1, *order), row))
    keyed.sort(key=lambda pair: (pair[1].due is None, pair[1].due or date.max, pair[0]))
    return [row for _, row in keyed]


def _item_rows(
    agreements: Iterable[Agreement], as_of: date, within: int | None, overdue_only: bool
) -> list[DeadlineRow]:
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
    return rows


def _milestone_rows(
    strategies: Iterable[Strategy], as_of: date, within: int | None
) -> list[tuple[tuple[int, int], DeadlineRow]]:
    """Milestones that name a time, with their (track, milestone) order in the strategy."""
    rows: list[tuple[tuple[int, int], DeadlineRow]] = []
    for strategy in strategies:
        for track_index, track in enumerate(strategy.tracks):
            for number, milestone in enumerate(track.milestones, 1):
                if not milestone.deadline_text and milestone.pinned_due is None:
                    continue
                due = milestone.due
                if within is not None and (
                    due is None or due < as_of or due > as_of + timedelta(days=within)
                ):
                    continue
                row = DeadlineRow(
                    agreement=strategy.id,
                    file=strategy.source,
                    item=track.id,
                    title=milestone_title(milestone.text),
                    deadline=milestone.deadline_text or (due.isoformat() if due else ""),
                    due=due,
                    precision=_precision(milestone),
                    state=State.PLANNED,
                    overdue=False,
                    days_left=(due - as_of).days if due is not None else None,
                    owner=strategy.body,
                    kind="milestone",
                    milestone=number,
                )
                rows.append(((track_index, number), row))
    return rows


def _precision(milestone: Milestone) -> Precision | None:
    if milestone.pinned_due is not None:
        return Precision.DAY
    return milestone.deadline.precision if milestone.deadline else None


def milestone_title(text: str) -> str:
    """The first line of a milestone's text, without markup, shortened with "…"."""
    lines = [line for line in plain(parse(text)).splitlines() if line.strip()]
    first = " ".join(lines[0].split()) if lines else ""
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[: TITLE_LENGTH - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


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
            _('cannot read "{text}" as a number of days; write for example 30d, 14 or 2w').format(
                text=text
            )
        )
    return int(digits) * units[unit]
