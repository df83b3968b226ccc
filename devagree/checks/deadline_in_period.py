"""An item is due outside the agreement's period.

An item due after the agreement ends (or before it starts) will be followed up by nobody,
or was written for another year. This is a warning: sometimes an item deliberately runs into
the next agreement. Continuous work ("løbende") has no due date and is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.problems import Severity

CODE = "DA207"
SEVERITY = Severity.WARNING
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        period = agreement.period
        if period.start > period.end:
            continue  # DA205 reports the period itself
        for item in agreement.items:
            due = item.due
            if due is None or due in period:
                continue
            side = "after the agreement ends" if due > period.end else "before it starts"
            yield Finding(
                agreement.source,
                (*item.where, "due" if item.pinned_due else "deadline"),
                f"item {item.number} is due {due.isoformat()}, {side} "
                f"(the period is {period.start.isoformat()} to {period.end.isoformat()})",
            )
