"""Two documents in the workbook have the same id.

The id names an agreement in links (`slagelse-chp-2016#2`), in output file names and in
calendar entries, so it must be unique across the whole workbook. The second and later uses
are reported, each naming the file that has it first.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.problems import Severity

CODE = "DA203"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for agreement in context.agreements:
        if agreement.id in first:
            yield Finding(
                agreement.source,
                ("id",),
                f"the id `{agreement.id}` is already used by {first[agreement.id]}; "
                "give each agreement its own id",
            )
        else:
            first[agreement.id] = agreement.source
