"""The merge driver's work on one agreement file: git's three versions in, the result in ours.

git runs ``devagree merge-file BASE OURS THEIRS PATH`` (``%O %A %B %P``) with the three
versions in temporary files, and takes what is left in OURS, and the exit code (0 clean),
as the merge. The versions are read with the loader and merged as data
(``followup.merge``): follow-up entries and signatures that two clones added side by side
are united. The result is written through the one write path. When git's own line merge
of the file is clean and means the same data, its text is used (it carries every comment
either side changed); otherwise ours' round-trip tree gets the edits
(``followup.merge_tree``), keeping ours' other bytes.

Where both sides changed one part in different ways, or a version cannot be read, nothing
is picked: the whole file gets git's line merge (``git merge-file``), with git's markers,
and the merge stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devagree import git
from devagree.core.errors import UsageError
from devagree.core.loader import LoadError, decode, load, read_raw, round_trip
from devagree.core.paths import Path_
from devagree.core.places import describe_place, field_name
from devagree.core.schema import is_valid
from devagree.core.write_path import edit_file, replace_file
from devagree.followup.merge import Conflict, plan_merge
from devagree.followup.merge_tree import carry_comments, comments_carried, merged_text, reads_as
from devagree.i18n import _

LABELS = ("HEAD", "base", "theirs")
"""How git's markers name ours, the common base and theirs (git's own name for ours)."""


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    """What the driver did: ``clean`` is the exit code's answer; ``note`` says why not."""

    clean: bool
    note: str = ""


