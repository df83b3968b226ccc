"""An imported item's deadline: the text as written, and one reading where the item names
its deadline twice ("Tidsplan" and "Deadline").

A deadline is one date or period the deadline grammar reads. When two labels of an item
both give the deadline, the first text the grammar can read is the deadline and the other
goes to ``unplaced`` with its label and where it stood: joined, the two would make a
deadline that ``check`` cannot read (DA206), while an
unplaced text keeps every word and is listed by ``import`` for the user to move.
"""

from __future__ import annotations

import re

from devagree.deadlines.deadline import DeadlineError, parse_deadline
from devagree.importing import front
from devagree.importing.collected import Item, Part
from devagree.importing.richtext_out import Line, plain_text, to_markdown

_DUE_SUFFIX = re.compile(r"^(?P<text>.+?)\s+\((?P<due>[^()]+)\)$")


def deadline_text(text: str) -> str:
    """The deadline as written, without the resolved date devagree adds when rendering."""
    match = _DUE_SUFFIX.match(text)
    if match:
        due = front.read_date(match.group("due"))
        try:
            parsed = parse_deadline(match.group("text"))
        except DeadlineError:
            return text
        if due is not None and parsed.due == due:
            return match.group("text")
    return text


def readable(text: str) -> bool:
    try:
        parse_deadline(text)
    except DeadlineError:
        return False
    return True


def item_deadline(item: Item) -> tuple[str, list[tuple[str, Part]]]:
    """The item's deadline ("" when it has none), and the texts (with their parts) of the
    labels whose deadline it is not, for ``unplaced``."""
    pieces = [(part, lines) for part, lines in item.pieces("deadline") if lines]
    texts = [deadline_text(plain_text(lines)) for _part, lines in pieces]
    chosen = next((i for i, text in enumerate(texts) if readable(text)), None)
    if len(pieces) < 2 or chosen is None:
        lines = item.fields.get("deadline", [])
        return (deadline_text(plain_text(lines)) if lines else ""), []
    left = [(_shown(part, lines), part) for i, (part, lines) in enumerate(pieces) if i != chosen]
    places = item.sources.get("deadline", [])
    for _text, part in left:
        if part.where in places and part.where != pieces[chosen][0].where:
            places.remove(part.where)
    return texts[chosen], left


def _shown(part: Part, lines: list[Line]) -> str:
    label = part.label.strip().rstrip(":").strip()
    text = to_markdown(lines)
    return f"{label}: {text}" if label else text
