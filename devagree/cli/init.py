"""devagree init"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

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
    """Start a workbook: devagree.yaml, agreements/, a README, schemas, editor settings,
    a .gitignore for devagree's lock files and a .gitattributes that merges agreement files
    with devagree's merge driver.

    Existing files are never overwritten: each file is reported as created or kept, so init
    can be run again in a workbook to add what is missing (for example the editor settings).
    An existing .gitignore or .gitattributes only gets its missing lines appended (reported
    as updated); every line it had stays. In a git repository init registers the merge
    driver in the repository's git configuration, which git does not copy into a clone:
    run init again in each clone.
    """
    from devagree.cli.language import language_named
    from devagree.core.write_path import AlreadyExists, create_file, refuse_links
    from devagree.drafting.scaffold import GITATTRIBUTES, GITIGNORE, plan_workbook
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
    for planned in plan:  # nothing written when a file would be reached through a link
        target = directory.joinpath(*planned.path.parts)
        refuse_links(directory, target if planned.path == GITIGNORE else target.parent)
    refuse_links(directory, directory / GITATTRIBUTES)
    timeout = lock_timeout_from_environment()
    created: list[str] = []
    kept: list[str] = []
    updated: list[str] = []
    for planned in plan:
        target = directory.joinpath(*planned.path.parts)
        shown = display_path(target)
        if planned.path == GITIGNORE and target.is_file():
            if _ignore_lock_files(target, directory, timeout):
                updated.append(shown)
            else:
                kept.append(shown)
            continue
        if target.exists() or target.is_symlink():
            kept.append(shown)
            continue
        try:
            create_file(target, planned.content, timeout=timeout, inside=directory)
        except AlreadyExists:
            kept.append(shown)
            continue
        created.append(shown)
    in_git = _set_up_git(directory, timeout)
    if in_git.attributes != "updated":
        (created if in_git.attributes == "created" else kept).append(in_git.path)
    for shown in created:
        typer.echo(_("created  {path}").format(path=shown))
    for shown in updated:
        added = _("updated  {path} (added the lines that keep devagree's lock files out of git)")
        typer.echo(added.format(path=shown))
    if in_git.attributes == "updated":
        added = _("updated  {path} (added the lines that send agreement files to the merge driver)")
        typer.echo(added.format(path=in_git.path))
    for shown in kept:
        typer.echo(_("kept     {path} (exists; not changed)").format(path=shown))
    typer.echo(in_git.said, err=in_git.failed)
    where = display_path(directory)
    place = _("this folder") if where == "." else where
    if created or updated or in_git.attributes == "updated" or in_git.registered:
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
    return ExitCode.USAGE if in_git.failed else ExitCode.OK


def _ignore_lock_files(gitignore: Path, workbook: Path, timeout: float | None) -> bool:
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

    edit_file(gitignore, change, timeout=timeout, inside=workbook)
    return appended


class _InGit(NamedTuple):
    attributes: str
    """How `.gitattributes` fared: "created", "updated" or "kept"."""
    path: str
    registered: bool
    said: str
    """A line about the driver in git's configuration."""
    failed: bool = False
    """git could not register it (``said`` says why)."""


def _set_up_git(directory: Path, timeout: float | None) -> _InGit:
    """`.gitattributes` naming devagree's merge driver for the workbook's agreement files,
    and the driver registered in the git config of the repository the folder is in.

    git never copies a repository's config into a clone, so this is what running `init`
    again in a clone does.
    """
    from devagree import git
    from devagree.core.write_path import AlreadyExists, create_file, edit_file
    from devagree.drafting.scaffold import GITATTRIBUTES, gitattributes_lines
    from devagree.workbook.pipeline import load_settings

    settings, _problems, _unreadable = load_settings(directory)
    folders = settings.paths if settings.root == directory.resolve() else ("agreements",)
    wanted = gitattributes_lines(folders)
    target = directory / GITATTRIBUTES
    shown = display_path(target)
    fared = "kept"
    if not target.exists() and not target.is_symlink():
        try:
            text = "".join(f"{line}\n" for line in wanted)
            create_file(target, text, timeout=timeout, inside=directory)
            fared = "created"
        except AlreadyExists:
            pass
    if fared == "kept" and target.is_file():

        def change(text: str) -> str:
            nonlocal fared
            present = {line.strip() for line in text.splitlines()}
            missing = [line for line in wanted if line.strip() not in present]
            if not any(not line.startswith("#") for line in missing):
                return text
            fared = "updated"
            separator = "" if not text or text.endswith("\n") else "\n"
            return text + separator + "".join(f"{line}\n" for line in missing)

        edit_file(target, change, timeout=timeout, inside=directory)
    registered = False
    try:
        if not git.is_work_tree(directory):
            said = _(
                "note: this folder is not in a git repository; after git init, and in every "
                "clone, run devagree init again to register devagree's merge driver"
            )
            return _InGit(fared, shown, registered, said)
        registered = git.register_driver(directory)
        if registered:
            said = _(
                "registered devagree's merge driver in this repository's git configuration: "
                "follow-up and signatures recorded in two clones merge without a conflict"
            )
        else:
            said = _("kept     devagree's merge driver in this repository's git configuration")
    except git.GitMissing:
        said = _(
            "note: git was not found, so devagree's merge driver is not registered; run "
            "devagree init again where git is installed"
        )
    except git.GitFailed as err:
        said = _("cannot register devagree's merge driver in git's configuration: {error}")
        return _InGit(fared, shown, registered, said.format(error=err), failed=True)
    return _InGit(fared, shown, registered, said)
