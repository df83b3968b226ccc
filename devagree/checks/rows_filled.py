"""A row of an item is empty.

Every item carries the twelve rows of the seed agreement (Politisk mål, Mål, Koblinger,
Målgruppe, Aktivitet, Deadline, Ansvarlig, Tværgående forpligtelser, Ressourcer, Baseline,
Effektindikator, Dokumentation). A row that is present but holds no text, or a list with an
empty entry, is reported: write what applies, or "Ingen" where nothing does, as the seed
agreement does.
"""

from __future__ import annotations

from collections.abc import Iterator

from devagree.checks.base import Context, Finding
from devagree.core.model import ROWS
from devagree.core.problems import Severity
from devagree.i18n import _

CODE = "DA201"
SEVERITY = Severity.ERROR
PER_DOCUMENT = True


def check(context: Context) -> Iterator[Finding]:
    for agreement in context.agreements:
        for item in agreement.items:
            for row in ROWS:
                value = item.rows[row.key]
                where = (*item.where, row.key)
                if isinstance(value, list):
                    blanks = [i for i, text in enumerate(value) if not text.strip()]
                    for index in blanks:
                        yield Finding(
                            agreement.source,
                            (*where, index),
                            _(
                                "entry {entry} of the row `{key}` ({label}) of item "
                                "{number} is empty"
                            ).format(
                                entry=index + 1, key=row.key, label=_(row.label), number=item.number
                            ),
                        )
                elif not value.strip():
                    yield Finding(
                        agreement.source,
                        where,
                        _("the row `{key}` ({label}) of item {number} is empty").format(
                            key=row.key, label=_(row.label), number=item.number
                        ),
                    )
