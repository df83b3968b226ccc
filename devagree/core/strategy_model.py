"""A political strategy as plain typed Python: its tracks (pejlemærker, strategispor),
their milestones and budget lines, built as the agreement is (see ``core.model``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devagree.core.model import Period, day_from, optional_day_from, read_deadline, resolved_due
from devagree.core.paths import Path_
from devagree.deadlines.deadline import Deadline


@dataclass(frozen=True, slots=True)
class Milestone:
    text: str
    deadline_text: str
    """Empty when the milestone names no time."""
    deadline: Deadline | None
    deadline_error: str
    pinned_due: date | None
    where: Path_

    @property
    def due(self) -> date | None:
        return resolved_due(self.pinned_due, self.deadline)


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """An amount or a range in DKK; ``low == high`` for a single amount."""

    text: str
    phase: str
    low: int | None
    high: int | None
    approximate: bool
    years: tuple[int, ...]
    where: Path_

    @property
    def has_amount(self) -> bool:
        return self.low is not None


@dataclass(frozen=True, slots=True)
class Track:
    id: str
    title: str
    label: str
    text: str
    sdgs: tuple[int, ...]
    milestones: tuple[Milestone, ...]
    budget: tuple[BudgetLine, ...]
    where: Path_


@dataclass(frozen=True, slots=True)
class Strategy:
    source: str
    id: str
    title: str
    municipality: str
    body: str
    period: Period | None
    tracks: tuple[Track, ...]
    data: dict[str, Any] = field(repr=False, compare=False)
    """The plain data, for renderers that show every text the strategy holds."""
    broken: frozenset[Path_] = frozenset()
    """Places the schema refused, which hold neutral values here (see ``core.salvage``)."""

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)


def _milestone(raw: dict[str, Any], where: Path_, period: Period | None) -> Milestone:
    text = str(raw["deadline"]) if raw.get("deadline") is not None else ""
    deadline, error = read_deadline(text, period) if text else (None, "")
    return Milestone(
        text=raw["text"],
        deadline_text=text,
        deadline=deadline,
        deadline_error=error,
        pinned_due=optional_day_from(raw.get("due")),
        where=where,
    )


def _budget_line(raw: dict[str, Any], where: Path_) -> BudgetLine:
    amount = raw.get("amount")
    return BudgetLine(
        text=raw["text"],
        phase=raw.get("phase", ""),
        low=amount if amount is not None else raw.get("low"),
        high=amount if amount is not None else raw.get("high"),
        approximate=bool(raw.get("approximate", False)),
        years=tuple(raw.get("years", ())),
        where=where,
    )


def _track(raw: dict[str, Any], where: Path_, period: Period | None) -> Track:
    milestones = [
        _milestone(m, (*where, "action_points", a, "milestones", i), period)
        for a, point in enumerate(raw.get("action_points", ()))
        for i, m in enumerate(point.get("milestones", ()))
    ]
    return Track(
        id=raw["id"],
        title=raw["title"],
        label=raw.get("label", ""),
        text=raw.get("text", ""),
        sdgs=tuple(raw.get("sdgs", ())),
        milestones=tuple(milestones),
        budget=tuple(
            _budget_line(b, (*where, "budget", i)) for i, b in enumerate(raw.get("budget", ()))
        ),
        where=where,
    )


def strategy_from_data(
    source: str, data: dict[str, Any], broken: frozenset[Path_] = frozenset()
) -> Strategy:
    """Build a Strategy from schema-valid data, or salvaged data and its ``broken`` places."""
    period = data.get("period")
    span = Period(day_from(period["start"]), day_from(period["end"])) if period else None
    return Strategy(
        source=source,
        id=data["id"],
        title=data["title"],
        municipality=data["municipality"],
        body=data["body"],
        period=span,
        tracks=tuple(_track(t, ("tracks", i), span) for i, t in enumerate(data["tracks"])),
        data=data,
        broken=broken,
    )
