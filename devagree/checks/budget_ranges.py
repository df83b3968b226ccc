"""A budget range whose low end is above its high end.

Budget lines in a strategy give an amount (`amount: 40000`) or a range (`low: 75000`,
`high: 125000`) in DKK. A range written the wrong way round would be summed wrongly in the
roll-ups, so it is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _, say_number

CODE = "DA213"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for strategy in context.strategies:
        for track in strategy.tracks:
            for line in track.budget:
                if line.low is not None and line.high is not None and line.low > line.high:
                    yield Finding(
                        strategy.source,
                        (*line.where, "low"),
                        _(
                            "a budget line of track `{track}` runs from {low} down to "
                            "{high} DKK; write the lower amount as `low`"
                        ).format(
                            track=track.id, low=say_number(line.low), high=say_number(line.high)
                        ),
                    )
