"""The data of a file that fails the schema, made fit to build a model, so `check` reports
everything at once.

A file with an unknown field or a wrong type still holds what the rules look at: its
deadlines, numbering, links, placeholder text. ``salvage`` copies its data into the shape
the model's builders trust. It changes only the places the schema refused (``broken``, the
places its problems point at) and what the builders could not read, giving each a neutral
value (empty text, an item's place as its number, no date) and adding it to ``broken``;
the pipeline then drops a rule's finding at a broken place, where the schema problem
already speaks. Lists keep their length, so a place in the model is the same place in the
file; an entry of a history or of the signatures that cannot be read is ``None``, and the
builder passes over it.

Pure and total: any plain data (mappings, lists, text, numbers, booleans, nulls) comes out
buildable, which a property test checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from devagree.core.paths import Path_

RICH_ROWS = (
    "political_goal",
    "goal",
    "couplings",
    "target_group",
    "activity",
    "owner",
    "cross_commitments",
    "resources",
    "baseline",
)
LIST_ROWS = ("indicators", "documentation")
"""The rows that may be a list of texts as well as one text."""
STATES = frozenset({"planned", "in_progress", "done", "partly_done", "not_met", "cancelled"})
NO_START = "0001-01-01"
NO_END = "9999-12-31"
"""A period that cannot be read spans every day: no deadline is then outside it."""


def is_date(value: object) -> bool:
    """An ISO date (YYYY-MM-DD), as the schema's ``format: date`` takes it."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def within(where: Path_, broken: Iterable[Path_]) -> bool:
    """``where`` is a broken place or lies inside one."""
    return any(where[: len(place)] == place for place in broken)


class _Salvage:
    def __init__(self, broken: Iterable[Path_]) -> None:
        self.broken: set[Path_] = set(broken)

    def bad(self, where: Path_) -> bool:
        return within(where, self.broken)

    def mark(self, where: Path_) -> None:
        self.broken.add(where)

    # --- fields of a mapping (changed in place: the mapping is already a copy) -------------

    def text(self, data: dict[str, Any], key: str, where: Path_, required: bool) -> None:
        """Text, or "" when required; an optional field that is not text goes."""
        place = (*where, key)
        value = data.get(key)
        if isinstance(value, str) and not self.bad(place):
            return
        if key not in data and not required:
            return
        self.mark(place)
        if required:
            data[key] = ""
        else:
            del data[key]

    def day(self, data: dict[str, Any], key: str, where: Path_) -> None:
        """An optional ISO date; one that cannot be read goes."""
        place = (*where, key)
        if key in data and (not is_date(data[key]) or self.bad(place)):
            self.mark(place)
            del data[key]

    def mapping(self, value: Any, where: Path_) -> dict[str, Any] | None:
        """A copy of a mapping to salvage, or None when it is not one."""
        if isinstance(value, dict):
            return dict(value)
        self.mark(where)
        return None

    def entries(self, data: dict[str, Any], key: str, where: Path_, required: bool) -> list[Any]:
        """A copy of a list field ([] when it is not a list)."""
        value = data.get(key)
        if isinstance(value, list):
            return list(value)
        if key in data or required:
            self.mark((*where, key))
        return []

    def texts(self, data: dict[str, Any], key: str, where: Path_) -> None:
        """A row that may be one text or a list of texts."""
        value = data.get(key)
        if isinstance(value, list) and not self.bad((*where, key)):
            cleaned = list(value)
            for index, entry in enumerate(cleaned):
                if not isinstance(entry, str) or self.bad((*where, key, index)):
                    self.mark((*where, key, index))
                    cleaned[index] = ""
            data[key] = cleaned
        else:
            self.text(data, key, where, required=True)


