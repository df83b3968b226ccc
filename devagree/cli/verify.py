"""devagree verify"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from devagree.cli.options import PathsArgument
from devagree.cli.output import emit
from devagree.errors import ExitCode
from devagree.i18n import _, current_language, ngettext, say_date
from devagree.model import role_label

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
            lines.append(
                _("{place}: cannot verify: {problem}").format(
                    place=problem.location, problem=problem.message
                )
            )
    for agreement in workbook.agreements:
        results = check_signatures(agreement)
        if not results:
            lines.append(
                _("{path}: {id}: no signatures").format(path=agreement.source, id=agreement.id)
            )
            continue
        for result in results:
            total += 1
            s = result.signature
            role = role_label(s.party, current_language())
            who = f"{s.name}, {role}" if role else s.name
            said = (
                f"{agreement.source}: {agreement.id}: "
                + "{verdict}"
                + f"  {who} ({say_date(s.date)})"
            )
            if result.ok:
                lines.append(said.format(verdict=_("OK")))
                continue
            broken += 1
            lines.append(said.format(verdict=_("BROKEN")))
            changes = result.describe_changes()
            if changes:
                lines.extend(
                    "    " + _("changed: {part}").format(part=change) for change in changes
                )
            else:
                lines.append("    " + _("the text changed (this signature has no row digests)"))
    lines.append(
        ngettext(
            "{total} signature verified, {broken} broken.",
            "{total} signatures verified, {broken} broken.",
            total,
        ).format(total=total, broken=broken)
    )
    emit("\n".join(lines))
    if workbook.unreadable:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if broken else ExitCode.OK
