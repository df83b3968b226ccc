"""devagree site"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import (
    AsOfOption,
    PathsArgument,
    PeriodOption,
    as_of_day,
    named_paths,
    output_folder,
    period_choice,
)
from devagree.cli.output import say_left_out
from devagree.core.errors import ExitCode, UsageError
from devagree.core.paths import display_path

DEFAULT_FOLDER = "site"


def site(
    paths: PathsArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write the site in (made if missing; a rebuild updates it). "
            "Default: site/ in the current folder.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    within: Annotated[
        str,
        typer.Option(
            "--within",
            metavar="DAYS",
            help='What "due next" lists: open items due within this many days (30d, 2w, 14), '
            "as `devagree deadlines --within` does.",
        ),
    ] = "60",
) -> int:
    """Write the workbook as a static web site: open index.html from disk or publish it.

    An overview with traffic lights, overdue items first, a chart of the items by state and
    light and a timeline of the deadlines; one page per agreement in the agreed layout and
    one per strategy with its tracks, UN goals and budget. No server, no network; the same
    files give the same bytes. The overview is about the agreements in force on the --as-of
    day (or --period); drafts and other periods are listed on their own, each with its page.
    """
    from devagree.followup.periods import choose
    from devagree.followup.schedule import parse_within
    from devagree.i18n import _, in_language, ngettext, say_date
    from devagree.workbook.pipeline import check_workbook

    try:
        days = parse_within(within)
    except ValueError as err:
        raise UsageError(_("--within: {error}").format(error=err)) from None
    chosen_period = period_choice(period)
    folder = output_folder(output, DEFAULT_FOLDER)
    day = as_of_day(as_of)
    workbook = check_workbook(named_paths(paths), day, start=Path.cwd())
    left_out = say_left_out(workbook)

    from devagree.render import first_of_each_id
    from devagree.render.site import build_site, write_site

    agreements, twins = first_of_each_id(workbook.agreements)
    strategies, strategy_twins = first_of_each_id(workbook.strategies)
    for line in [*twins, *strategy_twins]:
        print(_("left out: {problem}").format(problem=line), file=sys.stderr)
        left_out.append(line)
    chosen = choose(agreements, day, chosen_period)
    if chosen_period is not None and not chosen.shown:
        from devagree.cli.report import nothing_chosen

        raise UsageError(nothing_chosen(chosen_period, day, workbook.agreements))
    with in_language(workbook.settings.language):  # the pages speak the workbook's language
        files = build_site(
            chosen.shown,
            strategies,
            day,
            workbook.settings.language,
            workbook.settings.municipality,
            others=chosen.others,
            within=days,
        )
    written = write_site(folder, files)
    pages = sum(1 for name in files if name.endswith(".html"))
    print(
        ngettext(
            "wrote {folder}: {pages} page, {changed} file changed, as of {day}",
            "wrote {folder}: {pages} pages, {changed} files changed, as of {day}",
            pages,
        ).format(
            folder=display_path(folder),
            pages=pages,
            changed=len(written.changed) + len(written.removed),
            day=say_date(day),
        )
    )
    if left_out:
        return ExitCode.USAGE if workbook.unreadable else ExitCode.PROBLEMS
    return ExitCode.OK
