"""devagree verify"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from devagree.cli.options import PathsArgument
from devagree.cli.output import emit
from devagree.errors import ExitCode

if TYPE_CHECKING:
    pass


def verify(paths: PathsArgument = None) -> int:
    """Tell, for each recorded signature, whether the agreement still matches it.

    A broken signature lists the items and rows that changed since signing. Exit code 0
    when every signature matches, 1 when any is broken, 2 when a file cannot be read.
    """
    from devagree.signing import check_signatures
    from devagree.workbook import check_workbook

    workbook = check_workbook(list(paths or []), date.today(), start=Path.cwd())
    lines: list[str] = []
    broken = total = 0
    for problem in workbook.problems:
        readable = any(a.source == problem.path for a in workbook.agreements)
        if problem.severity.value == "error" and not readable:
            lines.append(f"{problem.location}: cannot verify: {problem.message}")
    language = workbook.settings.language
    for agreement in workbook.agreements:
        results = check_signatures(agreement)
        if not results:
            lines.append(f"{agreement.source}: {agreement.id}: no signatures")
            continue
        for result in results:
            total += 1
            s = result.signature
            who = f"{s.party} ({s.name}, {s.date.isoformat()})"
            if result.ok:
                lines.append(f"{agreement.source}: {agreement.id}: OK      {who}")
                continue
            broken += 1
            lines.append(f"{agreement.source}: {agreement.id}: BROKEN  {who}")
            changes = result.describe_changes(language)
            if changes:
                lines.extend(f"    changed: {change}" for change in changes)
            else:
                lines.append("    the text changed (this signature has no row digests)")
    lines.append(f"{total} signature{'s' if total != 1 else ''} verified, {broken} broken.")
    emit("\n".join(lines))
    if workbook.unreadable:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if broken else ExitCode.OK
