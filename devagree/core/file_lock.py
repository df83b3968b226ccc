"""The lock of the one write path: one writer of a file at a time, and who holds it.

The lock is ``.<file>.lock`` beside the file (``filelock``: ``flock`` on Linux and macOS,
``LockFileEx`` on Windows). The operating system releases it when its holder ends, even by a
crash, so a dead writer never blocks anyone. While held, the lock file names its holder
(process id, user, machine, command) so a writer that gives up after the bounded wait can
say who to wait for. The lock file is removed when the write is done; one left by a writer
that was killed is harmless (the next writer takes it over and removes it): it starts with
a dot, discovery skips it, and ``devagree init`` lists it in ``.gitignore``.
"""

from __future__ import annotations

import getpass
import logging
import os
import platform
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from devagree.core.errors import DevagreeError, ExitCode, OutputError
from devagree.core.paths import display_path
from devagree.i18n import _

LOCK_TIMEOUT = 30.0
"""Seconds a writer waits for another one before it gives up (``lock_timeout`` in
devagree.yaml, or the ``DEVAGREE_LOCK_TIMEOUT`` environment variable)."""

log = logging.getLogger(__name__)


class LockBusy(DevagreeError):
    """Another writer held the file for longer than this one was willing to wait."""

    exit_code = ExitCode.USAGE


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden, beside it, and named after it."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path, *, mode: int, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``path``; refuse with ``LockBusy`` after ``timeout`` s.

    A new lock file gets ``mode`` (the file's own permissions, and always read and write for
    its owner), so everyone who may change the file in a shared folder may also lock it.
    """
    from filelock import FileLock, Timeout

    wait = LOCK_TIMEOUT if timeout is None else max(timeout, 0.0)
    holder: list[int] = []

    def announce(fd: int) -> None:
        holder.append(fd)
        _write_holder(fd)

    permissions = (mode | 0o600) & 0o666
    lock = FileLock(lock_path(path), timeout=wait, mode=permissions, on_acquired=announce)
    started = time.monotonic()
    try:
        lock.acquire()
    except Timeout:
        raise LockBusy(_busy_message(path, wait)) from None
    except OSError as err:
        raise OutputError(
            _("cannot lock {path} ({reason})").format(
                path=display_path(path), reason=err.strerror or err
            )
        ) from None
    acquired = time.monotonic()
    log.debug("locked %s after %.3f s", path, acquired - started)
    try:
        yield
    finally:
        for fd in holder[-1:]:
            _tidy_lock(lock_path(path), fd)
        lock.release()
        log.debug("released %s after %.3f s", path, time.monotonic() - acquired)


def _tidy_lock(lock: Path, fd: int) -> None:
    """Remove the lock file while still holding it, so no lock file is left behind.

    Unlinking before unlocking is safe: a writer waiting on the removed file finds it gone
    once it gets the lock (filelock checks the link count) and locks the new file instead.
    On Windows filelock removes the file after release; the holder's name is cleared first.
    """
    with suppress(OSError):
        if os.name != "nt" and os.path.samestat(os.fstat(fd), os.lstat(lock)):
            os.unlink(lock)
        else:
            os.ftruncate(fd, 0)  # the next reader must not take us for the holder


def _write_holder(fd: int) -> None:
    """Say who holds the lock, in the lock file itself.

    The first byte stays a line break: on Windows the lock covers byte 0, and a waiter
    reads the rest.
    """
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "python"
    lines = (
        f"pid={os.getpid()}",
        f"user={_user()}",
        f"host={platform.node()}",
        f"command={command[:200]}",
    )
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, ("\n" + "\n".join(lines) + "\n").encode("utf-8", "replace"))


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "?"


def lock_holder(path: Path) -> dict[str, str]:
    """What the lock file says about its holder (empty when it says nothing)."""
    try:
        with lock_path(path).open("rb") as handle:
            handle.seek(1)
            text = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            found[key.strip()] = value.strip()
    return found


def _busy_message(path: Path, wait: float) -> str:
    shown = display_path(path)
    holder = lock_holder(path)
    if holder.get("pid"):
        who = _("{command} (process {pid}, user {user} on {host})").format(
            command=holder.get("command", "?"),
            pid=holder["pid"],
            user=holder.get("user", "?"),
            host=holder.get("host", "?"),
        )
    else:
        who = _("another program")
    return _(
        "{path} is being changed by {who}; gave up after waiting {seconds:g} s. Nothing was "
        "written. Try again when it has finished, or wait longer with "
        "DEVAGREE_LOCK_TIMEOUT=<seconds> (or lock_timeout in devagree.yaml)"
    ).format(path=shown, who=who, seconds=wait)
