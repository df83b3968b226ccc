"""devagree init"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import lock_timeout_from_environment
from devagree.core.errors import ExitCode, UsageError
from devagree.core.paths import display_path
from devagree.i18n import _

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
    """Start a workbook: devagree.yaml, agreements/, a README, schemas, editor settings and
    a .gitignore for devagree's lock files.

    Existing files are never overwritten: each file is reported as created or kept, so init
    can be run again in a workbook to add what is missing (for example the editor settings).
    An existing .gitignore only gets the lines for the lock files appended when it lacks
    them (reported as updated); every line it had stays.
    """
    from devagree.cli.language import language_named
    from devagree.core.write_path import AlreadyExists, create_file
    from devagree.drafting.scaffold import GITIGNORE, plan_workbook
    from devagree.i18n import use_language

    if not language_named():
        use_language(language.value)  # nothing named one: speak the workbook's being made

    if directory.exists() and not directory.is_dir():
        raise UsageError(
            _("{path} is a file, not a folder; name a folder for the workbook").format(
                path=directory
            )
        )
    plan = plan_workbook(municipality.strip(), language.value)
    timeout = lock_timeout_from_environment()
    created: list[str] = []
    kept: list[str] = []
    updated: list[str] = []
    for planned in plan:
        target = directory.joinpath(*planned.path.parts)
        shown = display_path(target)
        if planned.path == GITIGNORE and target.is_file():
            if _ignore_lock_files(target, timeout):
                updated.append(shown)
            else:
                kept.append(shown)
            continue
        if target.exists() or target.is_symlink():
            kept.append(shown)
            continue
        try:
            create_file(target, planned.content, timeout=timeout)
        except AlreadyExists:
            kept.append(shown)
            continue
        created.append(shown)
    for shown in created:
        typer.echo(_("created  {path}").format(path=shown))
    for shown in updated:
        added = _("updated  {path} (added the lines that keep devagree's lock files out of git)")
        typer.echo(added.format(path=shown))
    for shown in kept:
        typer.echo(_("kept     {path} (exists; not changed)").format(path=shown))
    where = display_path(directory)
    place = _("this folder") if where == "." else where
    if created or updated:
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


def _ignore_lock_files(gitignore: Path, timeout: float | None) -> bool:
    """Append the lock-file lines to an existing .gitignore that lacks them; True if it did."""
    from devagree.core.write_path import edit_file
    from devagree.drafting.scaffold import GITIGNORE_LINES

    appended = False

    def change(text: str) -> str:
        nonlocal appended
        present = {line.strip() for line in text.splitlines()}
        missing = [line for line in GITIGNORE_LINES if line.strip() not in present]
        if not any(line and not line.startswith("#") for line in missing):
            return text
        appended = True
        separator = "" if not text or text.endswith("\n") else "\n"
        return text + separator + "".join(f"{line}\n" for line in missing)

    edit_file(gitignore, change, timeout=timeout)
    return appended
