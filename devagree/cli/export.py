"""devagree export"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import PathsArgument, as_of_day, named_paths, output_file
from devagree.cli.output import say_left_out
from devagree.core.errors import ExitCode, UsageError
from devagree.i18n import N_, _, gettext_in, say_date

DEFAULT_NAME = N_("follow-up-sheet")
"""The spreadsheet's file name without -o (with the as-of day), in the workbook's language."""


def export(
    paths: PathsArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help="The spreadsheet to write. Default: opfoelgningsark-<as-of>.xlsx "
            "(follow-up-sheet-<as-of>.xlsx in English) in the current folder.",
            show_default=False,
        ),
    ] = None,
    agreement_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--agreement",
            "-a",
            metavar="ID",
            help="Only this agreement (repeat for more): one centre's sheet.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day the sheet describes (overdue items, days left). Default: today.",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Write a spreadsheet (.xlsx) asking the centres for the state of their items.

    The first sheet (Opfølgning) has one row per item: agreement, number, heading, owner,
    deadline, due date, state, latest note, and three columns to fill in: new state (a
    drop-down), new note and date. Then the deadlines and the strategy coverage. Send it,
    and read the answers back with `devagree collect`.
    """
    from devagree.core.paths import display_path
    from devagree.core.write_path import write_atomic
    from devagree.followup.schedule import deadline_rows
    from devagree.i18n import in_language
    from devagree.render.followup_xlsx import followup_workbook
    from devagree.strategies.coverage import compute
    from devagree.workbook.pipeline import check_workbook

    named = list(paths or [])
    if output is None and named and named[0].suffix.lower() == ".xlsx":
        output = named.pop(0)  # the file as the first argument, as devagree once took it
        print(
            _(
                "note: `devagree export {file}` still works, but write `devagree export -o "
                "{file}`: every command names what it writes with -o"
            ).format(file=output),
            file=sys.stderr,
        )
    if output is not None:
        if output.suffix.lower() != ".xlsx":
            raise UsageError(
                _(
                    "-o {file}: the spreadsheet is written as an Excel workbook: name it FILE.xlsx"
                ).format(file=output)
            )
        output = output_file(output, "")
    day = as_of_day(as_of)
    workbook = check_workbook(named_paths(named), day, start=Path.cwd())
    if output is None:
        name = gettext_in(workbook.settings.language, DEFAULT_NAME)
        output = output_file(None, f"{name}-{day.isoformat()}.xlsx")
    agreements = list(workbook.agreements)
    strategies = list(workbook.strategies)
    if agreement_ids:
        known = {a.id for a in agreements}
        unknown = [i for i in agreement_ids if i not in known]
        if unknown:
            from devagree.workbook.resolve import unknown_id

            raise unknown_id(unknown[0], known, kind="agreement")
        agreements = [a for a in agreements if a.id in agreement_ids]
        strategies = []  # one centre's sheet: its own deadlines, not the strategies'
    left_out = say_left_out(workbook)
    if not agreements:
        raise UsageError(_("no agreements to export; nothing was written"))
    with in_language(workbook.settings.language):  # the sheet speaks the workbook's language
        data = followup_workbook(
            agreements,
            deadline_rows(agreements, day, strategies=strategies),
            compute(workbook.strategies, agreements),
            day,
            workbook.settings.language,
        )
    write_atomic(output, data)
    print(
        _("wrote {file}: agreements: {agreements}, items: {items}, as of {day}").format(
            file=display_path(output),
            agreements=len(agreements),
            items=sum(len(a.items) for a in agreements),
            day=say_date(day),
        )
    )
    if left_out:
        return ExitCode.USAGE if workbook.unreadable else ExitCode.PROBLEMS
    return ExitCode.OK
