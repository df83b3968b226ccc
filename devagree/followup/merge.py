"""Three versions of an agreement file merged as data: what two clones recorded side by side.

git gives the merge driver the common base and two sides (ours, theirs). Each is read with
the loader; the walk below compares them key by key, as git compares lines:

- a part that only one side changed is taken from that side; a part both sides changed in
  the same way is taken once;
- an item's ``status`` entries are united: every entry either side added is kept (one that
  both sides added counts once), an entry either side deleted is gone, and entries are in
  date order (entries of the same day: ours first, then theirs);
- ``signatures`` are united by party: a party's signatures are taken from the side that
  changed them; two different changes for one party are a conflict. A signature is an
  opaque mapping, compared whole;
- ``unplaced`` and an item's ``links`` are united like status entries, theirs after ours;
- items are matched by their ``number``, so follow-up on different items never collides;
- anything else both sides changed in different ways is a ``Conflict``: nothing is picked.

The walk is pure. It returns the merged data and the edits that turn ours' round-trip tree
into it (``followup.merge_tree`` makes them and keeps every other byte of ours).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devagree.core.paths import Path_
from devagree.signatures.digest import canonical_value


class _Missing:
    """A part one version does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

UNITED_TOP = frozenset({"unplaced"})
"""Top-level lists of independent entries: what both sides added is kept."""
UNITED_IN_ITEM = frozenset({"links"})
"""Lists of an item whose entries are independent (a link each)."""


class Conflict(Exception):
    """Both sides changed one part in different ways (or one deleted what the other changed).

    ``where`` is the part's place in ours' data; ``reason`` is one of ``changed``,
    ``deleted``, ``signature`` (two different signatures for one party) and ``order``
    (both sides reordered or renumbered the items). Writing the result adds ``layout``,
    ``comments`` and ``schema`` (``followup.merge_tree``, ``followup.merge_files``).
    """

    def __init__(self, where: Path_, reason: str, party: str = "") -> None:
        super().__init__(f"{reason} at {where}")
        self.where = where
        self.reason = reason
        self.party = party


# --- the edits of ours' round-trip tree -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Replace:
    """``container[slot]`` becomes ``node`` (from theirs)."""

    container: Any
    slot: Any
    node: Any


@dataclass(frozen=True, slots=True)
class DeleteKey:
    mapping: Any
    key: str


@dataclass(frozen=True, slots=True)
class InsertKey:
    """``key: node`` added to ``mapping`` after the key ``after`` (first when None)."""

    mapping: Any
    key: str
    node: Any
    after: str | None


@dataclass(frozen=True, slots=True)
class MakeList:
    """A single ``status:`` mapping becomes the first entry of a list."""

    mapping: Any
    key: str


@dataclass(frozen=True, slots=True)
class Rearrange:
    """The list at ``holder[0][holder[1]]`` becomes ``entries``: ``(index, None)`` keeps
    ours' entry at that index, ``(-1, node)`` adds theirs' ``node``. Ours' entries that are
    left out are deleted; the kept ones stay in their order."""

    holder: tuple[Any, Any]
    entries: tuple[tuple[int, Any], ...]


Edit = Replace | DeleteKey | InsertKey | MakeList | Rearrange


@dataclass(slots=True)
class Plan:
    """The merged data and the edits that make it from ours' round-trip tree."""

    data: Any = None
    edits: list[Edit] = field(default_factory=list)


def plan_merge(base: Any, ours: Any, theirs: Any, ours_tree: Any, theirs_tree: Any) -> Plan:
    """The merge of three versions' plain data; ``*_tree`` are ours' and theirs' round-trip
    trees of the same text. Raises ``Conflict``. ``base`` may be ``{}`` (no common base)."""
    plan = Plan()
    plan.data = _Walk(plan).mapping((), base, ours, theirs, ours_tree, theirs_tree)
    return plan


# --- entries as values ----------------------------------------------------------------------


def _key(value: Any) -> str:
    """An entry as a comparable value: the same entry typed twice is the same key."""
    return json.dumps(canonical_value(value), sort_keys=True, ensure_ascii=False, default=str)


def _entries(value: Any) -> list[Any]:
    if value is MISSING or value is None:
        return []
    return value if isinstance(value, list) else [value]


def _wanted(base: list[Any], ours: list[Any], theirs: list[Any]) -> Counter[str]:
    """How often each entry is in the merge: kept where neither side deleted it, plus what
    either side added (an entry both added counts once)."""
    b, o, t = (Counter(_key(e) for e in side) for side in (base, ours, theirs))
    wanted: Counter[str] = Counter()
    for key in b | o | t:
        kept = min(b[key], o[key], t[key])
        added = max(o[key] - b[key], t[key] - b[key], 0)
        if kept + added:
            wanted[key] = kept + added
    return wanted


@dataclass(slots=True)
class _Entry:
    value: Any
    node: Any
    index: int = -1
    """Its index in ours' list; -1 for theirs' entry."""

    @property
    def ours(self) -> bool:
        return self.index >= 0


