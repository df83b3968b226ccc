"""devagree merge-file"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from devagree.cli.options import lock_timeout_from_environment
from devagree.core.errors import ExitCode
from devagree.core.paths import display_path


def merge_file(
    base: Annotated[
        Path,
        typer.Argument(help="The common version (git's %O).", show_default=False, metavar="BASE"),
    ],
    ours: Annotated[
        Path,
        typer.Argument(
            help="Our version (git's %A); the result is written here.",
            show_default=False,
            metavar="OURS",
        ),
    ],
    theirs: Annotated[
        Path,
        typer.Argument(help="Their version (git's %B).", show_default=False, metavar="THEIRS"),
    ],
    path: Annotated[
        str | None,
        typer.Argument(
            help="The file's path in the repository (git's %P), for messages.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    marker_size: Annotated[
        int,
        typer.Option(
            "--marker-size",
            min=1,
            help="Length of conflict markers (git's %L).",
        ),
    ] = 7,
) -> int:
    """git merge driver for agreement files: follow-up and signatures from two clones united.

    Status entries both sides recorded are all kept, in date order; signatures are united by
    party; anything else only one side changed is taken from that side. Where both sides
    changed the same thing differently, or a version cannot be read, the file gets git's own
    line merge with its conflict markers, and the merge stops. Exit code 0 when the merge is
    clean, 1 when it is not. `devagree init` sets it up in a repository.
    """
    from devagree.followup.merge_files import merge_files

    outcome = merge_files(
        base,
        ours,
        theirs,
        shown=path or display_path(ours),
        marker_size=marker_size,
        timeout=lock_timeout_from_environment(),
    )
    if outcome.note:
        print(f"devagree: {outcome.note}", file=sys.stderr)
    return ExitCode.OK if outcome.clean else ExitCode.PROBLEMS
