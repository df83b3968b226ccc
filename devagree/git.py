"""git, which a workbook lives in: the merge driver's set-up and git's own line merge.

Everything here runs the `git` program or looks at a repository's folders; it says nothing
to the user (callers phrase the messages) and never raises for a missing git: a caller asks
``GitMissing`` where it matters.

The driver is named ``devagree`` (``merge.devagree.driver`` in a repository's config, and
``merge=devagree`` in ``.gitattributes``). git does not clone a repository's config, so each
clone registers the driver itself (``devagree init``); ``.gitattributes`` travels with the
files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

DRIVER = "devagree"
"""The merge driver's name: ``merge=devagree`` in ``.gitattributes``."""

ATTRIBUTE = f"merge={DRIVER}"

DRIVER_KEY = f"merge.{DRIVER}.driver"
NAME_KEY = f"merge.{DRIVER}.name"
DRIVER_NAME = "devagree: follow-up and signatures of agreement files merged as data"

ATTRIBUTES_FILE = ".gitattributes"


class GitMissing(OSError):
    """The `git` program cannot be run here."""


class GitFailed(OSError):
    """git ran and failed; the message is what it said."""


def driver_command(python: str | None = None) -> str:
    """The command git runs for the driver (git's placeholders %O %A %B %P and %L).

    The interpreter that runs devagree now is named by its full path, so git finds devagree
    even where its virtual environment is not active (a git client started from a menu).
    git runs the command through a POSIX shell, Git for Windows too, so it is quoted for one.
    """
    import shlex

    python = sys.executable if python is None else python
    program = f"{shlex.quote(Path(python).as_posix())} -m devagree" if python else "devagree"
    return f"{program} merge-file --marker-size %L %O %A %B %P"


def repository_top(start: Path) -> Path | None:
    """The folder holding ``.git`` (a folder, or a file in a linked worktree) at or above
    ``start``; None outside a repository."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def attribute_files(root: Path, top: Path) -> Iterator[Path]:
    """The ``.gitattributes`` files git reads for files under ``root``: from ``root`` up to
    the repository's top folder ``top``, nearest first."""
    folder = root.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / ATTRIBUTES_FILE
        if path.is_file():
            yield path
        if candidate == top:
            return


def attribute_lines(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` (a ``.gitattributes``) gives a pattern the driver: 1-based line and
    column of each ``merge=devagree``.

    A line is a pattern followed by attributes separated by white space; ``#`` starts a
    comment line (gitattributes(5)).
    """
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if len(words) < 2 or words[0].startswith("#"):
            continue
        for word in words[1:]:
            if word == ATTRIBUTE:
                yield number, line.index(word) + 1


def _git(args: list[str], cwd: Path, check: bool = False) -> subprocess.CompletedProcess[bytes]:
    """git run in ``cwd``; with ``check``, a failure raises ``GitFailed``."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except (FileNotFoundError, PermissionError, NotADirectoryError) as err:
        raise GitMissing(str(err)) from None
    except subprocess.TimeoutExpired:
        raise GitFailed(f"git {args[0]} did not finish in 60 s") from None
    if check and done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise GitFailed(said or f"git {args[0]} exited with {done.returncode}")
    return done


def config_value(folder: Path, key: str) -> str | None:
    """``key`` of the git configuration that applies in ``folder`` (the repository's own,
    the user's and the system's, as git reads them); None when it is not set."""
    done = _git(["config", "--get", key], folder)
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").strip() or None


def driver_registered(folder: Path) -> bool:
    """Whether git would run a driver for ``merge=devagree`` in ``folder``."""
    return config_value(folder, DRIVER_KEY) is not None


def register_driver(folder: Path, command: str | None = None) -> bool:
    """Register the driver in the repository's own config; False when one was there.

    A driver already registered (by an earlier `devagree init`, or by hand) is kept.
    """
    own = _git(["config", "--local", "--get", DRIVER_KEY], folder)
    if own.returncode == 0 and own.stdout.strip():
        return False
    _git(["config", "--local", NAME_KEY, DRIVER_NAME], folder, check=True)
    _git(["config", "--local", DRIVER_KEY, command or driver_command()], folder, check=True)
    return True


def is_work_tree(folder: Path) -> bool:
    """Whether ``folder`` is inside a git working tree (git itself decides)."""
    done = _git(["rev-parse", "--is-inside-work-tree"], folder)
    return done.returncode == 0 and done.stdout.strip() == b"true"


def merge_file(
    ours: Path,
    base: Path,
    theirs: Path,
    *,
    labels: tuple[str, str, str],
    marker_size: int = 7,
) -> tuple[bytes, int]:
    """git's own line merge of three files (``git merge-file -p``): the merged bytes and
    the number of conflicts (0: clean); ``GitFailed`` when git could not merge them.

    ``labels`` name ours, the base and theirs in the conflict markers. git reads its
    configured conflict style (``merge.conflictStyle``) as in any merge.
    """
    args = ["merge-file", "-p", f"--marker-size={marker_size}"]
    for label in labels:
        args += ["-L", label]
    done = _git([*args, os.fspath(ours), os.fspath(base), os.fspath(theirs)], Path.cwd())
    if not 0 <= done.returncode <= 127:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise GitFailed(said or f"git merge-file exited with {done.returncode}")
    return done.stdout, done.returncode
