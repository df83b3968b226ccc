"""Option types shared by several commands."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from devagree.core.errors import UsageError
from devagree.i18n import _

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Agreement files or folders, or their ids. Default: the workbook in the current "
        "folder (the folders named in devagree.yaml, else agreements/).",
        metavar="[FILE|FOLDER|ID]...",
        show_default=False,
    ),
]


def named_paths(paths: list[Path] | None) -> list[Path]:
    """The files and folders a command was given, each id standing for its document's file."""
    if not paths:
        return []
    from devagree.workbook.resolve import resolve_all  # only when something is named

    return resolve_all(paths)


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Check deadlines as of this day instead of today.",
        show_default=False,
    ),
]


PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="YEAR|all",
        help="The agreements whose period touches YEAR, or all of them. Default: those in "
        "force on the --as-of day; drafts and other periods are named in a section of their own.",
        show_default=False,
    ),
]


def period_choice(text: str | None) -> int | str | None:
    """``--period`` as a year, ``all``, or None (the agreements in force)."""
    if text is None:
        return None
    from devagree.followup.periods import parse_period

    try:
        return parse_period(text)
    except ValueError:
        raise UsageError(
            _('--period "{text}": write a year (2017) or all').format(text=text)
        ) from None


def as_of_day(text: str | None) -> date:
    """The day to check as of: the option's date, or today (the CLI's only clock read)."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            _('--as-of "{text}" is not a date; write it as YYYY-MM-DD, e.g. 2016-06-30').format(
                text=text
            )
        ) from None


def format_choices(name: str, registry: Mapping[str, object]) -> type[Enum]:
    """An Enum of a format registry's keys, so `--format` choices come from the registry."""
    return Enum(name, {key: key for key in registry}, type=str)  # type: ignore[return-value]


LOCK_TIMEOUT_VARIABLE = "DEVAGREE_LOCK_TIMEOUT"


def lock_timeout_from_environment() -> float | None:
    """Seconds to wait for another writer, from DEVAGREE_LOCK_TIMEOUT (None when unset)."""
    text = os.environ.get(LOCK_TIMEOUT_VARIABLE, "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= 3600:
        raise UsageError(
            _("{variable}={value} is not a number of seconds from 0 to 3600").format(
                variable=LOCK_TIMEOUT_VARIABLE, value=text
            )
        )
    return seconds


def output_file(output: Path | None, default: str) -> Path:
    """The file a command writes: ``-o FILE``, else ``default`` in the current folder.

    Every command that writes files takes their place from here or from ``output_folder``,
    so all behave alike: ``-o`` names the place, the current folder is the default, and a
    folder on the way that does not exist yet is made, for a file as for a folder.
    """
    target = output if output is not None else Path(default)
    if target.is_dir():
        raise UsageError(_("-o {path} is a folder; name the file to write").format(path=target))
    _make_folder(target.parent, target)
    return target


def output_folder(output: Path | None, default: str = ".") -> Path:
    """The folder a command writes into: ``-o FOLDER``, else ``default`` (made if missing)."""
    target = output if output is not None else Path(default)
    if target.exists() and not target.is_dir():
        raise UsageError(_("-o {path} is a file; name a folder").format(path=target))
    _make_folder(target, target)
    return target


def _make_folder(folder: Path, named: Path) -> None:
    in_the_way = next((p for p in (folder, *folder.parents) if p.is_file()), None)
    if in_the_way is not None:
        raise UsageError(
            _("-o {path}: {file} is a file, not a folder").format(path=named, file=in_the_way)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(
            _("-o {path}: the folder {folder} cannot be made ({reason})").format(
                path=named, folder=folder, reason=err.strerror or err
            )
        ) from None
