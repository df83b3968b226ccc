"""Recording a signature on the agreed text.

``sign`` edits the round-trip YAML tree: every comment and every line of the file stays as
it was, the signature is appended at the end of ``signatures:``, and the file is written
through ``devagree.core.write_path`` (under its lock, from the text on disk at that moment).
Checking the file in its workbook is the pipeline's job, one floor up: the caller hands it in
as ``checked`` (``devagree.workbook.signable.signable_agreement``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.core.files import not_regular
from devagree.core.loader import load, round_trip
from devagree.core.model import Agreement
from devagree.core.paths import display_path
from devagree.core.settings import Settings
from devagree.core.write_path import current_text, edit_file
from devagree.i18n import _, say_date
from devagree.signatures.digest import digest, row_marks


class SignRefused(DevagreeError):
    """The file has errors: a signature on text that does not check would mislead."""

    exit_code = ExitCode.PROBLEMS


CheckedAgreement = Callable[[Path, date], tuple[Agreement, Settings]]
"""The agreement in a file as it is on disk now, checked in its workbook as of a day, and the
workbook's settings; raises ``SignRefused`` when the file has errors."""


@dataclass(frozen=True, slots=True)
class SignRequest:
    party: str
    name: str
    day: date
    title: str = ""
    place: str = ""


def sign(
    path: Path,
    request: SignRequest,
    *,
    today: date,
    checked: CheckedAgreement,
    lock_timeout: float | None = None,
) -> dict[str, Any]:
    """Append a signature to the agreement in ``path``; returns the recorded mapping.

    Everything is decided under the file's lock from the text on disk at that moment: the
    file is checked, and the digest recorded is that text's, so a signature never covers a
    text other than the one in the file. ``today`` bounds the day of signing.
    """
    shown = display_path(path)
    problem = not_regular(path)
    if problem is not None:
        raise UsageError(f"{shown}: {problem}")
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
        raise UsageError(future.format(day=say_date(request.day), today=say_date(today)))
    recorded: list[dict[str, Any]] = []
    # Checked once before the lock, to refuse early and to keep the lock short; under the
    # lock the check is made again unless the file is still the text checked here.
    seen = current_text(path)
    agreement_seen, settings = _checked(path, request, checked)

    def change(current: str) -> str:
        agreement = agreement_seen if current == seen else _checked(path, request, checked)[0]
        agreed = digest(agreement.data)
        if digest(load(shown, current).data) != agreed:
            moved = _("{path} changed while it was being checked; nothing was written, try again")
            raise UsageError(moved.format(path=shown))
        record = _signature_record(request, agreed, row_marks(agreement.data))
        recorded.append(record)
        return append_records(current, [record])

    edit_file(path, change, timeout=settings.lock_wait(lock_timeout))
    return recorded[-1]


def _checked(
    path: Path, request: SignRequest, checked: CheckedAgreement
) -> tuple[Agreement, Settings]:
    """The agreement as it is on disk now, refused when it cannot be signed as requested,
    and its workbook's settings."""
    agreement, settings = checked(path, request.day)
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
            ).format(day=say_date(request.day), date=say_date(agreement.date))
        )
    agreed = digest(agreement.data)
    for signature in agreement.signatures:
        if signature.party == request.party and signature.digest == agreed:
            raise UsageError(
                _('--party "{party}" has already signed this text ({name}, {date})').format(
                    party=request.party, name=signature.name, date=say_date(signature.date)
                )
            )
    return agreement, settings


def _signature_record(request: SignRequest, agreed: str, rows: str) -> dict[str, Any]:
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
