"""Places in a document said in words: "item 2", "the period", "signature 1".

Schema messages and checks both point at places by path; this turns a path into the words a
committee secretary would use.
"""

from __future__ import annotations

from typing import Any

from devagree.core.paths import Path_
from devagree.i18n import N_, _


def field_name(where: Path_) -> str:
    """The last key on the path, as `key`; "the file" at the top."""
    for step in reversed(where):
        if isinstance(step, str):
            return f"`{step}`"
    return _("the file")


def describe_place(data: Any, where: Path_, owner: bool = False) -> str:
    """Where ``where`` is, in words: "item 2", "the period", "signature 1 (chief)".

    With ``owner`` the path names the thing itself ("item 2"); otherwise it names the thing
    that holds the last field (" in item 2", or "" at the top level).
    """
    steps = where if owner else where[:-1]
    words = ""
    node: Any = data
    for index, step in enumerate(steps):
        parent_key = steps[index - 1] if index else None
        child = node[step] if _has(node, step) else None
        if isinstance(step, int):
            words = _entry_word(str(parent_key), step, child, words)
        elif step == "period":
            words = _("the period")
        elif step == "vision":
            words = _("the vision")
        elif step == "status" and words:
            words = _("the status of {place}").format(place=words)
        node = child
    if owner:
        return words or _("the file")
    return _(" in {place}").format(place=words) if words else ""


def _has(node: Any, step: str | int) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _entry_word(collection: str, index: int, entry: Any, outer: str) -> str:
    if collection == "items":
        number = entry.get("number") if isinstance(entry, dict) else None
        return _("item {number}").format(number=number if isinstance(number, int) else index + 1)
    if collection == "tracks":
        name = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(name, str):
            return _("track `{id}`").format(id=name)
        return _("track {number}").format(number=index + 1)
    pattern = _ENTRIES.get(collection, N_("entry {number}"))
    here = _(pattern).format(number=index + 1)
    if outer and collection != "parties":
        return _("{entry} of {place}").format(entry=here, place=outer)
    return here


_ENTRIES = {
    "parties": N_("party {number}"),
    "signatures": N_("signature {number}"),
    "links": N_("link {number}"),
    "status": N_("status entry {number}"),
    "indicators": N_("indicator {number}"),
    "documentation": N_("document {number}"),
    "paths": N_("path {number}"),
    "tracks": N_("track {number}"),
    "budget": N_("budget line {number}"),
    "action_points": N_("action point {number}"),
    "milestones": N_("milestone {number}"),
    "sections": N_("section {number}"),
    "commitments": N_("commitment {number}"),
    "principles": N_("principle {number}"),
    "initiatives_done": N_("initiative {number}"),
    "sdgs": N_("goal {number}"),
}
"""How an entry of each list is named, by the list's key."""
