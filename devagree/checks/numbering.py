"""Item numbers are not 1, 2, 3, ... in order.

Items are referred to by number in meetings, in links (`agreement-id#2`) and in follow-up
reports, so each number must be unique and they must run from 1 without gaps, in the order
the items are written.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA202"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        seen: dict[int, int] = {}
        for expected, item in enumerate(agreement.items, start=1):
            where = (*item.where, "number")
            if item.number in seen:
                yield Finding(
                    agreement.source,
                    where,
                    _(
                        "item number {number} is used twice (also by item {position} in "
                        "order); number the items 1, 2, 3, ..."
                    ).format(number=item.number, position=seen[item.number]),
                )
            elif item.number != expected:
                yield Finding(
                    agreement.source,
                    where,
                    _(
                        "item {position} in order is numbered {number}; "
                        "expected {position} (number the items 1, 2, 3, ... in order)"
                    ).format(position=expected, number=item.number),
                )
            seen.setdefault(item.number, expected)
