"""The agreement's period ends before it starts.

`period.start` is the first day the agreement applies and `period.end` the last; the seed
agreement applies from 29 February to 31 December 2016. A start on or after the end is
almost always two dates swapped or a wrong year.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _, say_date

CODE = "DA205"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        period = agreement.period
        if period.start >= period.end:
            yield Finding(
                agreement.source,
                ("period", "end"),
                _("the period ends ({end}) before or on the day it starts ({start})").format(
                    end=say_date(period.end), start=say_date(period.start)
                ),
            )