def _nodes(value: Any, node: Any) -> list[Any]:
    """The round-trip nodes of ``_entries(value)``."""
    if value is MISSING or value is None:
        return []
    return list(node) if isinstance(value, list) else [node]


def _united(
    base: list[Any],
    ours: list[Any],
    theirs: list[Any],
    ours_nodes: Sequence[Any],
    theirs_nodes: Sequence[Any],
    place: Callable[[list[_Entry], _Entry], int] | None = None,
) -> list[_Entry]:
    """Ours' entries that stay, in their order, and theirs' additions placed by ``place``
    (at the end when None)."""
    left = _wanted(base, ours, theirs)
    merged: list[_Entry] = []
    for index, (value, node) in enumerate(zip(ours, ours_nodes, strict=True)):
        key = _key(value)
        if left[key] > 0:
            left[key] -= 1
            merged.append(_Entry(value, node, index))
    for value, node in zip(theirs, theirs_nodes, strict=True):
        key = _key(value)
        if left[key] > 0:
            left[key] -= 1
            entry = _Entry(value, node)
            merged.insert(place(merged, entry) if place else len(merged), entry)
    return merged


def _day(value: Any) -> date | None:
    day = value.get("as_of") if isinstance(value, dict) else None
    try:
        return date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        return None


def _by_date(merged: list[_Entry], entry: _Entry) -> int:
    """After the last entry of the same day or earlier, so a day's entries keep their order
    (ours, then theirs); an entry without a date goes last."""
    day = _day(entry.value)
    if day is None:
        return len(merged)
    for index in range(len(merged) - 1, -1, -1):
        there = _day(merged[index].value)
        if there is None or there <= day:
            return index + 1
    return 0


