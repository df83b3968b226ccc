"""A digital signature was recorded without checking who issued the certificate.

`devagree sign --from-pdf` proves that a signed PDF is intact and shows this agreement's
text, and reads who signed it from the certificate. Anyone can make a certificate with any
name, though: only a certificate that chains to a trusted root (for MitID Erhverv, the
Danish state's OCES roots) shows that the name is the signer's. A signature recorded without
`--trust ROOTS.pem` says `trusted: false` under `certificate:` and is reported with this
warning. `devagree verify FILE --pdf SIGNED.pdf --trust ROOTS.pem` checks the chain at any
time; to record the signatures as trusted, remove their entries and record the PDF again with
`devagree sign FILE --from-pdf SIGNED.pdf --trust ROOTS.pem`.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.model import role_label
from devagree.core.problems import Severity
from devagree.i18n import _, current_language, say_date

CODE = "DA215"
SEVERITY = Severity.WARNING
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        for signature in agreement.signatures:
            certificate = signature.certificate
            if certificate is None or certificate.trusted:
                continue
            yield Finding(
                agreement.source,
                (*signature.where, "certificate", "trusted"),
                _(
                    "the signature of {party} ({name}, {day}) was not validated against a "
                    "trust root: the certificate issued by {issuer} may carry any name; "
                    "check it with devagree verify --pdf SIGNED.pdf --trust ROOTS.pem"
                ).format(
                    party=role_label(signature.party, current_language()) or signature.party,
                    name=signature.name,
                    day=say_date(signature.date),
                    issuer=certificate.issuer,
                ),
            )
