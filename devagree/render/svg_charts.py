"""The charts as SVG text, drawn by the templates ``states.svg.j2`` and ``timeline.svg.j2``.

The web pages put them inline; the Markdown report writes them as files beside itself
(``standalone``: with an XML declaration). Every chart has a ``<title>`` and a ``<desc>``,
each mark its own ``<title>``, and each light its own shape as well as its colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from devagree.core.model import Agreement, Item
from devagree.followup.charts import (
    LIGHT_ORDER,
    LaneInput,
    StateChart,
    Timeline,
    state_chart,
    timeline,
)
from devagree.followup.report_model import Report, ReportAgreement, ReportItem


def deadline_start(item: Item) -> date | None:
    """The first day of the period the deadline names ("juni 2016": 1 June), if any."""
    if item.pinned_due is not None or item.deadline is None:
        return None
    return item.deadline.start


def starts(agreements: Iterable[Agreement]) -> dict[tuple[str, int], date | None]:
    """Each item's deadline start, by (agreement id, item number)."""
    return {(a.id, i.number): deadline_start(i) for a in agreements for i in a.items}


def agreement_lanes(
    report: Report, begin: dict[tuple[str, int], date | None], href: str = "{id}.html"
) -> list[LaneInput]:
    """One lane per agreement, its items as marks (the overview)."""
    return [
        LaneInput(a.title, href.format(id=a.id) if href else "", _with_starts(a.items, begin))
        for a in report.agreements
    ]


def item_lanes(
    agreement: ReportAgreement, begin: dict[tuple[str, int], date | None]
) -> list[LaneInput]:
    """One lane per item of one agreement (the agreement's own page)."""
    return [
        LaneInput(
            f"{item.number}. {item.title}", f"#item-{item.number}", _with_starts([item], begin)
        )
        for item in agreement.items
    ]


def _with_starts(
    items: Sequence[ReportItem], begin: dict[tuple[str, int], date | None]
) -> tuple[tuple[ReportItem, date | None], ...]:
    return tuple((i, begin.get((i.agreement_id, i.number))) for i in items)


def states_svg(chart: StateChart, element_id: str, language: str, standalone: bool = False) -> str:
    from devagree.render.templating import environment

    template = environment(language).get_template("states.svg.j2")
    return template.render(chart=chart, id=element_id, standalone=standalone, lights=LIGHT_ORDER)


def timeline_svg(chart: Timeline, element_id: str, language: str, standalone: bool = False) -> str:
    from devagree.render.templating import environment

    template = environment(language).get_template("timeline.svg.j2")
    return template.render(tl=chart, id=element_id, standalone=standalone, lights=LIGHT_ORDER)


def report_charts(report: Report, agreements: Iterable[Agreement]) -> tuple[StateChart, Timeline]:
    """The two pictures of a follow-up report: states and the deadlines per agreement."""
    lanes = agreement_lanes(report, starts(agreements), href="")
    return state_chart(report), timeline(lanes, report.as_of)
