"""A dated status entry added to an item's history in the round-trip tree of the file.

The entry is added to the round-trip YAML tree (as ``sign`` does), so every comment and line
of the file stays where it was. Blank lines and comments that followed the item (they belong
to what comes next) are moved below the new entry. Before anything is written the result is
checked: the old lines must all still be there, in order (only the documented conversion of
a single ``status:`` mapping into a list may re-indent that mapping), the file must still
load and pass the schema, and the agreed text (its digest) must be unchanged, so a signature
stays valid. Pure: the text in, the text out.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from devagree.core.errors import UsageError
from devagree.core.loader import LoadError, load, round_trip
from devagree.core.model import State, agreement_from_data
from devagree.core.schema import validate
from devagree.followup.trailing import move_trailing
from devagree.i18n import _
from devagree.signatures.digest import digest


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    number: int
    state: State
    as_of: date
    note: str = ""


def checked_edit(shown: str, text: str, updates: Sequence[StatusUpdate]) -> tuple[str, list[bool]]:
    """The checked new text: devagree's layout first, then the file's guessed one."""
    refused: UsageError | None = None
    for guess in (False, True):
        new_text, converted = add_entries(text, updates, guess_indent=guess)
        try:
            verify_edit(shown, text, new_text, sum(converted), updates)
        except UsageError as err:
            refused = refused or err
            continue
        return new_text, converted
    assert refused is not None
    raise refused


def add_entry(text: str, update: StatusUpdate, guess_indent: bool = False) -> tuple[str, bool]:
    """``text`` with a status entry added to item ``update.number``.

    Returns the new text and whether a single ``status:`` mapping was turned into a list.
    ``guess_indent`` writes with the indentation ruamel guesses from the file instead of
    devagree's own (for files laid out differently; the guess can be wrong, so it is the
    second try).
    """
    new_text, converted = add_entries(text, [update], guess_indent)
    return new_text, converted[0]


def add_entries(
    text: str, updates: Sequence[StatusUpdate], guess_indent: bool = False
) -> tuple[str, list[bool]]:
    """``text`` with the entries added in order, in one load and one dump of the file.

    Several entries for one item follow each other in its history. Returns the new text
    and, per update, whether it turned a single ``status:`` mapping into a list.
    """
    from ruamel.yaml.comments import CommentedMap

    yaml = round_trip()
    if guess_indent:
        fit_indentation(yaml, text)
    tree = yaml.load(text)
    items = tree.get("items") if isinstance(tree, CommentedMap) else None
    converted = [_add_to_tree(items, update) for update in updates]
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue(), converted


def _add_to_tree(items: Any, update: StatusUpdate) -> bool:
    """Add the entry to its item in the round-trip tree; True when a mapping became a list."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    item = next(
        (
            i
            for i in items or ()
            if isinstance(i, CommentedMap) and i.get("number") == update.number
        ),
        None,
    )
    if item is None:
        raise UsageError(_("there is no item {number} in the file").format(number=update.number))
    entry = CommentedMap()
    entry["state"] = update.state.value
    entry["as_of"] = update.as_of
    note = update.note.strip("\n")
    if note:
        entry["note"] = LiteralScalarString(note + "\n") if "\n" in note else note
    status = item.get("status")
    converted = False
    if isinstance(status, CommentedSeq):
        move_trailing(status, entry)
        status.append(entry)
    elif isinstance(status, CommentedMap):
        # The one documented change of existing lines: the mapping becomes the list's first
        # entry (its content kept), and the new entry follows it.
        converted = True
        move_trailing(status, entry)
        item["status"] = CommentedSeq([status, entry])
    else:
        move_trailing(item, entry)
        item["status"] = CommentedSeq([entry])
    return converted


def fit_indentation(yaml: Any, text: str) -> None:
    """Write with the file's own indentation (``- `` flush with its key, or indented)."""
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _data, indent, dash = load_yaml_guess_indent(text)
    except Exception:  # a guess only; the defaults stay
        return
    if indent is None or dash is None or dash >= indent + 2 or indent < 2:
        return
    yaml.indent(mapping=indent, sequence=indent + dash, offset=dash)


def verify_edit(
    shown: str, old: str, new: str, converted: int, updates: Sequence[StatusUpdate]
) -> None:
    """Refuse to write unless the edit only added lines and the agreed text is unchanged.

    ``converted``: how many single ``status:`` mappings were turned into lists (each may
    re-indent its own lines).
    """
    if old and not old.endswith("\n"):  # the one byte a file may gain: its final newline
        old += "\r\n" if new.endswith("\r\n") else "\n"
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    changed = [
        (tag, i1, i2)
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("replace", "delete")
    ]
    if len(changed) > converted:
        _tag, i1, _i2 = changed[-1]
        raise UsageError(
            _(
                "{path}: devagree cannot add the entry without rewriting other lines of the "
                "file (line {line} would change; the file's indentation or layout differs from "
                "what devagree writes). Nothing was written; add the entry by hand under the "
                "item's `status:` and run devagree check"
            ).format(path=shown, line=i1 + 1)
        )
    try:
        before = load(shown, old)
        after = load(shown, new)
    except LoadError as err:  # pragma: no cover - the round trip writes valid YAML
        raise UsageError(
            _("{path}: the edited file would not load ({error}); nothing written").format(
                path=shown, error=err
            )
        ) from None
    if validate(after, "agreement") or digest(before.data) != digest(after.data):
        raise UsageError(
            _("{path}: the edit would change the agreed text; nothing written").format(path=shown)
        )
    model = agreement_from_data(shown, after.data)
    for number in dict.fromkeys(u.number for u in updates):
        mine = [(u.state, u.as_of) for u in updates if u.number == number]
        item = next(i for i in model.items if i.number == number)
        recorded = [(e.state, e.as_of) for e in item.history[-len(mine) :]]
        if recorded != mine:
            raise UsageError(
                _("{path}: the entry was not recorded as expected; nothing written").format(
                    path=shown
                )
            )
