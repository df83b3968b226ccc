"""Recording the signers of a signed PDF, after proving it shows the agreement's text now.

``prepare`` reads the PDF (``signatures.signed_pdf``) and holds the words on the pages each
signer signed against the words devagree renders from the agreement in the file now
(``signatures.shown_text``; the renderer is handed down as ``shown_for``). A PDF of another
version of the text is refused with the parts whose words differ, named as ``verify`` names
them, and so is one whose signature page prints another fingerprint. What the PDF's document
information says (``pdf_identity``) is a hint only. ``record`` then appends one signature per
signer through the one write path, and checks again, under the file lock, that the text on
disk is still the text the PDF shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devagree.core.errors import UsageError
from devagree.core.loader import LoadError, load
from devagree.core.model import Agreement
from devagree.core.paths import display_path
from devagree.core.printable import printable
from devagree.core.settings import Settings
from devagree.core.write_path import edit_file
from devagree.i18n import _
from devagree.signatures.digest import describe_row, digest, row_digests, row_marks
from devagree.signatures.pdf_words import PdfTextUnreadable, read_pages
from devagree.signatures.shown_text import SIGNATURES, Comparison, ShownText, compare
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


ShownFor = Callable[[Agreement, Settings], ShownText]
"""The words devagree renders from an agreement in its workbook (``render.docx_words``)."""


def prepare(
    path: Path,
    pdf: Path,
    roots: list[bytes] | None,
    as_of: date,
    checked: CheckedAgreement,
    shown_for: ShownFor,
) -> PdfSigning:
    """Everything short of writing: the agreement checks (``checked``, the pipeline's check of
    one file), the PDF proves, its pages show the text."""
    agreement, settings = checked(path, as_of)
    try:
        signed = read_signed_pdf(pdf, roots)
    except PdfRefused as refused:
        raise PdfRefused(_("{reason}; nothing was recorded").format(reason=refused)) from None
    shown = shown_for(agreement, settings)
    for signer, comparison in compare_signed(signed, shown):
        if not comparison.same:
            raise PdfRefused(
                _(
                    "{pdf}: the pages {name} signed show another version of the text of {id} "
                    "than the file holds now; nothing was recorded"
                ).format(pdf=display_path(pdf), name=signer.name, id=agreement.id)
                + _hint(signer, agreement)
                + "".join("\n    " + line for line in difference_lines(comparison))
            )
    agreed = digest(agreement.data)
    rows = row_digests(agreement.data)
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


def compare_signed(signed: SignedPdf, shown: ShownText) -> Iterator[tuple[PdfSigner, Comparison]]:
    """Each signer with the comparison of the pages it signed against ``shown``.

    Every signer's revision is read on its own: what one signer saw proves nothing about the
    bytes another signed.
    """
    for signer in signed.signers:
        try:
            pages = read_pages(signed.revision(signer))
        except PdfTextUnreadable:
            raise PdfRefused(
                _("{pdf}: the text on the pages {name} signed cannot be read").format(
                    pdf=display_path(signed.path), name=signer.name
                )
            ) from None
        yield signer, compare(shown, pages)


def difference_lines(comparison: Comparison) -> list[str]:
    """What differs, a line each: the rows, the fingerprint, the pages' headers."""
    lines = [
        _("changed: {row}").format(row=describe_row(part))
        for part in comparison.parts
        if part != SIGNATURES
    ]
    if SIGNATURES in comparison.parts:
        lines.append(_("changed: the signature block after the fingerprint"))
    if comparison.printed_fingerprint is None:
        lines.append(_("the signature page shows no fingerprint of the text"))
    elif not comparison.fingerprint_ok:
        lines.append(
            _(
                "the fingerprint printed on the signature page is {printed}; the agreement's "
                "is {expected}"
            ).format(
                printed=printable(comparison.printed_fingerprint, 40),
                expected=comparison.expected_fingerprint,
            )
        )
    lines.extend(
        _("the header or footer of page {page} is not the one devagree renders").format(page=page)
        for page in comparison.pages
    )
    return lines


def _hint(signer: PdfSigner, agreement: Agreement) -> str:
    """What the PDF's document information names, when it names another agreement."""
    identity = signer.identity
    if identity is None or identity.agreement_id == agreement.id:
        return ""
    return " " + _("(its document information names the agreement {other})").format(
        other=printable(identity.agreement_id, 80)
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
