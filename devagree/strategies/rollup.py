"""Roll-ups across the workbook's strategies: the UN goals they touch and their budgets.

The committee reads strategies one track at a time; these sums answer the questions asked
across them: "which of the UN Sustainable Development Goals do we work on, and where?" and
"what do our strategies cost, year by year?".

Money is summed in whole DKK. A range stays a range: the low ends and the high ends are
summed separately, so 40.000 plus 75.000-125.000 is 115.000-165.000. A line that names
several years is summed under that span of years (e.g. 2021-2022), never split between them
nor counted twice; a line without years is summed under "no year". A sum with an approximate
line in it ("ca.") is itself approximate. Lines without an amount are counted, not summed.

Pure: no printing, no clock; formatting for people is in ``devagree.report``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from devagree.core.strategy_model import BudgetLine, Strategy
from devagree.i18n import N_, Localised

SDG_NAMES = Localised(
    {
        1: N_("No poverty"),
        2: N_("Zero hunger"),
        3: N_("Good health and well-being"),
        4: N_("Quality education"),
        5: N_("Gender equality"),
        6: N_("Clean water and sanitation"),
        7: N_("Affordable and clean energy"),
        8: N_("Decent work and economic growth"),
        9: N_("Industry, innovation and infrastructure"),
        10: N_("Reduced inequalities"),
        11: N_("Sustainable cities and communities"),
        12: N_("Responsible consumption and production"),
        13: N_("Climate action"),
        14: N_("Life below water"),
        15: N_("Life on land"),
        16: N_("Peace, justice and strong institutions"),
        17: N_("Partnerships for the goals"),
    }
)
"""The official names of the 17 UN goals (Danish as the FN-forbundet writes them)."""


def sdg_name(number: int, language: str = "da") -> str:
    """The goal's name as people cite it, number first: "3. Sundhed og trivsel"."""
    names = SDG_NAMES.of(language)
    return f"{number}. {names.get(number, '?')}"


# --- UN goals --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackRef:
    strategy: str
    track: str
    title: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class SdgUse:
    """One UN goal and the tracks that relate to it, in workbook order."""

    number: int
    tracks: tuple[TrackRef, ...]


def sdgs(strategies: Iterable[Strategy]) -> tuple[SdgUse, ...]:
    """The goals the strategies' tracks name, by goal number."""
    uses: dict[int, list[TrackRef]] = {}
    for strategy in strategies:
        for track in strategy.tracks:
            ref = TrackRef(strategy.id, track.id, track.title, track.label)
            for number in dict.fromkeys(track.sdgs):
                uses.setdefault(number, []).append(ref)
    return tuple(SdgUse(number, tuple(uses[number])) for number in sorted(uses))


# --- budget ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Money:
    """A sum in DKK: one amount when ``low == high``, else a range."""

    low: int
    high: int
    approximate: bool = False

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def __add__(self, other: Money) -> Money:
        return Money(
            self.low + other.low, self.high + other.high, self.approximate or other.approximate
        )


ZERO = Money(0, 0)


@dataclass(frozen=True, slots=True)
class BudgetYear:
    """The sum of a strategy's lines that name the same years (``()``: no year)."""

    years: tuple[int, ...]
    total: Money
    lines: int


@dataclass(frozen=True, slots=True)
class StrategyBudget:
    strategy: str
    title: str
    years: tuple[BudgetYear, ...]
    """By first year; the lines without a year last."""
    unpriced: int
    """Budget lines that name no amount (text only)."""

    @property
    def total(self) -> Money | None:
        """Everything summed; None when no line has an amount."""
        if not self.years:
            return None
        total = ZERO
        for year in self.years:
            total = total + year.total
        return total


def _money(line: BudgetLine) -> Money:
    assert line.low is not None and line.high is not None
    return Money(line.low, line.high, line.approximate)


def budgets(strategies: Iterable[Strategy]) -> tuple[StrategyBudget, ...]:
    """The budget of each strategy that has budget lines, per year."""
    result: list[StrategyBudget] = []
    for strategy in strategies:
        lines = [line for track in strategy.tracks for line in track.budget]
        if not lines:
            continue
        sums: dict[tuple[int, ...], tuple[Money, int]] = {}
        for line in lines:
            if not line.has_amount:
                continue
            key = tuple(sorted(set(line.years)))
            total, count = sums.get(key, (ZERO, 0))
            sums[key] = (total + _money(line), count + 1)
        ordered = sorted(sums, key=lambda years: (not years, years))
        result.append(
            StrategyBudget(
                strategy=strategy.id,
                title=strategy.title,
                years=tuple(BudgetYear(key, *sums[key]) for key in ordered),
                unpriced=sum(1 for line in lines if not line.has_amount),
            )
        )
    return tuple(result)


def years_label(years: tuple[int, ...], no_year: str) -> str:
    """How a bucket's years read: "2021", "2021-2023" (consecutive), "2021, 2023"."""
    if not years:
        return no_year
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)
