"""The one write path: every command that changes a workbook file goes through here.

A change is a function from the file's current text to its new text. Under an exclusive
lock on the file it is applied to what is on disk at that moment, never to a copy read
earlier; the result goes to a temporary file in the same folder, which is flushed, synced
to disk and renamed over the original, and the folder is synced too. Readers therefore see
the old file or the new one, never half of one, and two writers never lose each other's
work: the second one waits, then changes what the first one wrote.

The lock is ``.<file>.lock`` beside the file (``filelock``: ``flock`` on Linux and macOS,
``LockFileEx`` on Windows). The operating system releases it when its holder ends, even by a
crash, so a dead writer never blocks anyone. While held, the lock file names its holder
(process id, user, machine, command) so a writer that gives up after the bounded wait can
say who to wait for. The lock file is removed when the write is done; one left by a writer
that was killed is harmless (the next writer takes it over and removes it): it starts with
a dot, discovery skips it, and ``devagree init`` lists it in ``.gitignore``.

A file's UTF-8 byte-order mark and Windows (CRLF) line endings are kept: the change sees
plain text with ``\\n`` line breaks and the file gets back the form it had.

``replace_file`` puts in place, under the same lock, whole bytes that were not made from the
file's text (git's own line merge, left by the merge driver), as they are.

This is also the only module that renames files: ``write_atomic`` is the same temporary-
file-and-rename for outputs nobody else edits (Word documents, PDFs, reports), and
``move_into_place`` puts a file another program made (LibreOffice's PDF) in place.
"""

from __future__ import annotations

import getpass
import logging
import os
import platform
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from devagree.core.errors import DevagreeError, ExitCode, OutputError, UsageError
from devagree.core.loader import LoadError, decode
from devagree.core.paths import display_path
from devagree.i18n import _

Change = Callable[[str], str]
"""Current text (without byte-order mark, ``\\n`` line breaks) → new text; raise to refuse."""

LOCK_TIMEOUT = 30.0
"""Seconds a writer waits for another one before it gives up (``lock_timeout`` in
devagree.yaml, or the ``DEVAGREE_LOCK_TIMEOUT`` environment variable)."""

BOM = "\ufeff"
_TEMP_SUFFIX = ".tmp"

log = logging.getLogger(__name__)


class LockBusy(DevagreeError):
    """Another writer held the file for longer than this one was willing to wait."""

    exit_code = ExitCode.USAGE


class AlreadyExists(UsageError):
    """``create_file`` found the file there: a new file never replaces an existing one."""


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden, beside it, and named after it."""
    return path.with_name(f".{path.name}.lock")


def edit_file(path: Path, change: Change, *, timeout: float | None = None) -> str:
    """Apply ``change`` to the current content of ``path`` and write the result; returns it.

    ``timeout`` is how long to wait for another writer (default ``LOCK_TIMEOUT``). When
    ``change`` returns the text unchanged, nothing is written. A symbolic link is followed:
    the file it points at is changed, and the link stays a link.
    """
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=display_path(path)))
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    with locked(path, timeout=timeout, mode=_mode_for(path)):
        current, bom, windows = _current(path)
        new_text = change(current)
        if new_text == current:
            return new_text
        written = new_text.replace("\n", "\r\n") if windows else new_text
        _replace(path, (bom + written).encode("utf-8"), _mode_for(path), tidy=True)
        return new_text


def replace_file(path: Path, payload: bytes, *, timeout: float | None = None) -> None:
    """Put ``payload`` in place of ``path``'s content, under the file's lock, in one step.

    For a whole new content devagree did not make from the file's text (git's own line
    merge of a file the merge driver could not merge as data): the bytes are written as
    they are, whatever their encoding and line endings.
    """
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=display_path(path)))
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    with locked(path, timeout=timeout, mode=_mode_for(path)):
        _replace(path, payload, _mode_for(path), tidy=True)


def current_text(path: Path) -> str:
    """The text a change would be given now, read without the lock.

    For what a command shows or tries before it writes (a preview, a dry run that refuses
    early); what is written is always computed again under the lock by ``edit_file``.
    """
    return _current(path)[0]


def _current(path: Path) -> tuple[str, str, bool]:
    """The file's text with ``\\n`` line breaks, its byte-order mark, and whether it is CRLF."""
    raw = _read_bytes(path)
    try:
        text = decode(raw)
    except LoadError as err:
        raise UsageError(f"{display_path(path)}: {err.message}") from None
    bom = BOM if raw.startswith(BOM.encode()) else ""
    windows = "\r\n" in text and text.count("\r\n") == text.count("\n")
    return (text.replace("\r\n", "\n") if windows else text), bom, windows


