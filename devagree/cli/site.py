"""devagree site"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import AsOfOption, PathsArgument, as_of_day, named_paths, output_folder
from devagree.cli.output import say_left_out
from devagree.core.errors import ExitCode
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
) -> int:
    """Write the workbook as a static web site: open index.html from disk or publish it.

    An overview with traffic lights, overdue items first, a chart of the items by state and
    light and a timeline of the deadlines; one page per agreement in the agreed layout and
    one per strategy with its tracks, UN goals and budget. No server, no network; the same
    files give the same bytes.
    """
    from devagree.i18n import in_language, ngettext
    from devagree.workbook.pipeline import check_workbook

    folder = output_folder(output, DEFAULT_FOLDER)
    day = as_of_day(as_of)
    workbook = check_workbook(named_paths(paths), day, start=Path.cwd())
    left_out = say_left_out(workbook)

    from devagree.render.site import build_site, write_site

    with in_language(workbook.settings.language):  # the pages speak the workbook's language
        files = build_site(
            workbook.agreements,
            workbook.strategies,
            day,
            workbook.settings.language,
            workbook.settings.municipality,
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
            day=day.isoformat(),
        )
    )
    if left_out:
        return ExitCode.USAGE if workbook.unreadable else ExitCode.PROBLEMS
    return ExitCode.OK
