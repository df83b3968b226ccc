"""Recording follow-up on an item: a dated status entry added without disturbing the file.

The entry is added to the round-trip YAML tree (as ``sign`` does), so every comment and line
of the file stays where it was. Blank lines and comments that followed the item (they belong
to what comes next) are moved below the new entry. Before anything is written the result is
checked: the old lines must all still be there, in order (only the documented conversion of
a single ``status:`` mapping into a list may re-indent that mapping), the file must still
load and pass the schema, and the agreed text (its digest) must be unchanged, so a signature
stays valid. The write goes through ``devagree.editing``: under the file's lock, to the
text on disk at that moment, so entries recorded at the same time are all kept.

Everything here is pure except ``record_status``'s write; the day and today are parameters.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devagree.digest import digest
from devagree.editing import current_text, edit_file
from devagree.errors import DevagreeError, ExitCode, UsageError
from devagree.i18n import _
from devagree.model import (
    STATE_LABELS,
    Item,
    State,
    StatusEntry,
    agreement_from_data,
    valid_states,
)
from devagree.paths import display_path
from devagree.schema import validate
from devagree.workbook import check_workbook, load_settings
from devagree.yamlio import LoadError, load, round_trip

OVERDUE_CODE = "DA208"
"""An overdue item is what a status update fixes, so it never blocks one."""


class StatusRefused(DevagreeError):
    """The file has errors: follow-up on a file that does not check would mislead."""

    exit_code = ExitCode.PROBLEMS


def _state_names() -> dict[str, State]:
    names: dict[str, State] = {}
    for state in State:
        names[state.value] = state
        names[state.value.replace("_", "-")] = state
        names[state.value.replace("_", " ")] = state
        for labels in STATE_LABELS.values():
            names[labels[state].lower()] = state
    return names


def parse_state(text: str) -> State:
    """A state from its key (``in_progress``) or its label (``i gang``, ``in progress``)."""
    state = _state_names().get(" ".join(text.strip().lower().split()))
    if state is None:
        raise UsageError(f'unknown state "{text}"; the states are: {valid_states()}')
    return state


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    number: int
    state: State
    as_of: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecordedStatus:
    """What was recorded, for the CLI to report."""

    path: str
    agreement: str
    number: int
    title: str
    previous: State | None
    update: StatusUpdate
    entries: int
    """How many entries the item's history now has."""
    converted: bool
    """A single ``status:`` mapping was turned into a list (its lines were re-indented)."""


def _check_note(note: str) -> None:
    bad = sorted({c for c in note if (ord(c) < 32 and c not in "\n\t") or c == "\x7f"})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad)
        raise UsageError(f"--note holds control characters ({codes}); write plain text")


def workbook_paths(path: Path) -> list[Path]:
    """The file together with its workbook's folders, so links to other documents resolve.

    Checked alone, a file that links to a strategy would report the link as broken.
    """
    settings, _problems, _unreadable = load_settings(path.parent)
    if settings.config is None:
        return [path]
    folders = [settings.root / p for p in settings.paths if (settings.root / p).is_dir()]
    target = path.resolve()
    if any(target.is_relative_to(folder.resolve()) for folder in folders):
        return folders
    return [*folders, path]


