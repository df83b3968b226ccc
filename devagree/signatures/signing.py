"""Recording signatures and telling whether the text is still the text that was signed.

A signature stores the digest of the agreed text (see ``signatures.digest``) and a digest per
part, so a later change can be named ("item 2, Mål (goal)") instead of only detected.
``sign`` edits the round-trip YAML tree: every comment and every line of the file stays as
it was, the signature is appended at the end of ``signatures:``, and the file is written
through ``devagree.core.write_path`` (under its lock, from the text on disk at that moment).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.core.loader import load, round_trip
from devagree.core.model import Agreement, Signature
from devagree.core.paths import display_path
from devagree.core.problems import listing
from devagree.core.settings import Settings
from devagree.core.write_path import current_text, edit_file
from devagree.i18n import _
from devagree.signatures.digest import changed_rows, describe_row, digest, row_digests
from devagree.workbook.pipeline import check_workbook


class SignRefused(DevagreeError):
    """The file has errors: a signature on text that does not check would mislead."""

    exit_code = ExitCode.PROBLEMS


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """One recorded signature, and whether the agreement still matches it."""

    agreement: Agreement
    signature: Signature
    index: int
    ok: bool
    changed: tuple[str, ...]
    """Part keys (``item-2.goal``) whose text differs from what was signed."""

    def describe_changes(self, language: str | None = None) -> list[str]:
        return [describe_row(key, language) for key in self.changed]


def check_signatures(agreement: Agreement) -> list[SignatureCheck]:
    """Every signature of ``agreement`` compared with its current text."""
    if not agreement.signatures:
        return []  # nothing to compare, and digesting is the costly part
    now_digest = digest(agreement.data)
    now_rows: dict[str, str] | None = None
    results: list[SignatureCheck] = []
    for index, signature in enumerate(agreement.signatures):
        if signature.digest == now_digest:
            results.append(SignatureCheck(agreement, signature, index, True, ()))
            continue
        if now_rows is None:
            now_rows = row_digests(agreement.data)
        changed = tuple(changed_rows(signature.rows, now_rows)) if signature.rows else ()
        results.append(SignatureCheck(agreement, signature, index, False, changed))
    return results


@dataclass(frozen=True, slots=True)
class SignRequest:
    party: str
    name: str
    day: date
    title: str = ""
    place: str = ""


def signable_agreement(path: Path, as_of: date) -> tuple[Agreement, Settings]:
    """The agreement in ``path`` as it is on disk now, and its workbook's settings; refused
    when the file has errors."""
    shown = display_path(path)
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=shown))
    workbook = check_workbook([path], as_of=as_of)
    errors = [p for p in workbook.problems if p.severity.value == "error"]
    if errors:
        raise SignRefused(
            _("{path} has errors; fix them before signing (devagree check {path}):").format(
                path=shown
            )
            + "\n"
            + listing(errors)
        )
    if len(workbook.agreements) != 1:
        raise UsageError(_("{path} is not an agreement file (kind: agreement)").format(path=shown))
    return workbook.agreements[0], workbook.settings


def sign(
    path: Path, request: SignRequest, *, today: date, lock_timeout: float | None = None
) -> dict[str, Any]:
    """Append a signature to the agreement in ``path``; returns the recorded mapping.

    Everything is decided under the file's lock from the text on disk at that moment: the
    file is checked, and the digest recorded is that text's, so a signature never covers a
    text other than the one in the file. ``today`` bounds the day of signing.
    """
    shown = display_path(path)
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=shown))
    for label, value in (
        ("--name", request.name),
        ("--title", request.title),
        ("--place", request.place),
    ):
        if value != value.strip() or any(ord(c) < 32 for c in value):
            raise UsageError(
                _("{option} must be one line without leading or trailing spaces").format(
                    option=label
                )
            )
    if not request.name:
        raise UsageError(_("--name must not be empty"))
    if request.day > today:
        future = _(
            "--date {day} is after today ({today}); a signature cannot be dated in the future"
        )
        raise UsageError(future.format(day=request.day.isoformat(), today=today.isoformat()))
    recorded: list[dict[str, Any]] = []
    # Checked once before the lock, to refuse early and to keep the lock short; under the
    # lock the check is made again unless the file is still the text checked here.
    seen = current_text(path)
    checked, settings = _checked(path, request)

    def change(current: str) -> str:
        agreement = checked if current == seen else _checked(path, request)[0]
        agreed = digest(agreement.data)
        if digest(load(shown, current).data) != agreed:
            moved = _("{path} changed while it was being checked; nothing was written, try again")
            raise UsageError(moved.format(path=shown))
        record = _signature_record(request, agreed, row_digests(agreement.data))
        recorded.append(record)
        return append_records(current, [record])

    edit_file(path, change, timeout=settings.lock_wait(lock_timeout))
    return recorded[-1]


def _checked(path: Path, request: SignRequest) -> tuple[Agreement, Settings]:
    """The agreement as it is on disk now, refused when it cannot be signed as requested,
    and its workbook's settings."""
    agreement, settings = signable_agreement(path, request.day)
    roles = [party.role for party in agreement.parties]
    if request.party not in roles:
        raise UsageError(
            _('--party "{party}" is not a party of {id}; the roles are: {roles}').format(
                party=request.party, id=agreement.id, roles=", ".join(roles)
            )
        )
    if agreement.date is not None and request.day < agreement.date:
        raise UsageError(
            _(
                "--date {day} is before the agreement's own date ({date}); "
                "an agreement is signed on or after the day it is dated"
            ).format(day=request.day.isoformat(), date=agreement.date.isoformat())
        )
    agreed = digest(agreement.data)
    for signature in agreement.signatures:
        if signature.party == request.party and signature.digest == agreed:
            raise UsageError(
                _('--party "{party}" has already signed this text ({name}, {date})').format(
                    party=request.party, name=signature.name, date=signature.date.isoformat()
                )
            )
    return agreement, settings


def _signature_record(request: SignRequest, agreed: str, rows: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {"party": request.party, "name": request.name}
    if request.title:
        record["title"] = request.title
    record["date"] = request.day
    if request.place:
        record["place"] = request.place
    record["digest"] = agreed
    record["rows"] = rows
    return record


def append_records(text: str, records: list[dict[str, Any]]) -> str:
    """``text`` with ``records`` appended to ``signatures:`` (every other byte kept)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = round_trip()
    tree = yaml.load(text)
    signatures = tree.get("signatures")
    if not isinstance(signatures, CommentedSeq) or not signatures:
        signatures = CommentedSeq()
        tree["signatures"] = signatures
    for record in records:
        signatures.append(_commented(record, CommentedMap))
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _commented(value: Any, mapping: type) -> Any:
    if isinstance(value, dict):
        made = mapping()
        for key, item in value.items():
            made[key] = _commented(item, mapping)
        return made
    return value
