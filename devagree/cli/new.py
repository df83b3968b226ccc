"""devagree new"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.interview import TEXT, Interview
from devagree.cli.options import lock_timeout_from_environment, output_file
from devagree.core.errors import ExitCode, InputError, UsageError
from devagree.core.paths import display_path
from devagree.i18n import _, current_language, document_language, in_language, ngettext

if TYPE_CHECKING:
    from devagree.core.settings import Settings


def existing_ids(settings: Settings) -> dict[str, str]:
    """Ids already used in the workbook, each with the file that has it first."""
    from devagree.workbook.pipeline import workbook_documents

    used: dict[str, str] = {}
    for document in workbook_documents(settings):
        if isinstance(document.data.get("id"), str):
            used.setdefault(document.data["id"], document.path)
    return used


def schema_reference(settings: Settings, target: Path) -> str | None:
    """The agreement schema's path relative to ``target``, when the workbook has a copy."""
    schema = settings.root / "schemas" / "agreement.schema.json"
    if not schema.is_file():
        return None
    try:
        relative = os.path.relpath(schema.absolute(), target.absolute().parent)
    except ValueError:  # another drive on Windows
        return None
    return Path(relative).as_posix()


def new(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write. Default: agreements/<id>.yaml in the workbook.",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Ask nothing; write a skeleton whose rows are still to be filled in "
            "(also when input is not a terminal).",
        ),
    ] = False,
    agreement_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="The agreement's id (lowercase letters, digits, hyphens). Default: from the "
            "organisation and the year, e.g. center-for-sundhed-2027.",
            show_default=False,
        ),
    ] = None,
    organisation: Annotated[
        str,
        typer.Option(
            "--organisation",
            help="The centre the agreement is with; the suggested id and title name it.",
        ),
    ] = "",
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=1900,
            max=9998,
            help="The year of the agreement: the default period is 1 January to 31 December "
            "of it. Default: this year.",
            show_default=False,
        ),
    ] = None,
    renew_from: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE|ID",
            help="Renew this agreement (its file or id) for --year (default: the year after "
            "it): same parties and items, no status or signatures, deadlines before the new "
            "period to revise.",
            show_default=False,
        ),
    ] = None,
    open_only: Annotated[
        bool,
        typer.Option(
            "--open-only", help="With --from: carry over only items not done or cancelled."
        ),
    ] = False,
) -> int:
    """Draft an agreement: asks for title, parties, period, and item by item the 12 rows.

    Multi-line answers end with an empty line. A deadline is shown with the date it means
    and asked again when it cannot be read. Nothing is written before the last answer
    (Ctrl-C leaves no file), and an existing file is never overwritten.
    """
    from devagree.core.write_path import AlreadyExists, create_file
    from devagree.drafting.names import agreement_id as agreement_name
    from devagree.drafting.writer import agreement_text, id_problem, skeleton
    from devagree.workbook.pipeline import load_settings

    settings, _problems, _unreadable = load_settings(Path.cwd())
    if output is not None and not (output.exists() or output.is_symlink()):
        output = output_file(output, "")  # its folder made, as for every -o
    language = document_language(settings.language)
    words = TEXT[current_language()]
    used = existing_ids(settings)
    if renew_from is not None:
        from devagree.workbook.resolve import resolve

        source = resolve(renew_from, settings.root)
        return _renew(source, settings, used, year, agreement_id, output, open_only)
    if open_only:
        raise UsageError(_("--open-only needs --from"))
    the_year = year if year is not None else date.today().year
    folder = settings.root / settings.paths[0]

    def target_for(new_id: str) -> Path:
        return output if output is not None else folder / f"{new_id}.yaml"

    if output is not None and (output.exists() or output.is_symlink()):
        raise UsageError(
            _("{path} already exists; devagree new never overwrites").format(
                path=display_path(output)
            )
        )
    if agreement_id is not None:
        problem = id_problem(agreement_id, used, current_language())
        if problem is not None:
            raise UsageError(f'--id "{agreement_id}": {problem}')

    def id_ok(text: str) -> str | None:
        problem = id_problem(text, used, current_language())
        if problem is None and target_for(text).exists():
            problem = words["exists"].format(path=display_path(target_for(text)))
        return problem

    interactive = not no_input and sys.stdin.isatty()
    if interactive:
        interview = Interview(language, the_year, settings.municipality, id_ok, organisation)
        try:
            draft = interview.run(agreement_id)
        except (KeyboardInterrupt, EOFError):
            print(f"\n{words['interrupted']}", file=sys.stderr)
            return ExitCode.INTERRUPTED
    else:
        if not no_input:
            print(words["not_terminal"], file=sys.stderr)
        chosen = agreement_id or agreement_name(organisation, the_year, language)
        if agreement_id is None and (problem := id_problem(chosen, used, current_language())):
            raise UsageError(
                _('the default id "{id}": {problem}; choose one with --id').format(
                    id=chosen, problem=problem
                )
            )
        draft = skeleton(chosen, the_year, settings.municipality, language, organisation)

    target = target_for(draft.id)
    shown = display_path(target)
    if not interactive and (target.exists() or target.is_symlink()):
        raise UsageError(
            _("{path} already exists; devagree new never overwrites").format(path=shown)
        )
    text = agreement_text(draft, schema_reference(settings, target), language)
    try:
        create_file(target, text, timeout=settings.lock_wait(lock_timeout_from_environment()))
    except AlreadyExists:
        if not interactive:
            raise
        # The file appeared while the questions were answered: keep the answers on screen.
        print(text, end="")
        raise AlreadyExists(
            _(
                "{path} was created by someone else while you answered; nothing was written. "
                "Your draft is printed above: save it under another name, or compare it "
                "with the new file"
            ).format(path=shown)
        ) from None
    if interactive:
        count = len(draft.items)
        print(
            ngettext(
                "Wrote {path} with {count} item. Check it with: devagree check {path}",
                "Wrote {path} with {count} items. Check it with: devagree check {path}",
                count,
            ).format(path=shown, count=count)
        )
    else:
        print(words["wrote_skeleton"].format(path=shown))
    return ExitCode.OK