# --- the walk -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Walk:
    plan: Plan

    def mapping(
        self, where: Path_, base: Any, ours: dict[str, Any], theirs: dict[str, Any], o: Any, t: Any
    ) -> dict[str, Any]:
        """Key by key: ours' keys in ours' order, then the keys only theirs has."""
        base = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        for key, mine in ours.items():
            here = (*where, key)
            was = base.get(key, MISSING)
            other = theirs.get(key, MISSING)
            if other is MISSING and was is MISSING:
                merged[key] = mine  # only ours has it
            elif other is MISSING:
                if mine != was:
                    raise Conflict(here, "deleted")
                self.plan.edits.append(DeleteKey(o, key))
            else:
                value = self.value(here, was, mine, other, (o, key), (t, key))
                if value is not MISSING:
                    merged[key] = value
        previous: str | None = None
        for key, other in theirs.items():
            if key in ours:
                previous = key
                continue
            was = base.get(key, MISSING)
            if was is MISSING:
                self.plan.edits.append(InsertKey(o, key, t[key], previous))
                merged[key] = other
                previous = key
            elif other != was:
                raise Conflict((*where, key), "deleted")
        return merged

    def value(
        self,
        where: Path_,
        base: Any,
        ours: Any,
        theirs: Any,
        o: tuple[Any, Any],
        t: tuple[Any, Any],
    ) -> Any:
        """One part both versions have: (container, slot) of each in its round-trip tree."""
        if ours == theirs:
            return ours
        o_node, t_node = o[0][o[1]], t[0][t[1]]
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self.mapping(where, base, ours, theirs, o_node, t_node)
        if where == ("items",) and _numbered(base, ours, theirs):
            return self.items(where, base, ours, theirs, o, t)
        if ours == base:
            self.plan.edits.append(Replace(o[0], o[1], t_node))
            return theirs
        if theirs == base:
            return ours
        if len(where) == 3 and where[0] == "items" and where[2] == "status":
            return self.status(base, ours, theirs, o, t_node)
        if where == ("signatures",) and _all_lists(ours, theirs):
            return self.signatures(base, ours, theirs, o, t_node)
        if _united_list(where) and _all_lists(ours, theirs):
            return self.rearrange(o, _united(_entries(base), ours, theirs, o_node, t_node))
        raise Conflict(where, "changed")

    # -- status, signatures and lists of entries ---------------------------------------------

    def status(self, base: Any, ours: Any, theirs: Any, o: tuple[Any, Any], t_node: Any) -> Any:
        """Both sides recorded follow-up on one item: every entry, in date order."""
        o_node = o[0][o[1]]
        merged = _united(
            _entries(base),
            _entries(ours),
            _entries(theirs),
            _nodes(ours, o_node),
            _nodes(theirs, t_node),
            _by_date,
        )
        if not merged:
            self.plan.edits.append(DeleteKey(o[0], o[1]))
            return MISSING
        if isinstance(ours, dict):
            if len(merged) == 1 and merged[0].ours:
                return ours
            if not any(e.ours for e in merged):
                return self.fresh_list(o, merged)
            self.plan.edits.append(MakeList(o[0], o[1]))
        return self.rearrange(o, merged)

    def signatures(
        self, base: Any, ours: list[Any], theirs: list[Any], o: tuple[Any, Any], t_node: Any
    ) -> list[Any]:
        """Each party's signatures from the side that changed them."""
        sides = [_entries(base), ours, theirs]
        parties = list(dict.fromkeys(_party(e) for side in (ours, theirs) for e in side))
        theirs_wins: set[str | None] = set()
        for party in parties:
            was, mine, other = ([_key(e) for e in side if _party(e) == party] for side in sides)
            if mine == other or other == was:
                continue
            if mine != was:
                raise Conflict(("signatures",), "signature", party=str(party or ""))
            theirs_wins.add(party)
        theirs_of: dict[str | None, list[_Entry]] = {party: [] for party in theirs_wins}
        for value, node in zip(theirs, t_node, strict=True):
            if _party(value) in theirs_wins:
                theirs_of[_party(value)].append(_Entry(value, node))
        merged: list[_Entry] = []
        for index, (value, node) in enumerate(zip(ours, o[0][o[1]], strict=True)):
            party = _party(value)
            if party not in theirs_wins:
                merged.append(_Entry(value, node, index))
            else:  # theirs' signatures of the party where ours' first one stood
                merged.extend(theirs_of.pop(party, []))
        for party in parties:
            merged.extend(theirs_of.pop(party, []))
        return self.rearrange(o, merged)

    def rearrange(self, o: tuple[Any, Any], merged: list[_Entry]) -> list[Any]:
        """The edit that turns ours' list into ``merged`` (none when it is ours as it was)."""
        current = o[0][o[1]]
        unchanged = len(merged) == len(current) and all(e.index == i for i, e in enumerate(merged))
        if not unchanged:
            entries = tuple((e.index, None if e.ours else e.node) for e in merged)
            self.plan.edits.append(Rearrange((o[0], o[1]), entries))
        return [e.value for e in merged]

    def fresh_list(self, o: tuple[Any, Any], merged: list[_Entry]) -> list[Any]:
        from ruamel.yaml.comments import CommentedSeq

        self.plan.edits.append(Replace(o[0], o[1], CommentedSeq([e.node for e in merged])))
        return [e.value for e in merged]

    # -- items, matched by number ------------------------------------------------------------

    def items(
        self,
        where: Path_,
        base: Any,
        ours: list[Any],
        theirs: list[Any],
        o: tuple[Any, Any],
        t: tuple[Any, Any],
    ) -> list[Any]:
        """Item by item, matched by ``number``. An item one side added is added, one it
        deleted (and the other left alone) is deleted; items both sides have must stand in
        the same order on both."""
        if ours == base:
            self.plan.edits.append(Replace(o[0], o[1], t[0][t[1]]))
            return theirs
        if theirs == base:
            return ours
        was = {value["number"]: value for value in _entries(base)}
        mine = {value["number"]: index for index, value in enumerate(ours)}
        other = {value["number"]: index for index, value in enumerate(theirs)}
        if [n for n in mine if n in other] != [n for n in other if n in mine]:
            raise Conflict(where, "order")
        o_list, t_list = o[0][o[1]], t[0][t[1]]
        merged: list[_Entry] = []
        for number, index in mine.items():
            if number in other:
                value = self.value(
                    (*where, index),
                    was.get(number, MISSING),
                    ours[index],
                    theirs[other[number]],
                    (o_list, index),
                    (t_list, other[number]),
                )
                merged.append(_Entry(value, o_list[index], index))
            elif number not in was:
                merged.append(_Entry(ours[index], o_list[index], index))  # ours added it
            elif ours[index] != was[number]:
                raise Conflict((*where, index), "deleted")  # theirs deleted what ours changed
        previous: int | None = None
        for number, index in other.items():
            if number in mine:
                previous = number
                continue
            if number in was:
                if theirs[index] != was[number]:
                    raise Conflict(where, "deleted")  # ours deleted what theirs changed
                continue
            at = next((i + 1 for i, e in enumerate(merged) if e.value.get("number") == previous), 0)
            merged.insert(at, _Entry(theirs[index], t_list[index]))
            previous = number
        return self.rearrange(o, merged)


def _party(entry: Any) -> str | None:
    party = entry.get("party") if isinstance(entry, dict) else None
    return party if isinstance(party, str) else None


def _all_lists(*values: Any) -> bool:
    return all(isinstance(v, list) for v in values)


def _united_list(where: Path_) -> bool:
    if len(where) == 1:
        return where[0] in UNITED_TOP
    return len(where) == 3 and where[0] == "items" and where[2] in UNITED_IN_ITEM


def _numbered(*sides: Any) -> bool:
    """Every version's items have whole, distinct numbers (so they can be matched)."""
    for side in sides:
        if side is MISSING:
            continue
        if not isinstance(side, list):
            return False
        numbers = [i.get("number") if isinstance(i, dict) else None for i in side]
        if any(not isinstance(n, int) or isinstance(n, bool) for n in numbers):
            return False
        if len(set(numbers)) != len(numbers):
            return False
    return True
