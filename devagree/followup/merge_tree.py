"""A merge plan made in ours' round-trip tree, keeping every byte of ours it does not change.

``followup.merge`` decides what the merged file holds; this module edits ours' round-trip
tree to hold it, as ``status`` and ``sign`` add their entries, and checks the text before
it is used:

- ruamel keeps the blank lines and comments that follow a value with that value. They
  belong to what comes next (the next item, the next key), so they stay where they are in
  ours: an entry added after a value takes them below itself, a value deleted or replaced
  leaves them to the value before it, and a node taken from theirs leaves its own behind;
- every line of ours outside the parts that changed must still be in the text, in order;
- the text must read back as the merged data;
Anything else is a ``Conflict``, and the merge driver leaves the file to git's line merge.

A change theirs made to comments alone changes no data, so the edits do not carry it: the
driver checks that every comment line is there as the merge of the three versions has it
(``comments_carried``), and otherwise brings theirs' changes to comment lines over
(``carry_comments``).
"""

from __future__ import annotations

import difflib
import io
from collections import Counter
from typing import Any

from devagree.core.loader import LoadError, load, round_trip
from devagree.followup.history_edit import fit_indentation
from devagree.followup.merge import (
    Conflict,
    DeleteKey,
    Edit,
    InsertKey,
    MakeList,
    Plan,
    Rearrange,
    Replace,
)
from devagree.followup.trailing import drop_trailing, put_trailing, take_trailing

Span = tuple[int, int]
"""Lines ``start`` (included) to ``end`` (excluded), 0-based, of ours' text."""


def merged_text(ours_text: str, plan: Plan, ours_tree: Any) -> str:
    """Ours' text with the plan's edits, checked; raises ``Conflict`` when it cannot be.

    The comments theirs changed are not looked at here (``comments_carried``).
    """
    lines = _lines(ours_text)
    spans = _spans(ours_tree, len(lines))
    touched = [span for edit in plan.edits for span in _touched(edit, spans)]
    for edit in plan.edits:
        _apply(edit)
    for guess in (False, True):
        yaml = round_trip()
        if guess:
            fit_indentation(yaml, ours_text)
        out = io.StringIO()
        yaml.dump(ours_tree, out)
        text = out.getvalue()
        if reads_as(text, plan.data) and _kept(lines, _lines(text), touched):
            return text
    raise Conflict((), "layout")


def _lines(text: str) -> list[str]:
    return (text if not text or text.endswith("\n") else text + "\n").splitlines(keepends=True)


def reads_as(text: str, data: Any) -> bool:
    try:
        return bool(load("", text).data == data)
    except LoadError:
        return False


def _kept(old: list[str], new: list[str], touched: list[Span]) -> bool:
    """Every line of ``old`` outside ``touched`` is in ``new``, in order."""
    outside = [
        line
        for number, line in enumerate(old)
        if not any(start <= number < end for start, end in touched)
    ]
    lines = iter(new)
    return all(line in lines for line in outside)  # in order: the iterator only moves on


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _comment_lines(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if _is_comment(line))


def comments_carried(ours: str, base: str, theirs: str, merged: str) -> bool:
    """Every comment line is in ``merged`` as often as the merge of the three versions has
    it: kept unless a side removed it, added once when either side (or both) added it."""
    mine, was, other, now = (_comment_lines(t) for t in (ours, base, theirs, merged))
    return all(
        now[line]
        == min(was[line], mine[line], other[line])
        + max(mine[line] - was[line], other[line] - was[line], 0)
        for line in mine | was | other | now
    )


def _aside(line: str) -> bool:
    """A comment line or a blank line: no data."""
    return _is_comment(line) or not line.strip()


def carry_comments(merged: str, base: str, theirs: str) -> str | None:
    """``merged`` with the changes theirs made to comment lines; None when one cannot be
    placed.

    Comment lines theirs added go before the line they stood before in the base (a
    comment is about what follows it); those at the start of lines theirs added go after
    the line before. Comment lines theirs changed or removed must still be in ``merged``
    as they were in the base. Where theirs added data lines, those are in ``merged``
    already; a comment among them cannot be placed.
    """
    old, new, out = _lines(base), _lines(theirs), _lines(merged)
    found = difflib.SequenceMatcher(a=old, b=out, autojunk=False).get_matching_blocks()
    where = {a + k: b + k for a, b, size in found for k in range(size)}
    changes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(changes):
        if tag == "equal":
            continue
        if tag != "insert":
            if not all(_aside(line) for line in (*old[i1:i2], *new[j1:j2])):
                continue  # a change of data: in ``merged`` already
            at = [where.get(i) for i in range(i1, i2)]
            first = at[0]
            if first is None or at != list(range(first, first + len(at))):
                return None
            out[first : first + len(at)] = new[j1:j2]
            continue
        added = new[j1:j2]
        lead = next((k for k, line in enumerate(added) if not _aside(line)), len(added))
        tail = len(added) - next(
            (k for k, line in enumerate(reversed(added)) if not _aside(line)), len(added)
        )
        if any(_is_comment(line) for line in added[lead:tail]):
            return None
        if lead == len(added):  # comment and blank lines only
            before, after = added, []
        else:
            before, after = added[tail:], added[:lead]
        for lines, at_line in ((before, _before(where, i1)), (after, _after(where, i1))):
            if not any(_is_comment(line) for line in lines):
                continue
            if at_line is None:
                return None
            out[at_line:at_line] = lines
    return "".join(out)


