"""Printing: rich on a terminal (colour when it can), plain text when piped."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from devagree.formats.styled import Styled

if TYPE_CHECKING:
    from devagree.workbook.pipeline import Workbook


def emit(rendered: object) -> None:
    """Print a format's result to standard output."""
    if isinstance(rendered, Styled):
        if not (sys.stdout.isatty() or os.environ.get("FORCE_COLOR")):
            rendered = rendered.plain  # no style can show: no need to load rich
        else:
            rendered = rendered.text()
    if isinstance(rendered, str):
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
        sys.stdout.flush()
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=max(console.width, 160))
    console.print(rendered, soft_wrap=isinstance(rendered, Text))


def say_left_out(workbook: Workbook) -> list[str]:
    """Tell on stderr which files were left out of a document for their errors.

    A command that writes a document (report, site, spreadsheet) uses what checks and says
    what it could not use; the lines are returned so that it can exit non-zero afterwards.
    """
    from devagree.i18n import _

    loaded = {a.source for a in workbook.agreements} | {s.source for s in workbook.strategies}
    left_out = sorted(
        {
            f"{p.location}: {p.message}"
            for p in workbook.problems
            if p.severity.value == "error" and p.path not in loaded
        }
    )
    for line in left_out:
        print(_("left out: {problem}").format(problem=line), file=sys.stderr)
    return left_out
