"""Rendering agreements and strategies to files: where outputs go, and writing them safely.

Output names come from the agreement's validated id only, never from free text, and are
checked to stay inside the output folder. Files are written to a temporary name and renamed,
so a failure never leaves half a document behind.
"""

from __future__ import annotations

from pathlib import Path

from devagree.core.errors import OutputError
from devagree.core.model import Agreement, Strategy
from devagree.core.write_path import write_atomic
from devagree.i18n import _
from devagree.render.docx import RenderOptions, render_docx
from devagree.render.docx_template import RenderError
from devagree.render.strategy_docx import render_strategy_docx

__all__ = [
    "OutputError",
    "RenderError",
    "RenderOptions",
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
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise RenderError(f"the id {agreement.id!r} would write outside {folder}")
    return target