def _before(where: dict[int, int], index: int) -> int | None:
    """Where in the merged lines the base's line ``index`` is (or the one before it ends)."""
    if index in where:
        return where[index]
    return _after(where, index)


def _after(where: dict[int, int], index: int) -> int | None:
    """Just after the merged line that the base's line ``index - 1`` is."""
    if index == 0:
        return 0
    return where[index - 1] + 1 if index - 1 in where else None


# --- where each part of ours stands ---------------------------------------------------------


def _spans(tree: Any, line_count: int) -> dict[tuple[int, Any], Span]:
    """The lines of every (container, key or index) of ours' tree, before any edit: from its
    first line to the next part's first line, so the comments before that are included."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found: dict[tuple[int, Any], Span] = {}
    stack: list[tuple[Any, int]] = [(tree, line_count)]
    while stack:
        node, end = stack.pop()
        if isinstance(node, CommentedMap):
            slots: list[Any] = list(node)
            starts = [node.lc.key(key)[0] for key in slots]
        elif isinstance(node, CommentedSeq):
            slots = list(range(len(node)))
            starts = [node.lc.item(index)[0] for index in slots]
        else:
            continue
        for position, slot in enumerate(slots):
            start = starts[position]
            stop = starts[position + 1] if position + 1 < len(slots) else end
            stop = max(stop, start + 1)
            found[(id(node), slot)] = (start, stop)
            stack.append((node[slot], stop))
    return found


def _touched(edit: Edit, spans: dict[tuple[int, Any], Span]) -> list[Span]:
    """The lines of ours an edit may rewrite."""
    if isinstance(edit, Replace):
        return _span_of(spans, edit.container, edit.slot)
    if isinstance(edit, DeleteKey | MakeList):
        return _span_of(spans, edit.mapping, edit.key)
    if isinstance(edit, Rearrange):
        container, slot = edit.holder
        current = container[slot]
        if not isinstance(current, list):
            return []
        if _flow(current):  # written on its own line(s): they are written again
            return _span_of(spans, container, slot)
        kept = {index for index, _node in edit.entries if index >= 0}
        return [
            span
            for index in range(len(current))
            if index not in kept
            for span in _span_of(spans, current, index)
        ]
    return []


def _flow(node: Any) -> bool:
    """A list or mapping written in flow style (``[a, b]``, ``{state: done}``)."""
    style = getattr(node, "fa", None)
    return bool(style is not None and style.flow_style())


def _span_of(spans: dict[tuple[int, Any], Span], container: Any, slot: Any) -> list[Span]:
    span = spans.get((id(container), slot))
    return [span] if span is not None else []


# --- the edits ------------------------------------------------------------------------------


def _apply(edit: Edit) -> None:
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(edit, Replace):
        moved = take_trailing(edit.container, edit.slot)
        drop_trailing(edit.node)
        edit.container[edit.slot] = edit.node
        put_trailing(edit.container, edit.slot, moved)
    elif isinstance(edit, DeleteKey):
        _delete_key(edit.mapping, edit.key)
    elif isinstance(edit, InsertKey):
        drop_trailing(edit.node)
        keys = list(edit.mapping)
        position = keys.index(edit.after) + 1 if edit.after in keys else 0
        moved = take_trailing(edit.mapping, edit.after) if edit.after in keys else ""
        edit.mapping.insert(position, edit.key, edit.node)
        put_trailing(edit.mapping, edit.key, moved)
    elif isinstance(edit, MakeList):
        single = edit.mapping[edit.key]
        moved = take_trailing(edit.mapping, edit.key)
        edit.mapping[edit.key] = CommentedSeq([single])
        put_trailing(edit.mapping, edit.key, moved)
    else:
        _rearrange(edit)


def _rearrange(edit: Rearrange) -> None:
    container, slot = edit.holder
    entries: list[Any] = container[slot]
    kept = {index for index, _node in edit.entries if index >= 0}
    for index in range(len(entries) - 1, -1, -1):
        if index not in kept:
            _delete_entry(entries, index)
    placed = -1  # entries[: placed + 1] are the first entries of the merged list
    for index, node in edit.entries:
        if index < 0:
            drop_trailing(node)
            moved = take_trailing(entries, placed) if placed >= 0 else ""
            entries.insert(placed + 1, node)
            put_trailing(entries, placed + 1, moved)
        placed += 1


def _delete_key(mapping: Any, key: str) -> None:
    keys = list(mapping)
    moved = take_trailing(mapping, key)
    del mapping[key]
    position = keys.index(key)
    if position > 0:
        put_trailing(mapping, keys[position - 1], moved)


def _delete_entry(entries: Any, index: int) -> None:
    moved = take_trailing(entries, index)
    del entries[index]
    if index > 0:
        put_trailing(entries, index - 1, moved)
