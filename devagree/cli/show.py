"""devagree show"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import AsOfOption, as_of_day
from devagree.cli.output import emit
from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.core.model import Agreement
from devagree.core.paths import display_path
from devagree.core.strategy_model import Strategy
from devagree.i18n import _

if TYPE_CHECKING:
    from devagree.workbook.pipeline import Workbook


class _Unreadable(DevagreeError):
    exit_code = ExitCode.PROBLEMS


def show(
    target: Annotated[
        str,
        typer.Argument(
            help="An agreement or strategy file, or its id in the workbook here.",
            metavar="FILE|ID",
            show_default=False,
        ),
    ],
    item: Annotated[
        int | None,
        typer.Option(
            "--item",
            "-i",
            help="Show only this item (its number) of an agreement.",
            show_default=False,
        ),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track", "-t", help="Show only this track (its id) of a strategy.", show_default=False
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> int:
    """Show an agreement or a strategy in the terminal.

    An agreement: its items with labels, deadlines and status; deadlines are shown with their
    due dates, and overdue items are marked (in red on a colour terminal). A strategy: its
    vision, values and tracks with commitments, UN goals, action points with milestones and
    budget lines. Reading only: nothing is written.
    """
    day = as_of_day(as_of)
    workbook, document = _find(target, day)
    language = workbook.settings.language
    if isinstance(document, Strategy):
        from devagree.render.strategy_terminal import strategy_view

        if item is not None:
            raise UsageError(
                _(
                    "{id} is a strategy: --item applies to agreements; "
                    "use --track ID to show one track"
                ).format(id=document.id)
            )
        if track is not None and document.track(track) is None:
            ids = ", ".join(t.id for t in document.tracks)
            raise UsageError(
                _("{id} has no track «{track}»; its tracks are: {ids}").format(
                    id=document.id, track=track, ids=ids
                )
            )
        emit(strategy_view(document, language, track))
        return ExitCode.OK

    from devagree.render.terminal import agreement_view

    if track is not None:
        raise UsageError(
            _(
                "{id} is an agreement: --track applies to strategies; "
                "use --item NUMBER to show one item"
            ).format(id=document.id)
        )
    if item is not None and all(i.number != item for i in document.items):
        numbers = ", ".join(str(i.number) for i in document.items)
        raise UsageError(
            _("{id} has no item {number}; its items are: {items}").format(
                id=document.id, number=item, items=numbers
            )
        )
    emit(agreement_view(document, day, language, item))
    return ExitCode.OK


def _find(target: str, day: date) -> tuple[Workbook, Agreement | Strategy]:
    """The workbook and the agreement or strategy that ``target`` names (a file or an id)."""
    from devagree.workbook.pipeline import check_workbook
    from devagree.workbook.resolve import resolve

    path = resolve(target)
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=target))
    workbook = check_workbook([path], day)
    shown = display_path(path)
    found = [d for d in _documents(workbook) if d.source == shown]
    if not found:
        errors = [p for p in workbook.problems if p.path == shown and p.severity.value == "error"]
        if errors:
            listed = "\n".join(f"  {p.location} {p.code} {p.message}" for p in errors[:10])
            raise _Unreadable(_("{path} cannot be shown:").format(path=shown) + f"\n{listed}")
        raise UsageError(
            _("{path} is not an agreement or strategy file (kind: agreement or strategy)").format(
                path=shown
            )
        )
    return workbook, found[0]


def _documents(workbook: Workbook) -> list[Agreement | Strategy]:
    return [*workbook.agreements, *workbook.strategies]
