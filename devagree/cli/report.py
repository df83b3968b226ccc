"""devagree report"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import (
    PathsArgument,
    PeriodOption,
    as_of_day,
    named_paths,
    output_file,
    period_choice,
)
from devagree.cli.output import say_left_out
from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.core.paths import display_path
from devagree.i18n import N_, _, gettext_in, ngettext, say_date

if TYPE_CHECKING:
    from devagree.core.model import Agreement
    from devagree.followup.report_model import Report

SUFFIXES = {".docx": "docx", ".md": "markdown", ".markdown": "markdown"}
DEFAULT_NAME = N_("follow-up")
"""The report's file name without -o (with the as-of day), in the workbook's language."""


class _NothingToReport(DevagreeError):
    exit_code = ExitCode.PROBLEMS


def report(
    paths: PathsArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The report file: FILE.docx (Word) or FILE.md (Markdown for a git host). "
            "Default: opfoelgning-<as-of>.docx (follow-up-<as-of>.docx in English) in the "
            "current folder.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day the report describes (the committee meeting). Default: today.",
            show_default=False,
        ),
    ] = None,
    period: PeriodOption = None,
) -> int:
    """Write the committee's follow-up report (opfølgning) with traffic lights per item.

    At the top: period, as-of date, items per state, overdue items. Then per agreement and
    item: owner, deadline and due date, traffic light, latest note and history. Status
    entries dated after --as-of are left out, so a report can be made again later. The
    report is about the agreements in force on the --as-of day (or --period); the others,
    such as next year's drafts, are named at its end.
    """
    from devagree.followup.periods import choose
    from devagree.workbook.pipeline import check_workbook

    if output is not None:
        if output.suffix.lower() not in SUFFIXES:
            raise UsageError(
                _(
                    "-o {path}: the report is written as .docx (Word) or .md (Markdown); "
                    '"{suffix}" is neither'
                ).format(path=output, suffix=output.suffix or output.name)
            )
        output = output_file(output, "")
    day = as_of_day(as_of)
    chosen_period = period_choice(period)
    workbook = check_workbook(named_paths(paths), day, start=Path.cwd())
    left_out = say_left_out(workbook)
    if not workbook.agreements:
        raise _NothingToReport(_("no agreements to report on; nothing was written"))
    chosen = choose(workbook.agreements, day, chosen_period)
    if not chosen.shown:
        raise _NothingToReport(nothing_chosen(chosen_period, day, workbook.agreements))
    if output is None:
        name = gettext_in(workbook.settings.language, DEFAULT_NAME)
        output = output_file(None, f"{name}-{day.isoformat()}.docx")
    kind = SUFFIXES[output.suffix.lower()]

    from devagree.core.write_path import refuse_links, write_atomic
    from devagree.followup.report_model import build_report
    from devagree.i18n import in_language
    from devagree.render.svg_charts import starts

    for target in [output, *(_chart_paths(output) if kind == "md" else ())]:
        refuse_links(output.parent, target)  # before anything is written
    # The report speaks the workbook's language; the terminal, the reader's.
    with in_language(workbook.settings.language):
        built = build_report(chosen.shown, day, workbook.settings.language, chosen.others)
        begin = starts(chosen.shown)
        if kind == "docx":
            from devagree.render.report_docx import render_report_docx

            write_atomic(output, render_report_docx(built, _template(workbook.settings), begin))
        else:
            from devagree.render.report_markdown import render_markdown

            pictures = _write_svg_charts(output, built, list(chosen.shown))
            write_atomic(output, render_markdown(built, pictures))
    count = len(built.items)
    agreements = len(built.agreements)
    print(
        _("wrote {path}: {agreements}, {items}, {overdue} overdue, as of {date}").format(
            path=display_path(output),
            agreements=ngettext("{count} agreement", "{count} agreements", agreements).format(
                count=agreements
            ),
            items=ngettext("{count} item", "{count} items", count).format(count=count),
            overdue=len(built.overdue),
            date=say_date(day),
        )
    )
    if left_out:
        return ExitCode.USAGE if workbook.unreadable else ExitCode.PROBLEMS
    return ExitCode.OK


def _write_svg_charts(output: Path, report: Report, agreements: list[Agreement]) -> tuple[str, str]:
    """The two charts as SVG files beside the Markdown report; their names, for its links."""
    from devagree.core.write_path import write_atomic
    from devagree.render.svg_charts import report_charts, states_svg, timeline_svg

    states, deadlines = report_charts(report, agreements)
    first, second = _chart_paths(output)
    write_atomic(first, states_svg(states, "states", report.language, True))
    write_atomic(second, timeline_svg(deadlines, "deadlines", report.language, True))
    return first.name, second.name


def _chart_paths(output: Path) -> tuple[Path, Path]:
    """The SVG charts beside a Markdown report."""
    return (
        output.with_name(f"{output.stem}-states.svg"),
        output.with_name(f"{output.stem}-deadlines.svg"),
    )


def _template(settings: object) -> Path | None:
    """The workbook's ``template:`` (relative to devagree.yaml), as the agreements use."""
    from devagree.core.settings import Settings

    assert isinstance(settings, Settings)
    if not settings.template:
        return None
    template = (settings.root / settings.template).resolve()
    if not template.is_file():
        raise UsageError(
            _("the template {path} named in devagree.yaml does not exist").format(
                path=display_path(template)
            )
        )
    return template


def nothing_chosen(period: int | str | None, day: date, agreements: list[Agreement]) -> str:
    """Why the report or site has no agreement to be about, and how to choose some."""
    from devagree.followup.periods import years

    found = ", ".join(str(year) for year in years(agreements))
    if period is None:
        said = _("no agreement is in force on {day}; the agreements begin in {years}")
    else:
        said = _("no agreement's period touches {period}; the agreements begin in {years}")
    return (
        said.format(day=say_date(day), period=period, years=found)
        + "; "
        + _("choose with --period YEAR, or --period all")
    )
