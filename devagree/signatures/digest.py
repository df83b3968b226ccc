"""The digest of an agreement's agreed text: what a signature signs.

Canonical form (file format version 1)
--------------------------------------
1. Start from the agreement's plain data as loaded (keys and values exactly as the YAML
   holds them; dates stay the text written in the file).
2. Leave out ``signatures``, ``imported_from`` and every item's ``status``: signing, the
   document an agreement was imported from and follow-up are not part of the agreed text,
   so recording them never breaks a signature.
3. Normalise every string: Unicode NFC (the same letter typed on a Mac or on Windows gives
   the same bytes), line endings ``\\n``, trailing spaces and tabs of each line removed, and
   trailing newlines removed (so ``|`` versus ``|-`` or an editor's whitespace clean-up is
   not a change of the text). Any change of a word, a number, a date or a punctuation
   mark is a change.
4. Serialise as JSON with ``sort_keys=True, ensure_ascii=False, separators=(",", ":")``,
   encode as UTF-8, and hash with SHA-256: the digest is ``sha256:`` + the hex digest.

Row digests use the same form for each part on its own, so ``verify`` can say which part
changed: ``agreement.<key>`` for each top-level key (title, purpose, vision, parties, ...)
and ``item-<n>.<key>`` for each key of the n-th item (1-based position in ``items``).

A signature records them in one line, ``rows: r1/<agreement>/<item 1>/<item 2>/...``
(``row_marks``): per group the parts in a fixed order (``AGREEMENT_PARTS``,
``ITEM_PARTS``), each as the first six hexadecimal digits of its digest, or ``-`` when the
agreement has no such part. Six digits name a changed part with near certainty; the full
digest of the text, which decides whether a signature holds, is recorded beside them.
Signatures recorded before kept every part's full digest as a mapping (``rows: {item-1.goal:
sha256:...}``); they are read and compared as they are.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

from devagree.core.model import ROWS
from devagree.i18n import N_, _, gettext_in

EXCLUDED_TOP = frozenset({"signatures", "imported_from"})
EXCLUDED_ITEM = frozenset({"status"})


def _normal_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip(" \t") for line in text.split("\n")).rstrip("\n")


def canonical_value(value: Any) -> Any:
    """``value`` with every string normalised (iterative enough for six levels of data)."""
    if isinstance(value, str):
        return _normal_text(value)
    if isinstance(value, dict):
        return {_normal_text(str(k)): canonical_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical_value(v) for v in value]
    return value


def agreed_data(data: dict[str, Any]) -> dict[str, Any]:
    """The agreement without signatures and without follow-up status."""
    agreed = {k: v for k, v in data.items() if k not in EXCLUDED_TOP}
    items = agreed.get("items")
    if isinstance(items, list):
        agreed["items"] = [
            {k: v for k, v in item.items() if k not in EXCLUDED_ITEM}
            if isinstance(item, dict)
            else item
            for item in items
        ]
    return agreed


def _hash(value: Any) -> str:
    text = json.dumps(
        canonical_value(value), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(data: dict[str, Any]) -> str:
    """The digest of the agreed text of an agreement's plain data."""
    return _hash(agreed_data(data))


def row_digests(data: dict[str, Any]) -> dict[str, str]:
    """A digest per part (``agreement.title``, ``item-2.goal``, ...), in a stable order."""
    agreed = agreed_data(data)
    rows: dict[str, str] = {}
    for key in sorted(agreed):
        if key != "items":
            rows[f"agreement.{key}"] = _hash(agreed[key])
    items = agreed.get("items")
    for position, item in enumerate(items if isinstance(items, list) else [], start=1):
        if isinstance(item, dict):
            for key in sorted(item):
                rows[f"item-{position}.{key}"] = _hash(item[key])
        else:
            rows[f"item-{position}"] = _hash(item)
    return rows


MARKS_FORMAT = "r1"
MARK_LENGTH = 6
ABSENT = "-"
AGREEMENT_PARTS = (
    "kind", "version", "id", "renews", "title", "municipality", "organisation", "parties",
    "date", "period", "purpose", "vision", "unplaced",
)  # fmt: skip
"""The agreement's own parts, in the order of ``r1``: never reordered; a new one is added
under a new format."""
ITEM_PARTS = ("number", "title", *(row.key for row in ROWS), "due", "links")
"""An item's parts, in the order of ``r1``."""


def row_marks(data: dict[str, Any]) -> str:
    """The row digests as one short line for a signature (see the module's text)."""
    rows = row_digests(data)
    items = agreed_data(data).get("items")
    count = len(items) if isinstance(items, list) else 0
    groups = [_marks(rows, "agreement.", AGREEMENT_PARTS)]
    groups += [_marks(rows, f"item-{n}.", ITEM_PARTS) for n in range(1, count + 1)]
    return "/".join([MARKS_FORMAT, *groups])


def _marks(rows: dict[str, str], prefix: str, parts: tuple[str, ...]) -> str:
    return "".join(
        rows[prefix + part].removeprefix("sha256:")[:MARK_LENGTH] if prefix + part in rows
        else ABSENT
        for part in parts
    )  # fmt: skip


def read_marks(line: str) -> dict[str, str] | None:
    """The parts a ``row_marks`` line names, each with its short digest; None when the line
    is not of a form devagree knows."""
    groups = line.strip().split("/")
    if groups[0] != MARKS_FORMAT or len(groups) < 2:
        return None
    found: dict[str, str] = {}
    for number, group in enumerate(groups[1:]):
        prefix, parts = (
            ("agreement.", AGREEMENT_PARTS) if not number else (f"item-{number}.", ITEM_PARTS)
        )
        at = 0
        for part in parts:
            if group[at : at + 1] == ABSENT:
                at += 1
                continue
            mark = group[at : at + MARK_LENGTH]
            if len(mark) != MARK_LENGTH or not all(c in "0123456789abcdef" for c in mark):
                return None
            found[prefix + part] = mark
            at += MARK_LENGTH
        if at != len(group):
            return None
    return found


def changed_rows(signed: dict[str, str], now: dict[str, str]) -> list[str]:
    """Parts whose digest differs, that were added, or that were removed, in document order."""
    order = list(now) + [key for key in signed if key not in now]
    return [key for key in order if signed.get(key) != now.get(key)]


def changed_lines(signed: dict[str, str], now: dict[str, str]) -> list[str]:
    """ "changed: punkt 2, Mål (`goal`)" for each part that differs, in the current language."""
    return [_("changed: {row}").format(row=describe_row(key)) for key in changed_rows(signed, now)]


_LABELS = {row.key: row for row in ROWS}


def describe_row(key: str, language: str | None = None) -> str:
    """A part key as people read it: ``item-2.goal`` becomes "punkt 2, Mål (`goal`)".

    In ``language``, or the current language when none is given.
    """

    def say(message: str) -> str:
        return _(message) if language is None else gettext_in(language, message)

    head, _sep, field = key.partition(".")
    if head.startswith("item-"):
        number = head.removeprefix("item-")
        row = _LABELS.get(field)
        if row is None and not field:
            return say(_ITEM).format(number=number)
        if row is None:
            return say(_ITEM_FIELD).format(number=number, field=field)
        return say(_ITEM_ROW).format(number=number, label=say(row.label), field=field)
    return f"`{field or key}`"


_ITEM = N_("item {number}")
_ITEM_FIELD = N_("item {number}, `{field}`")
_ITEM_ROW = N_("item {number}, {label} (`{field}`)")
