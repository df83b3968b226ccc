"""An agreement or strategy named by its id wherever a command takes a file.

`devagree status slagelse-chp-2016 2 ...` and `devagree status
agreements/slagelse-chp-2016.yaml 2 ...` mean the same: an argument that names no existing
file or folder and looks like an id (no folder separator, no `.yaml`) is looked up among
the ids of the workbook's documents. An id that is not there is refused with the ids
nearest to it, so a typo is easy to mend.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from devagree.core.errors import UsageError
from devagree.i18n import _
from devagree.workbook.pipeline import discover, load_settings, open_cache, read_file

NEAREST = 5
"""How many ids an unknown one is answered with."""


def looks_like_id(text: str) -> bool:
    """Text that can only be meant as an id: no folder in it, and not a YAML file name."""
    separators = {"/", os.sep, os.altsep or "/"}
    return (
        bool(text)
        and not any(sep in text for sep in separators)
        and not text.lower().endswith((".yaml", ".yml"))
        and text not in (".", "..")
    )


def document_ids(start: Path) -> dict[str, Path]:
    """The id of every document in the workbook around ``start``, with its file (the first
    file that has it). A file that fails the schema still counts, if its id can be read."""
    settings, _problems, _unreadable = load_settings(start)
    try:
        files = discover([], settings)
    except UsageError:
        return {}  # no agreements folder: there are no ids to find
    cache = open_cache(settings)
    found: dict[str, Path] = {}
    for path in files:
        result = read_file(path, cache)
        if result.model is not None:
            found.setdefault(result.model.id, path)
        elif result.document is not None:
            named = result.document.data.get("id")
            if isinstance(named, str) and result.document.data.get("kind") != "workbook":
                found.setdefault(named, path)
    found.pop("", None)
    return found


def nearest(word: str, choices: Iterable[str], count: int = NEAREST) -> list[str]:
    """The ``count`` choices most like ``word``, most alike first."""

    def likeness(choice: str) -> tuple[float, str]:
        return (-SequenceMatcher(None, word.lower(), choice.lower()).ratio(), choice)

    return sorted(set(choices), key=likeness)[:count]


def unknown_id(word: str, ids: Iterable[str], kind: str = "") -> UsageError:
    """The refusal of an id the workbook does not have, naming the nearest ones."""
    close = nearest(word, ids)
    if kind == "agreement":
        said = _('no agreement with the id "{id}" in this workbook')
    else:
        said = _('no agreement or strategy with the id "{id}" in this workbook')
    message = said.format(id=word)
    if close:
        message += "; " + _("the nearest: {ids}").format(ids=", ".join(close))
    else:
        message += "; " + _("it has no agreements yet")
    return UsageError(message)


def resolve(target: str | Path, start: Path | None = None) -> Path:
    """The file ``target`` names: itself when it is a path, else the file with that id."""
    return resolve_all([target], start)[0]


def resolve_all(targets: Sequence[str | Path], start: Path | None = None) -> list[Path]:
    """Each file, folder or id as the file or folder it names (ids looked up once)."""
    ids: dict[str, Path] | None = None
    out: list[Path] = []
    for target in targets:
        text = str(target)
        path = Path(text)
        if not looks_like_id(text) or path.exists():
            out.append(path)
            continue
        if ids is None:
            ids = document_ids(start or Path.cwd())
        if text not in ids:
            raise unknown_id(text, ids)
        out.append(ids[text])
    return out
