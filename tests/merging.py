"""Building the versions of an agreement that two clones make, and merging them in-process."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

from conftest import standalone_seed_text

from devagree.core.loader import load, round_trip
from devagree.core.model import State, agreement_from_data
from devagree.followup.history_edit import StatusUpdate, add_entries
from devagree.followup.merge import plan_merge
from devagree.followup.merge_files import MergeOutcome, merge_files
from devagree.followup.merge_tree import merged_text
from devagree.signatures.digest import digest, row_digests
from devagree.signatures.signing import append_records

SEED = standalone_seed_text()


def with_status(text: str, number: int, state: str, as_of: str, note: str = "") -> str:
    """``text`` with a status entry, added as `devagree status` adds it."""
    update = StatusUpdate(number, State(state), date.fromisoformat(as_of), note)
    return add_entries(text, [update])[0]


def signature(text: str, party: str, name: str, day: str) -> dict[str, Any]:
    """The record `devagree sign` would make for ``text``."""
    data = load("", text).data
    return {
        "party": party,
        "name": name,
        "date": date.fromisoformat(day),
        "digest": digest(data),
        "rows": row_digests(data),
    }


def with_signature(text: str, party: str, name: str, day: str) -> str:
    return append_records(text, [signature(text, party, name, day)])


def history(text: str, number: int) -> list[tuple[str, str, str]]:
    """Item ``number``'s status entries: (state, as_of, note)."""
    agreement = agreement_from_data("x.yaml", load("x.yaml", text).data)
    item = next(i for i in agreement.items if i.number == number)
    return [(e.state.value, e.as_of.isoformat() if e.as_of else "", e.note) for e in item.history]


def parties(text: str) -> list[str]:
    return [s["party"] for s in load("", text).data.get("signatures", [])]


def kept_in_order(old: str, new: str) -> list[str]:
    """The lines of ``old`` that are not in ``new`` in the same order (none: all kept)."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    lost: list[str] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            lost.extend(a[i1:i2])
    return lost


def tree_merge(base: str, ours: str, theirs: str) -> str:
    """The merge made in ours' round-trip tree (what the driver does when git's line merge
    of the same files conflicts)."""
    ours_tree = round_trip().load(ours)
    plan = plan_merge(
        load("", base).data if base.strip() else {},
        load("", ours).data,
        load("", theirs).data,
        ours_tree,
        round_trip().load(theirs),
    )
    return merged_text(ours, plan, ours_tree)


def merge_in_files(
    folder: Path, base: str | bytes, ours: str | bytes, theirs: str | bytes
) -> tuple[MergeOutcome, bytes]:
    """The driver on three files, as git runs it: the outcome and what OURS holds then."""
    paths = []
    for name, content in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = folder / f".merge_file_{name}"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        paths.append(path)
    outcome = merge_files(paths[0], paths[1], paths[2], shown="agreements/x.yaml")
    return outcome, paths[1].read_bytes()
