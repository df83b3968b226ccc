"""Hypothesis strategies for the plain data a YAML file can hold, and for damaged documents.

Values are what the loader gives: mappings with text keys, lists, text, whole numbers,
floats, booleans and nulls. Keys are drawn mostly from the names devagree's documents use,
so that random data reaches every branch of the builders.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

KEYS = (
    "kind", "version", "id", "title", "municipality", "organisation", "body", "parties",
    "role", "name", "date", "period", "start", "end", "purpose", "vision", "text", "items",
    "number", "political_goal", "goal", "couplings", "target_group", "activity", "deadline",
    "due", "owner", "cross_commitments", "resources", "baseline", "indicators",
    "documentation", "links", "status", "state", "as_of", "note", "signatures", "party",
    "digest", "rows", "place", "method", "certificate", "fingerprint", "issuer", "trusted",
    "pdf", "renews", "unplaced", "where", "tracks", "label", "sdgs", "action_points",
    "milestones", "budget", "phase", "amount", "low", "high", "approximate", "years",
)  # fmt: skip

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(
        [
            "2016-02-29", "2016-13-01", "31.12.2016", "Juni 2016", "ultimo august", "løbende",
            "planned", "in_progress", "inprogress", "TODO", "sha256:" + "0" * 64, "x#1", "",
        ]
    ),
)  # fmt: skip

PLAIN = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=30,
)


def documents(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping of ``kind`` with random fields, items and tracks of random shapes."""
    entry = st.dictionaries(st.sampled_from(KEYS), PLAIN, max_size=12)
    return st.builds(
        lambda fields, entries, key: {
            **fields,
            "kind": kind,
            key: entries,
        },
        st.dictionaries(st.sampled_from(KEYS), PLAIN, max_size=14),
        st.lists(entry | PLAIN, max_size=4),
        st.sampled_from(["items", "tracks", "parties", "signatures"]),
    )


def _places(value: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [where]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_places(child, (*where, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_places(child, (*where, index)))
    return found


def _parent(data: Any, where: tuple[Any, ...]) -> Any:
    for step in where[:-1]:
        data = data[step]
    return data


@st.composite
def damaged(draw: st.DrawFn, original: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``original`` with one to four of its places replaced, removed or added to."""
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = [p for p in _places(data) if p and p != ("kind",)]
        if not places:
            break
        where = draw(st.sampled_from(places))
        parent = _parent(data, where)
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(PLAIN)
        elif action == "remove" and isinstance(parent, dict):
            del parent[where[-1]]
        elif isinstance(parent[where[-1]], dict):
            parent[where[-1]][draw(st.sampled_from(KEYS) | st.text(max_size=8))] = draw(PLAIN)
        else:
            parent[where[-1]] = draw(PLAIN)
    return data
