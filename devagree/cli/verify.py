"""devagree verify"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import PathsArgument, named_paths
from devagree.cli.output import emit
from devagree.core.errors import ExitCode, UsageError
from devagree.core.model import role_label
from devagree.core.paths import display_path
from devagree.core.printable import printable
from devagree.i18n import _, current_language, ngettext, say_date

if TYPE_CHECKING:
    from devagree.core.model import Agreement
    from devagree.core.settings import Settings


def verify(
    paths: PathsArgument = None,
    pdf: Annotated[
        Path | None,
        typer.Option(
            "--pdf",
            metavar="SIGNED.pdf",
            help="Also validate the signatures of this signed PDF again and match them with "
            "the recorded ones (one agreement file).",
            show_default=False,
        ),
    ] = None,
    trust: Annotated[
        Path | None,
        typer.Option(
            "--trust",
            metavar="ROOTS.pem",
            help="With --pdf: the signers' certificates must chain to these root certificates.",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Tell, for each recorded signature, whether the agreement still matches it.

    A broken signature lists the items and rows that changed since signing. With --pdf the
    signed PDF's signatures are validated again, the words on the pages each signer signed
    are held against the agreement's text now (rows that differ are named), and the signers
    are matched with the recorded signatures by their certificate fingerprints. Exit code 0
    when every signature matches, 1 when any is broken, 2 when a file cannot be read.
    """
    if trust is not None and pdf is None:
        raise UsageError(_("--trust only applies with --pdf"))
    from devagree.signatures.recorded import check_signatures
    from devagree.workbook.pipeline import check_workbook

    workbook = check_workbook(named_paths(paths), date.today(), start=Path.cwd())
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
                _("{path}: {id}: no signatures").format(
                    path=printable(agreement.source), id=agreement.id
                )
            )
            continue
        for result in results:
            total += 1
            s = result.signature
            role = role_label(s.party, current_language())
            who = f"{s.name}, {role}" if role else s.name
            said = (
                f"{printable(agreement.source)}: {agreement.id}: "
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
    if pdf is not None:
        if len(workbook.agreements) != 1:
            raise UsageError(_("--pdf needs exactly one agreement file"))
        pdf_lines, pdf_broken = _verify_pdf(workbook.agreements[0], workbook.settings, pdf, trust)
        lines.extend(pdf_lines)
        broken += pdf_broken
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


def _verify_pdf(
    agreement: Agreement, settings: Settings, pdf: Path, trust: Path | None
) -> tuple[list[str], int]:
    """Lines about each signature of ``pdf``, and how many do not match the record.

    The words on the pages each signer signed are held against the words devagree renders
    from the agreement now, as ``sign --from-pdf`` holds them.
    """
    from devagree.render.docx_words import shown_in_workbook
    from devagree.signatures.from_pdf import compare_signed, difference_lines
    from devagree.signatures.signed_pdf import PdfRefused, load_roots, read_signed_pdf

    roots = load_roots(trust) if trust is not None else None
    shown_pdf = printable(display_path(pdf))
    try:
        signed = read_signed_pdf(pdf, roots)
        compared = list(compare_signed(signed, shown_in_workbook(agreement, settings)))
    except PdfRefused as refused:
        return [
            _("{pdf}: BROKEN  {reason}").format(pdf=shown_pdf, reason=printable(str(refused)))
        ], 1
    recorded = {
        s.certificate.fingerprint: s for s in agreement.signatures if s.certificate is not None
    }
    lines: list[str] = []
    broken = 0
    for signer, comparison in compared:
        who = f"{signer.name}, {say_date(signer.day)}"
        match = recorded.get(signer.fingerprint)
        if not comparison.same:
            broken += 1
            lines.append(
                _("{pdf}: BROKEN  {who}: the PDF shows another version of the text").format(
                    pdf=shown_pdf, who=who
                )
            )
            lines.extend("    " + line for line in difference_lines(comparison))
        elif match is None:
            broken += 1
            lines.append(
                _("{pdf}: NOT RECORDED  {who}: run devagree sign --from-pdf").format(
                    pdf=shown_pdf, who=who
                )
            )
        else:
            if signer.trusted:
                line = _("{pdf}: OK      {party} ({who}), certificate chains to the trust roots")
            else:
                line = _(
                    "{pdf}: OK      {party} ({who}), certificate not validated against a trust root"
                )
            lines.append(line.format(pdf=shown_pdf, party=match.party, who=who))
    return lines, broken