def _renew(
    source: Path,
    settings: Settings,
    used: dict[str, str],
    year: int | None,
    agreement_id: str | None,
    output: Path | None,
    open_only: bool,
) -> int:
    """`new --from`: next period's draft from an agreement that checks against the schema."""
    from devagree.core.schema import validate
    from devagree.core.write_path import create_file
    from devagree.drafting.renewal import renew
    from devagree.drafting.writer import document_text, id_problem
    from devagree.workbook.pipeline import read_document

    if not source.is_file():
        raise UsageError(_("{file}: no such file").format(file=display_path(source)))
    document, problem = read_document(source)
    if document is None or problem is not None:
        raise InputError(problem.message if problem else "", display_path(source))
    problems = validate(document, "agreement")
    if problems or document.data.get("kind") != "agreement":
        raise InputError(
            _("not a valid agreement; run `devagree check {file}` first").format(
                file=display_path(source)
            ),
            display_path(source),
        )
    old = document.data
    old_year = int(str(old["period"]["start"])[:4])
    new_year = year if year is not None else old_year + 1
    if new_year == old_year:
        raise UsageError(
            _(
                "{file} is already the agreement for {year}; --year names the year of the "
                "new period (for example {next})"
            ).format(file=display_path(source), year=old_year, next=old_year + 1)
        )
    new_id = agreement_id
    if new_id is None:
        base = str(old["id"])
        new_id = re.sub(rf"\b{old_year}\b", str(new_year), base)
        if new_id == base:
            new_id = f"{base}-{new_year}"
    problem_text = id_problem(new_id, used, current_language())
    if problem_text is not None:
        raise UsageError(f'--id "{new_id}": {problem_text}')
    target = output if output is not None else settings.root / settings.paths[0] / f"{new_id}.yaml"
    shown = display_path(target)
    if target.exists() or target.is_symlink():
        raise UsageError(
            _("{file} already exists; devagree new never overwrites").format(file=shown)
        )
    with in_language(settings.language):  # the draft's placeholders in the workbook's words
        renewal = renew(old, new_id, new_year, open_only)
    if not renewal.data["items"]:
        raise UsageError(
            _("every item of {file} is done or cancelled; nothing to carry over").format(
                file=display_path(source)
            )
        )
    with in_language(settings.language):
        header = (
            _("Renewal of {old} for {year}, written by `devagree new --from`.").format(
                old=old["id"], year=new_year
            ),
        )
        text = document_text(
            renewal.data, schema_reference(settings, target), settings.language, header
        )
    create_file(target, text, timeout=settings.lock_wait(lock_timeout_from_environment()))
    count = len(renewal.data["items"])
    print(
        _("Wrote {file}: {items} from {old}.").format(
            file=shown,
            items=ngettext("{count} item", "{count} items", count).format(count=count),
            old=old["id"],
        )
    )
    if renewal.left_out:
        print(
            _("Left out (done or cancelled): items {numbers}.").format(
                numbers=", ".join(str(n) for n in renewal.left_out)
            )
        )
    if renewal.revised:
        print(
            _("Deadlines to revise (before the new period): items {numbers}.").format(
                numbers=", ".join(str(n) for n in renewal.revised)
            )
        )
    return ExitCode.OK
