"""The two pictures of the follow-up: items by state and traffic light, and the deadlines.

Only numbers and positions are computed here, from the report model; the web site and the
Markdown report draw them as SVG through templates (``render/svg_charts.py``) and the Word
report as PNG (``render/chart_png.py``), so every picture shows the same thing. Pure: no
I/O, no clock, no drawing library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from devagree.core.model import State
from devagree.followup.report_model import Light, Report, ReportItem

LIGHT_ORDER: tuple[Light, ...] = (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)
"""The order lights are stacked and listed in: what needs attention first."""

SHAPES: dict[Light, str] = {
    Light.GREEN: "circle",
    Light.YELLOW: "square",
    Light.RED: "diamond",
    Light.GREY: "triangle",
}
"""Each light also has its own mark, so the timeline reads without colour."""


# --- items by state and light --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    light: Light
    count: int
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class StateBar:
    state: State
    total: int
    y: float
    segments: tuple[Segment, ...]
    counts: dict[Light, int]


@dataclass(frozen=True, slots=True)
class StateChart:
    bars: tuple[StateBar, ...]
    total: int
    width: int
    height: int
    left: int
    """Where the bars start (the state names are to the left)."""
    bar_height: int
    plot_width: int


def state_chart(report: Report) -> StateChart:
    """One bar per state, split by traffic light (every state listed, zero included)."""
    left, plot_width, row, bar_height, top = 150, 400, 30, 20, 10
    counts = {state: dict.fromkeys(LIGHT_ORDER, 0) for state in State}
    for item in report.items:
        counts[item.state][item.light] += 1
    biggest = max((sum(c.values()) for c in counts.values()), default=0) or 1
    scale = plot_width / biggest
    bars: list[StateBar] = []
    for index, state in enumerate(State):
        x = float(left)
        segments: list[Segment] = []
        for light in LIGHT_ORDER:
            count = counts[state][light]
            if count:
                segments.append(Segment(light, count, x, count * scale))
                x += count * scale
        bars.append(
            StateBar(
                state=state,
                total=sum(counts[state].values()),
                y=float(top + index * row),
                segments=tuple(segments),
                counts=counts[state],
            )
        )
    return StateChart(
        bars=tuple(bars),
        total=len(report.items),
        width=left + plot_width + 50,
        height=top * 2 + len(bars) * row,
        left=left,
        bar_height=bar_height,
        plot_width=plot_width,
    )


# --- deadlines over time -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """One item on the timeline: a mark at its due date, a bar from its start if known."""

    item: ReportItem
    x: float
    start_x: float | None
    start: date | None
    label: str
    """The item numbers written beside the mark: "1, 2" on the last of the marks that share
    a day, empty on the others, so numbers never print over each other."""


@dataclass(frozen=True, slots=True)
class Lane:
    label: str
    href: str
    y: float
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    day: date
    x: float
    labelled: bool
    with_year: bool
    """The label names the year: the first label, and the first label of each new year."""


@dataclass(frozen=True, slots=True)
class Timeline:
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    first: date
    last: date
    as_of: date
    as_of_x: float
    width: int
    height: int
    left: int
    top: int
    lane_height: int
    undated: tuple[ReportItem, ...]
    """Items without a due date (continuous work): listed beside the chart, not drawn."""

    @property
    def empty(self) -> bool:
        return not any(lane.marks for lane in self.lanes)


@dataclass(frozen=True, slots=True)
class LaneInput:
    """What one row of the timeline shows: a label, a link, and the items (with starts)."""

    label: str
    href: str
    items: tuple[tuple[ReportItem, date | None], ...]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def timeline(lanes: Sequence[LaneInput], as_of: date) -> Timeline:
    """Months across, one lane per row given, the as-of day as a line."""
    left, plot_width, top, lane_height = 190, 600, 34, 26
    dated = [(item, start) for lane in lanes for item, start in lane.items if item.due]
    days = [as_of]
    for item, start in dated:
        assert item.due is not None
        days.append(item.due)
        if start is not None and start < item.due:
            days.append(start)
    first = _month_start(min(days))
    last = _next_month(max(days))  # the first day after the last month shown
    span = (last - first).days

    def x(day: date) -> float:
        return round(left + (day - first).days / span * plot_width, 2)

    months: list[date] = []
    month = first
    while month < last:
        months.append(month)
        month = _next_month(month)
    step = max(1, math.ceil(len(months) / 12))
    ticks: list[Tick] = []
    last_year = 0
    for index, month_start in enumerate(months):
        labelled = index % step == 0
        with_year = labelled and month_start.year != last_year
        if labelled:
            last_year = month_start.year
        ticks.append(Tick(month_start, x(month_start), labelled, with_year))
    out: list[Lane] = []
    for index, lane in enumerate(lanes):
        marks: list[Mark] = []
        shown = [(item, start) for item, start in lane.items if item.due is not None]
        for position, (item, start) in enumerate(shown):
            bar = start if start is not None and start < item.due else None  # type: ignore[operator]
            same = [i.number for i, _ in shown if i.due == item.due]
            later = any(i.due == item.due for i, _ in shown[position + 1 :])
            label = "" if later else ", ".join(str(n) for n in same)
            marks.append(Mark(item, x(item.due), x(bar) if bar else None, bar, label))  # type: ignore[arg-type]
        out.append(Lane(lane.label, lane.href, float(top + index * lane_height), tuple(marks)))
    undated = tuple(item for lane in lanes for item, _ in lane.items if item.due is None)
    return Timeline(
        lanes=tuple(out),
        ticks=tuple(ticks),
        first=first,
        last=last - timedelta(days=1),
        as_of=as_of,
        as_of_x=x(as_of),
        width=left + plot_width + 44,
        height=top + len(lanes) * lane_height + 12,
        left=left,
        top=top,
        lane_height=lane_height,
        undated=undated,
    )
