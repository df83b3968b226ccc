"""devagree status"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import as_of_day, lock_timeout_from_environment
from devagree.core.errors import ExitCode
from devagree.core.model import state_word, valid_states
from devagree.i18n import _, ngettext, say_date


def status(
    file: Annotated[
        Path,
        typer.Argument(
            help="The agreement file, or its id.", show_default=False, metavar="FILE|ID"
        ),
    ],
    item: Annotated[int, typer.Argument(help="The item's number (Aftale #).", show_default=False)],
    state: Annotated[
        str,
        typer.Option(
            "--state",
            "-s",
            help=f"The item's state now: {valid_states()}.",
            show_default=False,
        ),
    ],
    note: Annotated[str, typer.Option("--note", "-n", help="A short note for the committee.")] = "",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day the state was recorded. Default: today.",
            show_default=False,
        ),
    ] = None,
    allow_future: Annotated[
        bool,
        typer.Option(
            "--allow-future",
            help="Accept an --as-of after today (otherwise refused as a likely typo).",
        ),
    ] = False,
) -> int:
    """Record follow-up on an item: a dated entry (state, note) added to its history.

    The latest entry is the item's state. Every comment and line of the file stays as it
    was, and signatures stay valid (status is not part of the agreed text). The entry is
    added under the file's lock to what is on disk then, so people recording follow-up at
    the same time all keep their entries. A file with errors is refused; nothing is written.
    """
    from devagree.followup.history_edit import StatusUpdate
    from devagree.followup.status import parse_state, record_status
    from devagree.workbook.resolve import resolve

    file = resolve(file)
    chosen = parse_state(state)
    today = date.today()
    day: date = as_of_day(as_of) if as_of is not None else today
    recorded = record_status(
        file,
        StatusUpdate(item, chosen, day, note),
        today=today,
        allow_future=allow_future,
        lock_timeout=lock_timeout_from_environment(),
    )
    before = f"{state_word(recorded.previous)} -> " if recorded.previous is not None else ""
    print(
        f"{recorded.path}: "
        + ngettext(
            'item {number} "{title}": {before}{state} as of {date}; {count} entry in its history',
            'item {number} "{title}": {before}{state} as of {date}; {count} entries in its history',
            recorded.entries,
        ).format(
            number=recorded.number,
            title=recorded.title,
            before=before,
            state=state_word(chosen),
            date=say_date(day),
            count=recorded.entries,
        )
    )
    if recorded.converted:
        print("  " + _("(the single status: mapping was turned into a list to keep its history)"))
    return ExitCode.OK
