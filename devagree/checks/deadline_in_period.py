"""An item is due outside the agreement's period.

An item due after the agreement ends (or before it starts) will be followed up by nobody,
or was written for another year. This is a warning: sometimes an item deliberately runs into
the next agreement. Continuous work ("løbende") has no due date and is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _, say_date

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
            if due > period.end:
                message = _(
                    "item {number} is due {due}, after the agreement ends "
                    "(the period is {start} to {end})"
                )
            else:
                message = _(
                    "item {number} is due {due}, before the agreement starts "
                    "(the period is {start} to {end})"
                )
            yield Finding(
                agreement.source,
                (*item.where, "due" if item.pinned_due else "deadline"),
                message.format(
                    number=item.number,
                    due=say_date(due),
                    start=say_date(period.start),
                    end=say_date(period.end),
                ),
            )
