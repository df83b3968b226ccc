"""An item is overdue.

An item is overdue when its due date lies before the day of the check (today, or the date
given with `--as-of`) and its follow-up state is still `planned` or `in_progress` (an item
without `status` counts as planned). Record progress with a `status` entry (state `done`,
`partly_done`, `not_met` or `cancelled`) to close it. This is a warning by default; a
workbook that wants CI to fail on overdue items sets `DA208: error` under `rules` in
devagree.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.model import state_word
from devagree.core.problems import Severity
from devagree.i18n import ngettext, say_date

CODE = "DA208"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    as_of = context.as_of
    for agreement in context.agreements:
        for item in agreement.items:
            if item.is_overdue(as_of):
                due = item.due
                assert due is not None
                days = (as_of - due).days
                yield Finding(
                    agreement.source,
                    (*item.where, "deadline"),
                    ngettext(
                        'item {number} "{title}" was due {due} ({days} day ago) and is {state}',
                        'item {number} "{title}" was due {due} ({days} days ago) and is {state}',
                        days,
                    ).format(
                        number=item.number,
                        title=item.title,
                        due=say_date(due),
                        days=days,
                        state=state_word(item.state),
                    ),
                )