def record_status(
    path: Path,
    update: StatusUpdate,
    *,
    today: date,
    allow_future: bool = False,
    lock_timeout: float | None = None,
) -> RecordedStatus:
    """Add ``update`` to the item's history in ``path`` through the one write path.

    The workbook is checked first (a file with errors is refused); the entry itself is then
    added under the file's lock to the text on disk at that moment, so entries recorded at
    the same time by others are kept, and what is reported (the previous state, the number
    of entries) is read from that text. ``today`` bounds ``as_of`` unless ``allow_future``.
    """
    shown = display_path(path)
    if not path.is_file():
        raise UsageError(f"{shown}: no such file")
    _check_note(update.note)
    if update.as_of > today and not allow_future:
        raise UsageError(
            _(
                "--as-of {day} is after today ({today}); follow-up records what has happened. "
                "Use --allow-future to record a planned state anyway"
            ).format(day=update.as_of.isoformat(), today=today.isoformat())
        )
    workbook = check_workbook(workbook_paths(path), as_of=update.as_of, start=path.parent)
    errors = [
        p
        for p in workbook.problems
        if p.severity.value == "error" and p.code != OVERDUE_CODE and p.path == shown
    ]
    if errors:
        listed = "\n".join(f"  {p.location} {p.code} {p.message}" for p in errors[:10])
        more = f"\n  ... and {len(errors) - 10} more" if len(errors) > 10 else ""
        refused = StatusRefused(
            f"{shown} has errors; fix them before recording follow-up "
            f"(devagree check {shown}):\n{listed}{more}"
        )
        if workbook.unreadable:
            refused.exit_code = ExitCode.USAGE
        raise refused
    agreements = [a for a in workbook.agreements if a.source == shown]
    if len(agreements) != 1:
        raise UsageError(f"{shown} is not an agreement file (kind: agreement)")
    agreement = agreements[0]
    item = next((i for i in agreement.items if i.number == update.number), None)
    if item is None:
        numbers = ", ".join(f'{i.number} ("{i.title}")' for i in agreement.items)
        raise UsageError(
            f"{agreement.id} has no item {update.number}; its items are: {numbers or 'none'}"
        )
    _check_order(update, item.status)
    # A dry run before the lock refuses early and readies the round-trip loader, so the lock
    # is held only for the edit itself; the edit that is written is made again under it.
    _edit(shown, current_text(path), update)
    outcome: list[tuple[Item, bool]] = []

    def change(current: str) -> str:
        new_text, converted = _edit(shown, current, update)
        after = agreement_from_data(shown, load(shown, new_text).data)
        now = next(i for i in after.items if i.number == update.number)
        _check_order(update, now.history[-2] if len(now.history) > 1 else None)
        outcome.append((now, converted))
        return new_text

    timeout = lock_timeout if lock_timeout is not None else workbook.settings.lock_timeout
    edit_file(path, change, timeout=timeout)
    now, converted = outcome[-1]
    return RecordedStatus(
        path=shown,
        agreement=agreement.id,
        number=now.number,
        title=now.title,
        previous=now.history[-2].state if len(now.history) > 1 else None,
        update=update,
        entries=len(now.history),
        converted=converted,
    )


def _check_order(update: StatusUpdate, last: StatusEntry | None) -> None:
    """Entries are kept in date order: the new one may not be older than the latest."""
    if last is not None and last.as_of is not None and update.as_of < last.as_of:
        raise UsageError(
            f"the new entry's date {update.as_of.isoformat()} is before item {update.number}'s "
            f"latest entry ({last.as_of.isoformat()}, {last.state.value}); entries are kept "
            "in date order: use --as-of with that day or a later one"
        )


# --- the edit ----------------------------------------------------------------------------


def _edit(shown: str, text: str, update: StatusUpdate) -> tuple[str, bool]:
    """The checked new text: devagree's layout first, then the file's guessed one."""
    refused: UsageError | None = None
    for guess in (False, True):
        new_text, converted = add_entry(text, update, guess_indent=guess)
        try:
            verify_edit(shown, text, new_text, converted, update)
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
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    yaml = round_trip()
    if guess_indent:
        _fit_indentation(yaml, text)
    tree = yaml.load(text)
    items = tree.get("items") if isinstance(tree, CommentedMap) else None
    item = next(
        (
            i
            for i in items or ()
            if isinstance(i, CommentedMap) and i.get("number") == update.number
        ),
        None,
    )
    if item is None:
        raise UsageError(f"there is no item {update.number} in the file")
    entry = CommentedMap()
    entry["state"] = update.state.value
    entry["as_of"] = update.as_of
    note = update.note.strip("\n")
    if note:
        entry["note"] = LiteralScalarString(note + "\n") if "\n" in note else note
    status = item.get("status")
    converted = False
    if isinstance(status, CommentedSeq):
        _move_trailing(status, entry)
        status.append(entry)
    elif isinstance(status, CommentedMap):
        # The one documented change of existing lines: the mapping becomes the list's first
        # entry (its content kept), and the new entry follows it.
        converted = True
        _move_trailing(status, entry)
        item["status"] = CommentedSeq([status, entry])
    else:
        _move_trailing(item, entry)
        item["status"] = CommentedSeq([entry])
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue(), converted


