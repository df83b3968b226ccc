"""Findings as values: every check yields `Problem`s, and only the engine applies settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from devagree.core.printable import printable
from devagree.i18n import N_


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}
"""The severities as people read them (message ids); JSON and JUnit keep the values."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding at one place. Sorts by file, then position, then code."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    detail: str = ""  # raw technical detail, shown only with --verbose

    @property
    def location(self) -> str:
        """``path:line:column`` to show, control characters in the path escaped."""
        path = printable(self.path)
        if self.line:
            return f"{path}:{self.line}:{self.column}"
        return path

    def with_severity(self, severity: Severity) -> Problem:
        return Problem(
            self.path, self.line, self.column, self.code, severity, self.message, self.detail
        )


def listing(problems: Sequence[Problem], limit: int = 10) -> str:
    """The first ``limit`` problems, one indented line each, and how many more there are."""
    from devagree.i18n import _

    lines = [f"  {p.location} {p.code} {p.message}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append("  " + _("... and {count} more").format(count=len(problems) - limit))
    return "\n".join(lines)
