"""The two charts as PNG pictures for the Word report, drawn with matplotlib.

matplotlib is imported here only, when a Word report is made, so `devagree --help` stays
fast. The figures are drawn on an Agg canvas without pyplot (no global state, no display)
with the font matplotlib ships, and saved without the "Software" stamp, so the same report
gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from devagree.followup.charts import LIGHT_ORDER, SHAPES, StateChart, Timeline
from devagree.followup.report_model import LIGHT_COLOURS, light_word, state_label
from devagree.i18n import _

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}
DPI = 150
WIDTH_IN = 6.3
"""The text width of an A4 page with the built-in template's margins, in inches."""

_STYLE: dict[Any, Any] = {"font.family": "DejaVu Sans", "font.size": 8}


def _colour(light: Any) -> str:
    return f"#{LIGHT_COLOURS[light]}"


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def state_png(chart: StateChart, language: str) -> bytes:
    """Items per state as horizontal bars split by traffic light, with counts written on."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(_STYLE):
        figure = Figure(figsize=(WIDTH_IN, 2.6), layout="constrained")
        axes = figure.add_subplot()
        names = [state_label(bar.state, language) for bar in chart.bars]
        rows = list(range(len(chart.bars)))
        for light in LIGHT_ORDER:
            before = LIGHT_ORDER[: LIGHT_ORDER.index(light)]
            lefts = [sum(bar.counts[x] for x in before) for bar in chart.bars]
            widths = [bar.counts[light] for bar in chart.bars]
            bars = axes.barh(
                rows,
                widths,
                left=lefts,
                color=_colour(light),
                edgecolor="#333333",
                linewidth=0.6,
                label=light_word(light, language),
            )
            axes.bar_label(bars, labels=[str(w) if w else "" for w in widths], label_type="center")
        for row, bar in zip(rows, chart.bars, strict=True):
            axes.text(bar.total + 0.05, row, f" {bar.total}", va="center", fontweight="bold")
        axes.set_yticks(rows, names)
        axes.invert_yaxis()
        axes.set_xlim(0, max((bar.total for bar in chart.bars), default=0) * 1.12 + 0.5)
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        figure.legend(loc="outside lower center", frameon=False, ncols=4)
        axes.set_title(_("Items by state and traffic light"), loc="left", fontweight="bold")
        return _png(figure)


def timeline_png(chart: Timeline, language: str) -> bytes:
    """Months across, a row per agreement, a mark per item, the as-of day as a dashed line."""
    from matplotlib import dates, rc_context
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    # matplotlib.dates has no type hints; these say what devagree relies on.
    date2num: Callable[[date], float] = dates.date2num
    month_locator: Callable[..., Any] = dates.MonthLocator
    date_formatter: Callable[[str], Any] = dates.DateFormatter

    from devagree.i18n import date_in

    lanes = chart.lanes
    lane_inches = 0.32 if len(lanes) <= 20 else max(0.08, 6.5 / len(lanes))
    height = min(9.0, 1.3 + lane_inches * max(len(lanes), 1))
    with rc_context(_STYLE):
        figure = Figure(figsize=(WIDTH_IN, height), layout="constrained")
        axes = figure.add_subplot()
        for row, lane in enumerate(lanes):
            for mark in lane.marks:
                item = mark.item
                assert item.due is not None
                due = date2num(item.due)
                if mark.start is not None:
                    axes.plot(
                        [date2num(mark.start), due],
                        [row, row],
                        color=_colour(item.light),
                        linewidth=4,
                        solid_capstyle="butt",
                        zorder=2,
                    )
                axes.plot(
                    [due],
                    [row],
                    marker=MARKERS[SHAPES[item.light]],
                    markersize=7,
                    color=_colour(item.light),
                    markeredgecolor="#1a1a1a",
                    zorder=3,
                    linestyle="none",
                )
                if mark.label and len(lanes) <= 40:
                    axes.annotate(
                        mark.label,
                        (due, row),
                        xytext=(5, 4),
                        textcoords="offset points",
                        fontsize=6,
                    )
        axes.axvline(date2num(chart.as_of), color="#b00020", linestyle="--", linewidth=1.2)
        margin = timedelta(days=max(3, (chart.last - chart.first).days // 60))
        axes.set_xlim(date2num(chart.first - margin), date2num(chart.last + margin))
        step = max(1, (len(chart.ticks) + 11) // 12)
        axes.xaxis.set_major_locator(month_locator(interval=step))
        axes.xaxis.set_major_formatter(date_formatter("%m/%y"))
        axes.xaxis.tick_top()
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_yticks(range(len(lanes)), [_short(lane.label) for lane in lanes])
        if len(lanes) > 20:
            axes.tick_params(axis="y", labelsize=max(3.5, 8 - len(lanes) / 15))
        axes.set_ylim(len(lanes) - 0.5, -0.5)
        handles = [
            Line2D(
                [],
                [],
                marker=MARKERS[SHAPES[light]],
                color=_colour(light),
                markeredgecolor="#1a1a1a",
                linestyle="none",
                label=light_word(light, language),
            )
            for light in LIGHT_ORDER
        ]
        handles.append(
            Line2D([], [], color="#b00020", linestyle="--", label=date_in(language, chart.as_of))
        )
        figure.legend(handles=handles, loc="outside lower center", ncols=5, frameon=False)
        return _png(figure)


def _short(text: str, width: int = 34) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