def salvage_agreement(
    data: dict[str, Any], broken: Iterable[Path_]
) -> tuple[dict[str, Any], frozenset[Path_]]:
    """Data an agreement can be built from, and every place that holds a neutral value."""
    s = _Salvage(broken)
    out = dict(data)
    for key in ("id", "title", "municipality", "organisation"):
        s.text(out, key, (), required=True)
    for key in ("purpose", "renews"):
        s.text(out, key, (), required=False)
    s.day(out, "date", ())
    out["parties"] = [
        _party(s, entry, ("parties", i))
        for i, entry in enumerate(s.entries(out, "parties", (), True))
    ]
    out["period"] = _period(s, out.get("period"))
    if "vision" in out:
        vision = s.mapping(out["vision"], ("vision",))
        if vision is None:
            del out["vision"]
        else:
            s.text(vision, "text", ("vision",), required=True)
            s.text(vision, "title", ("vision",), required=False)
            out["vision"] = vision
    out["items"] = [_item(s, entry, i) for i, entry in enumerate(s.entries(out, "items", (), True))]
    if "unplaced" in out:
        out["unplaced"] = [
            _unplaced(s, entry, ("unplaced", i))
            for i, entry in enumerate(s.entries(out, "unplaced", (), False))
        ]
    if "signatures" in out:
        out["signatures"] = [
            _signature(s, entry, ("signatures", i))
            for i, entry in enumerate(s.entries(out, "signatures", (), False))
        ]
    if "imported_from" in out:
        source = s.mapping(out["imported_from"], ("imported_from",))
        if source is None:
            del out["imported_from"]
        else:
            for key in ("file", "sha256"):
                s.text(source, key, ("imported_from",), required=True)
            out["imported_from"] = source
    return out, frozenset(s.broken)


def _party(s: _Salvage, value: Any, where: Path_) -> dict[str, Any]:
    party = s.mapping(value, where) or {}
    for key in ("role", "name"):
        s.text(party, key, where, required=True)
    s.text(party, "title", where, required=False)
    return party


def _period(s: _Salvage, value: Any) -> dict[str, str]:
    period = s.mapping(value, ("period",)) or {}
    for key, neutral in (("start", NO_START), ("end", NO_END)):
        place = ("period", key)
        if not is_date(period.get(key)) or s.bad(place):
            s.mark(place)
            period[key] = neutral
    return period


def _item(s: _Salvage, value: Any, index: int) -> dict[str, Any]:
    where: Path_ = ("items", index)
    item = s.mapping(value, where) or {}
    number = item.get("number")
    if type(number) is not int or number < 1 or s.bad((*where, "number")):
        s.mark((*where, "number"))
        item["number"] = index + 1
    s.text(item, "title", where, required=True)
    for key in RICH_ROWS:
        s.text(item, key, where, required=True)
    for key in LIST_ROWS:
        s.texts(item, key, where)
    deadline = item.get("deadline")
    if not (isinstance(deadline, str) or type(deadline) is int) or s.bad((*where, "deadline")):
        s.mark((*where, "deadline"))
        item["deadline"] = ""
    s.day(item, "due", where)
    if "links" in item:
        links = s.entries(item, "links", where, False)
        for i, link in enumerate(links):
            if not isinstance(link, str) or s.bad((*where, "links", i)):
                s.mark((*where, "links", i))
                links[i] = ""
        item["links"] = links
    if "status" in item:
        item["status"] = _status(s, item["status"], (*where, "status"))
    return item


def _status(s: _Salvage, value: Any, where: Path_) -> Any:
    """One entry or a list of them; an entry that cannot be read is None (passed over)."""
    if value is None or isinstance(value, dict):
        return _entry(s, value, where) if value is not None else None
    if not isinstance(value, list):
        s.mark(where)
        return None
    return [_entry(s, entry, (*where, i)) for i, entry in enumerate(value)]


def _entry(s: _Salvage, value: Any, where: Path_) -> dict[str, Any] | None:
    entry = s.mapping(value, where)
    if entry is None:
        return None
    state = entry.get("state")
    if not isinstance(state, str) or state not in STATES or s.bad((*where, "state")):
        s.mark(where)
        return None
    s.day(entry, "as_of", where)
    s.text(entry, "note", where, required=False)
    return entry


def _unplaced(s: _Salvage, value: Any, where: Path_) -> dict[str, Any]:
    entry = s.mapping(value, where) or {}
    for key in ("text", "where"):
        s.text(entry, key, where, required=True)
    return entry


