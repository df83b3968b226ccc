"""The one write path: every command that changes a workbook file goes through here.

A change is a function from the file's current text to its new text. Under an exclusive
lock on the file it is applied to what is on disk at that moment, never to a copy read
earlier; the result goes to a temporary file in the same folder, which is flushed, synced
to disk and renamed over the original, and the folder is synced too. Readers therefore see
the old file or the new one, never half of one, and two writers never lose each other's
work: the second one waits, then changes what the first one wrote.

The lock is ``.<file>.lock`` beside the file (``devagree.core.file_lock``). A change of
several files (``edit_files``: a collected sheet) locks them all before it makes the first
change and renames none before every one is made and written, so a refusal writes nothing.
No file is written larger than devagree reads (``MAX_BYTES``).

A file's UTF-8 byte-order mark and Windows (CRLF) line endings are kept: the change sees
plain text with ``\\n`` line breaks and the file gets back the form it had.

``replace_file`` puts in place, under the same lock, whole bytes that were not made from the
file's text (git's own line merge, left by the merge driver), as they are.

This is also the only module that renames files: ``write_atomic`` is the same temporary-
file-and-rename for outputs nobody else edits (Word documents, PDFs, reports), and
``move_into_place`` puts a file another program made (LibreOffice's PDF) in place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from devagree.core.errors import OutputError, UsageError
from devagree.core.file_lock import locked
from devagree.core.files import not_regular, read_regular
from devagree.core.loader import MAX_BYTES, LoadError, decode
from devagree.core.paths import display_path
from devagree.i18n import _

Change = Callable[[str], str]
"""Current text (without byte-order mark, ``\\n`` line breaks) → new text; raise to refuse."""

BOM = "\ufeff"
_TEMP_SUFFIX = ".tmp"


class AlreadyExists(UsageError):
    """``create_file`` found the file there: a new file never replaces an existing one."""


def edit_file(
    path: Path, change: Change, *, timeout: float | None = None, inside: Path | None = None
) -> str:
    """Apply ``change`` to the current content of ``path`` and write the result; returns it.

    ``timeout`` is how long to wait for another writer (default ``LOCK_TIMEOUT``). When
    ``change`` returns the text unchanged, nothing is written. A symbolic link is followed:
    the file it points at is changed, and the link stays a link; with ``inside`` (a folder
    the command was given) no link is followed (``refuse_links``).
    """
    if inside is not None:
        refuse_links(inside, path)
    return edit_files({path: change}, timeout=timeout)[path]


def edit_files(changes: Mapping[Path, Change], *, timeout: float | None = None) -> dict[Path, str]:
    """Apply each change to its file's current content and write them all, or none.

    Every file is locked (in one order, so two writers of the same files never wait for each
    other in a circle) before the first change is made; every change is made and every new
    file is written to its synced temporary file before the first rename. A change that
    refuses, a lock that stays busy, a file that would be too large to read back: nothing is
    written. Returns each file's new text (unchanged text: that file is not written).
    """
    targets: dict[Path, Path] = {}
    for path in changes:
        problem = not_regular(path)
        if problem is not None:
            raise UsageError(f"{display_path(path)}: {problem}")
        targets[path] = Path(os.path.realpath(path)) if path.is_symlink() else path
    order = sorted(set(targets.values()), key=lambda target: os.path.normcase(str(target)))
    with ExitStack() as held:
        for target in order:
            held.enter_context(locked(target, timeout=timeout, mode=_mode_for(target)))
        results: dict[Path, str] = {}
        staged: list[tuple[str, Path]] = []
        try:
            for path, change in changes.items():
                target = targets[path]
                current, bom, windows = _current(target)
                new_text = change(current)
                results[path] = new_text
                if new_text == current:
                    continue
                written = new_text.replace("\n", "\r\n") if windows else new_text
                payload = (bom + written).encode("utf-8")
                refuse_unreadable_size(target, len(payload))
                _remove_leftovers(target)
                staged.append((_stage(target, payload, _mode_for(target)), target))
        except BaseException:
            for temporary, _target in staged:
                Path(temporary).unlink(missing_ok=True)
            raise
        _commit_all(staged)
        return results


class FileTooLarge(UsageError):
    """A workbook file that would grow past what devagree reads; nothing is written."""


def refuse_unreadable_size(target: Path, size: int) -> None:
    """Refuse to write a workbook file devagree itself would then refuse to read (DA010)."""
    if size > MAX_BYTES:
        raise FileTooLarge(
            _(
                "{path} would be {size} MB, and devagree reads files up to {limit} MB; nothing "
                "was written (shorten the text, or split the workbook into more files)"
            ).format(
                path=display_path(target),
                size=f"{size / (1024 * 1024):.1f}",
                limit=MAX_BYTES // (1024 * 1024),
            )
        )


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


def create_file(
    path: Path, text: str | bytes, *, timeout: float | None = None, inside: Path | None = None
) -> None:
    """Write a new file (and its folder); an existing file is never overwritten.

    The check that the file is not there is made under the file's lock, and the file
    appears in one step, so a file created meanwhile by another writer is refused with
    ``AlreadyExists`` rather than replaced. ``inside``: the folder the command was given,
    which no link on the way may lead out of (``refuse_links``).
    """
    shown = display_path(path)
    if inside is not None:
        refuse_links(inside, path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            _("cannot create the folder {folder} ({reason})").format(
                folder=display_path(path.parent), reason=err.strerror
            )
        ) from None
    payload = text.encode("utf-8") if isinstance(text, str) else text
    refuse_unreadable_size(path, len(payload))
    with locked(path, timeout=timeout, mode=_new_file_mode()):
        if path.exists() or path.is_symlink():
            raise AlreadyExists(
                _("{path} already exists; devagree never overwrites it").format(path=shown)
            )
        _replace(path, payload, _new_file_mode(), exclusive=True, tidy=True)


def write_atomic(target: Path, data: str | bytes, *, inside: Path | None = None) -> None:
    """Replace ``target`` with ``data`` in one step (text as UTF-8, line endings untouched).

    For outputs that only devagree writes and nobody edits (Word, PDF, reports): no lock.
    ``target`` may not be a symbolic link; with ``inside`` (the folder the command was
    given) no folder on the way may be one either, and missing folders are made
    (``refuse_links``).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    refuse_links(inside if inside is not None else target.parent, target)
    if inside is not None:
        _make_folders(target.parent)
    _replace(target, payload, _mode_for(target))