def _fit_indentation(yaml: Any, text: str) -> None:
    """Write with the file's own indentation (``- `` flush with its key, or indented)."""
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _data, indent, dash = load_yaml_guess_indent(text)
    except Exception:  # a guess only; the defaults stay
        return
    if indent is None or dash is None or dash >= indent + 2 or indent < 2:
        return
    yaml.indent(mapping=indent, sequence=indent + dash, offset=dash)


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """The innermost container and key/index holding the last value under ``node``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    container, slot = None, None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        container = node
        slot = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        node = node[slot]
    return (container, slot) if container is not None else None


def _move_trailing(old: Any, new: Any) -> None:
    """Move blank lines and comments that follow ``old``'s last value below ``new``.

    ruamel keeps them with the value before them; left there, the new entry would be written
    after them (after the blank line that separates items, or under the next item's
    comment). The end-of-line comment of that value stays where it is.
    """
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
    from ruamel.yaml.tokens import CommentToken

    found = _last_slot(old)
    if found is None:
        return
    container, slot = found
    comments = container.ca.items.get(slot)
    if not comments:
        return
    index = 2 if isinstance(container, CommentedMap) else 0
    token = comments[index] if len(comments) > index else None
    if not isinstance(token, CommentToken):
        return
    value = str(token.value)
    if isinstance(container[slot], LiteralScalarString | FoldedScalarString):
        keep, moved = "", value  # a block scalar ends with its own line break
    elif "\n" in value:
        cut = value.index("\n") + 1  # the end of the value's own line (and its comment)
        keep, moved = value[:cut], value[cut:]
    else:
        return
    if not moved:
        return
    if keep:
        token.value = keep
    else:
        comments[index] = None
        if not any(comments):
            del container.ca.items[slot]
    target, key = _last_slot(new) or (None, None)
    if target is None:
        return
    prefix = "" if isinstance(target[key], LiteralScalarString) else "\n"
    target.ca.items[key] = [None, None, CommentToken(prefix + moved, CommentMark(0), None), None]


def verify_edit(shown: str, old: str, new: str, converted: bool, update: StatusUpdate) -> None:
    """Refuse to write unless the edit only added lines and the agreed text is unchanged."""
    if old and not old.endswith("\n"):  # the one byte a file may gain: its final newline
        old += "\r\n" if new.endswith("\r\n") else "\n"
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    changed = [
        (tag, i1, i2)
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("replace", "delete")
    ]
    allowed = 1 if converted else 0
    if len(changed) > allowed:
        _tag, i1, _i2 = changed[-1]
        raise UsageError(
            f"{shown}: devagree cannot add the entry without rewriting other lines of the "
            f"file (line {i1 + 1} would change; the file's indentation or layout differs from "
            "what devagree writes). Nothing was written; add the entry by hand under the "
            "item's `status:` and run devagree check"
        )
    try:
        before = load(shown, old)
        after = load(shown, new)
    except LoadError as err:  # pragma: no cover - the round trip writes valid YAML
        raise UsageError(
            f"{shown}: the edited file would not load ({err}); nothing written"
        ) from None
    if validate(after, "agreement") or digest(before.data) != digest(after.data):
        raise UsageError(f"{shown}: the edit would change the agreed text; nothing written")
    model = agreement_from_data(shown, after.data)
    item = next(i for i in model.items if i.number == update.number)
    if item.state is not update.state or (item.status and item.status.as_of != update.as_of):
        raise UsageError(f"{shown}: the entry was not recorded as expected; nothing written")
