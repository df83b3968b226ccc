"""A link points at a strategy track or an agreement item that does not exist.

An item's `links` name what it carries forward: a track of a strategy (`strategy-id#track-id`)
or another agreement's item (`agreement-id#3`). A link to a document id, track or item number
that is not in the workbook is reported at the link, with the closest existing name when
there is one (usually a typo).
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA211"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    targets: dict[str, list[str]] = {s.id: [t.id for t in s.tracks] for s in context.strategies}
    targets.update({a.id: [str(i.number) for i in a.items] for a in context.agreements})
    strategies = {s.id for s in context.strategies}
    for agreement in context.agreements:
        for item in agreement.items:
            for index, link in enumerate(item.links):
                document, _sep, part = link.partition("#")
                where = (*item.where, "links", index)
                if document not in targets:
                    yield Finding(
                        agreement.source,
                        where,
                        _(
                            "item {number} links to `{link}`, but there is no strategy or "
                            "agreement with the id `{id}` in the workbook"
                        ).format(number=item.number, link=link, id=document)
                        + _hint(document, list(targets)),
                    )
                elif part not in targets[document]:
                    if document in strategies:
                        message = _(
                            "item {number} links to `{link}`, but `{id}` has no track `{part}`"
                        )
                    else:
                        message = _(
                            "item {number} links to `{link}`, but `{id}` has no item `{part}`"
                        )
                    hint = _hint(part, targets[document], f"{document}#")
                    yield Finding(
                        agreement.source,
                        where,
                        message.format(number=item.number, link=link, id=document, part=part)
                        + hint,
                    )


def _hint(word: str, choices: list[str], prefix: str = "") -> str:
    close = get_close_matches(word, choices, n=1, cutoff=0.5)
    return _("; did you mean `{suggestion}`?").format(suggestion=prefix + close[0]) if close else ""