def remove_file(target: Path, *, inside: Path) -> None:
    """Remove ``target``, a file devagree wrote in ``inside``, never through a link."""
    refuse_links(inside, target)
    try:
        target.unlink(missing_ok=True)
    except OSError as err:
        raise OutputError(
            _("cannot remove {path} ({reason})").format(
                path=display_path(target), reason=err.strerror
            )
        ) from None


# --- staying inside a folder -----------------------------------------------------------------


class OutsideFolder(OutputError):
    """A path that passes a symbolic link, or leads out of the folder a command was given."""


def refuse_links(folder: Path, target: Path) -> None:
    """Refuse ``target`` unless it lies in ``folder`` with no symbolic link on the way.

    The one rule of every writer (``site``, ``render``, ``report``, ``export``, ``init``):
    what it writes or removes stays in the folder it was given. A link inside that folder
    (to a folder or a file elsewhere) is never followed, written over nor removed through;
    ``folder`` itself is where the user pointed, link or not.
    """
    try:
        relative = target.relative_to(folder)
    except ValueError:
        relative = None
    if relative is None or ".." in relative.parts:
        raise OutsideFolder(
            _("{path} is outside {folder}; devagree writes only inside it").format(
                path=display_path(target), folder=display_path(folder)
            )
        )
    current = folder
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise OutsideFolder(
                _(
                    "{path} is a symbolic link; devagree writes only inside {folder} and never "
                    "through a link. Nothing was written; remove the link or name another folder"
                ).format(path=display_path(current), folder=display_path(folder))
            )


def _make_folders(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            _("cannot create the folder {folder} ({reason})").format(
                folder=display_path(folder), reason=err.strerror
            )
        ) from None


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


def move_into_place(made: Path, target: Path, *, inside: Path | None = None) -> None:
    """Put a whole file another program wrote (LibreOffice's PDF) at ``target`` in one step.

    ``made`` is in a temporary folder inside ``target``'s folder, so the rename stays on one
    file system: a reader sees the old file or the new one. ``inside``: as ``write_atomic``.
    """
    refuse_links(inside if inside is not None else target.parent, target)
    os.replace(made, target)


# --- writing in one step ---------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path)
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
    if tidy:
        _remove_leftovers(target)
    temporary = _stage(target, payload, mode)
    with _removed_on_failure(temporary, target):
        if exclusive and _link(temporary, target):
            Path(temporary).unlink(missing_ok=True)
        else:
            os.replace(temporary, target)
        _sync_folder(target.parent)


@contextmanager
def _removed_on_failure(temporary: str, target: Path) -> Iterator[None]:
    """A failed write leaves no temporary file behind, and says which file it could not write."""
    try:
        yield
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


def _stage(target: Path, payload: bytes, mode: int) -> str:
    """``payload`` in a temporary file beside ``target``, synced to disk, with ``mode``."""
    folder = target.parent
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
    with _removed_on_failure(temporary, target):
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
    return temporary


def _commit_all(staged: list[tuple[str, Path]]) -> None:
    """Rename every staged file over its target, then sync the folders.

    The renames follow each other with nothing in between that can refuse; should the
    operating system fail one, the message names the files already replaced.
    """
    done: list[Path] = []
    for index, (temporary, target) in enumerate(staged):
        try:
            os.replace(temporary, target)
        except OSError as err:
            for rest, _target in staged[index:]:
                Path(rest).unlink(missing_ok=True)
            message = _("cannot write {path} ({reason})").format(
                path=display_path(target), reason=err.strerror
            )
            if done:
                message += "; " + _("already written: {files}").format(
                    files=", ".join(display_path(path) for path in done)
                )
            else:
                message += "; " + _("nothing was written")
            raise OutputError(message) from None
        done.append(target)
    for folder in dict.fromkeys(target.parent for _temporary, target in staged):
        _sync_folder(folder)


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
