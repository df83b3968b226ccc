"""Which strategy tracks the agreement items carry forward, and which nobody works on.

The committee's question is "who works on each of our tracks?". An item carries a track when
one of its ``links`` names it (``strategy-id#track-id``). A link that names no existing track
is not counted: ``devagree check`` reports it (DA211), and counting it would overstate the
coverage. Links to other items (``agreement-id#3``) are couplings between agreements, not
strategy work, so an item whose links are only such links counts as having no strategy link;
coverage is not followed through item-to-item links.

Pure: no printing, no clock, no files; the CLI passes in what the workbook loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from devagree.core.model import Agreement
from devagree.core.strategy_model import Strategy, Track


@dataclass(frozen=True, slots=True)
class ItemRef:
    """An agreement item as the coverage lists show it: ``agreement-id #N title``."""

    agreement: str
    number: int
    title: str
    source: str
    links: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TrackCoverage:
    """One track and the items that link to it, in workbook order."""

    strategy: str
    track: Track
    items: tuple[ItemRef, ...]

    @property
    def covered(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True, slots=True)
class StrategyCoverage:
    strategy: Strategy
    tracks: tuple[TrackCoverage, ...]

    @property
    def total(self) -> int:
        return len(self.tracks)

    @property
    def covered(self) -> int:
        return sum(1 for t in self.tracks if t.covered)

    @property
    def percent(self) -> float | None:
        return percent(self.covered, self.total)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The whole workbook's coverage: per strategy, the uncovered tracks, the unlinked items."""

    strategies: tuple[StrategyCoverage, ...]
    unlinked: tuple[ItemRef, ...]
    """Items none of whose links names an existing strategy track."""

    @property
    def total(self) -> int:
        return sum(s.total for s in self.strategies)

    @property
    def covered(self) -> int:
        return sum(s.covered for s in self.strategies)

    @property
    def percent(self) -> float | None:
        """Share of all tracks in the workbook that at least one item carries (None: no tracks)."""
        return percent(self.covered, self.total)

    @property
    def uncovered(self) -> tuple[TrackCoverage, ...]:
        return tuple(t for s in self.strategies for t in s.tracks if not t.covered)


def percent(covered: int, total: int) -> float | None:
    """``covered`` of ``total`` in percent, one decimal, rounded half up.

    Like coverage.py, it never shows 100.0 unless every track is covered, nor 0.0 unless none
    is, so ``--fail-under 100`` means "all tracks" and the figure shown is the figure compared.
    None when there is nothing to cover.
    """
    if total <= 0:
        return None
    value = (Decimal(covered) * 100 / Decimal(total)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    if value == 100 and covered < total:
        value = Decimal("99.9")
    elif value == 0 and covered > 0:
        value = Decimal("0.1")
    return float(value)


def compute(strategies: Iterable[Strategy], agreements: Iterable[Agreement]) -> Coverage:
    """Coverage of every track of ``strategies`` by the items of ``agreements``."""
    strategies = tuple(strategies)
    agreements = tuple(agreements)
    tracks = {f"{s.id}#{t.id}" for s in strategies for t in s.tracks}
    carriers: dict[str, list[ItemRef]] = {}
    unlinked: list[ItemRef] = []
    for agreement in agreements:
        for item in agreement.items:
            ref = ItemRef(agreement.id, item.number, item.title, agreement.source, item.links)
            # dict.fromkeys: an item that names the same track twice is listed once
            carried = [link for link in dict.fromkeys(item.links) if link in tracks]
            for link in carried:
                carriers.setdefault(link, []).append(ref)
            if not carried:
                unlinked.append(ref)
    return Coverage(
        strategies=tuple(
            StrategyCoverage(
                strategy=s,
                tracks=tuple(
                    TrackCoverage(s.id, t, tuple(carriers.get(f"{s.id}#{t.id}", ())))
                    for t in s.tracks
                ),
            )
            for s in strategies
        ),
        unlinked=tuple(unlinked),
    )
