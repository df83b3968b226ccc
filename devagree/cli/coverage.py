"""devagree coverage"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import PathsArgument, format_choices, named_paths
from devagree.cli.output import emit
from devagree.core.errors import ExitCode
from devagree.formats import COVERAGE_FORMATS
from devagree.i18n import _

if TYPE_CHECKING:
    from devagree.formats.coverage import CoverageData
    from devagree.workbook.pipeline import Workbook

CoverageFormat = format_choices("CoverageFormat", COVERAGE_FORMATS)


def coverage(
    paths: PathsArgument = None,
    output_format: Annotated[
        CoverageFormat,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="table for people; markdown for a wiki, an issue or a CI summary; json for "
            "programs.",
        ),
    ] = CoverageFormat.table,  # type: ignore[attr-defined]
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="PCT",
            min=0,
            max=100,
            help="Exit with 1 when less than PCT percent of the strategy tracks have an "
            "agreement item (for CI).",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Which strategy tracks the agreement items carry, and what nobody works on.

    Per strategy and track, the items that link to it; tracks with no item; items with no
    strategy link; the share of tracks covered, per strategy and overall. Then the roll-ups:
    the UN goals the strategies touch, and their budget per year in DKK.

    Broken links are not counted (`devagree check` reports them); when the files have errors
    the coverage is still shown, with a note. Exit 0, or 1 when below --fail-under, or 2
    when a file cannot be read.
    """
    # Coverage does not depend on the day: the day only drives the overdue rule, which is
    # the business of `check` and `deadlines`. A fixed day keeps the error count stable.
    from devagree.formats.coverage import format_percent
    from devagree.workbook.pipeline import check_workbook

    workbook = check_workbook(named_paths(paths), date.min)
    report = build_report(workbook)
    formatter = COVERAGE_FORMATS[output_format.value]  # type: ignore[attr-defined]
    emit(formatter(report))
    if workbook.unreadable:
        return ExitCode.USAGE
    if fail_under is None:
        return ExitCode.OK
    language = report.language
    cov = report.coverage
    limit = format_percent(fail_under, language, fixed=False)
    if cov.percent is None:
        message = _(
            "No strategy tracks to cover, so --fail-under {limit} cannot be met; are the "
            "strategies in the folders devagree reads?"
        ).format(limit=limit)
        print(message, file=sys.stderr)
        return ExitCode.PROBLEMS
    if cov.percent < fail_under:
        message = _(
            "Coverage is {pct}, below --fail-under {limit}: {covered} of {total} tracks have an "
            "agreement item."
        ).format(
            pct=format_percent(cov.percent, language),
            limit=limit,
            covered=cov.covered,
            total=cov.total,
        )
        print(message, file=sys.stderr)
        return ExitCode.PROBLEMS
    return ExitCode.OK


def build_report(workbook: Workbook) -> CoverageData:
    """Coverage and roll-ups of what the workbook could read, with what it could not."""
    from devagree.core.paths import display_path
    from devagree.core.problems import Severity
    from devagree.formats.coverage import CoverageData
    from devagree.strategies.coverage import compute
    from devagree.strategies.rollup import budgets, sdgs

    read = {a.source for a in workbook.agreements} | {s.source for s in workbook.strategies}
    if workbook.settings.config is not None:
        read.add(display_path(workbook.settings.config))  # read as the settings
    errors = [p for p in workbook.problems if p.severity is Severity.ERROR]
    left_out = tuple(dict.fromkeys(p.path for p in errors if p.path not in read))
    return CoverageData(
        coverage=compute(workbook.strategies, workbook.agreements),
        sdgs=sdgs(workbook.strategies),
        budgets=budgets(workbook.strategies),
        language=workbook.settings.language,
        errors=len(errors),
        left_out=left_out,
    )
