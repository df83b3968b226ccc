"""devagree render"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devagree.cli.options import PathsArgument
from devagree.errors import DevagreeError, ExitCode, UsageError
from devagree.i18n import _
from devagree.model import Agreement, Strategy
from devagree.paths import display_path

if TYPE_CHECKING:
    pass

PASSWORD_ENV = "DEVAGREE_CERT_PASSWORD"


@dataclass(slots=True)
class _Outcome:
    written: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def render(
    paths: PathsArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="A folder for the files (named <id>.docx), or FILE.docx for one document. "
            "Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a PDF (needs LibreOffice's soffice).")
    ] = False,
    certificate: Annotated[
        Path | None,
        typer.Option(
            "--certificate",
            metavar="FILE.p12",
            help=f"Sign the PDF (PAdES) with this PKCS#12 certificate; implies --pdf. The "
            f"password is read from ${PASSWORD_ENV} or asked for.",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Render agreements and strategies as Word documents in the layout of the originals.

    One .docx per agreement or strategy, named after its id: an agreement with its item
    tables and signature block, a strategy with its tracks, UN goals, milestones and budget.
    A file that cannot be read or rendered is reported and the others are still rendered;
    the exit code is then 1.
    """
    from devagree.render import (
        RenderOptions,
        output_path,
        render_docx,
        render_strategy_docx,
        write_atomic,
    )
    from devagree.workbook import check_workbook

    workbook = check_workbook(list(paths or []), date.today(), start=Path.cwd())
    settings = workbook.settings
    outcome = _Outcome()
    documents: list[Agreement | Strategy] = [*workbook.agreements, *workbook.strategies]
    rendered_sources = {d.source for d in documents}
    for problem in workbook.problems:
        if problem.severity.value != "error":
            continue
        if problem.path in rendered_sources:
            outcome.warnings.append(f"{problem.location} {problem.code} {problem.message}")
        else:
            outcome.failed.append(f"{problem.location}: {problem.message}")
    if certificate is not None:
        pdf = True
    folder, single = _target(output, len(documents))
    signer = _signer(certificate) if certificate is not None else None
    if pdf:
        from devagree.render.pdf import find_soffice

        find_soffice()
    template = None
    if settings.template:
        template = (settings.root / settings.template).resolve()
        if not template.is_file():
            raise UsageError(
                _("the template {path} named in devagree.yaml does not exist").format(
                    path=display_path(template)
                )
            )
    options = RenderOptions(language=settings.language, template=template)

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=len(documents) < 2 or not console.is_terminal,
    ) as progress:
        task = progress.add_task(_("Rendering"), total=len(documents))
        for document in documents:
            progress.update(task, description=_("Rendering {id}").format(id=document.id))
            try:
                target = single or output_path(document, folder)
                if isinstance(document, Strategy):
                    data = render_strategy_docx(document, options)
                else:
                    data = render_docx(document, options)
                write_atomic(target, data)
                outcome.written.append(display_path(target))
                if pdf:
                    from devagree.render.pdf import docx_to_pdf, sign_pdf

                    made = docx_to_pdf(target, target.parent)
                    if isinstance(document, Agreement):
                        stamp_identity(made, document)
                    if signer is not None:
                        sign_pdf(made, signer, reason=f"{document.title} ({document.id})")
                    outcome.written.append(display_path(made))
            except DevagreeError as err:
                outcome.failed.append(f"{document.source}: {document.id}: {err}")
            progress.advance(task)
    for line in outcome.warnings:
        print(_("warning: {problem}").format(problem=line), file=sys.stderr)
    for line in outcome.failed:
        print(_("failed: {problem}").format(problem=line), file=sys.stderr)
    for line in outcome.written:
        print(_("wrote {path}").format(path=line))
    if workbook.unreadable and not outcome.written:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if outcome.failed else ExitCode.OK


def stamp_identity(pdf: Path, agreement: Agreement) -> None:
    """The agreement's id and digests into the PDF, before anyone signs it."""
    from devagree.digest import digest, row_digests
    from devagree.pdf_identity import PdfIdentity, stamp_pdf

    stamp_pdf(pdf, PdfIdentity(agreement.id, digest(agreement.data), row_digests(agreement.data)))


def _target(output: Path | None, count: int) -> tuple[Path, Path | None]:
    """The output folder, and the one file when ``-o FILE.docx`` names it."""
    if output is None:
        return Path.cwd(), None
    if output.suffix.lower() == ".docx":
        if count > 1:
            raise UsageError(
                _(
                    "-o {path} names one file, but there are {count} documents to render; "
                    "name a folder instead"
                ).format(path=output, count=count)
            )
        if not output.parent.is_dir():
            raise UsageError(_("{path}: no such folder").format(path=output.parent))
        return output.parent, output
    if output.exists() and not output.is_dir():
        raise UsageError(
            _("-o {path}: not a folder (name a folder, or FILE.docx)").format(path=output)
        )
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(
            _("-o {path}: cannot create the folder ({reason})").format(
                path=output, reason=err.strerror
            )
        ) from None
    return output, None


def _signer(certificate: Path) -> Any:
    from devagree.render.pdf import load_signer

    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise UsageError(
                _("the certificate password is needed: set ${variable} for unattended use").format(
                    variable=PASSWORD_ENV
                )
            )
        password = typer.prompt(_("Password for {path}").format(path=certificate), hide_input=True)
    return load_signer(certificate, password.encode("utf-8"))
