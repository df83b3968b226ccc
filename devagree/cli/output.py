"""Printing: rich on a terminal (colour when it can), plain text when piped."""

from __future__ import annotations

import sys


def emit(rendered: object) -> None:
    """Print a reporter's result to standard output."""
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
