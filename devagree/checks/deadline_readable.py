"""A deadline that devagree cannot read.

Deadlines are written the way people speak ("Juni 2016", "Ultimo 2016", "1. kvartal 2017",
"uge 12 2017", "løbende"); the README lists every accepted form and the date each one means.
An expression outside those forms cannot be checked for being overdue, so it is an error.
The same goes for the `deadline` of a milestone in a strategy.
To keep unusual wording, add `due: YYYY-MM-DD` to the item to pin the date.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.problems import Severity

CODE = "DA206"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        for item in agreement.items:
            if item.deadline is None and item.pinned_due is None:
                yield Finding(
                    agreement.source,
                    (*item.where, "deadline"),
                    f"item {item.number}: {item.deadline_error}",
                )
    for strategy in context.strategies:
        for track in strategy.tracks:
            for milestone in track.milestones:
                if milestone.deadline_error and milestone.pinned_due is None:
                    yield Finding(
                        strategy.source,
                        (*milestone.where, "deadline"),
                        f"a milestone of track `{track.id}`: {milestone.deadline_error}",
                    )
