"""An id that Windows cannot use as a file name.

Output files are named after the id (`slagelse-chp-2016.docx`). The schema already allows
only lowercase letters, digits and hyphens; this rule also refuses the names Windows reserves
for devices (`con`, `prn`, `aux`, `nul`, `com1`-`com9`, `lpt1`-`lpt9`), which cannot be saved
on a Windows machine.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA204"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True

RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


def check(context: Context) -> Iterator[Finding]:
    for document in context.documents:
        if document.id in RESERVED:
            yield Finding(
                document.source,
                ("id",),
                _(
                    "the id `{id}` is a name Windows reserves and cannot be a file "
                    "name; choose another id"
                ).format(id=document.id),
            )
