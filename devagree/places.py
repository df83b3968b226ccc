"""Places in a document said in words: "item 2", "the period", "signature 1".

Schema messages and checks both point at places by path; this turns a path into the words a
committee secretary would use.
"""

from __future__ import annotations

from typing import Any

from devagree.paths import Path_


def field_name(where: Path_) -> str:
    """The last key on the path, as `key`; "the file" at the top."""
    for step in reversed(where):
        if isinstance(step, str):
            return f"`{step}`"
    return "the file"


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
            words = "the period"
        elif step == "vision":
            words = "the vision"
        elif step == "status" and words:
            words = f"the status of {words}"
        node = child
    if owner:
        return words or "the file"
    return f" in {words}" if words else ""


def _has(node: Any, step: str | int) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _entry_word(collection: str, index: int, entry: Any, outer: str) -> str:
    if collection == "items":
        number = entry.get("number") if isinstance(entry, dict) else None
        return f"item {number if isinstance(number, int) else index + 1}"
    if collection == "tracks":
        name = entry.get("id") if isinstance(entry, dict) else None
        return f"track `{name}`" if isinstance(name, str) else f"track {index + 1}"
    singular = {
        "parties": "party",
        "signatures": "signature",
        "links": "link",
        "status": "status entry",
        "indicators": "indicator",
        "documentation": "document",
        "paths": "path",
        "tracks": "track",
        "budget": "budget line",
        "action_points": "action point",
        "milestones": "milestone",
        "sections": "section",
        "commitments": "commitment",
        "principles": "principle",
        "initiatives_done": "initiative",
        "sdgs": "goal",
    }.get(collection, "entry")
    here = f"{singular} {index + 1}"
    return f"{here} of {outer}" if outer and singular != "party" else here
