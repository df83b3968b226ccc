"""Recording signatures and telling whether the text is still the text that was signed.

A signature stores the digest of the agreed text (see ``devagree.digest``) and a digest per
part, so a later change can be named ("item 2, Mål (goal)") instead of only detected.
``sign`` edits the round-trip YAML tree: every comment and every line of the file stays as
it was, the signature is appended at the end of ``signatures:``, and the file is replaced
atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devagree.atomic import write_atomic
from devagree.digest import changed_rows, describe_row, digest, row_digests
from devagree.errors import DevagreeError, ExitCode, UsageError
from devagree.i18n import _
from devagree.model import Agreement, Signature
from devagree.paths import display_path
from devagree.workbook import check_workbook
from devagree.yamlio import read_text, round_trip


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


def sign(path: Path, request: SignRequest) -> dict[str, Any]:
    """Append a signature to the agreement in ``path``; returns the recorded mapping."""
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
    workbook = check_workbook([path], as_of=request.day)
    errors = [p for p in workbook.problems if p.severity.value == "error"]
    if errors:
        listed = "\n".join(f"  {p.location} {p.code} {p.message}" for p in errors[:10])
        more = (
            "\n  " + _("... and {count} more").format(count=len(errors) - 10)
            if len(errors) > 10
            else ""
        )
        raise SignRefused(
            _("{path} has errors; fix them before signing (devagree check {path}):").format(
                path=shown
            )
            + f"\n{listed}{more}"
        )
    if len(workbook.agreements) != 1:
        raise UsageError(_("{path} is not an agreement file (kind: agreement)").format(path=shown))
    agreement = workbook.agreements[0]
    roles = [party.role for party in agreement.parties]
    if request.party not in roles:
        raise UsageError(
            _('--party "{party}" is not a party of {id}; the roles are: {roles}').format(
                party=request.party, id=agreement.id, roles=", ".join(roles)
            )
        )
    agreed = digest(agreement.data)
    for signature in agreement.signatures:
        if signature.party == request.party and signature.digest == agreed:
            raise UsageError(
                _('--party "{party}" has already signed this text ({name}, {date})').format(
                    party=request.party, name=signature.name, date=signature.date.isoformat()
                )
            )
    return _append_signature(path, request, agreed, row_digests(agreement.data))


def _append_signature(
    path: Path, request: SignRequest, agreed: str, rows: dict[str, str]
) -> dict[str, Any]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    text = read_text(path)
    yaml = round_trip()
    tree = yaml.load(text)
    record = CommentedMap()
    record["party"] = request.party
    record["name"] = request.name
    if request.title:
        record["title"] = request.title
    record["date"] = request.day
    if request.place:
        record["place"] = request.place
    record["digest"] = agreed
    record["rows"] = CommentedMap(rows)
    signatures = tree.get("signatures")
    if not isinstance(signatures, CommentedSeq) or not signatures:
        signatures = CommentedSeq()
        tree["signatures"] = signatures
    signatures.append(record)
    out = io.StringIO()
    yaml.dump(tree, out)
    write_atomic(path, out.getvalue())
    return dict(record)