class _LineMerge(Exception):
    """Leave the file to git's line merge; ``reason`` says why, ``stops`` whether the merge
    stops even when git's line merge is clean."""

    def __init__(self, reason: str, stops: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.stops = stops


def merge_files(
    base: Path,
    ours: Path,
    theirs: Path,
    *,
    shown: str,
    marker_size: int = 7,
    timeout: float | None = None,
) -> MergeOutcome:
    """Merge ``theirs`` into ``ours`` (``base`` their common version; an empty file when
    there is none) and write the result to ``ours``. ``shown`` is the file's path in the
    repository, for messages."""
    try:
        texts = [_text(path, label) for path, label in ((base, "base"), (theirs, "theirs"))]
        _text(ours, "ours")  # one that cannot be read goes to git before the lock is taken

        def change(current: str) -> str:
            return _merged(current, texts[0], texts[1], (ours, base, theirs))

        edit_file(ours, change, timeout=timeout)
    except _LineMerge as decided:
        return _line_merge(base, ours, theirs, shown, marker_size, timeout, decided)
    return MergeOutcome(clean=True)


def _text(path: Path, which: str) -> str:
    """A version's text with ``\\n`` line breaks, or a line merge when it is not text."""
    try:
        return decode(*read_raw(path)).replace("\r\n", "\n")
    except LoadError as err:
        raise _LineMerge(_unreadable(which, err.message), stops=False) from None


def _unreadable(which: str, error: str) -> str:
    versions = {
        "base": _("the common version"),
        "ours": _("our version"),
        "theirs": _("their version"),
    }
    return _("{which} cannot be read as an agreement ({error})").format(
        which=versions[which], error=error
    )


def _load(text: str, which: str, empty_is_none: bool = False) -> Any:
    if empty_is_none and not text.strip():
        return {}
    try:
        return load("", text).data
    except LoadError as err:
        raise _LineMerge(_unreadable(which, err.message), stops=False) from None


def _merged(
    ours_text: str, base_text: str, theirs_text: str, paths: tuple[Path, Path, Path]
) -> str:
    """The merged text; raises ``_LineMerge``."""
    ours = _load(ours_text, "ours")
    base = _load(base_text, "base", empty_is_none=True)
    theirs = _load(theirs_text, "theirs")
    ours_tree = _round_trip(ours_text, "ours")
    theirs_tree = _round_trip(theirs_text, "theirs")
    try:
        plan = plan_merge(base, ours, theirs, ours_tree, theirs_tree)
        _check_schema(ours, theirs, plan.data)
    except Conflict as conflict:
        raise _LineMerge(_conflict_words(conflict, ours), stops=True) from None
    by_lines = _clean_line_merge(paths, plan.data)
    if by_lines is not None:
        return by_lines
    try:
        text = merged_text(ours_text, plan, ours_tree)
        if not comments_carried(ours_text, base_text, theirs_text, text):
            text = _with_their_comments(text, ours_text, base_text, theirs_text, plan.data)
    except Conflict as conflict:
        raise _LineMerge(_conflict_words(conflict, ours), stops=True) from None
    return text


def _with_their_comments(text: str, ours: str, base: str, theirs: str, data: Any) -> str:
    """``text`` with the changes theirs made to comment lines."""
    carried = carry_comments(text, base, theirs)
    if carried is None or not reads_as(carried, data):
        raise Conflict((), "comments")
    if not comments_carried(ours, base, theirs, carried):
        raise Conflict((), "comments")
    return carried


def _round_trip(text: str, which: str) -> Any:
    try:
        return round_trip().load(text)
    except Exception as err:  # the loader read it; ruamel's round trip may still refuse
        raise _LineMerge(_unreadable(which, str(err)), stops=False) from None


def _check_schema(ours: Any, theirs: Any, merged: Any) -> None:
    """Two versions that pass the schema must not merge into one that does not."""
    kind = ours.get("kind")
    if kind not in ("agreement", "strategy") or theirs.get("kind") != kind:
        return
    if is_valid(kind, ours) and is_valid(kind, theirs) and not is_valid(kind, merged):
        raise Conflict((), "schema")


def _clean_line_merge(paths: tuple[Path, Path, Path], data: Any) -> str | None:
    """git's line merge of the three files, when it is clean and reads as ``data``."""
    ours, base, theirs = paths
    try:
        merged, code = git.merge_file(ours, base, theirs, labels=LABELS)
    except (git.GitMissing, git.GitFailed):
        return None
    if code != 0:
        return None
    try:
        text = merged.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        return text if load("", text).data == data else None
    except (UnicodeDecodeError, LoadError):
        return None


def _conflict_words(conflict: Conflict, ours: Any) -> str:
    """Why the driver did not merge, in the user's words."""
    if conflict.reason == "signature":
        return _("both sides recorded a different signature for the party `{party}`").format(
            party=conflict.party
        )
    if conflict.reason == "order":
        return _("both sides renumbered or moved items, in different ways")
    if conflict.reason == "schema":
        return _("the merged file would not pass the schema")
    if conflict.reason == "layout":
        return _("the file's layout cannot be kept while merging it")
    if conflict.reason == "comments":
        return _("the other side changed comments that cannot be carried over")
    what = _place(conflict.where, ours)
    if conflict.reason == "deleted":
        return _("one side deleted {what}, which the other side changed").format(what=what)
    return _("both sides changed {what}, in different ways").format(what=what)


def _place(where: Path_, data: Any) -> str:
    if where and isinstance(where[-1], int):
        return describe_place(data, where, owner=True)
    return field_name(where) + describe_place(data, where)


def _line_merge(
    base: Path,
    ours: Path,
    theirs: Path,
    shown: str,
    marker_size: int,
    timeout: float | None,
    decided: _LineMerge,
) -> MergeOutcome:
    """git's line merge of the whole file, written to ``ours``."""
    try:
        merged, code = git.merge_file(ours, base, theirs, labels=LABELS, marker_size=marker_size)
    except git.GitMissing:
        raise UsageError(
            _("{path}: {reason}, and git's line merge cannot be run (git is not found)").format(
                path=shown, reason=decided.reason
            )
        ) from None
    except git.GitFailed as err:
        raise UsageError(
            _("{path}: {reason}, and git's line merge failed: {error}").format(
                path=shown, reason=decided.reason, error=str(err)[:300]
            )
        ) from None
    if merged != _bytes(ours):
        replace_file(ours, merged, timeout=timeout)
    if code == 0 and not decided.stops:
        return MergeOutcome(clean=True)
    if code == 0:
        said = _(
            "{path}: {reason}. git merged the file line by line without conflict markers; "
            "read the result, then run devagree check and git add {path}"
        )
    else:
        said = _(
            "{path}: {reason}. git merged the file line by line and marked the conflicts "
            "(<<<<<<< to >>>>>>>): keep the right text, delete the markers, then run "
            "devagree check and git add {path}"
        )
    return MergeOutcome(clean=False, note=said.format(path=shown, reason=decided.reason))


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
