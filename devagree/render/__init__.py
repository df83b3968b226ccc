"""Rendering agreements and strategies to files: where outputs go, and writing them safely.

Output names come from the agreement's validated id only, never from free text, and stay
inside the output folder: a name that could leave it is refused here, and the write path
refuses a symbolic link where a document would go (``write_path.refuse_links``). Files are
written to a temporary name and renamed, so a failure never leaves half a document behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from devagree.core.errors import OutputError
from devagree.core.model import Agreement
from devagree.core.printable import printable
from devagree.core.strategy_model import Strategy
from devagree.core.write_path import write_atomic
from devagree.i18n import _
from devagree.render.docx import RenderOptions, render_docx
from devagree.render.docx_template import RenderError
from devagree.render.strategy_docx import render_strategy_docx

__all__ = [
    "OutputError",
    "RenderError",
    "RenderOptions",
    "first_of_each_id",
    "output_path",
    "render_docx",
    "render_strategy_docx",
    "write_atomic",
]


def output_path(agreement: Agreement | Strategy, folder: Path, suffix: str = ".docx") -> Path:
    """``folder/<id><suffix>``, refusing any id that would leave the folder."""
    name = f"{agreement.id}{suffix}"
    if Path(name).name != name or agreement.id.startswith(".") or "/" in name or "\\" in name:
        raise RenderError(_("the id «{id}» cannot be used as a file name").format(id=agreement.id))
    return folder / name  # written through write_path, which follows no link


Document = TypeVar("Document", Agreement, Strategy)


def first_of_each_id(documents: Sequence[Document]) -> tuple[list[Document], list[str]]:
    """The documents with an id of their own, and a line for each left out for its id.

    Outputs are named after ids, so two documents with one id would overwrite each other's
    document or page, whatever DA203 is set to in devagree.yaml: the first (in the order
    of the files) is kept, the others left out, and each line says so.
    """
    kept: list[Document] = []
    first: dict[str, Document] = {}
    left_out: list[str] = []
    for document in documents:
        earlier = first.setdefault(document.id, document)
        if earlier is document:
            kept.append(document)
            continue
        left_out.append(
            _(
                "{path}: {id}: {other} has the same id, and both would be written to one "
                "file, so only that one is; give each its own id"
            ).format(
                path=printable(document.source), id=document.id, other=printable(earlier.source)
            )
        )
    return kept, left_out
