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

from devagree.digest import changed_rows, describe_row, digest, row_digests
from devagree.editing import edit_file
from devagree.errors import DevagreeError, ExitCode, UsageError
from devagree.model import Agreement, Signature
from devagree.paths import display_path
from devagree.workbook import check_workbook
from devagree.yamlio import round_trip


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

    def describe_changes(self, language: str = "da") -> list[str]:
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


def signable_agreement(path: Path, as_of: date) -> Agreement:
    """The agreement in ``path``, refused when the file has errors or is no agreement."""
    shown = display_path(path)
    if not path.is_file():
        raise UsageError(f"{shown}: no such file")
    workbook = check_workbook([path], as_of=as_of)
    errors = [p for p in workbook.problems if p.severity.value == "error"]
    if errors:
        listed = "\n".join(f"  {p.location} {p.code} {p.message}" for p in errors[:10])
        more = f"\n  ... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise SignRefused(
            f"{shown} has errors; fix them before signing (devagree check {shown}):\n{listed}{more}"
        )
    if len(workbook.agreements) != 1:
        raise UsageError(f"{shown} is not an agreement file (kind: agreement)")
    return workbook.agreements[0]


def sign(path: Path, request: SignRequest) -> dict[str, Any]:
    """Append a signature to the agreement in ``path``; returns the recorded mapping."""
    shown = display_path(path)
    if not path.is_file():
        raise UsageError(f"{shown}: no such file")
    for label, value in (
        ("--name", request.name),
        ("--title", request.title),
        ("--place", request.place),
    ):
        if value != value.strip() or any(ord(c) < 32 for c in value):
            raise UsageError(f"{label} must be one line without leading or trailing spaces")
    if not request.name:
        raise UsageError("--name must not be empty")
    agreement = signable_agreement(path, request.day)
    roles = [party.role for party in agreement.parties]
    if request.party not in roles:
        raise UsageError(
            f'--party "{request.party}" is not a party of {agreement.id}; '
            f"the roles are: {', '.join(roles)}"
        )
    agreed = digest(agreement.data)
    for signature in agreement.signatures:
        if signature.party == request.party and signature.digest == agreed:
            raise UsageError(
                f"{request.party} has already signed this text "
                f"({signature.name}, {signature.date.isoformat()})"
            )
    return _append_signature(path, request, agreed, row_digests(agreement.data))


def _append_signature(
    path: Path, request: SignRequest, agreed: str, rows: dict[str, str]
) -> dict[str, Any]:
    record: dict[str, Any] = {"party": request.party, "name": request.name}
    if request.title:
        record["title"] = request.title
    record["date"] = request.day
    if request.place:
        record["place"] = request.place
    record["digest"] = agreed
    record["rows"] = rows
    edit_file(path, lambda text: append_records(text, [record]))
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
