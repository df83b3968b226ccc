"""A recorded signature no longer matches the agreement's text.

Every signature stores the digest of the agreed text at signing (everything except
`signatures` and follow-up `status`). When a word, number or date of the agreement changes
afterwards, the signature no longer covers the text in the file, and the document must not
be presented as signed. Either undo the change, or remove the old signatures and sign again
(`devagree sign`); `devagree verify` lists the items and rows that changed. Recording
follow-up status never breaks a signature.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.problems import Severity
from devagree.i18n import _, say_date

CODE = "DA210"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    from devagree.signatures.recorded import check_signatures

    for agreement in context.agreements:
        for result in check_signatures(agreement):
            if result.ok:
                continue
            signature = result.signature
            changes = result.describe_changes()
            message = _("the signature of {name} ({date}) no longer matches the text").format(
                name=signature.name, date=say_date(signature.date)
            )
            if changes:
                message += _("; changed: {changes}").format(changes="; ".join(changes))
            yield Finding(agreement.source, (*signature.where, "digest"), message)
