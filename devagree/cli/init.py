"""devagree init"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.errors import ExitCode, OutputError, UsageError
from devagree.i18n import _
from devagree.paths import display_path

if TYPE_CHECKING:
    pass


class Language(StrEnum):
    da = "da"
    en = "en"


def init(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The workbook folder; created when missing. Default: the current folder.",
            show_default=False,
        ),
    ] = Path("."),
    municipality: Annotated[
        str,
        typer.Option("--municipality", help='The municipality, e.g. "Slagelse Kommune".'),
    ] = "",
    language: Annotated[
        Language,
        typer.Option("--language", help="Language of labels in documents and reports."),
    ] = Language.da,
) -> int:
    """Start a workbook: devagree.yaml, agreements/, a README, schemas and editor settings.

    Existing files are never changed: each file is reported as created or kept, so init can
    be run again in a workbook to add what is missing (for example the editor settings).
    """
    from devagree.atomic import write_atomic
    from devagree.scaffold import plan_workbook

    if directory.exists() and not directory.is_dir():
        raise UsageError(
            _("{path} is a file, not a folder; name a folder for the workbook").format(
                path=directory
            )
        )
    plan = plan_workbook(municipality.strip(), language.value)
    created: list[str] = []
    kept: list[str] = []
    for planned in plan:
        target = directory.joinpath(*planned.path.parts)
        shown = display_path(target)
        if target.exists() or target.is_symlink():
            kept.append(shown)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(
                _("cannot create the folder {path} ({reason})").format(
                    path=target.parent, reason=err.strerror
                )
            ) from None
        write_atomic(target, planned.content)
        created.append(shown)
    for shown in created:
        typer.echo(_("created  {path}").format(path=shown))
    for shown in kept:
        typer.echo(_("kept     {path} (exists; not changed)").format(path=shown))
    where = display_path(directory)
    place = _("this folder") if where == "." else where
    if created:
        go = "" if where == "." else f"cd {where} && "
        typer.echo(
            "\n"
            + _(
                "Workbook ready in {place}. Next: {go}devagree new (draft an agreement), "
                "then devagree check."
            ).format(place=place, go=go)
        )
    else:
        typer.echo(
            "\n"
            + _("Nothing to do: {place} already has every file of a workbook.").format(place=place)
        )
    return ExitCode.OK
