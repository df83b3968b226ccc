"""devagree show"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import AsOfOption, as_of_day
from devagree.cli.output import emit
from devagree.errors import DevagreeError, ExitCode, UsageError
from devagree.workbook import check_workbook, display_path


class _Unreadable(DevagreeError):
    exit_code = ExitCode.PROBLEMS


def show(
    target: Annotated[
        str,
        typer.Argument(
            help="An agreement file, or an agreement's id in the workbook here.",
            metavar="FILE|ID",
            show_default=False,
        ),
    ],
    item: Annotated[
        int | None,
        typer.Option("--item", "-i", help="Show only this item (its number).", show_default=False),
    ] = None,
    as_of: AsOfOption = None,
) -> int:
    """Show an agreement in the terminal: its items with labels, deadlines and status.

    Deadlines are shown with their due dates; overdue items are marked (in red on a colour
    terminal). Reading only: nothing is written.
    """
    from devagree.render.terminal import agreement_view

    day = as_of_day(as_of)
    path = Path(target)
    by_file = path.suffix.lower() in (".yaml", ".yml") or path.exists()
    if by_file:
        if not path.is_file():
            raise UsageError(f"{target}: no such file")
        workbook = check_workbook([path], day)
        shown = display_path(path)
        found = [a for a in workbook.agreements if a.source == shown]
        if not found:
            errors = [
                p for p in workbook.problems if p.path == shown and p.severity.value == "error"
            ]
            if errors:
                listed = "\n".join(f"  {p.location} {p.code} {p.message}" for p in errors[:10])
                raise _Unreadable(f"{shown} cannot be shown:\n{listed}")
            raise UsageError(f"{shown} is not an agreement file (kind: agreement)")
    else:
        workbook = check_workbook([], day, start=Path.cwd())
        found = [a for a in workbook.agreements if a.id == target]
        if not found:
            ids = ", ".join(sorted(a.id for a in workbook.agreements)) or "none"
            raise UsageError(
                f'no agreement with id "{target}" in this workbook; the ids are: {ids}'
            )
    agreement = found[0]
    if item is not None and all(i.number != item for i in agreement.items):
        numbers = ", ".join(str(i.number) for i in agreement.items)
        raise UsageError(f"{agreement.id} has no item {item}; its items are: {numbers}")
    emit(agreement_view(agreement, day, workbook.settings.language, item))
    return ExitCode.OK
