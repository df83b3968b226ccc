"""devagree render"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devagree.cli.options import PathsArgument, named_paths
from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.core.files import not_regular
from devagree.core.model import Agreement
from devagree.core.paths import display_path
from devagree.core.printable import printable
from devagree.core.strategy_model import Strategy
from devagree.i18n import N_, _

if TYPE_CHECKING:
    from devagree.render import RenderOptions

PASSWORD_ENV = "DEVAGREE_CERT_PASSWORD"


@dataclass(slots=True)
class _Outcome:
    written: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Written:
    """A .docx written for a document, and the lines that say what was written for it."""

    document: Agreement | Strategy
    lines: list[str]


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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help=N_("Render in N processes at once. Default: one per available core."),
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
    from devagree.render import RenderOptions, first_of_each_id, output_path
    from devagree.render.batch import available_cores
    from devagree.workbook.pipeline import check_workbook

    workbook = check_workbook(named_paths(paths), date.today(), start=Path.cwd())
    settings = workbook.settings
    outcome = _Outcome()
    agreements, twins = first_of_each_id(workbook.agreements)
    strategies, strategy_twins = first_of_each_id(workbook.strategies)
    outcome.failed.extend([*twins, *strategy_twins])
    documents: list[Agreement | Strategy] = [*agreements, *strategies]
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
        unreadable = not_regular(template)
        if unreadable == _("no such file"):
            raise UsageError(
                _("the template {path} named in devagree.yaml does not exist").format(
                    path=display_path(template)
                )
            )
        if unreadable is not None:
            raise UsageError(
                _("the template {path} named in devagree.yaml: {problem}").format(
                    path=display_path(template), problem=unreadable
                )
            )
    options = RenderOptions(language=settings.language, template=template)
    targets: list[tuple[Agreement | Strategy, Path]] = []
    for document in documents:
        try:
            targets.append((document, single or output_path(document, folder)))
        except DevagreeError as err:
            outcome.failed.append(f"{printable(document.source)}: {document.id}: {err}")
    written = _render_all(targets, options, jobs or available_cores(), outcome) if targets else {}
    if pdf and written:
        _convert(written, signer, outcome)
    outcome.written = [line for record in written.values() for line in record.lines]
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
    from devagree.signatures.digest import digest, row_digests
    from devagree.signatures.pdf_identity import PdfIdentity, stamp_pdf

    stamp_pdf(pdf, PdfIdentity(agreement.id, digest(agreement.data), row_digests(agreement.data)))


def _render_all(
    targets: list[tuple[Agreement | Strategy, Path]],
    options: RenderOptions,
    jobs: int,
    outcome: _Outcome,
) -> dict[Path, _Written]:
    """Render in ``jobs`` processes and write each file in the documents' order.

    Returns each .docx written (in that order), with its document.
    """
    from devagree.render import write_atomic
    from devagree.render.batch import Renderer

    documents = [document for document, _target in targets]
    written: dict[Path, _Written] = {}
    with (
        Renderer(options, min(jobs, len(documents))) as renderer,
        _progress(len(documents)) as progress,
    ):
        task = progress.add_task(_("Rendering"), total=len(documents))
        for result in renderer.render(documents, lambda n: progress.advance(task, n)):
            document, target = targets[result.index]
            try:
                if result.data is None:
                    raise DevagreeError(result.error)
                write_atomic(target, result.data)
                written[target] = _Written(document, [display_path(target)])
            except DevagreeError as err:
                outcome.failed.append(f"{printable(document.source)}: {document.id}: {err}")
    return written


def _convert(written: dict[Path, _Written], signer: Any, outcome: _Outcome) -> None:
    """PDFs of the written files, converted by one LibreOffice process, then signed."""
    from devagree.render.pdf import docx_to_pdfs, sign_pdf

    with _progress(len(written)) as progress:
        task = progress.add_task(_("Converting to PDF"), total=len(written))
        results = docx_to_pdfs(list(written), lambda: progress.advance(task))
    for docx, record in written.items():
        document = record.document
        try:
            made = results[docx]
            if isinstance(made, DevagreeError):
                raise made
            if isinstance(document, Agreement):
                stamp_identity(made, document)
            if signer is not None:
                sign_pdf(made, signer, reason=f"{document.title} ({document.id})")
            record.lines.append(display_path(made))
        except DevagreeError as err:
            outcome.failed.append(f"{printable(document.source)}: {document.id}: {err}")


def _progress(count: int) -> Any:
    """A progress bar on stderr, for a terminal and two or more documents."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=count < 2 or not console.is_terminal,
    )


def _target(output: Path | None, count: int) -> tuple[Path, Path | None]:
    """The output folder, and the one file when ``-o FILE.docx`` names it."""
    from devagree.cli.options import output_file, output_folder

    if output is not None and output.suffix.lower() == ".docx":
        if count > 1:
            raise UsageError(
                _(
                    "-o {path} names one file, but there are {count} documents to render; "
                    "name a folder instead"
                ).format(path=output, count=count)
            )
        single = output_file(output, "")
        return single.parent, single
    return output_folder(output), None


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
