"""An item's follow-up history is not in date order.

Each `devagree status` adds a dated entry at the end of the item's `status:` list, and the
last entry is taken as the item's state. When an entry is dated before the one above it
(added by hand, or a date mistyped), the latest state may not be the last one written, and
follow-up reports would show the wrong one. Put the entries in date order, or correct the
date. Entries without `as_of` are not compared. `devagree status` itself refuses an entry
dated before the item's latest one.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _, say_date

CODE = "DA214"
SEVERITY = Severity.WARNING
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        for item in agreement.items:
            latest = None
            for entry in item.history:
                if entry.as_of is None:
                    continue
                if latest is not None and entry.as_of < latest:
                    yield Finding(
                        agreement.source,
                        (*entry.where, "as_of"),
                        _(
                            "the status entry of item {number} dated {day} comes after one "
                            "dated {earlier}; keep the entries in date order"
                        ).format(
                            number=item.number,
                            day=say_date(entry.as_of),
                            earlier=say_date(latest),
                        ),
                    )
                latest = entry.as_of if latest is None else max(latest, entry.as_of)
