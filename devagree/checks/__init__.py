"""The registry of problem codes: reading and schema codes, then one module per rule.

Adding a rule is adding a module with ``CODE``, ``SEVERITY``, ``check`` and a docstring (its
first line is the title, the rest its reference text), and listing it in ``RULES`` below.
A rule whose findings for a file depend on that file alone, and not on the day, says so
with ``PER_DOCUMENT = True``, and `check` keeps its findings in its cache; any other rule
runs on every check.
"""

from __future__ import annotations

from devagree.checks import (
    budget_ranges,
    deadline_in_period,
    deadline_readable,
    ids_safe,
    ids_unique,
    links,
    numbering,
    overdue,
    period_order,
    placeholders,
    rows_filled,
    signature_trust,
    signatures,
    status_order,
    track_ids,
)
from devagree.checks.base import Code, Context, Finding, rule
from devagree.checks.reading import READING_CODES

RULES: tuple[Code, ...] = tuple(
    rule(module)
    for module in (
        rows_filled,
        numbering,
        ids_unique,
        ids_safe,
        period_order,
        deadline_readable,
        deadline_in_period,
        overdue,
        placeholders,
        signatures,
        links,
        track_ids,
        budget_ranges,
        status_order,
        signature_trust,
    )
)

CODES: dict[str, Code] = {
    code.code: code for code in sorted((*READING_CODES, *RULES), key=lambda c: c.code)
}
"""Every problem code devagree can report, by code, in order."""

__all__ = ["CODES", "RULES", "Code", "Context", "Finding"]
