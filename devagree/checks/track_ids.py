"""Two tracks of a strategy have the same id.

Agreement items link to tracks as `strategy-id#track-id`, so each track id must be unique
within its strategy; otherwise a link could mean either track. Rename one of them (for
example `p2`) and update the links that meant it.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA212"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for strategy in context.strategies:
        first: dict[str, int] = {}
        for index, track in enumerate(strategy.tracks, start=1):
            if track.id in first:
                yield Finding(
                    strategy.source,
                    (*track.where, "id"),
                    _(
                        "track {number} has the id `{id}`, which track {other} "
                        "already has; give each track its own id"
                    ).format(number=index, id=track.id, other=first[track.id]),
                )
            else:
                first[track.id] = index
