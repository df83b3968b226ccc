"""Printing: rich on a terminal (colour when it can), plain text when piped."""

from __future__ import annotations

import sys

from rich.console import Console


def emit(rendered: object) -> None:
    """Print a reporter's result to standard output."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
        sys.stdout.flush()
        return
    console = Console(soft_wrap=True, highlight=False)
    console.print(rendered)