def create_file(path: Path, text: str | bytes, *, timeout: float | None = None) -> None:
    """Write a new file (and its folder); an existing file is never overwritten.

    The check that the file is not there is made under the file's lock, and the file
    appears in one step, so a file created meanwhile by another writer is refused with
    ``AlreadyExists`` rather than replaced.
    """
    shown = display_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            _("cannot create the folder {folder} ({reason})").format(
                folder=display_path(path.parent), reason=err.strerror
            )
        ) from None
    payload = text.encode("utf-8") if isinstance(text, str) else text
    with locked(path, timeout=timeout, mode=_new_file_mode()):
        if path.exists() or path.is_symlink():
            raise AlreadyExists(
                _("{path} already exists; devagree never overwrites it").format(path=shown)
            )
        _replace(path, payload, _new_file_mode(), exclusive=True, tidy=True)


def write_atomic(target: Path, data: str | bytes) -> None:
    """Replace ``target`` with ``data`` in one step (text as UTF-8, line endings untouched).

    For outputs that only devagree writes and nobody edits (Word, PDF, reports): no lock.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _replace(target, payload, _mode_for(target))


@contextmanager
def atomic_output(target: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A file to write ``target``'s new bytes into, put in place when the block succeeds.

    For files streamed as they are made (the check cache): a reader sees the old file or
    the whole new one, and an error in the block leaves no trace. ``durable`` syncs the
    bytes to disk first; a cache that may be lost need not wait for that.
    """
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w+b") as out:
            yield out
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def move_into_place(made: Path, target: Path) -> None:
    """Put a whole file another program wrote (LibreOffice's PDF) at ``target`` in one step.

    ``made`` is in a temporary folder inside ``target``'s folder, so the rename stays on one
    file system: a reader sees the old file or the new one.
    """
    os.replace(made, target)


# --- the lock ------------------------------------------------------------------------------


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


# --- writing in one step ---------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise UsageError(
            _("{path}: the file cannot be read ({reason})").format(
                path=display_path(path), reason=err.strerror
            )
        ) from None


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applies)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return _new_file_mode()


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove_leftovers(target: Path) -> None:
    """Temporary files of ``target`` left by a writer that was killed before its rename.

    Only called under the file's lock, when no other writer of this file can be at work.
    """
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(_TEMP_SUFFIX):
            with suppress(OSError):
                os.unlink(entry.path)


def _replace(
    target: Path, payload: bytes, mode: int, *, exclusive: bool = False, tidy: bool = False
) -> None:
    """Write ``payload`` to a synced temporary file, then put it at ``target`` in one step.

    ``exclusive`` never replaces an existing ``target`` (a hard link fails when the name is
    taken; where links are not supported, the caller's check under the lock is what holds).
    ``tidy`` (under the lock only) first removes temporary files a killed writer left.
    """
    folder = target.parent
    if tidy:
        _remove_leftovers(target)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=_TEMP_SUFFIX, dir=folder
        )
    except OSError as err:
        raise OutputError(
            _("cannot write in {folder} ({reason})").format(
                folder=display_path(folder), reason=err.strerror
            )
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if exclusive and _link(temporary, target):
            Path(temporary).unlink(missing_ok=True)
        else:
            os.replace(temporary, target)
        _sync_folder(folder)
    except AlreadyExists:
        Path(temporary).unlink(missing_ok=True)
        raise
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(
            _("cannot write {path} ({reason})").format(
                path=display_path(target), reason=err.strerror
            )
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _link(temporary: str, target: Path) -> bool:
    """Give the temporary file the target's name unless that name exists; False: no links."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise AlreadyExists(
            _("{path} already exists; devagree never overwrites it").format(
                path=display_path(target)
            )
        ) from None
    except (OSError, NotImplementedError):
        return False
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a folder cannot be opened for syncing on Windows)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
