"""Recorded signatures compared with the agreement's text now.

A signature stores the digest of the agreed text and a short digest per part (or, in a
signature recorded before, a full digest per part), so a later change can be named ("item
2, Mål (goal)") instead of only detected. Pure: ``check`` (DA210) and ``verify`` both ask
here.
"""

from __future__ import annotations

from dataclasses import dataclass

from devagree.core.model import Agreement, Signature
from devagree.signatures.digest import (
    changed_rows,
    describe_row,
    digest,
    read_marks,
    row_digests,
    row_marks,
)


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
    results: list[SignatureCheck] = []
    for index, signature in enumerate(agreement.signatures):
        if signature.digest == now_digest:
            results.append(SignatureCheck(agreement, signature, index, True, ()))
            continue
        results.append(
            SignatureCheck(agreement, signature, index, False, _changed(agreement, signature))
        )
    return results


def _changed(agreement: Agreement, signature: Signature) -> tuple[str, ...]:
    """The parts that differ from what ``signature`` recorded (none when it recorded none)."""
    if signature.marks:
        signed = read_marks(signature.marks)
        now = read_marks(row_marks(agreement.data))
        if signed is None or now is None:
            return ()
        return tuple(changed_rows(signed, now))
    if signature.rows:
        return tuple(changed_rows(signature.rows, row_digests(agreement.data)))
    return ()
