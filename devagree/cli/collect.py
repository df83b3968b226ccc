"""devagree collect"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import as_of_day, lock_timeout_from_environment
from devagree.core.errors import ExitCode


def collect(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="The filled-in sheets (FILE.xlsx), as devagree export wrote them.",
            show_default=False,
            metavar="FILE.xlsx",
        ),
    ],
    workbook_dir: Annotated[
        Path | None,
        typer.Option(
            "--workbook",
            "-w",
            metavar="DIR",
            help="The workbook the answers belong to. Default: the one in the current folder.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day of the rows whose date column is empty. Default: today.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would be recorded; write nothing."),
    ] = False,
    allow_future: Annotated[
        bool,
        typer.Option(
            "--allow-future",
            help="Accept dates after today (otherwise refused as a likely typo).",
        ),
    ] = False,
) -> int:
    """Record the answers of filled-in follow-up sheets as status entries.

    Each row with a new state or a new note becomes a dated entry in its item's history,
    exactly as `devagree status` records one (comments and lines kept, signatures valid).
    Rows are found by the sheet's header, so re-sorted, filtered rows and extra columns are
    fine. Every row is checked first: if any is refused (unknown agreement or item, a
    heading that no longer matches, an unknown state, a formula, a date after today, before
    the agreement's period or before the item's latest entry), no file is changed and the
    exit code is 1. All files are written, or none. Collecting the same sheet again records
    nothing new.
    """
    from devagree.core.model import state_labels
    from devagree.core.printable import printable
    from devagree.followup.collect import plan_collection, write_collection
    from devagree.followup.sheet_answers import read_answers
    from devagree.i18n import _, ngettext, say_date
    from devagree.workbook.pipeline import check_workbook

    today = date.today()
    day = as_of_day(as_of) if as_of is not None else today
    workbook = check_workbook([], day, start=workbook_dir or Path.cwd())
    language = workbook.settings.language
    answers = [answer for file in files for answer in read_answers(file)]
    collection = plan_collection(
        answers,
        workbook.agreements,
        workbook.problems,
        day,
        today=today,
        allow_future=allow_future,
    )
    for refusal in collection.refused:
        print(
            _("{where}: refused: {reason}").format(where=refusal.where, reason=refusal.reason),
            file=sys.stderr,
        )
    if collection.refused:
        count = len(collection.refused)
        print(
            "devagree: "
            + ngettext(
                "{n} row was refused; nothing was written. Correct the sheet and run "
                "devagree collect again",
                "{n} rows were refused; nothing was written. Correct the sheets and run "
                "devagree collect again",
                count,
            ).format(n=count),
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS
    if not dry_run:
        write_collection(
            collection, timeout=workbook.settings.lock_wait(lock_timeout_from_environment())
        )
    labels = state_labels(language)
    for planned in collection.planned:
        recorded, answer = planned.recorded, planned.answer
        update = recorded.update
        line = (
            _('{where}: {id} item {number} "{title}": {before} -> {after} as of {day}, with a note')
            if update.note
            else _('{where}: {id} item {number} "{title}": {before} -> {after} as of {day}')
        )
        print(
            line.format(
                where=printable(f"{answer.file}:{answer.sheet}:{answer.row}"),
                id=recorded.agreement,
                number=recorded.number,
                title=recorded.title,
                before=labels[recorded.previous] if recorded.previous is not None else "-",
                after=labels[update.state],
                day=say_date(update.as_of),
            )
        )
    summary = (
        _(
            "dry run, nothing was written; entries to record: {recorded}; agreement files to "
            "change: {files}; rows already recorded: {already}; rows without an answer: {empty}"
        )
        if dry_run
        else _(
            "entries recorded: {recorded}; agreement files changed: {files}; rows already "
            "recorded: {already}; rows without an answer: {empty}"
        )
    )
    print(
        summary.format(
            recorded=len(collection.planned),
            files=len(collection.files()),
            already=len(collection.already),
            empty=collection.unanswered,
        )
    )
    return ExitCode.OK
