"""Placeholder text is left in the agreement.

Drafts carry markers for what is still to be written: `TODO`, `FIXME`, `XXX`, `TBD`, `???`,
or the Danish "udfyld" / "udfyldes" (to be filled in). An agreement with such a marker is not
ready to be signed or put on the committee's agenda. Every text of the agreement is searched:
title, purpose, vision, parties and every row of every item, and every text of a strategy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from devagree.checks.base import Context, Finding
from devagree.core.paths import Path_
from devagree.core.places import describe_place, field_name
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA209"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True

MARKER = re.compile(r"\b(?:TODO|FIXME|XXX|TBD)\b|\?\?\?|\b(?:[Uu]dfyld(?:es)?)\b")
_SKIPPED = frozenset({"signatures", "status"})
_HINTS = ("TODO", "FIXME", "XXX", "TBD", "???", "dfyld")
"""Substrings every marker contains: far cheaper to look for than the pattern itself."""


def check(context: Context) -> Iterator[Finding]:
    for document in context.documents:
        texts = list(_texts(document.data, ()))
        whole = "\n".join(text for _where, text in texts)
        if not any(hint in whole for hint in _HINTS) or not MARKER.search(whole):
            continue  # the common case, answered by plain substring searches
        for where, text in texts:
            found = MARKER.search(text)
            if found:
                yield Finding(
                    document.source,
                    where,
                    _(
                        '{field}{place} still holds the placeholder "{marker}"; '
                        "write the text before the agreement is signed"
                    ).format(
                        field=field_name(where),
                        place=describe_place(document.data, where),
                        marker=found.group(0),
                    ),
                )


def _texts(value: Any, where: Path_) -> Iterator[tuple[Path_, str]]:
    """Every string in the data with its path; iterative, as the loader is."""
    stack: list[tuple[Any, Path_]] = [(value, where)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, str):
            yield place, node
        elif isinstance(node, dict):
            stack.extend((v, (*place, k)) for k, v in node.items() if k not in _SKIPPED)
        elif isinstance(node, list):
            stack.extend((v, (*place, i)) for i, v in enumerate(node))
