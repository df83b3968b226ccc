"""Two documents in the workbook have the same id.

The id names an agreement or a strategy in links (`slagelse-chp-2016#2`, `vision-2020#p1`),
in output file names and in calendar entries, so it must be unique across the whole workbook,
agreements and strategies together. The second and later uses
are reported, each naming the file that has it first.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA203"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for document in context.documents:
        if document.id in first:
            yield Finding(
                document.source,
                ("id",),
                _(
                    "the id `{id}` is already used by {path}; "
                    "give each agreement and strategy its own id"
                ).format(id=document.id, path=first[document.id]),
            )
        else:
            first[document.id] = document.source
