"""Recording the signers of a signed PDF, after proving it shows the agreement's text now.

``prepare`` reads the PDF (``signatures.signed_pdf``) and compares the text each signer signed
with the agreement in the file: same id, same digest. A PDF of another version of the text is
refused with the parts that differ, named as ``verify`` names them (the PDF carries the digest
of every part). ``record`` then appends one signature per signer through the one write path,
and checks again, under the file lock, that the text on disk is still the text the PDF shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devagree.core.errors import UsageError
from devagree.core.loader import LoadError, load
from devagree.core.model import Agreement
from devagree.core.paths import display_path
from devagree.core.settings import Settings
from devagree.core.write_path import edit_file
from devagree.i18n import _
from devagree.signatures.digest import changed_lines, digest, row_digests, row_marks
from devagree.signatures.signed_pdf import PdfRefused, PdfSigner, SignedPdf, read_signed_pdf
from devagree.signatures.signing import CheckedAgreement, SignRefused, append_records

METHOD = "pades"


@dataclass(frozen=True, slots=True)
class PdfSigning:
    """A signed PDF that shows the agreement's text now, ready to be recorded."""

    path: Path
    agreement: Agreement
    pdf: SignedPdf
    agreed: str
    rows: dict[str, str]
    settings: Settings

    @property
    def roles(self) -> list[str]:
        return [party.role for party in self.agreement.parties]

    def describe_signers(self) -> list[str]:
        """One line per signer, in signing order, for prompts and refusals."""
        return [
            _("{number}. {name}, signed {day}, certificate issued by {issuer}").format(
                number=number, name=s.name, day=s.day.isoformat(), issuer=s.issuer
            )
            for number, s in enumerate(self.pdf.signers, start=1)
        ]


def prepare(
    path: Path,
    pdf: Path,
    roots: list[bytes] | None,
    as_of: date,
    checked: CheckedAgreement,
) -> PdfSigning:
    """Everything short of writing: the agreement checks (``checked``, the pipeline's check of
    one file), the PDF proves, the text matches."""
    agreement, settings = checked(path, as_of)
    try:
        signed = read_signed_pdf(pdf, roots)
    except PdfRefused as refused:
        raise PdfRefused(_("{reason}; nothing was recorded").format(reason=refused)) from None
    agreed = digest(agreement.data)
    rows = row_digests(agreement.data)
    for signer in signed.signers:
        _same_text(agreement, signer, agreed, rows, pdf)
    for signer in signed.signers:
        for recorded in agreement.signatures:
            certificate = recorded.certificate
            if (
                certificate is not None
                and certificate.fingerprint == signer.fingerprint
                and recorded.digest == agreed
            ):
                raise UsageError(
                    _(
                        "the signature of {name} ({day}) is already recorded for this text "
                        "(as {party}); nothing was written"
                    ).format(name=signer.name, day=recorded.date.isoformat(), party=recorded.party)
                )
    return PdfSigning(path, agreement, signed, agreed, rows, settings)


def _same_text(
    agreement: Agreement, signer: PdfSigner, agreed: str, rows: dict[str, str], pdf: Path
) -> None:
    identity = signer.identity
    if identity is None:
        raise PdfRefused(
            _(
                "{pdf}: the revision {name} signed names no agreement digest (it was not "
                "rendered by devagree); nothing was recorded"
            ).format(pdf=pdf, name=signer.name)
        )
    if identity.agreement_id != agreement.id:
        raise PdfRefused(
            _("{pdf} shows the agreement {other}, not {id}; nothing was recorded").format(
                pdf=pdf, other=identity.agreement_id, id=agreement.id
            )
        )
    if identity.digest == agreed:
        return
    changed = changed_lines(identity.rows, rows) if identity.rows else []
    listed = "".join("\n    " + line for line in changed)
    raise PdfRefused(
        _(
            "{pdf} shows another version of the text of {id} than the file holds now "
            "(signed {signed}, now {now}); nothing was recorded"
        ).format(pdf=pdf, id=agreement.id, signed=identity.digest, now=agreed)
        + listed
    )


def record(
    prepared: PdfSigning, parties: list[str], *, lock_timeout: float | None = None
) -> list[dict[str, Any]]:
    """Append one signature per signer, in signing order, with the party each signed for."""
    signers = prepared.pdf.signers
    roles = prepared.roles
    for party in parties:
        if party not in roles:
            raise UsageError(
                _('--party "{party}" is not a party of {id}; the roles are: {roles}').format(
                    party=party, id=prepared.agreement.id, roles=", ".join(roles)
                )
            )
    if len(parties) != len(signers):
        raise UsageError(
            _(
                "the PDF has {count} signatures; give --party once per signature, in this "
                "order:\n  {signers}\nthe roles are: {roles}"
            ).format(
                count=len(signers),
                signers="\n  ".join(prepared.describe_signers()),
                roles=", ".join(roles),
            )
        )
    records = [
        _record(prepared, signer, party) for signer, party in zip(signers, parties, strict=True)
    ]
    shown = display_path(prepared.path)

    def change(text: str) -> str:
        try:
            now = digest(load(shown, text).data)
        except LoadError:
            now = ""
        if now != prepared.agreed:
            raise SignRefused(
                _(
                    "{path} changed while the PDF was being checked; its text is no longer "
                    "the text the PDF shows. Nothing was written"
                ).format(path=shown)
            )
        return append_records(text, records)

    edit_file(prepared.path, change, timeout=prepared.settings.lock_wait(lock_timeout))
    return records


def _record(prepared: PdfSigning, signer: PdfSigner, party: str) -> dict[str, Any]:
    return {
        "party": party,
        "name": signer.name,
        "date": signer.day,
        "method": METHOD,
        "certificate": {
            "fingerprint": signer.fingerprint,
            "issuer": signer.issuer,
            "trusted": signer.trusted,
        },
        "pdf": prepared.pdf.sha256,
        "digest": prepared.agreed,
        "rows": row_marks(prepared.agreement.data),
    }
