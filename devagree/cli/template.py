"""devagree template export"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devagree.core.errors import ExitCode, UsageError
from devagree.i18n import _

app = typer.Typer(help="The Word template devagree renders with.", no_args_is_help=True)


@app.command("export")
def export(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write the template (.docx); -o says the same.", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.docx",
            help="Where to write the template. Default: skabelon.docx (template.docx in "
            "English) in the current folder.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> int:
    """Write the built-in template, to restyle in Word and name as `template:` in devagree.yaml.

    Keep the style names devagree uses (Normal, Title, Heading 1, Heading 2, List Bullet,
    List Bullet 2, List Number, Table Grid); change their fonts, colours and spacing, the page
    margins, and the header and footer (a logo, the municipality's letterhead) as you like.
    """
    from devagree.cli.options import output_file
    from devagree.core.resources import data_file
    from devagree.core.write_path import write_atomic

    if file is not None and output is not None:
        raise UsageError(_("name the template's file once: with -o FILE.docx"))
    chosen = output if output is not None else file
    if chosen is not None and chosen.suffix.lower() != ".docx":
        raise UsageError(_("{path}: the template must be a .docx file").format(path=chosen))
    target = output_file(chosen, _("template") + ".docx")
    if target.exists() and not force:
        raise UsageError(_("{path} exists; use --force to replace it").format(path=target))
    write_atomic(target, data_file("templates", "default.docx").read_bytes())
    typer.echo(_("wrote {path}").format(path=target))
    return ExitCode.OK