def _signature(s: _Salvage, value: Any, where: Path_) -> dict[str, Any] | None:
    """A signature, or None when the party, name, date or digest cannot be read."""
    signature = s.mapping(value, where)
    if signature is None:
        return None
    needed = ("party", "name", "digest")
    if not all(isinstance(signature.get(key), str) for key in needed) or not is_date(
        signature.get("date")
    ):
        s.mark(where)
        return None
    for key in ("title", "place", "method", "pdf"):
        s.text(signature, key, where, required=False)
    rows = signature.get("rows")
    if "rows" in signature and not (
        isinstance(rows, str)
        or (isinstance(rows, dict) and all(isinstance(v, str) for v in rows.values()))
    ):
        s.mark((*where, "rows"))
        del signature["rows"]
    if "certificate" in signature:
        certificate = signature["certificate"]
        if not (
            isinstance(certificate, dict)
            and isinstance(certificate.get("fingerprint"), str)
            and isinstance(certificate.get("issuer"), str)
            and isinstance(certificate.get("trusted"), bool)
        ):
            s.mark((*where, "certificate"))
            del signature["certificate"]
    return signature


# --- strategies -------------------------------------------------------------------------------


def salvage_strategy(
    data: dict[str, Any], broken: Iterable[Path_]
) -> tuple[dict[str, Any], frozenset[Path_]]:
    """Data a strategy can be built from, and every place that holds a neutral value."""
    s = _Salvage(broken)
    out = dict(data)
    for key in ("id", "title", "municipality", "body"):
        s.text(out, key, (), required=True)
    if "period" in out:
        period = s.mapping(out["period"], ("period",))
        if period is None or not (is_date(period.get("start")) and is_date(period.get("end"))):
            s.mark(("period",))
            del out["period"]
    out["tracks"] = [
        _track(s, entry, i) for i, entry in enumerate(s.entries(out, "tracks", (), True))
    ]
    return out, frozenset(s.broken)


def _track(s: _Salvage, value: Any, index: int) -> dict[str, Any]:
    where: Path_ = ("tracks", index)
    track = s.mapping(value, where) or {}
    for key in ("id", "title"):
        s.text(track, key, where, required=True)
    for key in ("label", "text"):
        s.text(track, key, where, required=False)
    if "sdgs" in track:
        sdgs = s.entries(track, "sdgs", where, False)
        track["sdgs"] = [n for n in sdgs if type(n) is int]
        if len(track["sdgs"]) != len(sdgs):
            s.mark((*where, "sdgs"))
    if "action_points" in track:
        points = s.entries(track, "action_points", where, False)
        track["action_points"] = [
            _action_point(s, point, (*where, "action_points", i)) for i, point in enumerate(points)
        ]
    if "budget" in track:
        lines = s.entries(track, "budget", where, False)
        track["budget"] = [
            _budget_line(s, line, (*where, "budget", i)) for i, line in enumerate(lines)
        ]
    return track


def _action_point(s: _Salvage, value: Any, where: Path_) -> dict[str, Any]:
    point = s.mapping(value, where) or {}
    if "milestones" in point:
        milestones = s.entries(point, "milestones", where, False)
        point["milestones"] = [
            _milestone(s, milestone, (*where, "milestones", i))
            for i, milestone in enumerate(milestones)
        ]
    return point


def _milestone(s: _Salvage, value: Any, where: Path_) -> dict[str, Any]:
    milestone = s.mapping(value, where) or {}
    s.text(milestone, "text", where, required=True)
    deadline = milestone.get("deadline")
    if deadline is not None and (
        not (isinstance(deadline, str) or type(deadline) is int) or s.bad((*where, "deadline"))
    ):
        s.mark((*where, "deadline"))
        del milestone["deadline"]
    s.day(milestone, "due", where)
    return milestone


def _budget_line(s: _Salvage, value: Any, where: Path_) -> dict[str, Any]:
    line = s.mapping(value, where) or {}
    s.text(line, "text", where, required=True)
    s.text(line, "phase", where, required=False)
    for key in ("amount", "low", "high"):
        if key in line and (type(line[key]) is not int or s.bad((*where, key))):
            s.mark((*where, key))
            del line[key]
    if "approximate" in line and not isinstance(line["approximate"], bool):
        s.mark((*where, "approximate"))
        del line["approximate"]
    if "years" in line:
        years = s.entries(line, "years", where, False)
        line["years"] = [year for year in years if type(year) is int]
        if len(line["years"]) != len(years):
            s.mark((*where, "years"))
    return line
