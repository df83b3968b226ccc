"""Item numbers are not 1, 2, 3, ... in order.

Items are referred to by number in meetings, in links (`agreement-id#2`) and in follow-up
reports, so each number must be unique and they must run from 1 without gaps, in the order
the items are written.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.problems import Severity

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
                    f"item number {item.number} is used twice (also by the "
                    f"{_ordinal(seen[item.number])} item); number the items 1, 2, 3, ...",
                )
            elif item.number != expected:
                yield Finding(
                    agreement.source,
                    where,
                    f"the {_ordinal(expected)} item is numbered {item.number}; "
                    f"expected {expected} (number the items 1, 2, 3, ... in order)",
                )
            seen.setdefault(item.number, expected)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
