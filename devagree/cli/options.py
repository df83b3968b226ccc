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


def require_folder(output: Path, option: str = "-o") -> None:
    """Refuse an output file whose folder is missing before any work is done; ``option``
    is how the command line named the file ("" for an argument)."""
    if not output.parent.is_dir():
        named = f"{option} {output}" if option else str(output)
        raise UsageError(
            _("{output}: the folder {folder} does not exist").format(
                output=named, folder=output.parent
            )
        )
