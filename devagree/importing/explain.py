"""What `devagree import --explain` shows: per item and field, where its text was read.

A secretary checks an import against the document at a glance: "Mål: table 1 row 3:
Slagelse Kommune bevæger sig fra ..." names the place to look, the first words say what was
taken. A field the document does not fill says so: it holds a placeholder to fill in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from devagree.core.model import ROWS
from devagree.i18n import _

if TYPE_CHECKING:
    from devagree.importing import Imported

_FIRST_WORDS = 8
_MARKUP = re.compile(r"(?<!\\)[*_`]+|\\(?=[*\\.\-#])")


def first_words(text: str, count: int = _FIRST_WORDS) -> str:
    """The first ``count`` words of a text, without its Markdown marks."""
    words = _MARKUP.sub("", text).replace("\n", " ").split()
    shown = " ".join(words[:count])
    return shown + " …" if len(words) > count else shown


def explanation(imported: Imported, data: dict[str, Any], language: str) -> list[str]:
    """Lines that say, per item and field, where its text stood and how it begins."""
    from devagree.checks.placeholders import MARKER

    labels = {row.key: row.label_in(language) for row in ROWS}
    labels["title"] = _("Heading")
    width = max(len(label) for label in labels.values()) + 1
    lines: list[str] = []
    for source in imported.sources:
        item = data["items"][source.item - 1]
        if source.key == "title":
            heading = _("item {number}: {title}").format(number=source.item, title=item["title"])
            lines.append("  " + heading)
        value = str(item[source.key])
        label = (labels[source.key] + ":").ljust(width + 1)
        if not source.places or MARKER.search(value):
            said = _("not in the document; a placeholder to fill in")
        else:
            places = ", ".join(source.places[:3]) + (", …" if len(source.places) > 3 else "")
            said = f"{places}: {first_words(value)}"
        lines.append(f"    {label} {said}")
    return lines
