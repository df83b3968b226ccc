"""The charts' geometry: where the as-of line, the months and the marks fall."""

from __future__ import annotations

from datetime import date

from devagree.core.model import Period, State
from devagree.followup.charts import LaneInput, state_chart, timeline
from devagree.followup.report_model import (
    Light,
    Report,
    ReportAgreement,
    ReportItem,
    traffic_light,
)


def _item(number: int, due: date | None, state: State = State.PLANNED) -> ReportItem:
    overdue = due is not None and due < date(2016, 9, 1) and state.is_open
    return ReportItem(
        agreement_id="a",
        number=number,
        title=f"item {number}",
        owner="",
        deadline="",
        due=due,
        state=state,
        light=traffic_light(state, overdue),
        overdue=overdue,
        days_overdue=0,
        note="",
        history=(),
    )


def test_timeline_spans_whole_months_and_places_the_as_of_line() -> None:
    items = (_item(1, date(2016, 6, 30)), _item(2, date(2016, 12, 31)), _item(3, None))
    chart = timeline([LaneInput("a", "", tuple((i, None) for i in items))], date(2016, 9, 1))
    assert chart.first == date(2016, 6, 1) and chart.last == date(2016, 12, 31)
    assert [t.day.month for t in chart.ticks] == [6, 7, 8, 9, 10, 11, 12]
    september = next(t for t in chart.ticks if t.day.month == 9)
    assert chart.as_of_x == september.x  # the as-of day is the first of September
    assert chart.left < chart.as_of_x < chart.left + 600
    (lane,) = chart.lanes
    assert [m.item.number for m in lane.marks] == [1, 2]
    assert [i.number for i in chart.undated] == [3]


def test_a_deadline_start_draws_a_bar_and_shared_days_share_one_label() -> None:
    first, second = _item(1, date(2016, 6, 30)), _item(2, date(2016, 6, 30))
    lane = LaneInput("a", "", ((first, date(2016, 6, 1)), (second, None)))
    (drawn,) = timeline([lane], date(2016, 9, 1)).lanes
    one, two = drawn.marks
    assert one.start_x is not None and one.start_x < one.x
    assert two.start_x is None
    assert (one.label, two.label) == ("", "1, 2")


def test_long_spans_label_fewer_months() -> None:
    items = ((_item(1, date(2024, 12, 31)), date(2021, 1, 1)),)
    chart = timeline([LaneInput("a", "", items)], date(2022, 6, 1))
    labelled = [t for t in chart.ticks if t.labelled]
    assert len(chart.ticks) == 48
    assert len(labelled) == 12  # every fourth month
    assert [t.day.year for t in labelled if t.with_year] == [2021, 2022, 2023, 2024]


def test_state_chart_splits_each_state_by_light() -> None:
    items = (
        _item(1, date(2016, 6, 30)),
        _item(2, date(2016, 12, 31)),
        _item(3, None, State.DONE),
    )
    report = Report(
        as_of=date(2016, 9, 1),
        language="da",
        periods=(),
        agreements=(
            ReportAgreement("a", "A", "", "", Period(date(2016, 1, 1), date(2016, 12, 31)), items),
        ),
    )
    chart = state_chart(report)
    bars = {bar.state: bar for bar in chart.bars}
    assert len(chart.bars) == len(State)
    assert bars[State.PLANNED].total == 2
    assert [s.light for s in bars[State.PLANNED].segments] == [Light.RED, Light.GREY]
    assert bars[State.DONE].counts == {Light.RED: 0, Light.YELLOW: 0, Light.GREEN: 1, Light.GREY: 0}
    widest = max(s.width for bar in chart.bars for s in bar.segments)
    assert widest == chart.plot_width / 2
