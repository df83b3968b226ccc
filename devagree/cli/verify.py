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
from devagree.i18n import _, current_language, ngettext, say_date

if TYPE_CHECKING:
    from devagree.core.model import Agreement


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
    signed PDF's signatures are validated again and matched with the recorded ones by their
    certificate fingerprints. Exit code 0 when every signature matches, 1 when any is
    broken, 2 when a file cannot be read.
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
    if pdf is not None:
        if len(workbook.agreements) != 1:
            raise UsageError(_("--pdf needs exactly one agreement file"))
        pdf_lines, pdf_broken = _verify_pdf(workbook.agreements[0], pdf, trust)
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


def _verify_pdf(agreement: Agreement, pdf: Path, trust: Path | None) -> tuple[list[str], int]:
    """Lines about each signature of ``pdf``, and how many do not match the record."""
    from devagree.signatures.digest import changed_lines, digest, row_digests
    from devagree.signatures.signed_pdf import PdfRefused, load_roots, read_signed_pdf

    roots = load_roots(trust) if trust is not None else None
    try:
        signed = read_signed_pdf(pdf, roots)
    except PdfRefused as refused:
        return [_("{pdf}: BROKEN  {reason}").format(pdf=pdf, reason=refused)], 1
    agreed = digest(agreement.data)
    rows = row_digests(agreement.data)
    recorded = {
        s.certificate.fingerprint: s for s in agreement.signatures if s.certificate is not None
    }
    lines: list[str] = []
    broken = 0
    for signer in signed.signers:
        who = f"{signer.name}, {say_date(signer.day)}"
        match = recorded.get(signer.fingerprint)
        identity = signer.identity
        if identity is None or identity.digest != agreed:
            broken += 1
            lines.append(
                _("{pdf}: BROKEN  {who}: the PDF shows another version of the text").format(
                    pdf=pdf, who=who
                )
            )
            if identity is not None and identity.rows:
                lines.extend("    " + line for line in changed_lines(identity.rows, rows))
        elif match is None:
            broken += 1
            lines.append(
                _("{pdf}: NOT RECORDED  {who}: run devagree sign --from-pdf").format(
                    pdf=pdf, who=who
                )
            )
        else:
            if signer.trusted:
                line = _("{pdf}: OK      {party} ({who}), certificate chains to the trust roots")
            else:
                line = _(
                    "{pdf}: OK      {party} ({who}), certificate not validated against a trust root"
                )
            lines.append(line.format(pdf=pdf, party=match.party, who=who))
    return lines, broken
