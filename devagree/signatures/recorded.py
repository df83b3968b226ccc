"""Recorded signatures compared with the agreement's text now.

A signature stores the digest of the agreed text and a digest per part, so a later change
can be named ("item 2, Mål (goal)") instead of only detected. Pure: ``check`` (DA210) and
``verify`` both ask here.
"""

from __future__ import annotations

from dataclasses import dataclass

from devagree.core.model import Agreement, Signature
from devagree.signatures.digest import changed_rows, describe_row, digest, row_digests


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
