"""devagree check"""

from __future__ import annotations

from typing import Annotated

import typer

from devagree.cli.options import AsOfOption, PathsArgument, as_of_day, format_choices, named_paths
from devagree.cli.output import emit
from devagree.core.errors import ExitCode
from devagree.formats import PROBLEM_FORMATS
from devagree.i18n import N_

ProblemFormat = format_choices("ProblemFormat", PROBLEM_FORMATS)

FormatOption = Annotated[
    ProblemFormat,  # type: ignore[valid-type]
    typer.Option(
        "--format",
        "-f",
        help="text for people; json for programs; github for annotations in GitHub "
        "Actions; junit for CI test reports.",
    ),
]


def check(
    paths: PathsArgument = None,
    output_format: FormatOption = ProblemFormat.text,  # type: ignore[attr-defined]
    as_of: AsOfOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also show the raw schema detail.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=N_(
                "Read every file afresh, and neither use nor update the cache in "
                ".devagree-cache/ (which keeps what unchanged files gave last time)."
            ),
        ),
    ] = False,
) -> int:
    """Check agreements: schema, completeness, numbering, deadlines, overdue items.

    Every problem is printed as FILE:LINE:COLUMN CODE severity message. Exit code 0 when
    there are no errors (warnings allowed), 1 when there are errors, 2 when a file cannot be
    read or the arguments are wrong.
    """
    from devagree.formats.problems import ProblemOptions
    from devagree.workbook.pipeline import check_workbook

    workbook = check_workbook(named_paths(paths), as_of_day(as_of), cache=not no_cache)
    formatter = PROBLEM_FORMATS[output_format.value]  # type: ignore[attr-defined]
    emit(formatter(workbook, ProblemOptions(verbose=verbose)))
    if workbook.unreadable:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if workbook.errors else ExitCode.OK
