"""devagree deadlines"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import (
    AsOfOption,
    PathsArgument,
    as_of_day,
    format_choices,
    named_paths,
    output_file,
)
from devagree.cli.output import emit
from devagree.core.errors import ExitCode, UsageError
from devagree.core.paths import display_path
from devagree.formats import DEADLINE_FORMATS
from devagree.i18n import _

DeadlineFormat = format_choices("DeadlineFormat", DEADLINE_FORMATS)


def deadlines(
    paths: PathsArgument = None,
    output_format: Annotated[
        DeadlineFormat,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="table for people; json or csv for programs and spreadsheets; ics for "
            "calendars (Outlook, Google): one all-day event per due date; github for "
            "annotations in GitHub Actions (errors for overdue items, warnings for upcoming); "
            "xlsx for Excel (with -o FILE.xlsx).",
        ),
    ] = DeadlineFormat.table,  # type: ignore[attr-defined]
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the list to FILE instead of printing it. Default for xlsx: "
            "deadlines-<as-of>.xlsx in the current folder.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="DAYS",
            help="Only open items due within this many days (30d, 2w, 14), overdue included; "
            "milestones due within them.",
            show_default=False,
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only overdue items (milestones are never overdue).")
    ] = False,
    fail_if_any: Annotated[
        bool,
        typer.Option(
            "--fail-if-any",
            help="Exit with 1 when any deadline is listed (for scheduled CI reminders).",
        ),
    ] = False,
) -> int:
    """List deadlines: overdue and upcoming items and strategy milestones, by due date.

    Each item's deadline as written, the due date it means, its precision, days left or
    overdue, and the owner. With --within, only open items due within that many days (and
    overdue ones); with --fail-if-any, exit 1 when anything is listed, for CI reminders.
    Strategy milestones that name a time are listed too (their committee as owner); they
    have no follow-up, so they are never overdue and never in --overdue, and --within lists
    only those still ahead.
    """
    from devagree.followup.schedule import deadline_rows, parse_within
    from devagree.formats.deadlines import ListOptions
    from devagree.workbook.pipeline import check_workbook

    try:
        days = parse_within(within) if within is not None else None
    except ValueError as err:
        raise UsageError(_("--within: {error}").format(error=err)) from None
    day = as_of_day(as_of)
    if output is not None or output_format.value == "xlsx":  # type: ignore[attr-defined]
        # a spreadsheet is a file: without -o it goes where every document goes
        output = output_file(output, f"deadlines-{day.isoformat()}.xlsx")
    workbook = check_workbook(named_paths(paths), day)
    rows = deadline_rows(
        workbook.agreements,
        day,
        within=days,
        overdue_only=overdue,
        strategies=workbook.strategies,
    )
    options = ListOptions(as_of=day, language=workbook.settings.language)
    formatter = DEADLINE_FORMATS[output_format.value]  # type: ignore[attr-defined]
    result = formatter(rows, options)
    if output is not None:
        from devagree.core.write_path import write_atomic

        if isinstance(result, bytes):
            write_atomic(output, result)
        elif isinstance(result, str):
            write_atomic(output, result if result.endswith("\n") else result + "\n")
        else:  # the table: rendered as plain text
            from rich.console import Console

            console = Console(record=True, width=160, file=io.StringIO())
            console.print(result)
            write_atomic(output, console.export_text())
        print(_("wrote {path}").format(path=display_path(output)))
    else:
        emit(result)
    if workbook.unreadable:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if fail_if_any and rows else ExitCode.OK
