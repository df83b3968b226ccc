"""devagree import"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devagree.cli.options import lock_timeout_from_environment, output_file, output_folder
from devagree.core.errors import ExitCode, UsageError
from devagree.core.paths import display_path
from devagree.core.printable import printable_lines
from devagree.i18n import _, current_language, in_language, ngettext

if TYPE_CHECKING:
    from rich.console import Console

    from devagree.core.settings import Settings
    from devagree.importing import Imported

SUFFIXES = (".docx", ".docm", ".doc", ".odt", ".rtf", ".pdf")


def _documents(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("~$")
            )
        else:
            found.append(path)
    return found


def _short(text: str, width: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Word documents (.docx, .doc, .odt, .rtf), PDFs, or folders of them.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="OUT.yaml for one document, or a folder for <id>.yaml files. Default: the "
            "workbook's agreements folder.",
            show_default=False,
        ),
    ] = None,
    agreement_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="The agreement's id (one document only). Default: from the "
            "organisation and the year.",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=1900,
            max=9998,
            help="The calendar year of the period, for documents that name no period or year.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Write nothing: the YAML alone on standard output, the summary on standard error.",
        ),
    ] = False,
    again: Annotated[
        bool,
        typer.Option(
            "--again",
            help="Import a document the workbook already holds an agreement from, once more.",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show, per item and field, where in the document its text was read and its "
            "first words.",
        ),
    ] = False,
) -> int:
    """Import Word or PDF agreements: every row into its field, the rest listed as unplaced.

    Items are found from the document's structure: an item begins where the row labels
    (tables with a label column, or paragraphs that begin with a label such as "Politisk
    mål:") start again, under the heading just before it; a section without labels (an
    appendix, the signatures) is no item. The front gives title, centre, date, parties,
    period, purpose and vision. What the document does not say becomes a TODO placeholder
    that `devagree check` reports (DA209); text that fits no field is kept under `unplaced`
    with where it stood. The agreement records the document's name and SHA-256
    (`imported_from`), and a document already imported is refused unless --again is given.
    An existing file is never overwritten. Exit code 2 when one document cannot be read, 1
    when some documents of a batch failed (the others are imported).
    """
    from devagree.cli.new import schema_reference
    from devagree.core.write_path import create_file
    from devagree.drafting.writer import document_text, id_problem
    from devagree.importing import ImportFailure, import_document, slug_for
    from devagree.importing.explain import explanation
    from devagree.workbook.pipeline import load_settings

    settings, _problems, _unreadable = load_settings(Path.cwd())
    timeout = settings.lock_wait(lock_timeout_from_environment())
    documents = _documents(paths)
    if not documents:
        raise UsageError(
            _("no Word documents or PDFs (.docx, .doc, .odt, .rtf, .pdf) in the paths given")
        )
    single_file = output is not None and output.suffix.lower() in (".yaml", ".yml")
    if single_file and len(documents) > 1:
        raise UsageError(
            _("-o names one file, but {count} documents are imported; name a folder").format(
                count=len(documents)
            )
        )
    if agreement_id is not None and len(documents) > 1:
        raise UsageError(_("--id can only be used when one document is imported"))
    used, recorded = _workbook_records(settings)
    if agreement_id is not None:
        problem = id_problem(agreement_id, used, current_language())
        if problem is not None:
            raise UsageError(f'--id "{agreement_id}": {problem}')
    if output is not None and not dry_run:  # its folder made, as for every -o
        output = output_file(output, "") if single_file else output_folder(output)
    folder = output if output is not None and not single_file else settings.root / settings.paths[0]

    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    console = errors if dry_run else Console(highlight=False, soft_wrap=True)
    failed = 0
    written: list[str] = []
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=errors,
        transient=True,
        disable=len(documents) < 2 or not errors.is_terminal,
    ) as progress:
        task = progress.add_task(_("Importing"), total=len(documents))
        for document in documents:
            progress.update(task, description=_("Importing {file}").format(file=document.name))
            try:
                imported = import_document(
                    document,
                    settings.import_labels,
                    settings.municipality,
                    settings.language,
                    year,
                )
                holder = recorded.get(imported.sha256)
                if holder is not None and not again:
                    raise ImportFailure(
                        _(
                            "{file}: this document is already imported, as the agreement "
                            "{id} ({path}); give --again to import it once more"
                        ).format(file=document, id=holder[0], path=holder[1])
                    )
                new_id = agreement_id or _free_id(slug_for(imported.data), used, folder)
                target = output if single_file and output is not None else folder / f"{new_id}.yaml"
                if target.exists() or target.is_symlink():
                    raise ImportFailure(
                        _(
                            "{file}: {target} already exists; devagree import never overwrites"
                        ).format(file=document, target=display_path(target))
                    )
                data = _file_data(new_id, imported, document)
                with in_language(settings.language):
                    text = document_text(
                        data,
                        schema_reference(settings, target),
                        settings.language,
                        (
                            _(
                                "Imported from {file} by `devagree import`; check it with "
                                "`devagree check`."
                            ).format(file=document.name),
                        ),
                    )
            except ImportFailure as err:
                failed += 1
                progress.console.print(f"[red]✗[/red] {escape(printable_lines(str(err)))}")
                progress.advance(task)
                continue
            used[new_id] = display_path(target)
            recorded[imported.sha256] = (new_id, display_path(target))
            if not dry_run:
                create_file(target, text, timeout=timeout)
            else:
                written.append(text)
            _summary(console, imported, display_path(target), len(data["items"]), dry_run)
            if explain:
                for line in explanation(imported, data, current_language()):
                    console.print(escape(line))
            progress.advance(task)
    if written:
        sys.stdout.write("---\n".join(written))
    if failed and len(documents) == 1:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if failed else ExitCode.OK


def _summary(console: Console, imported: Imported, target: str, items: int, dry_run: bool) -> None:
    from rich.markup import escape

    counted = ngettext("{count} item", "{count} items", items).format(count=items)
    summary = _("{file} → {target}: {items}, {unplaced} unplaced").format(
        file=imported.source.name, target=target, items=counted, unplaced=len(imported.unplaced)
    )
    if dry_run:
        summary = _("{summary}; nothing was written (--dry-run)").format(summary=summary)
    console.print(f"[green]✓[/green] {escape(printable_lines(summary))}")
    for note in imported.notes:
        shown = _("note: {note}").format(note=note)
        console.print(f"    {escape(printable_lines(shown))}")
    for entry in imported.unplaced:
        line = _("unplaced, {where}: {text}").format(
            where=entry["where"], text=_short(entry["text"])
        )
        console.print(f"    {escape(printable_lines(line))}")


def _workbook_records(settings: Settings) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """The ids used in the workbook (each with its file), and the documents its agreements
    were imported from (SHA-256 → the agreement's id and file)."""
    from devagree.workbook.pipeline import workbook_documents

    used: dict[str, str] = {}
    imported: dict[str, tuple[str, str]] = {}
    for document in workbook_documents(settings):
        data = document.data
        if isinstance(data.get("id"), str):
            used.setdefault(data["id"], document.path)
        source = data.get("imported_from")
        if isinstance(source, dict) and isinstance(source.get("sha256"), str):
            holder = (str(data.get("id", "?")), document.path)
            imported.setdefault(source["sha256"].lower(), holder)
    return used, imported


def _free_id(base: str, used: dict[str, str], folder: Path) -> str:
    from devagree.drafting.names import ID_MAX

    candidate, count = base, 1
    while candidate in used or (folder / f"{candidate}.yaml").exists():
        count += 1
        suffix = f"-{count}"
        candidate = base[: ID_MAX - len(suffix)] + suffix
    return candidate


def _file_data(new_id: str, imported: Imported, document: Path) -> dict[str, Any]:
    source = {"file": document.name, "sha256": imported.sha256}
    out: dict[str, Any] = {
        "kind": "agreement",
        "version": 1,
        "id": new_id,
        "imported_from": source,
        **imported.data,
    }
    if imported.unplaced:
        out["unplaced"] = imported.unplaced
    return out
