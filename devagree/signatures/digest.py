"""The digest of an agreement's agreed text: what a signature signs.

Canonical form (file format version 1)
--------------------------------------
1. Start from the agreement's plain data as loaded (keys and values exactly as the YAML
   holds them; dates stay the text written in the file).
2. Leave out ``signatures`` and every item's ``status``: signing and follow-up are not
   part of the agreed text, so recording them never breaks a signature.
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
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

from devagree.core.model import ROWS
from devagree.i18n import N_, _, gettext_in

EXCLUDED_TOP = frozenset({"signatures"})
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
