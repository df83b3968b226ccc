"""A deadline that devagree cannot read.

Deadlines are written the way people speak ("Juni 2016", "Senest 31.12.2016", "uge 12 2017",
"april-maj 2017", "inden sommerferien", "løbende"); the README lists every accepted form and
the date each one means. An expression outside those forms cannot be checked for being
overdue, so it is an error; the message lists the forms by kind. A deadline without a year
("ultimo august") takes it from the agreement's period when the period lies within one year
or only one such date falls inside it; otherwise the message says the year is missing and
names the candidate dates. A day of the week that does not match its date is reported too.
The same goes for the `deadline` of a milestone in a strategy (its year comes from the
strategy's period). To keep unusual wording, add `due: YYYY-MM-DD` to the item to pin the date.
A deadline that is still a placeholder ("TODO: ...") is reported as DA209 instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.checks.placeholders import MARKER
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA206"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        for item in agreement.items:
            if (
                item.deadline is None
                and item.pinned_due is None
                and not MARKER.search(item.deadline_text)
            ):
                yield Finding(
                    agreement.source,
                    (*item.where, "deadline"),
                    _("item {number}: {error}").format(
                        number=item.number, error=item.deadline_error
                    ),
                )
    for strategy in context.strategies:
        for track in strategy.tracks:
            for milestone in track.milestones:
                if milestone.deadline_error and milestone.pinned_due is None:
                    yield Finding(
                        strategy.source,
                        (*milestone.where, "deadline"),
                        _("a milestone of track `{track}`: {error}").format(
                            track=track.id, error=milestone.deadline_error
                        ),
                    )
